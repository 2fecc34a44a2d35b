import { personalChannels, type NotificationEvent, type PersonalChannel } from '../../shared/notification-events.ts';
import { preferencesBody, type NotificationPreferences } from '../../shared/schemas/auth.ts';

/**
 * A person's stored preferences as the outbox reads them. Whatever is stored is checked against the
 * schema of PUT /me/preferences; a value that no longer fits (an event renamed since) counts as unset,
 * so a stale preference never stops a notification.
 */
export function readPreferences(stored: unknown): NotificationPreferences {
  const parsed = preferencesBody.safeParse(stored ?? {});
  if (parsed.success) {
    const { locale: _locale, ...preferences } = parsed.data;
    return preferences;
  }
  return {};
}

/**
 * The channels a person gets an event on: the bell always (it is the record of what they were told),
 * then what they chose for the event, else the defaults — e-mail when they have an address and the
 * server sends mail. With the daily digest on, e-mail comes once a day (the digest) instead of per event.
 */
export function wantedChannels(
  preferences: NotificationPreferences,
  event: NotificationEvent,
  options: { hasEmail: boolean; emailEnabled: boolean },
): PersonalChannel[] {
  const chosen = preferences.channels?.[event] ?? (['in_app', 'email'] as const);
  const canEmail = options.hasEmail && options.emailEnabled && (event === 'daily_digest' || !preferences.dailyDigest);
  const wanted = new Set<PersonalChannel>(['in_app', ...chosen]);
  if (!canEmail) wanted.delete('email');
  return [...wanted];
}

/**
 * The channels a person can usefully choose here, for the preferences page: the bell; e-mail where the
 * server sends mail and they have an address; a chat platform where the organisation has a robot of it
 * (a robot reaches a person by @-mentioning them in the collaboration's group).
 */
export function availablePersonalChannels(options: { hasEmail: boolean; emailEnabled: boolean; chatKinds: readonly string[] }): PersonalChannel[] {
  return personalChannels.filter(
    (channel) => channel === 'in_app' || (channel === 'email' ? options.hasEmail && options.emailEnabled : options.chatKinds.includes(channel)),
  );
}
