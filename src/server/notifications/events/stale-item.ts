import { collaborationLink, formatDay, itemLabel, say, type EventDefinition } from '../message.ts';

/** Rule 6: an open item without an update for 3 days nudges its owner, and again every 3 days. */
export const staleItem: EventDefinition = {
  event: 'stale_item',
  render(p, context) {
    const days = String(p.staleDays);
    return {
      title: say(context, `行动项已 ${days} 天未更新：${itemLabel(p, context)}`, `No update for ${days} days: ${itemLabel(p, context)}`),
      text: say(
        context,
        `进行中的行动项至少每 ${String(p.everyDays)} 天更新一次进度（截止 ${formatDay(p.dueDate, context)}）。`,
        `Open items get a progress update at least every ${String(p.everyDays)} days (due ${formatDay(p.dueDate, context)}).`,
      ),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: say(context, '更新进度', 'Post an update'),
    };
  },
};
