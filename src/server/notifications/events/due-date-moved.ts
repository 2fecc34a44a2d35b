import { collaborationLink, formatDay, itemLabel, linkText, say, text, type EventDefinition } from '../message.ts';

/** A due date moved (never silently): the editors and the owner hear the old and new date and why. */
export const dueDateMoved: EventDefinition = {
  event: 'due_date_moved',
  render(p, context) {
    const change = `${formatDay(p.previousDueDate, context)} → ${formatDay(p.newDueDate, context)}`;
    const lines = [
      say(context, `截止时间：${change}（${text(p.actorName)} 调整）`, `Due date: ${change} (moved by ${text(p.actorName)})`),
      ...(text(p.delayReason) ? [say(context, `原因：${text(p.delayReason)}`, `Reason: ${text(p.delayReason)}`)] : []),
      ...(text(p.remedy) ? [say(context, `补救措施：${text(p.remedy)}`, `Remedy: ${text(p.remedy)}`)] : []),
    ];
    return {
      title: say(context, `截止时间已调整：${itemLabel(p, context)}`, `Due date moved: ${itemLabel(p, context)}`),
      text: lines.join('\n'),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: linkText(context),
    };
  },
};
