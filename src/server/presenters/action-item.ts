import type { Actor } from '../auth/actor.ts';
import { daysOverdue, isOpen, isOverdue, isStale, updateDueDate } from '../../domain/action-item-timing.ts';
import type { ActionItemRecord, ActionItemRow, ProgressUpdateRow } from '../db/queries/action-items.ts';
import { actionItemAbilities, isRestrictedFor } from '../policies/action-item.ts';
import { canSeeSensitive } from '../policies/sensitive.ts';
import { formatInstant } from './instant.ts';

/**
 * An action item as its reader may see it. A sensitive item the reader is not named on becomes a
 * placeholder with only the fields that say nothing of its content (DESIGN §2 rule 10).
 */
export function presentActionItem(record: ActionItemRecord, actor: Actor, now: Date) {
  const { item } = record;
  const owner = { id: item.ownerId, name: record.ownerName };
  if (isRestrictedFor(actor, record)) {
    return { id: item.id, collaborationId: item.collaborationId, sensitive: true as const, restricted: true as const, status: item.status, dueDate: item.dueDate, owner };
  }
  const tz = actor.settings.timeZone;
  const open = isOpen(item.status);
  return {
    id: item.id,
    version: item.version,
    collaborationId: item.collaborationId,
    collaborationTopic: record.collaborationTopic,
    meetingId: item.meetingId,
    sourceTopicId: item.sourceTopicId,
    description: item.description,
    owner,
    ownerDepartmentId: item.ownerDepartmentId,
    dueDate: item.dueDate,
    originalDueDate: item.originalDueDate,
    deliverable: item.deliverable,
    status: item.status,
    progress: item.progress,
    statusText: item.statusText,
    sensitive: item.sensitive,
    ...(item.sensitive ? { visibleToUserIds: item.visibleToUserIds } : {}),
    restricted: false as const,
    lastUpdateAt: formatInstant(item.lastUpdateAt, tz),
    completedAt: formatInstant(item.completedAt, tz),
    acceptedAt: formatInstant(item.acceptedAt, tz),
    acceptedBy: item.acceptedBy,
    acceptedByName: item.acceptedBy ? (record.acceptedByName ?? null) : null,
    createdBy: item.createdBy,
    createdAt: formatInstant(item.createdAt, tz),
    // A finished item is no longer late, whatever its date says; lateness at completion is the review's business.
    daysOverdue: open ? daysOverdue(item, now, tz) : 0,
    isOverdue: isOverdue(item, now, tz),
    isStale: isStale(item, now, actor.settings),
    updateDueOn: open ? updateDueDate(item, actor.settings) : null,
    abilities: actionItemAbilities(actor, record),
  };
}

/**
 * One entry of an item's progress timeline. For a reader not named on a sensitive item the words
 * (status text, delay reason, remedy) are left out; progress, status and date moves remain, as on the item.
 */
export function presentProgressUpdate(update: ProgressUpdateRow, authorName: string, item: Pick<ActionItemRow, 'sensitive' | 'visibleToUserIds'>, actor: Actor) {
  const tz = actor.settings.timeZone;
  const common = {
    id: update.id,
    actionItemId: update.actionItemId,
    author: { id: update.authorId, name: authorName },
    createdAt: formatInstant(update.createdAt, tz),
    progress: update.progress,
    status: update.status,
    previousDueDate: update.previousDueDate,
    newDueDate: update.newDueDate,
  };
  if (!canSeeSensitive(actor, item)) return { ...common, sensitive: true as const, restricted: true as const };
  const code = update.delayCode ? actor.settings.delayReasonCodes.find((r) => r.code === update.delayCode) : undefined;
  return {
    ...common,
    restricted: false as const,
    statusText: update.statusText,
    delayCode: update.delayCode,
    delayCodeLabel: code ? { zh: code.labelZh, en: code.labelEn } : null,
    delayReason: update.delayReason,
    remedy: update.remedy,
  };
}

/** The fields of an item the history records, so "due date 7-15 → 7-17" reads straight from the audit diff. */
export function actionItemSnapshot(item: ActionItemRow) {
  return {
    description: item.description,
    ownerId: item.ownerId,
    ownerDepartmentId: item.ownerDepartmentId,
    dueDate: item.dueDate,
    deliverable: item.deliverable,
    status: item.status,
    progress: item.progress,
    statusText: item.statusText,
    sensitive: item.sensitive,
    visibleToUserIds: item.visibleToUserIds,
    meetingId: item.meetingId,
    sourceTopicId: item.sourceTopicId,
    acceptedBy: item.acceptedBy,
  };
}

/**
 * What a notification about an item carries: `facts` (ids, dates, codes) always, `words` (free text such
 * as a delay reason) only when the item is not sensitive. A sensitive item's words never reach chat
 * robots, mail or notification bodies.
 */
export function actionItemNotificationPayload(
  record: Pick<ActionItemRecord, 'item' | 'collaborationTopic' | 'ownerName'>,
  actorName: string,
  extra: { facts?: Record<string, unknown>; words?: Record<string, unknown> } = {},
) {
  const { item } = record;
  const base = {
    actionItemId: item.id,
    collaborationId: item.collaborationId,
    collaborationTopic: record.collaborationTopic,
    ownerId: item.ownerId,
    ownerName: record.ownerName,
    dueDate: item.dueDate,
    status: item.status,
    actorName,
    sensitive: item.sensitive,
    ...extra.facts,
  };
  return item.sensitive ? base : { ...base, description: item.description, deliverable: item.deliverable, ...extra.words };
}
