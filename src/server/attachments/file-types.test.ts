import { describe, expect, it } from 'vitest';
import { cleanFileName, extensionOf, sniffAttachment } from './file-types.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('sniffAttachment', () => {
  it('takes the type from the bytes and wants the name to agree', async () => {
    expect(await sniffAttachment(PNG, '设计稿.PNG')).toEqual({ ok: true, mime: 'image/png', kind: 'png' });
    expect(await sniffAttachment(PNG, 'notes.txt')).toMatchObject({ ok: false, reason: 'name_mismatch', detected: 'PNG', extension: 'txt' });
    expect(await sniffAttachment(Buffer.from('a,b\n1,2\n'), 'data.csv')).toEqual({ ok: true, mime: 'text/csv; charset=utf-8', kind: 'csv' });
  });

  it('refuses markup, invalid UTF-8 and control characters posing as text', async () => {
    for (const [bytes, name] of [
      [Buffer.from('\uFEFF  <!DOCTYPE html><p>x</p>'), 'a.txt'],
      [Buffer.from('<svg onload=alert(1)>'), 'a.txt'],
      [Buffer.from('hello <script>alert(1)</script>'), 'a.csv'],
      [Buffer.from([0xc3, 0x28]), 'a.txt'],
      [Buffer.from('ok\u0000zero'), 'a.txt'],
    ] as const) {
      expect(await sniffAttachment(Buffer.from(bytes), name), name).toMatchObject({ ok: false, reason: 'not_allowed' });
    }
  });
});

describe('file names', () => {
  it('keeps the last path segment without controls or direction overrides, and the extension when shortened', () => {
    expect(cleanFileName('C:\\Users\\zhang\\设计稿.png')).toBe('设计稿.png');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(cleanFileName(' \u0000 ')).toBe('');
    const long = cleanFileName(`${'长'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(extensionOf(long)).toBe('pdf');
    expect(extensionOf('.bashrc')).toBe('');
  });
});
