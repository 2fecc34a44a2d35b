import { useEffect } from 'react';
import { Alert, Button, Progress, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { formatBytes, percentOf } from './bytes.ts';
import type { DownloadState } from './use-download.ts';

/**
 * A download's progress under the button that started it: the file's name, a bar from Content-Length
 * (or the bytes so far when the server sends none), a way to cancel; then "saved", or why it failed.
 */
export function DownloadStatus({ state, onCancel, onDismiss }: { state: DownloadState; onCancel: () => void; onDismiss: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    if (state.status !== 'done') return;
    const timer = window.setTimeout(onDismiss, 8000);
    return () => window.clearTimeout(timer);
  }, [state, onDismiss]);

  if (state.status === 'idle') return null;
  if (state.status === 'error') {
    return <Alert type="error" showIcon title={state.message} closable={{ onClose: onDismiss, 'aria-label': t('transfer.dismiss') }} style={{ maxWidth: 360 }} />;
  }
  if (state.status === 'done') {
    return (
      <Typography.Text type="success" role="status" style={{ overflowWrap: 'anywhere' }}>
        {t('transfer.saved', { name: state.fileName, size: formatBytes(state.size) })}
      </Typography.Text>
    );
  }
  const percent = percentOf(state.received, state.total);
  const amount = state.total ? `${formatBytes(state.received)} / ${formatBytes(state.total)}` : formatBytes(state.received);
  return (
    <div role="status" aria-live="polite" style={{ width: 'min(320px, 100%)' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
        <Typography.Text ellipsis style={{ minWidth: 0, fontSize: 13 }}>
          {t('transfer.downloading', { name: state.fileName })}
        </Typography.Text>
        <Button type="link" size="small" onClick={onCancel} style={{ paddingInline: 0 }}>
          {t('common.cancel')}
        </Button>
      </div>
      <Progress
        percent={percent ?? 100}
        status="active"
        showInfo={false}
        size="small"
        aria-label={t('transfer.progressLabel', { name: state.fileName })}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {percent === null ? amount : `${percent}% · ${amount}`}
      </Typography.Text>
    </div>
  );
}
