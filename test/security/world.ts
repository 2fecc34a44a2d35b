import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { uuidv7 } from '../../src/server/db/ids.ts';
import {
  accessTokens,
  actionItems,
  auditEvents,
  channels,
  collaborationDepartments,
  collaborations,
  meetingAttendees,
  meetings,
  notifications,
  organizations,
  progressUpdates,
  remarks,
  topicFeedback,
  topics,
} from '../../src/server/db/schema/index.ts';
import { sha256 } from '../../src/server/auth/tokens.ts';
import { sealChannel } from '../../src/server/notifications/channel-secrets.ts';
import { generateWebhookSecret } from '../../src/server/notifications/channels/webhook.ts';
import { withSearchText } from '../../src/server/search/search-text.ts';
import { call, loginAs } from '../app.ts';
import { buildDepartment, buildTemplateCast, buildUser } from '../factories.ts';
import type { MarkerRegistry } from './markers.ts';
import { actorKeys, expectedOutcome, matrix, rowId, type ActorKey, type CollaborationState } from './permission-matrix.ts';

export type WorldUser = { id: string; email: string; orgId: string; name: string };

/** One way of calling the API: an actor's cookie session, their access token, the admin's cookie without CSRF, or nobody. */
export type Principal = {
  key: ActorKey;
  via: 'session' | 'token' | 'nocsrf' | 'none';
  label: string;
  user: WorldUser | null;
  cookie?: string;
  csrfToken?: string;
  token?: string;
};

/** One collaboration in one state, with everything the collaboration-scoped rows point at. */
export type Fixture = {
  state: CollaborationState;
  collaborationId: string;
  meetingId: string;
  topicId: string;
  secretTopicId: string;
  itemId: string;
  secretItemId: string;
  doneItemId: string;
  secretDoneItemId: string;
  channelId: string;
  attachmentId: string | null;
  secretAttachmentId: string | null;
  /** The marker in all of C's ordinary text (readers of C only). */
  collabMarker: string;
};

export type World = {
  orgA: { id: string; name: string };
  orgB: { id: string; name: string; collaborationId: string; departmentIds: string[] };
  departments: Record<'market' | 'rnd' | 'sales' | 'design' | 'service' | 'admin' | 'legal' | 'finance' | 'spare', string>;
  /** The actors' users (all but `an`), and a bystander of org A (`seller`) whose token and notification others try to touch. */
  users: Record<Exclude<ActorKey, 'an'>, WorldUser> & { seller: WorldUser; spare: WorldUser };
  principals: Principal[];
  shared: Record<CollaborationState, Fixture>;
  /** One fixture per state that no case writes to: what the file rows export (the shared ones grow with every allowed create). */
  pristine: Record<CollaborationState, Fixture>;
  /** User ids of C's readers in a state (the table's own answer for GET /collaborations/:id). */
  readers: Record<CollaborationState, Set<string>>;
  orgAUserIds: Set<string>;
  orgBUserIds: Set<string>;
  othersTokenId: string;
  othersNotificationId: string;
  ownNotificationIds: Map<string, string>;
  /** A local receiver that accepts anything: the chat groups' target. */
  receiverUrl: string;
  webhookSecret: string;
  buildFixture(state: CollaborationState, options?: { complete?: boolean }): Promise<Fixture>;
  freshToken(userId: string): Promise<string>;
  freshDeadDelivery(): Promise<string>;
  relogin(principal: Principal): Promise<void>;
  close(): Promise<void>;
};

export const NOW = '2024-07-08T10:00:00+08:00';
const now = new Date(NOW);
const meetingStart = new Date('2024-07-05T14:00:00+08:00');
const meetingEnd = new Date('2024-07-05T16:00:00+08:00');

/**
 * The matrix's world: organisation A (the template's cast plus a creator, an owner, a host, a recorder
 * and an item owner from departments that take no part, and a deactivated member), organisation B
 * (whose admin pokes at A's ids), a signed-in session and an access token for every actor, and one
 * shared fixture collaboration per state.
 */
