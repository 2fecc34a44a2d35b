import { isValidCalendarDate, type CalendarDate } from './calendar-date.ts';

/** Why a due date was refused: missing, a vague promise ("尽快"), or not an existing YYYY-MM-DD. */
export type DueDateRejection = 'vague' | 'invalid' | 'required';

/** The outcome of checking a due date typed by a person or sent by a client. */
export type DueDateResult = { ok: true; date: CalendarDate } | { ok: false; reason: DueDateRejection };

/** Chinese vague time words, matched with all whitespace removed ("尽 快" is still 尽快). */
const VAGUE_ZH = new RegExp(
  [
    '尽快', '尽早', '尽速', '越快越好', '及时', '马上', '立即', '立刻', '随时', '稍后', '晚些', '回头', '改天',
    '过几天', '过两天', '有空', '择期', '待定', '待确认', '另行通知', '近期', '近日', '最近', '不久', '日后',
    '以后', '本周', '这周', '这个?星期', '下周', '下个?星期', '本月', '这个?月', '下个?月', '月初', '月中',
    '月底', '月末', '年底', '年末', '季度末', '本季度', '周末',
  ].join('|'),
);

/** English vague time words, matched on whole words, case- and spacing-insensitive. */
const VAGUE_EN =
  /\b(?:a\.?s\.?a\.?p\.?|soon(?:est)?|tb[dc]|later|eo[dwmqy]|this\s*(?:week|month|quarter|year)|next\s*(?:week|month|quarter|year)|end\s*of\s*(?:the\s*)?(?:day|week|month|quarter|year)|when(?:ever)?\s*possible|whenever|some\s*day|someday|shortly|at\s*some\s*point|in\s*due\s*course|n\/a)\b/;

/** True when `text` promises a time without naming a date ("尽快完成", "本周内", "ASAP"); the schema layer reuses it. */
export function isVagueDate(text: string): boolean {
  const normalized = text.normalize('NFKC').toLowerCase();
  return VAGUE_ZH.test(normalized.replace(/\s+/g, '')) || VAGUE_EN.test(normalized);
}

/** Accepts only an existing calendar date 'YYYY-MM-DD' (template rule 4: "截止时间需精确到日期"). */
export function parseDueDate(input: unknown): DueDateResult {
  if (input === undefined || input === null) return { ok: false, reason: 'required' };
  if (typeof input !== 'string') return { ok: false, reason: 'invalid' };
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'required' };
  if (isValidCalendarDate(text)) return { ok: true, date: text };
  return { ok: false, reason: isVagueDate(text) ? 'vague' : 'invalid' };
}
