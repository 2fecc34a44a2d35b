import type { Command } from 'commander';
import { displayWidth } from '../../server/bootstrap/first-start.ts';

/** Exit codes of the `liaison` command: scripts branch on these. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * A failure to report and exit with: `usage` for arguments that cannot work (exit 2), `failure` for
 * a refusal or fault of the operation itself (exit 1). `details` is added to the `--json` error body.
 */
export class CliError extends Error {
  readonly exitCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: { exitCode?: number; details?: Record<string, unknown> } = {}) {
    super(message);
    this.exitCode = options.exitCode ?? EXIT.failure;
    this.details = options.details;
  }
}

export const usageError = (message: string) => new CliError(message, { exitCode: EXIT.usage });

/**
 * Output for people or for scripts. With `--json` exactly one JSON document goes to stdout (the result,
 * or `{error}` on failure) and nothing else does; otherwise readable lines, errors on stderr.
 */
export type Output = {
  readonly json: boolean;
  /** The command's result: `human` lines for a terminal, `data` for `--json`. */
  result(data: unknown, human: string | string[]): void;
  /** Progress or notes for a person; silent with `--json`. */
  note(line: string): void;
  /** Reports a failure in the chosen form. */
  failure(error: CliError): void;
};

export function createOutput(options: { json: boolean; stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream }): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const write = (stream: NodeJS.WritableStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);
  return {
    json: options.json,
    result(data, human) {
      if (options.json) write(stdout, JSON.stringify(data, null, 2));
      else write(stdout, Array.isArray(human) ? human.join('\n') : human);
    },
    note(line) {
      if (!options.json) write(stderr, line);
    },
    failure(error) {
      if (options.json) write(stdout, JSON.stringify({ error: { message: error.message, exitCode: error.exitCode, ...error.details } }, null, 2));
      else write(stderr, `liaison: ${error.message}`);
    },
  };
}

/** A plain-text table for terminal reports; widths count CJK characters as two columns. */
export function table(headers: string[], rows: string[][]): string {
  const width = displayWidth;
  const columns = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(columns[i]! - width(cell))))
      .join('  ')
      .trimEnd();
  return [line(headers), line(columns.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Runs a command's body with the output it asked for (`--json` anywhere on the line), reporting any
 * failure once and setting the exit code; unexpected errors count as failures (exit 1).
 */
export async function runCommand(command: Command, body: (output: Output) => Promise<void>): Promise<void> {
  const output = createOutput({ json: Boolean(command.optsWithGlobals().json) });
  try {
    await body(output);
  } catch (error) {
    const failure = error instanceof CliError ? error : new CliError(error instanceof Error ? error.message : String(error));
    output.failure(failure);
    process.exitCode = failure.exitCode;
  }
}
