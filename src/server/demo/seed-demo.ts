import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { recordAudit } from '../commands/audit.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import {
  actionItems,
  collaborationDepartments,
  collaborations,
  departments,
  meetingAttendees,
  meetings,
  organizations,
  progressUpdates,
  remarks,
  topicFeedback,
  topics,
  userDepartments,
  users,
} from '../db/schema/index.ts';
import { defaultOrgSettings } from '../../shared/org-settings.ts';
import { searchTextUpdate, withSearchText } from '../search/search-text.ts';

/** The organisation of the template's own example; its name is how `seed-demo` recognises an existing demo. */
export const DEMO_ORG_NAME = '示例科技有限公司';
export const DEMO_EMAIL_DOMAIN = 'demo.liaison.local';

/** An instant of the template's story, written as the Shanghai wall clock the template uses. */
const at = (local: string) => new Date(`${local}+08:00`);

const DEPARTMENTS = ['市场部', '研发部', '销售部', '设计部', '客服部', '行政部'] as const;
type DepartmentName = (typeof DEPARTMENTS)[number];

type Person = { name: string; local: string; department: DepartmentName | null; role: 'admin' | 'pmo' | 'member'; heads?: DepartmentName };

/** The cast: the template's roles (市场部*经理 hosts, 市场部*助理 records, 设计部*设计师 owns the key visual). */
const PEOPLE = {
  admin: { name: '系统管理员', local: 'admin', department: null, role: 'admin' },
  marketHead: { name: '市场部李经理', local: 'li.jingli', department: '市场部', role: 'member', heads: '市场部' },
  recorder: { name: '市场部王助理', local: 'wang.zhuli', department: '市场部', role: 'member' },
  engineer: { name: '研发部张工', local: 'zhang.gong', department: '研发部', role: 'member', heads: '研发部' },
  seller: { name: '销售部刘经理', local: 'liu.jingli', department: '销售部', role: 'member', heads: '销售部' },
  designLead: { name: '设计部黄主管', local: 'huang.zhuguan', department: '设计部', role: 'member', heads: '设计部' },
  designer: { name: '设计部陈设计师', local: 'chen.shejishi', department: '设计部', role: 'member' },
  support: { name: '客服部赵主管', local: 'zhao.zhuguan', department: '客服部', role: 'member', heads: '客服部' },
  adminHead: { name: '行政部孙主管', local: 'sun.zhuguan', department: '行政部', role: 'member', heads: '行政部' },
  pmo: { name: '行政部周专员', local: 'zhou.zhuanyuan', department: '行政部', role: 'pmo' },
} satisfies Record<string, Person>;

type PersonKey = keyof typeof PEOPLE;
type SeededUser = { id: string; name: string; email: string };

export type SeedDemoOptions = {
  /** When the accounts come into being; the collaboration's story keeps its own 2024-07 instants. */
  now: Date;
  /** The demo admin's sign-in (an operator's LIAISON_ADMIN_EMAIL); defaults to admin@<domain>. */
  adminEmail?: string;
  /** The demo admin's password; defaults to the shared demo password. */
  adminPassword?: string;
  /** The password every demo person signs in with; a random strong one when omitted. */
  password?: string;
  /** Email domain of the demo people; tests on a shared PostgreSQL database pass their own to stay unique. */
  emailDomain?: string;
};

export type SeededDemo = {
  orgId: string;
  collaborationId: string;
  meetingId: string;
  /** The shared password of the demo people (and of the admin unless one was given). */
  password: string;
  adminEmail: string;
  users: Record<PersonKey, SeededUser>;
  departments: Record<DepartmentName, string>;
  topics: { schedule: string; budget: string; division: string; guests: string };
  actionItems: { samples: string; guestList: string; keyVisual: string };
};

