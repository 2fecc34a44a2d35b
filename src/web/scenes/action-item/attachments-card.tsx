import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Progress, Typography, Upload } from 'antd';
import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth.ts';
import { useAttachments, useDeleteAttachment, useUploadAttachment } from '../../api/attachments.ts';
import { useCollaboration } from '../../api/collaborations.ts';
import type { ActionItem } from '../../api/types.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { EmptyState, ErrorState, PageLoading } from '../../components/page-state.tsx';
import { transferErrorText } from '../../components/transfer/transfer-error.ts';
import { AttachmentLink } from './attachment-link.tsx';

type VisibleItem = Extract<ActionItem, { restricted: false }>;

/** The largest upload the server takes (its multipart limit); checked here first so nobody waits to be told. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * 交付成果 on the item page: the files delivered for it, each downloadable; its owner and editors upload
 * (drag a file in, with progress) and the uploader or an editor removes one — none of it once the
 * collaboration is archived. The server's refusals (415 type, 413 size) show here, in place.
 */
export function AttachmentsCard({ item }: { item: VisibleItem }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const { user } = useCurrentUser();
  const collaboration = useCollaboration(item.collaborationId);
  const files = useAttachments(item.id);
  const upload = useUploadAttachment(item.id);
  const remove = useDeleteAttachment(item.id);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const archived = collaboration.data?.archived ?? true;
  const isEditor = item.abilities.update;
  const canUpload = !archived && (isEditor || item.owner.id === user.id);
  const canDelete = (uploaderId: string) => !archived && (isEditor || uploaderId === user.id);

  const send = (file: File) => {
    setProblem(null);
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setProblem(t('attachments.tooLargeLocal', { name: file.name, max: '20 MB' }));
      return;
    }
    setProgress({ name: file.name, percent: 0 });
    upload.mutate(
      { file, onProgress: (sent, total) => setProgress({ name: file.name, percent: Math.floor((sent / total) * 100) }) },
      {
        onSuccess: (added) => void message.success(t('attachments.uploaded', { name: added.fileName })),
        onError: (error) => setProblem(t('attachments.uploadFailed', { name: file.name, reason: transferErrorText(error, t) })),
        onSettled: () => setProgress(null),
      },
    );
  };

  const list = files.data ?? [];
  return (
    <Card title={t('attachments.title', { count: list.length })} size="small">
      {problem && <Alert type="error" showIcon title={problem} closable={{ onClose: () => setProblem(null), 'aria-label': t('transfer.dismiss') }} style={{ marginBottom: 12 }} />}
      {canUpload && (
        <div style={{ marginBottom: 12 }}>
          <Upload.Dragger
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              send(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}>
              <InboxOutlined />
            </p>
            <p className="ant-upload-text" style={{ fontSize: 14 }}>{t('attachments.drop')}</p>
            <p className="ant-upload-hint" style={{ fontSize: 12 }}>{t('attachments.hint')}</p>
          </Upload.Dragger>
          {progress && (
            <div role="status" style={{ marginTop: 8 }}>
              <Typography.Text style={{ fontSize: 13 }} ellipsis>
                {t('attachments.uploading', { name: progress.name })}
              </Typography.Text>
              <Progress percent={progress.percent} size="small" aria-label={t('attachments.uploading', { name: progress.name })} />
            </div>
          )}
        </div>
      )}
      {files.isPending ? (
        <PageLoading />
      ) : files.isError ? (
        <ErrorState error={files.error} onRetry={() => void files.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState description={canUpload ? t('attachments.emptyCanUpload') : t('attachments.empty')} />
      ) : (
        <ul aria-label={t('attachments.listLabel')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.map((file) => (
            <li key={file.id} style={{ display: 'flex', alignItems: 'flex-start', gap: 8, padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
              <div style={{ minWidth: 0, flex: 1 }}>
                <AttachmentLink attachment={file} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('attachments.meta', { name: file.uploadedBy.name ?? t('people.unknown'), at: format.instant(file.createdAt) })}
                </Typography.Text>
              </div>
              {canDelete(file.uploadedBy.id) && (
                <Popconfirm
                  title={t('attachments.deleteConfirm', { name: file.fileName })}
                  okText={t('attachments.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    remove.mutateAsync(file.id).then(
                      () => void message.success(t('attachments.deleted')),
                      (error: unknown) => setProblem(transferErrorText(error, t)),
                    )
                  }
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('attachments.deleteNamed', { name: file.fileName })} />
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
