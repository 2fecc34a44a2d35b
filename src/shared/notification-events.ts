/**
 * Everything Liaison tells people about, by name: the events of commands (a meeting scheduled, a record
 * published...) and the reminders and escalation of the template's rules (DESIGN §2). The web app's
 * preferences page, the outbox and the message catalogue all use these names.
 */
export const notificationEvents = [
  'meeting_scheduled',
  'agenda_sent',
  'agenda_not_sent',
  'action_list_overdue',
  'record_not_published',
  'record_late',
  'record_published',
  'item_assigned',
  'due_date_moved',
  'item_done',
  'item_accepted',
  'item_reopened',
  'remark_added',
  'update_due_tomorrow',
  'stale_item',
  'item_overdue',
  'escalation',
  'daily_digest',
] as const;

export type NotificationEvent = (typeof notificationEvents)[number];

/** Where a notification goes: the bell, e-mail, the chat-platform robots and generic webhooks. */
export const deliveryChannels = ['in_app', 'email', 'dingtalk', 'feishu', 'wecom', 'webhook'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/**
 * Channels a person may choose for themselves. The robots reach a person by @-mentioning them in the
 * collaboration's group of that platform; webhooks are for systems, not people.
 */
export const personalChannels = ['in_app', 'email', 'dingtalk', 'feishu', 'wecom'] as const;
export type PersonalChannel = (typeof personalChannels)[number];

/** Robot and webhook kinds an editor or admin may register (API.md "Chat groups of a collaboration"). */
export const chatChannelKinds = ['dingtalk', 'feishu', 'wecom', 'webhook'] as const;
export type ChatChannelKind = (typeof chatChannelKinds)[number];

/** Events that also go to the collaboration's chat groups (the non-sensitive summary). */
export const groupEvents: readonly NotificationEvent[] = ['agenda_sent', 'record_published', 'escalation'];