/** A password that passes `isStrongPassword` and reads well in a terminal: no 0/O or 1/l/I to confuse. */
export function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  for (;;) {
    const chars = Array.from({ length: 15 }, () => all[randomInt(all.length)]!);
    const groups = [chars.slice(0, 5), chars.slice(5, 10), chars.slice(10)].map((g) => g.join(''));
    const password = groups.join('-');
    if (/[a-zA-Z]/.test(password) && /\d/.test(password)) return password;
  }
}

/**
 * Seeds the template's own example — 示例科技有限公司 preparing 2024年Q3新品发布会 — so a new installation
 * shows every part of the record: a published meeting with per-department feedback, a sensitive
 * budget topic, action items with progress and a recorded due-date move, and a history to read.
 * Everything is written in one transaction (a savepoint when `db` is already a transaction).
 */
export async function seedDemo(db: DbOrTx, options: SeedDemoOptions): Promise<SeededDemo> {
  const password = options.password ?? generatePassword();
  const domain = options.emailDomain ?? DEMO_EMAIL_DOMAIN;
  const adminEmail = options.adminEmail ?? `admin@${domain}`;
  // One hash for the shared password: these are demo accounts, and scrypt per person would slow the first start.
  const [sharedHash, adminHash] = await Promise.all([
    hashPassword(password),
    options.adminPassword !== undefined && options.adminPassword !== password ? hashPassword(options.adminPassword) : undefined,
  ]);
  return db.transaction(async (tx) => {
    const org = await seedOrganization(tx, options.now, { domain, adminEmail, sharedHash, adminHash: adminHash ?? sharedHash });
    const story = await seedStory(tx, org);
    return { ...story, orgId: org.orgId, password, adminEmail, users: org.users, departments: org.departments };
  });
}

type SeededOrganization = {
  orgId: string;
  users: Record<PersonKey, SeededUser>;
  departments: Record<DepartmentName, string>;
  actors: Record<PersonKey, Actor>;
};

async function seedOrganization(
  tx: Tx,
  now: Date,
  input: { domain: string; adminEmail: string; sharedHash: string; adminHash: string },
): Promise<SeededOrganization> {
  const settings = { ...defaultOrgSettings, timeZone: 'Asia/Shanghai', locale: 'zh-CN' as const };
  const [org] = await tx.insert(organizations).values({ name: DEMO_ORG_NAME, settings, createdAt: now }).returning();
  const orgId = org!.id;
  await recordAudit(tx, null, now, { orgId, entityType: 'organization', entityId: orgId, action: 'created', after: { name: DEMO_ORG_NAME, demo: true } });

  const deptRows = await tx
    .insert(departments)
    .values(DEPARTMENTS.map((name) => ({ orgId, name, createdAt: now })))
    .returning();
  const departmentIds = Object.fromEntries(deptRows.map((d) => [d.name, d.id])) as Record<DepartmentName, string>;

  const entries = Object.entries(PEOPLE) as [PersonKey, Person][];
  const userRows = await tx
    .insert(users)
    .values(
      entries.map(([key, p]) => ({
        orgId,
        name: p.name,
        email: key === 'admin' ? input.adminEmail : `${p.local}@${input.domain}`,
        passwordHash: key === 'admin' ? input.adminHash : input.sharedHash,
        role: p.role,
        createdAt: now,
      })),
    )
    .returning();
  const seeded = {} as Record<PersonKey, SeededUser>;
  entries.forEach(([key], i) => {
    const row = userRows[i]!;
    seeded[key] = { id: row.id, name: row.name, email: row.email };
  });
  const memberships = entries.filter(([, p]) => p.department).map(([key, p]) => ({ orgId, userId: seeded[key].id, departmentId: departmentIds[p.department!] }));
  await tx.insert(userDepartments).values(memberships);
  for (const [key, p] of entries) {
    if (p.heads) await tx.update(departments).set({ headId: seeded[key].id }).where(eq(departments.id, departmentIds[p.heads]));
  }

  for (const d of deptRows) {
    const head = entries.find(([, p]) => p.heads === d.name);
    await recordAudit(tx, null, now, { orgId, entityType: 'department', entityId: d.id, action: 'created', after: { name: d.name, headId: head ? seeded[head[0]].id : null } });
  }
  for (const [key, p] of entries) {
    const u = seeded[key];
    await recordAudit(tx, null, now, {
      orgId,
      entityType: 'user',
      entityId: u.id,
      action: 'created',
      after: { name: u.name, email: u.email, role: p.role, departmentIds: p.department ? [departmentIds[p.department]] : [] },
    });
  }

  const actors = {} as Record<PersonKey, Actor>;
  for (const [key, p] of entries) {
    actors[key] = {
      userId: seeded[key].id,
      orgId,
      name: p.name,
      email: seeded[key].email,
      role: p.role,
      departmentIds: p.department ? [departmentIds[p.department]] : [],
      headOfDepartmentIds: p.heads ? [departmentIds[p.heads]] : [],
      settings,
      via: 'session',
    };
  }
  return { orgId, users: seeded, departments: departmentIds, actors };
}

