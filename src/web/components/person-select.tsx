import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { useDepartments } from '../api/organization.ts';
import { usePeopleSearch, type Person } from '../api/people.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';

/** Someone already chosen, named by the record that was loaded (the search may not list them). */
export type KnownPerson = { id: string; name: string };

type CommonProps = {
  /** Given by antd's Form.Item so its label points at the box. */
  id?: string;
  /** Names of people the value may already hold. */
  known?: KnownPerson[];
  placeholder?: string;
  disabled?: boolean;
  status?: '' | 'error' | 'warning';
  'aria-label'?: string;
};

type SingleProps = CommonProps & { multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void };
type MultipleProps = CommonProps & { multiple: true; value?: string[]; onChange?: (value: string[]) => void };

const SEARCH_DELAY_MS = 250;
type OptionData = NonNullable<SelectProps['options']>[number];

/**
 * Picks people — never departments (template: 负责人需具体到个人) — by typing part of a name or email,
 * searched on the server (GET /users?q=). Each option shows the person's departments, so two 张工 can be
 * told apart. Names of chosen people stay shown while the search lists others.
 */
export function PersonSelect(props: SingleProps | MultipleProps) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const people = usePeopleSearch(query, open || query !== '');
  const departments = useDepartments();
  const seen = useRef(new Map<string, string>());

  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const departmentName = useMemo(() => new Map((departments.data?.options ?? []).map((d) => [d.id, d.name])), [departments.data]);
  const departmentsOf = (person: Person) =>
    person.departmentIds
      .map((id) => departmentName.get(id))
      .filter(Boolean)
      .join(t('history.listSeparator'));

  for (const person of props.known ?? []) if (!seen.current.has(person.id)) seen.current.set(person.id, person.name);
  const found = people.data?.items ?? [];
  for (const person of found) seen.current.set(person.id, person.name);

  // The chosen show their name; the list shows each person's departments beside it.
  const chosen = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  const options = [
    ...found.map((p) => ({ value: p.id, label: p.name, departments: departmentsOf(p) })),
    ...chosen.filter((id) => !found.some((p) => p.id === id)).map((id) => ({ value: id, label: seen.current.get(id) ?? t('people.unknown'), departments: '' })),
  ];

  const common = {
    id: props.id,
    showSearch: { filterOption: false, onSearch: setTyped, autoClearSearchValue: true },
    onOpenChange: setOpen,
    loading: people.isFetching,
    options,
    optionRender: (option: { data: OptionData }) => (
      <span>
        {option.data.label}
        {typeof option.data.departments === 'string' && option.data.departments && <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8 }}>{option.data.departments}</span>}
      </span>
    ),
    placeholder: props.placeholder ?? t('people.searchPlaceholder'),
    disabled: props.disabled,
    status: props.status,
    'aria-label': props['aria-label'],
    notFoundContent: people.isFetching ? t('common.loading') : t('people.noMatch'),
    style: { width: '100%' },
    onBlur: () => setTyped(''),
  };
  if (props.multiple) {
    return <Select<string[]> {...common} mode="multiple" value={props.value ?? []} onChange={(v) => props.onChange?.(v)} />;
  }
  return <Select<string> {...common} allowClear value={props.value ?? undefined} onChange={(v) => props.onChange?.(v ?? undefined)} />;
}
