import { localDate, type CalendarDate } from './calendar-date.ts';
import type { ActionItemStatus } from './action-item-timing.ts';
import { dayNumber, updateComplianceDays } from './compliance.ts';
import type { QuarterRange } from './period.ts';

/** What the quarterly review needs of one action item, dates local to the organisation. */
export type ReviewItem = {
  status: ActionItemStatus;
  dueDate: CalendarDate;
  createdOn: CalendarDate;
  /** Local date it was done (completed_at); null unless done. */
  completedOn: CalendarDate | null;
  /** Local date it was closed, done or cancelled; null while open. */
  closedOn: CalendarDate | null;
  /** Local dates of its progress updates. */
  updatedOn: CalendarDate[];
  /** Local date it was escalated for being overdue (rule 7); absent or null when it never was. */
  escalatedOn?: CalendarDate | null;
};

/**
 * A meeting held in the quarter (not cancelled): was its record published, and was that late (rule 3)?
 * And its agenda (rule 1): `agendaDueOn` the local day of the deadline (start − agendaLeadDays), and
 * `agendaLate` whether it went out after it — null while it has not been sent. Absent when not known.
 */
export type ReviewMeeting = { published: boolean; publishedLate: boolean | null; agendaLate?: boolean | null; agendaDueOn?: CalendarDate };

/** The template's timing rules the compliance score weighs, in the order the template states them. */
export const COMPLIANCE_RULES = ['agenda_ahead', 'publish_in_time', 'update_frequency', 'due_on_time'] as const;
export type ComplianceRuleName = (typeof COMPLIANCE_RULES)[number];

/** How often one rule applied (`checked`) and was kept, in its own unit: meetings, item-days or items. */
export type ComplianceRule = { rule: ComplianceRuleName; checked: number; kept: number; rate: number | null };

/**
 * The template compliance score: the mean of the kept-shares of the rules that applied (each rule weighs
 * the same, whatever its unit), null when none did; with every rule's figures, so the rules broken most —
 * the lowest shares — can be named.
 */
export type TemplateCompliance = { score: number | null; rules: ComplianceRule[] };

/** The review's figures for any set of items and meetings: an organisation, a department or one collaboration. */
export type ReviewMetrics = {
  /** Items due in the quarter, cancelled ones left out. */
  itemsDue: number;
  /** Of those, the ones whose outcome is known by the as-of date: done, or past their due date. */
  itemsDecided: number;
  /** Done on or before their (current) due date. */
  itemsOnTime: number;
  /** itemsOnTime / itemsDecided; null when nothing is decided yet. */
  onTimeRate: number | null;
  /** Due in the quarter and late: done after the due date, or still open past it at the as-of date. */
  overdueCount: number;
  /** Mean and largest lateness in days over the overdue items; null when none. */
  overdueDaysMean: number | null;
  overdueDaysMax: number | null;
  /** Meetings of the quarter with a published record, and of those the ones published within the deadline. */
  meetingsPublished: number;
  meetingsPublishedInTime: number;
  /** meetingsPublishedInTime / meetingsPublished (rule 3, 24 h by default); null when none was published. */
  publishInTimeRate: number | null;
  /** Open-item-days in the quarter up to the as-of date, and those with a recent update (see updateComplianceDays). */
  openItemDays: number;
  compliantItemDays: number;
  /** compliantItemDays / openItemDays; null when no item was open. */
  updateComplianceRate: number | null;
  /** Items escalated for being overdue (rule 7) within the quarter, up to the as-of date. */
  escalations: number;
  /** Meetings whose agenda deadline has come by the as-of date (or whose agenda went out), and of those the ones sent in time (rule 1). */
  agendasDue: number;
  agendasInTime: number;
  /** agendasInTime / agendasDue; null when no agenda was due. */
  agendaInTimeRate: number | null;
  compliance: TemplateCompliance;
};

/**
 * The day the review is taken at: today, or the quarter's last day once it is over, so a closed quarter's
 * figures do not drift when it is looked at again later (an item done after the quarter counts as open at
 * its end). Before the quarter starts this is the day before its first day, and nothing is decided yet.
 */
