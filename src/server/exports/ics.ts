/**
 * iCalendar (RFC 5545) invitations for meetings, so hosts and attendees get the meeting into Outlook,
 * DingTalk, Feishu or any calendar. One VEVENT per meeting: its UID never changes and its SEQUENCE is
 * the meeting's `sequence`, so a calendar replaces the earlier copy when the time or place moves, and
 * removes it on METHOD:CANCEL.
 */

export type InvitePerson = { name: string; email: string };

export type MeetingInvite = {
  meetingId: string;
  /** meetings.sequence: bumped on every time, place or cancellation change. */
  sequence: number;
  /** When this file is produced (DTSTAMP). */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  agenda: string[];
  /** The localized heading above the agenda lines in DESCRIPTION. */
  agendaHeading: string;
  url?: string | null;
  cancelled: boolean;
  organizer: InvitePerson;
  attendees: InvitePerson[];
};

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** The UID of a meeting's event: the same in every file produced for that meeting. */
export function inviteUid(meetingId: string): string {
  return `${meetingId}@liaison`;
}

/** The whole VCALENDAR for one meeting, CRLF line ends, folded at 75 octets. */
export function meetingInviteIcs(invite: MeetingInvite): string {
  const organizerEmail = invite.organizer.email.toLowerCase();
  const seen = new Set([organizerEmail]);
  const attendees = invite.attendees.filter((person) => {
    const email = person.email.toLowerCase();
    if (seen.has(email)) return false;
    seen.add(email);
    return true;
  });
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison//Liaison Meetings//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.cancelled ? 'CANCEL' : 'REQUEST'}`,
    'BEGIN:VEVENT',
    `UID:${inviteUid(invite.meetingId)}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTAMP:${utcStamp(invite.stamp)}`,
    `DTSTART:${utcStamp(invite.start)}`,
    `DTEND:${utcStamp(invite.end)}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    ...(invite.location ? [`LOCATION:${escapeText(invite.location)}`] : []),
    ...(invite.agenda.length ? [`DESCRIPTION:${escapeText(agendaDescription(invite.agendaHeading, invite.agenda))}`] : []),
    ...(invite.url ? [`URL:${invite.url}`] : []),
    `STATUS:${invite.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `ORGANIZER;CN=${paramValue(invite.organizer.name)}:mailto:${invite.organizer.email}`,
    ...attendees.map((a) => `ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.email}`),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Splits a content line into physical lines of at most 75 octets (RFC 5545 §3.1); each continuation
 * starts with one space. Splits only between characters, so a UTF-8 sequence (Chinese text) stays whole.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A UTC DATE-TIME: 20240710T060000Z. */
function utcStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** A quoted parameter value; DQUOTE and control characters cannot appear inside one (RFC 5545 §3.1). */
function paramValue(value: string): string {
  return `"${value.replace(/["\p{Cc}]/gu, ' ')}"`;
}

function agendaDescription(heading: string, agenda: string[]): string {
  return [heading, ...agenda.map((item, i) => `${i + 1}. ${item}`)].join('\n');
}
