import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, theme } from 'antd';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useMe, type Credentials } from '../../api/auth.ts';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { LANGUAGE_NAMES, LOCALES } from '../../i18n/translate.ts';
import { safeNextPath } from '../../components/require-auth.tsx';

/**
 * Sign-in: email and password, errors shown where they belong (a refused field under the field,
 * wrong credentials or too many attempts above the button), then back to the page that was asked for.
 */
export function SignInPage() {
  const { t, locale, setLocale } = useI18n();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [form] = Form.useForm<Credentials>();
  const [formError, setFormError] = useState<string | null>(null);
  const { token } = theme.useToken();
  // The account page sends people here after a password change, which ended every session.
  const passwordChanged = (useLocation().state as { notice?: string } | null)?.notice === 'passwordChanged';

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, [t]);

  if (me.data) return <Navigate to={next} replace />;

  const submit = (values: Credentials) => {
    setFormError(null);
    login.mutate(values, {
      onSuccess: () => navigate(next, { replace: true }),
      onError: (error) => {
        if (isApiError(error, 'VALIDATION_FAILED') && error.fields.length > 0) {
          form.setFields(error.fields.map((f) => ({ name: f.path as keyof Credentials, errors: [f.message] })));
          return;
        }
        if (isApiError(error, 'UNAUTHENTICATED')) setFormError(t('signIn.invalidCredentials'));
        else if (isApiError(error, 'NETWORK_ERROR')) setFormError(t('error.network'));
        else setFormError(isApiError(error) ? error.message : t('error.generic'));
      },
    });
  };

  // Plain elements where antd's would cost: Card brings Tabs and menus, Typography its editor.
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', background: '#f5f7fa', padding: '0 16px' }}>
      <nav aria-label={t('shell.language')} style={{ width: '100%', maxWidth: 400, display: 'flex', justifyContent: 'flex-end', gap: 4, padding: '16px 0' }}>
        {LOCALES.map((code) => (
          <Button key={code} size="small" type={code === locale ? 'primary' : 'text'} aria-pressed={code === locale} lang={code} onClick={() => setLocale(code)}>
            {LANGUAGE_NAMES[code]}
          </Button>
        ))}
      </nav>
      <main style={{ width: '100%', maxWidth: 400, marginTop: '6vh' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, marginBottom: 8 }}>
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <h1 style={{ margin: 0, fontSize: 24, fontWeight: 600, color: token.colorTextHeading }}>{t('app.name')}</h1>
        </div>
        <p style={{ margin: '0 0 24px', color: token.colorTextSecondary }}>{t('signIn.tagline')}</p>
        <section
          aria-labelledby="sign-in-title"
          style={{ background: token.colorBgContainer, borderRadius: token.borderRadiusLG, border: `1px solid ${token.colorBorderSecondary}`, padding: 24 }}
        >
          <h2 id="sign-in-title" style={{ fontSize: 18, fontWeight: 600, margin: '0 0 16px', color: token.colorTextHeading }}>{t('signIn.title')}</h2>
          {passwordChanged && <Alert type="success" showIcon title={t('account.passwordChangedSignIn')} style={{ marginBottom: 16 }} />}
          <Form<Credentials> form={form} layout="vertical" requiredMark={false} onFinish={submit} onValuesChange={() => setFormError(null)}>
            <Form.Item
              name="email"
              label={t('signIn.email')}
              rules={[
                { required: true, message: t('signIn.emailRequired') },
                { type: 'email', message: t('signIn.emailInvalid') },
              ]}
            >
              <Input type="email" autoComplete="username" inputMode="email" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" size="large" />
            </Form.Item>
            {formError && <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
              {t('signIn.submit')}
            </Button>
          </Form>
        </section>
      </main>
    </div>
  );
}
