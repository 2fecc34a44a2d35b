import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { useCreateCollaboration } from '../../api/collaborations.ts';
import { useDepartments } from '../../api/organization.ts';
import type { CreateCollaborationInput } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { showServerErrors } from '../../components/server-errors.ts';
import { LinkButton } from '../../components/link-button.tsx';
import { SCENARIOS } from '../collaborations/list-filters.ts';

type Values = Required<Pick<CreateCollaborationInput, 'topic' | 'goal' | 'scenario' | 'initiatingDepartmentId' | 'participatingDepartmentIds' | 'visibility'>>;
const FIELDS = ['topic', 'goal', 'scenario', 'initiatingDepartmentId', 'participatingDepartmentIds', 'visibility'] as const;

/** A new collaboration: the template's header — topic, measurable goal, scenario, the departments, who may read it. */
export function NewCollaborationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useCurrentUser();
  const departments = useDepartments();
  const create = useCreateCollaboration();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const initiating = Form.useWatch('initiatingDepartmentId', form);

  useEffect(() => {
    document.title = `${t('newCollaboration.title')} · ${t('app.name')}`;
  }, [t]);

  const myDepartment = user.headOfDepartmentIds[0] ?? user.departmentIds[0];
  const options = departments.data?.options.map((d) => ({ value: d.id, label: d.path })) ?? [];

  const submit = (values: Values) => {
    setFormError(null);
    create.mutate(values, {
      onSuccess: (created) => navigate(`/collaborations/${created.id}`),
      onError: (error) => setFormError(showServerErrors(form, error, FIELDS, t('error.generic'))),
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('newCollaboration.title')}
      </Typography.Title>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ scenario: 'major_project', visibility: 'participants', initiatingDepartmentId: myDepartment, participatingDepartmentIds: [] }}
        >
          <Form.Item name="topic" label={t('newCollaboration.topic')} rules={[{ required: true, whitespace: true, message: t('newCollaboration.topicRequired') }, { max: 200 }]}>
            <Input placeholder={t('newCollaboration.topicPlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item
            name="goal"
            label={t('newCollaboration.goal')}
            extra={t('newCollaboration.goalHint')}
            rules={[{ required: true, whitespace: true, message: t('newCollaboration.goalRequired') }, { max: 2000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('newCollaboration.goalPlaceholder')} maxLength={2000} />
          </Form.Item>
          <Form.Item name="scenario" label={t('newCollaboration.scenario')} rules={[{ required: true }]}>
            <Select options={SCENARIOS.map((s) => ({ value: s, label: t(`scenario.${s}`) }))} />
          </Form.Item>
          <Form.Item name="initiatingDepartmentId" label={t('newCollaboration.initiatingDepartment')} rules={[{ required: true, message: t('newCollaboration.initiatingRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={departments.isPending} options={options} />
          </Form.Item>
          <Form.Item
            name="participatingDepartmentIds"
            label={t('newCollaboration.participatingDepartments')}
            rules={[{ required: true, type: 'array', min: 1, message: t('newCollaboration.participatingRequired') }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              options={options.filter((o) => o.value !== initiating)}
              placeholder={t('newCollaboration.participatingPlaceholder')}
            />
          </Form.Item>
          <Form.Item name="visibility" label={t('newCollaboration.visibility')}>
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              <Radio value="participants">{t('visibility.participants')}</Radio>
              <Radio value="organization">{t('visibility.organization')}</Radio>
            </Radio.Group>
          </Form.Item>
          {departments.isError && <Alert type="error" showIcon title={t('newCollaboration.departmentsFailed')} style={{ marginBottom: 16 }} />}
          {formError && <Alert type="error" showIcon role="alert" title={formError} style={{ marginBottom: 16 }} />}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('newCollaboration.submit')}
            </Button>
            <LinkButton to="/collaborations">{t('common.cancel')}</LinkButton>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
