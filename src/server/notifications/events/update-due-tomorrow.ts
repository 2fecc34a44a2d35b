import { collaborationLink, formatDay, itemLabel, say, type EventDefinition } from '../message.ts';

/** Rule 5: the owner updates progress the day before the due date (D-1). */
export const updateDueTomorrow: EventDefinition = {
  event: 'update_due_tomorrow',
  render(p, context) {
    return {
      title: say(context, `请更新进度：${itemLabel(p, context)}`, `Progress update due: ${itemLabel(p, context)}`),
      text: say(
        context,
        `截止时间 ${formatDay(p.dueDate, context)}。请在今天更新当前进度（如“设计中-完成80%”）；若会延期，请说明原因和解决方案。`,
        `Due ${formatDay(p.dueDate, context)}. Please post today where it stands (e.g. "designing, 80% done"); if it will slip, say why and what you will do.`,
      ),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: say(context, '更新进度', 'Post an update'),
    };
  },
};
