import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'liaison_session';
export const ACCESS_TOKEN_PREFIX = 'lsn_';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets are stored only as their SHA-256: a stolen table opens no session. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
