import type { Actor } from '../auth/actor.ts';
import { isOpen, type ActionItemStatus } from '../../domain/action-item-timing.ts';
import { notFound } from '../errors.ts';
import { isCollaborationEditor, type CollaborationEditorFacts } from './collaboration.ts';
import { assertWritable } from './guard.ts';
import { canSeeSensitive } from './sensitive.ts';

/** The host and recorder of a meeting: they minute it, so they also keep its action items. */
export type MeetingKeepers = { hostId: string; recorderId: string };

/** Everything the action-item rules look at: the item, its collaboration and its meeting. */
export type ActionItemAccess = {
  item: {
    ownerId: string;
    status: ActionItemStatus;
    sensitive: boolean;
    visibleToUserIds: string[];
    acceptedAt: Date | null;
  };
  collaboration: CollaborationEditorFacts & { archived: boolean };
  meeting: MeetingKeepers | null;
};

export type ActionItemAbilities = { update: boolean; postUpdate: boolean; accept: boolean; reopen: boolean };

export function isMeetingKeeper(actor: Actor, meeting: MeetingKeepers | null): boolean {
  return meeting !== null && (meeting.hostId === actor.userId || meeting.recorderId === actor.userId);
}

/**
 * DESIGN §2 rule 9: a collaboration's editors create its action items, and so do the host and recorder
 * of the meeting the item comes out of.
 */
export function canCreateActionItem(actor: Actor, collaboration: CollaborationEditorFacts, meeting: MeetingKeepers | null): boolean {
  return isCollaborationEditor(actor, collaboration) || isMeetingKeeper(actor, meeting);
}

/** Changing the four elements, the status or the visibility: the collaboration's editors and the item's meeting keepers. */
export function canEditActionItem(actor: Actor, access: ActionItemAccess): boolean {
  return isCollaborationEditor(actor, access.collaboration) || isMeetingKeeper(actor, access.meeting);
}

/** Progress is the owner's to report; whoever may edit the item may report it too. */
export function canPostProgress(actor: Actor, access: ActionItemAccess): boolean {
  return access.item.ownerId === actor.userId || canEditActionItem(actor, access);
}

/** Accepting or reopening a finished item is the initiating side's call: the collaboration's editors. */
export function canJudgeActionItem(actor: Actor, access: ActionItemAccess): boolean {
  return isCollaborationEditor(actor, access.collaboration);
}

/** A sensitive item whose content the actor may not see: they get a placeholder and may not touch it. */
export function isRestrictedFor(actor: Actor, access: ActionItemAccess): boolean {
  return !canSeeSensitive(actor, access.item);
}

/** What the UI may offer on one item (the actor is already known to read its collaboration). */
export function actionItemAbilities(actor: Actor, access: ActionItemAccess): ActionItemAbilities {
  if (access.collaboration.archived || isRestrictedFor(actor, access)) return { update: false, postUpdate: false, accept: false, reopen: false };
  const judge = canJudgeActionItem(actor, access);
  return {
    update: canEditActionItem(actor, access),
    postUpdate: isOpen(access.item.status) && canPostProgress(actor, access),
    accept: judge && access.item.status === 'done' && access.item.acceptedAt === null,
    reopen: judge && !isOpen(access.item.status),
  };
}

/**
 * The order every item write checks in: collaboration not readable → 404; a sensitive item the actor is
 * not named on → 404 as well (they cannot see what they would change); archived → 409; not allowed → 403.
 */
export function assertActionItemWritable(actor: Actor, access: ActionItemAccess, readable: boolean, allowed: (actor: Actor, access: ActionItemAccess) => boolean): void {
  if (!readable || isRestrictedFor(actor, access)) throw notFound();
  assertWritable(true, access.collaboration.archived, allowed(actor, access));
}
