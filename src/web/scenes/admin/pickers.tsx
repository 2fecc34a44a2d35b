import { useDeferredValue, useMemo, useState } from 'react';
import { Select, TreeSelect } from 'antd';
import { useUserSearch } from '../../api/admin.ts';
import type { Department } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

type TreeOption = { value: string; title: string; children: TreeOption[]; disabled?: boolean };

/** The department tree as TreeSelect options; `excludeId` and its sub-departments are left out (a department cannot sit under itself). */
export function departmentTreeOptions(tree: Department[], excludeId?: string): TreeOption[] {
  return tree
    .filter((d) => d.id !== excludeId)
    .map((d) => ({ value: d.id, title: d.name, children: departmentTreeOptions(d.children, excludeId) }));
}

type PickerProps<V> = { id?: string; value?: V; onChange?: (value: V) => void; 'aria-label'?: string };

/** A department picker over the tree; `multiple` for a person's departments. */
export function DepartmentPicker({
  tree,
  excludeId,
  multiple,
  placeholder,
  ...props
}: PickerProps<string | string[] | null> & { tree: Department[]; excludeId?: string; multiple?: boolean; placeholder?: string }) {
  const treeData = useMemo(() => departmentTreeOptions(tree, excludeId), [tree, excludeId]);
  return (
    <TreeSelect
      {...props}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.((value as string | string[] | undefined) ?? (multiple ? [] : null))}
      treeData={treeData}
      treeDefaultExpandAll
      allowClear
      multiple={multiple}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}

/**
 * An active person, found by name as the admin types (GET /users?q=). `current` names the person
 * already chosen, so the field shows a name before any search has run.
 */
export function UserPicker({ current, placeholder, ...props }: PickerProps<string | null> & { current?: { id: string; name: string } | null; placeholder?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const search = useUserSearch(useDeferredValue(q.trim()));
  const options = useMemo(() => {
    const found = (search.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, email: u.email }));
    if (current && !found.some((o) => o.value === current.id)) found.unshift({ value: current.id, label: current.name, email: '' });
    return found;
  }, [search.data, current]);
  return (
    <Select
      {...props}
      value={props.value ?? undefined}
      onChange={(value: string | undefined) => props.onChange?.(value ?? null)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={search.isFetching}
      placeholder={placeholder}
      notFoundContent={search.isFetching ? t('common.loading') : t('admin.noPeopleFound')}
      options={options}
      optionRender={(option) => (
        <span>
          <span>{option.data.label}</span>
          {option.data.email ? <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8, fontSize: 12 }}>{option.data.email}</span> : null}
        </span>
      )}
      style={{ width: '100%' }}
    />
  );
}
