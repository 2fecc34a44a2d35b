import type { NotificationEvent, PersonalChannel } from '../../../shared/notification-events.ts';
import type { Preferences, PreferencesAnswer } from '../../api/preferences.ts';

/** The events a person chooses channels for, grouped as they meet them. The digest has its own switch. */
export const EVENT_GROUPS: readonly { key: 'meetings' | 'items' | 'reminders'; events: readonly NotificationEvent[] }[] = [
  { key: 'meetings', events: ['meeting_scheduled', 'agenda_sent', 'record_published'] },
  { key: 'items', events: ['item_assigned', 'due_date_moved', 'item_done', 'item_accepted', 'item_reopened', 'remark_added'] },
  {
    key: 'reminders',
    events: ['agenda_not_sent', 'action_list_overdue', 'record_not_published', 'record_late', 'update_due_tomorrow', 'stale_item', 'item_overdue', 'escalation'],
  },
];

/** What an event gets when the person chose nothing for it (src/server/notifications/preferences.ts). */
export const DEFAULT_CHANNELS: readonly PersonalChannel[] = ['in_app', 'email'];

export type PreferencesValues = {
  channels: Partial<Record<NotificationEvent, PersonalChannel[]>>;
  quietEnabled: boolean;
  quietHours: { start: string; end: string };
  dailyDigest: boolean;
  mutedCollaborationIds: string[];
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function valuesFromPreferences(preferences: PreferencesAnswer): PreferencesValues {
  const channels: PreferencesValues['channels'] = {};
  for (const group of EVENT_GROUPS) {
    for (const event of group.events) channels[event] = [...new Set<PersonalChannel>(['in_app', ...(preferences.channels?.[event] ?? DEFAULT_CHANNELS)])];
  }
  return {
    channels,
    quietEnabled: Boolean(preferences.quietHours),
    quietHours: preferences.quietHours ?? { start: '22:00', end: '08:00' },
    dailyDigest: preferences.dailyDigest ?? false,
    mutedCollaborationIds: preferences.mutedCollaborationIds ?? [],
  };
}

/**
 * The PUT body: only the events whose channels differ from the defaults (so a default changed later
 * still reaches those who never chose). The language is left out: PUT keeps the stored one, and the
 * user menu may have changed it since this page loaded.
 */
export function preferencesFromValues(values: PreferencesValues): Preferences {
  const channels: NonNullable<Preferences['channels']> = {};
  for (const [event, chosen] of Object.entries(values.channels) as [NotificationEvent, PersonalChannel[]][]) {
    const list = [...new Set<PersonalChannel>(['in_app', ...chosen])];
    if (!sameSet(list, DEFAULT_CHANNELS)) channels[event] = list;
  }
  return {
    channels,
    quietHours: values.quietEnabled ? { start: values.quietHours.start, end: values.quietHours.end } : null,
    dailyDigest: values.dailyDigest,
    mutedCollaborationIds: values.mutedCollaborationIds,
  };
}
