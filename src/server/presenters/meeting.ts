import type { Actor } from '../auth/actor.ts';
import type { MeetingActionItem, MeetingDetail, MeetingRow, PersonBrief, TopicWithFeedback } from '../db/queries/meetings.ts';
import { findMissingParts, type MissingPart } from '../../domain/completeness.ts';
import { actionListDeadline, agendaDeadline, isAgendaLate, isPublishOverdue, publishDeadline } from '../../domain/meeting-deadlines.ts';
import { translate, type Locale } from '../i18n/messages.ts';
import { canSeeSensitive } from '../policies/sensitive.ts';
import { meetingAbilities } from '../policies/meeting.ts';
import { formatInstant } from './instant.ts';

/** What a sensitive entry shows to someone it does not name (DESIGN §2 rule 10): that it exists, nothing else. */
const restricted = (id: string) => ({ id, sensitive: true as const, restricted: true as const });

const person = (people: Map<string, PersonBrief>, id: string) => ({ id, name: people.get(id)?.name ?? '' });
const department = (names: Map<string, string>, id: string) => ({ id, name: names.get(id) ?? '' });

/** A topic with its feedback rows, or the restricted placeholder (plus its position) for those it does not name. */
export function presentTopic(topic: TopicWithFeedback, actor: Actor) {
  if (!canSeeSensitive(actor, topic)) return { ...restricted(topic.id), meetingId: topic.meetingId, position: topic.position };
  const tz = actor.settings.timeZone;
  return {
    id: topic.id,
    version: topic.version,
    meetingId: topic.meetingId,
    position: topic.position,
    title: topic.title,
    discussion: topic.discussion,
    feedback: topic.feedback.map((f) => ({
      id: f.id,
      departmentId: f.departmentId,
      departmentName: f.departmentName,
      userId: f.userId,
      userName: f.userName,
      stance: f.stance,
      text: f.text,
      noFeedback: f.noFeedback,
    })),
    disagreements: topic.disagreements,
    consensus: topic.consensus,
    problemTags: topic.problemTags,
    sensitive: topic.sensitive,
    restricted: false,
    visibleToUserIds: topic.sensitive ? topic.visibleToUserIds : [],
    createdAt: formatInstant(topic.createdAt, tz),
    updatedAt: formatInstant(topic.updatedAt, tz),
  };
}

function presentActionItem(item: MeetingActionItem, actor: Actor) {
  if (!canSeeSensitive(actor, item)) return restricted(item.id);
  return {
    id: item.id,
    description: item.description,
    ownerId: item.ownerId,
    ownerName: item.ownerName,
    dueDate: item.dueDate,
    deliverable: item.deliverable,
    status: item.status,
    progress: item.progress,
    sourceTopicId: item.sourceTopicId,
    sensitive: item.sensitive,
    restricted: false,
  };
}

/**
 * What keeps the record from being published (DESIGN §2 rule 8). Feedback is owed by the participating
 * departments only: the initiating department runs the meeting and speaks through its discussion and
 * consensus, so API.md's "a feedback row for every participating department" is taken literally.
 * Cancelled action items do not count as the meeting's action items.
 */
export function missingPartsOf(detail: Pick<MeetingDetail, 'meeting' | 'collaboration' | 'topics' | 'actionItems'>): MissingPart[] {
  return findMissingParts({
    topics: detail.topics.map((t) => ({ id: t.id, title: t.title, discussion: t.discussion, feedback: t.feedback })),
    participatingDepartmentIds: detail.collaboration.participatingDepartmentIds,
    actionItemCount: detail.actionItems.filter((i) => i.status !== 'cancelled').length,
    noActions: detail.meeting.noActions,
  });
}

/** Missing parts with a message in the caller's language; a restricted topic's title is never named to others. */
export function presentMissingParts(
  parts: MissingPart[],
  detail: Pick<MeetingDetail, 'topics' | 'departmentNames'>,
  actor: Actor,
  locale: Locale,
) {
  const topics = new Map(detail.topics.map((t) => [t.id, t]));
  const titleOf = (topicId: string | undefined) => {
    const topic = topicId ? topics.get(topicId) : undefined;
    if (!topic) return '';
    return canSeeSensitive(actor, topic) ? topic.title : translate(locale, 'record.restrictedTopic');
  };
  return parts.map((part) => {
    const params = { title: titleOf(part.topicId), department: part.departmentId ? (detail.departmentNames.get(part.departmentId) ?? '') : '' };
    return { ...part, message: translate(locale, missingPartMessage[part.code], params) };
  });
}

