import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { isApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';

/** While a page or its data loads. */
export function PageLoading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ display: 'flex', justifyContent: 'center', padding: '48px 0' }}>
      <Spin description={label ?? t('common.loading')} />
    </div>
  );
}

/** A failed load: the server's message (already in the UI language) and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const title = isApiError(error, 'NOT_FOUND')
    ? t('error.notFound')
    : isApiError(error, 'NETWORK_ERROR')
      ? t('error.network')
      : isApiError(error)
        ? error.message
        : t('error.generic');
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      action={
        onRetry && !isApiError(error, 'NOT_FOUND') ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ description, action }: { description: ReactNode; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {action}
    </Empty>
  );
}
