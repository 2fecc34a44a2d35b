import { Result } from 'antd';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { LinkButton } from '../../components/link-button.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.hint')}
      extra={
        <LinkButton to="/" type="primary">
          {t('notFound.home')}
        </LinkButton>
      }
    />
  );
}