const PARTICIPATING: DepartmentName[] = ['研发部', '销售部', '设计部', '客服部'];

type Feedback = { department: DepartmentName; by: PersonKey; stance?: 'agree' | 'disagree' | 'conditional'; text?: string };
type TopicSeed = {
  key: keyof SeededDemo['topics'];
  title: string;
  discussion: string;
  disagreements: string;
  consensus: string;
  problemTags: string[];
  feedback: Feedback[];
  /** Cost data: only these people see it (the template's 密聊单独同步). */
  visibleTo?: PersonKey[];
};

const TOPICS: TopicSeed[] = [
  {
    key: 'schedule',
    title: '新品发布会时间与流程',
    discussion: '发布会定于2024年8月8日14:00在公司一楼展厅举行，流程：开场致辞→产品演示→嘉宾分享→互动体验→媒体采访，全程约2.5小时。',
    disagreements: '销售部希望增加客户签约仪式，研发部担心压缩产品演示时间。',
    consensus: '保留签约仪式并压缩至10分钟，放在互动体验之后；产品演示保留30分钟。',
    problemTags: [],
    feedback: [
      { department: '研发部', by: 'engineer', stance: 'conditional', text: '产品演示需30分钟，且需提前一天进场调试设备。' },
      { department: '销售部', by: 'seller', stance: 'conditional', text: '希望增加10分钟客户签约仪式，便于现场转化。' },
      { department: '设计部', by: 'designLead', stance: 'agree', text: '流程确定后3个工作日内出物料清单，7月底前定稿以保证印刷。' },
      { department: '客服部', by: 'support', stance: 'agree', text: '现场设咨询台，安排2名客服负责答疑与登记。' },
    ],
  },
  {
    key: 'budget',
    title: '发布会预算分配',
    discussion: '总预算50万元：场地与搭建18万，嘉宾及KOL费用12万，物料与设计8万，样品制作7万，推广投放5万。',
    disagreements: '销售部认为推广投放偏少，建议从场地搭建中调出2万。',
    consensus: '维持总额50万元；场地搭建降至16万，推广投放增至7万；另预留机动费用由市场部统筹。',
    problemTags: ['预算'],
    visibleTo: ['marketHead', 'seller'],
    feedback: [
      { department: '研发部', by: 'engineer', stance: 'agree', text: '样品制作7万元可覆盖5套演示样品。' },
      { department: '销售部', by: 'seller', stance: 'disagree', text: '推广投放5万元不足以覆盖10万+目标用户，建议增至7万元。' },
      { department: '设计部', by: 'designLead', stance: 'agree', text: '物料与设计8万元含主视觉、展板与伴手礼包装。' },
      { department: '客服部', by: 'support', stance: 'agree', text: '客服现场支持不涉及额外费用。' },
    ],
  },
  {
    key: 'division',
    title: '跨部门分工与协作接口',
    discussion:
      '市场部总负责与对外宣传；研发部负责产品样品与演示；销售部负责核心客户邀约；设计部负责主视觉与物料；客服部负责现场咨询与会后回访。各部门指定一名接口人，每周三同步进度。',
    disagreements: '研发部反馈需求传递不清晰，希望需求变更以书面形式提出。',
    consensus: '需求变更统一由市场部接口人（王助理）书面提出并抄送各部门接口人。',
    problemTags: ['需求传递不清晰'],
    feedback: [
      { department: '研发部', by: 'engineer', stance: 'conditional', text: '同意分工；需求变更请统一书面提出，避免口头传递。' },
      { department: '销售部', by: 'seller', stance: 'agree', text: '销售部接口人为刘经理。' },
      { department: '设计部', by: 'designLead', stance: 'agree', text: '设计部接口人为陈设计师。' },
      { department: '客服部', by: 'support', stance: 'agree', text: '客服部负责会后一周内完成到场客户回访。' },
    ],
  },
  {
    key: 'guests',
    title: '新品发布会嘉宾邀请',
    discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
    disagreements: '邀请对象侧重行业KOL还是合作渠户。',
    consensus: '邀请2位KOL+3家核心渠户',
    problemTags: [],
    feedback: [
      { department: '研发部', by: 'engineer', stance: 'agree', text: '建议邀请行业KOL，提升产品专业影响力。' },
      { department: '销售部', by: 'seller', stance: 'agree', text: '建议优先邀请合作渠户，直接带动转化。' },
      { department: '设计部', by: 'designLead' },
      { department: '客服部', by: 'support', stance: 'agree', text: '名单确定后提供嘉宾接待指引。' },
    ],
  },
];

