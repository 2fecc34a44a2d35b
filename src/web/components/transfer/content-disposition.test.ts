import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './content-disposition.ts';

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 filename* of RFC 5987 over the plain name', () => {
    const header = `attachment; filename="2024-Q3-export.xlsx"; filename*=UTF-8''${encodeURIComponent('2024-Q3-2024年Q3新品发布会筹备.xlsx')}`;
    expect(fileNameFromDisposition(header, 'x')).toBe('2024-Q3-2024年Q3新品发布会筹备.xlsx');
  });

  it('reads a quoted or bare plain name, with escapes', () => {
    expect(fileNameFromDisposition('attachment; filename="minutes \\"v2\\".pdf"', 'x')).toBe('minutes "v2".pdf');
    expect(fileNameFromDisposition('attachment; filename=review.pdf', 'x')).toBe('review.pdf');
  });

  it('decodes ISO-8859-1 and falls back when the encoding is broken or the header is missing', () => {
    expect(fileNameFromDisposition("attachment; filename*=iso-8859-1'en'%A3%20rates.txt", 'x')).toBe('£ rates.txt');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E6%96", 'fallback.zip')).toBe('fallback.zip');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E6%96; filename=\"plain.zip\"", 'x')).toBe('plain.zip');
    expect(fileNameFromDisposition(null, 'fallback.zip')).toBe('fallback.zip');
    expect(fileNameFromDisposition('attachment', 'fallback.zip')).toBe('fallback.zip');
  });

  it('never lets a name leave the download folder', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''${encodeURIComponent('../../etc/passwd')}`, 'x')).toBe('.._.._etc_passwd');
    expect(fileNameFromDisposition('attachment; filename=".."', 'safe.bin')).toBe('safe.bin');
  });
});
