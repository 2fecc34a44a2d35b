import { createHash } from 'node:crypto';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * PGlite is one process's database: while the server runs, no other process may open its folder. So
 * `liaison backup` asks the running server to write the backup through a Unix socket beside the data
 * (only the operating-system user who owns the folder may connect — the same user who could read the
 * folder anyway). `liaison restore` uses it to see that the server is running and refuse.
 */
export type ControlRequest = { command: 'ping' } | { command: 'backup'; file: string };
export type ControlAnswer = { ok: true; result?: unknown } | { ok: false; error: string };
export type ControlHandlers = { backup(file: string): Promise<unknown> };

/** The socket of the server using `dataDir`: inside it, or in the temp folder when that path is too long for a socket. */
export function controlSocketPath(dataDir: string): string {
  const inside = path.join(path.resolve(dataDir), 'liaison.sock');
  if (Buffer.byteLength(inside) < 100) return inside;
  return path.join(tmpdir(), `liaison-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}.sock`);
}

/** Asks the server behind `socketPath`; null when no server is listening there. */
export function askServer(socketPath: string, request: ControlRequest, timeoutMs = 600_000): Promise<ControlAnswer | null> {
  return new Promise((resolve, reject) => {
    if (!existsSync(socketPath)) return resolve(null);
    const socket = createConnection(socketPath);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.on('connect', () => socket.end(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(answer) as ControlAnswer);
      } catch {
        reject(new Error('the server answered something unreadable'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A socket file left by a killed server: nobody is listening.
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(null);
      else reject(error);
    });
  });
}

/** Listens on `socketPath` (owner-only) until the returned close is called. */
export async function startControlSocket(socketPath: string, handlers: ControlHandlers): Promise<() => Promise<void>> {
  if ((await askServer(socketPath, { command: 'ping' }, 5_000).catch(() => null)) !== null) {
    throw new Error(`another server is already using this data folder (${socketPath} answers)`);
  }
  rmSync(socketPath, { force: true });
  // Half-open: the client ends its request, then waits for the answer on the same connection.
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    let request = '';
    socket.on('data', (chunk) => (request += chunk.toString()));
    socket.on('end', () => {
      void answer(request).then((reply) => socket.end(JSON.stringify(reply)));
    });
    socket.on('error', () => socket.destroy());
  });
  const answer = async (text: string): Promise<ControlAnswer> => {
    try {
      const request = JSON.parse(text) as ControlRequest;
      if (request.command === 'ping') return { ok: true };
      if (request.command === 'backup' && typeof request.file === 'string' && path.isAbsolute(request.file)) return { ok: true, result: await handlers.backup(request.file) };
      return { ok: false, error: 'unknown request' };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        rmSync(socketPath, { force: true });
        resolve();
      });
    });
}
