/**
 * One worker process of the delivery suite: exactly what `liaison worker` runs (startWorker on the
 * settings of the environment), with retry timings shortened by DELIVERY_OPTIONS (JSON) so a run with
 * half the requests refused ends in seconds rather than hours. Prints "ready" once running.
 */
import { openDatabase } from '../../src/server/db/client.ts';
import { loadEnv } from '../../src/server/env.ts';
import { startWorker } from '../../src/server/jobs/worker.ts';
import { sendSettingsFromEnv } from '../../src/server/notifications/send-settings.ts';

const env = loadEnv();
const database = await openDatabase({ url: env.DATABASE_URL, poolSize: 8 });
const send = await sendSettingsFromEnv(env, 'http://localhost:3000');
const worker = await startWorker({
  database,
  send: { ...send, timeoutMs: Number(process.env.DELIVERY_TIMEOUT_MS ?? 2000) },
  delivery: JSON.parse(process.env.DELIVERY_OPTIONS ?? '{}'),
  logger: { info: () => {}, error: (object, message) => process.stderr.write(`${message}: ${JSON.stringify(object, (_k, v) => (v instanceof Error ? v.message : v))}\n`) },
});
process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => database.close())
    .finally(() => {
      send.close();
      process.exit(0);
    });
});
process.stdout.write('ready\n');
