import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { Department } from '../../api/types.ts';

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
