/** Whose meetings: where I host, record or attend (`mine`), or only where I host or record. */
export const ROLES = ['mine', 'host', 'recorder'] as const;
/** What still waits: nothing in particular, the agenda to send, or the minutes to publish. */
export const PENDING = ['all', 'agenda', 'minutes'] as const;
export type Role = (typeof ROLES)[number];
export type Pending = (typeof PENDING)[number];

/** The list's filters as the URL holds them (?role=recorder&pending=minutes), so every view is a link. */
export function meetingFiltersFrom(params: URLSearchParams): { role: Role; pending: Pending } {
  const role = params.get('role');
  const pending = params.get('pending');
  return {
    role: (ROLES as readonly string[]).includes(role ?? '') ? (role as Role) : 'mine',
    pending: (PENDING as readonly string[]).includes(pending ?? '') ? (pending as Pending) : 'all',
  };
}
