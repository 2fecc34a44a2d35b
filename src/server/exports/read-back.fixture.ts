/**
 * Reading exported files back the way a user's tools would, for tests: PDF text through poppler's
 * `pdftotext` (what a search or screen reader gets), a .docx's document XML, the entries of a .zip.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';

const run = promisify(execFile);

/**
 * The text of a PDF in reading order (pdftotext -layout off), whitespace as poppler gives it; `raw` keeps
 * content-stream order and hyphens at line ends (no dehyphenation).
 */
export async function pdfText(pdf: Buffer, { raw = false } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liaison-pdf-'));
  try {
    const file = path.join(dir, 'export.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every entry of a zip (a .docx, .xlsx or the archive .zip) by path. */
export async function zipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  const archive = await JSZip.loadAsync(zip);
  const entries = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(archive.files)) if (!entry.dir) entries.set(name, await entry.async('nodebuffer'));
  return entries;
}

/** The text runs of a .docx's body (word/document.xml), joined, with XML entities decoded. */
export async function docxText(docx: Buffer): Promise<{ xml: string; text: string }> {
  const xml = (await zipEntries(docx)).get('word/document.xml')!.toString('utf8');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
  return { xml, text };
}
