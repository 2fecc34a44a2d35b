import type { notifications } from '../db/schema/index.ts';
import { formatInstant } from './instant.ts';

type Row = typeof notifications.$inferSelect;

/** The state of an outbox row, as admins filter by it. */
export function deliveryStatus(row: Pick<Row, 'deliveredAt' | 'deadAt'>): 'delivered' | 'dead' | 'pending' {
  if (row.deliveredAt) return 'delivered';
  return row.deadAt ? 'dead' : 'pending';
}

/**
 * One delivery for the admin's outbox view: what, to whom, on which channel, how many attempts, the last
 * error. The payload stays out: admins retry deliveries, they do not read other people's messages.
 */
export function presentDelivery(row: Row, names: { recipientName: string | null; channelName: string | null }, timeZone: string) {
  return {
    id: row.id,
    event: row.event,
    status: deliveryStatus(row),
    channel: row.channel,
    channelId: row.channelId,
    channelName: names.channelName,
    recipientId: row.recipientId,
    recipientName: names.recipientName,
    entityType: row.entityType,
    entityId: row.entityId,
    collaborationId: row.collaborationId,
    attempts: row.attempts,
    nextAttemptAt: formatInstant(row.nextAttemptAt, timeZone),
    deliveredAt: formatInstant(row.deliveredAt, timeZone),
    deadAt: formatInstant(row.deadAt, timeZone),
    lastError: row.lastError,
    createdAt: formatInstant(row.createdAt, timeZone),
  };
}
