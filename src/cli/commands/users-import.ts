import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../../server/auth/passwords.ts';
import { passwordProblem, passwordProblemText } from '../../server/auth/password-policy.ts';
import { recordAudit } from '../../server/commands/audit.ts';
import type { Db } from '../../server/db/client.ts';
import { departments, userDepartments, users } from '../../server/db/schema/index.ts';
import { generatePassword } from '../../server/demo/seed-demo.ts';
import { roleSchema } from '../../shared/schemas/organization.ts';
import { CliError, EXIT, runCommand, table, type Output } from '../output/print.ts';
import { requireOrganization } from './create-admin.ts';
import { openMigratedDatabase, readEnv } from './migrate.ts';

/**
 * RFC 4180 CSV as spreadsheets write it: quoted fields with "" escapes and line breaks, CRLF or LF,
 * and the UTF-8 byte-order mark Excel puts first. Answers records of raw cells.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new CliError('The CSV ends inside a quoted field (a " is not closed).');
  if (cell !== '' || record.length) records.push([...record, cell]);
  return records;
}

const COLUMNS = ['name', 'email', 'role', 'departments', 'password'] as const;
const REQUIRED_COLUMNS = ['name', 'email', 'role', 'departments'] as const;
type Column = (typeof COLUMNS)[number];

export type RowStatus = 'created' | 'skipped' | 'error';

export type RowReport = {
  /** The line in the spreadsheet: the header is row 1. */
  row: number;
  name: string;
  email: string;
  role: string;
  departments: string[];
  status: RowStatus;
  reasons: string[];
  /** Set when the row had no password and one was made: hand it to the person. */
  generatedPassword?: string;
};

export type ImportReport = {
  /** No row has an error. */
  ok: boolean;
  dryRun: boolean;
  /** False on a dry run or when any row was rejected: then `created` rows say what would have been created. */
  written: boolean;
  organization: { id: string; name: string };
  departmentsCreated: string[];
  rows: RowReport[];
  counts: Record<RowStatus, number>;
};

const emailSchema = z.email().max(254);

/** Several department names in one cell: separated by ; (either width) or 、 as people write them in Chinese. */
export function splitDepartments(cell: string): string[] {
  return [...new Set(cell.split(/[;；、]/).map((name) => name.trim()).filter(Boolean))];
}

function columnIndex(header: string[]): Map<Column, number> {
  const index = new Map<Column, number>();
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) {
      throw new CliError(`Unknown column "${raw}" in the header; expected ${COLUMNS.join(',')} (password optional).`);
    }
    if (index.has(name as Column)) throw new CliError(`The column "${name}" appears twice in the header.`);
    index.set(name as Column, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) throw new CliError(`The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${COLUMNS.join(',')} (password optional).`);
  return index;
}

type CheckedRow = RowReport & { password: string | null };

/** Each row's own faults (before the database is asked): required cells, formats, password policy, duplicates in the file. */
function checkRows(records: string[][]): CheckedRow[] {
  const [header, ...data] = records;
  if (!header) throw new CliError('The CSV is empty: expected a header line name,email,role,departments[,password].');
  const index = columnIndex(header);
  const cell = (record: string[], column: Column) => (index.has(column) ? (record[index.get(column)!] ?? '').trim() : '');
  const seen = new Map<string, number>();
  const rows: CheckedRow[] = [];
  data.forEach((record, i) => {
    if (record.every((c) => c.trim() === '')) return;
    const row = i + 2;
    const reasons: string[] = [];
    if (record.length > header.length) reasons.push(`has ${record.length} cells but the header has ${header.length} columns`);
    const name = cell(record, 'name');
    const email = cell(record, 'email');
    const role = cell(record, 'role').toLowerCase() || 'member';
    const departmentNames = splitDepartments(cell(record, 'departments'));
    const password = cell(record, 'password') || null;
    if (!name) reasons.push('name is required');
    else if (name.length > 100) reasons.push('name is longer than 100 characters');
    if (!email) reasons.push('email is required');
    else if (!emailSchema.safeParse(email).success) reasons.push(`email "${email}" is not an email address`);
    if (!roleSchema.safeParse(role).success) reasons.push(`role "${role}" is not one of admin, pmo, member`);
    if (departmentNames.some((d) => d.length > 100)) reasons.push('a department name is longer than 100 characters');
    const problem = password === null ? null : password.length > 200 ? 'password.weak' : passwordProblem(password, { email });
    if (problem) reasons.push(`password ${passwordProblemText[problem]}`);
    const key = email.toLowerCase();
    if (email && seen.has(key)) reasons.push(`email repeats row ${seen.get(key)}`);
    else if (email) seen.set(key, row);
    rows.push({ row, name, email, role, departments: departmentNames, status: reasons.length ? 'error' : 'created', reasons, password });
  });
  return rows;
}

/**
 * Imports people from a CSV (name,email,role,departments[,password]) into one organisation, creating
 * departments that do not exist yet. All or nothing: a single invalid row writes nothing, and the
 * report says which rows and why. People already there (same email) are skipped, not changed.
 */
