import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import { queryRows, type DbOrTx } from '../client.ts';
import { visibleCollaborationIdsSql, visibleCollaborationSql } from '../../policies/collaboration.ts';
import { sensitiveVisibleSql } from '../../policies/sensitive.ts';
import type { SearchResultKind } from '../../../shared/schemas/search.ts';
import { searchQueryFor } from '../../search/bigrams.ts';

export type SearchRow = {
  kind: SearchResultKind;
  id: string;
  collaboration_id: string;
  collaboration_topic: string;
  title: string;
  /** The first field (in reading order) that contains the query: the snippet is cut from it. */
  matched_text: string;
  /** 0 the title equals the query, 1 the title contains it, 2 only the body does. */
  rank: number;
  archived: boolean;
  meeting_id: string | null;
  action_item_id: string | null;
  created_at: Date;
};

export type SearchParams = {
  q: string;
  limit: number;
  after?: { rank: number; createdAt: string; id: string } | undefined;
};

/** `%q%` with LIKE's own metacharacters escaped, so 100% or a_b match literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Everything the actor may read that contains `q` as a substring (ILIKE), best first: an exact title, then
 * a title containing it, then a body containing it; newer first within a rank. Permissions are applied in
 * the SQL — only collaborations the actor reads, and sensitive topics, items and their updates only for
 * the users they name — so nothing else reaches a snippet, a count or a page boundary.
 *
 * Two statements. The first lists the collaborations the actor reads (`visibleCollaborationIdsSql`, index
 * lookups; skipped for admins and pmo, who read the whole organisation); nothing visible, nothing to search.
 * The second searches with that list as a constant, so PostgreSQL sees its size and narrows each table by a
 * BitmapAnd of the bigram GIN index (`search_text`, src/server/search/bigrams.ts: two characters such as 预算
 * work like longer queries) and the `collaboration_id` btree before it reads a row. ILIKE then decides, so
 * the results are exactly those of a plain `ILIKE '%q%'` scan; a query with nothing indexable (only
 * punctuation) is answered by ILIKE alone.
 */
export async function searchRecords(db: DbOrTx, actor: Actor, p: SearchParams): Promise<SearchRow[]> {
  const visibleIds = await readableCollaborationIds(db, actor);
  if (visibleIds?.length === 0) return [];
  const rows = await queryRows<SearchRow>(db, searchSql(actor, p, visibleIds));
  return rows.map((r) => ({ ...r, rank: Number(r.rank), created_at: new Date(r.created_at) }));
}

/** The first statement of `searchRecords`: the collaborations the actor reads, or null for the whole organisation. */
export async function readableCollaborationIds(db: DbOrTx, actor: Actor): Promise<string[] | null> {
  if (actor.role === 'admin' || actor.role === 'pmo') return null;
  const [row] = await queryRows<{ ids: string[] | null }>(db, sql`SELECT array_agg(id) AS ids FROM (${visibleCollaborationIdsSql(actor)}) v`);
  return row?.ids ?? [];
}

/**
 * The second statement of `searchRecords` (also for benchmarks to EXPLAIN). `visibleIds` are the
 * collaborations the actor reads, or null for the whole organisation (admins and pmo).
 */
