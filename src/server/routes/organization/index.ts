import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { departments, organizations, userDepartments, users } from '../../db/schema/index.ts';
import { idParams } from '../../../shared/schemas/common.ts';
import { createDepartmentBody, createUserBody, patchDepartmentBody, patchUserBody, usersQuery } from '../../../shared/schemas/organization.ts';
import { orgSettingsPatchSchema, orgSettingsSchema } from '../../../shared/org-settings.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { assertAdmin } from '../../policies/organization.ts';
import { departmentIdsOfUsers, findDepartment, findUser, listDepartments, searchUsers, unknownDepartmentIds } from '../../db/queries/organization.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { passwordProblem } from '../../auth/password-policy.ts';
import { deleteUserSessions } from '../../auth/session-store.ts';
import { presentUser } from '../../presenters/user.ts';
import { recordAudit } from '../../commands/audit.ts';
import { decodeCursor, page } from '../pagination.ts';
import { validationError } from '../../plugins/validation.ts';
import type { DbOrTx } from '../../db/client.ts';

type DepartmentRow = typeof departments.$inferSelect;

/** Departments as a tree (children nested), each with its head's name. */
function departmentTree(rows: DepartmentRow[], heads: Map<string, string>) {
  type Node = ReturnType<typeof node>;
  const node = (d: DepartmentRow) => ({
    id: d.id,
    name: d.name,
    parentId: d.parentId,
    headId: d.headId,
    headName: d.headId ? (heads.get(d.headId) ?? null) : null,
    children: [] as unknown[],
  });
  const nodes = new Map<string, Node>(rows.map((d) => [d.id, node(d)]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

async function assertNoCycle(db: DbOrTx, orgId: string, id: string, parentId: string) {
  const all = await listDepartments(db, orgId);
  const parentOf = new Map(all.map((d) => [d.id, d.parentId]));
  for (let cursor: string | null | undefined = parentId; cursor; cursor = parentOf.get(cursor)) {
    if (cursor === id) throw invalidField('parentId', 'department.cycle');
  }
}

async function assertDepartmentRefs(db: DbOrTx, orgId: string, body: { parentId?: string | null | undefined; headId?: string | null | undefined }) {
  if (body.parentId && !(await findDepartment(db, orgId, body.parentId))) throw invalidField('parentId', 'department.notFound');
  if (body.headId) {
    const head = await findUser(db, orgId, body.headId);
    if (!head || !head.active) throw invalidField('headId', 'user.notFound');
  }
}

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/departments', { schema: { tags: ['organization'] } }, async (request) => {
    const actor = requireActor(request);
    const rows = await listDepartments(app.db, actor.orgId);
    const headIds = rows.map((d) => d.headId).filter((id): id is string => Boolean(id));
    const heads = headIds.length ? await app.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, headIds)) : [];
    return { items: departmentTree(rows, new Map(heads.map((h) => [h.id, h.name]))), nextCursor: null };
  });

  app.post('/admin/departments', { schema: { tags: ['organization'], body: createDepartmentBody } }, async (request, reply) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const now = app.clock.now();
    const created = await app.db.transaction(async (tx) => {
      await assertDepartmentRefs(tx, actor.orgId, request.body);
      const [row] = await tx
        .insert(departments)
        .values({ orgId: actor.orgId, name: request.body.name, parentId: request.body.parentId ?? null, headId: request.body.headId ?? null, createdAt: now })
        .returning();
      await recordAudit(tx, actor, now, { entityType: 'department', entityId: row!.id, action: 'created', after: row });
      return row!;
    });
    return reply.status(201).send({ ...created, children: [] });
  });

  app.patch('/admin/departments/:id', { schema: { tags: ['organization'], params: idParams, body: patchDepartmentBody } }, async (request) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const now = app.clock.now();
    return app.db.transaction(async (tx) => {
      const before = await findDepartment(tx, actor.orgId, request.params.id);
      if (!before) throw notFound();
      await assertDepartmentRefs(tx, actor.orgId, request.body);
      if (request.body.parentId) await assertNoCycle(tx, actor.orgId, before.id, request.body.parentId);
      // An empty change (`{}`, or only fields the schema drops) changes nothing and records nothing.
      if (Object.keys(request.body).length === 0) return before;
      const [after] = await tx.update(departments).set(request.body).where(eq(departments.id, before.id)).returning();
      await recordAudit(tx, actor, now, { entityType: 'department', entityId: before.id, action: 'updated', before, after });
      return after!;
    });
  });

  app.get('/users', { schema: { tags: ['organization'], querystring: usersQuery } }, async (request) => {
    const actor = requireActor(request);
    const query = request.query;
    const after = decodeCursor(query.cursor, z.object({ name: z.string(), id: z.uuid() }));
    const rows = await searchUsers(app.db, actor.orgId, {
      q: query.q,
      departmentId: query.departmentId,
      includeInactive: query.includeInactive === 'true',
      limit: query.limit,
      after,
    });
    const result = page(rows, query.limit, (last) => ({ name: last.name, id: last.id }));
    const depts = await departmentIdsOfUsers(app.db, result.items.map((u) => u.id));
    return { items: result.items.map((u) => presentUser(u, depts.get(u.id) ?? [], actor.settings.timeZone)), nextCursor: result.nextCursor };
  });

  app.post('/admin/users', { schema: { tags: ['organization'], body: createUserBody } }, async (request, reply) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const body = request.body;
    const problem = passwordProblem(body.password, { email: body.email });
    if (problem) throw invalidField('password', problem);
    const now = app.clock.now();
    const passwordHash = await hashPassword(body.password);
    const created = await app.db.transaction(async (tx) => {
      await assertEmailFree(tx, body.email);
      const unknown = await unknownDepartmentIds(tx, actor.orgId, body.departmentIds);
      if (unknown.length) throw invalidField('departmentIds', 'department.notFound');
      const [row] = await tx
        .insert(users)
        .values({ orgId: actor.orgId, name: body.name, email: body.email, phone: body.phone ?? null, passwordHash, role: body.role, createdAt: now })
        .returning();
      if (body.departmentIds.length) {
        await tx.insert(userDepartments).values([...new Set(body.departmentIds)].map((departmentId) => ({ orgId: actor.orgId, userId: row!.id, departmentId })));
      }
      await recordAudit(tx, actor, now, { entityType: 'user', entityId: row!.id, action: 'created', after: { name: row!.name, email: row!.email, role: row!.role, departmentIds: body.departmentIds } });
      return row!;
    });
    return reply.status(201).send(presentUser(created, [...new Set(body.departmentIds)], actor.settings.timeZone));
  });

  app.patch('/admin/users/:id', { schema: { tags: ['organization'], params: idParams, body: patchUserBody } }, async (request) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const { password, departmentIds, ...fields } = request.body;
    const problem = password !== undefined ? passwordProblem(password, { email: fields.email }) : null;
    if (problem) throw invalidField('password', problem);
    const passwordHash = password !== undefined ? await hashPassword(password) : undefined;
    const now = app.clock.now();
    const presented = await app.db.transaction(async (tx) => {
      const before = await findUser(tx, actor.orgId, request.params.id);
      if (!before) throw notFound();
      const emailProblem = password !== undefined ? passwordProblem(password, { email: before.email }) : null;
      if (emailProblem) throw invalidField('password', emailProblem);
      if (fields.email && fields.email.toLowerCase() !== before.email.toLowerCase()) await assertEmailFree(tx, fields.email);
      const beforeDepartments = (await departmentIdsOfUsers(tx, [before.id])).get(before.id) ?? [];
      const changes = { ...fields, ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}) };
      // Only departments, or nothing at all, may be sent: then the user row itself stays as it is.
      const [after] = Object.keys(changes).length ? await tx.update(users).set(changes).where(eq(users.id, before.id)).returning() : [before];
      if (departmentIds) {
        const unknown = await unknownDepartmentIds(tx, actor.orgId, departmentIds);
        if (unknown.length) throw invalidField('departmentIds', 'department.notFound');
        await tx.delete(userDepartments).where(eq(userDepartments.userId, before.id));
        if (departmentIds.length) {
          await tx.insert(userDepartments).values([...new Set(departmentIds)].map((departmentId) => ({ orgId: actor.orgId, userId: before.id, departmentId })));
        }
      }
      if (passwordHash || fields.active === false) await deleteUserSessions(tx, before.id);
      const afterDepartments = departmentIds ? [...new Set(departmentIds)] : beforeDepartments;
      const snapshot = (u: typeof before, d: string[]) => ({ name: u.name, email: u.email, phone: u.phone, role: u.role, active: u.active, departmentIds: d });
      await recordAudit(tx, actor, now, {
        entityType: 'user',
        entityId: before.id,
        action: passwordHash ? 'updated_with_password' : 'updated',
        before: snapshot(before, beforeDepartments),
        after: snapshot(after!, afterDepartments),
      });
      return presentUser(after!, afterDepartments, actor.settings.timeZone);
    });
    // Other instances drop it when the change notification arrives; this one at once.
    app.actorCache.forgetUser(request.params.id);
    return presented;
  });

  app.get('/admin/settings', { schema: { tags: ['organization'] } }, async (request) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const [org] = await app.db.select().from(organizations).where(eq(organizations.id, actor.orgId));
    return { name: org!.name, ...orgSettingsSchema.parse(org!.settings) };
  });

  app.patch('/admin/settings', { schema: { tags: ['organization'], body: orgSettingsPatchSchema.extend({ name: z.string().trim().min(1).max(200).optional() }) } }, async (request) => {
    const actor = requireActor(request);
    assertAdmin(actor);
    const { name, ...patch } = request.body;
    const now = app.clock.now();
    return app.db.transaction(async (tx) => {
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.orgId)).for('update');
      const merged = orgSettingsSchema.safeParse({ ...org!.settings, ...patch });
      if (!merged.success) throw validationError(merged.error.issues);
      const [after] = await tx
        .update(organizations)
        .set({ settings: merged.data, ...(name ? { name } : {}) })
        .where(eq(organizations.id, actor.orgId))
        .returning();
      await recordAudit(tx, actor, now, { entityType: 'organization', entityId: actor.orgId, action: 'settings_updated', before: { name: org!.name, ...org!.settings }, after: { name: after!.name, ...merged.data } });
      return { name: after!.name, ...merged.data };
    });
  });
};

async function assertEmailFree(db: DbOrTx, email: string) {
  const [taken] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
  if (taken) throw new AppError('CONFLICT', { messageKey: 'email.taken', fields: [{ path: 'email', message: 'email.taken' }] });
}

