import { collaborationLink, formatDay, itemLabel, say, type EventDefinition } from '../message.ts';

/** An open item past its due date reminds its owner once a day, saying when it will escalate. */
export const itemOverdue: EventDefinition = {
  event: 'item_overdue',
  render(p, context) {
    const days = Number(p.daysOverdue);
    const escalateIn = Number(p.escalateAfterDays) - days;
    const warning =
      escalateIn > 0
        ? say(context, `再逾期 ${escalateIn} 天将升级至发起部门负责人并召开进度同步会。`, `In ${escalateIn} more day(s) it escalates to the initiating department's head and a progress-sync meeting.`)
        : '';
    return {
      title: say(context, `行动项已逾期 ${days} 天：${itemLabel(p, context)}`, `${days} day(s) overdue: ${itemLabel(p, context)}`),
      text: [
        say(context, `截止时间 ${formatDay(p.dueDate, context)}。请更新进度，或说明延期原因与补救措施并调整截止时间。`, `It was due ${formatDay(p.dueDate, context)}. Post an update, or give the reason and remedy and a new due date.`),
        warning,
      ]
        .filter(Boolean)
        .join('\n'),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: say(context, '更新进度', 'Post an update'),
    };
  },
};
