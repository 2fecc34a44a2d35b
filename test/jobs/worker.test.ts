/**
 * The worker as `liaison worker` and `npm start` run it, on pg-boss over this back end (PGlite through
 * pg-boss's PGlite adapter, or PostgreSQL): the minute sweep is scheduled, a sweep job raises due
 * reminders, escalations run as their own jobs, and the delivery loop sends a committed outbox row to a
 * robot within moments of the commit. Real clock; a database of its own, since the sweep looks at every
 * organisation in it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { actionItems, channels, meetings, notifications, organizations } from '../../src/server/db/schema/index.ts';
import { uuidv7 } from '../../src/server/db/ids.ts';
import { startWorker, type RunningWorker } from '../../src/server/jobs/worker.ts';
import { jobDefinitions } from '../../src/server/jobs/definitions.ts';
import { createSecretBox } from '../../src/server/notifications/channels/secret-box.ts';
import { sealChannel } from '../../src/server/notifications/channel-secrets.ts';
import { enqueueGroupNotifications } from '../../src/server/notifications/outbox.ts';
import { addDays, localDate } from '../../src/domain/calendar-date.ts';
import { defaultOrgSettings } from '../../src/shared/org-settings.ts';
import { backendName, openTestDatabase } from '../database.ts';
import { buildTemplateCast } from '../factories.ts';
import { startDingTalkReceiver, type DingTalkReceiver } from '../receivers/dingtalk.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';

let database: Database;
let dropDatabase = async () => {};
let worker: RunningWorker | undefined;
let dingtalk: DingTalkReceiver;
let cast: Awaited<ReturnType<typeof buildTemplateCast>>;
let channelId: string;
const secretBox = createSecretBox(randomBytes(32));

/** A migrated database for this file alone: PGlite files have one anyway; on PostgreSQL a fresh database on the test server. */
async function openOwnDatabase(): Promise<Database> {
  if (backendName() === 'pglite') return openTestDatabase();
  const shared = new URL(inject('databaseUrl')!);
  const name = `liaison_worker_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(shared);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(shared);
  own.pathname = `/${name}`;
  const opened = await openDatabase({ url: own.toString(), poolSize: 4 });
  await opened.migrate();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
  return opened;
}

async function waitFor<T>(read: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dingtalk = await startDingTalkReceiver({ group: {} });
  database = await openOwnDatabase();
  cast = await buildTemplateCast(database.db);
  // Working hours all day every day, so the real clock never holds a reminder back.
  await database.db
    .update(organizations)
    .set({ settings: { ...defaultOrgSettings, workingDays: [1, 2, 3, 4, 5, 6, 7], workdayStart: '00:00', workdayEnd: '23:59' } })
    .where(eq(organizations.id, cast.org.id));
  channelId = uuidv7();
  const sealed = sealChannel(secretBox, channelId, { url: dingtalk.robotUrl('group') });
  await database.db.insert(channels).values({ id: channelId, orgId: cast.org.id, collaborationId: cast.collaboration.id, kind: 'dingtalk', name: '协作群', ...sealed, createdBy: cast.people.head.id });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await database?.close();
  await dropDatabase();
  await dingtalk?.close();
});

describe('the worker', () => {
  it('starts pg-boss on this back end and schedules the minute sweep', async () => {
    worker = await startWorker({
      database,
      send: { publicUrl: 'https://liaison.example.com', allowPrivate: true, secretBox },
      delivery: { pollMs: 500 },
    });
    const schedules = await worker.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toContainEqual([jobDefinitions.reminderSweep.name, '* * * * *']);
  }, 60_000);

  it('runs a sweep job: reminders raised and delivered, the escalation done by its own job', async () => {
    const today = localDate(new Date(), 'Asia/Shanghai');
    const [item] = await database.db
      .insert(actionItems)
      .values(withSearchText('actionItems', {
        orgId: cast.org.id,
        collaborationId: cast.collaboration.id,
        description: '研发部完成产品样品交付',
        ownerId: cast.people.engineer.id,
        dueDate: addDays(today, -4),
        originalDueDate: addDays(today, -4),
        deliverable: '样品5台',
        createdBy: cast.people.head.id,
        createdAt: new Date(Date.now() - 10 * 86_400_000),
      }))
      .returning();
    await worker!.boss.send(jobDefinitions.reminderSweep.name, {});
    const overdue = await waitFor(async () => {
      const rows = await database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.entityId, item!.id), eq(notifications.event, 'item_overdue')));
      return rows.length && rows.every((r) => r.deliveredAt) ? rows : undefined;
    });
    expect(overdue.map((r) => r.recipientId)).toEqual([cast.people.engineer.id]);
    const sync = await waitFor(async () => {
      const [row] = await database.db.select().from(meetings).where(and(eq(meetings.collaborationId, cast.collaboration.id), eq(meetings.kind, 'progress_sync')));
      return row;
    });
    expect(sync.agenda[0]).toContain('研发部完成产品样品交付');
    const robot = await waitFor(async () => dingtalk.accepted.find((a) => a.key.startsWith(`escalation:${item!.id}`)));
    expect(JSON.stringify(robot.body)).toContain('逾期升级');
  }, 60_000);

  it('delivers a committed row to the group robot within moments, woken by the commit', async () => {
    const entityId = uuidv7();
    const started = Date.now();
    await database.db.transaction((tx) =>
      enqueueGroupNotifications(tx, {
        orgId: cast.org.id,
        event: 'record_published',
        entityType: 'meeting',
        entityId,
        collaborationId: cast.collaboration.id,
        payload: { meetingId: entityId, collaborationTopic: cast.collaboration.topic, topicTitles: ['发布会时间与流程'], itemCount: 3 },
        now: new Date(),
      }),
    );
    const accepted = await waitFor(async () => dingtalk.accepted.find((a) => a.key.startsWith(`record_published:${entityId}`)));
    expect(accepted.at - started).toBeLessThan(2_000);
  }, 30_000);

  it('stops gracefully', async () => {
    await worker!.stop();
    await worker!.stop();
    worker = undefined;
  }, 30_000);
});
