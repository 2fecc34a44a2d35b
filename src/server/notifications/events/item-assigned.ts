import { collaborationLink, formatDay, itemLabel, linkText, say, text, type EventDefinition } from '../message.ts';

/** An action item was given to someone (created, or reassigned): the four elements of rule 4, to its owner. */
export const itemAssigned: EventDefinition = {
  event: 'item_assigned',
  render(p, context) {
    const lines = [
      say(context, `截止时间：${formatDay(p.dueDate, context)}`, `Due: ${formatDay(p.dueDate, context)}`),
      ...(text(p.deliverable) ? [say(context, `交付成果：${text(p.deliverable)}`, `Deliverable: ${text(p.deliverable)}`)] : []),
      say(context, `协作：${text(p.collaborationTopic)}（由 ${text(p.actorName)} 分配）`, `Collaboration: ${text(p.collaborationTopic)} (assigned by ${text(p.actorName)})`),
    ];
    return {
      title: say(context, `新行动项：${itemLabel(p, context)}`, `New action item: ${itemLabel(p, context)}`),
      text: lines.join('\n'),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: linkText(context),
    };
  },
};
