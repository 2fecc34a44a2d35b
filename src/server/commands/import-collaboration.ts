import type { Actor } from '../auth/actor.ts';
import type { Db, DbOrTx, Tx } from '../db/client.ts';
import { actionItems, collaborations, meetings, progressUpdates, remarks, topics } from '../db/schema/index.ts';
import { setParticipatingDepartments } from '../db/queries/collaborations.ts';
import { findTopic, replaceAttendees, replaceFeedback, topicWithFeedback } from '../db/queries/meetings.ts';
import { loadPeopleDirectory } from '../db/queries/people-directory.ts';
import { AppError, forbidden } from '../errors.ts';
import type { Locale } from '../i18n/messages.ts';
import { planImport, type ImportPlan, type PlannedMeeting } from '../imports/import-plan.ts';
import type { TemplateSections } from '../imports/template-sections.ts';
import { actionItemSnapshot } from '../presenters/action-item.ts';
import { presentImportFindings } from '../presenters/import-preview.ts';
import { withSearchText } from '../search/search-text.ts';
import { recordAudit } from './audit.ts';
import { meetingSnapshot } from './create-meeting.ts';
import { restrictedTo, topicSnapshot } from './save-topic.ts';

/**
 * The plan for a workbook against the caller's organisation as it is now: its active people and its
 * departments. The preview shows it; the commit makes it again inside its transaction, so a person
 * deactivated in between is caught rather than written.
 */
export async function planWorkbookImport(db: DbOrTx, actor: Actor, sections: TemplateSections, now: Date): Promise<ImportPlan> {
  const directory = await loadPeopleDirectory(db, actor.orgId);
  return planImport(sections, directory, { now, settings: actor.settings, actorId: actor.userId });
}

/**
 * Creates a whole collaboration record from a template workbook — collaboration, department links,
 * meetings, attendees, topics with feedback, action items, progress updates, remarks — in one
 * transaction, each with an `imported` audit event. Any problem refuses it (422 IMPORT_INVALID listing
 * each by sheet and cell) with nothing written.
 *
 * Who may: admins, the PMO, and members of the initiating department — narrower than starting a
 * collaboration, because an import writes feedback, updates and remarks in other people's names; the
 * importer becomes its creator, so one of its editors.
 *
 * No outbox rows: the record is history people already lived through, so "item assigned", "meeting
 * scheduled" and "record published" for each row would be a storm of stale news. From the commit on
 * the record is live like any other: the reminder sweep applies the template's rules to its open items
 * and unpublished minutes (D-1, stale, overdue and escalation) as it does everywhere.
 */
export async function importCollaboration(
  db: Db,
  actor: Actor,
  sections: TemplateSections,
  input: { fileName: string; now: Date; locale: Locale },
): Promise<{ collaborationId: string; plan: ImportPlan }> {
  return db.transaction(async (tx) => {
    const plan = await planWorkbookImport(tx, actor, sections, input.now);
    if (plan.problems.length) {
      throw new AppError('IMPORT_INVALID', { params: { count: plan.problems.length }, details: { problems: presentImportFindings(plan.problems, input.locale) } });
    }
    if (!mayImportFor(actor, plan.collaboration.initiatingDepartment!.id)) throw forbidden();
    const collaborationId = await writePlan(tx, actor, plan, input);
    return { collaborationId, plan };
  });
}

/** Whether the actor may bring in a record initiated by this department (see importCollaboration). */
export function mayImportFor(actor: Actor, initiatingDepartmentId: string): boolean {
  return actor.role === 'admin' || actor.role === 'pmo' || actor.departmentIds.includes(initiatingDepartmentId);
}

