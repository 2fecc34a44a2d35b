/**
 * `npm run size`: what the browser downloads, in gzipped JavaScript, read from the Vite manifest of
 * the last build (dist/web). The sign-in page's first load is the entry chunk, the sign-in route chunk
 * and everything they import statically; each other route is counted by what it adds on top of the
 * entry. Issue 3 sets the budget: sign-in ≤ 250 KB. Exits 1 over budget, so CI can run it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

type Chunk = { file: string; src?: string; name?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, Chunk>;

const SIGN_IN_BUDGET_KB = 250;
const SIGN_IN_SOURCE = 'scenes/sign-in/sign-in-page.tsx';
/** Each UI language's chunks (src/web/i18n/catalogs.ts), fetched before the first render: part of the first load. */
const LANGUAGE_SOURCES: Record<string, string[]> = {
  'zh-CN': ['i18n/messages/sign-in.zh-CN.ts', '../../node_modules/antd/es/locale/zh_CN.js', '../../node_modules/dayjs/locale/zh-cn.js'],
  en: ['i18n/messages/sign-in.en.ts', '../../node_modules/antd/es/locale/en_US.js'],
};

const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
const manifestPath = path.join(webRoot, '.vite', 'manifest.json');

/** The chunk and every chunk it imports statically (what loading it costs), as manifest keys. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

const gzipCache = new Map<string, number>();
function gzipBytes(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(webRoot, file)), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

const sum = (manifest: Manifest, keys: Iterable<string>) => [...keys].reduce((total, key) => total + (manifest[key]!.file.endsWith('.js') ? gzipBytes(manifest[key]!.file) : 0), 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): number {
  if (!existsSync(manifestPath)) {
    console.error(`No build found at ${manifestPath}: run \`npm run build\` first.`);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  const signInKey = Object.keys(manifest).find((k) => manifest[k]!.src === SIGN_IN_SOURCE);
  if (!entryKey || !signInKey) {
    console.error('The manifest has no entry chunk or no sign-in route chunk.');
    return 1;
  }
  const entry = closure(manifest, entryKey);
  const signInRoute = new Set([...entry, ...closure(manifest, signInKey)]);
  const firstLoads = Object.entries(LANGUAGE_SOURCES).map(([language, sources]) => {
    const keys = new Set(signInRoute);
    for (const source of sources) {
      if (!manifest[source]) throw new Error(`The manifest has no chunk for ${source} (src/web/i18n/catalogs.ts changed?)`);
      closure(manifest, source, keys);
    }
    return { language, bytes: sum(manifest, keys) };
  });
  const signInBytes = Math.max(...firstLoads.map((load) => load.bytes));

  console.log('Gzipped JavaScript (gzip -9) of dist/web\n');
  console.log(`entry chunk + static imports          ${kb(sum(manifest, entry)).padStart(10)}`);
  for (const load of firstLoads) {
    console.log(`sign-in first load, ${load.language.padEnd(6)} (entry + language + route) ${kb(load.bytes).padStart(10)}   budget ${SIGN_IN_BUDGET_KB} KB`);
  }
  console.log('\nroute chunks: own file · adds over the entry (its chunk and static imports not in the entry)');
  const routes = Object.entries(manifest).filter(([, c]) => c.isDynamicEntry && c.src);
  for (const [key, chunk] of routes.sort((a, b) => a[1].src!.localeCompare(b[1].src!))) {
    const adds = [...closure(manifest, key)].filter((k) => !entry.has(k));
    console.log(`  ${chunk.src!.padEnd(56)} ${kb(gzipBytes(chunk.file)).padStart(9)} · ${kb(sum(manifest, adds)).padStart(9)}`);
  }
  if (signInBytes > SIGN_IN_BUDGET_KB * 1024) {
    console.error(`\nOver budget: the sign-in page loads ${kb(signInBytes)} of gzipped JavaScript (budget ${SIGN_IN_BUDGET_KB} KB).`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
