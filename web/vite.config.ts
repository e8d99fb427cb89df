/**
 * Builds the dashboard into web/dist, which `caucus serve` serves at /. Hashed file names under /assets
 * let the server cache them for a year; index.html is always revalidated.
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [preact({ devtoolsInProd: false })],
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
