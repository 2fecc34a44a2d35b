/**
 * `npm run test:delivery` — delivery end to end on a real PostgreSQL server, with two worker processes
 * (the code `liaison worker` runs) and local receivers playing DingTalk, Feishu, WeCom, a Standard
 * Webhooks consumer and an SMTP server.
 *
 *  1. Latency: 100 records published (the publish-meeting command, one collaboration each) with
 *     receivers that never fail; p99 from the commit to the last of its robots and owners' e-mails.
 *  2. Faults: 150 escalations (1,050 pushes across every channel) while the receivers refuse about half
 *     the requests — a 500 after reading the body, or the connection reset before reading it.
 *  3. Crashes: the same again while one worker is killed with SIGKILL three times mid-run (and started
 *     again each time).
 *
 * A duplicate is a dedupe key a receiver accepted twice; lost is one never accepted. Ends with one line:
 * `delivery: N sent, 0 duplicates, 0 lost; crash K kills, L lost, D duplicates; p99 publish→robot …`,
 * and exits 1 unless phases 1–2 have no duplicate and no loss, phase 3 no loss, and the p99 is under 10 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { actionItems, channels, meetingAttendees, meetings, notifications, topicFeedback, topics } from '../../src/server/db/schema/index.ts';
import { uuidv7 } from '../../src/server/db/ids.ts';
import { loadActor } from '../../src/server/auth/actor.ts';
import { publishMeeting } from '../../src/server/commands/publish-meeting.ts';
import { createSecretBox } from '../../src/server/notifications/channels/secret-box.ts';
import { generateWebhookSecret } from '../../src/server/notifications/channels/webhook.ts';
import { sealChannel } from '../../src/server/notifications/channel-secrets.ts';
import { configureOutbox, enqueueGroupNotifications, enqueueNotifications } from '../../src/server/notifications/outbox.ts';
import { startThrowawayPostgres } from '../postgres-server.ts';
import { buildCollaboration, buildDepartment, buildOrganization, buildUser, setHead } from '../factories.ts';
import { startDingTalkReceiver } from '../receivers/dingtalk.ts';
import { startFeishuReceiver } from '../receivers/feishu.ts';
import { startWeComReceiver } from '../receivers/wecom.ts';
import { startWebhookReceiver } from '../receivers/webhook.ts';
import { startSmtpReceiver } from '../receivers/smtp.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';

const COLLABORATIONS = 100;
const EVENTS_PER_PHASE = 150;
const KILLS = 3;
const WAIT_LIMIT_MS = 5 * 60_000;
/** Short timings so refused requests are retried within the run: same code, production defaults aside. */
const DELIVERY_OPTIONS = { batchSize: 20, leaseMs: 5_000, maxAttempts: 40, backoffBaseMs: 200, backoffMaxMs: 2_000, pollMs: 500 };
const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

const key = randomBytes(32);
const box = createSecretBox(key);
const tokens = Array.from({ length: COLLABORATIONS }, (_, i) => `c${i}-${randomBytes(6).toString('hex')}`);
const dingSecrets = Object.fromEntries(tokens.map((t) => [t, `SEC${randomBytes(16).toString('hex')}`]));
const feishuSecrets = Object.fromEntries(tokens.map((t) => [t, randomBytes(12).toString('hex')]));
const hookSecrets = Object.fromEntries(tokens.map((t) => [t, generateWebhookSecret()]));

const receivers = {
  dingtalk: await startDingTalkReceiver(Object.fromEntries(tokens.map((t) => [t, { secret: dingSecrets[t]! }]))),
  feishu: await startFeishuReceiver(Object.fromEntries(tokens.map((t) => [t, { secret: feishuSecrets[t]! }]))),
  wecom: await startWeComReceiver(tokens),
  webhook: await startWebhookReceiver(hookSecrets),
};
const smtp = await startSmtpReceiver();
const httpReceivers = Object.values(receivers);
const acceptedCount = (dedupeKey: string) => httpReceivers.reduce((n, r) => n + r.countOf(dedupeKey), 0) + smtp.countOf(dedupeKey);
const refuseHalf = (on: boolean) => {
  for (const r of httpReceivers) r.configure({ failRate: on ? 0.34 : 0, resetRate: on ? 0.25 : 0 });
  smtp.configure({ failRate: on ? 0.34 : 0, resetRate: on ? 0.25 : 0 });
};

const server = await startThrowawayPostgres({ durable: true });
const dataDir = mkdtempSync(path.join(tmpdir(), 'liaison-delivery-'));
const workers: (ChildProcess | undefined)[] = [];
let database: Database | undefined;
let exitCode = 1;

