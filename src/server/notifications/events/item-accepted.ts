import { collaborationLink, itemLabel, linkText, say, text, type EventDefinition } from '../message.ts';

/** The initiating side accepted a done item: its owner hears it is closed. */
export const itemAccepted: EventDefinition = {
  event: 'item_accepted',
  render(p, context) {
    return {
      title: say(context, `行动项已验收：${itemLabel(p, context)}`, `Action item accepted: ${itemLabel(p, context)}`),
      text: say(context, `${text(p.actorName)} 已验收，协作：${text(p.collaborationTopic)}`, `Accepted by ${text(p.actorName)}, collaboration: ${text(p.collaborationTopic)}`),
      url: collaborationLink(context, p.collaborationId, { item: p.actionItemId }),
      linkText: linkText(context),
    };
  },
};
