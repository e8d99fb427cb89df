/**
 * Builds the dashboard into web/dist, which `caucus serve` serves at /. Hashed file names under /assets
 * let the server cache them for a year; index.html is always revalidated.
 */
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes `file.br` beside each text file of the build: brotli at quality 11 is about 15% smaller than the
 * gzip the server makes, but too slow to run while serving (a second for the chart chunk).
 */
function brotliFiles(): Plugin {
  return {
    name: 'caucus-brotli',
    apply: 'build',
    async writeBundle(options) {
      const dir = options.dir!;
      const walk = (d: string): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
        );
      const compress = promisify(brotliCompress);
      // On zlib's thread pool, all at once: the chart chunk alone takes about a second.
      await Promise.all(
        walk(dir)
          .filter((f) => /\.(js|css|html|svg)$/.test(f))
          .map(async (file) => {
            const body = await readFile(file);
            if (body.byteLength < 512) return;
            const br = await compress(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
            if (br.byteLength < body.byteLength) await writeFile(`${file}.br`, br);
          }),
      );
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [preact({ devtoolsInProd: false }), brotliFiles()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill is for browsers without <link rel="modulepreload">; every browser we target has it.
    modulePreload: { polyfill: false },
    // No inline data: URIs, so the page keeps working under `default-src 'self'`.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    // Plot and d3 are loaded only when a chart is drawn; they form one chunk named for them.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      // The report of slow plugins names only the brotli step, which is slow by design (quality 11).
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: { groups: [{ name: 'plot', test: /node_modules[\\/](?!preact[\\/])/ }] },
      },
    },
  },
  server: {
    // `npm run dev:web` against a running `caucus serve` on 8080.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/feeds': 'http://127.0.0.1:8080',
      '/openapi.json': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