try {
  const url = await server.createDatabase('liaison_delivery');
  database = await openDatabase({ url, poolSize: 8 });
  await database.migrate();
  configureOutbox({ emailEnabled: true });
  const seed = await seedOrganization(database);

  const startWorkerProcess = async (index: number) => {
    const child = spawn(process.execPath, [workerScript], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        LIAISON_SECRET_KEY: key.toString('base64'),
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Liaison <liaison@example.com>',
        LIAISON_WEBHOOK_ALLOW_PRIVATE: '1',
        DELIVERY_OPTIONS: JSON.stringify(DELIVERY_OPTIONS),
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => process.env.DELIVERY_DEBUG && process.stderr.write(`[worker ${index}] ${chunk}`));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`worker ${index} exited with ${code} before it was ready`)));
    });
    workers[index] = child;
    return child;
  };
  await Promise.all([startWorkerProcess(0), startWorkerProcess(1)]);
  log('two workers running');

  // 1. Latency of published records, receivers healthy.
  const latencies: number[] = [];
  const publications: { meetingId: string; committedAt: number }[] = [];
  for (const meetingId of seed.meetingIds) {
    await publishMeeting(database.db, seed.actor, new Date(), meetingId, 'zh-CN');
    publications.push({ meetingId, committedAt: Date.now() });
    await sleep(40);
  }
  const publishedKeys = await waitUntilSettled(database, seed.meetingIds);
  for (const publication of publications) {
    const rows = await database.db
      .select({ dedupeKey: notifications.dedupeKey, channel: notifications.channel, recipientId: notifications.recipientId, deliveredAt: notifications.deliveredAt })
      .from(notifications)
      .where(eq(notifications.entityId, publication.meetingId));
    const arrivals = rows
      .filter((r) => r.channel !== 'in_app' && (r.recipientId === null || seed.ownerIds.includes(r.recipientId)))
      .map((r) => (r.channel === 'email' ? r.deliveredAt!.getTime() : Math.min(...httpReceivers.flatMap((rc) => rc.accepted.filter((a) => a.key === r.dedupeKey).map((a) => a.at)))));
    latencies.push(Math.max(...arrivals) - publication.committedAt);
  }
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1]!;
  log(`published ${publications.length} records: p50 ${latencies[Math.ceil(latencies.length * 0.5) - 1]} ms, p99 ${p99} ms`);

  // 2. Half the requests refused.
  refuseHalf(true);
  const faultEvents = await enqueueEvents(database, seed, 'fault');
  const faultKeys = await waitUntilSettled(database, faultEvents);
  const sentKeys = [...publishedKeys, ...faultKeys];
  const duplicates = sentKeys.filter((k) => acceptedCount(k) > 1).length;
  const lost = sentKeys.filter((k) => acceptedCount(k) === 0).length;
  log(`faults: ${faultKeys.length} pushes, ${httpReceivers.reduce((n, r) => n + r.stats.failures + r.stats.resets, 0) + smtp.stats.failures + smtp.stats.resets} requests refused so far`);

  // 3. The same, with a worker killed three times mid-run.
  const crashEvents = await enqueueEvents(database, seed, 'crash');
  let kills = 0;
  const killer = (async () => {
    for (let i = 0; i < KILLS; i++) {
      await sleep(700 + i * 300);
      workers[1]!.kill('SIGKILL');
      kills += 1;
      await new Promise((resolve) => workers[1]!.once('exit', resolve));
      await startWorkerProcess(1);
    }
  })();
  await killer;
  const crashKeys = await waitUntilSettled(database, crashEvents);
  refuseHalf(false);
  const crashDuplicates = crashKeys.filter((k) => acceptedCount(k) > 1);
  const crashLost = crashKeys.filter((k) => acceptedCount(k) === 0).length;
  if (crashDuplicates.length) log(`crash duplicates (accepted, then the worker died before recording it): ${crashDuplicates.slice(0, 5).join(', ')}`);

  console.log(
    `delivery: ${sentKeys.length} sent, ${duplicates} duplicates, ${lost} lost; crash ${kills} kills, ${crashLost} lost, ${crashDuplicates.length} duplicates; ` +
      `p99 publish→robot ${p99} ms over ${publications.length} publications`,
  );
  exitCode = duplicates === 0 && lost === 0 && crashLost === 0 && p99 < 10_000 ? 0 : 1;
} finally {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (!child || child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await database?.close();
  await server.stop();
  await Promise.all([...httpReceivers.map((r) => r.close()), smtp.close()]);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);

type Seed = Awaited<ReturnType<typeof seedOrganization>>;

/** One organisation, 100 collaborations each with the four kinds of chat group and a meeting ready to publish. */
async function seedOrganization(database: Database) {
  const db = database.db;
  const org = await buildOrganization(db, { settings: { workingDays: [1, 2, 3, 4, 5, 6, 7], workdayStart: '00:00', workdayEnd: '23:59' } });
  const market = await buildDepartment(db, org.id, { name: '市场部' });
  const rnd = await buildDepartment(db, org.id, { name: '研发部' });
  const head = await buildUser(db, org.id, { name: '市场部李经理', departmentIds: [market.id] });
  await setHead(db, market.id, head.id);
  const engineer = await buildUser(db, org.id, { name: '研发部张工', departmentIds: [rnd.id] });
  const designer = await buildUser(db, org.id, { name: '研发部陈工', departmentIds: [rnd.id] });
  const now = Date.now();
  const collaborationIds: string[] = [];
  const meetingIds: string[] = [];
  for (let i = 0; i < COLLABORATIONS; i++) {
    const token = tokens[i]!;
    const collaboration = await buildCollaboration(db, org.id, {
      creatorId: head.id,
      initiatingDepartmentId: market.id,
      participatingDepartmentIds: [rnd.id],
      topic: `新品发布会筹备 #${i + 1}`,
    });
    collaborationIds.push(collaboration.id);
    const targets = [
      { kind: 'dingtalk' as const, url: receivers.dingtalk.robotUrl(token), secret: dingSecrets[token] },
      { kind: 'feishu' as const, url: receivers.feishu.hookUrl(token), secret: feishuSecrets[token] },
      { kind: 'wecom' as const, url: receivers.wecom.robotUrl(token) },
      { kind: 'webhook' as const, url: receivers.webhook.endpointUrl(token), secret: hookSecrets[token] },
    ];
    await db.insert(channels).values(
      targets.map((t) => {
        const id = uuidv7();
        return { id, orgId: org.id, collaborationId: collaboration.id, kind: t.kind, name: `${t.kind} 群`, ...sealChannel(box, id, t), createdBy: head.id };
      }),
    );
    const [meeting] = await db
      .insert(meetings)
      .values({
        orgId: org.id,
        collaborationId: collaboration.id,
        plannedStart: new Date(now - 3 * 3_600_000),
        plannedEnd: new Date(now - 2 * 3_600_000),
        mode: 'online',
        hostId: head.id,
        recorderId: head.id,
        agenda: ['发布会时间与流程'],
        createdBy: head.id,
      })
      .returning();
    meetingIds.push(meeting!.id);
    await db.insert(meetingAttendees).values([engineer, designer].map((u) => ({ orgId: org.id, meetingId: meeting!.id, userId: u.id })));
    const [topic] = await db.insert(topics).values(withSearchText('topics', { orgId: org.id, meetingId: meeting!.id, position: 0, title: '发布会时间与流程', discussion: '确定时间与流程' })).returning();
    await db.insert(topicFeedback).values(withSearchText('topicFeedback', { orgId: org.id, topicId: topic!.id, departmentId: rnd.id, text: '同意', position: 0 }));
    await db.insert(actionItems).values(
      [
        { owner: engineer, description: '完成产品样品交付', deliverable: '样品5台' },
        { owner: designer, description: '完成发布会主视觉初稿', deliverable: '3版主视觉设计稿' },
      ].map((item) => withSearchText('actionItems', {
        orgId: org.id,
        collaborationId: collaboration.id,
        meetingId: meeting!.id,
        sourceTopicId: topic!.id,
        description: item.description,
        ownerId: item.owner.id,
        ownerDepartmentId: rnd.id,
        dueDate: '2099-12-31',
        originalDueDate: '2099-12-31',
        deliverable: item.deliverable,
        createdBy: head.id,
      })),
    );
  }
  const actor = (await loadActor(db, head.id, 'session'))!;
  return { orgId: org.id, actor, collaborationIds, meetingIds, people: [head.id, engineer.id, designer.id], ownerIds: [engineer.id, designer.id] };
}

/** 150 escalations, each to the collaboration's four groups and to three people (bell and e-mail). */
async function enqueueEvents(database: Database, seed: Seed, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < EVENTS_PER_PHASE; i++) {
    const entityId = uuidv7();
    ids.push(entityId);
    const collaborationId = seed.collaborationIds[i % seed.collaborationIds.length]!;
    const notice = {
      orgId: seed.orgId,
      event: 'escalation' as const,
      entityType: 'action_item',
      entityId,
      collaborationId,
      payload: { actionItemId: entityId, collaborationTopic: `新品发布会筹备`, description: `${label} ${i + 1}`, ownerName: '研发部张工', dueDate: '2024-07-15', daysOverdue: 3, sensitive: false },
      now: new Date(),
    };
    await database.db.transaction(async (tx) => {
      await enqueueNotifications(tx, { ...notice, recipientIds: seed.people });
      await enqueueGroupNotifications(tx, { ...notice, mentionUserIds: [seed.people[0]!] });
    });
  }
  return ids;
}

/** Waits until every row of these entities is delivered or given up; answers the dedupe keys of their pushes (all but the bell). */
async function waitUntilSettled(database: Database, entityIds: string[]): Promise<string[]> {
  const started = Date.now();
  for (;;) {
    const [open] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(inArray(notifications.entityId, entityIds), isNull(notifications.deliveredAt), isNull(notifications.deadAt)));
    if (!open?.n) break;
    if (Date.now() - started > WAIT_LIMIT_MS) throw new Error(`${open.n} notifications still pending after ${WAIT_LIMIT_MS / 1000} s`);
    await sleep(200);
  }
  const rows = await database.db
    .select({ dedupeKey: notifications.dedupeKey, channel: notifications.channel, deadAt: notifications.deadAt, lastError: notifications.lastError })
    .from(notifications)
    .where(inArray(notifications.entityId, entityIds));
  for (const dead of rows.filter((r) => r.deadAt).slice(0, 5)) log(`dead: ${dead.dedupeKey}: ${dead.lastError}`);
  return rows.filter((r) => r.channel !== 'in_app').map((r) => r.dedupeKey);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
