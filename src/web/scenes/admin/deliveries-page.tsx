import { App, Button, Card, Segmented, Space, Table, Typography } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useDeliveries, useRetryDelivery, type Delivery, type DeliveryStatus } from '../../api/channels.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState, PageLoading } from '../../components/page-state.tsx';
import { AdminLoadError, AdminPage } from './admin-only.tsx';
import { KindTag } from '../channels/channels-panel.tsx';
import { DeliveryStatusTag } from '../channels/delivery-status-tag.tsx';
import { eventLabel } from '../channels/event-label.ts';
import type { ChannelKind } from '../../api/channels.ts';

const STATUSES: readonly DeliveryStatus[] = ['dead', 'pending', 'delivered'];
const isStatus = (value: string | null): value is DeliveryStatus => (STATUSES as readonly (string | null)[]).includes(value);

function Channel({ d }: { d: Delivery }) {
  const { t } = useI18n();
  const chat = d.channel !== 'in_app' && d.channel !== 'email';
  return (
    <Space size={4} wrap>
      {chat ? <KindTag kind={d.channel as ChannelKind} /> : <span>{t(d.channel === 'email' ? 'prefs.channel.email' : 'prefs.channel.in_app')}</span>}
      <span>{d.channelName ?? d.recipientName ?? ''}</span>
    </Space>
  );
}

function When({ d }: { d: Delivery }) {
  const { t } = useI18n();
  const format = useFormat();
  const at = (iso: string | null) => (iso ? format.instant(iso) : '');
  if (d.status === 'delivered') return <span>{t('deliveries.deliveredAt', { at: at(d.deliveredAt) })}</span>;
  if (d.status === 'dead') return <span>{t('deliveries.deadAt', { at: at(d.deadAt) })}</span>;
  return <span>{t('deliveries.nextAttemptAt', { at: at(d.nextAttemptAt) })}</span>;
}

function RetryButton({ d }: { d: Delivery }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const retry = useRetryDelivery();
  if (d.status !== 'dead') return null;
  return (
    <Button
      size="small"
      icon={<RedoOutlined />}
      loading={retry.isPending}
      onClick={() =>
        retry.mutate(d.id, {
          onSuccess: () => message.success(t('deliveries.retried')),
          onError: (error) => message.error(error.message),
        })
      }
    >
      {t('deliveries.retry')}
    </Button>
  );
}

function ErrorText({ d }: { d: Delivery }) {
  if (!d.lastError) return null;
  return (
    <Typography.Paragraph type="danger" ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, fontSize: 13, wordBreak: 'break-word' }}>
      {d.lastError}
    </Typography.Paragraph>
  );
}

function What({ d }: { d: Delivery }) {
  const { t } = useI18n();
  const label = eventLabel(t, d.event);
  return d.collaborationId ? <Link to={`/collaborations/${d.collaborationId}`}>{label}</Link> : <span>{label}</span>;
}

/**
 * 发送记录: the outbox as admins see it — what was given up on (with the platform's error and a retry),
 * what waits, what arrived. The messages themselves stay private to their recipients.
 */
export function DeliveriesPage() {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const status: DeliveryStatus = isStatus(params.get('status')) ? (params.get('status') as DeliveryStatus) : 'dead';
  const deliveries = useDeliveries(status);
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <AdminPage title="admin.deliveries">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('deliveries.intro')}
      </Typography.Paragraph>
      <div>
        <Segmented<DeliveryStatus>
          aria-label={t('deliveries.status')}
          value={status}
          onChange={(next) => setParams({ status: next }, { replace: true })}
          options={STATUSES.map((s) => ({ value: s, label: t(`deliveryStatus.${s}`) }))}
        />
      </div>
      {deliveries.isPending ? (
        <PageLoading />
      ) : deliveries.isError ? (
        <AdminLoadError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState description={t(`deliveries.empty.${status}`)} />
        </Card>
      ) : isMobile ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {rows.map((d) => (
            <Card key={d.id} size="small">
              <Space size={4} wrap style={{ marginBottom: 4 }}>
                <DeliveryStatusTag status={d.status} />
                <What d={d} />
              </Space>
              <div>
                <Channel d={d} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
                {t('deliveries.createdAt', { at: d.createdAt ? format.instant(d.createdAt) : '' })} · <When d={d} /> · {t('deliveries.attempts', { count: d.attempts })}
              </Typography.Text>
              <ErrorText d={d} />
              <div style={{ marginTop: 8 }}>
                <RetryButton d={d} />
              </div>
            </Card>
          ))}
        </Space>
      ) : (
        <Table<Delivery>
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: t('deliveries.event'), key: 'event', render: (_, d) => <What d={d} /> },
            { title: t('deliveries.channel'), key: 'channel', render: (_, d) => <Channel d={d} /> },
            { title: t('deliveries.createdAtColumn'), key: 'created', width: 150, render: (_, d) => (d.createdAt ? format.instant(d.createdAt) : '') },
            { title: t('deliveries.state'), key: 'state', width: 200, render: (_, d) => <When d={d} /> },
            { title: t('deliveries.attemptsColumn'), key: 'attempts', width: 80, render: (_, d) => d.attempts },
            { title: t('deliveries.error'), key: 'error', render: (_, d) => <ErrorText d={d} /> },
            ...(status === 'dead' ? [{ title: t('admin.actions'), key: 'retry', width: 110, render: (_: unknown, d: Delivery) => <RetryButton d={d} /> }] : []),
          ]}
        />
      )}
      {deliveries.hasNextPage && (
        <div style={{ textAlign: 'center' }}>
          <Button onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </AdminPage>
  );
}