export function reviewAsOf(quarter: QuarterRange, now: Date, tz: string): CalendarDate {
  const today = localDate(now, tz);
  return today < quarter.end ? today : quarter.end;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);

/** How one item due in the quarter stands at `asOf`; null when it does not count (not due in the quarter, or cancelled). */
export function itemTiming(item: ReviewItem, quarter: QuarterRange, asOf: CalendarDate) {
  if (item.status === 'cancelled' || item.dueDate < quarter.start || item.dueDate > quarter.end) return null;
  const doneBy = item.status === 'done' && item.completedOn !== null && item.completedOn <= asOf ? item.completedOn : null;
  const lateDays = Math.max(0, dayNumber(doneBy ?? asOf) - dayNumber(item.dueDate));
  return { decided: doneBy !== null || item.dueDate < asOf, onTime: doneBy !== null && doneBy <= item.dueDate, lateDays };
}

const complianceMemo = new WeakMap<ReviewItem, { from: CalendarDate; to: CalendarDate; staleAfterDays: number; days: ReturnType<typeof updateComplianceDays> }>();

/**
 * `updateComplianceDays` of an item, remembered on the item: a review counts every item three times (for
 * the organisation, its department and its collaboration) and the answer is the same each time.
 */
function complianceDaysOf(item: ReviewItem, from: CalendarDate, to: CalendarDate, staleAfterDays: number) {
  const known = complianceMemo.get(item);
  if (known && known.from === from && known.to === to && known.staleAfterDays === staleAfterDays) return known.days;
  const days = updateComplianceDays(item, from, to, staleAfterDays);
  complianceMemo.set(item, { from, to, staleAfterDays, days });
  return days;
}

/** The figures of DESIGN §2 rule 12 for a set of items and meetings of one quarter. */
export function reviewMetrics(items: ReviewItem[], meetings: ReviewMeeting[], quarter: QuarterRange, asOf: CalendarDate, staleAfterDays: number): ReviewMetrics {
  let itemsDue = 0;
  let itemsDecided = 0;
  let itemsOnTime = 0;
  const lateness: number[] = [];
  let openItemDays = 0;
  let compliantItemDays = 0;
  for (const item of items) {
    const timing = itemTiming(item, quarter, asOf);
    if (timing) {
      itemsDue += 1;
      if (timing.decided) itemsDecided += 1;
      if (timing.onTime) itemsOnTime += 1;
      if (timing.lateDays > 0) lateness.push(timing.lateDays);
    }
    const days = complianceDaysOf(item, quarter.start, asOf, staleAfterDays);
    openItemDays += days.openDays;
    compliantItemDays += days.compliantDays;
  }
  const published = meetings.filter((m) => m.published);
  const inTime = published.filter((m) => m.publishedLate === false).length;
  const totalLateness = lateness.reduce((sum, d) => sum + d, 0);
  const escalations = items.filter((i) => i.escalatedOn && i.escalatedOn >= quarter.start && i.escalatedOn <= asOf).length;
  // An agenda never sent counts once its deadline's day has come; until then it may still go out in time.
  const agendas = meetings.filter((m) => m.agendaDueOn !== undefined && (m.agendaLate === true || m.agendaLate === false || m.agendaDueOn <= asOf));
  const agendasInTime = agendas.filter((m) => m.agendaLate === false).length;
  const counts = {
    agenda_ahead: [agendas.length, agendasInTime],
    publish_in_time: [published.length, inTime],
    update_frequency: [openItemDays, compliantItemDays],
    due_on_time: [itemsDecided, itemsOnTime],
  } satisfies Record<ComplianceRuleName, [number, number]>;
  const rules = COMPLIANCE_RULES.map((rule) => ({ rule, checked: counts[rule][0], kept: counts[rule][1], rate: ratio(counts[rule][1], counts[rule][0]) }));
  const rates = rules.flatMap((r) => (r.rate === null ? [] : [r.rate]));
  return {
    itemsDue,
    itemsDecided,
    itemsOnTime,
    onTimeRate: ratio(itemsOnTime, itemsDecided),
    overdueCount: lateness.length,
    overdueDaysMean: lateness.length ? Math.round((totalLateness / lateness.length) * 10) / 10 : null,
    overdueDaysMax: lateness.length ? Math.max(...lateness) : null,
    meetingsPublished: published.length,
    meetingsPublishedInTime: inTime,
    publishInTimeRate: ratio(inTime, published.length),
    openItemDays,
    compliantItemDays,
    updateComplianceRate: ratio(compliantItemDays, openItemDays),
    escalations,
    agendasDue: agendas.length,
    agendasInTime,
    agendaInTimeRate: ratio(agendasInTime, agendas.length),
    compliance: { score: rates.length ? Math.round((rates.reduce((sum, r) => sum + r, 0) / rates.length) * 10000) / 10000 : null, rules },
  };
}