export function searchSql(actor: Actor, p: SearchParams, visibleIds: string[] | null): SQL {
  const pattern = containsPattern(p.q);
  const tsquery = searchQueryFor(p.q);
  const like = (expr: SQL) => sql`${expr} ILIKE ${pattern}`;
  const anyLike = (...exprs: SQL[]) => sql`(${sql.join(exprs.map(like), sql` OR `)})`;
  /** The row aliased `alias` may contain q (index), and one of `exprs` does (ILIKE). */
  const matches = (alias: string, ...exprs: SQL[]) =>
    tsquery ? sql`${sql.raw(alias)}.search_text @@ ${tsquery}::tsquery AND ${anyLike(...exprs)}` : anyLike(...exprs);
  const ids = visibleIds ? sql`${`{${visibleIds.join(',')}}`}::uuid[]` : null;
  /** Narrows by the visible collaborations before rows are read; `copied` columns may be NULL (not known). */
  const within = (column: string, copied = false) => {
    if (!ids) return sql`TRUE`;
    const c = sql.raw(column);
    return copied ? sql`(${c} = ANY(${ids}) OR ${c} IS NULL)` : sql`${c} = ANY(${ids})`;
  };
  const exact = (expr: SQL) => sql`lower(${expr}) = lower(${p.q})`;
  const perKind = p.limit + 1;
  const afterSql = p.after
    ? sql`WHERE (rank > ${p.after.rank} OR (rank = ${p.after.rank} AND (created_at, id) < (${p.after.createdAt}::timestamptz, ${p.after.id}::uuid)))`
    : sql``;
  const branch = (select: SQL) => sql`(SELECT * FROM (${select}) k ${afterSql} ORDER BY rank, created_at DESC, id DESC LIMIT ${perKind})`;
  const visible = ids
    ? sql`SELECT c.id, c.topic, c.archived_at FROM collaborations c WHERE c.id = ANY(${ids}) AND c.org_id = ${actor.orgId}::uuid`
    : sql`SELECT c.id, c.topic, c.archived_at FROM collaborations c WHERE ${visibleCollaborationSql(actor, sql.raw('c'))}`;

  const collaborations = sql`
    SELECT 'collaboration' AS kind, c.id, c.id AS collaboration_id, c.topic AS collaboration_topic, c.topic AS title,
      CASE WHEN ${like(sql`c.topic`)} THEN c.topic WHEN ${like(sql`c.goal`)} THEN c.goal ELSE c.progress_summary END AS matched_text,
      CASE WHEN ${exact(sql`c.topic`)} THEN 0 WHEN ${like(sql`c.topic`)} THEN 1 ELSE 2 END AS rank,
      c.archived_at IS NOT NULL AS archived, NULL::uuid AS meeting_id, NULL::uuid AS action_item_id, date_trunc('milliseconds', c.created_at) AS created_at
    FROM collaborations c
    WHERE ${matches('c', sql`c.topic`, sql`c.goal`, sql`c.progress_summary`)}
      AND ${within('c.id')} AND c.id IN (SELECT id FROM visible)`;

  const feedbackMatch = sql`(SELECT f.text FROM topic_feedback f WHERE f.topic_id = t.id AND ${like(sql`f.text`)} ORDER BY f.position LIMIT 1)`;
  const topics = sql`
    SELECT 'topic' AS kind, t.id, c.id AS collaboration_id, c.topic AS collaboration_topic, t.title,
      CASE WHEN ${like(sql`t.title`)} THEN t.title WHEN ${like(sql`t.discussion`)} THEN t.discussion
        WHEN ${like(sql`t.disagreements`)} THEN t.disagreements WHEN ${like(sql`t.consensus`)} THEN t.consensus
        ELSE ${feedbackMatch} END AS matched_text,
      CASE WHEN ${exact(sql`t.title`)} THEN 0 WHEN ${like(sql`t.title`)} THEN 1 ELSE 2 END AS rank,
      c.archived_at IS NOT NULL AS archived, t.meeting_id, NULL::uuid AS action_item_id, date_trunc('milliseconds', t.created_at) AS created_at
    FROM (
        SELECT x.id FROM topics x
        WHERE x.org_id = ${actor.orgId}::uuid AND ${within('x.collaboration_id', true)}
          AND ${matches('x', sql`x.title`, sql`x.discussion`, sql`x.disagreements`, sql`x.consensus`)}
        UNION
        SELECT f.topic_id FROM topic_feedback f
        WHERE f.org_id = ${actor.orgId}::uuid AND ${within('f.collaboration_id', true)} AND ${matches('f', sql`f.text`)}
      ) hit
      JOIN topics t ON t.id = hit.id JOIN meetings tm ON tm.id = t.meeting_id JOIN visible c ON c.id = tm.collaboration_id
    WHERE t.org_id = ${actor.orgId}::uuid AND ${sensitiveVisibleSql(actor, 't')}`;

  const actionItems = sql`
    SELECT 'action_item' AS kind, a.id, c.id AS collaboration_id, c.topic AS collaboration_topic, a.description AS title,
      CASE WHEN ${like(sql`a.description`)} THEN a.description WHEN ${like(sql`a.deliverable`)} THEN a.deliverable ELSE a.status_text END AS matched_text,
      CASE WHEN ${exact(sql`a.description`)} THEN 0 WHEN ${like(sql`a.description`)} THEN 1 ELSE 2 END AS rank,
      c.archived_at IS NOT NULL AS archived, a.meeting_id, a.id AS action_item_id, date_trunc('milliseconds', a.created_at) AS created_at
    FROM action_items a JOIN visible c ON c.id = a.collaboration_id
    WHERE ${matches('a', sql`a.description`, sql`a.deliverable`, sql`a.status_text`)}
      AND ${within('a.collaboration_id')} AND a.org_id = ${actor.orgId}::uuid AND ${sensitiveVisibleSql(actor, 'a')}`;

  // An update is as sensitive as its item: it carries the item's content. Visibility is decided through the
  // item; the update's own copy of the collaboration only narrows.
  const updates = sql`
    SELECT 'progress_update' AS kind, u.id, c.id AS collaboration_id, c.topic AS collaboration_topic, a.description AS title,
      CASE WHEN ${like(sql`u.status_text`)} THEN u.status_text WHEN ${like(sql`coalesce(u.delay_reason, '')`)} THEN u.delay_reason ELSE u.remedy END AS matched_text,
      2 AS rank, c.archived_at IS NOT NULL AS archived, a.meeting_id, a.id AS action_item_id, date_trunc('milliseconds', u.created_at) AS created_at
    FROM progress_updates u JOIN action_items a ON a.id = u.action_item_id JOIN visible c ON c.id = a.collaboration_id
    WHERE ${matches('u', sql`u.status_text`, sql`u.delay_reason`, sql`u.remedy`)}
      AND ${within('u.collaboration_id', true)} AND u.org_id = ${actor.orgId}::uuid AND ${sensitiveVisibleSql(actor, 'a')}`;

  const remarks = sql`
    SELECT 'remark' AS kind, r.id, c.id AS collaboration_id, c.topic AS collaboration_topic, c.topic AS title,
      r.text AS matched_text, 2 AS rank, c.archived_at IS NOT NULL AS archived, NULL::uuid AS meeting_id, NULL::uuid AS action_item_id, date_trunc('milliseconds', r.created_at) AS created_at
    FROM remarks r JOIN visible c ON c.id = r.collaboration_id
    WHERE ${matches('r', sql`r.text`)} AND ${within('r.collaboration_id')} AND r.org_id = ${actor.orgId}::uuid`;

  return sql`
    WITH visible AS MATERIALIZED (${visible})
    SELECT * FROM (
      ${branch(collaborations)} UNION ALL ${branch(topics)} UNION ALL ${branch(actionItems)}
      UNION ALL ${branch(updates)} UNION ALL ${branch(remarks)}
    ) results
    ORDER BY rank, created_at DESC, id DESC
    LIMIT ${perKind}`;
}
