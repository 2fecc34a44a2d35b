import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentStorage, sha256Of } from './storage.ts';

const dirs: string[] = [];
const store = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'liaison-storage-'));
  dirs.push(dir);
  return attachmentStorage(dir);
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('attachmentStorage', () => {
  it('stores bytes once under <sha256[0..2]>/<sha256>, leaving no temporary file', async () => {
    const storage = store();
    const bytes = Buffer.from('交付成果截图');
    const sha256 = await storage.put(bytes);
    expect(sha256).toBe(sha256Of(bytes));
    expect(await storage.put(Buffer.from(bytes))).toBe(sha256);
    expect(storage.pathOf(sha256)).toBe(path.join(storage.root, sha256.slice(0, 2), sha256));
    expect((await storage.read(sha256)).equals(bytes)).toBe(true);
    expect(readdirSync(path.join(storage.root, 'tmp'))).toEqual([]);
    expect(readdirSync(path.join(storage.root, sha256.slice(0, 2)))).toEqual([sha256]);
  });

  it('streams, answers whether a file exists, and removes it', async () => {
    const storage = store();
    const sha256 = await storage.put(Buffer.from('abc'));
    const chunks: Buffer[] = [];
    for await (const chunk of storage.open(sha256)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('abc');
    expect(await storage.exists(sha256)).toBe(true);
    await storage.remove(sha256);
    expect(await storage.exists(sha256)).toBe(false);
  });

  it('never builds a path from anything but a sha256', () => {
    const storage = store();
    for (const bad of ['../../etc/passwd', 'ab/../../x', 'A'.repeat(64), '']) expect(() => storage.pathOf(bad)).toThrow(/not a sha256/);
  });
});
