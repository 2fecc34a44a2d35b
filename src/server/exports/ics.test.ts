import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, inviteUid, meetingInviteIcs, type MeetingInvite } from './ics.ts';

const invite: MeetingInvite = {
  meetingId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  sequence: 2,
  stamp: new Date('2024-07-08T02:00:00Z'),
  start: new Date('2024-07-10T14:00:00+08:00'),
  end: new Date('2024-07-10T15:30:00+08:00'),
  summary: '2024年Q3新品发布会筹备',
  location: '3楼会议室A, 靠窗; 带投影',
  agenda: ['确认发布会时间', '分工：物料, 场地'],
  agendaHeading: '议程',
  cancelled: false,
  organizer: { name: '市场部李经理', email: 'li@example.test' },
  attendees: [
    { name: '研发部张工', email: 'zhang@example.test' },
    { name: '市场部李经理', email: 'LI@example.test' },
    { name: 'Quote "Q" Person', email: 'q@example.test' },
  ],
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('meetingInviteIcs', () => {
  it('writes one VEVENT with a stable UID, the sequence and UTC times, every line ended by CRLF', () => {
    const ics = meetingInviteIcs(invite);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain(`UID:${inviteUid(invite.meetingId)}`);
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('DTSTAMP:20240708T020000Z');
    expect(lines).toContain('DTSTART:20240710T060000Z');
    expect(lines).toContain('DTEND:20240710T073000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('SUMMARY:2024年Q3新品发布会筹备');
    expect(lines).toContain('LOCATION:3楼会议室A\\, 靠窗\\; 带投影');
    expect(lines).toContain('DESCRIPTION:议程\\n1. 确认发布会时间\\n2. 分工：物料\\, 场地');
    expect(lines).toContain('ORGANIZER;CN="市场部李经理":mailto:li@example.test');
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toEqual([
      'ATTENDEE;CN="研发部张工";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:zhang@example.test',
      'ATTENDEE;CN="Quote  Q  Person";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:q@example.test',
    ]);
    expect(ics.indexOf('BEGIN:VEVENT')).toBeLessThan(ics.indexOf('END:VEVENT'));
  });

  it('says CANCEL and CANCELLED for a cancelled meeting, with the same UID', () => {
    const lines = unfold(meetingInviteIcs({ ...invite, cancelled: true, sequence: 3 })).split('\r\n');
    expect(lines).toContain('METHOD:CANCEL');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:3');
    expect(lines).toContain(`UID:${inviteUid(invite.meetingId)}`);
  });

  it('links back to the meeting when a public URL is known', () => {
    expect(meetingInviteIcs({ ...invite, url: 'https://liaison.example.test/meetings/1' })).toContain('\r\nURL:https://liaison.example.test/meetings/1\r\n');
    expect(meetingInviteIcs(invite)).not.toContain('URL:');
  });

  it('omits LOCATION and DESCRIPTION when there is nothing to say', () => {
    const ics = meetingInviteIcs({ ...invite, location: '', agenda: [] });
    expect(ics).not.toContain('LOCATION:');
    expect(ics).not.toContain('DESCRIPTION:');
  });

  it('keeps every physical line within 75 octets and unfolds back to the original', () => {
    const longAgenda = Array.from({ length: 8 }, (_, i) => `第${i + 1}项：确认各部门的分工与交付时间，以及物料清单`);
    const ics = meetingInviteIcs({ ...invite, agenda: longAgenda });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`DESCRIPTION:${escapeText(['议程', ...longAgenda.map((a, i) => `${i + 1}. ${a}`)].join('\n'))}`);
  });
});

describe('escapeText', () => {
  it('escapes backslash first, then ; , and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
});

describe('foldLine', () => {
  it('leaves a 75-octet line alone and folds a 76-octet one', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('never splits a multi-byte character', () => {
    const folded = foldLine(`SUMMARY:${'协'.repeat(40)}`);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part.replace(/^ /, '')).toMatch(/^(SUMMARY:)?协+$/);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'协'.repeat(40)}`);
  });
});
