import type { AppNotification } from '../api/types.ts';
import type { Translate } from '../i18n/translate.ts';

export type NotificationFormat = { date: (date: string) => string; instant: (iso: string) => string };

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * One line for a notification in the bell, in the UI language, from its event and payload. A sensitive
 * item's payload carries no description, so the line says "a restricted item" instead.
 */
export function notificationText(n: AppNotification, t: Translate, format: NotificationFormat): string {
  // The server's own rendering, in the caller's language, wins when the API sends one.
  if (typeof n.title === 'string' && n.title) return n.title;
  const p = n.payload;
  const actor = str(p.actorName) || str(p.author) || t('history.someone');
  const item = str(p.description) ? t('notification.itemNamed', { description: str(p.description) }) : t('notification.itemRestricted');
  const meeting = str(p.title) || str(p.collaborationTopic);
  const when = str(p.plannedStart) ? format.instant(str(p.plannedStart)) : '';
  const date = (key: string) => (str(p[key]) ? format.date(str(p[key])) : '');
  switch (n.event) {
    case 'meeting_scheduled':
      if (p.change === 'cancelled') return t('notification.meetingCancelled', { meeting });
      if (p.change === 'rescheduled') return t('notification.meetingRescheduled', { meeting, when });
      return t('notification.meetingScheduled', { meeting, when });
    case 'agenda_sent':
      return t('notification.agendaSent', { meeting, when });
    case 'record_published': {
      const count = Array.isArray(p.items) ? p.items.length : 0;
      return count > 0 ? t('notification.recordPublishedWithItems', { meeting, count }) : t('notification.recordPublished', { meeting });
    }
    case 'item_assigned':
      return t('notification.itemAssigned', { actor, item, dueDate: date('dueDate') });
    case 'due_date_moved':
      return t('notification.dueDateMoved', { actor, item, from: date('previousDueDate'), to: date('newDueDate') });
    case 'item_done':
      return t('notification.itemDone', { actor, item });
    case 'item_accepted':
      return t('notification.itemAccepted', { actor, item });
    case 'item_reopened':
      return t('notification.itemReopened', { actor, item });
    case 'remark_added':
      return t(p.kind === 'risk' ? 'notification.riskAdded' : 'notification.remarkAdded', { actor, text: str(p.text) });
    case 'item_overdue':
      return t('notification.itemOverdue', { item, days: str(p.daysOverdue) });
    case 'escalation':
      return t('notification.escalation', { item, owner: str(p.ownerName), days: str(p.daysOverdue) });
    case 'stale_item':
      return t('notification.staleItem', { item, days: str(p.staleDays) });
    case 'update_due_tomorrow':
      return t('notification.updateDueTomorrow', { item });
    case 'agenda_not_sent':
      return t('notification.agendaNotSent', { meeting, when });
    case 'action_list_overdue':
      return t('notification.actionListOverdue', { meeting });
    case 'record_not_published':
      return t('notification.recordNotPublished', { meeting });
    case 'record_late':
      return t('notification.recordLate', { meeting });
    case 'daily_digest':
      return t('notification.dailyDigest', { count: Array.isArray(p.titles) ? p.titles.length : 0 });
    default:
      return t('notification.generic');
  }
}

/**
 * Where a notification leads: the record it is about — a meeting's minutes, an action item's page —
 * else its collaboration's page, where every part of the record shows.
 */
export function notificationLink(n: AppNotification): string | null {
  if (n.entityType === 'meeting' && n.entityId) return `/meetings/${n.entityId}`;
  if (n.entityType === 'action_item' && n.entityId) return `/action-items/${n.entityId}`;
  const id = n.collaborationId ?? str(n.payload.collaborationId);
  return id ? `/collaborations/${id}` : null;
}