/** Writes a plan without problems: every reference in it is resolved. */
async function writePlan(tx: Tx, actor: Actor, plan: ImportPlan, input: { fileName: string; now: Date }): Promise<string> {
  const { now } = input;
  const c = plan.collaboration;
  const orgId = actor.orgId;
  const finished = c.status !== 'active';
  const [collaboration] = await tx
    .insert(collaborations)
    .values(
      withSearchText('collaborations', {
        orgId,
        topic: c.topic,
        goal: c.goal,
        targets: c.targets,
        scenario: c.scenario!,
        initiatingDepartmentId: c.initiatingDepartment!.id,
        ownerId: c.owner?.id ?? null,
        creatorId: actor.userId,
        visibility: c.visibility,
        status: c.status,
        health: c.health,
        progressSummary: c.progressSummary,
        periodYear: c.period?.year ?? null,
        periodQuarter: c.period?.quarter ?? null,
        completedAt: finished ? now : null,
        archivedAt: c.archived ? now : null,
        createdAt: c.createdAt,
        updatedAt: now,
      }),
    )
    .returning();
  const collaborationId = collaboration!.id;
  const participatingIds = c.participatingDepartments.map((d) => d.id);
  await setParticipatingDepartments(tx, orgId, collaborationId, participatingIds);
  const imported = (entityType: string, entityId: string, after: Record<string, unknown>, restricted: string[] | null = null) =>
    recordAudit(tx, actor, now, { entityType, entityId, collaborationId, action: 'imported', after, restrictedTo: restricted });
  await imported('collaboration', collaborationId, {
    topic: c.topic,
    goal: c.goal,
    scenario: c.scenario,
    initiatingDepartmentId: c.initiatingDepartment!.id,
    participatingDepartmentIds: participatingIds,
    visibility: c.visibility,
    status: c.status,
    health: c.health,
    progressSummary: c.progressSummary,
    archived: c.archived,
    fileName: input.fileName,
  });

  const topicIds: string[][] = [];
  const meetingIds: string[] = [];
  for (const m of plan.meetings) {
    const meeting = await writeMeeting(tx, actor, collaborationId, m, now);
    const meetingId = meeting.id;
    await imported('meeting', meetingId, { ...meetingSnapshot(meeting), attendeeIds: m.attendeeIds, minutesStatus: m.minutesStatus, heldAt: m.heldAt, publishedAt: m.publishedAt });
    meetingIds.push(meetingId);
    const ids: string[] = [];
    for (const [position, t] of m.topics.entries()) {
      const [topic] = await tx
        .insert(topics)
        .values(
          withSearchText('topics', {
            orgId,
            meetingId,
            position,
            title: t.title,
            discussion: t.discussion,
            disagreements: t.disagreements,
            consensus: t.consensus,
            problemTags: t.problemTags,
            sensitive: t.sensitive,
            visibleToUserIds: t.visibleToUserIds,
            createdAt: m.endedAt && m.endedAt < now ? m.endedAt : now,
            updatedAt: now,
          }),
        )
        .returning();
      await replaceFeedback(tx, orgId, topic!.id, t.feedback);
      const saved = await topicWithFeedback(tx, (await findTopic(tx, orgId, topic!.id))!);
      await imported('topic', topic!.id, topicSnapshot(saved), restrictedTo(saved));
      ids.push(topic!.id);
    }
    topicIds.push(ids);
  }

  for (const item of plan.actionItems) {
    const meetingId = item.meetingIndex === null ? null : meetingIds[item.meetingIndex]!;
    const sourceTopicId = item.meetingIndex === null || item.topicIndex === null ? null : topicIds[item.meetingIndex]![item.topicIndex]!;
    const [row] = await tx
      .insert(actionItems)
      .values(
        withSearchText('actionItems', {
          orgId,
          collaborationId,
          meetingId,
          sourceTopicId,
          description: item.description,
          ownerId: item.owner!.id,
          ownerDepartmentId: item.ownerDepartmentId,
          dueDate: item.dueDate!,
          originalDueDate: item.originalDueDate ?? item.dueDate!,
          deliverable: item.deliverable,
          status: item.status,
          progress: item.progress,
          statusText: item.statusText,
          sensitive: item.sensitive,
          visibleToUserIds: item.visibleToUserIds,
          acceptedBy: item.acceptedById,
          acceptedAt: item.acceptedById ? (item.acceptedAt ?? now) : null,
          lastUpdateAt: item.lastUpdateAt,
          completedAt: item.completedAt,
          createdBy: actor.userId,
          createdAt: item.createdAt,
          updatedAt: now,
        }),
      )
      .returning();
    const restricted = row!.sensitive ? row!.visibleToUserIds : null;
    await imported('action_item', row!.id, { ...actionItemSnapshot(row!), originalDueDate: row!.originalDueDate }, restricted);
    for (const u of item.updates) {
      const [update] = await tx
        .insert(progressUpdates)
        .values(
          withSearchText('progressUpdates', {
            orgId,
            actionItemId: row!.id,
            authorId: u.authorId,
            progress: u.progress,
            statusText: u.statusText,
            status: u.status,
            delayCode: u.delayCode,
            delayReason: u.delayReason,
            remedy: u.remedy,
            previousDueDate: u.previousDueDate,
            newDueDate: u.newDueDate,
            createdAt: u.at,
          }),
        )
        .returning();
      await imported('progress_update', update!.id, { actionItemId: row!.id, ...u }, restricted);
    }
  }

  for (const r of plan.remarks) {
    const [remark] = await tx
      .insert(remarks)
      .values(withSearchText('remarks', { orgId, collaborationId, authorId: r.authorId, kind: r.kind, text: r.text, createdAt: r.at }))
      .returning();
    await imported('remark', remark!.id, { kind: r.kind, text: r.text, authorId: r.authorId, at: r.at });
  }
  return collaborationId;
}

async function writeMeeting(tx: Tx, actor: Actor, collaborationId: string, m: PlannedMeeting, now: Date): Promise<typeof meetings.$inferSelect> {
  const [meeting] = await tx
    .insert(meetings)
    .values({
      orgId: actor.orgId,
      collaborationId,
      kind: m.kind,
      title: m.title,
      plannedStart: m.plannedStart,
      plannedEnd: m.plannedEnd,
      mode: m.mode,
      location: m.location,
      hostId: m.hostId,
      recorderId: m.recorderId,
      agenda: m.agenda,
      agendaSentAt: m.agendaSentAt,
      agendaSentLate: m.agendaSentLate,
      heldAt: m.heldAt,
      endedAt: m.endedAt,
      minutesStatus: m.minutesStatus,
      publishedAt: m.publishedAt,
      publishedLate: m.publishedLate,
      publishedBy: m.minutesStatus === 'published' ? m.recorderId : null,
      noActions: m.noActions,
      cancelledAt: m.cancelledAt,
      createdBy: actor.userId,
      createdAt: m.createdAt,
      updatedAt: now,
    })
    .returning();
  await replaceAttendees(tx, actor.orgId, meeting!.id, m.attendeeIds);
  return meeting!;
}
