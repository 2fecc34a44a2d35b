import { formatDay, say, type EventDefinition } from '../message.ts';

/** One e-mail a working day, for people who chose the digest: the titles of what the bell collected since the last one. */
export const dailyDigest: EventDefinition = {
  event: 'daily_digest',
  render(p, context) {
    const titles = Array.isArray(p.titles) ? p.titles.map(String) : [];
    return {
      title: say(context, `每日提醒汇总（${formatDay(p.date, context)}，${titles.length} 条）`, `Daily digest (${formatDay(p.date, context)}, ${titles.length})`),
      text: titles.map((t) => `- ${t}`).join('\n'),
      url: `${context.publicUrl}/`,
      linkText: say(context, '打开 Liaison', 'Open Liaison'),
    };
  },
};
