import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Popconfirm, Progress, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, LockOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useAcceptActionItem, useActionItem } from '../../api/action-items.ts';
import type { ActionItem } from '../../api/types.ts';
import { ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ActionItemStatusTag, OverdueTag } from '../../components/tags.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EditItemModal } from './edit-item-modal.tsx';
import { ProgressTimeline } from './progress-timeline.tsx';
import { ProgressUpdateForm } from './progress-update-form.tsx';
import { ReopenModal } from './reopen-modal.tsx';
import { AttachmentsCard } from './attachments-card.tsx';

type VisibleItem = Extract<ActionItem, { restricted: false }>;

/** Where the item stands against its date: overdue days, or the day the owner should report by. */
function Timing({ item }: { item: VisibleItem }) {
  const { t } = useI18n();
  const format = useFormat();
  if (item.daysOverdue > 0) return <OverdueTag days={item.daysOverdue} />;
  if (item.updateDueOn) {
    const late = item.updateDueOn < format.today;
    return <Typography.Text type={late ? 'warning' : 'secondary'}>{t('itemPage.updateDueOn', { date: format.date(item.updateDueOn) })}</Typography.Text>;
  }
  return null;
}

function Acceptance({ item }: { item: VisibleItem }) {
  const { t } = useI18n();
  const format = useFormat();
  if (item.acceptedAt) {
    return (
      <Tag color="success" icon={<CheckCircleOutlined />}>
        {item.acceptedByName ? t('itemPage.acceptedBy', { name: item.acceptedByName, at: format.instant(item.acceptedAt) }) : t('itemPage.acceptedAt', { at: format.instant(item.acceptedAt) })}
      </Tag>
    );
  }
  if (item.status === 'done') return <Tag color="processing">{t('itemPage.awaitingAcceptance')}</Tag>;
  return <Typography.Text type="secondary">{t('itemPage.notDoneYet')}</Typography.Text>;
}

