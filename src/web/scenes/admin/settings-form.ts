import type { AdminSettings, AdminSettingsPatch } from '../../api/admin.ts';
import type { DelayReasonCode } from '../../../shared/org-settings.ts';

/** The rule thresholds of DESIGN §2, in the order the template states them, with their bounds and units. */
export const THRESHOLDS = [
  { name: 'agendaLeadDays', min: 0, max: 30, unit: 'days' },
  { name: 'actionListWithinHours', min: 1, max: 168, unit: 'hours' },
  { name: 'publishWithinHours', min: 1, max: 720, unit: 'hours' },
  { name: 'publishReminderAtHours', min: 0, max: 720, unit: 'hours' },
  { name: 'updateBeforeDueDays', min: 0, max: 30, unit: 'days' },
  { name: 'staleAfterDays', min: 1, max: 90, unit: 'days' },
  { name: 'escalateAfterOverdueDays', min: 1, max: 90, unit: 'days' },
] as const;

export type ThresholdName = (typeof THRESHOLDS)[number]['name'];

/** A delay reason in the form: the code may still be empty for a reason added here, and `stored` ones keep theirs. */
export type DelayReasonRow = { code: string; labelZh: string; labelEn: string; stored?: boolean };

export type SettingsValues = Omit<AdminSettings, 'delayReasonCodes'> & { delayReasonCodes: DelayReasonRow[] };

/**
 * A code for a new delay reason from its English label ("Waiting for legal" → `waiting_for_legal`),
 * unique among `taken`; the admin names reasons, the system needs a stable snake_case key.
 */
export function codeFromLabel(label: string, taken: ReadonlySet<string>): string {
  let base = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48);
  if (!/^[a-z]/.test(base)) base = base ? `reason_${base}` : 'reason';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function valuesFromSettings(settings: AdminSettings): SettingsValues {
  return { ...settings, delayReasonCodes: settings.delayReasonCodes.map((r) => ({ ...r, stored: true })) };
}

/** The PATCH body: every field (the server merges and checks the whole), days sorted, new reasons given codes. */
export function patchFromValues(values: SettingsValues): AdminSettingsPatch {
  const taken = new Set(values.delayReasonCodes.map((r) => r.code.trim()).filter(Boolean));
  const delayReasonCodes: DelayReasonCode[] = values.delayReasonCodes.map((r) => {
    let code = r.code.trim();
    if (!code) {
      code = codeFromLabel(r.labelEn, taken);
      taken.add(code);
    }
    return { code, labelZh: r.labelZh.trim(), labelEn: r.labelEn.trim() };
  });
  const { name, timeZone, locale, workdayStart, workdayEnd } = values;
  const thresholds = Object.fromEntries(THRESHOLDS.map((th) => [th.name, values[th.name]])) as Record<ThresholdName, number>;
  return {
    name: name.trim(),
    timeZone,
    locale,
    workingDays: [...values.workingDays].sort((a, b) => a - b),
    workdayStart,
    workdayEnd,
    holidays: [...values.holidays].sort(),
    extraWorkdays: [...values.extraWorkdays].sort(),
    ...thresholds,
    delayReasonCodes,
  };
}
