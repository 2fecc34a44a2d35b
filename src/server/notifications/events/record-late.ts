import { collaborationLink, formatWhen, say, text, type EventDefinition } from '../message.ts';

/** Rule 3, second step: past the deadline the record is flagged late and the initiating department's head is told. */
export const recordLate: EventDefinition = {
  event: 'record_late',
  render(p, context) {
    const topic = text(p.title) || text(p.collaborationTopic);
    return {
      title: say(context, `会议记录逾期未发布：${topic}`, `Record overdue: ${topic}`),
      text: say(
        context,
        `会议于 ${formatWhen(p.endedAt, context)} 结束，记录应在 ${formatWhen(p.deadline, context)} 前发布，现已标记为逾期。记录人：${text(p.recorderName)}。`,
        `The meeting ended ${formatWhen(p.endedAt, context)}; its record was due by ${formatWhen(p.deadline, context)} and is now flagged late. Recorder: ${text(p.recorderName)}.`,
      ),
      url: collaborationLink(context, p.collaborationId, { meeting: p.meetingId }),
      linkText: say(context, '查看会议', 'Open the meeting'),
    };
  },
};