function Elements({ item }: { item: VisibleItem }) {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const moved = item.originalDueDate && item.originalDueDate !== item.dueDate;
  const rows: { key: string; label: string; children: ReactNode }[] = [
    { key: 'description', label: t('field.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{item.description}</span> },
    { key: 'owner', label: t('item.owner'), children: item.owner.name },
    {
      key: 'due',
      label: t('item.dueDate'),
      children: (
        <Space size={[8, 4]} wrap>
          <span>{format.date(item.dueDate)}</span>
          {moved && <Typography.Text type="secondary">{t('itemPage.originalDue', { date: format.date(item.originalDueDate!) })}</Typography.Text>}
          <Timing item={item} />
        </Space>
      ),
    },
    { key: 'deliverable', label: t('field.deliverable'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{item.deliverable}</span> },
    {
      key: 'status',
      label: t('item.status'),
      children: (
        <Space size={[8, 4]} wrap>
          <ActionItemStatusTag status={item.status} />
          {item.statusText && <span>{item.statusText}</span>}
          {item.isStale && <Tag color="warning">{t('itemPage.stale')}</Tag>}
        </Space>
      ),
    },
    { key: 'progress', label: t('item.progress'), children: <Progress percent={item.progress} aria-label={t('item.progress')} style={{ maxWidth: 320, margin: 0 }} /> },
    { key: 'acceptance', label: t('itemPage.acceptance'), children: <Acceptance item={item} /> },
  ];
  return <Descriptions column={1} size="small" bordered={!isMobile} layout={isMobile ? 'vertical' : 'horizontal'} items={rows} styles={{ label: { width: isMobile ? undefined : 120 } }} />;
}

/** What the caller may do here, from the item's abilities: edit, accept, reopen. */
function Actions({ item, onEdit, onReopen }: { item: VisibleItem; onEdit: () => void; onReopen: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const accept = useAcceptActionItem();
  const { abilities } = item;
  if (!abilities.update && !abilities.accept && !abilities.reopen) return null;
  return (
    <Space wrap>
      {abilities.accept && (
        <Popconfirm
          title={t('itemPage.acceptConfirm')}
          okText={t('itemPage.accept')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            accept.mutateAsync(item.id).then(
              () => void message.success(t('itemPage.accepted')),
              (error: unknown) => void message.error(error instanceof Error ? error.message : t('error.generic')),
            )
          }
        >
          <Button type="primary" icon={<CheckCircleOutlined />} loading={accept.isPending}>
            {t('itemPage.accept')}
          </Button>
        </Popconfirm>
      )}
      {abilities.reopen && (
        <Button icon={<RollbackOutlined />} onClick={onReopen}>
          {t('itemPage.reopen')}
        </Button>
      )}
      {abilities.update && (
        <Button icon={<EditOutlined />} onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
    </Space>
  );
}

/**
 * An action item (/action-items/:id): its four elements, owner, status and progress, lateness, the
 * acceptance, the progress timeline, and the update form for whoever may report on it.
 */
export function ActionItemPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const { id = '' } = useParams();
  const query = useActionItem(id);
  const [editing, setEditing] = useState(false);
  const [reopening, setReopening] = useState(false);
  const item = query.data;

  useEffect(() => {
    const title = item && !item.restricted ? item.description : t('nav.actionItems');
    document.title = `${title} · ${t('app.name')}`;
  }, [item, t]);

  const crumbs = (topic?: string) => (
    <Breadcrumb
      items={[
        { title: <Link to="/action-items">{t('nav.actionItems')}</Link> },
        ...(item && topic ? [{ title: <Link to={`/collaborations/${item.collaborationId}?tab=actionItems`}>{topic}</Link> }] : []),
      ]}
    />
  );

  if (query.isPending) return <PageLoading />;
  if (query.isError || !item) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {crumbs()}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Space>
    );
  }

  if (item.restricted) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {crumbs()}
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          <LockOutlined /> {t('item.restricted')}
        </Typography.Title>
        <Alert type="info" showIcon title={t('itemPage.restrictedHint')} />
        <Card size="small">
          <Space size={[12, 4]} wrap>
            <span>{t('item.owner')}: {item.owner.name}</span>
            <ActionItemStatusTag status={item.status} />
          </Space>
        </Card>
      </Space>
    );
  }

  const updateCard = item.abilities.postUpdate ? (
    <Card title={t('itemPage.postUpdate')} size="small">
      <ProgressUpdateForm item={item} />
    </Card>
  ) : null;
  const timelineCard = (
    <Card title={t('itemPage.timeline')} size="small">
      <ProgressTimeline itemId={item.id} />
    </Card>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {crumbs(item.collaborationTopic)}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <Space orientation="vertical" size={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0, overflowWrap: 'anywhere' }}>
            {item.description}
          </Typography.Title>
          <Space size={[8, 4]} wrap>
            <ActionItemStatusTag status={item.status} />
            <OverdueTag days={item.daysOverdue} />
            {item.sensitive && (
              <Tag icon={<LockOutlined />} color="gold">
                {t('itemPage.sensitive')}
              </Tag>
            )}
          </Space>
        </Space>
        <Actions item={item} onEdit={() => setEditing(true)} onReopen={() => setReopening(true)} />
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={updateCard ? 15 : 24}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('itemPage.elements')} size="small">
              <Elements item={item} />
            </Card>
            <AttachmentsCard item={item} />
            {isMobile && updateCard}
            {timelineCard}
          </Space>
        </Col>
        {!isMobile && updateCard && (
          <Col xs={24} lg={9}>
            {updateCard}
          </Col>
        )}
      </Row>
      {item.abilities.update && <EditItemModal item={item} open={editing} onClose={() => setEditing(false)} onReload={() => query.refetch()} />}
      {item.abilities.reopen && <ReopenModal itemId={item.id} open={reopening} onClose={() => setReopening(false)} />}
    </Space>
  );
}
