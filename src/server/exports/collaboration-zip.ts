/**
 * The archive of one collaboration as a .zip, the template's 归档: the record workbook and PDF named
 * 年份-季度-项目名称, and every deliverable file the reader may see under `交付成果/` (the paths listed on
 * the workbook's 交付成果附件 sheet). Files are read from the attachment store by content hash; a file
 * missing from the store does not fail the archive but is named in `交付成果/缺失文件.txt`.
 *
 * The zip is spooled to a temporary file rather than memory, so a record with many large attachments
 * costs disk, not heap, and the response can carry its exact Content-Length.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { once } from 'node:events';
import { ZipArchive } from 'archiver';
import { ARCHIVE_FOLDER, type CollaborationExport } from './collaboration-export.ts';
import { wallClock } from '../../domain/calendar-date.ts';

/** Where the zip reads attachment bytes: `app.attachments` (src/server/attachments/storage.ts). */
export type AttachmentReader = { open(sha256: string): Readable; exists(sha256: string): Promise<boolean> };

export type ZipInput = { baseName: string; workbook: Buffer; pdf: Buffer };

/** Name of the note listing files the store no longer has. */
export const MISSING_FILES_NOTE = `${ARCHIVE_FOLDER}/缺失文件.txt`;

/** Formats whose bytes are already compressed: stored as they are instead of deflated again. */
const COMPRESSED = /^(image\/(png|jpe?g|gif|webp)|application\/(pdf|zip|x-zip-compressed|vnd\.openxmlformats-officedocument\..+)|video\/.+|audio\/.+)$/;

/** Writes the archive into `target`; resolves with the archive paths of files that could not be read. */
export async function writeCollaborationZip(target: Writable, model: CollaborationExport, input: ZipInput, files: AttachmentReader): Promise<{ missing: string[] }> {
  const zip = new ZipArchive({ zlib: { level: 6 }, forceLocalTime: true });
  const failure = new Promise<never>((_, reject) => zip.on('error', reject));
  failure.catch(() => undefined);
  zip.pipe(target);
  const date = zipDate(model.exportedAt, model.timeZone);
  zip.append(input.workbook, { name: `${input.baseName}.xlsx`, date, store: true });
  zip.append(input.pdf, { name: `${input.baseName}.pdf`, date, store: true });
  const missing: string[] = [];
  for (const file of model.attachments) {
    if (!(await files.exists(file.sha256))) {
      missing.push(file.archivePath);
      continue;
    }
    // One file open at a time: wait until the archive has taken this entry before opening the next.
    const taken = once(zip, 'entry');
    zip.append(files.open(file.sha256), { name: file.archivePath, date: zipDate(file.uploadedAt, model.timeZone), store: COMPRESSED.test(file.mime) });
    await Promise.race([taken, failure]);
  }
  if (missing.length) zip.append(`${missing.join('\n')}\n`, { name: MISSING_FILES_NOTE, date });
  await Promise.race([zip.finalize(), failure]);
  await finished(target);
  return { missing };
}

/**
 * Zip entries carry a local time without zone (DOS format): give them the organisation's wall clock, so
 * 14:00 in Shanghai shows as 14:00 whatever zone the server runs in.
 */
function zipDate(instant: Date, tz: string): Date {
  const w = wallClock(instant, tz);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** A finished zip on disk: its path, exact size, and `remove()` once it has been sent. */
export type SpooledZip = { path: string; size: number; missing: string[]; remove(): Promise<void> };

/** Writes the archive to a temporary file (removed by `remove()`, or at once when writing fails). */
export async function spoolCollaborationZip(model: CollaborationExport, input: ZipInput, files: AttachmentReader): Promise<SpooledZip> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liaison-zip-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, 'archive.zip');
    const { missing } = await writeCollaborationZip(createWriteStream(file), model, input, files);
    return { path: file, size: (await stat(file)).size, missing, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