export async function buildWorld(app: FastifyInstance, markers: MarkerRegistry, options: { attachmentsServed?: boolean } = {}): Promise<World> {
  const db = app.db;
  const receiver = await startSink();
  const a = await buildTemplateCast(db);
  const b = await buildTemplateCast(db);
  const legal = await buildDepartment(db, a.org.id, { name: '法务部' });
  const finance = await buildDepartment(db, a.org.id, { name: '财务部' });
  const spareDepartment = await buildDepartment(db, a.org.id, { name: '备用部门' });
  const person = (name: string, departmentIds: string[]) => buildUser(db, a.org.id, { name, departmentIds });
  const creator = await person('法务部创建人', [legal.id]);
  const owner = await person('法务部负责人', [legal.id]);
  const host = await person('财务部主持人', [finance.id]);
  const recorder = await person('财务部记录人', [finance.id]);
  const itemOwner = await person('财务部执行人', [finance.id]);
  const deactivated = await person('研发部离职员工', [a.departments.rnd.id]);
  const spare = await person('备用账号', [spareDepartment.id]);

  const asWorldUser = (u: { id: string; email: string; orgId: string; name: string }): WorldUser => ({ id: u.id, email: u.email, orgId: u.orgId, name: u.name });
  const worldUsers = {
    adm: a.people.orgAdmin,
    pmo: a.people.pmo,
    hd: a.people.head,
    cr: creator,
    ow: owner,
    hs: host,
    rc: recorder,
    io: itemOwner,
    pa: a.people.engineer,
    at: a.people.designer,
    ou: a.people.outsider,
    oa: b.people.orgAdmin,
    dx: deactivated,
    seller: a.people.seller,
    spare,
  };
  const usersOf = Object.fromEntries(Object.entries(worldUsers).map(([k, u]) => [k, asWorldUser(u)])) as World['users'];

  // Each organisation's own names carry a marker only its people may read.
  const tenantA = markers.plant('TENANT', Object.values(a.people).map((u) => u.id).concat([creator.id, owner.id, host.id, recorder.id, itemOwner.id, deactivated.id, spare.id]), 'organisation A name');
  const tenantB = markers.plant('TENANT', Object.values(b.people).map((u) => u.id), 'organisation B name');
  const orgAName = `甲公司 ${tenantA}`;
  const orgBName = `乙公司 ${tenantB}`;
  await db.update(organizations).set({ name: orgAName }).where(eq(organizations.id, a.org.id));
  await db.update(organizations).set({ name: orgBName }).where(eq(organizations.id, b.org.id));

  const readers = {} as Record<CollaborationState, Set<string>>;
  const readRow = matrix.find((r) => rowId(r) === 'GET /collaborations/:id')!;
  // Besides the actors, C is read by the other members of its departments (市场部's 王助理, 销售部's 刘经理),
  // and when org-visible by everyone in organisation A.
  const bystanders = [a.people.recorder.id, a.people.seller.id];
  const everyoneInA = [...Object.values(a.people).map((p) => p.id), creator.id, owner.id, host.id, recorder.id, itemOwner.id, spare.id];
  for (const state of ['active', 'published', 'archived', 'orgwide'] as const) {
    const actors = actorKeys.filter((k) => k !== 'an' && k !== 'dx' && expectedOutcome(readRow, state, k, 'session') === 'OK').map((k) => usersOf[k as Exclude<ActorKey, 'an'>].id);
    readers[state] = new Set([...actors, ...bystanders, ...(state === 'orgwide' ? everyoneInA : [])]);
  }

  const webhookSecret = generateWebhookSecret();
  const secretBox = app.notificationSettings.secretBox;
  const u = usersOf;
  const d = a.departments;

  async function insertChannel(collaborationId: string | null, createdBy: string): Promise<string> {
    const id = uuidv7();
    const sealed = sealChannel(secretBox, id, { url: receiver.url, secret: webhookSecret });
    await db.insert(channels).values({ id, orgId: a.org.id, collaborationId, kind: 'webhook', name: '协作群', url: sealed.url, secret: sealed.secret, createdBy, createdAt: now, updatedAt: now });
    return id;
  }

  async function buildFixture(state: CollaborationState, fixtureOptions: { complete?: boolean } = {}): Promise<Fixture> {
    const complete = fixtureOptions.complete ?? true;
    const published = state === 'published' || state === 'archived';
    const collabMarker = markers.plant('COLLAB', readers[state], `collaboration text (${state})`);
    const topicSecret = markers.plant('SECRET', [u.hs.id, u.pa.id], `sensitive topic (${state})`);
    const itemSecret = markers.plant('SECRET', [u.hd.id, u.io.id, u.at.id], `sensitive item (${state})`);
    const doneSecret = markers.plant('SECRET', [u.hd.id, u.io.id, u.at.id], `sensitive done item (${state})`);
    return db.transaction(async (tx) => {
      const [c] = await tx
        .insert(collaborations)
        .values(withSearchText('collaborations', {
          orgId: a.org.id,
          topic: `新品发布会筹备 ${collabMarker}`,
          goal: `覆盖10万+目标用户 ${collabMarker}`,
          scenario: 'major_project',
          initiatingDepartmentId: d.market.id,
          creatorId: u.cr.id,
          ownerId: u.ow.id,
          visibility: state === 'orgwide' ? 'organization' : 'participants',
          status: state === 'archived' ? 'completed' : 'active',
          progressSummary: `整体进度 ${collabMarker}`,
          periodYear: 2024,
          periodQuarter: 3,
          completedAt: state === 'archived' ? now : null,
          archivedAt: state === 'archived' ? now : null,
          createdAt: now,
          updatedAt: now,
        }))
        .returning();
      const collaborationId = c!.id;
      await tx.insert(collaborationDepartments).values([d.rnd.id, d.sales.id].map((departmentId) => ({ orgId: a.org.id, collaborationId, departmentId })));
      await tx.insert(remarks).values(withSearchText('remarks', { orgId: a.org.id, collaborationId, authorId: u.hd.id, text: `风险 ${collabMarker}`, createdAt: now }));
      const [m] = await tx
        .insert(meetings)
        .values({
          orgId: a.org.id,
          collaborationId,
          title: `启动会 ${collabMarker}`,
          plannedStart: meetingStart,
          plannedEnd: meetingEnd,
          mode: 'offline',
          location: `三楼会议室 ${collabMarker}`,
          hostId: u.hs.id,
          recorderId: u.rc.id,
          agenda: [`议程 ${collabMarker}`],
          agendaSentAt: new Date('2024-07-03T10:00:00+08:00'),
          agendaSentLate: false,
          heldAt: published ? meetingStart : null,
          endedAt: published ? meetingEnd : null,
          minutesStatus: published ? 'published' : 'draft',
          publishedAt: published ? new Date('2024-07-05T18:00:00+08:00') : null,
          publishedLate: published ? false : null,
          publishedBy: published ? u.rc.id : null,
          createdBy: u.cr.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const meetingId = m!.id;
      await tx.insert(meetingAttendees).values({ orgId: a.org.id, meetingId, userId: u.at.id });

      const [plainTopic] = await tx
        .insert(topics)
        .values(withSearchText('topics', {
          orgId: a.org.id,
          meetingId,
          position: 0,
          title: `议题 ${collabMarker}`,
          discussion: `讨论 ${collabMarker}`,
          disagreements: `分歧 ${collabMarker}`,
          consensus: `共识 ${collabMarker}`,
          problemTags: ['需求传递不清晰'],
          createdAt: now,
          updatedAt: now,
        }))
        .returning();
      const [secretTopic] = await tx
        .insert(topics)
        .values(withSearchText('topics', {
          orgId: a.org.id,
          meetingId,
          position: 1,
          title: `预算 ${topicSecret}`,
          discussion: `成本 ${topicSecret}`,
          disagreements: `返点 ${topicSecret}`,
          consensus: `底价 ${topicSecret}`,
          problemTags: [topicSecret],
          sensitive: true,
          visibleToUserIds: [u.hs.id, u.pa.id],
          createdAt: now,
          updatedAt: now,
        }))
        .returning();
      const feedback = (topicId: string, text: string, departments: string[]) =>
        departments.map((departmentId, position) => withSearchText('topicFeedback', { orgId: a.org.id, topicId, departmentId, text: `${text} ${position}`, position }));
      await tx.insert(topicFeedback).values([
        ...feedback(plainTopic!.id, `反馈 ${collabMarker}`, [d.rnd.id, d.sales.id]),
        // The shared draft lacks 销售部's row on the sensitive topic: publishing it answers 422 listing what is missing.
        ...feedback(secretTopic!.id, `反馈 ${topicSecret}`, complete || published ? [d.rnd.id, d.sales.id] : [d.rnd.id]),
      ]);

      const item = (values: Partial<typeof actionItems.$inferInsert> & { description: string; deliverable: string }) =>
        withSearchText('actionItems', {
        orgId: a.org.id,
        collaborationId,
        meetingId,
        ownerId: u.io.id,
        ownerDepartmentId: finance.id,
        dueDate: '2024-07-15',
        originalDueDate: '2024-07-15',
        createdBy: u.rc.id,
        createdAt: now,
        updatedAt: now,
        ...values,
      });
      const [plainItem, secretItem, doneItem, secretDoneItem] = await tx
        .insert(actionItems)
        .values([
          item({ description: `主视觉设计 ${collabMarker}`, deliverable: `设计稿 ${collabMarker}`, status: 'in_progress', progress: 40, statusText: `设计中 ${collabMarker}`, lastUpdateAt: now }),
          item({
            description: `渠道返点测算 ${itemSecret}`,
            deliverable: `返点表 ${itemSecret}`,
            status: 'in_progress',
            progress: 30,
            statusText: `测算中 ${itemSecret}`,
            dueDate: '2024-07-17',
            sensitive: true,
            visibleToUserIds: [u.hd.id, u.io.id, u.at.id],
            lastUpdateAt: now,
          }),
          item({ description: `物料清单 ${collabMarker}`, deliverable: `清单 ${collabMarker}`, status: 'done', progress: 100, statusText: `完成 ${collabMarker}`, completedAt: now }),
          item({
            description: `成本核算 ${doneSecret}`,
            deliverable: `成本表 ${doneSecret}`,
            status: 'done',
            progress: 100,
            statusText: `完成 ${doneSecret}`,
            completedAt: now,
            sensitive: true,
            visibleToUserIds: [u.hd.id, u.io.id, u.at.id],
          }),
        ])
        .returning();
      await tx.insert(progressUpdates).values([
        withSearchText('progressUpdates', { orgId: a.org.id, actionItemId: plainItem!.id, authorId: u.io.id, progress: 40, statusText: `设计中 ${collabMarker}`, status: 'in_progress', createdAt: now }),
        withSearchText('progressUpdates', {
          orgId: a.org.id,
          actionItemId: secretItem!.id,
          authorId: u.io.id,
          progress: 30,
          statusText: `测算中 ${itemSecret}`,
          status: 'in_progress',
          delayCode: 'insufficient_resources',
          delayReason: `资源不足 ${itemSecret}`,
          remedy: `加人 ${itemSecret}`,
          previousDueDate: '2024-07-15',
          newDueDate: '2024-07-17',
          createdAt: now,
        }),
      ]);
      // The history as the commands would have written it, sensitive entries restricted to those named.
      await tx.insert(auditEvents).values([
        { orgId: a.org.id, actorId: u.rc.id, at: now, entityType: 'topic', entityId: plainTopic!.id, collaborationId, action: 'created', after: { title: plainTopic!.title } },
        { orgId: a.org.id, actorId: u.hs.id, at: now, entityType: 'topic', entityId: secretTopic!.id, collaborationId, action: 'created', after: { title: secretTopic!.title, discussion: secretTopic!.discussion }, restrictedTo: [u.hs.id, u.pa.id] },
        { orgId: a.org.id, actorId: u.io.id, at: now, entityType: 'action_item', entityId: secretItem!.id, collaborationId, action: 'due_date_moved', before: { dueDate: '2024-07-15' }, after: { dueDate: '2024-07-17', reason: `资源不足 ${itemSecret}` }, restrictedTo: [u.hd.id, u.io.id, u.at.id] },
      ]);
      const channelId = await insertChannelIn(tx, collaborationId);
      return {
        state,
        collaborationId,
        meetingId,
        topicId: plainTopic!.id,
        secretTopicId: secretTopic!.id,
        itemId: plainItem!.id,
        secretItemId: secretItem!.id,
        doneItemId: doneItem!.id,
        secretDoneItemId: secretDoneItem!.id,
        channelId,
        attachmentId: options.attachmentsServed ? await insertAttachment(app, tx, a.org.id, plainItem!.id, u.io.id, collabMarker) : null,
        secretAttachmentId: options.attachmentsServed ? await insertAttachment(app, tx, a.org.id, secretItem!.id, u.io.id, itemSecret) : null,
        collabMarker,
      };
    });
  }

  async function insertChannelIn(tx: Parameters<Parameters<Db['transaction']>[0]>[0], collaborationId: string): Promise<string> {
    const id = uuidv7();
    const sealed = sealChannel(secretBox, id, { url: receiver.url, secret: webhookSecret });
    await tx.insert(channels).values({ id, orgId: a.org.id, collaborationId, kind: 'webhook', name: '协作群', url: sealed.url, secret: sealed.secret, createdBy: u.cr.id, createdAt: now, updatedAt: now });
    return id;
  }

  const shared = {
    active: await buildFixture('active', { complete: false }),
    published: await buildFixture('published'),
    archived: await buildFixture('archived'),
    orgwide: await buildFixture('orgwide', { complete: false }),
  };
  const pristine = {
    active: await buildFixture('active', { complete: false }),
    published: await buildFixture('published'),
    archived: await buildFixture('archived'),
    orgwide: await buildFixture('orgwide', { complete: false }),
  };
  await insertChannel(null, u.adm.id);

  async function freshToken(userId: string): Promise<string> {
    const [row] = await db
      .insert(accessTokens)
      .values({ orgId: a.org.id, userId, name: 'spare', tokenHash: sha256(randomUUID()), prefix: 'lsn_spare', createdAt: now })
      .returning({ id: accessTokens.id });
    return row!.id;
  }

  const notification = async (recipientId: string | null, dead = false, orgId = a.org.id) => {
    const [row] = await db
      .insert(notifications)
      .values({
        orgId,
        event: 'remark_added',
        recipientId,
        channel: dead ? 'webhook' : 'in_app',
        entityType: 'collaboration',
        entityId: shared.active.collaborationId,
        collaborationId: shared.active.collaborationId,
        payload: { collaborationTopic: '新品发布会筹备' },
        dedupeKey: `matrix:${randomUUID()}`,
        nextAttemptAt: now,
        attempts: dead ? 8 : 0,
        deadAt: dead ? now : null,
        lastError: dead ? 'HTTP 500' : null,
        createdAt: now,
      })
      .returning({ id: notifications.id });
    return row!.id;
  };
  const freshDeadDelivery = () => notification(null, true);

  const principals: Principal[] = [];
  for (const key of actorKeys) {
    if (key === 'an') {
      principals.push({ key, via: 'none', label: 'an', user: null });
      continue;
    }
    const user = usersOf[key];
    const session = await loginAs(app, user);
    principals.push({ key, via: 'session', label: key, user, cookie: session.cookie, csrfToken: session.csrfToken });
    const created = await session.post('/me/tokens', { name: `matrix ${key}` });
    if (created.status !== 201) throw new Error(`token for ${key}: ${created.status} ${JSON.stringify(created.body)}`);
    principals.push({ key, via: 'token', label: `${key}~token`, user, token: created.body.token });
    if (key === 'adm') principals.push({ key, via: 'nocsrf', label: 'adm!csrf', user, cookie: session.cookie });
  }
  // Deactivated by the admin after signing in and taking a token: neither may open anything any more.
  const admin = principals.find((p) => p.key === 'adm' && p.via === 'session')!;
  const deactivation = await call(app, {
    method: 'PATCH',
    url: `/api/v1/admin/users/${u.dx.id}`,
    headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! },
    payload: { active: false },
  });
  if (deactivation.status !== 200) throw new Error(`deactivating dx: ${deactivation.status} ${JSON.stringify(deactivation.body)}`);

  const ownNotificationIds = new Map<string, string>();
  for (const user of Object.values(usersOf)) ownNotificationIds.set(user.id, await notification(user.id, false, user.orgId));

  /** After a sign-in, sign-out or password change: fresh sessions (and, if they were revoked, tokens) for the principal's user. */
  async function relogin(principal: Principal): Promise<void> {
    if (!principal.user || principal.key === 'dx') return;
    const session = await loginAs(app, principal.user);
    for (const p of principals) {
      if (p.user?.id !== principal.user.id) continue;
      if (p.via === 'session' || p.via === 'nocsrf') {
        p.cookie = session.cookie;
        if (p.via === 'session') p.csrfToken = session.csrfToken;
      }
      if (p.via === 'token') {
        const me = await call(app, { method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${p.token}` } });
        if (me.status === 401) p.token = (await session.post('/me/tokens', { name: `matrix ${p.key}` })).body.token;
      }
    }
  }

  return {
    orgA: { id: a.org.id, name: orgAName },
    orgB: { id: b.org.id, name: orgBName, collaborationId: b.collaboration.id, departmentIds: Object.values(b.departments).map((x) => x.id) },
    departments: { market: d.market.id, rnd: d.rnd.id, sales: d.sales.id, design: d.design.id, service: d.service.id, admin: d.admin.id, legal: legal.id, finance: finance.id, spare: spareDepartment.id },
    users: usersOf,
    principals,
    shared,
    pristine,
    readers,
    orgAUserIds: new Set(Object.values(usersOf).filter((x) => x.orgId === a.org.id).map((x) => x.id)),
    orgBUserIds: new Set([b.people.orgAdmin.id, ...Object.values(b.people).map((x) => x.id)]),
    othersTokenId: await freshToken(u.seller.id),
    othersNotificationId: ownNotificationIds.get(u.seller.id)!,
    ownNotificationIds,
    receiverUrl: receiver.url,
    webhookSecret,
    buildFixture,
    freshToken,
    freshDeadDelivery,
    relogin,
    close: receiver.close,
  };
}

/**
 * An attachment of an item, stored the way the attachment routes store files (content-addressed through
 * `app.attachments`), once those routes are served.
 */
async function insertAttachment(app: FastifyInstance, tx: Parameters<Parameters<Db['transaction']>[0]>[0], orgId: string, itemId: string, uploadedBy: string, marker: string): Promise<string | null> {
  const storage = (app as unknown as { attachments?: { put(data: Buffer): Promise<string> } }).attachments;
  if (!storage) return null;
  const data = Buffer.from(`交付成果 ${marker}\n`);
  const sha = await storage.put(data);
  const { attachments } = await import('../../src/server/db/schema/index.ts');
  const [row] = await tx
    .insert(attachments)
    .values({ orgId, sha256: sha, mime: 'text/plain', size: data.length, fileName: `交付成果-${marker}.txt`, entityType: 'action_item', entityId: itemId, uploadedBy, createdAt: now })
    .returning({ id: attachments.id });
  return row!.id;
}

/** A loopback HTTP server answering 200 to everything: where the fixture chat groups point. */
async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/${randomBytes(4).toString('hex')}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

