import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { users } from '../../src/server/db/schema/index.ts';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import { createSession } from '../../src/server/auth/session-store.ts';
import { errorStatus } from '../../src/server/errors.ts';
import { PASSWORD } from '../factories.ts';
import { createMarkerRegistry } from './markers.ts';
import { changedTables, digestTables, writeHorizon, type Digest } from './table-digest.ts';
import { buildWorld, type Principal, type World } from './world.ts';
import { headersOf } from './matrix-walk.ts';

/** A JSON Schema as the OpenAPI document writes the zod schemas (the subset they use). */
type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

type ApiRoute = {
  method: string;
  /** With `{id}` where the path takes an id. */
  path: string;
  query: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
  /** Takes an upload (multipart/form-data, one part named `file`). */
  multipart: boolean;
};

type IdKind = 'collaboration' | 'meeting' | 'topic' | 'item' | 'channel' | 'department' | 'user' | 'token' | 'notification' | 'delivery' | 'attachment' | 'person';
/** Ids of each kind, and the webhook targets and secrets a channel may take. */
type Pools = Record<IdKind | 'url' | 'secret' | 'email', string[]>;

/** One generated request, before it is sent. */
type FuzzRequest = {
  route: ApiRoute;
  principal: number;
  pathId: string;
  query: Record<string, string>;
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; text: string; contentType: string | null }
    | { kind: 'multipart'; field: string; fileName: string; contentType: string; file: number; extraParts: number };
  language: string;
};

export type FuzzFinding = { request: string; detail: string };

export type FuzzResult = {
  requests: number;
  serverErrors: FuzzFinding[];
  partialWrites: FuzzFinding[];
  /** 4xx answers not in the documented error shape, not localized, or showing internals. */
  badErrors: FuzzFinding[];
  /** Answers by status class, e.g. { '2xx': 812, '4xx': 9188 }. */
  statuses: Record<string, number>;
  /** Answers by route and status, to see how deep the requests got. */
  byRoute: Map<string, Record<number, number>>;
  digests: number;
  ms: number;
};

export type FuzzOptions = {
  app: FastifyInstance;
  runs: number;
  seed?: number;
  /**
   * `database` (default): every row of every table is digested — for a database of its own.
   * `organisations`: only the fuzzing world's two organisations — for a database other tests share.
   */
  digestScope?: 'database' | 'organisations';
  log?: (line: string) => void;
};

const API = '/api/v1';
/** GET /events never ends (server-sent events); it takes no input but the caller's credentials, walked by the matrix. */
const skipped = new Set(['GET /events']);
/** Upload routes: the OpenAPI document states their multipart body in prose only. */
const multipartRoutes = new Set(['POST /action-items/{id}/attachments', 'POST /imports']);

/** What a path id names, by the path it sits in. */
const idKindOf: [RegExp, IdKind][] = [
  [/^\/collaborations\/\{id\}/, 'collaboration'],
  [/^\/meetings\/\{id\}/, 'meeting'],
  [/^\/topics\/\{id\}/, 'topic'],
  [/^\/action-items\/\{id\}/, 'item'],
  [/^\/channels\/\{id\}/, 'channel'],
  [/^\/admin\/departments\/\{id\}/, 'department'],
  [/^\/admin\/users\/\{id\}/, 'user'],
  [/^\/me\/tokens\/\{id\}/, 'token'],
  [/^\/notifications\/\{id\}/, 'notification'],
  [/^\/admin\/deliveries\/\{id\}/, 'delivery'],
  [/^\/attachments\/\{id\}/, 'attachment'],
];

/** Body fields that hold ids, by name, and the kind of object they name. */
const fieldKinds: [RegExp, IdKind][] = [
  [/^(departmentId|parentId|initiatingDepartmentId|participatingDepartmentIds)$/, 'department'],
  [/^(hostId|recorderId|ownerId|userId|headId|attendeeIds|visibleToUserIds)$/, 'person'],
  [/^meetingId$/, 'meeting'],
  [/^sourceTopicId$/, 'topic'],
  [/^(collaborationId|mutedCollaborationIds)$/, 'collaboration'],
  [/^channelId$/, 'channel'],
];

