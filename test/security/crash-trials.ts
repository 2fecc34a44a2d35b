/**
 * Crash trials (issue 7 §3): the real server (`node src/cli/index.ts serve`) under a steady write load from
 * several clients is killed with SIGKILL at a random moment, started again on the same data, and the data
 * is checked: every write a client got a 2xx for is there as written, and nothing is half-written — every
 * row has its audit event and its outbox rows, every item's progress is its latest update's, every
 * attachment row has its file, no audit event names a row that is not there, and the audit hash chain
 * still holds. `npm run test:security` runs several per back end; test/security/crash-quick.test.ts one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows, type Database } from '../../src/server/db/client.ts';
import { organizations, users } from '../../src/server/db/schema/index.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { defaultOrgSettings } from '../../src/shared/org-settings.ts';
import { attachmentStorage } from '../../src/server/attachments/storage.ts';
import { verifyAuditChain } from '../../src/server/audit/verify-chain.ts';
import { startThrowawayPostgres } from '../postgres-server.ts';

export type CrashTrialOptions = {
  backend: 'pglite' | 'postgresql';
  trials: number;
  /** postgresql: a server to use (a fresh database is created on it and dropped after); else a throwaway one. */
  databaseUrl?: string;
  /** pglite: a migrated data dump to start from (test/global-setup.ts makes one), instead of initdb and migrating. */
  pgliteDump?: string;
};

export type CrashTrialResult = { total: number; clean: number; details: string[] };

const root = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'Crash-trial-2024x';
/** A 1×1 PNG; each upload appends its own bytes after the image so every file is new content. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** Writes acknowledged before the kill is armed, so every trial kills a server that is busy writing. */
const WARM_ACKS = 10;
const KILL_DELAY_MS: [number, number] = [300, 3000];
const log = (line: string) => process.env.CRASH_DEBUG && process.stderr.write(`[crash] ${line}\n`);

// ---------------------------------------------------------------------------------------------------
// Where the data lives

type Store = {
  name: string;
  env: Record<string, string>;
  attachmentsDir: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
};

