/**
 * Builds the web app (vite build → dist/web) unless the build is newer than every file it is made of,
 * so `npm start` serves a current web app without rebuilding on each start. Also used by the e2e
 * tests' global setup. `--force` always builds.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** What the bundle is made of: the web app, the code it shares with the server, the build setup. */
const SOURCES = ['src/web', 'src/shared', 'src/domain', 'vite.config.ts', 'package-lock.json'];
const BUILT = path.join(root, 'dist/web/.vite/manifest.json');

function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestChange(path.join(target, name))), stat.mtimeMs);
}

/** Whether dist/web is missing or older than one of its sources. */
export function isWebBuildStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const builtAt = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => newestChange(path.join(root, source)) > builtAt);
}

/** How long files of earlier builds stay for pages and servers that still name them. */
const KEEP_OLD_BUILDS_MS = 60 * 60 * 1000;

/** Removes assets the new manifest does not name once they are older than an hour. */
function pruneOldAssets(): void {
  const assets = path.join(root, 'dist/web/assets');
  const manifest = JSON.parse(readFileSync(BUILT, 'utf8')) as Record<string, { file: string; css?: string[] }>;
  const current = new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]).map((f) => path.basename(f)));
  const cutoff = Date.now() - KEEP_OLD_BUILDS_MS;
  for (const name of readdirSync(assets)) {
    const file = path.join(assets, name);
    if (current.has(name.replace(/\.(br|gz)$/, '')) || statSync(file).mtimeMs > cutoff) continue;
    rmSync(file, { force: true });
  }
}

/** Runs `vite build` when needed; returns whether it built. */
export async function buildWebIfStale(options: { force?: boolean; logLevel?: 'info' | 'warn' | 'silent' } = {}): Promise<boolean> {
  if (!options.force && !isWebBuildStale()) return false;
  const { build } = await import('vite');
  // Under vitest NODE_ENV is "test", which would give React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: options.logLevel ?? 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  pruneOldAssets();
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildWebIfStale({ force: process.argv.includes('--force') });
  if (!built) console.log('Web app is up to date (dist/web).');
}
