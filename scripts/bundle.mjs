// Bundles the `caucus` CLI (and any worker entry points) into dist/bundle with esbuild, so a command
// loads a few files instead of hundreds of modules: `caucus show council` starts about a third faster.
// Native and data-heavy packages stay external and load from node_modules when a command needs them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

function workers(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? workers(join(dir, e.name)) : e.name.endsWith('.worker.ts') ? [join(dir, e.name)] : [],
  );
}

// No clean first: test runs that build in parallel must never see the bundle missing. Chunks are named by
// content hash, so stale ones are unused and harmless.
await build({
  entryPoints: ['src/cli/main.ts', ...workers('src')],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  external: [
    'better-sqlite3',
    'pg',
    'pg-native',
    'wink-nlp',
    'wink-eng-lite-web-model',
    'linkedom',
    '@mozilla/readability',
    'talisman',
    'cli-progress',
  ],
  // Bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
