import { useEffect } from 'react';
import { Breadcrumb, Card, Col, Row, Space, Tabs } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCollaboration } from '../../api/collaborations.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { ErrorState, PageLoading } from '../../components/page-state.tsx';
import { CollaborationHeader } from './collaboration-header.tsx';
import { ProgressSummary } from './progress-summary.tsx';
import { RemarksLog } from './remarks-log.tsx';
import { MeetingsTab } from './meetings-tab.tsx';
import { ActionItemsTab } from './action-items-tab.tsx';
import { HistoryTab } from './history-tab.tsx';
import { CollaborationChannelsTab } from '../channels/collaboration-channels-tab.tsx';
import { ArchivedBanner } from '../archive/archived-banner.tsx';
import { DeliverablesCard } from '../archive/deliverables-card.tsx';
import { RecordActions } from '../archive/record-actions.tsx';

const TABS = ['meetings', 'actionItems', 'history', 'channels'] as const;
type TabKey = (typeof TABS)[number];

/** The collaboration page: header, 整体进度, 风险与备注, and tabs for meetings, action items and history (?tab= keeps the link). */
export function CollaborationPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'meetings';
  const query = useCollaboration(id);
  const c = query.data;

  useEffect(() => {
    document.title = `${c?.topic ?? t('nav.collaborations')} · ${t('app.name')}`;
  }, [c?.topic, t]);

  const breadcrumb = <Breadcrumb items={[{ title: <Link to="/collaborations">{t('nav.collaborations')}</Link> }, { title: c?.topic ?? '…' }]} />;
  if (query.isPending) return <PageLoading />;
  if (query.isError || !c) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {breadcrumb}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'flex-start' }}>{breadcrumb}<RecordActions collaboration={c} /></div>
      {c.archived && <ArchivedBanner collaboration={c} />}
      <CollaborationHeader collaboration={c} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('collaboration.progressSummary')} size="small">
              <ProgressSummary collaboration={c} />
            </Card>
            <Card size="small">
              <Tabs
                activeKey={tab === 'channels' && !c.abilities.manageChannels ? 'meetings' : tab}
                onChange={(key) => setParams((p) => (p.set('tab', key), p), { replace: true })}
                items={[
                  { key: 'meetings', label: t('collaboration.tabMeetings', { count: c.meetings.length }), children: <MeetingsTab collaboration={c} /> },
                  { key: 'actionItems', label: t('collaboration.tabActionItems', { count: c.actionItems.length }), children: <ActionItemsTab collaboration={c} /> },
                  { key: 'history', label: t('collaboration.tabHistory'), children: <HistoryTab collaboration={c} /> },
                  ...(c.abilities.manageChannels ? [{ key: 'channels', label: t('channels.tab'), children: <CollaborationChannelsTab collaboration={c} /> }] : []),
                ]}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('collaboration.remarks')} size="small">
              <RemarksLog collaboration={c} />
            </Card>
            {c.archived && <DeliverablesCard collaboration={c} />}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
