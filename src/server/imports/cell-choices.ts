import type { TemplateLabels } from '../exports/template-layout.ts';
import { normalizeLabel } from './labels.ts';
import type { CellValue } from './workbook-grid.ts';

export type Stance = 'agree' | 'disagree' | 'conditional';

type Aliases<L extends keyof TemplateLabels> = Partial<Record<keyof TemplateLabels[L], readonly string[]>>;

/**
 * Words people write instead of the template's own labels (`TEMPLATE_LAYOUT.labels`), by label table:
 * the 适用场景 headings' short forms, 完成 for 已完成, English values. Compared normalized, like headers.
 */
export const LABEL_ALIASES: { [L in keyof TemplateLabels]?: Aliases<L> } = {
  scenario: {
    major_project: ['重大项目', '项目推进', 'major project'],
    problem_solving: ['问题解决', 'problem solving'],
    routine_alignment: ['常态化对齐', '协作对齐', 'routine alignment'],
    urgent_task: ['临时任务协同', '临时任务', '紧急任务', 'urgent task'],
  },
  collaborationStatus: { active: ['进行'], completed: ['完成', '已结束'], cancelled: ['取消'] },
  health: { on_track: ['正常', '按计划', 'on track'], at_risk: ['存在风险', '风险', 'at risk'], off_track: ['严重滞后', '偏离计划', '滞后', 'off track'] },
  visibility: { participants: ['仅相关人员', '相关人员可见'], organization: ['全公司', '公开'] },
  meetingKind: { regular: ['会议', '例会'], progress_sync: ['进度同步'] },
  meetingMode: { online: ['线上会议', '在线', 'online'], offline: ['线下会议', '现场', 'offline'] },
  minutesStatus: { draft: ['草稿', '未发布'], published: ['发布'] },
  stance: { agree: ['agree'], disagree: ['反对', 'disagree'], conditional: ['部分同意', 'conditionally agree'] },
  itemStatus: { todo: ['未开始', '待办', 'to do'], in_progress: ['处理中', 'in progress'], blocked: ['阻塞', '已阻塞'], done: ['完成'], cancelled: ['取消'] },
  remarkKind: { remark: ['remark'], risk: ['risk'], escalation: ['进度升级', 'escalation'] },
};

/** The stored value a written alias stands for, or null. */
export function aliasValue<L extends keyof TemplateLabels>(table: L, text: string): keyof TemplateLabels[L] | null {
  const normalized = normalizeLabel(text);
  if (normalized === '') return null;
  const aliases = (LABEL_ALIASES[table] ?? {}) as Aliases<L>;
  for (const [value, words] of Object.entries(aliases) as [keyof TemplateLabels[L], readonly string[]][]) {
    if (words.some((word) => normalizeLabel(word) === normalized)) return value;
  }
  return null;
}

/** A feedback cell: 「同意」, 「有条件同意：需提前一天进场」, 「无反馈」, or just the text. */
export type FeedbackReading = { stance: Stance | null; text: string; noFeedback: boolean };

const STANCE_WORDS: [string, Stance | 'none'][] = [
  ['有条件同意', 'conditional'],
  ['部分同意', 'conditional'],
  ['不同意', 'disagree'],
  ['反对', 'disagree'],
  ['同意', 'agree'],
  ['无反馈', 'none'],
  ['暂无反馈', 'none'],
  ['无意见', 'none'],
  ['conditionally agree', 'conditional'],
  ['disagree', 'disagree'],
  ['agree', 'agree'],
  ['no feedback', 'none'],
];

/**
 * Splits a feedback cell into the department's stance and its words. The stance is the leading word
 * (the longest that fits, so 不同意 is not 同意) followed by nothing or a separator; anything else is text.
 */
export function readFeedback(raw: string): FeedbackReading {
  const text = raw.normalize('NFKC').trim();
  const lower = text.toLowerCase();
  for (const [word, stance] of [...STANCE_WORDS].sort((a, b) => b[0].length - a[0].length)) {
    if (!lower.startsWith(word)) continue;
    const rest = text.slice(word.length);
    if (rest !== '' && !/^[\s,，:;；。.、\-—]/.test(rest)) continue;
    const words = rest.replace(/^[\s,，:;；。.、\-—]+/, '').trim();
    if (stance === 'none') return { stance: null, text: words, noFeedback: words === '' };
    return { stance, text: words, noFeedback: false };
  }
  return { stance: null, text, noFeedback: false };
}

/** A meeting's 沟通地点/方式: online when it names a video tool or link, the rest is the room or link. */
export function readMeetingPlace(raw: string): { mode: 'online' | 'offline'; location: string } {
  const text = raw.normalize('NFKC').trim();
  const online = /线上|在线|视频|腾讯会议|飞书|钉钉|企业微信|zoom|teams|webex|online|https?:\/\//i.test(text);
  const location = text
    .replace(/^(?:线上会议|线下会议|线上|线下|online|offline)\s*(?:[/／|·,，:：\-—]\s*|(?=[(（]))?/i, '')
    .replace(/^[(（](.*)[)）]$/, '$1')
    .trim();
  return { mode: online ? 'online' : 'offline', location };
}

/** A percentage: 80, '80%', or 0.8 in a cell formatted as a percentage; null when unreadable or out of 0–100. */
export function readPercent(value: CellValue, isPercentCell: boolean): number | null {
  if (value === null || typeof value === 'boolean' || value instanceof Date) return null;
  let number: number;
  if (typeof value === 'number') number = isPercentCell ? value * 100 : value;
  else {
    const match = /^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$/.exec(value.normalize('NFKC'));
    if (!match) return null;
    number = Number(match[1]);
  }
  const rounded = Math.round(number);
  return rounded >= 0 && rounded <= 100 ? rounded : null;
}

/** Splits a cell listing several names (参与部门, 参会人员): 、 , ， ; ； / and line breaks. */
export function splitList(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[、,;；\n\r/|]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
