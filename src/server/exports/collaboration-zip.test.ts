import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attachmentStorage, type AttachmentStorage } from '../attachments/storage.ts';
import { MISSING_FILES_NOTE, spoolCollaborationZip } from './collaboration-zip.ts';
import { sampleExport } from './sample-export.fixture.ts';
import { zipEntries } from './read-back.fixture.ts';

let root: string;
let store: AttachmentStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'liaison-zip-test-'));
  store = attachmentStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const input = { baseName: '2024-Q3-2024年Q3新品发布会筹备', workbook: Buffer.from('xlsx bytes'), pdf: Buffer.from('%PDF-1.7 bytes') };

describe('spoolCollaborationZip', () => {
  it('puts the workbook, the PDF and each attachment under 交付成果/ with its exact size on disk', async () => {
    const png = Buffer.from('\x89PNG\r\n\x1a\n fake image');
    const sha256 = await store.put(png);
    const model = sampleExport();
    model.attachments[0]!.sha256 = sha256;
    const zip = await spoolCollaborationZip(model, input, store);
    try {
      const bytes = await readFile(zip.path);
      expect(bytes.length).toBe(zip.size);
      const entries = await zipEntries(bytes);
      expect([...entries.keys()].sort()).toEqual(['2024-Q3-2024年Q3新品发布会筹备.pdf', '2024-Q3-2024年Q3新品发布会筹备.xlsx', '交付成果/行动项01-主视觉初稿.png'].sort());
      expect(entries.get('交付成果/行动项01-主视觉初稿.png')).toEqual(png);
      expect(zip.missing).toEqual([]);
    } finally {
      await zip.remove();
    }
    await expect(readFile(zip.path)).rejects.toThrow();
  });

  it('names a file the store has lost instead of failing the archive', async () => {
    const model = sampleExport();
    model.attachments[0]!.sha256 = 'f'.repeat(64);
    const zip = await spoolCollaborationZip(model, input, store);
    try {
      const entries = await zipEntries(await readFile(zip.path));
      expect(entries.get(MISSING_FILES_NOTE)!.toString()).toBe('交付成果/行动项01-主视觉初稿.png\n');
      expect(zip.missing).toEqual(['交付成果/行动项01-主视觉初稿.png']);
    } finally {
      await zip.remove();
    }
  });
});
