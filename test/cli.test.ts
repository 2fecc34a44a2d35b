import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, type CreatedAdmin } from '../src/cli/commands/create-admin.ts';
import { importUsers, parseCsv, splitDepartments } from '../src/cli/commands/users-import.ts';
import { CliError } from '../src/cli/output/print.ts';
import { verifyPassword } from '../src/server/auth/passwords.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { auditEvents, departments, userDepartments, users } from '../src/server/db/schema/index.ts';
import { backendName, openTestDatabase } from './database.ts';
import { buildOrganization } from './factories.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tag = () => randomUUID().slice(0, 8);

type Run = { code: number | null; stdout: string; stderr: string };

/** `node src/cli/index.ts …` as a separate process, on the Node running the tests (Node 24). */
function liaison(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['src/cli/index.ts', ...args], { cwd: root, env: { ...inherited, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const VALID_CSV = [
  'name,email,role,departments,password',
  '张三,zhang.san@cli.test,member,市场部;研发部,',
  '李四,li.si@cli.test,pmo,行政部,Secret-pass-2024',
  '"王, 五",wang.wu@cli.test,,"市场部、销售部",',
].join('\r\n');

const INVALID_CSV = ['name,email,role,departments', ',not-an-email,boss,市场部', '钱七,qian.qi@cli.test,member,设计部', '钱七,QIAN.QI@cli.test,member,设计部'].join('\n');

describe.runIf(backendName() === 'pglite')('the liaison command as a process (PGlite in DATA_DIR)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liaison-cli-'));
    env = { DATA_DIR: path.join(dir, 'data') };
    writeFileSync(path.join(dir, 'valid.csv'), `\uFEFF${VALID_CSV}`);
    writeFileSync(path.join(dir, 'invalid.csv'), INVALID_CSV);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers usage errors with exit 2 before opening any database', async () => {
    const unknown = await liaison(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const weak = await liaison(['create-admin', '--email', 'a@cli.test', '--name', 'A', '--password', 'short'], env);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('--password is too weak');
    const help = await liaison(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-admin');
  });

  it('migrates, creates an admin, refuses a duplicate, imports users all-or-nothing', async () => {
    const migrate = await liaison(['migrate'], env);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/Applied \d+ migrations? to PGlite in .*\n\s+0000_init/);

    const admin = await liaison(['create-admin', '--email', 'boss@cli.test', '--name', '老板', '--password', 'Strong-pass-2024'], env);
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout).toContain('Created admin boss@cli.test in the new organisation "我的公司"');

    const duplicate = await liaison(['--json', 'create-admin', '--email', 'BOSS@cli.test', '--name', '老板', '--password', 'Strong-pass-2024'], env);
    expect(duplicate.code).toBe(1);
    expect(JSON.parse(duplicate.stdout).error.message).toMatch(/already exists/);

    const imported = await liaison(['users', 'import', path.join(dir, 'valid.csv'), '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ ok: true, written: true, counts: { created: 3, skipped: 0, error: 0 } });
    expect(report.departmentsCreated.sort()).toEqual(['市场部', '研发部', '行政部', '销售部'].sort());
    expect(report.rows[0]).toMatchObject({ row: 2, email: 'zhang.san@cli.test', status: 'created', departments: ['市场部', '研发部'] });
    expect(report.rows[0].generatedPassword).toMatch(/^[\w-]{15,}$/);
    expect(report.rows[1]).not.toHaveProperty('generatedPassword');
    expect(report.rows[2]).toMatchObject({ name: '王, 五', departments: ['市场部', '销售部'] });

    const rejected = await liaison(['users', 'import', path.join(dir, 'invalid.csv')], env);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toMatch(/^2\s.*error\s+name is required; email "not-an-email" is not an email address; role "boss"/m);
    expect(rejected.stdout).toMatch(/^4\s.*error\s+email repeats row 3/m);
    expect(rejected.stdout).toContain('Nothing was imported: 2 rows need fixing');

    const database = await openDatabase({ dataDir: env.DATA_DIR! });
    try {
      const emails = await database.db.select({ email: users.email }).from(users);
      expect(emails.map((u) => u.email).sort()).toEqual(['boss@cli.test', 'li.si@cli.test', 'wang.wu@cli.test', 'zhang.san@cli.test']);
      const [design] = await database.db.select({ n: count() }).from(departments).where(eq(departments.name, '设计部'));
      expect(design!.n).toBe(0);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('serves: seeds the demo on a fresh directory and prints the login once, answers, and stops on SIGTERM with exit 0', async () => {
    const serveEnv = { DATA_DIR: path.join(dir, 'served'), PORT: '0', HOST: '127.0.0.1' };
    const first = await serveUntilListening(serveEnv);
    const url = first.output.match(/Liaison listening on (\S+)/)![1]!;
    const password = first.output.match(/Password\s+(\S+)/)![1]!;
    expect(first.output).toContain('admin@demo.liaison.local');
    const openapi = await fetch(`${url}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'li.jingli@demo.liaison.local', password }) });
    expect(login.status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await serveUntilListening(serveEnv);
    expect(second.output).not.toMatch(/Password/);
    expect(await second.stop('SIGINT')).toBe(0);
  }, 180_000);
});

/** Starts `serve` and resolves once it prints where it listens (and the first-start box, if any). */
function serveUntilListening(env: Record<string, string>): Promise<{ output: string; stop(signal: NodeJS.Signals): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['src/cli/index.ts', 'serve'], { cwd: root, env: { ...inherited, LOG_LEVEL: 'warn', ...env } });
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const stop = (signal: NodeJS.Signals) => {
      child.kill(signal);
      return exited;
    };
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      // The box, when there is one, is printed right after the listening line and ends with its bottom rule.
      if (/Liaison listening on/.test(output) && (!output.includes('┌') || output.includes('┘'))) resolve({ output, stop });
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
}

describe('commands called directly', () => {
  let database: Database;
  let orgName: string;
  let admin: CreatedAdmin;
  const now = new Date('2024-07-01T09:00:00+08:00');
  beforeAll(async () => {
    database = await openTestDatabase();
    orgName = `导入测试 ${tag()}`;
    await buildOrganization(database.db, { name: orgName });
    admin = await createAdmin(database.db, { email: `admin-${tag()}@cli.test`, name: '管理员', password: 'Strong-pass-2024', orgName }, now);
  });
  afterAll(() => database.close());

  it('create-admin adds an admin to the named organisation and refuses a taken email', async () => {
    expect(admin).toMatchObject({ orgName, orgCreated: false });
    const [row] = await database.db.select().from(users).where(eq(users.id, admin.userId));
    expect(row!.role).toBe('admin');
    expect(await verifyPassword('Strong-pass-2024', row!.passwordHash)).toBe(true);
    await expect(createAdmin(database.db, { email: admin.email.toUpperCase(), name: 'x', password: 'Strong-pass-2024', orgName }, now)).rejects.toThrow(/already exists/);
    await expect(createAdmin(database.db, { email: `x-${tag()}@cli.test`, name: 'x', password: 'Strong-pass-2024', orgName: `无此组织 ${tag()}` }, now)).rejects.toThrow(CliError);
  });

  it('users import: dry run writes nothing; a real run creates users, departments and audit events; a second run skips', async () => {
    const t = tag();
    const csv = ['name,email,role,departments', `甲,jia-${t}@cli.test,member,市场部${t}；研发部${t}`, `乙,yi-${t}@cli.test,admin,`].join('\n');
    const dry = await importUsers(database.db, { csv, orgName, dryRun: true }, now);
    expect(dry).toMatchObject({ ok: true, dryRun: true, written: false, counts: { created: 2 } });
    expect(dry.departmentsCreated).toEqual([`市场部${t}`, `研发部${t}`]);
    const [none] = await database.db.select({ n: count() }).from(users).where(sql`${users.email} LIKE ${`%-${t}@cli.test`}`);
    expect(none!.n).toBe(0);

    const real = await importUsers(database.db, { csv, orgName, dryRun: false }, now);
    expect(real).toMatchObject({ ok: true, written: true, counts: { created: 2, skipped: 0, error: 0 } });
    const [jia] = await database.db.select().from(users).where(eq(users.email, `jia-${t}@cli.test`));
    expect(await verifyPassword(real.rows[0]!.generatedPassword!, jia!.passwordHash)).toBe(true);
    const memberships = await database.db.select().from(userDepartments).where(eq(userDepartments.userId, jia!.id));
    expect(memberships).toHaveLength(2);
    const [audited] = await database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, jia!.id));
    expect(audited!.n).toBe(1);

    const again = await importUsers(database.db, { csv, orgName, dryRun: false }, now);
    expect(again).toMatchObject({ ok: true, counts: { created: 0, skipped: 2 } });
    expect(again.rows.every((r) => r.generatedPassword === undefined)).toBe(true);
  });

  it('users import: one bad row rejects the whole file, naming each row and reason', async () => {
    const t = tag();
    const csv = ['name,email,role,departments,password', `丙,bing-${t}@cli.test,member,客服部${t},`, `丁,${admin.email},member,,`, `戊,wu-${t}@cli.test,member,,weak`].join('\n');
    const report = await importUsers(database.db, { csv, orgName, dryRun: false }, now);
    expect(report.ok).toBe(false);
    expect(report.written).toBe(false);
    expect(report.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'skipped'],
      [4, 'error'],
    ]);
    expect(report.rows[2]!.reasons).toEqual(['password is too weak: at least 10 characters with letters and digits']);
    const [bing] = await database.db.select({ n: count() }).from(users).where(eq(users.email, `bing-${t}@cli.test`));
    expect(bing!.n).toBe(0);
  });

  it('users import: refuses a header it does not know', async () => {
    await expect(importUsers(database.db, { csv: 'name,mail\nx,y', orgName, dryRun: true }, now)).rejects.toThrow(/Unknown column "mail"/);
    await expect(importUsers(database.db, { csv: 'name,email\nx,y@z.test', orgName, dryRun: true }, now)).rejects.toThrow(/lacks the columns role, departments/);
  });
});

describe('CSV reading', () => {
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","line\nbreak"\r\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
    ]);
    expect(() => parseCsv('a,"b')).toThrow(/not closed/);
  });

  it('splits department names on ; ； and 、', () => {
    expect(splitDepartments(' 市场部; 研发部；销售部、设计部;;市场部 ')).toEqual(['市场部', '研发部', '销售部', '设计部']);
  });
});
