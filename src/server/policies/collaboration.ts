import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';

/** What the caller is to a collaboration; computed in SQL together with the row (see `accessFactsSql`). */
export type CollaborationAccessFacts = {
  visibility: 'participants' | 'organization';
  creatorId: string;
  ownerId: string | null;
  initiatingDepartmentId: string;
  archived: boolean;
  /** Member or head of the initiating or a participating department. */
  isDepartmentMember: boolean;
  /** Host, recorder or attendee of one of its meetings. */
  isMeetingPerson: boolean;
  /** Owner of one of its action items. */
  isItemOwner: boolean;
};

/** The facts that decide who edits a collaboration (enough for rows already known to be visible). */
export type CollaborationEditorFacts = Pick<CollaborationAccessFacts, 'creatorId' | 'ownerId' | 'initiatingDepartmentId'>;

export type CollaborationAbilities = {
  read: boolean;
  update: boolean;
  addRemark: boolean;
  createMeeting: boolean;
  createActionItem: boolean;
  acceptItems: boolean;
  archive: boolean;
  manageChannels: boolean;
};

/** The caller's own departments, including those they head without being listed as a member. */
export function actorDepartmentIds(actor: Actor): string[] {
  return [...new Set([...actor.departmentIds, ...actor.headOfDepartmentIds])];
}

/**
 * DESIGN §2 rule 9. Editors: admins, the creator, the owner and the initiating department's head.
 * Readers: members of the initiating and participating departments, meeting people, item owners, pmo,
 * and everyone in the organisation when it is marked org-visible.
 */
export function isCollaborationEditor(actor: Actor, facts: CollaborationEditorFacts): boolean {
  return (
    actor.role === 'admin' ||
    facts.creatorId === actor.userId ||
    facts.ownerId === actor.userId ||
    actor.headOfDepartmentIds.includes(facts.initiatingDepartmentId)
  );
}

export function canReadCollaboration(actor: Actor, facts: CollaborationAccessFacts): boolean {
  return (
    isCollaborationEditor(actor, facts) ||
    actor.role === 'pmo' ||
    facts.visibility === 'organization' ||
    facts.isDepartmentMember ||
    facts.isMeetingPerson ||
    facts.isItemOwner
  );
}

export function collaborationAbilities(actor: Actor, facts: CollaborationAccessFacts): CollaborationAbilities {
  const read = canReadCollaboration(actor, facts);
  const edit = read && !facts.archived && isCollaborationEditor(actor, facts);
  return {
    read,
    update: edit,
    addRemark: edit,
    createMeeting: edit,
    createActionItem: edit,
    acceptItems: edit,
    archive: read && isCollaborationEditor(actor, facts) && !facts.archived,
    manageChannels: edit,
  };
}

const uuidArray = (ids: string[]) => (ids.length ? sql`ARRAY[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]` : sql`ARRAY[]::uuid[]`);

/**
 * The access facts as SQL expressions over a collaborations row aliased `c`, so single reads get them in
 * the same query and list queries filter with `visibleCollaborationSql` inside the database.
 */
export function accessFactsSql(actor: Actor, c: SQL = sql.raw('c')) {
  const departmentIds = uuidArray(actorDepartmentIds(actor));
  const userId = sql`${actor.userId}::uuid`;
  return {
    isDepartmentMember: sql<boolean>`(${c}.initiating_department_id = ANY(${departmentIds}) OR EXISTS (SELECT 1 FROM collaboration_departments cd WHERE cd.collaboration_id = ${c}.id AND cd.department_id = ANY(${departmentIds})))`,
    isMeetingPerson: sql<boolean>`EXISTS (SELECT 1 FROM meetings m WHERE m.collaboration_id = ${c}.id AND (m.host_id = ${userId} OR m.recorder_id = ${userId} OR EXISTS (SELECT 1 FROM meeting_attendees ma WHERE ma.meeting_id = m.id AND ma.user_id = ${userId})))`,
    isItemOwner: sql<boolean>`EXISTS (SELECT 1 FROM action_items ai WHERE ai.collaboration_id = ${c}.id AND ai.owner_id = ${userId})`,
  };
}

/** Admins and pmo read every collaboration of their organisation: a query for them needs no per-row test. */
export function readsWholeOrganization(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'pmo';
}

/** `canReadCollaboration` as a WHERE condition on collaborations aliased `c` (tenant scope included). */
export function visibleCollaborationSql(actor: Actor, c: SQL = sql.raw('c')): SQL {
  const orgScope = sql`${c}.org_id = ${actor.orgId}::uuid`;
  if (readsWholeOrganization(actor)) return orgScope;
  const facts = accessFactsSql(actor, c);
  const userId = sql`${actor.userId}::uuid`;
  const headed = uuidArray(actor.headOfDepartmentIds);
  return sql`(${orgScope} AND (${c}.visibility = 'organization' OR ${c}.creator_id = ${userId} OR ${c}.owner_id = ${userId} OR ${c}.initiating_department_id = ANY(${headed}) OR ${facts.isDepartmentMember} OR ${facts.isMeetingPerson} OR ${facts.isItemOwner}))`;
}

/**
 * The collaborations `visibleCollaborationSql` admits, as a SELECT of their ids: the same rule written as a
 * union of index lookups (org-visible, created or owned, the actor's departments initiating or taking part,
 * meetings hosted, recorded or attended, items owned), so its cost follows what the actor reads rather than
 * how many collaborations the organisation holds. test/visible-collaborations.test.ts keeps the two equal.
 */
export function visibleCollaborationIdsSql(actor: Actor): SQL {
  const orgId = sql`${actor.orgId}::uuid`;
  if (actor.role === 'admin' || actor.role === 'pmo') return sql`SELECT c.id FROM collaborations c WHERE c.org_id = ${orgId}`;
  const departmentIds = uuidArray(actorDepartmentIds(actor));
  const userId = sql`${actor.userId}::uuid`;
  return sql`
    SELECT c.id FROM collaborations c WHERE c.org_id = ${orgId} AND c.visibility = 'organization'
    UNION SELECT c.id FROM collaborations c WHERE c.org_id = ${orgId} AND (c.creator_id = ${userId} OR c.owner_id = ${userId})
    UNION SELECT c.id FROM collaborations c WHERE c.org_id = ${orgId} AND c.initiating_department_id = ANY(${departmentIds})
    UNION SELECT cd.collaboration_id FROM collaboration_departments cd WHERE cd.org_id = ${orgId} AND cd.department_id = ANY(${departmentIds})
    UNION SELECT m.collaboration_id FROM meetings m WHERE m.org_id = ${orgId} AND (m.host_id = ${userId} OR m.recorder_id = ${userId})
    UNION SELECT m.collaboration_id FROM meeting_attendees ma JOIN meetings m ON m.id = ma.meeting_id WHERE ma.user_id = ${userId} AND m.org_id = ${orgId}
    UNION SELECT ai.collaboration_id FROM action_items ai WHERE ai.org_id = ${orgId} AND ai.owner_id = ${userId}`;
}
