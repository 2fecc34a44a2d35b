import { collaborationLink, formatDay, itemLabel, linkText, mentionLine, say, text, type EventDefinition, type RenderContext } from '../message.ts';

/**
 * The record is out: each owner gets *their* items (a restricted item by its due date only), the
 * heads and attendees the summary, and the collaboration's chat groups the non-sensitive summary with
 * the heads @-mentioned (the names appear in the text; the platforms' mention fields travel beside it).
 */
export const recordPublished: EventDefinition = {
  event: 'record_published',
  render(p, context) {
    const topic = text(p.title) || text(p.collaborationTopic);
    const lines: string[] = [];
    const items = Array.isArray(p.items) ? (p.items as Record<string, unknown>[]) : [];
    if (context.audience === 'person' && items.length) {
      lines.push(say(context, '你的行动项：', 'Your action items:'));
      for (const item of items) lines.push(`- ${itemLine(item, context)}`);
    } else {
      const topics = Array.isArray(p.topicTitles) ? p.topicTitles.map(String) : [];
      if (topics.length) lines.push(say(context, '议题：', 'Topics:'), ...topics.map((t, i) => `${i + 1}. ${t}`));
      if (typeof p.itemCount === 'number') lines.push(say(context, `行动项：${p.itemCount} 项已分配到人`, `Action items: ${p.itemCount} assigned`));
    }
    if (p.publishedLate) lines.push(say(context, '（记录晚于 24 小时发布）', '(Published later than 24 hours after the meeting.)'));
    lines.push(...mentionLine(p, context));
    return {
      title: say(context, `会议记录已发布：${topic}`, `Record published: ${topic}`),
      text: lines.join('\n'),
      url: collaborationLink(context, p.collaborationId, { meeting: p.meetingId }),
      linkText: linkText(context),
    };
  },
};

function itemLine(item: Record<string, unknown>, context: RenderContext): string {
  const due = formatDay(item.dueDate, context);
  if (item.sensitive) return say(context, `${itemLabel(item, context)}，截止 ${due}`, `${itemLabel(item, context)}, due ${due}`);
  const deliverable = text(item.deliverable);
  return say(
    context,
    `${text(item.description)}（截止 ${due}${deliverable ? `，交付成果：${deliverable}` : ''}）`,
    `${text(item.description)} (due ${due}${deliverable ? `; deliverable: ${deliverable}` : ''})`,
  );
}
