import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useAdminSettings, useUpdateAdminSettings } from '../../api/admin.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { LANGUAGE_NAMES, LOCALES, type MessageKey } from '../../i18n/translate.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { PageLoading } from '../../components/page-state.tsx';
import { placeFieldErrors } from '../../components/field-errors.ts';
import { AdminLoadError, AdminPage } from './admin-only.tsx';
import { DateListField, TimeZoneSelect, WeekdaysField } from './settings-fields.tsx';
import { ClockField } from '../../components/clock-field.tsx';
import { patchFromValues, THRESHOLDS, valuesFromSettings, type SettingsValues, type ThresholdName } from './settings-form.ts';

const FIELDS = ['name', 'timeZone', 'locale', 'workingDays', 'workdayStart', 'workdayEnd', 'holidays', 'extraWorkdays', ...THRESHOLDS.map((th) => th.name)] as const;

/** One threshold: its name, the number with its unit, and the sentence of the template rule it controls, with the number in it. */
function ThresholdItem({ name, min, max, unit }: { name: ThresholdName; min: number; max: number; unit: 'days' | 'hours' }) {
  const { t } = useI18n();
  const value = Form.useWatch<number | null>(name, Form.useFormInstance());
  const shown = typeof value === 'number' ? value : '—';
  return (
    <Form.Item
      name={name}
      label={t(`settings.${name}` as MessageKey)}
      extra={t(`settings.${name}Rule` as MessageKey, { n: shown })}
      rules={[
        { required: true, message: t('settings.numberRequired') },
        { type: 'number', min, max, message: t('settings.numberBetween', { min, max }) },
      ]}
    >
      <InputNumber precision={0} suffix={t(unit === 'days' ? 'settings.unitDays' : 'settings.unitHours')} style={{ width: 160 }} />
    </Form.Item>
  );
}

function DelayReasons() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  return (
    <Form.List name="delayReasonCodes">
      {(rows, { add, remove }, { errors }) => (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {rows.map((row, index) => (
            <DelayReasonRowFields key={row.key} index={index} name={row.name} canRemove={rows.length > 1} onRemove={() => remove(row.name)} compact={isMobile} />
          ))}
          <Form.ErrorList errors={errors} />
          <div>
            <Button icon={<PlusOutlined />} onClick={() => add({ code: '', labelZh: '', labelEn: '' })}>
              {t('settings.addDelayReason')}
            </Button>
          </div>
        </div>
      )}
    </Form.List>
  );
}

