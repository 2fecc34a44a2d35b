import { useMemo } from 'react';
import { Button, Timeline, Typography } from 'antd';
import { useCollaborationHistory } from '../../api/collaborations.ts';
import { useMe } from '../../api/auth.ts';
import type { Collaboration } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { historySentences, type HistoryContext } from './history-sentences.ts';

/** The names a history sentence may need, from what the collaboration page already holds. */
function useHistoryContext(collaboration: Collaboration): HistoryContext {
  const { t, locale } = useI18n();
  const format = useFormat();
  const { data: me } = useMe();
  return useMemo(() => {
    const people = new Map<string, string>();
    const add = (p: { id: string; name: string | null } | null) => p?.name && people.set(p.id, p.name);
    add(collaboration.creator);
    add(collaboration.owner);
    collaboration.meetings.forEach((m) => (add(m.host), add(m.recorder)));
    collaboration.actionItems.forEach((i) => add(i.owner));
    collaboration.remarks.forEach((r) => add(r.author));
    const departments = new Map([collaboration.initiatingDepartment, ...collaboration.participatingDepartments].map((d) => [d.id, d.name]));
    const items = new Map(collaboration.actionItems.flatMap((i) => ('description' in i && i.description ? [[i.id, i.description] as const] : [])));
    const meetings = new Map(collaboration.meetings.map((m) => [m.id, m.title ?? collaboration.topic]));
    const codes = new Map((me?.settings?.delayReasonCodes ?? []).map((c) => [c.code, locale === 'en' ? c.labelEn : c.labelZh]));
    return {
      t,
      date: format.date,
      instant: format.instant,
      personName: (id) => people.get(id) ?? null,
      departmentName: (id) => departments.get(id) ?? null,
      itemName: (id) => items.get(id) ?? null,
      meetingName: (id) => meetings.get(id) ?? null,
      delayCodeLabel: (code) => codes.get(code) ?? null,
    };
  }, [collaboration, t, locale, format, me]);
}

/** 历史: every change to the collaboration and what is in it, newest first, as sentences. */
export function HistoryTab({ collaboration }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const format = useFormat();
  const history = useCollaborationHistory(collaboration.id);
  const context = useHistoryContext(collaboration);

  if (history.isPending) return <PageLoading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const events = history.data.pages.flatMap((p) => p.items);
  if (events.length === 0) return <EmptyState description={t('history.emptyLog')} />;

  return (
    <div>
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          content: (
            <div>
              {historySentences(e, context).map((line, i) => (
                <div key={i}>{line}</div>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.at ? format.instant(e.at) : ''}
              </Typography.Text>
            </div>
          ),
        }))}
      />
      {history.hasNextPage && (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </div>
  );
}
