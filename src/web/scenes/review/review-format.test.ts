import { describe, expect, it } from 'vitest';
import { percent, pointsChange, rulesBrokenMost } from './review-format.ts';

describe('review figures', () => {
  it('shows shares as whole percents and changes as whole points', () => {
    expect(percent(0.4388)).toBe('44%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('–');
    expect(pointsChange(0.5, 0.3333)).toBe(17);
    expect(pointsChange(0.25, 0.5)).toBe(-25);
    expect(pointsChange(0.25, null)).toBeNull();
  });

  it('names the rules kept least, leaving out those kept always or never applied', () => {
    const rules = [
      { rule: 'agenda_ahead' as const, checked: 4, kept: 1, rate: 0.25 },
      { rule: 'publish_in_time' as const, checked: 3, kept: 3, rate: 1 },
      { rule: 'update_frequency' as const, checked: 139, kept: 61, rate: 0.4388 },
      { rule: 'due_on_time' as const, checked: 0, kept: 0, rate: null },
    ];
    expect(rulesBrokenMost(rules).map((r) => r.rule)).toEqual(['agenda_ahead', 'update_frequency']);
    expect(rulesBrokenMost(rules, 5).map((r) => r.rule)).toEqual(['agenda_ahead', 'update_frequency']);
  });
});