const missingPartMessage: Record<MissingPart['code'], string> = {
  NO_TOPICS: 'record.noTopics',
  TOPIC_DISCUSSION_MISSING: 'record.discussionMissing',
  FEEDBACK_MISSING: 'record.feedbackMissing',
  NO_ACTION_ITEMS: 'record.noActionItems',
};

/**
 * Warnings that do not refuse the change (rule 1: the agenda goes out agendaLeadDays before the meeting):
 * the meeting starts too soon for an agenda not yet sent to be on time.
 */
export function meetingWarnings(meeting: MeetingRow, actor: Actor, now: Date, locale: Locale) {
  if (meeting.agendaSentAt || meeting.cancelledAt || !isAgendaLate(meeting, actor.settings, now)) return [];
  const deadline = formatInstant(agendaDeadline(meeting, actor.settings), actor.settings.timeZone)!;
  const days = actor.settings.agendaLeadDays;
  return [{ code: 'AGENDA_LEAD_TOO_SHORT' as const, path: 'plannedStart', agendaDeadline: deadline, agendaLeadDays: days, message: translate(locale, 'meeting.agendaLeadTooShort', { days, deadline }) }];
}

/** GET /meetings/:id: the meeting, its deadlines, topics, action items, what is missing and what the caller may do. */
export function presentMeeting(detail: MeetingDetail, actor: Actor, now: Date, locale: Locale) {
  const { meeting, collaboration, people } = detail;
  const settings = actor.settings;
  const tz = settings.timeZone;
  const at = (date: Date | null) => formatInstant(date, tz);
  return {
    id: meeting.id,
    version: meeting.version,
    collaborationId: meeting.collaborationId,
    collaborationTopic: collaboration.row.topic,
    /** The departments of the collaboration, so the minutes editor offers a feedback row for each participating one. */
    initiatingDepartment: department(detail.departmentNames, collaboration.row.initiatingDepartmentId),
    participatingDepartments: collaboration.participatingDepartmentIds.map((id) => department(detail.departmentNames, id)),
    kind: meeting.kind,
    title: meeting.title,
    plannedStart: at(meeting.plannedStart),
    plannedEnd: at(meeting.plannedEnd),
    mode: meeting.mode,
    location: meeting.location,
    host: person(people, meeting.hostId),
    recorder: person(people, meeting.recorderId),
    attendees: detail.attendeeIds.map((id) => person(people, id)),
    agenda: meeting.agenda,
    agendaSentAt: at(meeting.agendaSentAt),
    agendaSentLate: meeting.agendaSentLate,
    heldAt: at(meeting.heldAt),
    endedAt: at(meeting.endedAt),
    minutesStatus: meeting.minutesStatus,
    publishedAt: at(meeting.publishedAt),
    publishedLate: meeting.publishedLate,
    publishedBy: meeting.publishedBy,
    noActions: meeting.noActions,
    cancelled: meeting.cancelledAt !== null,
    cancelledAt: at(meeting.cancelledAt),
    sequence: meeting.sequence,
    agendaDeadline: at(agendaDeadline(meeting, settings)),
    actionListDeadline: at(actionListDeadline(meeting, settings)),
    publishDeadline: at(publishDeadline(meeting, settings)),
    isPublishOverdue: !meeting.cancelledAt && isPublishOverdue(meeting, settings, now),
    topics: detail.topics.map((t) => presentTopic(t, actor)),
    actionItems: detail.actionItems.map((i) => presentActionItem(i, actor)),
    missingParts: presentMissingParts(missingPartsOf(detail), detail, actor, locale),
    abilities: meetingAbilities(actor, collaboration.facts, meeting),
    createdAt: at(meeting.createdAt),
    updatedAt: at(meeting.updatedAt),
  };
}
