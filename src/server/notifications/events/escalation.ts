import { collaborationLink, formatDay, formatWhen, itemLabel, mentionLine, say, text, type EventDefinition } from '../message.ts';

/**
 * Rule 7: an item 3 days overdue. The initiating department's head and the creator are told, and the
 * collaboration's chat groups see it (a restricted item by its wording only), with the draft
 * progress-sync meeting that now has it on its agenda.
 */
export const escalation: EventDefinition = {
  event: 'escalation',
  render(p, context) {
    const days = String(p.daysOverdue);
    const meeting = p.syncMeetingStart
      ? say(context, `已安排进度同步会（草稿，${formatWhen(p.syncMeetingStart, context)}），请协调资源解决。`, `A draft progress-sync meeting is set for ${formatWhen(p.syncMeetingStart, context)}; please pull in what it needs.`)
      : '';
    return {
      title: say(context, `逾期升级：${itemLabel(p, context)}已逾期 ${days} 天`, `Escalated: ${itemLabel(p, context)} is ${days} days overdue`),
      text: [
        say(context, `负责人：${text(p.ownerName)}；截止时间：${formatDay(p.dueDate, context)}；协作：${text(p.collaborationTopic)}`, `Owner: ${text(p.ownerName)}; due ${formatDay(p.dueDate, context)}; collaboration: ${text(p.collaborationTopic)}`),
        meeting,
        say(context, '已记入“风险与备注”。', 'Noted under risks and remarks.'),
        ...mentionLine(p, context),
      ]
        .filter(Boolean)
        .join('\n'),
      url: collaborationLink(context, p.collaborationId, p.syncMeetingId ? { meeting: p.syncMeetingId } : { item: p.actionItemId }),
      linkText: say(context, '查看进度同步会', 'Open the progress-sync meeting'),
    };
  },
};
