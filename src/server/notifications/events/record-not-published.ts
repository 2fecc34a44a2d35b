import { collaborationLink, formatWhen, say, text, type EventDefinition } from '../message.ts';

/** Rule 3, first step: the recorder is reminded (20 h after the meeting by default) that the record is unpublished. */
export const recordNotPublished: EventDefinition = {
  event: 'record_not_published',
  render(p, context) {
    const topic = text(p.title) || text(p.collaborationTopic);
    return {
      title: say(context, `会议记录尚未发布：${topic}`, `Record not yet published: ${topic}`),
      text: say(
        context,
        `会议结束后 ${String(p.withinHours)} 小时内必须发布记录表，请在 ${formatWhen(p.deadline, context)} 前发布。`,
        `The record must be published within ${String(p.withinHours)} hours of the meeting: by ${formatWhen(p.deadline, context)}.`,
      ),
      url: collaborationLink(context, p.collaborationId, { meeting: p.meetingId }),
      linkText: say(context, '去发布', 'Publish it'),
    };
  },
};
