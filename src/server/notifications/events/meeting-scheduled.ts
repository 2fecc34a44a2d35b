import { collaborationLink, formatWhen, linkText, say, text, type EventDefinition } from '../message.ts';
import { meetingInvite } from './meeting-invite.ts';

/** A meeting was scheduled, moved or cancelled: its people hear when and where, with the invitation attached to the e-mail. */
export const meetingScheduled: EventDefinition = {
  event: 'meeting_scheduled',
  render(p, context) {
    const topic = text(p.title) || text(p.collaborationTopic);
    const change = text(p.change);
    const title =
      change === 'cancelled'
        ? say(context, `会议已取消：${topic}`, `Meeting cancelled: ${topic}`)
        : change === 'rescheduled'
          ? say(context, `会议已改期：${topic}`, `Meeting moved: ${topic}`)
          : say(context, `会议邀请：${topic}`, `Meeting invitation: ${topic}`);
    const when = `${formatWhen(p.plannedStart, context)} – ${formatWhen(p.plannedEnd, context).slice(-5)}`;
    const place = text(p.location) || say(context, p.mode === 'online' ? '线上会议' : '线下', p.mode === 'online' ? 'online' : 'on site');
    return {
      title,
      text: [say(context, `协作：${text(p.collaborationTopic)}`, `Collaboration: ${text(p.collaborationTopic)}`), say(context, `时间：${when}`, `When: ${when}`), say(context, `地点：${place}`, `Where: ${place}`)].join('\n'),
      url: collaborationLink(context, p.collaborationId, { meeting: p.meetingId }),
      linkText: linkText(context),
    };
  },
  emailAttachment: (db, row, context) => meetingInvite(db, row.entityId, context),
};