type ItemSeed = {
  key: keyof SeededDemo['actionItems'];
  description: string;
  owner: PersonKey;
  department: DepartmentName;
  topic: TopicSeed['key'];
  dueDate: string;
  deliverable: string;
};

const ITEMS: ItemSeed[] = [
  { key: 'samples', description: '研发部完成产品样品交付', owner: 'engineer', department: '研发部', topic: 'division', dueDate: '2024-07-25', deliverable: '5套可演示的产品样品及演示脚本' },
  {
    key: 'guestList',
    description: '销售部提供核心客户邀请名单（含联系方式）',
    owner: 'seller',
    department: '销售部',
    topic: 'guests',
    dueDate: '2024-07-13',
    deliverable: '3家核心渠户邀请名单（含联系人、联系方式及优先级）',
  },
  { key: 'keyVisual', description: '设计部完成发布会主视觉初稿', owner: 'designer', department: '设计部', topic: 'division', dueDate: '2024-07-15', deliverable: '3版主视觉设计稿' },
];

/** The collaboration, its meeting and minutes, action items and their progress, in the order they happened. */
async function seedStory(tx: Tx, org: SeededOrganization) {
  const { orgId, users: u, departments: d, actors } = org;
  const participatingIds = PARTICIPATING.map((name) => d[name]);

  const created = at('2024-07-05T09:30:00');
  const [collaboration] = await tx
    .insert(collaborations)
    .values(withSearchText('collaborations', {
      orgId,
      topic: '2024年Q3新品发布会筹备',
      goal: '覆盖10万+目标用户，转化率5%',
      targets: [
        { metric: '覆盖目标用户', target: '10万+' },
        { metric: '转化率', target: '5%' },
      ],
      scenario: 'major_project',
      initiatingDepartmentId: d.市场部,
      ownerId: u.marketHead.id,
      creatorId: u.marketHead.id,
      visibility: 'participants',
      periodYear: 2024,
      periodQuarter: 3,
      createdAt: created,
      updatedAt: created,
    }))
    .returning();
  const collaborationId = collaboration!.id;
  await tx.insert(collaborationDepartments).values(participatingIds.map((departmentId) => ({ orgId, collaborationId, departmentId })));
  await recordAudit(tx, actors.marketHead, created, {
    entityType: 'collaboration',
    entityId: collaborationId,
    collaborationId,
    action: 'created',
    after: {
      topic: collaboration!.topic,
      goal: collaboration!.goal,
      scenario: collaboration!.scenario,
      initiatingDepartmentId: d.市场部,
      participatingDepartmentIds: participatingIds,
      visibility: 'participants',
    },
  });

  const meetingId = await seedMeeting(tx, org, collaborationId);
  const topicIds = await seedTopics(tx, org, collaborationId, meetingId);
  const itemIds = await seedActionItems(tx, org, collaborationId, meetingId, topicIds);

  const published = at('2024-07-10T17:30:00');
  await tx.update(meetings).set({ minutesStatus: 'published', publishedAt: published, publishedLate: false, publishedBy: u.recorder.id, updatedAt: published }).where(eq(meetings.id, meetingId));
  await recordAudit(tx, actors.recorder, published, {
    entityType: 'meeting',
    entityId: meetingId,
    collaborationId,
    action: 'published',
    before: { minutesStatus: 'draft' },
    after: { minutesStatus: 'published', publishedAt: published, publishedLate: false },
  });

  const remarked = at('2024-07-10T17:40:00');
  const [remark] = await tx
    .insert(remarks)
    .values(withSearchText('remarks', { orgId, collaborationId, authorId: u.marketHead.id, kind: 'remark', text: '客户名单需销售部确认优先级，7月13日前同步市场部', createdAt: remarked }))
    .returning();
  await recordAudit(tx, actors.marketHead, remarked, { entityType: 'remark', entityId: remark!.id, collaborationId, action: 'created', after: { kind: 'remark', text: remark!.text } });

  const summarised = at('2024-07-10T17:45:00');
  const progressSummary = '按计划推进，无重大风险';
  await tx
    .update(collaborations)
    .set({ progressSummary, ...searchTextUpdate('collaborations', collaboration!, { progressSummary }), health: 'on_track', updatedAt: summarised })
    .where(eq(collaborations.id, collaborationId));
  await recordAudit(tx, actors.marketHead, summarised, {
    entityType: 'collaboration',
    entityId: collaborationId,
    collaborationId,
    action: 'updated',
    before: { progressSummary: '' },
    after: { progressSummary },
  });

  await seedProgress(tx, org, collaborationId, itemIds);
  return { collaborationId, meetingId, topics: topicIds, actionItems: itemIds };
}