function DelayReasonRowFields({ index, name, canRemove, onRemove, compact }: { index: number; name: number; canRemove: boolean; onRemove: () => void; compact: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  // `stored` is no field of its own: watched from the form's store, it marks the reasons whose code is in use.
  const stored = Form.useWatch<boolean | undefined>(['delayReasonCodes', name, 'stored'], { form, preserve: true });
  const labelZh = Form.useWatch<string | undefined>(['delayReasonCodes', name, 'labelZh'], form);
  const item = { style: { marginBottom: compact ? 8 : 0 } };
  return (
    <div role="group" aria-label={t('settings.delayReasonN', { n: index + 1 })} style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 6, padding: 8 }}>
      <Row gutter={8} align="bottom">
        <Col xs={{ span: 14, order: 1 }} md={{ span: 6, order: 1 }}>
          <Form.Item
            {...item}
            name={[name, 'code']}
            label={t('settings.delayCode')}
            rules={[{ pattern: /^[a-z][a-z0-9_]{0,63}$/, message: t('settings.delayCodeShape') }]}
          >
            <Input disabled={Boolean(stored)} placeholder={t('settings.delayCodeAuto')} maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={{ span: 12, order: 3 }} md={{ span: 7, order: 2 }}>
          <Form.Item {...item} name={[name, 'labelZh']} label={t('settings.delayLabelZh')} rules={[{ required: true, whitespace: true, message: t('settings.delayLabelRequired') }]}>
            <Input maxLength={50} lang="zh-CN" />
          </Form.Item>
        </Col>
        <Col xs={{ span: 12, order: 4 }} md={{ span: 7, order: 3 }}>
          <Form.Item {...item} name={[name, 'labelEn']} label={t('settings.delayLabelEn')} rules={[{ required: true, whitespace: true, message: t('settings.delayLabelRequired') }]}>
            <Input maxLength={50} lang="en" />
          </Form.Item>
        </Col>
        <Col xs={{ span: 10, order: 2 }} md={{ span: 4, order: 4 }}>
          <Form.Item {...item} label=" " colon={false}>
            <Button icon={<DeleteOutlined />} danger disabled={!canRemove} onClick={onRemove} aria-label={t('settings.removeDelayReason', { name: labelZh || String(index + 1) })}>
              {t('settings.remove')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}

/**
 * 组织设置: the organisation's name and language, its calendar in its time zone (working days and hours,
 * holidays and make-up days), the template's rule thresholds each with the rule it controls, and the
 * controlled list of delay reasons.
 */
export function SettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const settings = useAdminSettings();
  const save = useUpdateAdminSettings();
  const [form] = Form.useForm<SettingsValues>();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(valuesFromSettings(settings.data));
  }, [settings.data, form]);

  const submit = (values: SettingsValues) => {
    setFormError(null);
    save.mutate(patchFromValues(values), {
      onSuccess: () => void message.success(t('settings.saved')),
      onError: (error) => setFormError(placeFieldErrors(form, error, { fields: FIELDS, nested: ['delayReasonCodes'], fallback: t('error.generic') })),
    });
  };

  return (
    <AdminPage title="admin.settings">
      {settings.isPending ? (
        <PageLoading />
      ) : settings.isError ? (
        <AdminLoadError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Form<SettingsValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          onFinishFailed={() => setFormError(t('settings.fixFields'))}
          initialValues={valuesFromSettings(settings.data)}
          scrollToFirstError={{ block: 'center' }}
        >
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('settings.organization')} size="small">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, whitespace: true, message: t('settings.nameRequired') }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="locale" label={t('settings.locale')} extra={t('settings.localeHint')}>
                    <Select options={LOCALES.map((code) => ({ value: code, label: <span lang={code}>{LANGUAGE_NAMES[code]}</span> }))} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card title={t('settings.calendar')} size="small">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="timeZone" label={t('settings.timeZone')} extra={t('settings.timeZoneHint')} rules={[{ required: true }]}>
                    <TimeZoneSelect />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="workingDays"
                    label={t('settings.workingDays')}
                    rules={[{ required: true, type: 'array', min: 1, message: t('settings.workingDaysRequired') }]}
                  >
                    <WeekdaysField aria-label={t('settings.workingDays')} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="workdayStart" label={t('settings.workdayStart')}>
                    <ClockField />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="workdayEnd" label={t('settings.workdayEnd')}>
                    <ClockField />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                    {t('settings.workdayHint')}
                  </Typography.Paragraph>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="holidays" label={t('settings.holidays')} extra={t('settings.holidaysHint')}>
                    <DateListField addLabel={t('settings.addHoliday')} emptyLabel={t('settings.noHolidays')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="extraWorkdays" label={t('settings.extraWorkdays')} extra={t('settings.extraWorkdaysHint')}>
                    <DateListField addLabel={t('settings.addExtraWorkday')} emptyLabel={t('settings.noExtraWorkdays')} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card title={t('settings.rules')} size="small">
              <Typography.Paragraph type="secondary">{t('settings.rulesIntro')}</Typography.Paragraph>
              <Row gutter={16}>
                {THRESHOLDS.map((th) => (
                  <Col xs={24} md={12} key={th.name}>
                    <ThresholdItem {...th} />
                  </Col>
                ))}
              </Row>
            </Card>

            <Card title={t('settings.delayReasons')} size="small">
              <Typography.Paragraph type="secondary">{t('settings.delayReasonsIntro')}</Typography.Paragraph>
              <DelayReasons />
            </Card>

            <div
              style={{
                position: 'sticky',
                bottom: 0,
                zIndex: 5,
                display: 'flex',
                flexWrap: 'wrap',
                gap: 8,
                alignItems: 'center',
                padding: '12px 0',
                background: 'var(--ant-color-bg-layout, #f5f5f5)',
              }}
            >
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('settings.save')}
              </Button>
              <Button
                onClick={() => {
                  // Back to what is saved, and the refusals shown for the discarded values go too.
                  form.resetFields();
                  form.setFieldsValue(valuesFromSettings(settings.data));
                  setFormError(null);
                }}
              >
                {t('settings.reset')}
              </Button>
              {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ flex: '1 1 240px' }} />}
            </div>
          </Space>
        </Form>
      )}
    </AdminPage>
  );
}
