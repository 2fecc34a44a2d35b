import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useCreateDepartment, useUpdateDepartment } from '../../api/admin.ts';
import { useDepartments } from '../../api/organization.ts';
import type { Department } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EmptyState, PageLoading } from '../../components/page-state.tsx';
import { placeFieldErrors } from '../../components/field-errors.ts';
import { AdminLoadError, AdminPage } from './admin-only.tsx';
import { DepartmentPicker } from './pickers.tsx';
import { PersonSelect } from '../../components/person-select.tsx';

type Values = { name: string; parentId: string | null; headId: string | null };
const FIELDS = ['name', 'parentId', 'headId'] as const;

/** What the dialog is for: a new department (under a parent, or at the top) or an existing one. */
type Editing = { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: Department };

function DepartmentDialog({ editing, tree, onClose }: { editing: Editing; tree: Department[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const [formError, setFormError] = useState<string | null>(null);
  const department = editing.mode === 'edit' ? editing.department : null;
  const pending = create.isPending || update.isPending;

  const submit = (values: Values) => {
    setFormError(null);
    const body = { name: values.name.trim(), parentId: values.parentId ?? null, headId: values.headId ?? null };
    const onError = (error: unknown) => setFormError(placeFieldErrors(form, error, { fields: FIELDS, fallback: t('error.generic') }));
    if (department) {
      update.mutate({ id: department.id, ...body }, { onSuccess: () => (message.success(t('admin.departmentSaved')), onClose()), onError });
    } else {
      create.mutate(body, { onSuccess: () => (message.success(t('admin.departmentCreated')), onClose()), onError });
    }
  };

  return (
    <Modal
      open
      title={department ? t('admin.editDepartment', { name: department.name }) : t('admin.newDepartment')}
      onCancel={onClose}
      okText={department ? t('common.save') : t('admin.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          department
            ? { name: department.name, parentId: department.parentId, headId: department.headId }
            : { name: '', parentId: editing.mode === 'create' ? editing.parentId : null, headId: null }
        }
      >
        <Form.Item name="name" label={t('admin.departmentName')} rules={[{ required: true, whitespace: true, message: t('admin.departmentNameRequired') }]}>
          <Input maxLength={100} autoFocus placeholder={t('admin.departmentNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.parentDepartment')} extra={t('admin.parentDepartmentHint')}>
          <DepartmentPicker tree={tree} {...(department ? { excludeId: department.id } : {})} placeholder={t('admin.topLevel')} />
        </Form.Item>
        <Form.Item name="headId" label={t('admin.departmentHead')} extra={t('admin.departmentHeadHint')}>
          <PersonSelect known={department?.headId ? [{ id: department.headId, name: department.headName ?? '' }] : []} placeholder={t('admin.noHead')} />
        </Form.Item>
        {formError && <Alert type="error" showIcon role="alert" title={formError} />}
      </Form>
    </Modal>
  );
}

function DepartmentRows({ nodes, depth, onEdit, onAddChild }: { nodes: Department[]; depth: number; onEdit: (d: Department) => void; onAddChild: (d: Department) => void }) {
  const { t } = useI18n();
  return (
    <ul aria-label={depth === 0 ? t('admin.departmentTree') : undefined} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {nodes.map((d) => (
        <li key={d.id}>
          <div
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'center',
              justifyContent: 'space-between',
              gap: 8,
              padding: '10px 0',
              paddingInlineStart: Math.min(depth, 4) * 20,
              borderBottom: '1px solid rgba(5,5,5,0.06)',
            }}
          >
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>
                <ApartmentOutlined style={{ marginInlineEnd: 6, color: 'rgba(0,0,0,0.45)' }} aria-hidden />
                {d.name}
              </Typography.Text>
              <div>
                {d.headName ? (
                  <Typography.Text type="secondary">{t('admin.headIs', { name: d.headName })}</Typography.Text>
                ) : (
                  <Tag color="warning">{t('admin.noHeadYet')}</Tag>
                )}
              </div>
            </div>
            <Space size={4} wrap>
              <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(d)} aria-label={t('admin.editDepartment', { name: d.name })}>
                {t('common.edit')}
              </Button>
              <Button size="small" icon={<PlusOutlined />} onClick={() => onAddChild(d)} aria-label={t('admin.addSubDepartmentOf', { name: d.name })}>
                {t('admin.addSubDepartment')}
              </Button>
            </Space>
          </div>
          {d.children.length > 0 && <DepartmentRows nodes={d.children} depth={depth + 1} onEdit={onEdit} onAddChild={onAddChild} />}
        </li>
      ))}
    </ul>
  );
}

/** 部门: the organisation's tree with each department's head; admins add, rename, move and set heads. */
export function DepartmentsPage() {
  const { t } = useI18n();
  const departments = useDepartments();
  const [editing, setEditing] = useState<Editing | null>(null);
  const tree = departments.data?.tree ?? [];

  return (
    <AdminPage
      title="admin.departments"
      actions={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: null })}>
          {t('admin.newDepartment')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('admin.departmentsIntro')}
      </Typography.Paragraph>
      <Card size="small">
        {departments.isPending ? (
          <PageLoading />
        ) : departments.isError ? (
          <AdminLoadError error={departments.error} onRetry={() => void departments.refetch()} />
        ) : tree.length === 0 ? (
          <EmptyState
            description={t('admin.noDepartments')}
            action={
              <Button type="primary" onClick={() => setEditing({ mode: 'create', parentId: null })}>
                {t('admin.newDepartment')}
              </Button>
            }
          />
        ) : (
          <DepartmentRows
            nodes={tree}
            depth={0}
            onEdit={(department) => setEditing({ mode: 'edit', department })}
            onAddChild={(parent) => setEditing({ mode: 'create', parentId: parent.id })}
          />
        )}
      </Card>
      {editing && <DepartmentDialog editing={editing} tree={tree} onClose={() => setEditing(null)} />}
    </AdminPage>
  );
}
