import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useCreateActionItem, type CreateActionItemInput } from '../../api/action-items.ts';
import type { Collaboration } from '../../api/types.ts';
import { DueDateInput } from '../../components/due-date-input.tsx';
import { PersonSelect } from '../../components/person-select.tsx';
import { showServerErrors } from '../../components/server-errors.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

type Values = {
  description: string;
  ownerId?: string;
  dueDate?: string;
  deliverable: string;
  meetingId?: string;
  sensitive: boolean;
  visibleToUserIds: string[];
};

const FIELDS = ['description', 'ownerId', 'dueDate', 'deliverable', 'meetingId', 'sensitive', 'visibleToUserIds'] as const;

/**
 * Records an action item with the template's four elements, all required: what (description), who (one
 * person — never a department), by when (an exact, confirmed date) and what comes out (deliverable).
 * Optionally the meeting it came from, and sensitive with who may see it.
 */
export function CreateActionItemDrawer({ collaboration, open, onClose }: { collaboration: Pick<Collaboration, 'id' | 'meetings'>; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateActionItem(collaboration.id);
  const [formError, setFormError] = useState<string | null>(null);
  const sensitive = Form.useWatch('sensitive', form);
  const meetings = collaboration.meetings.filter((m) => !m.cancelled);

  const submit = (values: Values) => {
    setFormError(null);
    const input: CreateActionItemInput = {
      description: values.description.trim(),
      ownerId: values.ownerId!,
      dueDate: values.dueDate!,
      deliverable: values.deliverable.trim(),
      ...(values.meetingId ? { meetingId: values.meetingId } : {}),
      sensitive: values.sensitive,
      visibleToUserIds: values.sensitive ? values.visibleToUserIds : [],
    };
    create.mutate(input, {
      onSuccess: () => {
        message.success(t('createItem.created'));
        form.resetFields();
        onClose();
      },
      onError: (error) => setFormError(showServerErrors(form, error, FIELDS, t('error.generic'))),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('createItem.title')}
      size={isMobile ? '100%' : 520}
      forceRender
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('createItem.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ sensitive: false, visibleToUserIds: [] }}>
        <Form.Item name="description" label={t('field.description')} rules={[{ required: true, whitespace: true, message: t('createItem.descriptionRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('createItem.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('field.ownerId')} extra={t('createItem.ownerHint')} rules={[{ required: true, message: t('createItem.ownerRequired') }]}>
          <PersonSelect />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('field.dueDate')}
          rules={[
            { required: true, message: t('createItem.dueDateRequired') },
            { validator: async (_, value?: string) => (value && value < format.today ? Promise.reject(new Error(t('dueDate.past'))) : undefined) },
          ]}
        >
          <DueDateInput />
        </Form.Item>
        <Form.Item name="deliverable" label={t('field.deliverable')} rules={[{ required: true, whitespace: true, message: t('createItem.deliverableRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t('createItem.deliverablePlaceholder')} />
        </Form.Item>
        {meetings.length > 0 && (
          <Form.Item name="meetingId" label={t('createItem.meeting')}>
            <Select allowClear placeholder={t('createItem.meetingPlaceholder')} options={meetings.map((m) => ({ value: m.id, label: `${m.title} · ${format.instant(m.plannedStart!)}` }))} />
          </Form.Item>
        )}
        <Form.Item name="sensitive" label={t('createItem.sensitive')} valuePropName="checked" extra={t('createItem.sensitiveHint')}>
          <Switch />
        </Form.Item>
        {sensitive && (
          <Form.Item name="visibleToUserIds" label={t('createItem.visibleTo')} extra={t('createItem.visibleToHint')}>
            <PersonSelect multiple />
          </Form.Item>
        )}
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Drawer>
  );
}
