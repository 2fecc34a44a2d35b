/**
 * Header and field labels as people type them: 「负责人：」, 「 截止时间 (YYYY-MM-DD)」, 「*任务描述」 and
 * 「任务描述」 are the same label. Full-width forms fold to half-width (NFKC), hints in brackets, whitespace,
 * punctuation and required-marks are dropped, Latin letters are lower-cased.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[(\[【][^)\]】]*[)\]】]/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/**
 * The template prints its examples in the value cells — 「(如：市场部)」. Left in a filled form they are
 * hints, not answers, so they read as empty.
 */
export function isExampleHint(text: string): boolean {
  return /^[(（]\s*(?:如|例如|e\.?g\.?)\s*[:：]?/i.test(text.normalize('NFKC').trim());
}
