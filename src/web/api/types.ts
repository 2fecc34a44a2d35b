/**
 * The API's response shapes, taken from the server's presenters by type only (nothing of the server
 * reaches the bundle), so the web app breaks at `npm run typecheck` when a presenter changes.
 */
import type { presentCollaboration, presentCollaborationListItem } from '../../server/presenters/collaboration.ts';
import type { presentActionItem } from '../../server/presenters/action-item.ts';
import type { presentHistoryEvent } from '../../server/presenters/history.ts';
import type { presentMeeting } from '../../server/presenters/meeting.ts';
import type { globalAbilities, presentMe } from '../../server/presenters/user.ts';
import type { z } from 'zod';
import type { createCollaborationBody, collaborationsQuery, patchCollaborationBody, remarkBody } from '../../shared/schemas/collaboration.ts';
import type { actionItemsQuery } from '../../shared/schemas/action-item.ts';

export type Page<T> = { items: T[]; nextCursor: string | null };

export type CurrentUser = ReturnType<typeof presentMe>;
export type GlobalAbilities = ReturnType<typeof globalAbilities>;
export type DelayReasonCode = { code: string; labelZh: string; labelEn: string };

/** GET /auth/me. */
export type Me = {
  user: CurrentUser;
  csrfToken: string | null;
  abilities: GlobalAbilities;
  settings?: { timeZone: string; delayReasonCodes: DelayReasonCode[] };
};

/** POST /auth/login. */
export type LoginResult = { user: CurrentUser; csrfToken: string; abilities: GlobalAbilities };

export type Collaboration = ReturnType<typeof presentCollaboration>;
/** A row of GET /collaborations; its enums come from SQL as plain strings, typed here as what they are. */
export type CollaborationListItem = Omit<ReturnType<typeof presentCollaborationListItem>, 'health' | 'status' | 'scenario'> & {
  health: Health;
  status: CollaborationStatus;
  scenario: Scenario;
};
export type CollaborationActionItem = Collaboration['actionItems'][number];
export type CollaborationMeeting = Collaboration['meetings'][number];
export type Remark = Collaboration['remarks'][number];
export type Scenario = Collaboration['scenario'];
export type Health = Collaboration['health'];
export type CollaborationStatus = Collaboration['status'];

export type ActionItem = ReturnType<typeof presentActionItem>;
export type ActionItemStatus = ActionItem['status'];
export type HistoryEvent = ReturnType<typeof presentHistoryEvent>;
export type Meeting = ReturnType<typeof presentMeeting>;
export type MeetingTopic = Meeting['topics'][number];
export type MeetingActionItem = Meeting['actionItems'][number];

/** What the forms send: the same zod schemas the routes validate with (their input side). */
export type CreateCollaborationInput = z.input<typeof createCollaborationBody>;
export type PatchCollaborationInput = z.input<typeof patchCollaborationBody>;
export type RemarkInput = z.input<typeof remarkBody>;
export type CollaborationFilters = Omit<z.output<typeof collaborationsQuery>, 'limit' | 'cursor'>;
export type ActionItemFilters = Omit<z.output<typeof actionItemsQuery>, 'limit' | 'cursor'>;

/** A department of GET /departments, children nested. */
export type Department = { id: string; name: string; parentId: string | null; headId: string | null; headName: string | null; children: Department[] };

/** GET /notifications: the bell's list and the unread count. */
export type AppNotification = {
  id: string;
  event: string;
  entityType: string;
  entityId: string;
  collaborationId: string | null;
  payload: Record<string, unknown>;
  read: boolean;
  createdAt: string;
  /** The line the server renders for this event in the caller's language, where the API provides it. */
  title?: string;
};
export type NotificationPage = Page<AppNotification> & { unreadCount: number };
