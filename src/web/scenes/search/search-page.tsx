import { useEffect, useMemo } from 'react';
import { Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { SEARCH_KINDS, useSearch, type SearchResultKind } from '../../api/search.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { SearchResultItem } from './search-result-item.tsx';

type KindFilter = SearchResultKind | 'all';

/** What to try when nothing matched: shorter words, other words, and that everything one may read is searched. */
function NothingFound({ q }: { q: string }) {
  const { t } = useI18n();
  return (
    <EmptyState
      description={
        <div style={{ textAlign: 'start', maxWidth: 440, margin: '0 auto' }}>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {t('search.noResults', { q })}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('search.tryTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
            <li>{t('search.tryShorter')}</li>
            <li>{t('search.tryOtherWords')}</li>
            <li>{t('search.tryScope')}</li>
          </ul>
        </div>
      }
    />
  );
}

/**
 * 搜索 (/search?q=&kind=): everything the user may read that contains the words — collaborations, topics
 * (discussion, feedback, disagreements, consensus), action items, progress updates and remarks, archived
 * or not — best first, filterable by kind, a page at a time. The address is the search: it can be shared.
 */
export function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const kindParam = params.get('kind');
  const kind: KindFilter = (SEARCH_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as SearchResultKind) : 'all';
  const search = useSearch(q);
  const results = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const counts = useMemo(() => {
    const byKind = new Map<SearchResultKind, number>();
    for (const r of results) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
    return byKind;
  }, [results]);
  const shown = kind === 'all' ? results : results.filter((r) => r.kind === kind);

  useEffect(() => {
    document.title = `${q ? t('search.titleFor', { q }) : t('search.title')} · ${t('app.name')}`;
  }, [q, t]);

  const setQuery = (text: string) => {
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (kind !== 'all') next.set('kind', kind);
    setParams(next);
  };
  const setKind = (next: KindFilter) =>
    setParams(
      (p) => {
        if (next === 'all') p.delete('kind');
        else p.set('kind', next);
        return p;
      },
      { replace: true },
    );
  const more = search.hasNextPage ? '+' : '';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('search.title')}
      </Typography.Title>
      <div role="search">
        <Input.Search
          key={q}
          defaultValue={q}
          size="large"
          allowClear
          enterButton={t('search.submit')}
          aria-label={t('search.queryLabel')}
          placeholder={t('search.placeholder')}
          onSearch={setQuery}
        />
      </div>
      {!q ? (
        <Card>
          <EmptyState description={t('search.prompt')} />
        </Card>
      ) : search.isPending ? (
        <PageLoading />
      ) : search.isError ? (
        <ErrorState error={search.error} onRetry={() => void search.refetch()} />
      ) : results.length === 0 ? (
        <Card>
          <NothingFound q={q} />
        </Card>
      ) : (
        <Card styles={{ body: { paddingTop: 12 } }}>
          <div role="group" aria-label={t('search.kindFilter')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 4 }}>
            {(['all', ...SEARCH_KINDS] as KindFilter[])
              .filter((k) => k === 'all' || counts.has(k) || k === kind)
              .map((k) => (
                <Tag.CheckableTag key={k} checked={kind === k} onChange={() => setKind(k)} style={{ marginInlineEnd: 0, paddingBlock: 2 }}>
                  {k === 'all' ? t('search.kind.all') : t(`search.kind.${k}`)} {k === 'all' ? `${results.length}${more}` : (counts.get(k) ?? 0)}
                </Tag.CheckableTag>
              ))}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }} role="status">
            {search.hasNextPage ? t('search.countMore', { count: results.length }) : t('search.count', { count: results.length })}
          </Typography.Text>
          {shown.length === 0 ? (
            <EmptyState description={t('search.noneOfKindLoaded')} />
          ) : (
            <ol aria-label={t('search.results')} style={{ margin: 0, padding: 0 }}>
              {shown.map((r) => (
                <SearchResultItem key={`${r.kind}:${r.id}`} result={r} />
              ))}
            </ol>
          )}
          {search.hasNextPage && (
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              <Button onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </div>
          )}
        </Card>
      )}
    </Space>
  );
}
