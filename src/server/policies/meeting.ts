import type { Actor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import { canReadCollaboration, isCollaborationEditor, type CollaborationAccessFacts } from './collaboration.ts';
import { assertWritable } from './guard.ts';
import { canSeeSensitive } from './sensitive.ts';

/** What of a meeting the policy looks at. */
export type MeetingFacts = {
  hostId: string;
  recorderId: string;
  minutesStatus: 'draft' | 'published';
  cancelledAt: Date | null;
};

export type MeetingAbilities = {
  update: boolean;
  editMinutes: boolean;
  sendAgenda: boolean;
  markHeld: boolean;
  publish: boolean;
};

/** Who may do what to a meeting; each write route asks `assertMeetingAction` with the same names. */
export type MeetingAction = keyof MeetingAbilities;

/**
 * DESIGN §2 rule 9: a meeting's minutes, topics and action items are edited by the collaboration's
 * editors and by that meeting's host and recorder.
 */
export function isMinutesEditor(actor: Actor, collaboration: CollaborationAccessFacts, meeting: MeetingFacts): boolean {
  return isCollaborationEditor(actor, collaboration) || meeting.hostId === actor.userId || meeting.recorderId === actor.userId;
}

/** Whether the caller's role allows the action, ignoring the archive and the meeting's state. */
function isAllowed(actor: Actor, collaboration: CollaborationAccessFacts, meeting: MeetingFacts, action: MeetingAction): boolean {
  if (action === 'sendAgenda') return isCollaborationEditor(actor, collaboration) || meeting.hostId === actor.userId;
  return isMinutesEditor(actor, collaboration, meeting);
}

/** Why the meeting's state refuses the action (409), or null. Corrections after publishing stay open. */
function stateConflict(meeting: MeetingFacts, action: MeetingAction): string | null {
  if (action === 'update') return null;
  if (meeting.cancelledAt) return 'meeting.cancelled';
  if ((action === 'publish' || action === 'markHeld') && meeting.minutesStatus === 'published') return 'meeting.alreadyPublished';
  return null;
}

/** The abilities the UI uses to hide what the caller may not do; the same rules the write routes enforce. */
export function meetingAbilities(actor: Actor, collaboration: CollaborationAccessFacts, meeting: MeetingFacts): MeetingAbilities {
  const writable = canReadCollaboration(actor, collaboration) && !collaboration.archived;
  const can = (action: MeetingAction) => writable && isAllowed(actor, collaboration, meeting, action) && !stateConflict(meeting, action);
  return { update: can('update'), editMinutes: can('editMinutes'), sendAgenda: can('sendAgenda'), markHeld: can('markHeld'), publish: can('publish') };
}

/** A meeting is visible to whoever may read its collaboration. */
export function canReadMeeting(actor: Actor, collaboration: CollaborationAccessFacts): boolean {
  return canReadCollaboration(actor, collaboration);
}

/** 404 when the caller cannot see the meeting, 409 ARCHIVED, 403 when not theirs to change, then 409 for its state. */
export function assertMeetingAction(actor: Actor, collaboration: CollaborationAccessFacts, meeting: MeetingFacts, action: MeetingAction): void {
  assertWritable(canReadMeeting(actor, collaboration), collaboration.archived, isAllowed(actor, collaboration, meeting, action));
  const conflict = stateConflict(meeting, action);
  if (conflict) throw new AppError('CONFLICT', { messageKey: conflict });
}

/**
 * A restricted topic answers 404 to anyone it does not name, even a minutes editor: its id addresses
 * content they may not see, and topic routes treat "may not see" as "does not exist" (API.md). The
 * meeting itself still shows them the `{ id, sensitive, restricted }` placeholder.
 */
export function canSeeTopic(actor: Actor, topic: { sensitive: boolean; visibleToUserIds: string[] }): boolean {
  return canSeeSensitive(actor, topic);
}
