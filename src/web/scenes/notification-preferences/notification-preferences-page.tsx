import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Row, Select, Space, Switch, Typography } from 'antd';
import { usePreferences, useSavePreferences, type PreferencesAnswer } from '../../api/preferences.ts';
import { useCollaborations } from '../../api/collaborations.ts';
import { personalChannels, type NotificationEvent, type PersonalChannel } from '../../../shared/notification-events.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { ErrorState, PageLoading } from '../../components/page-state.tsx';
import { ClockField } from '../../components/clock-field.tsx';
import { placeFieldErrors } from '../../components/field-errors.ts';
import { LinkButton } from '../../components/link-button.tsx';
import { EVENT_GROUPS, preferencesFromValues, valuesFromPreferences, type PreferencesValues } from './preferences-form.ts';

function ChannelChoice({ event, available }: { event: NotificationEvent; available: readonly PersonalChannel[] }) {
  const { t } = useI18n();
  const label = t(`event.${event}`);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
      <div style={{ minWidth: 0, flex: '1 1 220px' }}>
        <Typography.Text id={`event-${event}`}>{label}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`prefs.eventHint.${event}`)}
          </Typography.Text>
        </div>
      </div>
      <div style={{ alignSelf: 'center' }}>
        <Form.Item name={['channels', event]} noStyle>
          <Checkbox.Group
            aria-labelledby={`event-${event}`}
            // The bell always keeps the record. A channel this installation cannot use is not offered; a choice
            // stored for it stays as it is, for the day it is set up.
            options={available.map((channel) => ({ value: channel, label: t(`prefs.channel.${channel}`), disabled: channel === 'in_app' }))}
          />
        </Form.Item>
      </div>
    </div>
  );
}

function MutedCollaborations() {
  const { t } = useI18n();
  const list = useCollaborations({ status: 'active' }, 100);
  const form = Form.useFormInstance<PreferencesValues>();
  const muted = Form.useWatch('mutedCollaborationIds', form) ?? [];
  const options = useMemo(() => {
    const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
    const known = rows.map((c) => ({ value: c.id, label: c.topic }));
    const gone = muted.filter((id) => !rows.some((c) => c.id === id)).map((id) => ({ value: id, label: t('prefs.mutedUnavailable') }));
    return [...known, ...gone];
  }, [list.data, muted, t]);
  return (
    <Form.Item name="mutedCollaborationIds" label={t('prefs.muted')} extra={t('prefs.mutedHint')}>
      <Select mode="multiple" allowClear loading={list.isPending} showSearch={{ optionFilterProp: 'label' }} placeholder={t('prefs.mutedPlaceholder')} options={options} />
    </Form.Item>
  );
}

/**
 * 通知设置: per kind of event, where the person hears about it (the bell always; e-mail; the chat
 * platforms' robots @-mentioning them in the collaboration's group), quiet hours, a daily digest
 * instead of single e-mails, and collaborations muted to the bell.
 */
export function NotificationPreferencesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const preferences = usePreferences();
  const save = useSavePreferences();
  const [form] = Form.useForm<PreferencesValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const quietEnabled = Form.useWatch('quietEnabled', form);

  useEffect(() => {
    document.title = `${t('prefs.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (preferences.data) form.setFieldsValue(valuesFromPreferences(preferences.data));
  }, [preferences.data, form]);

  if (preferences.isPending) return <PageLoading />;
  if (preferences.isError) return <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />;
  const current: PreferencesAnswer = preferences.data;
  const available = current.availableChannels ?? personalChannels;
  const unavailable = personalChannels.filter((c) => !available.includes(c));

  const submit = () => {
    setFormError(null);
    // The whole store, not only the fields on show: a channel choice hidden while its channel is not
    // set up is kept as it was.
    const values = form.getFieldsValue(true) as PreferencesValues;
    save.mutate(preferencesFromValues(values), {
      onSuccess: () => void message.success(t('prefs.saved')),
      onError: (error) => setFormError(placeFieldErrors(form, error, { fields: ['channels', 'dailyDigest', 'mutedCollaborationIds'], nested: ['quietHours'], fallback: t('error.generic') })),
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 880 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('prefs.title')}
        </Typography.Title>
        <LinkButton to="/notifications">{t('prefs.toNotifications')}</LinkButton>
      </div>
      <Form<PreferencesValues> form={form} layout="vertical" onFinish={submit} initialValues={valuesFromPreferences(current)}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('prefs.channelsTitle')} size="small">
            <Typography.Paragraph type="secondary">{t('prefs.channelsIntro')}</Typography.Paragraph>
            {unavailable.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('prefs.unavailable', { channels: unavailable.map((c) => t(`prefs.channel.${c}`)).join(t('history.listSeparator')) })}
                description={available.length === 1 ? t('prefs.onlyInApp') : undefined}
              />
            )}
            {available.length > 1 && EVENT_GROUPS.map((group) => (
              <section key={group.key} aria-labelledby={`group-${group.key}`} style={{ marginBottom: 16 }}>
                <Typography.Title level={2} id={`group-${group.key}`} style={{ fontSize: 15, margin: '8px 0 0' }}>
                  {t(`prefs.group.${group.key}`)}
                </Typography.Title>
                {group.events.map((event) => (
                  <ChannelChoice key={event} event={event} available={available} />
                ))}
              </section>
            ))}
          </Card>

          <Card title={t('prefs.quietTitle')} size="small">
            <Form.Item name="quietEnabled" valuePropName="checked" label={t('prefs.quietEnabled')} extra={t('prefs.quietHint')}>
              <Switch />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item name={['quietHours', 'start']} label={t('prefs.quietStart')}>
                  <ClockField disabled={!quietEnabled} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['quietHours', 'end']} label={t('prefs.quietEnd')}>
                  <ClockField disabled={!quietEnabled} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('prefs.digestTitle')} size="small">
            <Form.Item name="dailyDigest" valuePropName="checked" label={t('prefs.digest')} extra={t('prefs.digestHint')}>
              <Switch />
            </Form.Item>
            <MutedCollaborations />
          </Card>

          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            {formError && <Alert type="error" showIcon role="alert" title={formError} />}
          </Space>
        </Space>
      </Form>
    </Space>
  );
}
