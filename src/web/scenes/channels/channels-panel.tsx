import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import {
  useChannelDeliveries,
  useChannels,
  useCreateChannel,
  useDeleteChannel,
  useTestChannel,
  useUpdateChannel,
  type Channel,
  type ChannelKind,
  type ChannelScope,
  type ChannelTestResult,
} from '../../api/channels.ts';
import { useDepartments } from '../../api/organization.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { placeFieldErrors } from '../../components/field-errors.ts';
import { CHANNEL_KINDS, kindColor, kindHelp } from './channel-kinds.ts';
import { DeliveryStatusTag } from './delivery-status-tag.tsx';
import { eventLabel } from './event-label.ts';

type Values = { kind: ChannelKind; name: string; url?: string; secret?: string; removeSecret?: boolean; departmentId?: string | null };
const FIELDS = ['kind', 'name', 'url', 'secret', 'departmentId'] as const;

export function KindTag({ kind }: { kind: ChannelKind }) {
  const { t } = useI18n();
  return <Tag color={kindColor[kind]}>{t(`channelKind.${kind}`)}</Tag>;
}

/** Add or change a robot. The address and the secret are write-only: an existing one shows as set, and an empty field keeps it. */
function ChannelDialog({ scope, channel, withDepartment, onClose }: { scope: ChannelScope; channel: Channel | null; withDepartment: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateChannel(scope);
  const update = useUpdateChannel(scope);
  const departments = useDepartments();
  const [formError, setFormError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'dingtalk';
  const removeSecret = Form.useWatch('removeSecret', form);

  const submit = (values: Values) => {
    setFormError(null);
    const onError = (error: unknown) => setFormError(placeFieldErrors(form, error, { fields: FIELDS, fallback: t('error.generic') }));
    const url = values.url?.trim();
    const secret = values.secret?.trim();
    if (channel) {
      update.mutate(
        {
          id: channel.id,
          name: values.name.trim(),
          ...(url ? { url } : {}),
          ...(values.removeSecret ? { secret: null } : secret ? { secret } : {}),
        },
        { onSuccess: () => (message.success(t('channels.saved')), onClose()), onError },
      );
      return;
    }
    create.mutate(
      {
        kind: values.kind,
        name: values.name.trim(),
        url: url ?? '',
        ...(secret ? { secret } : {}),
        ...(withDepartment && values.departmentId ? { departmentId: values.departmentId } : {}),
      },
      { onSuccess: () => (message.success(t('channels.created')), onClose()), onError },
    );
  };

  const keepPlaceholder = t('channels.keepUnchanged');
  return (
    <Modal
      open
      title={channel ? t('channels.editTitle', { name: channel.name }) : t('channels.addTitle')}
      onCancel={onClose}
      okText={channel ? t('common.save') : t('channels.add')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={channel ? { kind: channel.kind, name: channel.name, departmentId: channel.departmentId } : { kind: 'dingtalk', name: '', departmentId: null }}
      >
        <Form.Item name="kind" label={t('channels.kind')}>
          <Select disabled={Boolean(channel)} options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`channelKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, message: t('channels.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('channels.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('channels.url')}
          extra={
            <>
              {channel && <div>{t('channels.urlIsSet', { host: channel.host ?? '—' })}</div>}
              {t(kindHelp[kind].url)}
            </>
          }
          rules={[
            { required: !channel, whitespace: true, message: t('channels.urlRequired') },
            { type: 'url', message: t('channels.urlInvalid') },
          ]}
        >
          <Input maxLength={2000} autoComplete="off" spellCheck={false} placeholder={channel ? keepPlaceholder : 'https://'} />
        </Form.Item>
        {kind !== 'wecom' && (
          <Form.Item
            name="secret"
            label={t('channels.secret')}
            extra={
              <>
                {channel?.hasSecret && <div>{t('channels.secretIsSet')}</div>}
                {t(kindHelp[kind].secret)}
              </>
            }
            rules={[{ required: kind === 'webhook' && !channel?.hasSecret, message: t('channels.secretRequired') }]}
          >
            <Input.Password maxLength={500} autoComplete="new-password" disabled={Boolean(removeSecret)} placeholder={channel?.hasSecret ? keepPlaceholder : undefined} />
          </Form.Item>
        )}
        {channel?.hasSecret && kind !== 'webhook' && (
          <Form.Item name="removeSecret" valuePropName="checked">
            <Checkbox>{t('channels.removeSecret')}</Checkbox>
          </Form.Item>
        )}
        {withDepartment && !channel && (
          <Form.Item name="departmentId" label={t('channels.department')} extra={t('channels.departmentHint')}>
            <Select allowClear placeholder={t('channels.wholeOrganization')} options={departments.data?.options.map((d) => ({ value: d.id, label: d.path }))} />
          </Form.Item>
        )}
        {formError && <Alert type="error" showIcon role="alert" title={formError} />}
      </Form>
    </Modal>
  );
}

function RecentDeliveries({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  const format = useFormat();
  const deliveries = useChannelDeliveries(channel.id, true);
  if (deliveries.isPending) return <PageLoading />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  if (deliveries.data.items.length === 0) return <Typography.Text type="secondary">{t('channels.noDeliveries')}</Typography.Text>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('channels.recentDeliveries')}>
      {deliveries.data.items.map((d) => (
        <li key={d.id} style={{ padding: '4px 0', display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'baseline' }}>
          <DeliveryStatusTag status={d.status} />
          <span>{eventLabel(t, d.event)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.createdAt ? format.instant(d.createdAt) : ''}
          </Typography.Text>
          {d.lastError && (
            <Typography.Text type="danger" style={{ fontSize: 12, wordBreak: 'break-word' }}>
              {d.lastError}
            </Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
}

function ChannelRow({ channel, scope, canManage, onEdit }: { channel: Channel; scope: ChannelScope; canManage: boolean; onEdit: (c: Channel) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const test = useTestChannel();
  const remove = useDeleteChannel(scope);
  const departments = useDepartments();
  const [result, setResult] = useState<ChannelTestResult | null>(null);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const department = channel.departmentId ? departments.data?.options.find((d) => d.id === channel.departmentId)?.path : null;

  const runTest = () => {
    setResult(null);
    test.mutate(channel.id, {
      onSuccess: setResult,
      onError: (error) => setResult({ delivered: false, error: error.message }),
    });
  };

  return (
    <li style={{ padding: '12px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <Space size={4} wrap>
            <Typography.Text strong>{channel.name}</Typography.Text>
            <KindTag kind={channel.kind} />
            {department && <Tag>{department}</Tag>}
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 13, wordBreak: 'break-all' }}>
              {t('channels.addressSet', { host: channel.host ?? '—' })} · {channel.hasSecret ? t('channels.secretSet') : t('channels.secretNotSet')}
            </Typography.Text>
          </div>
        </div>
        {canManage && (
          <Space size={4} wrap>
            <Button size="small" icon={<SendOutlined />} loading={test.isPending} onClick={runTest}>
              {t('channels.sendTest')}
            </Button>
            <Button size="small" icon={<HistoryOutlined />} aria-expanded={showDeliveries} onClick={() => setShowDeliveries((v) => !v)}>
              {t('channels.recentDeliveries')}
            </Button>
            <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(channel)} aria-label={t('channels.editTitle', { name: channel.name })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('channels.deleteConfirm', { name: channel.name })}
              description={t('channels.deleteHint')}
              okText={t('channels.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                remove.mutate(channel.id, {
                  onSuccess: () => message.success(t('channels.deleted', { name: channel.name })),
                  onError: (error) => message.error(error.message),
                })
              }
            >
              <Button size="small" danger icon={<DeleteOutlined />} loading={remove.isPending} aria-label={t('channels.deleteNamed', { name: channel.name })}>
                {t('channels.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      {result && (
        <Alert
          role="status"
          style={{ marginTop: 8 }}
          type={result.delivered ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setResult(null) }}
          title={result.delivered ? t('channels.testDelivered', { name: channel.name }) : t('channels.testFailed')}
          description={result.delivered ? undefined : <span style={{ wordBreak: 'break-word' }}>{result.error}</span>}
        />
      )}
      {showDeliveries && (
        <div style={{ marginTop: 8 }}>
          <RecentDeliveries channel={channel} />
        </div>
      )}
    </li>
  );
}

/**
 * The chat groups (钉钉 / 飞书 / 企业微信 robots) and webhooks of a collaboration or of the organisation:
 * list, add, change, remove and "send a test message". Addresses and secrets never come back from the API.
 */
export function ChannelsPanel({ scope, canManage, withDepartment = false }: { scope: ChannelScope; canManage: boolean; withDepartment?: boolean }) {
  const { t } = useI18n();
  const channels = useChannels(scope);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const rows = channels.data?.items ?? [];
  const addButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('channels.add')}
    </Button>
  );

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <Typography.Text type="secondary">{'collaborationId' in scope ? t('channels.introCollaboration') : t('channels.introOrganization')}</Typography.Text>
        {rows.length > 0 && addButton}
      </div>
      {channels.isPending ? (
        <PageLoading />
      ) : channels.isError ? (
        <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState description={canManage ? t('channels.emptyManager') : t('channels.empty')} action={addButton || undefined} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('channels.listLabel')}>
          {rows.map((c) => (
            <ChannelRow key={c.id} channel={c} scope={scope} canManage={canManage && c.abilities.update} onEdit={setEditing} />
          ))}
        </ul>
      )}
      {editing && <ChannelDialog scope={scope} channel={editing === 'new' ? null : editing} withDepartment={withDepartment} onClose={() => setEditing(null)} />}
    </div>
  );
}
