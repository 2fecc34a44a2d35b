import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Select, Slider } from 'antd';
import { usePostProgressUpdate, type ProgressUpdateInput } from '../../api/action-items.ts';
import { useMe } from '../../api/auth.ts';
import type { ActionItem, ActionItemStatus } from '../../api/types.ts';
import { DueDateInput } from '../../components/due-date-input.tsx';
import { showServerErrors } from '../../components/server-errors.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { delayCodeLabel } from './delay-codes.ts';

type VisibleItem = Extract<ActionItem, { restricted: false }>;

type Values = {
  progress: number;
  statusText: string;
  status?: ActionItemStatus;
  newDueDate?: string;
  delayCode?: string;
  delayReason?: string;
  remedy?: string;
};

const FIELDS = ['progress', 'statusText', 'status', 'newDueDate', 'delayCode', 'delayReason', 'remedy'] as const;

/**
 * The owner's progress update (template rules 5–6): progress %, a status text ("设计中-完成80%"),
 * the status, and — when the date moves or the work is blocked — the delay reason code and text, the
 * remedy and a new due date. A new due date needs a reason; the form says so before it is sent.
 */
export function ProgressUpdateForm({ item, preset, onDone, autoFocus }: { item: VisibleItem; preset?: { status?: ActionItemStatus; progress?: number }; onDone?: () => void; autoFocus?: boolean }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const post = usePostProgressUpdate();
  const [formError, setFormError] = useState<string | null>(null);
  const [showDelay, setShowDelay] = useState(false);
  const newDueDate = Form.useWatch('newDueDate', form);
  const status = Form.useWatch('status', form);
  const progress = Form.useWatch('progress', form);
  const codes = me?.settings?.delayReasonCodes ?? [];
  const delayOpen = showDelay || Boolean(newDueDate) || status === 'blocked' || item.isOverdue;
  // Cancelling is the editors' call; the owner reports, the initiating side decides to drop an item.
  const statuses: ActionItemStatus[] = item.abilities.update ? ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] : ['todo', 'in_progress', 'blocked', 'done'];

  const initial: Values = {
    progress: preset?.progress ?? item.progress,
    statusText: '',
    status: preset?.status ?? item.status,
  };

  const submit = (values: Values) => {
    setFormError(null);
    const input: ProgressUpdateInput = {
      progress: values.progress,
      statusText: values.statusText.trim(),
      ...(values.status && values.status !== item.status ? { status: values.status } : {}),
      ...(values.newDueDate ? { newDueDate: values.newDueDate } : {}),
      ...(values.delayCode ? { delayCode: values.delayCode } : {}),
      ...(values.delayReason?.trim() ? { delayReason: values.delayReason.trim() } : {}),
      ...(values.remedy?.trim() ? { remedy: values.remedy.trim() } : {}),
    };
    post.mutate(
      { id: item.id, ...input },
      {
        onSuccess: () => {
          message.success(t('itemUpdate.posted'));
          form.resetFields();
          setShowDelay(false);
          onDone?.();
        },
        onError: (error) => setFormError(showServerErrors(form, error, FIELDS, t('error.generic'))),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      onValuesChange={(changed: Partial<Values>) => {
        // 100 % is done and done is 100 %: keep the two in step rather than let the server refuse.
        if (changed.progress === 100) form.setFieldValue('status', 'done');
        else if (changed.progress !== undefined && form.getFieldValue('status') === 'done') form.setFieldValue('status', item.status === 'done' ? 'in_progress' : item.status);
        if (changed.status === 'done') form.setFieldValue('progress', 100);
      }}
    >
      <Form.Item label={t('itemUpdate.progress')} required>
        <Row gutter={12} align="middle" wrap={false}>
          <Col flex="auto">
            <Form.Item name="progress" noStyle>
              <Slider min={0} max={100} step={5} aria-label={t('itemUpdate.progress')} tooltip={{ formatter: (v) => `${v}%` }} />
            </Form.Item>
          </Col>
          <Col flex="96px">
            <Form.Item name="progress" noStyle rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('itemUpdate.progressRange') }]}>
              <InputNumber min={0} max={100} precision={0} suffix="%" aria-label={t('itemUpdate.progressPercent')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form.Item>
      <Form.Item name="statusText" label={t('itemUpdate.statusText')} rules={[{ required: true, whitespace: true, message: t('itemUpdate.statusTextRequired') }]}>
        <Input placeholder={t('itemUpdate.statusTextPlaceholder', { progress: progress ?? item.progress })} maxLength={500} autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item name="status" label={t('item.status')}>
        <Select options={statuses.map((s) => ({ value: s, label: t(`itemStatus.${s}`) }))} />
      </Form.Item>
      <Form.Item
        name="newDueDate"
        label={t('itemUpdate.newDueDate')}
        extra={newDueDate ? t('itemUpdate.dueMove', { from: format.date(item.dueDate), to: format.date(newDueDate) }) : t('itemUpdate.newDueDateHint', { date: format.date(item.dueDate) })}
        rules={[{ validator: async (_, value?: string) => (value && value === item.dueDate ? Promise.reject(new Error(t('itemUpdate.sameDueDate'))) : undefined) }]}
      >
        <DueDateInput />
      </Form.Item>
      {!delayOpen && (
        <Button type="link" style={{ padding: 0, marginBottom: 16 }} onClick={() => setShowDelay(true)}>
          {t('itemUpdate.addDelayReason')}
        </Button>
      )}
      {delayOpen && (
        <>
          {newDueDate && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('itemUpdate.reasonNeeded')} />}
          <Form.Item name="delayCode" label={t('itemUpdate.delayCode')}>
            <Select allowClear options={codes.map((c) => ({ value: c.code, label: delayCodeLabel(c, locale) }))} placeholder={t('itemUpdate.delayCodePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="delayReason"
            label={t('itemUpdate.delayReason')}
            dependencies={['newDueDate']}
            required={Boolean(newDueDate)}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value?: string) => {
                  if (getFieldValue('newDueDate') && !value?.trim()) throw new Error(t('itemUpdate.delayReasonRequired'));
                },
              }),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('itemUpdate.delayReasonPlaceholder')} />
          </Form.Item>
          <Form.Item name="remedy" label={t('itemUpdate.remedy')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('itemUpdate.remedyPlaceholder')} />
          </Form.Item>
        </>
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={post.isPending} block>
        {t('itemUpdate.submit')}
      </Button>
    </Form>
  );
}