async function seedMeeting(tx: Tx, org: SeededOrganization, collaborationId: string): Promise<string> {
  const { orgId, users: u, actors } = org;
  const agenda = TOPICS.map((t) => t.title);
  const attendees: PersonKey[] = ['engineer', 'seller', 'designLead', 'designer', 'support'];
  const created = at('2024-07-05T10:00:00');
  const plannedStart = at('2024-07-10T14:00:00');
  const plannedEnd = at('2024-07-10T16:00:00');
  const [meeting] = await tx
    .insert(meetings)
    .values({
      orgId,
      collaborationId,
      title: '新品发布会筹备启动会',
      plannedStart,
      plannedEnd,
      mode: 'offline',
      location: '3楼会议室',
      hostId: u.marketHead.id,
      recorderId: u.recorder.id,
      agenda,
      createdBy: u.marketHead.id,
      createdAt: created,
      updatedAt: created,
    })
    .returning();
  const meetingId = meeting!.id;
  await tx.insert(meetingAttendees).values(attendees.map((key) => ({ orgId, meetingId, userId: u[key].id })));
  await recordAudit(tx, actors.marketHead, created, {
    entityType: 'meeting',
    entityId: meetingId,
    collaborationId,
    action: 'created',
    after: { title: meeting!.title, plannedStart, plannedEnd, mode: 'offline', location: '3楼会议室', hostId: u.marketHead.id, recorderId: u.recorder.id, attendeeIds: attendees.map((k) => u[k].id), agenda },
  });

  // Two days ahead: the template asks for at least one.
  const agendaSent = at('2024-07-08T10:00:00');
  await tx.update(meetings).set({ agendaSentAt: agendaSent, agendaSentLate: false, updatedAt: agendaSent }).where(eq(meetings.id, meetingId));
  await recordAudit(tx, actors.marketHead, agendaSent, { entityType: 'meeting', entityId: meetingId, collaborationId, action: 'agenda_sent', before: { agendaSentAt: null }, after: { agendaSentAt: agendaSent, agendaSentLate: false } });

  const ended = at('2024-07-10T16:00:00');
  await tx.update(meetings).set({ heldAt: plannedStart, endedAt: ended, updatedAt: ended }).where(eq(meetings.id, meetingId));
  await recordAudit(tx, actors.recorder, at('2024-07-10T16:05:00'), { entityType: 'meeting', entityId: meetingId, collaborationId, action: 'held', before: { heldAt: null, endedAt: null }, after: { heldAt: plannedStart, endedAt: ended } });
  return meetingId;
}