export async function importUsers(db: Db, input: { csv: string; orgName?: string | undefined; dryRun: boolean }, now: Date): Promise<ImportReport> {
  const rows = checkRows(parseCsv(input.csv));
  const valid = rows.filter((r) => r.status !== 'error');
  const hashes = new Map<CheckedRow, string>();
  if (!input.dryRun && valid.length === rows.length) {
    // Hashed before the transaction so it is not held open for the scrypt work.
    await Promise.all(
      valid.map(async (r) => {
        if (!r.password) r.generatedPassword = generatePassword();
        hashes.set(r, await hashPassword(r.password ?? r.generatedPassword!));
      }),
    );
  }

  return db.transaction(async (tx) => {
    const org = await requireOrganization(tx, input.orgName);
    const emails = rows.filter((r) => r.email).map((r) => r.email.toLowerCase());
    const existing = emails.length
      ? await tx.select({ email: sql<string>`lower(${users.email})`, orgId: users.orgId }).from(users).where(inArray(sql`lower(${users.email})`, emails))
      : [];
    const orgOf = new Map(existing.map((u) => [u.email, u.orgId]));
    for (const r of valid) {
      const owner = orgOf.get(r.email.toLowerCase());
      if (owner === org.id) {
        r.status = 'skipped';
        r.reasons.push('a user with this email already exists');
        delete r.generatedPassword;
      } else if (owner) {
        r.status = 'error';
        r.reasons.push('this email belongs to a user of another organisation');
      }
    }
    const toCreate = rows.filter((r) => r.status === 'created');
    const wanted = [...new Set(toCreate.flatMap((r) => r.departments))];
    const known = wanted.length
      ? await tx.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.orgId, org.id), inArray(departments.name, wanted)))
      : [];
    const departmentId = new Map(known.map((d) => [d.name, d.id]));
    const departmentsCreated = wanted.filter((name) => !departmentId.has(name));
    const ok = rows.every((r) => r.status !== 'error');
    // Every check comes before the first write, so a rejected file or a dry run leaves the database as it was.
    if (!ok || input.dryRun) return summarize(org, rows, ok ? departmentsCreated : [], input.dryRun, ok);

    for (const name of departmentsCreated) {
      const [row] = await tx.insert(departments).values({ orgId: org.id, name, createdAt: now }).returning();
      departmentId.set(name, row!.id);
      await recordAudit(tx, null, now, { orgId: org.id, entityType: 'department', entityId: row!.id, action: 'created', after: { name, source: 'csv_import' } });
    }
    for (const r of toCreate) {
      const role = roleSchema.parse(r.role);
      const [user] = await tx.insert(users).values({ orgId: org.id, name: r.name, email: r.email, passwordHash: hashes.get(r)!, role, createdAt: now }).returning();
      const ids = r.departments.map((name) => departmentId.get(name)!);
      if (ids.length) await tx.insert(userDepartments).values(ids.map((id) => ({ orgId: org.id, userId: user!.id, departmentId: id })));
      await recordAudit(tx, null, now, {
        orgId: org.id,
        entityType: 'user',
        entityId: user!.id,
        action: 'created',
        after: { name: r.name, email: r.email, role, departmentIds: ids, source: 'csv_import' },
      });
    }
    return summarize(org, rows, departmentsCreated, false, true);
  });
}

function summarize(org: { id: string; name: string }, rows: CheckedRow[], departmentsCreated: string[], dryRun: boolean, ok: boolean): ImportReport {
  const counts: Record<RowStatus, number> = { created: 0, skipped: 0, error: 0 };
  for (const r of rows) counts[r.status]++;
  return {
    ok,
    dryRun,
    written: ok && !dryRun,
    organization: org,
    departmentsCreated,
    rows: rows.map(({ password: _password, generatedPassword, ...r }) => (ok && generatedPassword ? { ...r, generatedPassword } : r)),
    counts,
  };
}

function printReport(output: Output, report: ImportReport): void {
  const verb = report.written ? 'created' : report.ok ? 'would create' : 'valid';
  const statusText = (r: RowReport) => (r.status === 'created' ? verb : r.status);
  const note = (r: RowReport) => [...r.reasons, ...(r.generatedPassword ? [`password: ${r.generatedPassword}`] : [])].join('; ');
  const lines = [
    table(
      ['row', 'email', 'name', 'status', 'note'],
      report.rows.map((r) => [String(r.row), r.email, r.name, statusText(r), note(r)]),
    ),
    '',
  ];
  if (!report.ok) {
    lines.push(`Nothing was imported: ${report.counts.error} row${report.counts.error === 1 ? '' : 's'} need fixing (see above).`);
  } else {
    const prefix = report.dryRun ? 'Dry run, nothing written: would create' : 'Created';
    const departmentsNote = report.departmentsCreated.length ? ` and the department${report.departmentsCreated.length === 1 ? '' : 's'} ${report.departmentsCreated.join('、')}` : '';
    lines.push(`${prefix} ${report.counts.created} user${report.counts.created === 1 ? '' : 's'}${departmentsNote} in "${report.organization.name}"; skipped ${report.counts.skipped}.`);
    if (report.rows.some((r) => r.generatedPassword)) lines.push('Generated passwords are shown once: hand them over and ask people to change them.');
  }
  output.result(report, lines);
}

export function registerUsersImport(users: Command): void {
  users
    .command('import')
    .description('import people from a CSV: name,email,role,departments[,password] (all rows or none)')
    .argument('<csv>', 'CSV file (UTF-8); departments separated by ; or 、')
    .option('--dry-run', 'check the file and report what would happen, writing nothing')
    .option('--org-name <name>', 'organisation to import into, when the database holds several')
    .action((file: string, options: { dryRun?: boolean; orgName?: string }, command: Command) =>
      runCommand(command, async (output) => {
        const csv = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new CliError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
        });
        const { database } = await openMigratedDatabase(readEnv());
        try {
          const report = await importUsers(database.db, { csv, orgName: options.orgName, dryRun: Boolean(options.dryRun) }, new Date());
          printReport(output, report);
          if (!report.ok) process.exitCode = EXIT.failure;
        } finally {
          await database.close();
        }
      }),
    );
}
