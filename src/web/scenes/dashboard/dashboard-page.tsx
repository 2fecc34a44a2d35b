import { useEffect, type ReactNode } from 'react';
import { Card, Col, Progress, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { useActionItemsPage } from '../../api/action-items.ts';
import { useCollaborations } from '../../api/collaborations.ts';
import { useNotifications } from '../../api/notifications.ts';
import type { ActionItem } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ActionItemStatusTag, HealthTag, OverdueTag } from '../../components/tags.tsx';
import { NotificationList } from '../../components/notification-list.tsx';
import { addDays } from '../../../domain/calendar-date.ts';
import { endOfWeek, groupByDue } from './group-by-due.ts';
import { MeetingDutiesCard, meetingDutyLinks, useMeetingDuties } from './meeting-duties.tsx';

/** The filtered lists behind the dashboard's numbers: each number is a link to exactly these rows. */
export function dashboardLinks(today: string) {
  const mine = 'ownerId=me&status=open';
  return {
    overdue: `/action-items?${mine}&overdue=true`,
    thisWeek: `/action-items?${mine}&dueAfter=${today}&dueBefore=${endOfWeek(today)}`,
    later: `/action-items?${mine}&dueAfter=${addDays(endOfWeek(today), 1)}`,
    allMine: `/action-items?${mine}`,
    atRisk: '/collaborations?health=at_risk',
  };
}

function StatLink({ to, title, value, tone }: { to: string; title: string; value: number | undefined; tone?: 'danger' | 'warning' }) {
  const color = tone === 'danger' && value ? '#cf1322' : tone === 'warning' && value ? '#d48806' : undefined;
  return (
    <Link to={to} aria-label={`${title}: ${value ?? '…'}`} style={{ display: 'block' }}>
      <Card size="small" hoverable>
        <Statistic title={title} value={value ?? '–'} styles={{ content: color ? { color } : {} }} />
      </Card>
    </Link>
  );
}

function ItemRow({ item }: { item: ActionItem }) {
  const { t } = useI18n();
  const format = useFormat();
  if (item.restricted) {
    return (
      <li style={rowStyle}>
        <Typography.Text type="secondary">{t('item.restricted')}</Typography.Text>
        <div style={metaStyle}>{t('item.due', { date: format.date(item.dueDate) })}</div>
      </li>
    );
  }
  return (
    <li style={rowStyle}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Link to={`/collaborations/${item.collaborationId}?tab=actionItems`} style={{ fontWeight: 500 }}>
          {item.description}
        </Link>
        <OverdueTag days={item.daysOverdue} />
      </div>
      <div style={{ ...metaStyle, display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center' }}>
        <span>{t('item.due', { date: format.date(item.dueDate) })}</span>
        <span>{item.collaborationTopic}</span>
        <ActionItemStatusTag status={item.status} />
        <Progress percent={item.progress} size="small" style={{ width: 120, margin: 0 }} aria-label={t('item.progress')} />
      </div>
    </li>
  );
}

const rowStyle = { padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' } as const;
const metaStyle = { color: 'rgba(0,0,0,0.55)', fontSize: 13, marginTop: 4 } as const;

function ItemGroup({ title, items, link, empty }: { title: string; items: ActionItem[]; link: string; empty: string }) {
  const { t } = useI18n();
  return (
    <section aria-label={title} style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 15, margin: '8px 0 0' }}>
        <Link to={link}>{t('dashboard.groupTitle', { title, count: items.length })}</Link>
      </Typography.Title>
      {items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {empty}
        </Typography.Paragraph>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CardBody({ query, children }: { query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }; children: () => ReactNode }) {
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children()}</>;
}

/** 工作台: my open items by urgency, collaborations at risk, my recent notifications. */
export function DashboardPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { user } = useCurrentUser();
  const items = useActionItemsPage({ ownerId: 'me', status: 'open' });
  const atRisk = useCollaborations({ health: 'at_risk' }, 200);
  const duties = useMeetingDuties();
  const notifications = useNotifications(20);
  const links = dashboardLinks(format.today);

  useEffect(() => {
    document.title = `${t('nav.dashboard')} · ${t('app.name')}`;
  }, [t]);

  const groups = items.data ? groupByDue(items.data.items, format.today) : undefined;
  const riskRows = atRisk.data?.pages.flatMap((p) => p.items) ?? [];
  const shownRisks = riskRows.slice(0, 5);
  const recent = notifications.data?.items.slice(0, 5) ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('dashboard.greeting', { name: user.name })}</Typography.Text>
      </div>

      <Row gutter={[12, 12]}>
        <Col xs={12} sm={8} xl={4}>
          <StatLink to={links.overdue} title={t('dashboard.overdue')} value={groups?.overdue.length} tone="danger" />
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <StatLink to={links.thisWeek} title={t('dashboard.dueThisWeek')} value={groups?.thisWeek.length} tone="warning" />
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <StatLink to={links.later} title={t('dashboard.later')} value={groups?.later.length} />
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <StatLink to={links.atRisk} title={t('dashboard.atRisk')} value={atRisk.data ? riskRows.length : undefined} tone="warning" />
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <StatLink to={meetingDutyLinks.toPublish} title={t('dashboard.toPublish')} value={duties.toPublish.data?.items.length} tone={duties.toPublish.data?.items.some((m) => m.isPublishOverdue) ? 'danger' : 'warning'} />
        </Col>
        <Col xs={12} sm={8} xl={4}>
          <StatLink to={meetingDutyLinks.agendaToSend} title={t('dashboard.agendaToSend')} value={duties.agendaToSend.data?.items.length} tone="warning" />
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('dashboard.myItems')} extra={<Link to={links.allMine}>{t('common.viewAll')}</Link>}>
            <CardBody query={items}>
              {() =>
                items.data!.items.length === 0 ? (
                  <EmptyState description={t('dashboard.noItems')} />
                ) : (
                  <>
                    <ItemGroup title={t('dashboard.overdue')} items={groups!.overdue} link={links.overdue} empty={t('dashboard.noneOverdue')} />
                    <ItemGroup title={t('dashboard.dueThisWeek')} items={groups!.thisWeek} link={links.thisWeek} empty={t('dashboard.noneThisWeek')} />
                    <ItemGroup title={t('dashboard.later')} items={groups!.later} link={links.later} empty={t('dashboard.noneLater')} />
                  </>
                )
              }
            </CardBody>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <MeetingDutiesCard duties={duties} />
            <Card title={t('dashboard.atRisk')} extra={<Link to={links.atRisk}>{t('common.viewAll')}</Link>}>
              <CardBody query={atRisk}>
                {() =>
                  riskRows.length === 0 ? (
                    <EmptyState description={t('dashboard.noneAtRisk')} />
                  ) : (
                    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                      {shownRisks.map((c) => (
                        <li key={c.id} style={rowStyle}>
                          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                            <Link to={`/collaborations/${c.id}`} style={{ fontWeight: 500 }}>
                              {c.topic}
                            </Link>
                            <HealthTag health={c.health} />
                          </div>
                          <div style={metaStyle}>
                            {c.initiatingDepartment.name} · {t('collaboration.openCount', { open: c.counts.open, overdue: c.counts.overdue })}
                          </div>
                        </li>
                      ))}
                    </ul>
                  )
                }
              </CardBody>
            </Card>
            <Card title={t('dashboard.notifications')} extra={notifications.data ? t('dashboard.unread', { count: notifications.data.unreadCount }) : null}>
              <CardBody query={notifications}>
                {() => (recent.length === 0 ? <EmptyState description={t('notifications.empty')} /> : <NotificationList items={recent} />)}
              </CardBody>
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
