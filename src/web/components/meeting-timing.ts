const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type AgendaFacts = {
  plannedStart: string | null;
  agendaDeadline: string | null;
  agendaSentAt: string | null;
  agendaSentLate: boolean | null;
  heldAt: string | null;
  cancelled: boolean;
};

/**
 * Where the meeting stands with rule 1 (the agenda goes out `leadDays` before the meeting):
 * `sent` / `sentLate` once sent; `due` while there is still time; `late` past the deadline but before
 * the meeting; `missed` when the meeting began without an agenda sent.
 */
export type AgendaState = { kind: 'sent' | 'sentLate' | 'due' | 'late' | 'missed' | 'cancelled'; deadline: string | null; leadDays: number };

export function agendaState(m: AgendaFacts, now: Date): AgendaState {
  const leadDays = m.plannedStart && m.agendaDeadline ? Math.round((Date.parse(m.plannedStart) - Date.parse(m.agendaDeadline)) / DAY_MS) : 1;
  const base = { deadline: m.agendaDeadline, leadDays };
  if (m.agendaSentAt) return { ...base, kind: m.agendaSentLate ? 'sentLate' : 'sent' };
  if (m.cancelled) return { ...base, kind: 'cancelled' };
  if (m.heldAt || (m.plannedStart && Date.parse(m.plannedStart) <= now.getTime())) return { ...base, kind: 'missed' };
  if (m.agendaDeadline && Date.parse(m.agendaDeadline) < now.getTime()) return { ...base, kind: 'late' };
  return { ...base, kind: 'due' };
}

type PublishFacts = {
  plannedEnd: string | null;
  heldAt?: string | null;
  endedAt?: string | null;
  publishDeadline: string | null;
  minutesStatus: 'draft' | 'published';
  publishedLate: boolean | null;
  isPublishOverdue: boolean;
  cancelled: boolean;
};

/**
 * Where the meeting stands with rule 3 (published within `withinHours` of its end): `published` /
 * `publishedLate`; `open` with the time left (the 24 h countdown); `overdue` with how long past; or
 * `notEnded` before the meeting is over.
 */
export type PublishState =
  | { kind: 'published' | 'publishedLate' | 'cancelled'; deadline: string | null; withinHours: number }
  | { kind: 'notEnded'; deadline: string | null; withinHours: number }
  | { kind: 'open'; deadline: string; withinHours: number; remainingMs: number }
  | { kind: 'overdue'; deadline: string; withinHours: number; overdueMs: number };

export function publishState(m: PublishFacts, now: Date): PublishState {
  const end = m.endedAt ?? m.plannedEnd;
  const withinHours = end && m.publishDeadline ? Math.round((Date.parse(m.publishDeadline) - Date.parse(end)) / HOUR_MS) : 24;
  const deadline = m.publishDeadline;
  if (m.minutesStatus === 'published') return { kind: m.publishedLate ? 'publishedLate' : 'published', deadline, withinHours };
  if (m.cancelled) return { kind: 'cancelled', deadline, withinHours };
  if (!deadline) return { kind: 'notEnded', deadline, withinHours };
  const left = Date.parse(deadline) - now.getTime();
  if (m.isPublishOverdue || left < 0) return { kind: 'overdue', deadline, withinHours, overdueMs: Math.max(0, -left) };
  if (!m.heldAt && !m.endedAt && end && Date.parse(end) > now.getTime()) return { kind: 'notEnded', deadline, withinHours };
  return { kind: 'open', deadline, withinHours, remainingMs: left };
}

/** A span as whole days, hours and minutes, largest first and at most two of them ("1 天 3 小时", "45 分钟"). */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  return { days: Math.floor(totalMinutes / 1440), hours: Math.floor((totalMinutes % 1440) / 60), minutes: totalMinutes % 60 };
}

/** Whether the meeting may be published now: it was marked held, or its planned end has passed (the server's rule). */
export function canPublishYet(m: { heldAt: string | null; plannedEnd: string | null }, now: Date): boolean {
  return Boolean(m.heldAt) || (m.plannedEnd !== null && Date.parse(m.plannedEnd) <= now.getTime());
}
