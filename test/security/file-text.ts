import { inflateRawSync, inflateSync } from 'node:zlib';

/**
 * The readable text of a downloaded file, for the leak scan: .xlsx, .docx and .zip are zip archives
 * (their XML, text entries and nested files are read in turn), a PDF's text is decoded through the
 * ToUnicode maps of its embedded fonts (pdfkit subsets CJK fonts, so the page streams hold glyph ids,
 * not characters). Anything else is read as UTF-8.
 */
export function textOfFile(body: Buffer): string {
  if (isZip(body)) return unzip(body).map((entry) => `${entry.name}\n${textOfFile(entry.data)}`).join('\n');
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
 * Every stream of the PDF, inflated when FlateDecode. Found by the `stream` keyword after a dictionary's
 * `>>` with plain string searches: a regular expression over nested dictionaries backtracks for minutes
 * on a large document.
 */
function pdfStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  for (let at = text.indexOf('stream'); at >= 0; at = text.indexOf('stream', at + 6)) {
    const start = text.startsWith('\r\n', at + 6) ? at + 8 : text[at + 6] === '\n' ? at + 7 : -1;
    if (start < 0 || !/>>\s*$/.test(text.slice(Math.max(0, at - 8), at))) continue;
    const stop = text.indexOf('endstream', start);
    if (stop < 0) break;
    const dictionary = text.slice(Math.max(text.lastIndexOf(' obj', at), 0), at);
    const data = pdf.subarray(start, stop);
    if (dictionary.includes('/FlateDecode')) {
      try {
        streams.push(inflateSync(data).toString('latin1'));
      } catch {
        // A stream with trailing bytes or an image: nothing to read there.
      }
    } else streams.push(data.toString('latin1'));
    at = stop + 3;
  }
  return streams;
}

type Cmap = Map<number, string>;

const hexToString = (hex: string) => {
  const clean = hex.replace(/\s+/g, '');
  const codes: number[] = [];
  for (let i = 0; i + 4 <= clean.length; i += 4) codes.push(parseInt(clean.slice(i, i + 4), 16));
  return String.fromCharCode(...codes);
};

function parseCmap(stream: string): Cmap {
  const map: Cmap = new Map();
  for (const block of stream.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const pair of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(pair[1]!, 16), hexToString(pair[2]!));
  }
  for (const block of stream.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
    for (const range of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(range[1]!, 16);
      const hi = parseInt(range[2]!, 16);
      const target = range[3]!;
      if (target.startsWith('[')) {
        const list = [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => hexToString(m[1]!));
        for (let code = lo; code <= hi; code++) map.set(code, list[code - lo] ?? '');
      } else {
        const base = hexToString(target.slice(1, -1));
        for (let code = lo; code <= hi; code++) map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - lo));
      }
    }
  }
  return map;
}

/**
 * The text shown on the PDF's pages: hex strings decoded with every font's ToUnicode map (which font
 * a string uses is not tracked, so each map's reading is kept) and literal strings as written.
 */
function pdfText(pdf: Buffer): string {
  const streams = pdfStreams(pdf);
  const cmaps = streams.filter((s) => s.includes('begincmap')).map(parseCmap);
  const out: string[] = [];
  for (const stream of streams) {
    if (stream.includes('begincmap')) continue;
    const shown: string[][] = cmaps.map(() => []);
    const literal: string[] = [];
    for (const m of stream.matchAll(/<([0-9a-fA-F\s]+)>|\(((?:\\.|[^\\)])*)\)/g)) {
      if (m[1] !== undefined) {
        const hex = m[1].replace(/\s+/g, '');
        // The standard 14 fonts show single-byte (WinAnsi) codes.
        literal.push(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1'));
        const width = hex.length % 4 === 0 ? 4 : 2;
        cmaps.forEach((cmap, i) => {
          let s = '';
          for (let k = 0; k + width <= hex.length; k += width) s += cmap.get(parseInt(hex.slice(k, k + width), 16)) ?? '';
          shown[i]!.push(s);
        });
      } else literal.push(m[2]!.replace(/\\(.)/g, '$1'));
    }
    out.push(...shown.map((parts) => parts.join('')), literal.join(''));
  }
  return out.join('\n');
}
