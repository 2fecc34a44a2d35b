import { z } from 'zod';
import { isValidCalendarDate } from '../domain/calendar-date.ts';

/** True for a time zone name Intl understands ('Asia/Shanghai', 'UTC'); raw offsets like '+08:00' are refused. */
export function isValidTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z.string().max(64).refine(isValidTimeZone, { message: 'settings.unknownTimeZone' });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Expected a time HH:mm' });
const calendarDate = z.string().refine(isValidCalendarDate, { message: 'settings.invalidDate' });
const dateList = z.array(calendarDate).max(1000);
const integerBetween = (min: number, max: number) => z.number().int().min(min).max(max);

/** One entry of the controlled list of reasons an action item slips (需求变更, 资源不足 …). */
export const delayReasonCodeSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { message: 'Expected snake_case code' }),
  labelZh: z.string().trim().min(1).max(50),
  labelEn: z.string().trim().min(1).max(50),
});

/** A delay reason as stored in the organisation's settings. */
export type DelayReasonCode = z.infer<typeof delayReasonCodeSchema>;

const delayReasonCodes = z
  .array(delayReasonCodeSchema)
  .min(1)
  .max(50)
  .refine((list) => new Set(list.map((r) => r.code)).size === list.length, { message: 'settings.duplicateDelayCode' });

const workingDays = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((days) => new Set(days).size === days.length, { message: 'settings.duplicateWeekday' });

/** The template's controlled list of delay reasons, offered to every new organisation. */
export const defaultDelayReasonCodes: DelayReasonCode[] = [
  { code: 'requirement_change', labelZh: '需求变更', labelEn: 'Requirement change' },
  { code: 'insufficient_resources', labelZh: '资源不足', labelEn: 'Insufficient resources' },
  { code: 'dependency_not_ready', labelZh: '依赖未就绪', labelEn: 'Dependency not ready' },
  { code: 'technical_difficulty', labelZh: '技术难题', labelEn: 'Technical difficulty' },
  { code: 'external_factors', labelZh: '外部因素', labelEn: 'External factors' },
  { code: 'other', labelZh: '其他', labelEn: 'Other' },
];

/** Each setting without its default: the one place that states bounds, shared by the full and patch schemas. */
const settingFields = {
  timeZone,
  locale: z.enum(['zh-CN', 'en']),
  workingDays,
  workdayStart: clockTime,
  workdayEnd: clockTime,
  holidays: dateList,
  extraWorkdays: dateList,
  agendaLeadDays: integerBetween(0, 30),
  actionListWithinHours: integerBetween(1, 168),
  publishWithinHours: integerBetween(1, 720),
  publishReminderAtHours: integerBetween(0, 720),
  updateBeforeDueDays: integerBetween(0, 30),
  staleAfterDays: integerBetween(1, 90),
  escalateAfterOverdueDays: integerBetween(1, 90),
  delayReasonCodes,
};

/** The per-organisation thresholds of the template's rules (DESIGN.md §2); a missing field takes the template's number. */
export const orgSettingsSchema = z
  .object({
    timeZone: settingFields.timeZone.default('Asia/Shanghai'),
    locale: settingFields.locale.default('zh-CN'),
    workingDays: settingFields.workingDays.default(() => [1, 2, 3, 4, 5]),
    workdayStart: settingFields.workdayStart.default('09:30'),
    workdayEnd: settingFields.workdayEnd.default('18:00'),
    holidays: settingFields.holidays.default(() => []),
    extraWorkdays: settingFields.extraWorkdays.default(() => []),
    agendaLeadDays: settingFields.agendaLeadDays.default(1),
    actionListWithinHours: settingFields.actionListWithinHours.default(2),
    publishWithinHours: settingFields.publishWithinHours.default(24),
    publishReminderAtHours: settingFields.publishReminderAtHours.default(20),
    updateBeforeDueDays: settingFields.updateBeforeDueDays.default(1),
    staleAfterDays: settingFields.staleAfterDays.default(3),
    escalateAfterOverdueDays: settingFields.escalateAfterOverdueDays.default(3),
    delayReasonCodes: settingFields.delayReasonCodes.default(() => defaultDelayReasonCodes.map((r) => ({ ...r }))),
  })
  .superRefine((settings, ctx) => {
    for (const issue of crossFieldIssues(settings)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** The organisation's settings after defaults, as every rule in src/domain receives them. */
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

/** The body of PATCH /admin/settings: any subset of fields, nothing defaulted; merge, then parse with `orgSettingsSchema`. */
export const orgSettingsPatchSchema = z.object(settingFields).partial().strict();

/** A settings change as sent by an admin. */
export type OrgSettingsPatch = z.infer<typeof orgSettingsPatchSchema>;

/** The template's numbers, for a new organisation and for tests. */
export const defaultOrgSettings: OrgSettings = orgSettingsSchema.parse({});

function crossFieldIssues(settings: z.output<z.ZodObject<typeof settingFields>>) {
  const issues: { path: string[]; message: string }[] = [];
  if (settings.workdayStart >= settings.workdayEnd) {
    issues.push({ path: ['workdayEnd'], message: 'settings.workdayEndBeforeStart' });
  }
  if (settings.publishReminderAtHours >= settings.publishWithinHours) {
    issues.push({ path: ['publishReminderAtHours'], message: 'settings.reminderAfterDeadline' });
  }
  if (settings.holidays.some((date) => settings.extraWorkdays.includes(date))) {
    issues.push({ path: ['extraWorkdays'], message: 'settings.holidayAndWorkday' });
  }
  return issues;
}
