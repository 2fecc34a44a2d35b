import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../db/client.ts';

/** The `prev_hash` of an organisation's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The canonical text of an event, built by PostgreSQL's own jsonb printer exactly as the chain trigger's
 * `audit_event_digest` builds it (migrations/0004_audit_hash_chain.sql). Kept here as well, so verifying
 * does not trust a function stored in the database that is being checked.
 */
const canonicalSql = sql.raw(`jsonb_build_array(
  e.id, e.org_id, e.seq, e.actor_id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  e.entity_type, e.entity_id, e.collaboration_id, e.action, e.before, e.after, to_jsonb(e.restricted_to)
)::text`);

/** sha256 over the previous hash and the canonical event, as the trigger computes it. */
export function linkHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

export type ChainProblem = 'content_altered' | 'link_broken' | 'event_missing' | 'unlinked' | 'head_mismatch';

/** The first place an organisation's chain does not hold. */
export type ChainBreak = {
  orgId: string;
  orgName: string | null;
  problem: ChainProblem;
  /** The position where it breaks (for `head_mismatch`, the head's recorded length). */
  seq: number | null;
  eventId: string | null;
  at: string | null;
  entityType: string | null;
  action: string | null;
  message: string;
};

/** One organisation's chain: its length and last hash (worth keeping outside the database as an anchor). */
export type ChainSummary = { orgId: string; orgName: string | null; events: number; headHash: string };

export type ChainReport = { events: number; organizations: ChainSummary[]; breaks: ChainBreak[] };

type EventRow = {
  id: string;
  seq: string | number;
  prev_hash: string | null;
  hash: string | null;
  at: string;
  entity_type: string;
  action: string;
  canonical: string;
};

const PAGE = 5_000;

/**
 * Walks every organisation's audit chain (or one) in a single read-only snapshot, so it runs safely while
 * the server writes, and reports the first broken link of each: an event whose content no longer matches
 * its hash, a link pointing at another hash, a missing position (a deleted event), an event never linked,
 * or a chain head that does not match its last event (events removed at the end).
 */
export async function verifyAuditChain(db: Db, options: { orgId?: string } = {}): Promise<ChainReport> {
  return db.transaction(
    async (tx) => {
      const orgs = await queryRows<{ org_id: string; name: string | null; head_seq: string | number | null; head_hash: string | null }>(
        tx,
        sql`SELECT o.org_id, org.name, h.seq AS head_seq, h.hash AS head_hash
            FROM (SELECT org_id FROM audit_chain_heads UNION SELECT DISTINCT org_id FROM audit_events) o
            LEFT JOIN audit_chain_heads h ON h.org_id = o.org_id
            LEFT JOIN organizations org ON org.id = o.org_id
            ${options.orgId ? sql`WHERE o.org_id = ${options.orgId}::uuid` : sql``}
            ORDER BY org.name NULLS LAST, o.org_id`,
      );
      const report: ChainReport = { events: 0, organizations: [], breaks: [] };
      for (const org of orgs) {
        const result = await verifyOrganization(tx, org.org_id, org.name, {
          seq: org.head_seq === null ? null : Number(org.head_seq),
          hash: org.head_hash,
        });
        report.events += result.summary.events;
        report.organizations.push(result.summary);
        if (result.broken) report.breaks.push(result.broken);
      }
      return report;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function verifyOrganization(
  tx: DbOrTx,
  orgId: string,
  orgName: string | null,
  head: { seq: number | null; hash: string | null },
): Promise<{ summary: ChainSummary; broken: ChainBreak | null }> {
  const breakAt = (problem: ChainProblem, row: EventRow | null, seq: number | null, message: string): ChainBreak => ({
    orgId,
    orgName,
    problem,
    seq,
    eventId: row?.id ?? null,
    at: row ? new Date(row.at).toISOString() : null,
    entityType: row?.entity_type ?? null,
    action: row?.action ?? null,
    message,
  });
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let broken: ChainBreak | null = null;
  for (;;) {
    const rows = await queryRows<EventRow>(
      tx,
      sql`SELECT e.id, e.seq, e.prev_hash, e.hash, e.at, e.entity_type, e.action, ${canonicalSql} AS canonical
          FROM audit_events e
          WHERE e.org_id = ${orgId}::uuid AND e.seq >= ${expectedSeq}
          ORDER BY e.seq LIMIT ${PAGE}`,
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        broken = breakAt('event_missing', row, expectedSeq, `event #${expectedSeq} is missing (deleted): the chain jumps from #${expectedSeq - 1} to #${seq}`);
        break;
      }
      if (row.prev_hash !== prevHash) {
        broken = breakAt('link_broken', row, seq, `event #${seq} does not point at the hash of event #${seq - 1} (events removed, reordered or re-linked)`);
        break;
      }
      if (row.hash !== linkHash(prevHash, row.canonical)) {
        broken = breakAt('content_altered', row, seq, `event #${seq} was altered after it was written: its content no longer matches its hash`);
        break;
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
    }
    if (broken || rows.length < PAGE) break;
  }
  const events = expectedSeq - 1;
  if (!broken) {
    const [unlinked] = await queryRows<EventRow>(
      tx,
      sql`SELECT e.id, e.seq, e.prev_hash, e.hash, e.at, e.entity_type, e.action, '' AS canonical
          FROM audit_events e WHERE e.org_id = ${orgId}::uuid AND e.seq IS NULL ORDER BY e.at, e.id LIMIT 1`,
    );
    if (unlinked) {
      broken = breakAt('unlinked', unlinked, null, 'an event was written without a place in the chain (the chain trigger was bypassed)');
    } else if (head.seq !== events || head.hash !== prevHash) {
      broken = breakAt(
        'head_mismatch',
        null,
        head.seq,
        `the chain head records ${head.seq ?? 'no'} event(s) but the chain holds ${events} (events removed at the end, or the head was altered)`,
      );
    }
  }
  return { summary: { orgId, orgName, events, headHash: prevHash }, broken };
}
