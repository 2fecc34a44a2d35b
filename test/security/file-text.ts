import { inflateRawSync } from 'node:zlib';
import { pdfText as readPdf } from '../../src/server/exports/read-back.fixture.ts';

/**
 * The readable text of a downloaded file, for the leak scan: .xlsx, .docx and .zip are zip archives
 * (their XML, text entries and nested files are read in turn), a PDF's text comes from poppler's
 * pdftotext (it maps each font's glyph ids back through that font's ToUnicode map). Anything else is read
 * as UTF-8.
 */
export async function textOfFile(body: Buffer): Promise<string> {
  if (isZip(body)) return (await Promise.all(unzip(body).map(async (entry) => `${entry.name}\n${await textOfFile(entry.data)}`))).join('\n');
  if (body.subarray(0, 5).toString('latin1') === '%PDF-') return pdfText(body);
  return body.toString('utf8');
}

const isZip = (b: Buffer) => b.length > 4 && b.readUInt32LE(0) === 0x04034b50;

type ZipEntry = { name: string; data: Buffer };

/** Reads a zip through its central directory (stored and deflated entries). */
export function unzip(zip: Buffer): ZipEntry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('broken zip central directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith('/')) entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * A PDF's text by pdftotext in content order (`-raw`: no dehyphenation, which would eat a marker's hyphens
 * at a line end), then again with any marker that a narrow table cell wrapped across lines joined up.
 * (Decoding glyph ids with every font's map in turn, as this once did, could turn a marker set in one
 * font into an unknown "marker" through another font's map.)
 */
async function pdfText(pdf: Buffer): Promise<string> {
  const text = await readPdf(pdf, { raw: true });
  const joined = text.replace(/\b(SECRET|COLLAB|TENANT)-\s*MARKER-((?:\s*[0-9a-f]){12})/g, (_m, kind: string, hex: string) => ` ${kind}-MARKER-${hex.replace(/\s+/g, '')} `);
  return `${text}\n${joined}`;
}
