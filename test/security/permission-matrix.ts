/**
 * The permission matrix: who may see and do what, as one truth table (DESIGN §2 rules 9–10, API.md
 * "a caller who may not see an object gets 404, never 403"). test/security/matrix-walk.ts asks every
 * cell of it against the running app and counts each answer that allows what a cell denies as a leak.
 *
 * Columns — the actors, each a relation to the fixture collaboration C (initiated by 市场部, with 研发部
 * and 销售部 taking part) and its meeting M:
 *
 *   adm  the organisation's admin                      pmo  a pmo (reads every non-sensitive record)
 *   hd   the initiating department's head (市场部)       cr   C's creator (from an uninvolved department)
 *   ow   C's owner (uninvolved department)              hs   M's host (uninvolved department)
 *   rc   M's recorder (uninvolved department)           io   owner of C's action items (uninvolved department)
 *   pa   a member of a participating department (研发部) at   an attendee of M from another department (设计部)
 *   ou   an outsider of the same organisation (行政部)   oa   the admin of another organisation
 *   dx   a deactivated user (signed in and holding a token before deactivation)
 *   an   no session at all
 *
 * Every actor but `an` asks twice: with a cookie session (+ X-CSRF-Token) and with a personal access
 * token (`Authorization: Bearer`). Both expect the same cell unless a row gives `tokens`. One more
 * principal, `adm!csrf`, is the admin's cookie session without the CSRF header: every non-GET route
 * answers CSRF (403 CSRF_FAILED) to it — sign-in excepted — and every GET the admin's cell. File rows
 * (exports) are walked with sessions only: a PDF takes over a second to render, and a token reaches a
 * route exactly as a session does, which every other row walks.
 *
 * States of collaboration-scoped rows (the walker builds one world per state):
 *   active     C active, M's minutes a draft (its sensitive topic still lacks a feedback row)
 *   published  C active, M's minutes published
 *   archived   C completed and archived, M published: read-only for everyone
 *   orgwide    as active, but C marked visible to the whole organisation
 * and every sensitive target names only some actors (`visibleToUserIds`):
 *   secretTopic                 → hs, pa        (a minutes editor and a reader; admins and editors are not named)
 *   secretItem, secretDoneItem  → hd, io, at    (an editor, the item's owner, a reader)
 *
 * Outcomes: OK 2xx · 400 refused input (another organisation's ids) · 401 · 403 · 404 · 409 CONFLICT
 * (state: already published, not archived...) · ARC 409 ARCHIVED · 422 RECORD_INCOMPLETE · CSRF.
 * A 200 of a list or a read is not the end of it: the walker scans every body for the marker strings
 * planted in sensitive and collaboration text, and a marker reaching someone it does not name is a leak.
 */

export const actorKeys = ['adm', 'pmo', 'hd', 'cr', 'ow', 'hs', 'rc', 'io', 'pa', 'at', 'ou', 'oa', 'dx', 'an'] as const;
export type ActorKey = (typeof actorKeys)[number];

export const actorNames: Record<ActorKey, string> = {
  adm: 'admin',
  pmo: 'pmo',
  hd: 'initiating head',
  cr: 'creator',
  ow: 'collaboration owner',
  hs: 'host',
  rc: 'recorder',
  io: 'item owner',
  pa: 'participating member',
  at: 'attendee (other department)',
  ou: 'outsider',
  oa: "another organisation's admin",
  dx: 'deactivated user',
  an: 'no session',
};

export const outcomes = ['OK', '400', '401', '403', '404', '409', 'ARC', '422', 'CSRF'] as const;
export type Outcome = (typeof outcomes)[number];
/** Outcomes that refuse: an answer of 2xx where the table says one of these is a leak. */
export const isDenied = (outcome: Outcome) => outcome !== 'OK';

export const collaborationStates = ['active', 'published', 'archived', 'orgwide'] as const;
export type CollaborationState = (typeof collaborationStates)[number];
export type State = CollaborationState | 'org';

