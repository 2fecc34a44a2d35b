import { Alert, Button, Form, Input, Segmented, Tag, Typography } from 'antd';
import { useAddRemark } from '../../api/collaborations.ts';
import type { Collaboration, RemarkInput } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { showServerErrors } from '../../components/server-errors.ts';
import { useState } from 'react';

type Values = { kind: 'remark' | 'risk'; text: string };

/** 风险与备注: risks and remarks in the order they were written; editors add to it. */
export function RemarksLog({ collaboration }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const format = useFormat();
  const add = useAddRemark(collaboration.id);
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    const input: RemarkInput = { kind: values.kind, text: values.text.trim() };
    add.mutate(input, {
      onSuccess: () => form.resetFields(['text']),
      onError: (error) => setFormError(showServerErrors(form, error, ['text', 'kind'], t('error.generic'))),
    });
  };

  return (
    <div>
      {collaboration.remarks.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('remarks.empty')}</Typography.Paragraph>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {collaboration.remarks.map((r) => (
            <li key={r.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                <Tag color={r.kind === 'risk' ? 'warning' : 'default'} style={{ flex: 'none' }}>
                  {t(r.kind === 'risk' ? 'remarks.risk' : 'remarks.remark')}
                </Tag>
                <span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.author?.name ?? t('history.system')} · {r.createdAt ? format.instant(r.createdAt) : ''}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {collaboration.abilities.addRemark && (
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'remark', text: '' }} style={{ marginTop: 12 }}>
          <Form.Item name="kind" label={t('remarks.kind')} style={{ marginBottom: 8 }}>
            <Segmented
              options={[
                { value: 'remark', label: t('remarks.remark') },
                { value: 'risk', label: t('remarks.risk') },
              ]}
            />
          </Form.Item>
          <Form.Item name="text" label={t('remarks.text')} rules={[{ required: true, whitespace: true, message: t('remarks.textRequired') }]} style={{ marginBottom: 8 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('remarks.placeholder')} />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 8 }} />}
          <Button htmlType="submit" loading={add.isPending}>
            {t('remarks.add')}
          </Button>
        </Form>
      )}
    </div>
  );
}
