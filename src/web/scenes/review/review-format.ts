import type { ComplianceRule } from '../../../domain/review-metrics.ts';

/** A share (0.4388) as a whole percent for reading: "44%"; a dash when there is nothing to measure. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}

/**
 * The change of a share against the previous quarter in percentage points (+12, −5), or null when either
 * quarter had nothing to measure. Rounded to whole points, as the shares are shown.
 */
export function pointsChange(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  return Math.round(current * 100) - Math.round(previous * 100);
}

/** The rules a department kept least, worst first: those that applied and were not always kept. */
export function rulesBrokenMost(rules: readonly ComplianceRule[], limit = 2): ComplianceRule[] {
  return rules
    .filter((r) => r.rate !== null && r.rate < 1)
    .sort((a, b) => a.rate! - b.rate! || b.checked - b.kept - (a.checked - a.kept))
    .slice(0, limit);
}
