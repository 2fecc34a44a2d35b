import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/schemas/common.ts';
import { archiveQuery } from '../../../shared/schemas/archive.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { notFound } from '../../errors.ts';
import { listArchivedCollaborations, type ArchivedCollaborationRow } from '../../db/queries/archive.ts';
import { findCollaborationWithFacts } from '../../db/queries/collaborations.ts';
import { loadCollaborationParts } from '../../db/queries/collaboration-detail.ts';
import { canReadCollaboration } from '../../policies/collaboration.ts';
import { presentCollaboration } from '../../presenters/collaboration.ts';
import { formatInstant } from '../../presenters/instant.ts';
import { unarchiveCollaboration } from '../../commands/unarchive-collaboration.ts';
import { formatQuarter } from '../../../domain/period.ts';
import type { Actor } from '../../auth/actor.ts';

/** One archived project as the browser lists it, named the template's way: 年份-季度-项目名称. */
function presentArchivedProject(actor: Actor, r: ArchivedCollaborationRow) {
  return {
    id: r.id,
    topic: r.topic,
    archiveName: `${r.period_year}-Q${r.period_quarter}-${r.topic}`,
    scenario: r.scenario,
    status: r.status,
    initiatingDepartment: { id: r.initiating_department_id, name: r.initiating_department_name },
    archivedAt: formatInstant(r.archived_at, actor.settings.timeZone),
    completedAt: formatInstant(r.completed_at, actor.settings.timeZone),
    counts: {
      meetings: r.meetings,
      topics: r.topics,
      actionItems: r.action_items,
      progressUpdates: r.progress_updates,
      remarks: r.remarks,
      attachments: r.attachments,
    },
    url: `/collaborations/${r.id}`,
  };
}

type Project = ReturnType<typeof presentArchivedProject>;
type QuarterNode = { quarter: number; period: string; count: number; collaborations: Project[] };
type YearNode = { year: number; count: number; quarters: QuarterNode[] };

/** Groups rows already ordered year ↓, quarter ↓, topic into the year → quarter → project tree. */
function archiveTree(actor: Actor, rows: ArchivedCollaborationRow[]): YearNode[] {
  const years: YearNode[] = [];
  for (const r of rows) {
    let year = years.at(-1);
    if (year?.year !== r.period_year) years.push((year = { year: r.period_year, count: 0, quarters: [] }));
    let quarter = year.quarters.at(-1);
    if (quarter?.quarter !== r.period_quarter) {
      quarter = { quarter: r.period_quarter, period: formatQuarter({ year: r.period_year, quarter: r.period_quarter as 1 | 2 | 3 | 4 }), count: 0, collaborations: [] };
      year.quarters.push(quarter);
    }
    quarter.collaborations.push(presentArchivedProject(actor, r));
    quarter.count += 1;
    year.count += 1;
  }
  return years;
}

/** The archive browser (year → quarter → project) and an admin's way back out of the archive. */
export const archiveRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['archive'];

  app.get('/archive', { schema: { tags, querystring: archiveQuery } }, async (request) => {
    const actor = requireActor(request);
    const rows = await listArchivedCollaborations(app.db, actor, request.query);
    return { total: rows.length, years: archiveTree(actor, rows) };
  });

  app.post('/collaborations/:id/unarchive', { schema: { tags, params: idParams } }, async (request) => {
    const actor = requireActor(request);
    await unarchiveCollaboration(app.db, actor, request.params.id, app.clock.now());
    const found = await findCollaborationWithFacts(app.db, actor, request.params.id);
    if (!found || !canReadCollaboration(actor, found.facts)) throw notFound();
    const parts = await loadCollaborationParts(app.db, found.row, [found.row.initiatingDepartmentId, ...found.participatingDepartmentIds]);
    return presentCollaboration(actor, found, parts, app.clock.now());
  });
};
