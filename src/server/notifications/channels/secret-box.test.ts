import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey, SecretBoxError } from './secret-box.ts';

const robotUrl = 'https://oapi.dingtalk.com/robot/send?access_token=8f2c1e0d9b7a6543210fedcba98765432100aabbccddeeff';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, including non-ASCII secrets', () => {
    expect(box.open(box.seal(robotUrl))).toBe(robotUrl);
    expect(box.open(box.seal('加签密钥 SEC123'))).toBe('加签密钥 SEC123');
    expect(box.open(box.seal(''))).toBe('');
  });

  it('writes v1:<iv>:<tag>:<ciphertext> in base64url, never the plaintext, and never twice the same', () => {
    const sealed = box.seal(robotUrl);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('access_token');
    expect(box.seal(robotUrl)).not.toBe(sealed);
  });

  it('detects tampering with the ciphertext, the tag or the iv', () => {
    const [version, iv, tag, ciphertext] = box.seal(robotUrl).split(':') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    for (const altered of [
      [version, iv, tag, flip(ciphertext)],
      [version, iv, flip(tag), ciphertext],
      [version, flip(iv), tag, ciphertext],
      [version, iv, tag, ciphertext.slice(0, -2)],
    ]) {
      expect(() => box.open(altered.join(':'))).toThrow(SecretBoxError);
    }
    expect(() => box.open(`v2:${iv}:${tag}:${ciphertext}`)).toThrow('not a sealed secret');
    expect(() => box.open(robotUrl)).toThrow(SecretBoxError);
  });

  it('does not open with another key', () => {
    const other = createSecretBox(randomBytes(32));
    expect(() => other.open(box.seal(robotUrl))).toThrow('wrong LIAISON_SECRET_KEY');
  });

  it('binds the context, so a value copied to another row does not open', () => {
    const sealed = box.seal('SECabc', 'channel:1:secret');
    expect(box.open(sealed, 'channel:1:secret')).toBe('SECabc');
    expect(() => box.open(sealed, 'channel:2:secret')).toThrow(SecretBoxError);
  });

  it('wants a 32-byte key', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow('32 bytes');
  });
});

describe('loadSecretKey', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'liaison-secret-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uses LIAISON_SECRET_KEY when set, in base64 or base64url', async () => {
    const key = randomBytes(32);
    expect(await loadSecretKey({ secretKey: key.toString('base64'), dataDir: dir })).toEqual(key);
    expect(await loadSecretKey({ secretKey: key.toString('base64url'), dataDir: dir })).toEqual(key);
    await expect(loadSecretKey({ secretKey: randomBytes(16).toString('base64'), dataDir: dir })).rejects.toThrow('LIAISON_SECRET_KEY');
  });

  it('otherwise creates <DATA_DIR>/secret.key with mode 0600 and reuses it', async () => {
    const dataDir = path.join(dir, 'fresh', 'data');
    const first = await loadSecretKey({ dataDir });
    const file = path.join(dataDir, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toEqual(first);
    expect(await loadSecretKey({ dataDir })).toEqual(first);
  });

  it('gives processes starting together one key', async () => {
    const dataDir = path.join(dir, 'race');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey({ dataDir })));
    for (const key of keys) expect(key).toEqual(keys[0]);
  });

  it('refuses a key file that holds no key', async () => {
    const dataDir = path.join(dir, 'broken');
    await loadSecretKey({ dataDir });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dataDir, 'secret.key'), 'short\n');
    await expect(loadSecretKey({ dataDir })).rejects.toThrow('does not hold a base64 key');
  });
});