/** A text a problem may be stated in (feedback, a disagreement, a delay reason) and where it came from. */
export type ProblemText<Ref> = { text: string; ref: Ref };
export type FrequentPhrase<Ref> = { phrase: string; count: number; refs: Ref[] };

/** Words that say nothing about a problem on their own; a phrase that is one of them, or starts or ends with a particle, is dropped. */
const STOP_PHRASES = new Set([
  ...['我们', '他们', '你们', '这个', '那个', '一个', '没有', '已经', '需要', '可以', '进行', '目前', '问题', '情况', '部门', '因为', '所以', '但是'],
  ...['如果', '还是', '就是', '以及', '对于', '关于', '什么', '现在', '希望', '建议', '认为', '表示', '觉得', '确认', '同意', '反馈', '要求', '提供'],
  ...['完成', '时间', '工作', '项目', '相关', '方面', '支持', '配合', '安排', '尽快', '及时', '客户', '一下', '这次', '本次', '后续'],
]);
/**
 * The same problem said in other words, rewritten to one wording before counting, so "需求没有传达清楚",
 * "需求说明不明确" and "需求描述模糊" all count as 需求传递不清晰. Applied in order.
 */
const SAME_PROBLEM: [RegExp, string][] = [
  [/(?:没有|没|未能|未)(说|讲|写|传达|传递|同步|沟通|描述|交代)?(?:清楚|明确|清晰|明白)/gu, '$1不清晰'],
  [/不(?:清楚|明确|明晰|明白)|模糊|含糊/gu, '不清晰'],
  [/传达|转达|同步|说明|描述|交代/gu, '传递'],
  [/推迟|延迟|延误|滞后|拖延/gu, '延期'],
  [/(?:预算|经费|资金)(?:不够|紧张|短缺)|经费不足|资金不足/gu, '预算不足'],
  [/需求(?:变化|改动|调整|反复)/gu, '需求变更'],
];
/** A phrase with one of these says something went wrong; such phrases rank before mere subjects (预算, CRM). */
const PROBLEM_CUES = /[不未没缺晚慢错漏难乱差超误阻卡]|延期|变更|冲突|风险|返工|重复|遗漏|瓶颈/u;
const EDGE_PARTICLES = new Set([...'的了和与及或在是对把被也都就还而且但着过吗呢吧啊']);
const MIN_LENGTH = 2;
const MAX_LENGTH = 12;
/** Each text is mined up to this many characters: feedback and reasons state their point early. */
const MAX_TEXT = 300;

const STOP_PATTERN = new RegExp([...STOP_PHRASES].join('|'), 'gu');

/**
 * Says something of its own — at least two characters that are neither stop words nor particles, so not
 * 客户希望 nor 们的问题 — and neither starts nor ends with a particle (的, 了, 和 …).
 */
function isPhraseShaped(gram: string): boolean {
  if (Array.from(gram.replace(STOP_PATTERN, '')).filter((c) => !EDGE_PARTICLES.has(c)).length < 2) return false;
  const chars = Array.from(gram);
  return !EDGE_PARTICLES.has(chars[0]!) && !EDGE_PARTICLES.has(chars.at(-1)!);
}