/** What a row's `:id` names; `none` for routes without one. Collaboration-scoped targets live in a state's world. */
export type Target =
  | 'none'
  | 'ownToken'
  | 'othersToken'
  | 'department'
  | 'user'
  | 'ownNotification'
  | 'othersNotification'
  | 'deadDelivery'
  | 'collaboration'
  | 'meeting'
  | 'topic'
  | 'secretTopic'
  | 'item'
  | 'secretItem'
  | 'doneItem'
  | 'secretDoneItem'
  | 'channel'
  | 'attachment'
  | 'secretAttachment';

export type MatrixRow = {
  /** `METHOD /path` exactly as API.md / the OpenAPI document name it (`:id` for the path id). */
  route: string;
  /** Distinguishes rows of one route (another target or query). */
  variant?: string;
  target: Target;
  /** One line of 14 outcomes (columns as `actorKeys`) per state. */
  expect: Partial<Record<State, string>>;
  /** Where an access token's answer differs from the session's. */
  tokens?: Partial<Record<State, string>>;
  /** A successful call uses its target up (deletes, publishes, accepts...): each allowed cell gets a fresh one. */
  consumes?: boolean;
  /** Routes another helper is adding (exports, imports, attachments): walked once served, skipped until then. */
  planned?: boolean;
};

const org = (line: string) => ({ org: line });
const all = (line: string, orgwide = line) => ({ active: line, published: line, archived: line, orgwide });

