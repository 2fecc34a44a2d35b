import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { useAdminUsers, useCreateUser, useUpdateUser, type AdminUser, type Role } from '../../api/admin.ts';
import { useDepartments } from '../../api/organization.ts';
import type { Department } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { EmptyState, PageLoading } from '../../components/page-state.tsx';
import { placeFieldErrors } from '../../components/field-errors.ts';
import { AdminLoadError, AdminPage } from './admin-only.tsx';
import { DepartmentPicker } from './pickers.tsx';
import { isStrongPassword } from './password-rule.ts';

const ROLES: readonly Role[] = ['member', 'pmo', 'admin'];
const roleColor: Record<Role, string> = { admin: 'red', pmo: 'blue', member: 'default' };

type Values = { name: string; email: string; phone?: string; password?: string; role: Role; departmentIds: string[] };
const FIELDS = ['name', 'email', 'phone', 'password', 'role', 'departmentIds'] as const;

function RoleTag({ role }: { role: Role }) {
  const { t } = useI18n();
  return <Tag color={roleColor[role]}>{t(`role.${role}`)}</Tag>;
}

function UserDialog({ user, tree, onClose }: { user: AdminUser | null; tree: Department[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    const onError = (error: unknown) => setFormError(placeFieldErrors(form, error, { fields: FIELDS, fallback: t('error.generic') }));
    const common = { name: values.name.trim(), email: values.email.trim(), role: values.role, departmentIds: values.departmentIds ?? [] };
    const phone = values.phone?.trim();
    if (user) {
      update.mutate(
        { id: user.id, ...common, phone: phone || null, ...(values.password ? { password: values.password } : {}) },
        { onSuccess: () => (message.success(t('admin.userSaved', { name: common.name })), onClose()), onError },
      );
    } else {
      create.mutate(
        { ...common, ...(phone ? { phone } : {}), password: values.password ?? '' },
        { onSuccess: () => (message.success(t('admin.userCreated', { name: common.name })), onClose()), onError },
      );
    }
  };

  return (
    <Modal
      open
      title={user ? t('admin.editUser', { name: user.name }) : t('admin.newUser')}
      onCancel={onClose}
      okText={user ? t('common.save') : t('admin.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          user
            ? { name: user.name, email: user.email, phone: user.phone ?? '', role: user.role, departmentIds: user.departmentIds }
            : { name: '', email: '', phone: '', role: 'member', departmentIds: [] }
        }
      >
        <Form.Item name="name" label={t('admin.userName')} rules={[{ required: true, whitespace: true, message: t('admin.userNameRequired') }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('admin.userEmail')}
          extra={t('admin.userEmailHint')}
          rules={[
            { required: true, message: t('admin.userEmailRequired') },
            { type: 'email', message: t('signIn.emailInvalid') },
          ]}
        >
          <Input type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.userPhone')}>
          <Input type="tel" maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('admin.newPassword') : t('admin.initialPassword')}
          extra={user ? t('admin.newPasswordHint') : t('admin.passwordRule')}
          rules={[
            { required: !user, message: t('admin.passwordRequired') },
            { validator: (_, value: string | undefined) => (!value || isStrongPassword(value) ? Promise.resolve() : Promise.reject(new Error(t('admin.passwordWeak')))) },
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('admin.role')} extra={t('admin.roleHint')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('admin.userDepartments')}>
          <DepartmentPicker tree={tree} multiple placeholder={t('admin.userDepartmentsPlaceholder')} />
        </Form.Item>
        {formError && <Alert type="error" showIcon role="alert" title={formError} />}
      </Form>
    </Modal>
  );
}

/** Deactivate (sign-in refused, sessions ended, their records kept) or bring back. Nobody switches themselves off. */
function ActiveToggle({ user }: { user: AdminUser }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const update = useUpdateUser();
  if (user.id === me.user.id) return null;
  // A promise rather than mutate's callbacks: the row may leave the list (and unmount) before they would run.
  const toggle = () =>
    update.mutateAsync({ id: user.id, active: !user.active }).then(
      () => message.success(t(user.active ? 'admin.userDeactivated' : 'admin.userReactivated', { name: user.name })),
      (error: Error) => message.error(error.message || t('error.generic')),
    );
  if (!user.active) {
    return (
      <Button size="small" loading={update.isPending} onClick={toggle}>
        {t('admin.reactivate')}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t('admin.deactivateConfirm', { name: user.name })}
      description={t('admin.deactivateHint')}
      okText={t('admin.deactivate')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={toggle}
    >
      <Button size="small" danger loading={update.isPending}>
        {t('admin.deactivate')}
      </Button>
    </Popconfirm>
  );
}

function UserActions({ user, onEdit }: { user: AdminUser; onEdit: (u: AdminUser) => void }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(user)} aria-label={t('admin.editUser', { name: user.name })}>
        {t('common.edit')}
      </Button>
      <ActiveToggle user={user} />
    </Space>
  );
}

/** 成员: everyone in the organisation, searchable; admins add people, set roles and departments, deactivate. */
export function UsersPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const includeInactive = params.get('inactive') === '1';
  const users = useAdminUsers({ q, includeInactive });
  const departments = useDepartments();
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  const departmentName = useMemo(() => new Map((departments.data?.options ?? []).map((d) => [d.id, d.name])), [departments.data]);
  const namesOf = (u: AdminUser) => u.departmentIds.map((id) => departmentName.get(id) ?? '').filter(Boolean).join(t('history.listSeparator'));

  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );

  const nameCell = (u: AdminUser) => (
    <span>
      <Typography.Text strong={u.active} type={u.active ? undefined : 'secondary'}>
        {u.name}
      </Typography.Text>
      {!u.active && <Tag style={{ marginInlineStart: 8 }}>{t('admin.inactive')}</Tag>}
    </span>
  );

  return (
    <AdminPage
      title="admin.users"
      actions={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('admin.newUser')}
        </Button>
      }
    >
      <div role="search" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('admin.searchUsers')}
          aria-label={t('admin.searchUsers')}
          onSearch={(value) => setParam('q', value.trim() || null)}
          style={{ maxWidth: 360, flex: '1 1 220px' }}
        />
        <Checkbox checked={includeInactive} onChange={(e) => setParam('inactive', e.target.checked ? '1' : null)}>
          {t('admin.showInactive')}
        </Checkbox>
      </div>
      {users.isPending ? (
        <PageLoading />
      ) : users.isError ? (
        <AdminLoadError error={users.error} onRetry={() => void users.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState description={q ? t('admin.noUsersMatch') : t('admin.noUsers')} action={<Button onClick={() => setEditing('new')}>{t('admin.newUser')}</Button>} />
        </Card>
      ) : isMobile ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {rows.map((u) => (
            <Card key={u.id} size="small">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                {nameCell(u)}
                <RoleTag role={u.role} />
              </div>
              <Typography.Text type="secondary" style={{ display: 'block', wordBreak: 'break-all' }}>
                {u.email}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                {namesOf(u) || t('admin.noDepartment')}
              </Typography.Text>
              <UserActions user={u} onEdit={setEditing} />
            </Card>
          ))}
        </Space>
      ) : (
        <Table<AdminUser>
          rowKey="id"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: t('admin.userName'), key: 'name', render: (_, u) => nameCell(u) },
            { title: t('admin.userEmail'), key: 'email', render: (_, u) => <span style={{ wordBreak: 'break-all' }}>{u.email}</span> },
            { title: t('admin.role'), key: 'role', width: 120, render: (_, u) => <RoleTag role={u.role} /> },
            { title: t('admin.userDepartments'), key: 'departments', render: (_, u) => namesOf(u) || <Typography.Text type="secondary">{t('admin.noDepartment')}</Typography.Text> },
            { title: t('admin.actions'), key: 'actions', width: 190, render: (_, u) => <UserActions user={u} onEdit={setEditing} /> },
          ]}
        />
      )}
      {users.hasNextPage && (
        <div style={{ textAlign: 'center' }}>
          <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
      {editing && <UserDialog user={editing === 'new' ? null : editing} tree={departments.data?.tree ?? []} onClose={() => setEditing(null)} />}
    </AdminPage>
  );
}
