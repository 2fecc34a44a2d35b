/** NOTIFY channel carrying every committed change, for live clients on every instance. */
export const CHANGES_CHANNEL = 'liaison_changes';

/** What a live client hears: which record changed and how — ids only, never content, so nothing sensitive travels. */
export type ChangeEvent = {
  orgId: string;
  collaborationId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  at: string;
};
