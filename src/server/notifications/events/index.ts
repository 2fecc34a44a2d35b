import type { NotificationEvent } from '../../../shared/notification-events.ts';
import type { EventDefinition } from '../message.ts';
import { actionListOverdue } from './action-list-overdue.ts';
import { agendaNotSent } from './agenda-not-sent.ts';
import { agendaSent } from './agenda-sent.ts';
import { dailyDigest } from './daily-digest.ts';
import { dueDateMoved } from './due-date-moved.ts';
import { escalation } from './escalation.ts';
import { itemAccepted } from './item-accepted.ts';
import { itemAssigned } from './item-assigned.ts';
import { itemDone } from './item-done.ts';
import { itemOverdue } from './item-overdue.ts';
import { itemReopened } from './item-reopened.ts';
import { meetingScheduled } from './meeting-scheduled.ts';
import { recordLate } from './record-late.ts';
import { recordNotPublished } from './record-not-published.ts';
import { recordPublished } from './record-published.ts';
import { remarkAdded } from './remark-added.ts';
import { staleItem } from './stale-item.ts';
import { updateDueTomorrow } from './update-due-tomorrow.ts';

/** Every event by name: the delivery worker renders each outbox row with its event's definition. */
export const eventDefinitions: Record<NotificationEvent, EventDefinition> = {
  meeting_scheduled: meetingScheduled,
  agenda_sent: agendaSent,
  agenda_not_sent: agendaNotSent,
  action_list_overdue: actionListOverdue,
  record_not_published: recordNotPublished,
  record_late: recordLate,
  record_published: recordPublished,
  item_assigned: itemAssigned,
  due_date_moved: dueDateMoved,
  item_done: itemDone,
  item_accepted: itemAccepted,
  item_reopened: itemReopened,
  remark_added: remarkAdded,
  update_due_tomorrow: updateDueTomorrow,
  stale_item: staleItem,
  item_overdue: itemOverdue,
  escalation,
  daily_digest: dailyDigest,
};