const ONE_MEGABYTE = 'x'.repeat(1024 * 1024);
const edgeStrings = [
  '\u202Eevil\u202C.exe',
  'zero\u200B\u200C\u200D\uFEFFwidth',
  '🙂👨‍👩‍👧‍👦🏳️‍🌈',
  'lone \uD800 surrogate',
  'lone \uDFFF low',
  'half \uD83D',
  'nul \u0000 byte',
  '\u0001\u001f\u007f controls',
  `e${'\u0301'.repeat(500)}`,
  '𠮷野家 İstanbul ß ﷽',
  'line\r\nInjected-Header: yes',
  '\uFEFFbom',
  '',
  ' ',
  '预'.repeat(20_000),
  'x'.repeat(100_000),
  ONE_MEGABYTE,
];
const injectionStrings = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1) UNION SELECT password_hash FROM users--',
  "\\'",
  '%_\\',
  '$1',
  "'::uuid",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{{7*7}}${7*7}',
  '=cmd|\'/C calc\'!A0',
  '../../../../etc/passwd',
  '%00',
];
const edgeNumbers: unknown[] = [-1, 0, 1.5, 2 ** 53 + 1, 1e308, -1e308, '1', true, null, [], {}];
const edgeDates = ['2024-02-30', '0000-01-01', '9999-12-31', '2024-13-01', '2024-07-10T25:00:00+08:00', '+275760-09-13T00:00:00Z', '2024-07-10T14:00:00+99:00', '1970-01-01T00:00:00Z', '尽快', 'ASAP'];
const malformedJson = ['{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, '"just a string"', 'null', '[]', '\uFEFF{}', '{"a":1,"a":2}'];
const rawContentTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', null];
const badIds = ['not-a-uuid', '1', '0', '-1', 'null', 'undefined', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '%2e%2e%2f', "' OR 1=1 --", '😀', 'x'.repeat(500), '0194a0b2-7c3e-7000-8000-00000000000g'];
const languages = ['zh-CN', 'en', 'en-US,en;q=0.9', 'fr', '', 'zz;q=abc'];

/** The routes of the OpenAPI document, with their query parameters and JSON body schema. */
export async function apiRoutes(app: FastifyInstance): Promise<ApiRoute[]> {
  const spec = (await app.inject({ method: 'GET', url: `${API}/openapi.json` })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  };
  const routes: ApiRoute[] = [];
  for (const [fullPath, operations] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const path = fullPath.replace(API, '');
      if (skipped.has(`${method.toUpperCase()} ${path.replace('{id}', ':id')}`)) continue;
      routes.push({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: Boolean(p.required) })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        multipart: multipartRoutes.has(`${method.toUpperCase()} ${path}`) || Boolean(op.requestBody?.content?.['multipart/form-data']),
      });
    }
  }
  return routes;
}

const isoDate = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true });
const text = fc.oneof(
  fc.constantFrom('设计稿', '需求传递不清晰', '预算评审', 'Launch plan', '下周五前完成'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
);

/** A value that fits `schema` (ids taken from the pools by field name), or nearly: the valid-ish start of a request. */
function validish(schema: JsonSchema, pools: Pools, field = ''): fc.Arbitrary<unknown> {
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => validish(s, pools, field)));
  if (schema.allOf?.length) return validish(schema.allOf[0]!, pools, field);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const kind = fieldKinds.find(([re]) => re.test(field))?.[1];
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
    case 'array':
      return fc.array(validish(schema.items ?? {}, pools, field), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)) });
    case 'object': {
      if (!schema.properties) {
        const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
        const keys = schema.propertyNames ? validish(schema.propertyNames, pools) : text;
        return fc.dictionary(keys.map(String), validish(values, pools), { maxKeys: 3 });
      }
      // Each optional field in about one request of three: with all of them, some reference is nearly always off.
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties).map(([name, s]) =>
        fc.tuple(fc.constant(name), required.has(name) ? validish(s, pools, name) : fc.option(validish(s, pools, name), { nil: undefined, freq: 2 })),
      );
      return fc.tuple(...fields).map((entries) => Object.fromEntries(entries.filter(([, v]) => v !== undefined)));
    }
    case 'string':
    default:
      if (kind) return fc.constantFrom(...pools[kind]);
      if (schema.format === 'uuid') return fc.constantFrom(...pools.collaboration, ...pools.person);
      if (schema.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time') return isoDate.map((d) => d.toISOString().replace('Z', '+08:00'));
      if (schema.format === 'email') return fc.uuid().map((u) => `fuzz-${u}@example.test`);
      if (field === 'email') return fc.oneof(fc.constantFrom(...pools.email), fc.uuid().map((u) => `fuzz-${u}@example.test`));
      if (schema.format === 'uri' || field === 'url') return fc.constantFrom(...pools.url);
      if (schema.pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') return fc.constantFrom('09:30', '22:00', '08:00');
      if (/password/i.test(field)) return fc.constantFrom(PASSWORD, 'Fuzz-password-2024');
      if (/^(dueDate|newDueDate|dueBefore|dueAfter|holidays|extraWorkdays)$/.test(field)) return isoDate.map((d) => d.toISOString().slice(0, 10));
      if (field === 'timeZone') return fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kolkata');
      if (field === 'secret') return fc.constantFrom(...pools.secret);
      if (/^q$|quarter/.test(field)) return fc.constantFrom('2024Q3', '预算', 'MARKER', '2024-q3');
      return text.map((s) => (schema.maxLength !== undefined ? s.slice(0, schema.maxLength) : s)).filter((s) => s.length >= (schema.minLength ?? 0));
  }
}