/* eslint-disable no-multi-spaces */
// prettier-ignore
export const matrix: MatrixRow[] = [
  //                                                                            adm pmo hd  cr  ow  hs  rc  io  pa  at  ou  oa  dx  an
  // ── Sign-in, the caller's own account ─────────────────────────────────────────────────────────────────
  { route: 'POST /auth/login',                        target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'POST /auth/logout',                       target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK '),
    tokens:                                                                             org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /auth/me',                            target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'POST /me/password',                       target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /me/preferences',                     target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'PUT /me/preferences',                     target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'POST /me/tokens',                         target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /me/tokens',                          target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'DELETE /me/tokens/:id', variant: 'own',   target: 'ownToken',       expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401'), consumes: true },
  { route: 'DELETE /me/tokens/:id', variant: "another user's", target: 'othersToken', expect: org('404 404 404 404 404 404 404 404 404 404 404 404 401 401') },

  // ── Organisation ─────────────────────────────────────────────────────────────────────────────────────
  { route: 'GET /departments',                        target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'POST /admin/departments',                 target: 'none',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 OK  401 401') },
  { route: 'PATCH /admin/departments/:id',            target: 'department',     expect: org('OK  403 403 403 403 403 403 403 403 403 403 404 401 401') },
  { route: 'GET /users',                              target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'POST /admin/users',                       target: 'none',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 OK  401 401') },
  { route: 'PATCH /admin/users/:id',                  target: 'user',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 404 401 401') },
  { route: 'GET /admin/settings',                     target: 'none',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 OK  401 401') },
  { route: 'PATCH /admin/settings',                   target: 'none',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 OK  401 401') },

  // ── Lists, search, archive, review, notifications, live events: everyone signed in, filtered ───────
  { route: 'POST /collaborations',                    target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  400 401 401') },
  { route: 'GET /collaborations',                     target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /meetings',                           target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /action-items',                       target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /search', variant: 'q=MARKER',        target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /archive',                            target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /review',                             target: 'none',           expect: org('OK  OK  OK  403 403 403 403 403 403 403 403 OK  401 401') },
  { route: 'GET /review', variant: 'departmentId=研发部', target: 'none',        expect: org('OK  OK  403 403 403 403 403 403 403 403 403 400 401 401') },
  { route: 'GET /review/export', variant: 'format=xlsx', target: 'none', expect: org('OK  OK  OK  403 403 403 403 403 403 403 403 OK  401 401'), planned: true },
  { route: 'GET /review/export', variant: 'format=pdf',  target: 'none', expect: org('OK  OK  OK  403 403 403 403 403 403 403 403 OK  401 401'), planned: true },
  { route: 'GET /notifications',                      target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'POST /notifications/:id/read', variant: 'own', target: 'ownNotification', expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'POST /notifications/:id/read', variant: "another user's", target: 'othersNotification', expect: org('404 404 404 404 404 404 404 404 404 404 404 404 401 401') },
  { route: 'POST /notifications/read-all',            target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /events',                             target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },

  // ── The organisation's chat groups and the outbox: admins ───────────────────────────────────────────
  { route: 'GET /admin/channels',                     target: 'none',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 OK  401 401') },
  { route: 'POST /admin/channels',                    target: 'none',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 OK  401 401') },
  { route: 'GET /admin/deliveries',                   target: 'none',           expect: org('OK  403 403 403 403 403 403 403 403 403 403 OK  401 401') },
  { route: 'POST /admin/deliveries/:id/retry',        target: 'deadDelivery',   expect: org('OK  403 403 403 403 403 403 403 403 403 403 404 401 401'), consumes: true },

  // ── One collaboration ────────────────────────────────────────────────────────────────────────────────
  //                                                                            adm pmo hd  cr  ow  hs  rc  io  pa  at  ou  oa  dx  an
  { route: 'GET /collaborations/:id',                 target: 'collaboration',  expect: all('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  404 404 401 401',
                                                                                              'OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  404 401 401') },
  { route: 'PATCH /collaborations/:id',               target: 'collaboration',  expect: editors() },
  { route: 'POST /collaborations/:id/remarks',        target: 'collaboration',  expect: editors() },
  { route: 'GET /collaborations/:id/history',         target: 'collaboration',  expect: readers() },
  { route: 'POST /collaborations/:id/archive',        target: 'collaboration',  expect: editors(), consumes: true },
  { route: 'POST /collaborations/:id/unarchive',      target: 'collaboration',  consumes: true, expect: {
    active:    '409 403 403 403 403 403 403 403 403 403 404 404 401 401',
    published: '409 403 403 403 403 403 403 403 403 403 404 404 401 401',
    archived:  'OK  403 403 403 403 403 403 403 403 403 404 404 401 401',
    orgwide:   '409 403 403 403 403 403 403 403 403 403 403 404 401 401' } },
  { route: 'GET /action-items', variant: 'collaborationId', target: 'collaboration', expect: all('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /meetings', variant: 'collaborationId', target: 'collaboration', expect: all('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },
  { route: 'GET /search', variant: "q=C's marker",    target: 'collaboration',  expect: all('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401') },

  // ── Meetings and minutes ────────────────────────────────────────────────────────────────────────────
  { route: 'POST /collaborations/:id/meetings',       target: 'collaboration',  expect: editors() },
  { route: 'GET /meetings/:id',                       target: 'meeting',        expect: readers() },
  { route: 'GET /meetings/:id/invite.ics',            target: 'meeting',        expect: readers() },
  { route: 'PATCH /meetings/:id',                     target: 'meeting',        expect: minutesEditors() },
  { route: 'POST /meetings/:id/agenda/send',          target: 'meeting',        expect: {
    active:    'OK  403 OK  OK  OK  OK  403 403 403 403 404 404 401 401',
    published: 'OK  403 OK  OK  OK  OK  403 403 403 403 404 404 401 401',
    archived:  'ARC ARC ARC ARC ARC ARC ARC ARC ARC ARC 404 404 401 401',
    orgwide:   'OK  403 OK  OK  OK  OK  403 403 403 403 403 404 401 401' } },
  { route: 'POST /meetings/:id/held',                 target: 'meeting',        expect: minutesEditors({ published: '409 403 409 409 409 409 409 403 403 403 404 404 401 401' }) },
  { route: 'POST /meetings/:id/publish', variant: 'complete record', target: 'meeting', consumes: true,
    expect: minutesEditors({ published: '409 403 409 409 409 409 409 403 403 403 404 404 401 401' }) },
  { route: 'POST /meetings/:id/publish', variant: 'incomplete record', target: 'meeting', expect: {
    active:    '422 403 422 422 422 422 422 403 403 403 404 404 401 401',
    published: '409 403 409 409 409 409 409 403 403 403 404 404 401 401',
    archived:  'ARC ARC ARC ARC ARC ARC ARC ARC ARC ARC 404 404 401 401',
    orgwide:   '422 403 422 422 422 422 422 403 403 403 403 404 401 401' } },
  { route: 'POST /meetings/:id/topics',               target: 'meeting',        expect: minutesEditors() },
  { route: 'PATCH /topics/:id',                       target: 'topic',          expect: minutesEditors() },
  { route: 'PATCH /topics/:id', variant: 'sensitive', target: 'secretTopic',    expect: {
    active:    '404 404 404 404 404 OK  404 404 403 404 404 404 401 401',
    published: '404 404 404 404 404 OK  404 404 403 404 404 404 401 401',
    archived:  '404 404 404 404 404 ARC 404 404 ARC 404 404 404 401 401',
    orgwide:   '404 404 404 404 404 OK  404 404 403 404 404 404 401 401' } },
  { route: 'DELETE /topics/:id',                      target: 'topic',          consumes: true,
    expect: minutesEditors({ published: '409 403 409 409 409 409 409 403 403 403 404 404 401 401' }) },
  { route: 'DELETE /topics/:id', variant: 'sensitive', target: 'secretTopic',   consumes: true, expect: {
    active:    '404 404 404 404 404 OK  404 404 403 404 404 404 401 401',
    published: '404 404 404 404 404 409 404 404 403 404 404 404 401 401',
    archived:  '404 404 404 404 404 ARC 404 404 ARC 404 404 404 401 401',
    orgwide:   '404 404 404 404 404 OK  404 404 403 404 404 404 401 401' } },

  // ── Action items and progress ───────────────────────────────────────────────────────────────────────
  //                                                                            adm pmo hd  cr  ow  hs  rc  io  pa  at  ou  oa  dx  an
  { route: 'POST /collaborations/:id/action-items',   target: 'collaboration',  expect: minutesEditors() },
  { route: 'GET /action-items/:id',                   target: 'item',           expect: readers() },
  { route: 'GET /action-items/:id', variant: 'sensitive', target: 'secretItem', expect: readers() },
  { route: 'PATCH /action-items/:id',                 target: 'item',           expect: minutesEditors() },
  { route: 'PATCH /action-items/:id', variant: 'sensitive', target: 'secretItem', expect: {
    active:    '404 404 OK  404 404 404 404 403 404 403 404 404 401 401',
    published: '404 404 OK  404 404 404 404 403 404 403 404 404 401 401',
    archived:  '404 404 ARC 404 404 404 404 ARC 404 ARC 404 404 401 401',
    orgwide:   '404 404 OK  404 404 404 404 403 404 403 404 404 401 401' } },
  { route: 'POST /action-items/:id/updates',          target: 'item',           expect: {
    active:    'OK  403 OK  OK  OK  OK  OK  OK  403 403 404 404 401 401',
    published: 'OK  403 OK  OK  OK  OK  OK  OK  403 403 404 404 401 401',
    archived:  'ARC ARC ARC ARC ARC ARC ARC ARC ARC ARC 404 404 401 401',
    orgwide:   'OK  403 OK  OK  OK  OK  OK  OK  403 403 403 404 401 401' } },
  { route: 'POST /action-items/:id/updates', variant: 'sensitive', target: 'secretItem', expect: {
    active:    '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401',
    published: '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401',
    archived:  '404 404 ARC 404 404 404 404 ARC 404 ARC 404 404 401 401',
    orgwide:   '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401' } },
  { route: 'GET /action-items/:id/updates',           target: 'item',           expect: readers() },
  { route: 'GET /action-items/:id/updates', variant: 'sensitive', target: 'secretItem', expect: readers() },
  { route: 'POST /action-items/:id/accept',           target: 'doneItem',       expect: editors(), consumes: true },
  { route: 'POST /action-items/:id/accept', variant: 'sensitive', target: 'secretDoneItem', expect: judgedSensitive(), consumes: true },
  { route: 'POST /action-items/:id/reopen',           target: 'doneItem',       expect: editors(), consumes: true },
  { route: 'POST /action-items/:id/reopen', variant: 'sensitive', target: 'secretDoneItem', expect: judgedSensitive(), consumes: true },

  // ── The collaboration's chat groups ─────────────────────────────────────────────────────────────────
  { route: 'GET /collaborations/:id/channels',        target: 'collaboration',  expect: readers() },
  { route: 'POST /collaborations/:id/channels',       target: 'collaboration',  expect: editors() },
  { route: 'GET /channels/:id',                       target: 'channel',        expect: readers() },
  { route: 'PATCH /channels/:id',                     target: 'channel',        expect: editors() },
  { route: 'POST /channels/:id/test',                 target: 'channel',        expect: editors() },
  { route: 'DELETE /channels/:id',                    target: 'channel',        expect: editors(), consumes: true },
  // Deliveries are for whoever manages the group; an archived collaboration's groups are managed by nobody.
  { route: 'GET /channels/:id/deliveries',            target: 'channel',        expect: {
    active:    'OK  404 OK  OK  OK  404 404 404 404 404 404 404 401 401',
    published: 'OK  404 OK  OK  OK  404 404 404 404 404 404 404 401 401',
    archived:  '404 404 404 404 404 404 404 404 404 404 404 404 401 401',
    orgwide:   'OK  404 OK  OK  OK  404 404 404 404 404 404 404 401 401' } },

  // ── Exports, import and attachments (issue 5/7 contract; walked once served) ─────────────────────────
  { route: 'GET /collaborations/:id/export', variant: 'format=xlsx', target: 'collaboration', expect: readers(), planned: true },
  { route: 'GET /collaborations/:id/export', variant: 'format=pdf',  target: 'collaboration', expect: readers(), planned: true },
  { route: 'GET /collaborations/:id/export', variant: 'format=docx', target: 'collaboration', expect: readers(), planned: true },
  { route: 'GET /collaborations/:id/export', variant: 'format=zip',  target: 'collaboration', expect: readers(), planned: true },
  { route: 'GET /meetings/:id/export', variant: 'format=pdf',        target: 'meeting',       expect: readers(), planned: true },
  { route: 'GET /meetings/:id/export', variant: 'format=docx',       target: 'meeting',       expect: readers(), planned: true },
  { route: 'POST /imports', variant: 'mode=preview',  target: 'none',           expect: org('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  401 401'), planned: true },
  { route: 'POST /action-items/:id/attachments',      target: 'item',           planned: true, expect: {
    active:    'OK  403 OK  OK  OK  OK  OK  OK  403 403 404 404 401 401',
    published: 'OK  403 OK  OK  OK  OK  OK  OK  403 403 404 404 401 401',
    archived:  'ARC ARC ARC ARC ARC ARC ARC ARC ARC ARC 404 404 401 401',
    orgwide:   'OK  403 OK  OK  OK  OK  OK  OK  403 403 403 404 401 401' } },
  { route: 'POST /action-items/:id/attachments', variant: 'sensitive', target: 'secretItem', planned: true, expect: {
    active:    '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401',
    published: '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401',
    archived:  '404 404 ARC 404 404 404 404 ARC 404 ARC 404 404 401 401',
    orgwide:   '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401' } },
  { route: 'GET /action-items/:id/attachments',       target: 'item',           expect: readers(), planned: true },
  // A sensitive item's files are its content: only those it names see them, even the list.
  { route: 'GET /action-items/:id/attachments', variant: 'sensitive', target: 'secretItem', expect: namedReaders(), planned: true },
  { route: 'GET /attachments/:id',                    target: 'attachment',     expect: readers(), planned: true },
  { route: 'GET /attachments/:id', variant: 'sensitive', target: 'secretAttachment', expect: namedReaders(), planned: true },
  // Uploaded by the item's owner; removed by its uploader and whoever may edit the item.
  { route: 'DELETE /attachments/:id',                 target: 'attachment',     consumes: true, planned: true, expect: {
    active:    'OK  403 OK  OK  OK  OK  OK  OK  403 403 404 404 401 401',
    published: 'OK  403 OK  OK  OK  OK  OK  OK  403 403 404 404 401 401',
    archived:  'ARC ARC ARC ARC ARC ARC ARC ARC ARC ARC 404 404 401 401',
    orgwide:   'OK  403 OK  OK  OK  OK  OK  OK  403 403 403 404 401 401' } },
  { route: 'DELETE /attachments/:id', variant: 'sensitive', target: 'secretAttachment', consumes: true, planned: true, expect: {
    active:    '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401',
    published: '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401',
    archived:  '404 404 ARC 404 404 404 404 ARC 404 ARC 404 404 401 401',
    orgwide:   '404 404 OK  404 404 404 404 OK  404 403 404 404 401 401' } },
];

/** Readers of C: everyone related to it and pmo; the outsider only when C is org-visible. */
function readers() {
  return all('OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  404 404 401 401', 'OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  OK  404 401 401');
}

/** Only the users a sensitive item names (hd, io, at), in every state: its files are its content. */
function namedReaders() {
  return all('404 404 OK  404 404 404 404 OK  404 OK  404 404 401 401');
}

/** Editors of C (admin, initiating head, creator, owner); readers 403; archived: 409 to readers. */
function editors() {
  return {
    active:    'OK  403 OK  OK  OK  403 403 403 403 403 404 404 401 401',
    published: 'OK  403 OK  OK  OK  403 403 403 403 403 404 404 401 401',
    archived:  'ARC ARC ARC ARC ARC ARC ARC ARC ARC ARC 404 404 401 401',
    orgwide:   'OK  403 OK  OK  OK  403 403 403 403 403 403 404 401 401',
  };
}

/** Editors of C plus M's host and recorder (minutes, topics and M's action items). */
function minutesEditors(overrides: Partial<Record<CollaborationState, string>> = {}) {
  return {
    active:    'OK  403 OK  OK  OK  OK  OK  403 403 403 404 404 401 401',
    published: 'OK  403 OK  OK  OK  OK  OK  403 403 403 404 404 401 401',
    archived:  'ARC ARC ARC ARC ARC ARC ARC ARC ARC ARC 404 404 401 401',
    orgwide:   'OK  403 OK  OK  OK  OK  OK  403 403 403 403 404 401 401',
    ...overrides,
  };
}

/** Accepting or reopening a sensitive done item (named: hd, io, at): the named editor; 404 to whoever it does not name, admins included. */
function judgedSensitive() {
  return {
    active:    '404 404 OK  404 404 404 404 403 404 403 404 404 401 401',
    published: '404 404 OK  404 404 404 404 403 404 403 404 404 401 401',
    archived:  '404 404 ARC 404 404 404 404 ARC 404 ARC 404 404 401 401',
    orgwide:   '404 404 OK  404 404 404 404 403 404 403 404 404 401 401',
  };
}

/** The row's identity in reports and in the walker's request table. */
export function rowId(row: Pick<MatrixRow, 'route' | 'variant'>): string {
  return row.variant ? `${row.route} [${row.variant}]` : row.route;
}

/** The states a row is walked in. */
export function statesOf(row: MatrixRow): State[] {
  return Object.keys(row.expect) as State[];
}

/** The expected outcome of one cell. */
export function expectedOutcome(row: MatrixRow, state: State, actor: ActorKey, via: 'session' | 'token'): Outcome {
  const line = (via === 'token' ? row.tokens?.[state] : undefined) ?? row.expect[state];
  if (!line) throw new Error(`${rowId(row)}: no line for state ${state}`);
  const cells = line.trim().split(/\s+/);
  if (cells.length !== actorKeys.length) throw new Error(`${rowId(row)} ${state}: ${cells.length} cells, expected ${actorKeys.length}`);
  const cell = cells[actorKeys.indexOf(actor)] as Outcome;
  if (!outcomes.includes(cell)) throw new Error(`${rowId(row)} ${state}: unknown outcome ${cell}`);
  return cell;
}

/** `adm!csrf`: the admin's cookie without X-CSRF-Token. Writes are refused before anything else; reads are the admin's. */
export function expectedWithoutCsrf(row: MatrixRow, state: State): Outcome {
  const method = row.route.split(' ')[0]!;
  if (method === 'GET' || row.route === 'POST /auth/login') return expectedOutcome(row, state, 'adm', 'session');
  return 'CSRF';
}
