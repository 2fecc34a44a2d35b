import { writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes `.br` and `.gz` beside each text file of the build, which the server sends as they are
 * (@fastify/static `preCompressed`) to browsers that accept them: compressed once here, not per request.
 */
function precompress(): Plugin {
  return {
    name: 'liaison-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      const files = Object.keys(bundle).filter((name) => /\.(js|css|html|svg|json)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const source = await readFile(path.join(dir, name));
          if (source.length < 1024) return;
          await writeFile(path.join(dir, `${name}.gz`), gzipSync(source, { level: 9 }));
          await writeFile(path.join(dir, `${name}.br`), brotliCompressSync(source));
        }),
      );
    },
  };
}

/**
 * The web app (src/web) built into dist/web, which the Fastify app serves at `/`. Every page is its own
 * chunk (React.lazy in src/web/routes.tsx) so the sign-in page loads only what it shows. The manifest
 * feeds `npm run size`. No script is ever inlined: the server's CSP allows scripts from 'self' only.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    // Old chunks stay (scripts/build-web.ts prunes them after an hour): a tab still open on the previous
    // build, or a server started before this build, keeps finding the files it names.
    emptyOutDir: false,
    manifest: true,
    target: 'es2022',
    // Hashed files only: a data: URL in a script would be an inline asset the CSP has to allow.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
