import { describe, expect, it } from 'vitest';
import { recordedDelayLabel } from './delay-codes.ts';

const codes = [{ code: 'requirement_change', labelZh: '需求变更', labelEn: 'Requirement change' }];

describe('delay reason labels on the timeline', () => {
  it('names the code in the UI language, from the entry or else the organisation’s list', () => {
    expect(recordedDelayLabel('requirement_change', null, codes, 'zh-CN')).toBe('需求变更');
    expect(recordedDelayLabel('requirement_change', { zh: '需求变更', en: 'Changed requirements' }, codes, 'en')).toBe('Changed requirements');
  });

  it('shows a code the organisation has since removed as it was recorded', () => {
    expect(recordedDelayLabel('weather', null, codes, 'en')).toBe('weather');
  });
});
