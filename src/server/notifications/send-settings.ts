import type { Env } from '../env.ts';
import { createMailTransport } from './channels/email.ts';
import { createSecretBox, loadSecretKey } from './channels/secret-box.ts';
import type { SendSettings } from './deliver.ts';
import { configureOutbox } from './outbox.ts';

/**
 * The notification side of the start-up settings, shared by the web server and the worker: the sealing
 * key (LIAISON_SECRET_KEY or DATA_DIR/secret.key), the SSRF switch, PUBLIC_URL for links, and a pooled
 * SMTP transport when SMTP_URL is set (which also makes e-mail a default channel). `close` ends the pool.
 */
export async function sendSettingsFromEnv(env: Env, fallbackUrl: string): Promise<SendSettings & { close(): void }> {
  const key = await loadSecretKey({ secretKey: env.LIAISON_SECRET_KEY, dataDir: env.DATA_DIR });
  const transport = env.SMTP_URL ? createMailTransport(env.SMTP_URL, { pool: true }) : undefined;
  const from = env.MAIL_FROM ?? `Liaison <liaison@${env.SMTP_URL ? new URL(env.SMTP_URL).hostname : 'localhost'}>`;
  configureOutbox({ emailEnabled: Boolean(transport) });
  return {
    publicUrl: (env.PUBLIC_URL ?? fallbackUrl).replace(/\/$/, ''),
    allowPrivate: env.LIAISON_WEBHOOK_ALLOW_PRIVATE,
    secretBox: createSecretBox(key),
    mail: transport ? { transport, from } : undefined,
    close: () => transport?.close(),
  };
}
