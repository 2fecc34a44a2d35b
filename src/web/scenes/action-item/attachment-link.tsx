import { Typography } from 'antd';
import type { Attachment } from '../../api/attachments.ts';
import { DownloadButton } from '../../components/transfer/export-menu.tsx';
import { formatBytes } from '../../components/transfer/bytes.ts';

/** A deliverable's file name as a download (GET /attachments/:id, with progress), and its size. */
export function AttachmentLink({ attachment: a }: { attachment: Attachment }) {
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 6, minWidth: 0, maxWidth: '100%' }}>
      <DownloadButton
        request={{ path: `/attachments/${encodeURIComponent(a.id)}`, fallbackName: a.fileName }}
        buttonProps={{ type: 'link', size: 'small', style: { paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start', overflowWrap: 'anywhere' } }}
      >
        {a.fileName}
      </DownloadButton>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatBytes(a.size)}
      </Typography.Text>
    </span>
  );
}