/** Something of the wrong kind for a field: another type, an edge string, an injection, a bad number or date. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...edgeStrings),
  fc.constantFrom(...injectionStrings),
  fc.constantFrom(...edgeNumbers),
  fc.constantFrom(...edgeDates),
  fc.constantFrom(...badIds),
  fc.jsonValue({ maxDepth: 3 }),
);

type Mutation = { kind: 'replace'; at: number; value: unknown } | { kind: 'drop'; at: number } | { kind: 'extra'; at: number; key: string; value: unknown };

/** Every place of a JSON value (the value itself first), so a mutation can pick one by index. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => places(v, [...path, i])));
  if (value && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => places(v, [...path, k])));
  return here;
}

/** Sets an own property, even one named `__proto__`, so the JSON sent carries the key as it is. */
function put(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutate(value: unknown, mutation: Mutation): unknown {
  const all = places(value);
  const path = all[mutation.at % all.length]!;
  const copy = structuredClone(value) as unknown;
  if (path.length === 0) {
    if (mutation.kind === 'replace') return mutation.value;
    if (mutation.kind === 'extra' && copy && typeof copy === 'object' && !Array.isArray(copy)) {
      put(copy, mutation.key, mutation.value);
      return copy;
    }
    return mutation.kind === 'drop' ? undefined : copy;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const child = parent[last];
  if (mutation.kind === 'replace') put(parent, last, mutation.value);
  else if (mutation.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (child && typeof child === 'object' && !Array.isArray(child)) put(child, mutation.key, mutation.value);
  else if (!Array.isArray(parent)) put(parent, mutation.key, mutation.value);
  return copy;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('extra' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'orgId', 'id', 'role', 'creatorId', 'archivedAt'), text), value: wrongValue }),
);

