import { useRouteError } from 'react-router';
import { Button } from 'antd';
import { useI18n } from '../i18n/i18n-provider.tsx';

/**
 * A page that failed to render or load its code — usually a new version deployed while this tab
 * was open, whose old chunk names are gone: reloading fetches the new ones.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  console.warn(error);
  return (
    <div role="alert" style={{ maxWidth: 480, margin: '64px auto', padding: 24, textAlign: 'center' }}>
      <h1 style={{ fontSize: 20 }}>{t('error.pageFailed')}</h1>
      <p>{t('error.pageFailedHint')}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </div>
  );
}