function sharesBigram(a: string, b: string): boolean {
  const chars = Array.from(a);
  for (let i = 0; i + 1 < chars.length; i++) if (b.includes(chars[i]! + chars[i + 1]!)) return true;
  return false;
}

/** One wording per problem (SAME_PROBLEM). */
export function normaliseProblemText(text: string): string {
  return SAME_PROBLEM.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Runs of Chinese characters, and ASCII words of three letters or more (lower-cased), in one text. */
function runs(text: string): { cjk: string[]; words: string[] } {
  const sample = normaliseProblemText(text.slice(0, MAX_TEXT));
  return {
    cjk: sample.match(/[\u3400-\u9fff\uf900-\ufaff]+/gu) ?? [],
    words: (sample.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? []),
  };
}

/**
 * Recurring phrases across problem texts ("需求传递不清晰" stated in several feedback rows): every Chinese
 * n-gram of 2–12 characters and every ASCII word is counted once per text; phrases found in at least two
 * texts are kept, minus stop words and grams that begin or end with a particle; a phrase is dropped when a
 * longer kept phrase containing it occurs in exactly as many texts (it is only ever part of that one).
 * Texts are first rewritten to one wording per problem (normaliseProblemText). Phrases that state a problem
 * (PROBLEM_CUES) come first, then by the number of texts, then longer first; each phrase carries the refs
 * of the texts it came from.
 */
export function frequentPhrases<Ref>(texts: ProblemText<Ref>[], limit = 10, maxRefs = 10): FrequentPhrase<Ref>[] {
  const found = new Map<string, { count: number; docs: number[] }>();
  texts.forEach((t, index) => {
    const grams = new Set<string>();
    const { cjk, words } = runs(t.text);
    for (const run of cjk) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i++) {
        for (let n = MIN_LENGTH; n <= MAX_LENGTH && i + n <= chars.length; n++) grams.add(chars.slice(i, i + n).join(''));
      }
    }
    for (const word of words) grams.add(word);
    for (const gram of grams) {
      const entry = found.get(gram);
      if (!entry) found.set(gram, { count: 1, docs: [index] });
      else {
        entry.count += 1;
        if (entry.docs.length < maxRefs) entry.docs.push(index);
      }
    }
  });
  // A gram inside a longer one seen in as many texts is only ever part of it. Checking the two grams one
  // character shorter of every gram is enough: counts only fall as a gram grows.
  const subsumed = new Set<string>();
  for (const [gram, entry] of found) {
    const chars = Array.from(gram);
    if (entry.count < 2 || chars.length <= MIN_LENGTH) continue;
    for (const part of [chars.slice(1).join(''), chars.slice(0, -1).join('')]) {
      if (found.get(part)?.count === entry.count) subsumed.add(part);
    }
  }
  const kept = [...found].filter(([gram, entry]) => entry.count >= 2 && !subsumed.has(gram) && isPhraseShaped(gram));
  const cue = (gram: string) => (PROBLEM_CUES.test(gram) ? 1 : 0);
  kept.sort((a, b) => cue(b[0]) - cue(a[0]) || b[1].count - a[1].count || Array.from(b[0]).length - Array.from(a[0]).length || (a[0] < b[0] ? -1 : 1));
  // Overlapping windows of one long sentence repeated verbatim come from the very same texts: keep the first.
  const chosen: typeof kept = [];
  for (const entry of kept) {
    const overlapping = chosen.some(([p, c]) => c.count === entry[1].count && c.docs.join() === entry[1].docs.join() && sharesBigram(p, entry[0]));
    if (overlapping) continue;
    chosen.push(entry);
    if (chosen.length === limit) break;
  }
  return chosen.map(([phrase, entry]) => ({ phrase, count: entry.count, refs: entry.docs.map((i) => texts[i]!.ref) }));
}
