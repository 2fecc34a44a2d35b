import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, link, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Seals robot URLs (whose token is the credential) and signing secrets before they reach the database,
 * so a leaked dump or backup cannot post into anyone's groups. AES-256-GCM: tampering or a wrong key
 * fails to open instead of yielding garbage. Sealed form: `v1:<iv>:<tag>:<ciphertext>`, base64url parts.
 */
export type SecretBox = {
  /** `context` (e.g. `channel:<id>:secret`) is bound as associated data: a sealed value moved to another row does not open. */
  seal(plaintext: string, context?: string): string;
  open(sealed: string, context?: string): string;
};

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const version = 'v1';
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== keyBytes) throw new SecretBoxError(`the secret key must be ${keyBytes} bytes, got ${key.length}`);
  return {
    seal(plaintext, context = '') {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [version, iv, tag, ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
    },
    open(sealed, context = '') {
      const parts = sealed.split(':');
      if (parts.length !== 4 || parts[0] !== version) throw new SecretBoxError('not a sealed secret (expected v1:iv:tag:ciphertext)');
      const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== ivBytes || tag.length !== tagBytes) throw new SecretBoxError('sealed secret is malformed');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('sealed secret does not open: wrong LIAISON_SECRET_KEY, or the value was altered');
      }
    },
  };
}

/** Parses LIAISON_SECRET_KEY: base64 (or base64url) of exactly 32 bytes. */
export function parseSecretKey(encoded: string): Buffer {
  const key = Buffer.from(encoded.trim(), 'base64'); // Node's base64 decoder also reads the base64url alphabet
  if (key.length !== keyBytes) {
    throw new SecretBoxError(`LIAISON_SECRET_KEY must be base64 of ${keyBytes} bytes (openssl rand -base64 32)`);
  }
  return key;
}

/**
 * The key of this installation: LIAISON_SECRET_KEY when set (several servers must share one), else
 * `<DATA_DIR>/secret.key`, created with mode 0600 on first use so the embedded default needs no setup.
 * Two processes starting together agree on one file: it is written aside and hard-linked into place,
 * which fails for the loser, who then reads the winner's key.
 */
export async function loadSecretKey(options: { secretKey?: string | undefined; dataDir: string }): Promise<Buffer> {
  if (options.secretKey) return parseSecretKey(options.secretKey);
  const file = path.join(options.dataDir, 'secret.key');
  const existing = await readKeyFile(file);
  if (existing) return existing;
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(keyBytes);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKeyFile(file);
    if (!winner) throw new SecretBoxError(`${file} exists but holds no key`);
    return winner;
  } finally {
    await rm(draft, { force: true });
  }
}

async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return parseSecretKey(text);
  } catch {
    throw new SecretBoxError(`${file} does not hold a base64 key of ${keyBytes} bytes`);
  }
}
