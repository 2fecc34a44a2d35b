import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { localDateTime } from '../../../domain/calendar-date.ts';
import { useAccessTokens, useCreateAccessToken, useRevokeAccessToken, type CreatedToken } from '../../api/account.ts';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { showServerErrors } from '../../components/server-errors.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

type Values = { name: string; expiresOn?: dayjs.Dayjs | null };

/** The new token, shown this once (the server keeps only its hash), with a copy button. */
function NewToken({ created, onDismiss }: { created: CreatedToken; onDismiss: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      message.success(t('accountTokens.copied'));
    } catch {
      message.warning(t('accountTokens.copyFailed'));
    }
  };
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('accountTokens.createdTitle', { name: created.name })}
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <span>{t('accountTokens.onlyOnce')}</span>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={created.token} aria-label={t('accountTokens.value')} onFocus={(e) => e.target.select()} style={{ fontFamily: 'monospace' }} />
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('accountTokens.copy')}
            </Button>
          </Space.Compact>
          <Button size="small" onClick={onDismiss}>
            {t('accountTokens.dismiss')}
          </Button>
        </Space>
      }
    />
  );
}

/**
 * Personal access tokens (API.md: `Authorization: Bearer …`) for scripts and integrations: list, create
 * with a name and an optional expiry, revoke.
 */
export function AccessTokensCard() {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const tokens = useAccessTokens();
  const create = useCreateAccessToken();
  const revoke = useRevokeAccessToken();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    // Valid through the chosen day: it expires at the end of that day in the organisation's time zone.
    const expiresAt = values.expiresOn ? localDateTime(values.expiresOn.add(1, 'day').format('YYYY-MM-DD'), '00:00', format.timeZone).toISOString() : undefined;
    create.mutate(
      { name: values.name.trim(), ...(expiresAt ? { expiresAt } : {}) },
      {
        onSuccess: (token) => {
          setCreated(token);
          form.resetFields();
        },
        onError: (error) => setFormError(showServerErrors(form, error, ['name', 'expiresAt'], t('error.generic'))),
      },
    );
  };

  const items = tokens.data?.items ?? [];
  return (
    <Card title={t('accountTokens.title')} size="small">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('accountTokens.intro')}
      </Typography.Paragraph>
      {created && <NewToken created={created} onDismiss={() => setCreated(null)} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 12px', alignItems: 'flex-start' }}>
          <Form.Item name="name" label={t('accountTokens.name')} rules={[{ required: true, whitespace: true, message: t('accountTokens.nameRequired') }]} style={{ flex: '2 1 220px' }}>
            <Input maxLength={100} placeholder={t('accountTokens.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="expiresOn" label={t('accountTokens.expiresOn')} extra={t('accountTokens.expiresHint')} style={{ flex: '1 1 180px' }}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < format.today} />
          </Form.Item>
        </div>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={create.isPending}>
          {t('accountTokens.create')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        {tokens.isPending ? (
          <PageLoading />
        ) : tokens.isError ? (
          <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState description={t('accountTokens.empty')} />
        ) : (
          <ul aria-label={t('accountTokens.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((token) => (
              <li key={token.id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', padding: '12px 0', borderTop: '1px solid rgba(5, 5, 5, 0.06)' }}>
                <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                  <div style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{token.name}</div>
                  <Space size={[12, 0]} wrap style={{ fontSize: 13 }}>
                    <Typography.Text type="secondary" code>
                      {token.prefix}…
                    </Typography.Text>
                    <Typography.Text type="secondary">{t('accountTokens.createdAt', { at: format.instant(token.createdAt) })}</Typography.Text>
                    <Typography.Text type="secondary">{token.expiresAt ? t('accountTokens.expiresAt', { at: format.instant(token.expiresAt) }) : t('accountTokens.noExpiry')}</Typography.Text>
                    <Typography.Text type="secondary">{token.lastUsedAt ? t('accountTokens.lastUsed', { at: format.instant(token.lastUsedAt) }) : t('accountTokens.neverUsed')}</Typography.Text>
                  </Space>
                </div>
                <Popconfirm
                  title={t('accountTokens.revokeConfirm', { name: token.name })}
                  okText={t('accountTokens.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    revoke.mutateAsync(token.id).then(
                      () => void message.success(t('accountTokens.revoked', { name: token.name })),
                      () => void message.error(t('error.generic')),
                    )
                  }
                >
                  <Button danger size="small" aria-label={t('accountTokens.revokeNamed', { name: token.name })}>
                    {t('accountTokens.revoke')}
                  </Button>
                </Popconfirm>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
