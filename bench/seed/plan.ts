/**
 * The size and shape of a seeded database. One company (宏远集团: 5,000 people in 200 departments) keeps
 * a constant pace of work — 10,000 collaborations a year, each with three meetings, ten action items and
 * three progress updates per item — so the scale is how many years of history lie behind today:
 * 10 k items ≈ five weeks, 100 k ≈ one year, 1 M ≈ ten years. What a user sees today (their open items,
 * this quarter's meetings) stays the same size; only the archive grows, which is what the scale curve
 * has to show flat. Fifty small companies sit beside it for tenant scoping.
 */
export type SeedPlan = {
  /** Action items of the main organisation (10 per collaboration). */
  items: number;
  collaborations: number;
  /** Days of history ending at `anchor`. */
  spanDays: number;
  smallOrgs: number;
  smallOrgCollaborations: number;
  /** "Today" of the seeded data (ISO instant); stored with the data so a resumed run keeps it. */
  anchor: string;
  timeZone: string;
};

export const COLLABORATIONS_PER_YEAR = 10_000;
export const ITEMS_PER_COLLABORATION = 10;
export const MEETINGS_PER_COLLABORATION = 3;
export const TOPICS_PER_MEETING = 2;
export const UPDATES_PER_ITEM = 3;
export const MAIN_DEPARTMENTS = 200;
export const PEOPLE_PER_DEPARTMENT = 25;
export const SMALL_ORGS = 50;
export const SMALL_ORG_DEPARTMENTS = 3;
export const SMALL_ORG_PEOPLE_PER_DEPARTMENT = 6;

/** The plan for `items` action items, anchored at the start of the current hour unless given. */
export function planFor(items: number, anchor?: string): SeedPlan {
  const collaborations = Math.round(items / ITEMS_PER_COLLABORATION);
  const spanDays = (collaborations / COLLABORATIONS_PER_YEAR) * 365;
  const hour = new Date();
  hour.setUTCMinutes(0, 0, 0);
  return {
    items: collaborations * ITEMS_PER_COLLABORATION,
    collaborations,
    spanDays,
    smallOrgs: SMALL_ORGS,
    smallOrgCollaborations: Math.max(2, Math.round(collaborations / 2000)),
    anchor: anchor ?? hour.toISOString(),
    timeZone: 'Asia/Shanghai',
  };
}

/** "10k", "100k", "1m": the folder and label of a scale. */
export function scaleLabel(items: number): string {
  if (items >= 1_000_000 && items % 1_000_000 === 0) return `${items / 1_000_000}m`;
  if (items >= 1000 && items % 1000 === 0) return `${items / 1000}k`;
  return String(items);
}
