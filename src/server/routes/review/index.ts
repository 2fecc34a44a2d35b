import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { reviewQuery } from '../../../shared/schemas/review.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { forbidden, invalidField } from '../../errors.ts';
import { localeFrom } from '../../i18n/messages.ts';
import { formatQuarter, parseQuarter, type QuarterRange } from '../../../domain/period.ts';
import { frequentPhrases, reviewAsOf, reviewMetrics, type ReviewMetrics } from '../../../domain/review-metrics.ts';
import { findDepartment } from '../../db/queries/organization.ts';
import {
  problemTexts,
  reviewItems,
  reviewMeetings,
  reviewNames,
  topDelayCodes,
  topProblemTags,
  type ReviewItemRow,
  type ReviewMeetingRow,
  type ReviewScope,
} from '../../db/queries/review.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/client.ts';

/**
 * Who sees which review: pmo and admins the whole organisation (or one department they name); a
 * department head the departments they head (403 for another); everyone else 403.
 */
export async function reviewScope(db: Db, actor: Actor, departmentId: string | undefined): Promise<ReviewScope> {
  if (actor.role === 'admin' || actor.role === 'pmo') {
    if (departmentId && !(await findDepartment(db, actor.orgId, departmentId))) throw invalidField('departmentId', 'department.notFound');
    return { departmentIds: departmentId ? [departmentId] : null };
  }
  if (actor.headOfDepartmentIds.length === 0) throw forbidden('review.notAllowed');
  if (departmentId && !actor.headOfDepartmentIds.includes(departmentId)) throw forbidden('review.notAllowed');
  return { departmentIds: departmentId ? [departmentId] : actor.headOfDepartmentIds };
}

function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** One collator for all comparisons: String#localeCompare with a locale builds a new one per call. */
const collator = new Intl.Collator('zh-CN');
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

/** The review's figures per department and per collaboration (DESIGN §2 rule 12). */
export async function buildReview(db: Db, actor: Actor, scope: ReviewScope, quarter: QuarterRange, now: Date, locale: 'zh-CN' | 'en') {
  const settings = actor.settings;
  const asOf = reviewAsOf(quarter, now, settings.timeZone);
  const [items, meetings, tags, delayCodes, texts] = await Promise.all([
    reviewItems(db, actor, scope, quarter, settings.staleAfterDays),
    reviewMeetings(db, actor, scope, quarter),
    topProblemTags(db, actor, scope, quarter),
    topDelayCodes(db, actor, scope, quarter),
    problemTexts(db, actor, scope, quarter),
  ]);
  const metrics = (i: ReviewItemRow[], m: ReviewMeetingRow[]): ReviewMetrics => reviewMetrics(i, m, quarter, asOf, settings.staleAfterDays);
  const itemsByDepartment = groupBy(items, (i) => i.departmentId);
  const meetingsByDepartment = groupBy(meetings, (m) => m.departmentId);
  const itemsByCollaboration = groupBy(items, (i) => i.collaborationId);
  const meetingsByCollaboration = groupBy(meetings, (m) => m.collaborationId);
  const collaborationIds = [...new Set([...itemsByCollaboration.keys(), ...meetingsByCollaboration.keys()])];
  const names = await reviewNames(db, actor, collaborationIds);
  const departmentIds = scope.departmentIds ?? [...new Set([...itemsByDepartment.keys(), ...meetingsByDepartment.keys()])];
  const departmentName = (id: string) => names.departments.get(id) ?? '';
  const labels = new Map(settings.delayReasonCodes.map((r) => [r.code, locale === 'en' ? r.labelEn : r.labelZh]));
  return {
    quarter: formatQuarter(quarter),
    start: quarter.start,
    end: quarter.end,
    asOf,
    departmentIds: scope.departmentIds,
    rules: { staleAfterDays: settings.staleAfterDays, publishWithinHours: settings.publishWithinHours },
    totals: metrics(items, meetings),
    departments: departmentIds
      .map((id) => ({ id, name: departmentName(id), ...metrics(itemsByDepartment.get(id) ?? [], meetingsByDepartment.get(id) ?? []) }))
      .sort(byName),
    collaborations: names.collaborations
      .map((c) => ({
        id: c.id,
        topic: c.topic,
        initiatingDepartment: { id: c.initiatingDepartmentId, name: departmentName(c.initiatingDepartmentId) },
        url: `/collaborations/${c.id}`,
        ...metrics(itemsByCollaboration.get(c.id) ?? [], meetingsByCollaboration.get(c.id) ?? []),
      }))
      .sort((a, b) => b.overdueCount - a.overdueCount || collator.compare(a.topic, b.topic)),
    problems: {
      tags: tags.map((t) => ({ tag: t.key, count: t.count, records: t.refs })),
      delayCodes: delayCodes.map((d) => ({ code: d.key, label: labels.get(d.key) ?? d.key, count: d.count, records: d.refs })),
      phrases: frequentPhrases(texts).map((p) => ({ phrase: p.phrase, count: p.count, records: p.refs })),
    },
  };
}

/** What GET /review answers (and GET /review/export renders). */
export type ReviewReport = Awaited<ReturnType<typeof buildReview>>;

/** GET /review: the quarterly review of how departments kept the template's rules, and the problems that recur. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/review', { schema: { tags: ['review'], querystring: reviewQuery } }, async (request) => {
    const actor = requireActor(request);
    const quarter = parseQuarter(request.query.quarter);
    if (!quarter) throw invalidField('quarter', 'review.invalidQuarter');
    const scope = await reviewScope(app.db, actor, request.query.departmentId);
    return buildReview(app.db, actor, scope, quarter, app.clock.now(), localeFrom(request.headers['accept-language']));
  });
};
