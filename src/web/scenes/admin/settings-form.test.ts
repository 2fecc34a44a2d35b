import { describe, expect, it } from 'vitest';
import { defaultOrgSettings, orgSettingsPatchSchema } from '../../../shared/org-settings.ts';
import { codeFromLabel, patchFromValues, valuesFromSettings } from './settings-form.ts';

describe('settings form', () => {
  it('names a new delay reason after its English label, uniquely', () => {
    expect(codeFromLabel('Waiting for legal', new Set())).toBe('waiting_for_legal');
    expect(codeFromLabel('Other', new Set(['other']))).toBe('other_2');
    expect(codeFromLabel('3rd party', new Set())).toBe('reason_3rd_party');
    expect(codeFromLabel('', new Set(['reason']))).toBe('reason_2');
  });

  it('sends a body the API accepts, with sorted days and codes for new reasons', () => {
    const values = valuesFromSettings({ ...defaultOrgSettings, name: '示例科技' });
    values.workingDays = [5, 1, 3];
    values.holidays = ['2024-10-02', '2024-10-01'];
    values.delayReasonCodes.push({ code: '', labelZh: '等待法务', labelEn: 'Waiting for legal' });
    const patch = patchFromValues(values);
    expect(patch.workingDays).toEqual([1, 3, 5]);
    expect(patch.holidays).toEqual(['2024-10-01', '2024-10-02']);
    expect(patch.delayReasonCodes?.at(-1)).toEqual({ code: 'waiting_for_legal', labelZh: '等待法务', labelEn: 'Waiting for legal' });
    const { name: _name, ...settings } = patch;
    expect(orgSettingsPatchSchema.safeParse(settings).success).toBe(true);
  });
});
