import path from 'node:path';
import { z } from 'zod';

const flag = z.enum(['0', '1']).transform((v) => v === '1');

/** Start-up settings of API.md "Start-up"; read once, and a bad value stops the process at boot. */
const envSchema = z.object({
  /** Port the API and web app listen on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; all interfaces unless set. */
  HOST: z.string().default('0.0.0.0'),
  /** Folder of the embedded PGlite database, used when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('./data'),
  /** Folder of uploaded attachment files (stored by content hash); DATA_DIR/attachments unless set. */
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  /** A PostgreSQL server (postgres://…) instead of the embedded database. */
  DATABASE_URL: z.string().url().optional(),
  /** Create this admin on first start instead of the demo admin. */
  LIAISON_ADMIN_EMAIL: z.string().email().optional(),
  LIAISON_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Seed the demo organisation on an empty database (default on). */
  LIAISON_DEMO: flag.default(true),
  /** Outgoing mail server, smtp://user:pass@host:port, and the sender address. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().optional(),
  /**
   * Key that seals robot URLs and signing secrets at rest: base64 of 32 bytes (`openssl rand -base64 32`).
   * Unset, DATA_DIR/secret.key is created on first use; servers sharing one PostgreSQL must share the key.
   */
  LIAISON_SECRET_KEY: z
    .string()
    .refine((value) => Buffer.from(value.trim(), 'base64').length === 32, 'must be base64 of 32 bytes')
    .optional(),
  /** Let robots and webhooks target private or loopback addresses (intranet, tests). */
  LIAISON_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  /** Base URL used in links inside messages. */
  PUBLIC_URL: z.string().url().optional(),
  /** Trust X-Forwarded-* from a reverse proxy (and mark cookies Secure behind HTTPS). */
  TRUST_PROXY: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Where attachment files live: ATTACHMENTS_DIR, else the attachments folder inside DATA_DIR. */
export function attachmentsDirOf(env: Pick<Env, 'ATTACHMENTS_DIR' | 'DATA_DIR'>): string {
  return env.ATTACHMENTS_DIR ?? path.join(env.DATA_DIR, 'attachments');
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid settings:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
