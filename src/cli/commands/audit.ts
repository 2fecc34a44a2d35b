import type { Command } from 'commander';
import { verifyAuditChain, type ChainBreak } from '../../server/audit/verify-chain.ts';
import { CliError, runCommand } from '../output/print.ts';
import { findTargetOrganization } from './create-admin.ts';
import { openMigratedDatabase, readEnv } from './migrate.ts';

function describeBreak(b: ChainBreak): string {
  const where = `${b.orgName ? `"${b.orgName}" ` : ''}(${b.orgId})`;
  const event = b.eventId ? ` — event ${b.eventId}${b.at ? ` at ${b.at}` : ''}${b.entityType ? `, ${b.entityType} ${b.action}` : ''}` : '';
  return `audit chain broken in ${where}: ${b.message}${event}`;
}

/**
 * `liaison audit verify`: recomputes every organisation's hash chain and names the first broken link of
 * each (exit 1), or prints the number of events checked (exit 0). The heads it prints are worth keeping
 * elsewhere: a later run whose chain no longer passes through them shows the history was rewritten.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the append-only audit trail');
  audit
    .command('verify')
    .description('check that no audit event was altered, removed or inserted out of band (hash chain per organisation)')
    .option('--org-name <name>', 'check only this organisation')
    .action((options: { orgName?: string }, command: Command) =>
      runCommand(command, async (output) => {
        const { database } = await openMigratedDatabase(readEnv());
        try {
          const org = options.orgName === undefined ? null : await findTargetOrganization(database.db, options.orgName);
          if (options.orgName !== undefined && !org) throw new CliError(`No organisation is named "${options.orgName}".`);
          const report = await verifyAuditChain(database.db, org ? { orgId: org.id } : {});
          if (report.breaks.length > 0) {
            throw new CliError(report.breaks.map(describeBreak).join('\n'), { details: { events: report.events, breaks: report.breaks } });
          }
          output.result(report, [
            `audit chain intact: ${report.events} events`,
            ...report.organizations.map((o) => `  ${o.orgName ?? o.orgId}: ${o.events} events, head ${o.headHash}`),
          ]);
        } finally {
          await database.close();
        }
      }),
    );
}
