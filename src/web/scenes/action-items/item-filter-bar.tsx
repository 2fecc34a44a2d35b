import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Button, Col, DatePicker, Input, Row, Select, Switch } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { usePeopleSearch } from '../../api/people.ts';
import type { ActionItemFilters, CollaborationListItem, Page } from '../../api/types.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { ITEM_STATUSES, type ItemView } from './item-filters.ts';

type SetFilter = (changes: Partial<Record<keyof ActionItemFilters, string | undefined>>) => void;

function useDebounced(value: string, ms = 250): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Owner: everyone, "me", or one person found by name (GET /users?q=). */
function OwnerFilter({ value, onChange, knownName }: { value?: string; onChange: (v: string | undefined) => void; knownName?: string }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const [open, setOpen] = useState(false);
  const people = usePeopleSearch(q, open || q !== '');
  const names = useRef(new Map<string, string>());
  for (const p of people.data?.items ?? []) names.current.set(p.id, p.name);
  if (value && knownName) names.current.set(value, knownName);
  const found = people.data?.items ?? [];
  const options = [
    { value: 'me', label: t('items.mine') },
    ...found.map((p) => ({ value: p.id, label: p.name })),
    ...(value && value !== 'me' && !found.some((p) => p.id === value) ? [{ value, label: names.current.get(value) ?? t('itemFilters.someone') }] : []),
  ];
  return (
    <Select
      style={{ width: '100%' }}
      allowClear
      aria-label={t('items.owner')}
      placeholder={t('itemFilters.ownerAll')}
      value={value}
      onChange={(v?: string) => {
        setTyped('');
        onChange(v);
      }}
      onOpenChange={setOpen}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={options}
      loading={people.isFetching}
    />
  );
}

/** Collaboration: found by topic (GET /collaborations?q=). */
function CollaborationFilter({ value, onChange, knownTopic }: { value?: string; onChange: (v: string | undefined) => void; knownTopic?: string }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['collaborations', 'options', q],
    queryFn: ({ signal }) => api.get<Page<CollaborationListItem>>('/collaborations', { q: q || undefined, limit: 20 }, signal),
    enabled: open || q !== '',
    staleTime: 60_000,
  });
  const topics = useRef(new Map<string, string>());
  for (const c of list.data?.items ?? []) topics.current.set(c.id, c.topic);
  if (value && knownTopic) topics.current.set(value, knownTopic);
  const found = list.data?.items ?? [];
  const options = [
    ...found.map((c) => ({ value: c.id, label: c.topic })),
    ...(value && !found.some((c) => c.id === value) ? [{ value, label: topics.current.get(value) ?? t('itemFilters.someCollaboration') }] : []),
  ];
  return (
    <Select
      style={{ width: '100%' }}
      allowClear
      aria-label={t('itemFilters.collaboration')}
      placeholder={t('itemFilters.collaborationAll')}
      value={value}
      onChange={(v?: string) => {
        setTyped('');
        onChange(v);
      }}
      onOpenChange={setOpen}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={options}
      loading={list.isFetching}
    />
  );
}

/**
 * The filters of the action item list and board — owner (incl. "me"), collaboration, status (list
 * only: the board's columns are the statuses), overdue, due between, text — all kept in the address
 * bar so a filtered view is a link. On a phone they fold behind one button.
 */
export function ItemFilterBar({
  filters,
  view,
  set,
  clear,
  names,
}: {
  filters: ActionItemFilters;
  view: ItemView;
  set: SetFilter;
  clear: () => void;
  /** Labels for ids in the address bar, from the items already shown. */
  names: { owner?: string; collaboration?: string };
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [expanded, setExpanded] = useState(false);
  const active = useMemo(
    () => (['ownerId', 'collaborationId', 'overdue', 'dueAfter', 'dueBefore', ...(view === 'list' ? (['status'] as const) : [])] as const).filter((k) => filters[k] !== undefined).length,
    [filters, view],
  );

  const search = (
    <Input.Search
      key={filters.q ?? ''}
      defaultValue={filters.q}
      allowClear
      placeholder={t('items.searchPlaceholder')}
      aria-label={t('items.searchPlaceholder')}
      onSearch={(q) => set({ q: q.trim() || undefined })}
    />
  );

  const rest = (
    <Row gutter={[8, 8]} align="middle">
      <Col xs={24} sm={12} lg={5}>
        <OwnerFilter value={filters.ownerId} onChange={(v) => set({ ownerId: v })} knownName={names.owner} />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <CollaborationFilter value={filters.collaborationId} onChange={(v) => set({ collaborationId: v })} knownTopic={names.collaboration} />
      </Col>
      {view === 'list' && (
        <Col xs={24} sm={12} lg={4}>
          <Select
            style={{ width: '100%' }}
            allowClear
            aria-label={t('item.status')}
            placeholder={t('itemFilters.statusAll')}
            value={filters.status}
            onChange={(v?: string) => set({ status: v })}
            options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`itemStatus.${s}`) }))}
          />
        </Col>
      )}
      <Col xs={24} sm={12} lg={6}>
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          allowEmpty={[true, true]}
          aria-label={t('itemFilters.dueBetween')}
          placeholder={[t('itemFilters.dueAfter'), t('itemFilters.dueBefore')]}
          value={[filters.dueAfter ? dayjs(filters.dueAfter) : null, filters.dueBefore ? dayjs(filters.dueBefore) : null]}
          onChange={(range) => set({ dueAfter: range?.[0]?.format('YYYY-MM-DD'), dueBefore: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </Col>
      <Col xs={24} sm={12} lg={3}>
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', cursor: 'pointer', whiteSpace: 'nowrap' }}>
          <Switch size="small" checked={Boolean(filters.overdue)} onChange={(on) => set({ overdue: on ? 'true' : undefined })} />
          {t('items.overdueOnly')}
        </label>
      </Col>
      {active > 0 && (
        <Col xs={24} lg={24}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={clear}>
            {t('itemFilters.clear')}
          </Button>
        </Col>
      )}
    </Row>
  );

  if (!isMobile) {
    return (
      <div role="group" aria-label={t('itemFilters.label')} style={{ display: 'grid', gap: 8 }}>
        <div style={{ maxWidth: 420 }}>{search}</div>
        {rest}
      </div>
    );
  }
  return (
    <div role="group" aria-label={t('itemFilters.label')} style={{ display: 'grid', gap: 8 }}>
      <div style={{ display: 'flex', gap: 8 }}>
        <div style={{ flex: 1, minWidth: 0 }}>{search}</div>
        <Badge count={active} size="small">
          <Button icon={<FilterOutlined />} aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
            {t('itemFilters.button')}
          </Button>
        </Badge>
      </div>
      {expanded && rest}
    </div>
  );
}
