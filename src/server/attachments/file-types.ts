import { fileTypeFromBuffer } from 'file-type';

/** The largest upload accepted unless `uploadMaxBytes` says otherwise: 20 MB, enough for screenshots and decks. */
export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** A kind of file accepted as a deliverable: the name endings that may carry it and the type it is served as. */
type AllowedKind = { label: string; extensions: string[]; mime: string };

/**
 * What a deliverable (交付成果) may be, keyed by the type the content is sniffed as. Anything a browser
 * could run — HTML, SVG, XML, scripts — is absent on purpose.
 */
const BINARY_KINDS: Record<string, AllowedKind> = {
  png: { label: 'PNG', extensions: ['png'], mime: 'image/png' },
  jpg: { label: 'JPEG', extensions: ['jpg', 'jpeg'], mime: 'image/jpeg' },
  gif: { label: 'GIF', extensions: ['gif'], mime: 'image/gif' },
  webp: { label: 'WebP', extensions: ['webp'], mime: 'image/webp' },
  pdf: { label: 'PDF', extensions: ['pdf'], mime: 'application/pdf' },
  docx: { label: 'Word', extensions: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { label: 'Excel', extensions: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { label: 'PowerPoint', extensions: ['pptx'], mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  zip: { label: 'ZIP', extensions: ['zip'], mime: 'application/zip' },
};

/** Plain text has no signature: it is UTF-8 without control characters, and its name says which kind. */
const TEXT_KINDS: Record<string, AllowedKind> = {
  txt: { label: 'text', extensions: ['txt'], mime: 'text/plain; charset=utf-8' },
  csv: { label: 'CSV', extensions: ['csv'], mime: 'text/csv; charset=utf-8' },
};

/** Markup a browser would render or run if it ever treated the file as a page. */
const MARKUP = /<(?:!doctype\s+html|html[\s>]|svg[\s>]|script[\s>]|iframe[\s>]|object[\s>]|embed[\s>]|\?xml)/i;

export type SniffedFile =
  | { ok: true; mime: string; kind: string }
  /** `not_allowed`: the content is no accepted kind; `name_mismatch`: it is, but the name claims another. */
  | { ok: false; reason: 'not_allowed' | 'name_mismatch'; detected: string; extension: string };

/** The name's last extension, lowercased ('' when there is none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function isPlainText(buffer: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return false;
  }
  // Tab, line feed, form feed and carriage return are text; other C0 controls and DEL are not.
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return false;
  return !MARKUP.test(text.slice(0, 4096));
}

/**
 * Decides what an upload is from its bytes, never from what the client claims: the sniffed type must be
 * allowed and the name's extension must agree with it, so a page renamed to .png or a PDF renamed to
 * .txt is refused.
 */
export async function sniffAttachment(buffer: Buffer, fileName: string): Promise<SniffedFile> {
  const extension = extensionOf(fileName);
  const sniffed = await fileTypeFromBuffer(buffer);
  if (sniffed) {
    const kind = BINARY_KINDS[sniffed.ext];
    if (!kind) return { ok: false, reason: 'not_allowed', detected: sniffed.mime, extension };
    if (!kind.extensions.includes(extension)) return { ok: false, reason: 'name_mismatch', detected: kind.label, extension };
    return { ok: true, mime: kind.mime, kind: sniffed.ext };
  }
  if (!isPlainText(buffer)) return { ok: false, reason: 'not_allowed', detected: MARKUP.test(buffer.subarray(0, 4096).toString('latin1')) ? 'HTML/SVG' : 'unknown', extension };
  const text = Object.entries(TEXT_KINDS).find(([, kind]) => kind.extensions.includes(extension));
  if (!text) return { ok: false, reason: 'name_mismatch', detected: 'text', extension };
  return { ok: true, mime: text[1].mime, kind: text[0] };
}

/**
 * The name to keep for an upload: the last path segment only (browsers on Windows send `C:\…\x.png`),
 * without control or bidirectional-override characters that could disguise the extension, at most 200
 * characters with the extension kept. '' when nothing is left.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim();
  if (clean.length <= 200) return clean;
  const extension = extensionOf(clean);
  return extension && extension.length < 20 ? `${clean.slice(0, 199 - extension.length)}.${extension}` : clean.slice(0, 200);
}
