import { collaborationLink, itemLabel, linkText, say, text, type EventDefinition } from '../message.ts';

/** The initiating side sent a done item back, with the reason, to its owner. */
export const itemReopened: EventDefinition = {
  event: 'item_reopened',
  render(p, context) {
    const reason = text(p.reason);
    return {
      title: say(context, `行动项被退回：${itemLabel(p, context)}`, `Action item reopened: ${itemLabel(p, context)}`),
      text: say(
        context,
        `${text(p.actorName)} 退回了该行动项${reason ? `，原因：${reason}` : ''}。`,
        `${text(p.actorName)} sent it back${reason ? `: ${reason}` : '.'}`,
      ),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: linkText(context),
    };
  },
};
