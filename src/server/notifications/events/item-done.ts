import { collaborationLink, itemLabel, say, text, type EventDefinition } from '../message.ts';

/** An item reached 100 %: the initiating side is asked to accept it or send it back. */
export const itemDone: EventDefinition = {
  event: 'item_done',
  render(p, context) {
    return {
      title: say(context, `行动项已完成：${itemLabel(p, context)}`, `Action item done: ${itemLabel(p, context)}`),
      text: say(
        context,
        `${text(p.ownerName)} 已完成该行动项${text(p.statusText) ? `（${text(p.statusText)}）` : ''}，请验收或退回。`,
        `${text(p.ownerName)} finished it${text(p.statusText) ? ` (${text(p.statusText)})` : ''}; please accept it or send it back.`,
      ),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: say(context, '去验收', 'Review it'),
    };
  },
};