async function seedTopics(tx: Tx, org: SeededOrganization, collaborationId: string, meetingId: string): Promise<SeededDemo['topics']> {
  const { orgId, users: u, departments: d, actors } = org;
  const ids = {} as SeededDemo['topics'];
  for (const [index, t] of TOPICS.entries()) {
    const when = at(`2024-07-10T16:${String(20 + index * 5).padStart(2, '0')}:00`);
    const visibleToUserIds = (t.visibleTo ?? []).map((key) => u[key].id);
    const [topic] = await tx
      .insert(topics)
      .values(withSearchText('topics', {
        orgId,
        meetingId,
        position: index + 1,
        title: t.title,
        discussion: t.discussion,
        disagreements: t.disagreements,
        consensus: t.consensus,
        problemTags: t.problemTags,
        sensitive: visibleToUserIds.length > 0,
        visibleToUserIds,
        createdAt: when,
        updatedAt: when,
      }))
      .returning();
    const feedback = t.feedback.map((f, position) => ({
      orgId,
      topicId: topic!.id,
      departmentId: d[f.department],
      userId: u[f.by].id,
      stance: f.stance ?? null,
      text: f.text ?? '',
      noFeedback: f.text === undefined,
      position,
    }));
    await tx.insert(topicFeedback).values(feedback.map((f) => withSearchText('topicFeedback', f)));
    await recordAudit(tx, actors.recorder, when, {
      entityType: 'topic',
      entityId: topic!.id,
      collaborationId,
      action: 'created',
      after: {
        meetingId,
        title: t.title,
        discussion: t.discussion,
        disagreements: t.disagreements,
        consensus: t.consensus,
        feedback: feedback.map((f) => ({ departmentId: f.departmentId, text: f.text, noFeedback: f.noFeedback })),
        sensitive: topic!.sensitive,
      },
      restrictedTo: topic!.sensitive ? visibleToUserIds : null,
    });
    ids[t.key] = topic!.id;
  }
  return ids;
}

async function seedActionItems(
  tx: Tx,
  org: SeededOrganization,
  collaborationId: string,
  meetingId: string,
  topicIds: SeededDemo['topics'],
): Promise<SeededDemo['actionItems']> {
  const { orgId, users: u, departments: d, actors } = org;
  const ids = {} as SeededDemo['actionItems'];
  // Within the template's two hours after the meeting ended at 16:00.
  for (const [index, item] of ITEMS.entries()) {
    const when = at(`2024-07-10T17:0${index}:00`);
    const [row] = await tx
      .insert(actionItems)
      .values(withSearchText('actionItems', {
        orgId,
        collaborationId,
        meetingId,
        sourceTopicId: topicIds[item.topic],
        description: item.description,
        ownerId: u[item.owner].id,
        ownerDepartmentId: d[item.department],
        dueDate: item.dueDate,
        originalDueDate: item.dueDate,
        deliverable: item.deliverable,
        createdBy: u.recorder.id,
        createdAt: when,
        updatedAt: when,
      }))
      .returning();
    await recordAudit(tx, actors.recorder, when, {
      entityType: 'action_item',
      entityId: row!.id,
      collaborationId,
      action: 'created',
      after: { description: item.description, ownerId: u[item.owner].id, dueDate: item.dueDate, deliverable: item.deliverable, meetingId, sourceTopicId: topicIds[item.topic] },
    });
    ids[item.key] = row!.id;
  }
  return ids;
}

