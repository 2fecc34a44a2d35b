import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestOptions } from '../../api/client.ts';
import { apiDownload } from '../../api/transfer.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { fileNameFromDisposition } from './content-disposition.ts';
import { transferErrorText } from './transfer-error.ts';

export type DownloadRequest = {
  /** API path under /api/v1, e.g. `/collaborations/:id/export`. */
  path: string;
  query?: RequestOptions['query'];
  /** Saved under this name when the server names none. */
  fallbackName: string;
};

export type DownloadState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; received: number; total: number | null }
  | { status: 'done'; fileName: string; size: number }
  | { status: 'error'; message: string };

/** Hands a finished file to the browser's downloads under its name, through a short-lived blob URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; keeping the URL a while costs nothing and is safe for slow disks.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a response body chunk by chunk, reporting the bytes received so far. */
async function readWithProgress(response: Response, onChunk: (received: number) => void): Promise<Blob> {
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!response.body) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    received += value.byteLength;
    onChunk(received);
  }
  return new Blob(chunks, { type });
}

/**
 * The one way the web app downloads a file (exports, archives, attachments): fetched as the signed-in
 * user, with progress from Content-Length while the body streams in, saved under the name the server
 * gives in Content-Disposition (filename*), and failures as a message in the UI language. Leaving the
 * page cancels a running download.
 */
export function useDownload() {
  const { t } = useI18n();
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (request: DownloadRequest) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setState({ status: 'running', fileName: request.fallbackName, received: 0, total: null });
      try {
        const response = await apiDownload(request.path, request.query, abort.signal);
        const fileName = fileNameFromDisposition(response.headers.get('content-disposition'), request.fallbackName);
        const length = Number(response.headers.get('content-length'));
        const total = Number.isFinite(length) && length > 0 ? length : null;
        setState({ status: 'running', fileName, received: 0, total });
        const blob = await readWithProgress(response, (received) => {
          if (!abort.signal.aborted) setState({ status: 'running', fileName, received, total });
        });
        if (abort.signal.aborted) return;
        saveBlob(blob, fileName);
        setState({ status: 'done', fileName, size: blob.size });
      } catch (error) {
        if (abort.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) return;
        setState({ status: 'error', message: transferErrorText(error, t) });
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [t],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ status: 'idle' });
  }, []);

  const dismiss = useCallback(() => setState({ status: 'idle' }), []);

  return { state, start, cancel, dismiss, busy: state.status === 'running' };
}
