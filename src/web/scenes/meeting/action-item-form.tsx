import { useState } from 'react';
import { Alert, Button, Col, Form, Input, Row, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useCreateMeetingActionItem } from '../../api/meetings.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { showServerErrors } from '../../components/server-errors.ts';
import { PersonSelect, type KnownPerson } from '../../components/person-select.tsx';
import { DueDateInput } from '../../components/due-date-input.tsx';

type Values = { description: string; ownerId?: string; dueDate?: string; deliverable: string };
const FIELDS = ['description', 'ownerId', 'dueDate', 'deliverable'] as const;

type Props = {
  meeting: { id: string; collaborationId: string };
  /** The topic the item comes from (null: the meeting as a whole). */
  sourceTopicId: string | null;
  /** A sensitive topic's items are sensitive too, readable by the same people (and their owner). */
  sensitiveTo: string[] | null;
  known: KnownPerson[];
  onDone: () => void;
};

/**
 * A new action item with the template's four elements — 任务描述, 负责人 (one person), 截止时间 (an exact
 * day; 下周五 / 7月15日 are read and shown for confirmation), 交付成果 — created under its topic.
 */
export function ActionItemForm({ meeting, sourceTopicId, sensitiveTo, known, onDone }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useCreateMeetingActionItem(meeting);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    create.mutate(
      {
        description: values.description.trim(),
        ownerId: values.ownerId!,
        dueDate: values.dueDate!,
        deliverable: values.deliverable.trim(),
        ...(sourceTopicId ? { sourceTopicId } : {}),
        ...(sensitiveTo ? { sensitive: true, visibleToUserIds: sensitiveTo } : {}),
      },
      {
        onSuccess: () => {
          form.resetFields();
          onDone();
        },
        onError: (error) => setFormError(showServerErrors(form, error, FIELDS, t('error.generic'))),
      },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ background: 'rgba(0,0,0,0.02)', padding: 12, borderRadius: 8 }}>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      {sensitiveTo && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          <LockOutlined /> {t('minutes.itemSensitive')}
        </Typography.Paragraph>
      )}
      <Form.Item name="description" label={t('minutes.itemDescription')} rules={[{ required: true, whitespace: true, message: t('minutes.itemDescriptionRequired') }]}>
        <Input maxLength={2000} placeholder={t('minutes.itemDescriptionPlaceholder')} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="ownerId" label={t('item.owner')} extra={t('minutes.ownerHint')} rules={[{ required: true, message: t('minutes.ownerRequired') }]}>
            <PersonSelect known={known} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="dueDate" label={t('item.dueDate')} rules={[{ required: true, message: t('minutes.dueDateRequired') }]}>
            <DueDateInput />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="deliverable" label={t('minutes.itemDeliverable')} rules={[{ required: true, whitespace: true, message: t('minutes.itemDeliverableRequired') }]}>
        <Input maxLength={1000} placeholder={t('minutes.itemDeliverablePlaceholder')} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('minutes.addItem')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
