import type { ReactNode } from 'react';
import { Button, Dropdown, type ButtonProps } from 'antd';
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { DownloadStatus } from './download-status.tsx';
import { useDownload, type DownloadRequest } from './use-download.ts';

export type ExportFormat = 'xlsx' | 'pdf' | 'docx' | 'zip';

export type DownloadChoice = { key: string; label: ReactNode; request: DownloadRequest };

/** The usual export choices of one export route (`?format=`), named `<baseName>.<format>` when the server names none. */
export function formatChoices(path: string, formats: readonly ExportFormat[], baseName: string, query: DownloadRequest['query'] = {}, label: (format: ExportFormat) => ReactNode): DownloadChoice[] {
  return formats.map((format) => ({ key: format, label: label(format), request: { path, query: { ...query, format }, fallbackName: `${baseName}.${format}` } }));
}

/** A stack of a control and the progress of the download it started; keeps to the width it is given. */
function WithStatus({ children, download }: { children: ReactNode; download: ReturnType<typeof useDownload> }) {
  return (
    <div style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-start', gap: 6, maxWidth: '100%', minWidth: 0 }}>
      {children}
      <DownloadStatus state={download.state} onCancel={download.cancel} onDismiss={download.dismiss} />
    </div>
  );
}

/** 导出 ▾: a menu of files to download (Excel, PDF, Word, .zip …), each with progress under the button. */
export function ExportMenu({ choices, label, buttonProps }: { choices: DownloadChoice[]; label?: ReactNode; buttonProps?: ButtonProps }) {
  const { t } = useI18n();
  const download = useDownload();
  return (
    <WithStatus download={download}>
      <Dropdown
        trigger={['click']}
        disabled={download.busy}
        menu={{
          items: choices.map((c) => ({ key: c.key, label: c.label })),
          onClick: ({ key }) => {
            const choice = choices.find((c) => c.key === key);
            if (choice) void download.start(choice.request);
          },
        }}
      >
        <Button icon={<DownloadOutlined aria-hidden />} loading={download.busy} {...buttonProps}>
          {label ?? t('export.button')} <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
    </WithStatus>
  );
}

/** One file behind one button (an archive's .zip, an attachment), with the same progress and errors. */
export function DownloadButton({ request, children, buttonProps }: { request: DownloadRequest; children: ReactNode; buttonProps?: ButtonProps }) {
  const download = useDownload();
  return (
    <WithStatus download={download}>
      <Button icon={<DownloadOutlined aria-hidden />} loading={download.busy} onClick={() => void download.start(request)} {...buttonProps}>
        {children}
      </Button>
    </WithStatus>
  );
}
