import { describe, expect, it } from 'vitest';
import { defaultOrgSettings, isValidTimeZone, orgSettingsPatchSchema, orgSettingsSchema } from './org-settings.ts';

describe('orgSettingsSchema defaults', () => {
  it('fills every field with the template numbers', () => {
    expect(orgSettingsSchema.parse({})).toEqual(defaultOrgSettings);
    expect(defaultOrgSettings).toMatchObject({
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      workingDays: [1, 2, 3, 4, 5],
      workdayStart: '09:30',
      workdayEnd: '18:00',
      holidays: [],
      extraWorkdays: [],
      agendaLeadDays: 1,
      actionListWithinHours: 2,
      publishWithinHours: 24,
      publishReminderAtHours: 20,
      updateBeforeDueDays: 1,
      staleAfterDays: 3,
      escalateAfterOverdueDays: 3,
    });
  });

  it('offers the template delay reasons in Chinese and English', () => {
    expect(defaultOrgSettings.delayReasonCodes.map((r) => [r.code, r.labelZh])).toEqual([
      ['requirement_change', '需求变更'],
      ['insufficient_resources', '资源不足'],
      ['dependency_not_ready', '依赖未就绪'],
      ['technical_difficulty', '技术难题'],
      ['external_factors', '外部因素'],
      ['other', '其他'],
    ]);
    expect(defaultOrgSettings.delayReasonCodes.every((r) => r.labelEn.length > 0)).toBe(true);
  });

  it('gives each parse its own lists, so changing one organisation leaves the defaults alone', () => {
    const settings = orgSettingsSchema.parse({});
    settings.workingDays.push(6);
    settings.delayReasonCodes[0]!.labelZh = '改';
    expect(orgSettingsSchema.parse({}).workingDays).toEqual([1, 2, 3, 4, 5]);
    expect(orgSettingsSchema.parse({}).delayReasonCodes[0]!.labelZh).toBe('需求变更');
  });

  it('keeps given values and defaults the rest', () => {
    const settings = orgSettingsSchema.parse({ timeZone: 'Europe/Berlin', staleAfterDays: 5, holidays: ['2024-10-01'] });
    expect(settings.timeZone).toBe('Europe/Berlin');
    expect(settings.staleAfterDays).toBe(5);
    expect(settings.holidays).toEqual(['2024-10-01']);
    expect(settings.escalateAfterOverdueDays).toBe(3);
  });
});

describe('orgSettingsSchema bounds', () => {
  const rejects = (input: Record<string, unknown>, path: string) => {
    const result = orgSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  };

  it('refuses unknown time zones and raw offsets', () => {
    rejects({ timeZone: 'Mars/Olympus' }, 'timeZone');
    rejects({ timeZone: '+08:00' }, 'timeZone');
    rejects({ timeZone: '' }, 'timeZone');
  });

  it('refuses locales other than zh-CN and en', () => {
    rejects({ locale: 'fr' }, 'locale');
  });

  it('refuses weekdays outside 1..7, duplicates and an empty week', () => {
    rejects({ workingDays: [0, 1] }, 'workingDays.0');
    rejects({ workingDays: [1, 8] }, 'workingDays.1');
    rejects({ workingDays: [1, 1] }, 'workingDays');
    rejects({ workingDays: [] }, 'workingDays');
  });

  it('refuses malformed clock times and a working day that ends before it starts', () => {
    rejects({ workdayStart: '9:30' }, 'workdayStart');
    rejects({ workdayEnd: '24:00' }, 'workdayEnd');
    rejects({ workdayStart: '18:00', workdayEnd: '09:00' }, 'workdayEnd');
  });

  it('refuses holidays that do not exist and a day both holiday and make-up day', () => {
    rejects({ holidays: ['2024-02-30'] }, 'holidays.0');
    rejects({ extraWorkdays: ['2024/10/12'] }, 'extraWorkdays.0');
    rejects({ holidays: ['2024-10-12'], extraWorkdays: ['2024-10-12'] }, 'extraWorkdays');
  });

  it('refuses thresholds out of range or fractional', () => {
    rejects({ agendaLeadDays: -1 }, 'agendaLeadDays');
    rejects({ actionListWithinHours: 0 }, 'actionListWithinHours');
    rejects({ publishWithinHours: 1.5 }, 'publishWithinHours');
    rejects({ staleAfterDays: 0 }, 'staleAfterDays');
    rejects({ escalateAfterOverdueDays: 91 }, 'escalateAfterOverdueDays');
    rejects({ updateBeforeDueDays: '1' }, 'updateBeforeDueDays');
  });

  it('refuses a publish reminder that does not come before the deadline', () => {
    rejects({ publishReminderAtHours: 24 }, 'publishReminderAtHours');
    expect(orgSettingsSchema.safeParse({ publishWithinHours: 48, publishReminderAtHours: 40 }).success).toBe(true);
  });

  it('refuses duplicate or malformed delay reason codes', () => {
    const reason = { code: 'other', labelZh: '其他', labelEn: 'Other' };
    rejects({ delayReasonCodes: [reason, reason] }, 'delayReasonCodes');
    rejects({ delayReasonCodes: [{ ...reason, code: 'Other Reason' }] }, 'delayReasonCodes.0.code');
    rejects({ delayReasonCodes: [{ ...reason, labelZh: '  ' }] }, 'delayReasonCodes.0.labelZh');
    rejects({ delayReasonCodes: [] }, 'delayReasonCodes');
  });
});

describe('orgSettingsPatchSchema', () => {
  it('accepts an empty patch without adding defaults', () => {
    expect(orgSettingsPatchSchema.parse({})).toEqual({});
  });

  it('keeps only what was sent, validated with the same bounds', () => {
    expect(orgSettingsPatchSchema.parse({ staleAfterDays: 5 })).toEqual({ staleAfterDays: 5 });
    expect(orgSettingsPatchSchema.safeParse({ staleAfterDays: 0 }).success).toBe(false);
    expect(orgSettingsPatchSchema.safeParse({ timeZone: 'Nowhere/Land' }).success).toBe(false);
  });

  it('refuses unknown fields so typos are not silently ignored', () => {
    expect(orgSettingsPatchSchema.safeParse({ staleAfterDay: 5 }).success).toBe(false);
  });

  it('yields a valid full settings object when merged over the current one', () => {
    const patch = orgSettingsPatchSchema.parse({ escalateAfterOverdueDays: 5, timeZone: 'UTC' });
    const merged = orgSettingsSchema.parse({ ...defaultOrgSettings, ...patch });
    expect(merged.escalateAfterOverdueDays).toBe(5);
    expect(merged.timeZone).toBe('UTC');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and UTC', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
  });
});
