import { collaborationLink, formatWhen, say, text, type EventDefinition } from '../message.ts';

/** Rule 2: the recorder is reminded when no action list exists two hours after the meeting ended. */
export const actionListOverdue: EventDefinition = {
  event: 'action_list_overdue',
  render(p, context) {
    const topic = text(p.title) || text(p.collaborationTopic);
    return {
      title: say(context, `请整理行动项清单：${topic}`, `Compile the action list: ${topic}`),
      text: say(
        context,
        `会议已于 ${formatWhen(p.endedAt, context)} 结束，行动项清单应在 ${String(p.withinHours)} 小时内整理完成（截止 ${formatWhen(p.deadline, context)}）。请明确任务描述、负责人、截止时间、交付成果四要素；确无行动项时请标记“无行动项”。`,
        `The meeting ended ${formatWhen(p.endedAt, context)}; the action list was due within ${String(p.withinHours)} hours (by ${formatWhen(p.deadline, context)}). Give each item a description, an owner, a due date and a deliverable, or mark the meeting as having no actions.`,
      ),
      url: collaborationLink(context, p.collaborationId, { meeting: p.meetingId }),
      linkText: say(context, '整理行动项', 'Add action items'),
    };
  },
};