async function prepareStore(options: CrashTrialOptions): Promise<Store> {
  const dir = mkdtempSync(path.join(tmpdir(), 'liaison-crash-'));
  const attachmentsDir = path.join(dir, 'attachments');
  const common = { DATA_DIR: path.join(dir, 'data'), ATTACHMENTS_DIR: attachmentsDir, LIAISON_SECRET_KEY: randomBytes(32).toString('base64') };
  if (options.backend === 'pglite') {
    let dump = options.pgliteDump ? new Blob([readFileSync(options.pgliteDump)]) : undefined;
    return {
      name: 'PGlite',
      env: common,
      attachmentsDir,
      open: async () => {
        // The dump seeds the folder once; from then on the folder is the database.
        const database = await openDatabase({ dataDir: common.DATA_DIR, ...(dump ? { loadDataDir: dump } : {}) });
        dump = undefined;
        return database;
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // A database of its own, so the server's worker (reminder sweep) touches nobody else's rows.
  const name = `liaison_crash_${randomBytes(4).toString('hex')}`;
  let url: string;
  let dropDatabase: () => Promise<void>;
  if (options.databaseUrl) {
    const admin = new URL(options.databaseUrl);
    admin.pathname = '/postgres';
    const adminUrl = admin.toString();
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    const target = new URL(options.databaseUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    dropDatabase = () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)).then(() => {});
  } else {
    // Durable settings: the PostgreSQL server is not what is killed, but it should behave like production.
    const server = await startThrowawayPostgres({ durable: true });
    url = await server.createDatabase(name);
    dropDatabase = server.stop;
  }
  return {
    name: 'PostgreSQL',
    env: { ...common, DATABASE_URL: url },
    attachmentsDir,
    open: () => openDatabase({ url, poolSize: 2 }),
    cleanup: async () => {
      await dropDatabase().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// The server as a process

type ServerProcess = { url: string; child: ChildProcess; exited: Promise<number | null>; output: () => string };

async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !['DATABASE_URL', 'DATA_DIR', 'ATTACHMENTS_DIR', 'PORT', 'HOST', 'LIAISON_ADMIN_EMAIL', 'LIAISON_ADMIN_PASSWORD'].includes(key)),
  );
  const child = spawn(process.execPath, ['src/cli/index.ts', 'serve'], {
    cwd: root,
    env: { ...inherited, ...env, PORT: '0', HOST: '127.0.0.1', LIAISON_DEMO: '0', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 120 s:\n${output}`)), 120_000);
    const onData = () => {
      const match = /Liaison listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return { url, child, exited, output: () => output };
}

async function stopGracefully(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
  const code = await server.exited;
  clearTimeout(timer);
  return code;
}

// ---------------------------------------------------------------------------------------------------
// Clients over real HTTP

type Answer = { status: number; body: any };

class Client {
  cookie = '';
  csrf = '';
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  async login(email: string): Promise<this> {
    const response = await fetch(`${this.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    this.cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  async send(method: string, url: string, body?: unknown): Promise<Answer> {
    const form = body instanceof FormData;
    const response = await fetch(`${this.base}/api/v1${url}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body === undefined || form ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  }

  async must(method: string, url: string, body?: unknown): Promise<any> {
    const answer = await this.send(method, url, body);
    if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

// ---------------------------------------------------------------------------------------------------
// The organisation every trial of a run writes into

type Cast = { orgId: string; admin: string; head: string; engineer: string; recorder: string; ids: { head: string; engineer: string; recorder: string; market: string; rnd: string } };

async function seedAdmin(store: Store): Promise<{ orgId: string; email: string }> {
  const database = await store.open();
  try {
    await database.migrate();
    const email = `crash-admin-${randomBytes(4).toString('hex')}@crash.test`;
    const [org] = await database.db.insert(organizations).values({ name: `崩溃演练 ${randomBytes(3).toString('hex')}`, settings: defaultOrgSettings }).returning();
    await database.db.insert(users).values({ orgId: org!.id, name: '演练管理员', email, passwordHash: await hashPassword(PASSWORD), role: 'admin' });
    return { orgId: org!.id, email };
  } finally {
    await database.close();
  }
}

async function seedPeople(base: string, orgId: string, adminEmail: string): Promise<Cast> {
  const admin = await new Client(base).login(adminEmail);
  const tag = randomBytes(3).toString('hex');
  const market = await admin.must('POST', '/admin/departments', { name: `市场部-${tag}` });
  const rnd = await admin.must('POST', '/admin/departments', { name: `研发部-${tag}` });
  const person = (name: string, departmentId: string) =>
    admin.must('POST', '/admin/users', { name, email: `${name}-${tag}@crash.test`.replace(/[^\w@.-]/g, 'x'), password: PASSWORD, role: 'member', departmentIds: [departmentId] });
  const head = await person('head', market.id);
  const engineer = await person('engineer', rnd.id);
  const recorder = await person('recorder', market.id);
  await admin.must('PATCH', `/admin/departments/${market.id}`, { headId: head.id });
  return {
    orgId,
    admin: adminEmail,
    head: head.email,
    engineer: engineer.email,
    recorder: recorder.email,
    ids: { head: head.id, engineer: engineer.id, recorder: recorder.id, market: market.id, rnd: rnd.id },
  };
}

// ---------------------------------------------------------------------------------------------------
// One trial

type Acked = {
  remarks: { id: string; text: string }[];
  items: { id: string; description: string }[];
  updates: { id: string; itemId: string; progress: number; statusText: string }[];
  topics: { id: string; title: string }[];
  attachments: { id: string; sha256: string }[];
};

type Tally = { acked: number; lost: number; unexpected: string[] };

/** Runs `write` in a loop until `stop()`, counting what was acknowledged and what the kill cut off. */
async function writeLoop(tally: Tally, stopped: () => boolean, write: (n: number) => Promise<Answer | null>): Promise<void> {
  for (let n = 0; !stopped(); n++) {
    let answer: Answer | null;
    try {
      answer = await write(n);
    } catch {
      // The connection died with the server: this write is unknown, neither acknowledged nor refused.
      tally.lost++;
      return;
    }
    if (answer === null) continue;
    if (answer.status >= 200 && answer.status < 300) tally.acked++;
    else tally.unexpected.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  }
}

async function runTrial(store: Store, seeded: Cast | { orgId: string; email: string }, trial: number): Promise<{ clean: boolean; detail: string; cast: Cast }> {
  const marker = `T${trial}-${randomBytes(3).toString('hex')}`;
  const problems: string[] = [];
  const startedAt = Date.now();
  let server = await startServerProcess(store.env);
  log(`trial ${trial}: server up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  // People are made through the API of the running server, like an admin would, on the first trial.
  const cast = 'ids' in seeded ? seeded : await seedPeople(server.url, seeded.orgId, seeded.email);
  const [admin, head, engineer, uploader, recorder] = await Promise.all([
    new Client(server.url).login(cast.admin),
    new Client(server.url).login(cast.head),
    new Client(server.url).login(cast.engineer),
    new Client(server.url).login(cast.engineer),
    new Client(server.url).login(cast.recorder),
  ]);
  const collaboration = await head.must('POST', '/collaborations', {
    topic: `崩溃演练 ${marker}`,
    goal: '每条已确认的写入都在',
    scenario: 'urgent_task',
    initiatingDepartmentId: cast.ids.market,
    participatingDepartmentIds: [cast.ids.rnd],
  });
  const start = new Date(Date.now() + 86_400_000);
  const meeting = await head.must('POST', `/collaborations/${collaboration.id}/meetings`, {
    plannedStart: start.toISOString(),
    plannedEnd: new Date(start.getTime() + 3_600_000).toISOString(),
    mode: 'online',
    hostId: cast.ids.head,
    recorderId: cast.ids.recorder,
  });
  const item = (description: string) => ({ description, ownerId: cast.ids.engineer, dueDate: '2099-12-31', deliverable: '演练交付物' });
  const tracked = await Promise.all([1, 2, 3].map((i) => head.must('POST', `/collaborations/${collaboration.id}/action-items`, item(`${marker} 进度项 ${i}`))));

  const acked: Acked = { remarks: [], items: [], updates: [], topics: [], attachments: [] };
  const tally: Tally = { acked: 0, lost: 0, unexpected: [] };
  let stop = false;
  const stopped = () => stop;
  const loops = [
    writeLoop(tally, stopped, async (n) => {
      const text = `${marker} 备注 ${n}`;
      const r = await admin.send('POST', `/collaborations/${collaboration.id}/remarks`, { text, kind: n % 3 ? 'remark' : 'risk' });
      if (r.status === 201) acked.remarks.push({ id: r.body.id, text });
      return r;
    }),
    writeLoop(tally, stopped, async (n) => {
      const description = `${marker} 行动项 ${n}`;
      const r = await head.send('POST', `/collaborations/${collaboration.id}/action-items`, item(description));
      if (r.status === 201) acked.items.push({ id: r.body.id, description });
      return r;
    }),
    writeLoop(tally, stopped, async (n) => {
      const target = tracked[n % tracked.length]!;
      const progress = 1 + (n % 98);
      const statusText = `${marker} 进度 ${n}`;
      const r = await engineer.send('POST', `/action-items/${target.id}/updates`, { progress, statusText });
      if (r.status === 201) acked.updates.push({ id: r.body.update.id, itemId: target.id, progress, statusText });
      return r;
    }),
    writeLoop(tally, stopped, async (n) => {
      const title = `${marker} 议题 ${n}`;
      const r = await recorder.send('POST', `/meetings/${meeting.id}/topics`, { title, discussion: '演练讨论要点' });
      if (r.status === 201) acked.topics.push({ id: r.body.id, title });
      return r;
    }),
    writeLoop(tally, stopped, async (n) => {
      const bytes = Buffer.concat([PNG, Buffer.from(`${marker}-${n}-${randomBytes(8).toString('hex')}`)]);
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'image/png' }), `截图-${n}.png`);
      const r = await uploader.send('POST', `/action-items/${tracked[0]!.id}/attachments`, form);
      if (r.status === 201) acked.attachments.push({ id: r.body.id, sha256: createHash('sha256').update(bytes).digest('hex') });
      return r;
    }),
  ];

  // Kill at a random moment once the server is busy writing.
  const loadStart = Date.now();
  while (tally.acked < WARM_ACKS && Date.now() - loadStart < 30_000) await sleep(20);
  const delay = randomInt(KILL_DELAY_MS[0], KILL_DELAY_MS[1]);
  await sleep(delay);
  server.child.kill('SIGKILL');
  const ackedAtKill = tally.acked;
  const counts = `remarks ${acked.remarks.length}, items ${acked.items.length}, updates ${acked.updates.length}, topics ${acked.topics.length}, attachments ${acked.attachments.length}`;
  const killedAfter = (Date.now() - loadStart) / 1000;
  await server.exited;
  stop = true;
  await Promise.all(loops);
  for (const u of tally.unexpected) problems.push(`answer before the kill: ${u}`);
  log(`trial ${trial}: killed after ${killedAfter.toFixed(2)} s, ${tally.acked} acknowledged`);
  const checkedAt = Date.now();

  // Start again on the same data: it must come up and take writes.
  const restartAt = Date.now();
  try {
    server = await startServerProcess(store.env);
  } catch (error) {
    return { clean: false, cast, detail: `trial ${trial}: the server did not start again after SIGKILL: ${(error as Error).message.slice(0, 2000)}` };
  }
  const restartSeconds = (Date.now() - restartAt) / 1000;
  try {
    const again = await new Client(server.url).login(cast.head);
    const read = await again.send('GET', `/collaborations/${collaboration.id}`);
    if (read.status !== 200) problems.push(`after restart GET /collaborations/:id answered ${read.status}`);
    const text = `${marker} 重启后备注`;
    const after = await again.send('POST', `/collaborations/${collaboration.id}/remarks`, { text, kind: 'remark' });
    if (after.status === 201) acked.remarks.push({ id: after.body.id, text });
    else problems.push(`after restart a write answered ${after.status}`);
  } finally {
    const code = await stopGracefully(server);
    if (code !== 0) problems.push(`graceful stop after the restart exited with ${code}: ${server.output().slice(-1000)}`);
  }

  problems.push(...(await checkData(store, cast, collaboration.id, acked)));
  log(`trial ${trial}: restart, stop and checks took ${((Date.now() - checkedAt) / 1000).toFixed(1)} s`);
  const summary =
    `trial ${trial} (${store.name}): SIGKILL after ${killedAfter.toFixed(2)} s of load with ${ackedAtKill} writes acknowledged (${counts}), ` +
    `${tally.lost} cut off in flight; restarted in ${restartSeconds.toFixed(1)} s`;
  log(`trial ${trial}: done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return problems.length ? { clean: false, cast, detail: `${summary}; NOT CLEAN:\n  - ${problems.join('\n  - ')}` } : { clean: true, cast, detail: `${summary}; clean` };
}

// ---------------------------------------------------------------------------------------------------
// What must hold after the crash

async function checkData(store: Store, cast: Cast, collaborationId: string, acked: Acked): Promise<string[]> {
  const problems: string[] = [];
  const database = await store.open();
  try {
    const db = database.db;
    const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);
    const c = sql`${collaborationId}::uuid`;
    const missing = <T extends { id: string }>(kind: string, expected: T[], found: Map<string, unknown>, same: (e: T, f: any) => boolean) => {
      for (const e of expected) {
        const f = found.get(e.id);
        if (!f) problems.push(`acknowledged ${kind} ${e.id} is missing`);
        else if (!same(e, f)) problems.push(`acknowledged ${kind} ${e.id} differs: ${JSON.stringify(f)}`);
      }
    };

    const remarks = await rows<{ id: string; text: string; author_id: string }>(sql`SELECT id, text, author_id FROM remarks WHERE collaboration_id = ${c}`);
    missing('remark', acked.remarks, new Map(remarks.map((r) => [r.id, r])), (e, f) => e.text === f.text);
    const items = await rows<{ id: string; description: string; progress: number; owner_id: string; created_by: string }>(
      sql`SELECT id, description, progress, owner_id, created_by FROM action_items WHERE collaboration_id = ${c}`,
    );
    missing('action item', acked.items, new Map(items.map((r) => [r.id, r])), (e, f) => e.description === f.description);
    const updates = await rows<{ id: string; action_item_id: string; progress: number; status_text: string }>(
      sql`SELECT u.id, u.action_item_id, u.progress, u.status_text FROM progress_updates u JOIN action_items i ON i.id = u.action_item_id WHERE i.collaboration_id = ${c}`,
    );
    missing('progress update', acked.updates, new Map(updates.map((r) => [r.id, r])), (e, f) => e.progress === f.progress && e.statusText === f.status_text && e.itemId === f.action_item_id);
    const topics = await rows<{ id: string; title: string }>(sql`SELECT t.id, t.title FROM topics t JOIN meetings m ON m.id = t.meeting_id WHERE m.collaboration_id = ${c}`);
    missing('topic', acked.topics, new Map(topics.map((r) => [r.id, r])), (e, f) => e.title === f.title);
    const files = await rows<{ id: string; sha256: string; size: string | number }>(
      sql`SELECT a.id, a.sha256, a.size FROM attachments a JOIN action_items i ON i.id = a.entity_id WHERE a.entity_type = 'action_item' AND i.collaboration_id = ${c}`,
    );
    missing('attachment', acked.attachments, new Map(files.map((r) => [r.id, r])), (e, f) => e.sha256 === f.sha256);

    // Nothing half-written, acknowledged or not: every change has its audit event and its outbox rows.
    const audits = await rows<{ entity_type: string; entity_id: string; action: string; attachment_id: string | null }>(
      sql`SELECT entity_type, entity_id, action, after->>'attachmentId' AS attachment_id FROM audit_events WHERE collaboration_id = ${c}`,
    );
    const audited = new Set(audits.map((a) => `${a.entity_type}:${a.entity_id}:${a.action}`));
    const notified = new Set(
      (await rows<{ event: string; entity_id: string; recipient_id: string }>(sql`SELECT event, entity_id, recipient_id FROM notifications WHERE collaboration_id = ${c}`)).map(
        (n) => `${n.event}:${n.entity_id}:${n.recipient_id}`,
      ),
    );
    for (const r of remarks) {
      if (!audited.has(`remark:${r.id}:created`)) problems.push(`remark ${r.id} has no audit event`);
      if (r.author_id !== cast.ids.head && !notified.has(`remark_added:${r.id}:${cast.ids.head}`)) problems.push(`remark ${r.id} has no outbox row for the head`);
    }
    for (const i of items) {
      if (!audited.has(`action_item:${i.id}:created`)) problems.push(`action item ${i.id} has no audit event`);
      if (i.owner_id !== i.created_by && !notified.has(`item_assigned:${i.id}:${i.owner_id}`)) problems.push(`action item ${i.id} has no item_assigned outbox row`);
    }
    for (const t of topics) if (!audited.has(`topic:${t.id}:created`)) problems.push(`topic ${t.id} has no audit event`);
    const fileAudits = new Set(audits.filter((a) => a.action === 'attachment_added').map((a) => a.attachment_id));
    const storage = attachmentStorage(store.attachmentsDir);
    for (const f of files) {
      if (!fileAudits.has(f.id)) problems.push(`attachment ${f.id} has no audit event`);
      const bytes = await storage.read(f.sha256).catch(() => null);
      if (!bytes) problems.push(`attachment ${f.id}: its file ${f.sha256} is missing`);
      else if (createHash('sha256').update(bytes).digest('hex') !== f.sha256 || bytes.length !== Number(f.size)) problems.push(`attachment ${f.id}: its file is damaged`);
    }
    // Each progress update moved its item: the audit count matches and the item shows the latest one.
    const updatesByItem = new Map<string, number>();
    for (const u of updates) updatesByItem.set(u.action_item_id, (updatesByItem.get(u.action_item_id) ?? 0) + 1);
    const auditCount = new Map<string, number>();
    for (const a of audits) if (a.action === 'progress_updated') auditCount.set(a.entity_id, (auditCount.get(a.entity_id) ?? 0) + 1);
    const latest = await rows<{ action_item_id: string; progress: number }>(
      sql`SELECT DISTINCT ON (u.action_item_id) u.action_item_id, u.progress FROM progress_updates u JOIN action_items i ON i.id = u.action_item_id
          WHERE i.collaboration_id = ${c} ORDER BY u.action_item_id, u.created_at DESC, u.id DESC`,
    );
    for (const l of latest) {
      const itemRow = items.find((i) => i.id === l.action_item_id);
      if (itemRow && itemRow.progress !== l.progress) problems.push(`action item ${l.action_item_id} shows ${itemRow.progress} % but its latest update says ${l.progress} %`);
      if ((auditCount.get(l.action_item_id) ?? 0) !== updatesByItem.get(l.action_item_id)) {
        problems.push(`action item ${l.action_item_id}: ${updatesByItem.get(l.action_item_id)} updates but ${auditCount.get(l.action_item_id) ?? 0} progress_updated events`);
      }
    }
    // And the other way round: no audit event for a change that is not there.
    const exists = new Set([...remarks.map((r) => `remark:${r.id}`), ...items.map((i) => `action_item:${i.id}`), ...topics.map((t) => `topic:${t.id}`)]);
    for (const a of audits) {
      if (a.action === 'created' && ['remark', 'action_item', 'topic'].includes(a.entity_type) && !exists.has(`${a.entity_type}:${a.entity_id}`)) {
        problems.push(`audit event says ${a.entity_type} ${a.entity_id} was created, but it is not there`);
      }
      if (a.action === 'attachment_added' && a.attachment_id && !files.some((f) => f.id === a.attachment_id)) problems.push(`audit event names attachment ${a.attachment_id}, which is not there`);
    }
    const chain = await verifyAuditChain(db, { orgId: cast.orgId });
    for (const b of chain.breaks) problems.push(`audit chain: ${b.message}`);
  } finally {
    await database.close();
  }
  return problems;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `trials` crash trials on one back end and answers how many ended clean, with one line per trial
 * (what was written, when it was killed, what was wrong if anything).
 */
export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashTrialResult> {
  const store = await prepareStore(options);
  const details: string[] = [];
  let clean = 0;
  try {
    const seededAt = Date.now();
    let seeded: Cast | { orgId: string; email: string } = await seedAdmin(store);
    log(`${store.name} migrated and seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);
    for (let trial = 1; trial <= options.trials; trial++) {
      try {
        const result = await runTrial(store, seeded, trial);
        seeded = result.cast;
        if (result.clean) clean++;
        details.push(result.detail);
      } catch (error) {
        details.push(`trial ${trial} (${store.name}): could not run: ${(error as Error).stack ?? String(error)}`);
      }
    }
  } finally {
    await store.cleanup();
  }
  return { total: options.trials, clean, details };
}
