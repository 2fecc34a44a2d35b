import type { Db } from '../src/server/db/client.ts';
import {
  actionItems,
  auditEvents,
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
} from '../src/server/db/schema/index.ts';
import { defaultOrgSettings } from '../src/shared/org-settings.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { uuidv7 } from '../src/server/db/ids.ts';
import { withSearchText } from '../src/server/search/search-text.ts';

export const BENCH_PASSWORD = 'bench-password-2024';

const words = ['主视觉', '预算', '渠道', '嘉宾邀请', '样品交付', '发布会流程', '客户名单', '物料', '直播', '媒体', '场地', '彩排'];
const pick = <T>(list: T[], i: number) => list[i % list.length]!;

/**
 * A mid-sized organisation written straight through the schema: `collaborationCount` records, each with
 * two published meetings, three topics with feedback from every department, eight action items with
 * three progress updates each, remarks and audit events. Answers a participating member to read as.
 */
export async function seedSmallOrganization(db: Db, collaborationCount: number) {
  const [org] = await db.insert(organizations).values({ name: '基准测试公司', settings: defaultOrgSettings }).returning();
  const orgId = org!.id;
  const deptRows = await db
    .insert(departments)
    .values(['市场部', '研发部', '销售部', '设计部', '客服部', '行政部'].map((name) => ({ orgId, name })))
    .returning();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const userRows = await db
    .insert(users)
    .values(Array.from({ length: 60 }, (_, i) => ({ orgId, name: `员工${i}`, email: `bench-${orgId.slice(0, 8)}-${i}@example.test`, passwordHash })))
    .returning();
  await db.insert(userDepartments).values(userRows.map((u, i) => ({ orgId, userId: u.id, departmentId: deptRows[i % deptRows.length]!.id })));
  const [market, ...others] = deptRows;
  const participating = others.slice(0, 4);
  const reader = userRows[1]!; // 研发部, a participating member: neither admin nor editor
  let target = '';
  for (let c = 0; c < collaborationCount; c++) {
    const creator = userRows[0]!;
    const collaborationId = uuidv7();
    if (c === Math.floor(collaborationCount / 2)) target = collaborationId;
    await db.transaction(async (tx) => {
      await tx.insert(collaborations).values(withSearchText('collaborations', {
        id: collaborationId,
        orgId,
        topic: `2024年Q${(c % 4) + 1}${pick(words, c)}项目 ${c}`,
        goal: '覆盖10万+目标用户，转化率5%',
        scenario: 'major_project',
        initiatingDepartmentId: market!.id,
        creatorId: creator.id,
      }));
      await tx.insert(collaborationDepartments).values(participating.map((d) => ({ orgId, collaborationId, departmentId: d.id })));
      const meetingIds = [uuidv7(), uuidv7()];
      await tx.insert(meetings).values(
        meetingIds.map((id, m) => ({
          id,
          orgId,
          collaborationId,
          plannedStart: new Date(Date.UTC(2024, 6, 1 + m * 7, 6)),
          plannedEnd: new Date(Date.UTC(2024, 6, 1 + m * 7, 8)),
          mode: 'offline' as const,
          location: '3楼会议室',
          hostId: creator.id,
          recorderId: userRows[6]!.id,
          agenda: ['时间与流程', '预算分配', '分工'],
          minutesStatus: 'published' as const,
          publishedAt: new Date(Date.UTC(2024, 6, 2 + m * 7)),
          createdBy: creator.id,
        })),
      );
      await tx.insert(meetingAttendees).values(meetingIds.flatMap((meetingId) => userRows.slice(0, 6).map((u) => ({ orgId, meetingId, userId: u.id }))));
      const topicIds = meetingIds.flatMap(() => [uuidv7(), uuidv7(), uuidv7()]);
      await tx.insert(topics).values(
        topicIds.map((id, t) => withSearchText('topics', {
          id,
          orgId,
          meetingId: meetingIds[Math.floor(t / 3)]!,
          position: t % 3,
          title: `议题 ${pick(words, t + c)}`,
          discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
          consensus: '邀请2位KOL+3家核心渠户',
          sensitive: t === 1,
          visibleToUserIds: t === 1 ? [creator.id] : [],
        })),
      );
      await tx.insert(topicFeedback).values(
        topicIds.flatMap((topicId) => participating.map((d, position) => withSearchText('topicFeedback', { orgId, topicId, departmentId: d.id, text: `${d.name}同意`, position }))),
      );
      const itemIds = Array.from({ length: 8 }, () => uuidv7());
      await tx.insert(actionItems).values(
        itemIds.map((id, i) => withSearchText('actionItems', {
          id,
          orgId,
          collaborationId,
          meetingId: meetingIds[i % 2]!,
          description: `完成${pick(words, i + c)}`,
          ownerId: userRows[(i * 7 + c) % userRows.length]!.id,
          dueDate: `2024-07-${String(10 + i).padStart(2, '0')}`,
          originalDueDate: `2024-07-${String(10 + i).padStart(2, '0')}`,
          deliverable: '3版设计稿',
          status: pick(['todo', 'in_progress', 'done', 'blocked'] as const, i),
          progress: (i * 13) % 100,
          sensitive: i === 7,
          visibleToUserIds: i === 7 ? [creator.id] : [],
          createdBy: creator.id,
        })),
      );
      await tx.insert(progressUpdates).values(
        itemIds.flatMap((actionItemId, i) =>
          [20, 50, 80].map((progress) => withSearchText('progressUpdates', { orgId, actionItemId, authorId: userRows[(i * 7 + c) % userRows.length]!.id, progress, statusText: `设计中-完成${progress}%`, status: 'in_progress' as const })),
        ),
      );
      await tx.insert(remarks).values(withSearchText('remarks', { orgId, collaborationId, authorId: creator.id, text: '客户名单需销售部确认优先级' }));
      await tx.insert(auditEvents).values(
        itemIds.map((entityId) => ({ orgId, actorId: creator.id, entityType: 'action_item', entityId, collaborationId, action: 'created', after: { description: '完成' } })),
      );
    });
  }
  return { orgId, reader, target };
}