/** The requests of one route: path ids of every kind, query values valid or not, bodies valid-ish, mutated or malformed. */
function requestArb(route: ApiRoute, pools: Pools, orgB: Pools, principals: number): fc.Arbitrary<FuzzRequest> {
  const kind = idKindOf.find(([re]) => re.test(route.path))?.[1];
  const otherKinds = (Object.keys(pools) as (keyof Pools)[]).filter((k): k is IdKind => k !== kind && !['url', 'secret', 'email'].includes(k) && pools[k].length > 0);
  const pathId = route.path.includes('{id}')
    ? fc.oneof(
        { weight: 5, arbitrary: kind && pools[kind].length ? fc.constantFrom(...pools[kind]) : fc.uuid() },
        { weight: 1, arbitrary: fc.constantFrom(...otherKinds).chain((k) => fc.constantFrom(...pools[k])) },
        { weight: 1, arbitrary: kind && orgB[kind].length ? fc.constantFrom(...orgB[kind]) : fc.constantFrom(...orgB.collaboration) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...badIds), fc.string({ unit: 'grapheme', maxLength: 20 })) },
      )
    : fc.constant('');
  const queryArb = fc
    .tuple(...route.query.map((q) => fc.option(fc.oneof({ weight: 4, arbitrary: validish(q.schema, pools, q.name) }, { weight: 1, arbitrary: wrongValue }), { nil: undefined, freq: q.required ? 10 : 2 })))
    .map((values) => {
      const query: Record<string, string> = {};
      values.forEach((v, i) => {
        if (v === undefined) return;
        query[route.query[i]!.name] = typeof v === 'string' ? v : JSON.stringify(v);
      });
      return query;
    });
  const valid = route.body ? validish(route.body, pools) : fc.constant({});
  const upload = fc.record({
    kind: fc.constant('multipart' as const),
    field: fc.oneof({ weight: 6, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: fc.constantFrom('files', 'upload', '', 'file\u0000') }),
    fileName: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('协作记录.xlsx', '交付成果.png', 'report.pdf', 'notes.txt') },
      { weight: 2, arbitrary: fc.constantFrom(...edgeStrings.filter((e) => e.length < 5000), ...injectionStrings, 'a.png.exe', '.xlsx', 'x'.repeat(300) + '.png', 'CON.png', 'a/b\\c.xlsx') },
    ),
    contentType: fc.constantFrom('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/png', 'application/octet-stream', 'text/plain', 'text/html', ''),
    file: fc.nat(),
    extraParts: fc.nat({ max: 3 }),
  });
  const bodyArb: fc.Arbitrary<FuzzRequest['body']> = fc.oneof(
    { weight: route.multipart ? 12 : 0, arbitrary: upload },
    { weight: route.body ? 3 : 1, arbitrary: valid.map((value) => ({ kind: 'json' as const, value })) },
    { weight: route.body ? 6 : 1, arbitrary: fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([value, ms]) => ({ kind: 'json' as const, value: ms.reduce((v, m) => mutate(v, m), value) })) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.oneof(fc.constantFrom(...malformedJson), valid.map((v) => JSON.stringify(v))), contentType: fc.constantFrom(...rawContentTypes, 'application/json') }) },
    { weight: route.body ? 1 : 4, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
  return fc.record({
    route: fc.constant(route),
    principal: fc.nat({ max: principals - 1 }),
    pathId,
    query: queryArb,
    body: bodyArb,
    language: fc.constantFrom(...languages),
  });
}

const han = /\p{Script=Han}/u;
const internals = /\bat [\w.<>$]+ \(|node_modules|\.ts:\d+|DrizzleQueryError|Failed query|syntax error at or near|violates [\w ]*constraint|relation "|invalid input syntax|duplicate key|null value in column|PGlite|unhandled|TypeError|RangeError|ReferenceError/;

/** Problems with a 4xx body: API.md's error shape, a known code matching the status, messages localized, no internals. */
function errorBodyProblems(status: number, contentType: string, body: string, language: string): string[] {
  if (!contentType.includes('application/json')) return [`content-type ${contentType || '(none)'}`];
  let parsed: { error?: { code?: unknown; message?: unknown; fields?: unknown } };
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['body is not JSON'];
  }
  const problems: string[] = [];
  const error = parsed.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return ['not { error: { code, message } }'];
  if (!(error.code in errorStatus)) problems.push(`unknown code ${error.code}`);
  else if (errorStatus[error.code as keyof typeof errorStatus] !== status) problems.push(`code ${error.code} with status ${status}`);
  const messages = [error.message, ...(Array.isArray(error.fields) ? error.fields.map((f: { message?: unknown; path?: unknown }) => {
    if (typeof f.path !== 'string') problems.push('a field without a path');
    return f.message;
  }) : [])];
  if (error.fields !== undefined && !Array.isArray(error.fields)) problems.push('fields is not a list');
  const english = language.toLowerCase().startsWith('en');
  for (const message of messages) {
    if (typeof message !== 'string' || !message.trim()) {
      problems.push('empty message');
      continue;
    }
    if (/^[a-z]+(\.[a-zA-Z]+)+$/.test(message) || /^[A-Z_]+$/.test(message)) problems.push(`untranslated message ${message}`);
    if (!english && !han.test(message)) problems.push(`zh-CN message without Chinese: ${message.slice(0, 80)}`);
  }
  // English messages may quote Chinese names (a department, who changed a record), but are written in English.
  if (english && !/[A-Za-z]{3,}/.test(error.message)) problems.push(`en message not in English: ${error.message.slice(0, 80)}`);
  const leaked = body.match(internals);
  if (leaked) problems.push(`shows internals: ${leaked[0]}`);
  return problems;
}

