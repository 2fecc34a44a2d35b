import { notificationEvents, type NotificationEvent } from '../../../shared/notification-events.ts';
import type { Translate } from '../../i18n/translate.ts';

const isKnownEvent = (event: string): event is NotificationEvent => (notificationEvents as readonly string[]).includes(event);

/** An event's name for people ("纪要已发布"); an event this version does not know shows its code. */
export function eventLabel(t: Translate, event: string): string {
  if (event === 'channel_test') return t('event.channel_test');
  return isKnownEvent(event) ? t(`event.${event}`) : event;
}
