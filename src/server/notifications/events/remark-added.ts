import { collaborationLink, linkText, say, text, type EventDefinition } from '../message.ts';

/** A line was added to the 风险与备注 log: the people who answer for the collaboration read it. */
export const remarkAdded: EventDefinition = {
  event: 'remark_added',
  render(p, context) {
    const kind = p.kind === 'risk' ? say(context, '风险', 'Risk') : say(context, '备注', 'Remark');
    return {
      title: say(context, `${kind}：${text(p.collaborationTopic)}`, `${kind}: ${text(p.collaborationTopic)}`),
      text: `${text(p.author)}：${text(p.text)}`,
      ...(p.collaborationId ? { url: collaborationLink(context, p.collaborationId), linkText: linkText(context) } : {}),
    };
  },
};