function describe(request: FuzzRequest, principal: Principal): string {
  const url = request.route.path.replace('{id}', request.pathId);
  const b = request.body;
  const body =
    b.kind === 'json' ? JSON.stringify(b.value)
    : b.kind === 'raw' ? `raw(${b.contentType}) ${JSON.stringify(b.text)}`
    : b.kind === 'multipart' ? `multipart part ${JSON.stringify(b.field)} file ${JSON.stringify(b.fileName)} (${b.contentType}) upload #${b.file}, ${b.extraParts} extra parts`
    : '';
  const query = new URLSearchParams(request.query).toString();
  return `${principal.label} ${request.route.method} ${url}${query ? `?${query}` : ''} ${body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body}`;
}

/**
 * Fuzzes every route of the OpenAPI document as an editor, a reader, an outsider, an admin, another
 * organisation's admin, a token and nobody: properties — no 5xx; a refused request changes no row (every
 * table's digest before and after, taken whenever the request obtained a transaction id); every 4xx in
 * the documented, localized error shape without internals.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const { app } = options;
  const db = app.db;
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 20240708;
  const world = await buildWorld(app, createMarkerRegistry());
  const routes = await apiRoutes(app);
  const actors: Principal[] = [
    ...world.principals.filter((p) => p.via === 'session' && ['hd', 'pa', 'ou', 'adm', 'oa', 'hs'].includes(p.key)),
    ...world.principals.filter((p) => (p.via === 'token' && p.key === 'hd') || p.via === 'none'),
  ];
  // The editor asks most: it gets furthest into the commands.
  const weights = actors.map((p) => (p.key === 'hd' && p.via === 'session' ? 6 : p.key === 'adm' ? 2 : 1));
  const weighted = actors.flatMap((_, i) => Array.from({ length: weights[i]! }, () => i));
  const pools = await poolsOf(world);
  const orgB = await orgBPools(world);
  const passwordHash = await hashPassword(PASSWORD);
  const digest = () => digestTables(db, options.digestScope === 'organisations' ? { orgIds: [world.orgA.id, world.orgB.id] } : {});
  const uploads = await uploadsFor(app, world, seed, Math.min(12, Math.ceil(options.runs / 100)));

  const result: FuzzResult = { requests: 0, serverErrors: [], partialWrites: [], badErrors: [], statuses: {}, byRoute: new Map(), digests: 0, ms: 0 };
  let horizon = await writeHorizon(db);
  let baseline: Digest | null = await digest();
  result.digests += 1;
  const chunk = 100;

  for (let done = 0; done < options.runs; done += chunk) {
    if (done && done % 1000 === 0) {
      // Fresh records to aim at: earlier requests archive, delete and publish what they may.
      const fixture = await world.buildFixture('active');
      pools.collaboration.push(fixture.collaborationId);
      pools.meeting.push(fixture.meetingId);
      pools.topic.push(fixture.topicId, fixture.secretTopicId);
      pools.item.push(fixture.itemId, fixture.secretItemId, fixture.doneItemId);
      pools.channel.push(fixture.channelId);
      baseline = null;
      log(`fuzz: ${done}/${options.runs} requests, ${result.serverErrors.length} 5xx, ${result.partialWrites.length} partial writes, ${result.badErrors.length} bad error bodies`);
    }
    const arb = fc.oneof(...routes.map((r) => requestArb(r, pools, orgB, weighted.length)));
    const batch = fc.sample(arb, { numRuns: Math.min(chunk, options.runs - done), seed: seed + done });
    for (const request of batch) {
      const principal = actors[weighted[request.principal]!]!;
      if (!baseline) {
        baseline = await digest();
        horizon = await writeHorizon(db);
        result.digests += 1;
      }
      const response = await send(app, request, principal, uploads);
      result.requests += 1;
      const klass = `${Math.floor(response.statusCode / 100)}xx`;
      result.statuses[klass] = (result.statuses[klass] ?? 0) + 1;
      const routeKey = `${request.route.method} ${request.route.path}`;
      const counts = result.byRoute.get(routeKey) ?? {};
      counts[response.statusCode] = (counts[response.statusCode] ?? 0) + 1;
      result.byRoute.set(routeKey, counts);
      const label = () => describe(request, principal);
      if (response.statusCode >= 500) result.serverErrors.push({ request: label(), detail: `${response.statusCode} ${response.body.slice(0, 300)}` });
      const next = await writeHorizon(db);
      if (response.statusCode >= 400 && response.statusCode < 500) {
        const problems = errorBodyProblems(response.statusCode, String(response.headers['content-type'] ?? ''), response.body, request.language);
        if (problems.length) result.badErrors.push({ request: label(), detail: `${response.statusCode}: ${problems.join('; ')}` });
        if (next !== horizon) {
          const after = await digest();
          result.digests += 1;
          const changed = changedTables(baseline, after);
          if (changed.length) result.partialWrites.push({ request: label(), detail: `${response.statusCode} ${response.body.slice(0, 200)} — changed: ${changed.join(', ')}` });
          baseline = after;
        }
      } else if (next !== horizon) baseline = null;
      horizon = next;
      if (response.statusCode < 300 && ['POST /auth/logout', 'POST /me/password', 'POST /auth/login', 'DELETE /me/tokens/{id}', 'PATCH /admin/users/{id}'].includes(`${request.route.method} ${request.route.path}`)) {
        await heal(app, world, actors, passwordHash);
        baseline = null;
      }
    }
  }
  result.ms = Date.now() - started;
  await world.close();
  return result;
}

async function send(app: FastifyInstance, request: FuzzRequest, principal: Principal, uploads: Buffer[]) {
  const headers: Record<string, string> = { ...headersOf(principal) };
  if (request.language) headers['accept-language'] = request.language;
  let payload: string | Buffer | undefined;
  if (request.body.kind === 'multipart') {
    const b = request.body;
    const boundary = `----fuzz${b.file}x${b.extraParts}`;
    const part = (name: string, fileName: string, type: string, data: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName.replace(/"/g, '%22')}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`),
        data,
        Buffer.from('\r\n'),
      ]);
    const data = uploads[b.file % uploads.length]!;
    const parts = [part(b.field, b.fileName, b.contentType, data), ...Array.from({ length: b.extraParts }, (_, i) => part(i % 2 ? 'file' : `note${i}`, `extra${i}.txt`, 'text/plain', Buffer.from(`第${i}部分`)))];
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  } else if (request.body.kind === 'json' && request.body.value !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(request.body.value);
  } else if (request.body.kind === 'raw') {
    if (request.body.contentType) headers['content-type'] = request.body.contentType;
    payload = request.body.text;
  }
  const path = request.route.path.replace('{id}', encodeURIComponent(request.pathId));
  const query = new URLSearchParams(request.query).toString();
  const method = request.route.method as InjectOptions['method'];
  return app.inject({ method, url: `${API}${path}${query ? `?${query}` : ''}`, headers, ...(payload !== undefined && method !== 'GET' ? { payload } : {}) });
}

/**
 * After a request that may have signed a fuzzing principal out (sign-out, password change, token
 * revoked, account edited by the admin): each principal that no longer gets in is given back its
 * account (active, known password) and a new session or token, straight in the database — the sign-in
 * route may be throttled by then.
 */
