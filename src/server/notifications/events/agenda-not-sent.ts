import { collaborationLink, formatWhen, say, text, type EventDefinition } from '../message.ts';

/** Rule 1: the host is reminded while the agenda is still unsent within a day of its deadline. */
export const agendaNotSent: EventDefinition = {
  event: 'agenda_not_sent',
  render(p, context) {
    const topic = text(p.title) || text(p.collaborationTopic);
    return {
      title: say(context, `请发送会议议程：${topic}`, `Send the agenda: ${topic}`),
      text: say(
        context,
        `会议将于 ${formatWhen(p.plannedStart, context)} 开始。议程需至少提前 ${String(p.leadDays)} 天同步给参与部门（截止 ${formatWhen(p.deadline, context)}），保证各方有备而来。`,
        `The meeting starts ${formatWhen(p.plannedStart, context)}. The agenda should reach the participating departments ${String(p.leadDays)} day(s) ahead (by ${formatWhen(p.deadline, context)}).`,
      ),
      url: collaborationLink(context, p.collaborationId, { meeting: p.meetingId }),
      linkText: say(context, '发送议程', 'Send the agenda'),
    };
  },
};
