import { collaborationLink, formatWhen, linkText, say, text, type EventDefinition } from '../message.ts';
import { meetingInvite } from './meeting-invite.ts';

/**
 * Rule 1: the agenda reaches the attendees and the departments' heads ahead of the meeting, with the
 * calendar invitation in the e-mail, and the collaboration's chat groups see it too.
 */
export const agendaSent: EventDefinition = {
  event: 'agenda_sent',
  render(p, context) {
    const topic = text(p.title) || text(p.collaborationTopic);
    const agenda = Array.isArray(p.agenda) ? p.agenda.map((line, i) => `${i + 1}. ${String(line)}`) : [];
    const when = `${formatWhen(p.plannedStart, context)} – ${formatWhen(p.plannedEnd, context).slice(-5)}`;
    const lines = [
      say(context, `时间：${when}`, `When: ${when}`),
      say(context, `地点：${text(p.location) || '线上会议'}`, `Where: ${text(p.location) || 'online'}`),
      say(context, '议程：', 'Agenda:'),
      ...agenda,
      ...(p.late ? [say(context, '（议程晚于规定时间发出）', '(The agenda went out later than the rule asks.)')] : []),
    ];
    return {
      title: say(context, `会议议程：${topic}`, `Agenda: ${topic}`),
      text: lines.join('\n'),
      url: collaborationLink(context, p.collaborationId, { meeting: p.meetingId }),
      linkText: linkText(context),
    };
  },
  emailAttachment: (db, row, context) => meetingInvite(db, row.entityId, context),
};