async function heal(app: FastifyInstance, world: World, actors: Principal[], passwordHash: string): Promise<void> {
  for (const principal of actors) {
    if (!principal.user || principal.via === 'none') continue;
    const me = await app.inject({ method: 'GET', url: `${API}/auth/me`, headers: headersOf(principal) });
    if (me.statusCode === 200) continue;
    await app.db.update(users).set({ active: true, passwordHash }).where(eq(users.id, principal.user.id));
    if (principal.via === 'token') {
      const session = world.principals.find((p) => p.user?.id === principal.user!.id && p.via === 'session')!;
      const created = await app.inject({ method: 'POST', url: `${API}/me/tokens`, headers: headersOf(session), payload: { name: 'fuzz' } });
      if (created.statusCode === 201) principal.token = created.json().token;
      continue;
    }
    const session = await createSession(app.db, { orgId: principal.user.orgId, userId: principal.user.id, ip: '127.0.0.1', userAgent: 'fuzz', now: app.clock.now() });
    principal.cookie = `liaison_session=${session.token}`;
    principal.csrfToken = session.csrfToken;
  }
}

/**
 * Files to upload: the template workbook as the export writes it (so an import gets past the first
 * checks), copies of it with cells overwritten by edge values, and what is not a workbook at all.
 */
async function uploadsFor(app: FastifyInstance, world: World, seed: number, variants: number): Promise<Buffer[]> {
  const editor = world.principals.find((p) => p.key === 'hd' && p.via === 'session')!;
  const files: Buffer[] = [PNG, Buffer.alloc(0), Buffer.from('协作主题,目标\n测试,导入\n'), Buffer.from('%PDF-1.4\n%%EOF\n'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])];
  const exported = await app.inject({ method: 'GET', url: `${API}/collaborations/${world.shared.published.collaborationId}/export?format=xlsx`, headers: headersOf(editor) });
  if (exported.statusCode !== 200) return files;
  files.push(exported.rawPayload);
  const values = [...edgeStrings.filter((e) => e.length < 50_000), ...injectionStrings, ...edgeDates, '', 123456789, -1, 0.5, true, new Date('2024-02-29T00:00:00Z')];
  const random = fc.sample(fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 12 }), fc.nat({ max: values.length - 1 })), { minLength: 1, maxLength: 12 }), { numRuns: variants, seed });
  for (const changes of random) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) continue;
    for (const [row, column, value] of changes) sheet.getCell(row + 1, column + 1).value = values[value] as ExcelJS.CellValue;
    files.push(Buffer.from(await book.xlsx.writeBuffer()));
  }
  return files;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

