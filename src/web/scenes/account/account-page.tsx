import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { meKey, saveLanguagePreference, useCurrentUser } from '../../api/auth.ts';
import { useChangePassword, useUpdateOwnProfile } from '../../api/account.ts';
import { setCsrfToken } from '../../api/client.ts';
import { useDepartments } from '../../api/organization.ts';
import { LinkButton } from '../../components/link-button.tsx';
import { showServerErrors } from '../../components/server-errors.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { LANGUAGE_NAMES, LOCALES, type Locale } from '../../i18n/translate.ts';
import { AccessTokensCard } from './access-tokens-card.tsx';

/** Name and email: read-only for members (an admin keeps the directory), editable by an admin. */
function ProfileCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const departments = useDepartments();
  const [form] = Form.useForm<{ name: string; email: string }>();
  const [editing, setEditing] = useState(false);
  const update = useUpdateOwnProfile(me.user.id);
  const [formError, setFormError] = useState<string | null>(null);
  const canEdit = me.abilities.manageUsers;
  const departmentNames = me.user.departmentIds.map((id) => departments.data?.options.find((d) => d.id === id)?.name).filter(Boolean);

  if (editing) {
    return (
      <Card title={t('account.profile')} size="small">
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: me.user.name, email: me.user.email }}
          onFinish={(values) => {
            setFormError(null);
            update.mutate(
              { name: values.name.trim(), email: values.email.trim() },
              {
                onSuccess: () => {
                  message.success(t('account.profileSaved'));
                  setEditing(false);
                },
                onError: (error) => setFormError(showServerErrors(form, error, ['name', 'email'], t('error.generic'))),
              },
            );
          }}
        >
          <Form.Item name="name" label={t('account.name')} rules={[{ required: true, whitespace: true, message: t('account.nameRequired') }]}>
            <Input maxLength={100} autoComplete="name" />
          </Form.Item>
          <Form.Item name="email" label={t('account.email')} rules={[{ required: true, type: 'email', message: t('account.emailInvalid') }]}>
            <Input type="email" maxLength={254} autoComplete="email" />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    );
  }
  return (
    <Card
      title={t('account.profile')}
      size="small"
      extra={
        canEdit && (
          <Button size="small" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('account.name'), children: me.user.name },
          { key: 'email', label: t('account.email'), children: <span style={{ overflowWrap: 'anywhere' }}>{me.user.email}</span> },
          { key: 'departments', label: t('account.departments'), children: departmentNames.length ? departmentNames.join(t('account.listSeparator')) : '–' },
          { key: 'role', label: t('account.role'), children: t(`account.role.${me.user.role}`) },
        ]}
      />
      {!canEdit && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('account.profileReadOnly')}</Typography.Text>}
    </Card>
  );
}

type PasswordValues = { currentPassword: string; newPassword: string; confirm: string };

/** A strong password: at least 10 characters with letters and digits (the server's rule, said up front). */
const isStrong = (password: string) => password.length >= 10 && /[A-Za-z]/.test(password) && /\d/.test(password);

/** Changing the password ends every session of the account, this one too: the page says so and goes to sign-in. */
function PasswordCard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: PasswordValues) => {
    setFormError(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setCsrfToken(null);
          queryClient.clear();
          queryClient.setQueryData(meKey, null);
          navigate('/sign-in', { replace: true, state: { notice: 'passwordChanged' } });
        },
        onError: (error) => setFormError(showServerErrors(form, error, ['currentPassword', 'newPassword'], t('error.generic'))),
      },
    );
  };

  return (
    <Card title={t('account.password')} size="small">
      <Form<PasswordValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
        {/* Lets password managers pair the new password with this account. */}
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('account.currentPasswordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          required
          extra={t('account.passwordRule')}
          rules={[{ validator: async (_, value?: string) => (value && isStrong(value) ? undefined : Promise.reject(new Error(t('account.passwordRule')))) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.confirmRequired') },
            ({ getFieldValue }) => ({ validator: async (_, value?: string) => (!value || value === getFieldValue('newPassword') ? undefined : Promise.reject(new Error(t('account.confirmMismatch')))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Alert type="info" showIcon title={t('account.passwordSignsOut')} style={{ marginBottom: 16 }} />
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

/** The UI language: switches at once and is stored on the account (mail and chat messages follow it). */
function LanguageCard() {
  const { t, locale, setLocale } = useI18n();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const choose = (next: Locale) => {
    setLocale(next);
    setSaving(true);
    saveLanguagePreference(next)
      .catch(() => void message.error(t('account.languageNotSaved')))
      .finally(() => setSaving(false));
  };
  return (
    <Card title={t('account.language')} size="small">
      <Radio.Group
        aria-label={t('account.language')}
        value={locale}
        disabled={saving}
        onChange={(e) => choose(e.target.value as Locale)}
        options={LOCALES.map((code) => ({ value: code, label: <span lang={code}>{LANGUAGE_NAMES[code]}</span> }))}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '8px 0 0' }}>
        {t('account.languageHint')}
      </Typography.Paragraph>
    </Card>
  );
}

/** 我的账户 (/account): profile, password, language and personal access tokens. */
export function AccountPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('account.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 880 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('account.title')}
      </Typography.Title>
      <ProfileCard />
      <LanguageCard />
      <Card title={t('account.notifications')} size="small">
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('account.notificationsHint')}
        </Typography.Paragraph>
        <LinkButton to="/account/notifications">{t('account.notificationsOpen')}</LinkButton>
      </Card>
      <PasswordCard />
      <AccessTokensCard />
    </Space>
  );
}