type UpdateSeed = {
  item: keyof SeededDemo['actionItems'];
  by: PersonKey;
  when: string;
  progress: number;
  statusText: string;
  status: 'in_progress' | 'done';
  delay?: { code: string; reason: string; remedy: string; newDueDate: string };
};

const UPDATES: UpdateSeed[] = [
  { item: 'samples', by: 'engineer', when: '2024-07-12T11:00:00', progress: 40, statusText: '样品试产中-完成40%', status: 'in_progress' },
  { item: 'guestList', by: 'seller', when: '2024-07-12T18:00:00', progress: 100, statusText: '名单已整理完成并同步市场部', status: 'done' },
  { item: 'keyVisual', by: 'designer', when: '2024-07-14T10:00:00', progress: 80, statusText: '设计中-完成80%', status: 'in_progress' },
  {
    item: 'keyVisual',
    by: 'designer',
    when: '2024-07-14T17:30:00',
    progress: 80,
    statusText: '初稿延期2天',
    status: 'in_progress',
    delay: { code: 'requirement_change', reason: '因客户需求调整', remedy: '已协调陈设计师加班完成', newDueDate: '2024-07-17' },
  },
];

/** Progress in the template's words, including the 7月15日→7月17日 move with its reason and remedy. */
async function seedProgress(tx: Tx, org: SeededOrganization, collaborationId: string, itemIds: SeededDemo['actionItems']) {
  const { orgId, users: u, actors } = org;
  for (const update of UPDATES) {
    const when = at(update.when);
    const itemId = itemIds[update.item];
    const [before] = await tx.select().from(actionItems).where(eq(actionItems.id, itemId));
    const dueDate = update.delay?.newDueDate ?? before!.dueDate;
    await tx.insert(progressUpdates).values(withSearchText('progressUpdates', {
      orgId,
      actionItemId: itemId,
      authorId: u[update.by].id,
      progress: update.progress,
      statusText: update.statusText,
      status: update.status,
      delayCode: update.delay?.code ?? null,
      delayReason: update.delay?.reason ?? null,
      remedy: update.delay?.remedy ?? null,
      previousDueDate: update.delay ? before!.dueDate : null,
      newDueDate: update.delay?.newDueDate ?? null,
      createdAt: when,
    }));
    const done = update.status === 'done';
    const [after] = await tx
      .update(actionItems)
      .set({ progress: update.progress, statusText: update.statusText, ...searchTextUpdate('actionItems', before!, { statusText: update.statusText }), status: update.status, dueDate, lastUpdateAt: when, completedAt: done ? when : null, updatedAt: when })
      .where(eq(actionItems.id, itemId))
      .returning();
    const snapshot = (row: typeof before) => ({ progress: row!.progress, status: row!.status, statusText: row!.statusText });
    const audit = { entityType: 'action_item', entityId: itemId, collaborationId };
    await recordAudit(tx, actors[update.by], when, { ...audit, action: 'progress_updated', before: snapshot(before), after: snapshot(after) });
    if (update.delay) {
      await recordAudit(tx, actors[update.by], when, {
        ...audit,
        action: 'due_date_moved',
        before: { dueDate: before!.dueDate },
        after: { dueDate, reason: update.delay.reason, delayCode: update.delay.code },
      });
    }
  }

  // The initiating side accepts the finished guest list.
  const accepted = at('2024-07-13T09:30:00');
  await tx.update(actionItems).set({ acceptedBy: u.marketHead.id, acceptedAt: accepted, updatedAt: accepted }).where(eq(actionItems.id, itemIds.guestList));
  await recordAudit(tx, actors.marketHead, accepted, { entityType: 'action_item', entityId: itemIds.guestList, collaborationId, action: 'accepted', before: { acceptedAt: null }, after: { acceptedBy: u.marketHead.id, acceptedAt: accepted } });
}
