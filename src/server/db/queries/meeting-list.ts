import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import { queryRows, type DbOrTx } from '../client.ts';
import { visibleCollaborationSql } from '../../policies/collaboration.ts';

export type MeetingListRow = {
  id: string;
  collaboration_id: string;
  collaboration_topic: string;
  kind: 'regular' | 'progress_sync';
  title: string | null;
  planned_start: Date;
  planned_end: Date;
  mode: 'online' | 'offline';
  location: string;
  host_id: string;
  host_name: string;
  recorder_id: string;
  recorder_name: string;
  agenda_sent_at: Date | null;
  held_at: Date | null;
  ended_at: Date | null;
  minutes_status: 'draft' | 'published';
  published_at: Date | null;
  published_late: boolean | null;
  cancelled_at: Date | null;
};

export type MeetingFilters = {
  collaborationId?: string | undefined;
  role?: 'mine' | 'host' | 'recorder' | undefined;
  pending?: 'agenda' | 'minutes' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  includeCancelled: boolean;
  now: Date;
  limit: number;
  after?: { plannedStart: string; id: string } | undefined;
};

/** Meetings of collaborations the actor may read, filtered and keyset-paged in SQL (soonest first). */
export async function listMeetings(db: DbOrTx, actor: Actor, f: MeetingFilters): Promise<MeetingListRow[]> {
  const me = sql`${actor.userId}::uuid`;
  const where: SQL[] = [visibleCollaborationSql(actor, sql.raw('c'))];
  if (f.collaborationId) where.push(sql`m.collaboration_id = ${f.collaborationId}::uuid`);
  if (f.role === 'host') where.push(sql`m.host_id = ${me}`);
  if (f.role === 'recorder') where.push(sql`m.recorder_id = ${me}`);
  if (f.role === 'mine') {
    where.push(sql`(m.host_id = ${me} OR m.recorder_id = ${me} OR EXISTS (SELECT 1 FROM meeting_attendees ma WHERE ma.meeting_id = m.id AND ma.user_id = ${me}))`);
  }
  if (f.pending === 'agenda') where.push(sql`m.agenda_sent_at IS NULL AND m.held_at IS NULL AND m.planned_start > ${f.now.toISOString()}::timestamptz`);
  if (f.pending === 'minutes') where.push(sql`m.minutes_status = 'draft' AND (m.held_at IS NOT NULL OR m.planned_end <= ${f.now.toISOString()}::timestamptz)`);
  if (f.from) where.push(sql`m.planned_start >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`m.planned_start < ${f.to.toISOString()}::timestamptz`);
  if (!f.includeCancelled) where.push(sql`m.cancelled_at IS NULL`);
  if (f.after) where.push(sql`(m.planned_start, m.id) > (${f.after.plannedStart}::timestamptz, ${f.after.id}::uuid)`);
  where.push(sql`c.archived_at IS NULL OR ${f.collaborationId ? sql`TRUE` : sql`FALSE`}`);
  const rows = await queryRows<MeetingListRow>(
    db,
    sql`SELECT m.id, m.collaboration_id, c.topic AS collaboration_topic, m.kind, m.title, m.planned_start, m.planned_end, m.mode, m.location,
          m.host_id, h.name AS host_name, m.recorder_id, r.name AS recorder_name, m.agenda_sent_at, m.held_at, m.ended_at,
          m.minutes_status, m.published_at, m.published_late, m.cancelled_at
        FROM meetings m
        JOIN collaborations c ON c.id = m.collaboration_id
        JOIN users h ON h.id = m.host_id
        JOIN users r ON r.id = m.recorder_id
        WHERE ${sql.join(where.map((w) => sql`(${w})`), sql` AND `)}
        ORDER BY m.planned_start, m.id
        LIMIT ${f.limit + 1}`,
  );
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    ...r,
    planned_start: new Date(r.planned_start),
    planned_end: new Date(r.planned_end),
    agenda_sent_at: date(r.agenda_sent_at),
    held_at: date(r.held_at),
    ended_at: date(r.ended_at),
    published_at: date(r.published_at),
    cancelled_at: date(r.cancelled_at),
  }));
}
