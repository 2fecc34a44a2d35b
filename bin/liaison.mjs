#!/usr/bin/env node
// The package's `liaison` command. It may be started by any Node (the machines ship Node 20), so it
// re-executes the CLI with the Node 24 the project pins (node_modules/node), which runs TypeScript as is.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pinned = `${root}node_modules/node/bin/node`;
const node = existsSync(pinned) ? pinned : process.execPath;

const child = spawn(node, [`${root}src/cli/index.ts`, ...process.argv.slice(2)], { stdio: 'inherit' });

// SIGTERM and SIGHUP sent to this process alone are passed on. Ctrl-C already reaches the child through
// the terminal's process group; passing SIGINT on as well would count as the server's second signal
// (exit without a graceful close), so this process only waits for the child.
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
process.on('SIGINT', () => {});

child.on('error', (error) => {
  console.error(`liaison: cannot start ${node}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
