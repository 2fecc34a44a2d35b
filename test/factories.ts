import { randomUUID } from 'node:crypto';
import type { Db } from '../src/server/db/client.ts';
import { departments, organizations, userDepartments, users } from '../src/server/db/schema/index.ts';
import { defaultOrgSettings, type OrgSettings } from '../src/shared/org-settings.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { withSearchText } from '../src/server/search/search-text.ts';

/** Every factory user signs in with this password; hashed once per test process. */
export const PASSWORD = 'liaison-test-2024';
let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hashPassword(PASSWORD));

const unique = () => randomUUID().slice(0, 8);

export async function buildOrganization(db: Db, overrides: { name?: string; settings?: Partial<OrgSettings> } = {}) {
  const [org] = await db
    .insert(organizations)
    .values({ name: overrides.name ?? `测试公司 ${unique()}`, settings: { ...defaultOrgSettings, ...overrides.settings } })
    .returning();
  return org!;
}

export async function buildDepartment(db: Db, orgId: string, overrides: { name?: string; parentId?: string; headId?: string } = {}) {
  const [dept] = await db
    .insert(departments)
    .values({ orgId, name: overrides.name ?? `部门 ${unique()}`, parentId: overrides.parentId ?? null, headId: overrides.headId ?? null })
    .returning();
  return dept!;
}

export async function buildUser(
  db: Db,
  orgId: string,
  overrides: { name?: string; email?: string; role?: 'admin' | 'pmo' | 'member'; departmentIds?: string[]; active?: boolean } = {},
) {
  const [user] = await db
    .insert(users)
    .values({
      orgId,
      name: overrides.name ?? `用户 ${unique()}`,
      email: overrides.email ?? `user-${unique()}-${unique()}@example.test`,
      passwordHash: await hashed(),
      role: overrides.role ?? 'member',
      active: overrides.active ?? true,
    })
    .returning();
  if (overrides.departmentIds?.length) {
    await db.insert(userDepartments).values(overrides.departmentIds.map((departmentId) => ({ orgId, userId: user!.id, departmentId })));
  }
  return user!;
}

/** Makes `userId` the head of `departmentId`. */
export async function setHead(db: Db, departmentId: string, userId: string) {
  const { eq } = await import('drizzle-orm');
  await db.update(departments).set({ headId: userId }).where(eq(departments.id, departmentId));
}

/** A collaboration straight in the database (the API route is tested on its own). */
export async function buildCollaboration(
  db: Db,
  orgId: string,
  input: {
    creatorId: string;
    initiatingDepartmentId: string;
    participatingDepartmentIds: string[];
    topic?: string;
    ownerId?: string;
    visibility?: 'participants' | 'organization';
    status?: 'active' | 'completed' | 'cancelled';
    archivedAt?: Date;
  },
) {
  const { collaborations, collaborationDepartments } = await import('../src/server/db/schema/index.ts');
  const [row] = await db
    .insert(collaborations)
    .values(withSearchText('collaborations', {
      orgId,
      topic: input.topic ?? `协作 ${unique()}`,
      goal: '覆盖10万+目标用户，转化率5%',
      scenario: 'major_project',
      initiatingDepartmentId: input.initiatingDepartmentId,
      creatorId: input.creatorId,
      ownerId: input.ownerId ?? null,
      visibility: input.visibility ?? 'participants',
      status: input.status ?? 'active',
      archivedAt: input.archivedAt ?? null,
    }))
    .returning();
  await db.insert(collaborationDepartments).values(input.participatingDepartmentIds.map((departmentId) => ({ orgId, collaborationId: row!.id, departmentId })));
  return row!;
}

/**
 * The template's cast: 市场部 initiates with 研发部, 销售部, 设计部, 客服部 participating; a head for
 * 市场部, a recorder, one member of each participating department, an outsider (行政部) and a pmo.
 */
export async function buildTemplateCast(db: Db) {
  const org = await buildOrganization(db);
  const dept = async (name: string) => buildDepartment(db, org.id, { name });
  const [market, rnd, sales, design, service, admin] = await Promise.all(['市场部', '研发部', '销售部', '设计部', '客服部', '行政部'].map(dept));
  const user = (name: string, departmentIds: string[], role: 'admin' | 'pmo' | 'member' = 'member') => buildUser(db, org.id, { name, departmentIds, role });
  const head = await user('市场部李经理', [market!.id]);
  await setHead(db, market!.id, head.id);
  const recorder = await user('市场部王助理', [market!.id]);
  const engineer = await user('研发部张工', [rnd!.id]);
  const seller = await user('销售部刘经理', [sales!.id]);
  const designer = await user('设计部陈设计师', [design!.id]);
  const support = await user('客服部赵专员', [service!.id]);
  const outsider = await user('行政部孙主管', [admin!.id]);
  const pmo = await user('项目管理办公室周', [admin!.id], 'pmo');
  const orgAdmin = await user('系统管理员', [], 'admin');
  const collaboration = await buildCollaboration(db, org.id, {
    creatorId: head.id,
    initiatingDepartmentId: market!.id,
    participatingDepartmentIds: [rnd!.id, sales!.id, design!.id, service!.id],
    topic: '2024年Q3新品发布会筹备',
  });
  return {
    org,
    departments: { market: market!, rnd: rnd!, sales: sales!, design: design!, service: service!, admin: admin! },
    people: { head, recorder, engineer, seller, designer, support, outsider, pmo, orgAdmin },
    collaboration,
  };
}