async function poolsOf(world: World): Promise<Pools> {
  const fixtures = Object.values(world.shared);
  const spareTokens = await Promise.all([world.freshToken(world.users.spare.id), world.freshToken(world.users.seller.id)]);
  return {
    collaboration: fixtures.map((f) => f.collaborationId),
    meeting: fixtures.map((f) => f.meetingId),
    topic: fixtures.flatMap((f) => [f.topicId, f.secretTopicId]),
    item: fixtures.flatMap((f) => [f.itemId, f.secretItemId, f.doneItemId, f.secretDoneItemId]),
    channel: fixtures.map((f) => f.channelId),
    department: Object.values(world.departments),
    user: [world.users.spare.id, world.users.seller.id],
    person: (['hd', 'cr', 'ow', 'hs', 'rc', 'io', 'pa', 'at', 'ou', 'seller'] as const).map((k) => world.users[k].id),
    url: [
      world.receiverUrl,
      `${world.receiverUrl}/robot/send?access_token=fuzz`,
      `${world.receiverUrl}/open-apis/bot/v2/hook/fuzz`,
      `${world.receiverUrl}/webhook/send?key=fuzz`,
      'https://example.com/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:1/x',
    ],
    secret: [world.webhookSecret, 'SECfuzz0123456789', 'fuzz-signing-secret'],
    email: (['hd', 'pa', 'ou', 'adm', 'dx', 'seller'] as const).map((k) => world.users[k].email),
    token: spareTokens,
    notification: [...world.ownNotificationIds.values()],
    delivery: [await world.freshDeadDelivery(), await world.freshDeadDelivery()],
    attachment: fixtures.map((f) => f.attachmentId).filter((id): id is string => Boolean(id)),
  };
}

/** Ids of organisation B: the right kind of object, someone else's tenant. */
async function orgBPools(world: World): Promise<Pools> {
  const empty = (): string[] => [];
  return {
    collaboration: [world.orgB.collaborationId],
    meeting: empty(),
    topic: empty(),
    item: empty(),
    channel: empty(),
    department: world.orgB.departmentIds,
    user: [world.users.oa.id],
    person: [world.users.oa.id],
    token: empty(),
    notification: [world.ownNotificationIds.get(world.users.oa.id)!],
    delivery: empty(),
    attachment: empty(),
    url: empty(),
    secret: empty(),
    email: empty(),
  };
}

