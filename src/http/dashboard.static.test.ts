import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiPath, mountDashboard } from './dashboard.static.js';
import type { HttpEnv } from './http.types.js';

let dir: string;
let app: Hono<HttpEnv>;
const script = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;
const INDEX =
  '<!doctype html><html lang="en-GB"><script type="module" src="/assets/index-abc123.js"></script></html>';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(tmpdir(), 'caucus-static-secret.txt'), 'secret');
  app = new Hono<HttpEnv>();
  app.use('*', async (c, next) => {
    c.set('route', 'unmatched');
    await next();
  });
  app.get('/api/known', (c) => c.json({ ok: true }));
  mountDashboard(app, { dir });
  app.notFound((c) => c.json({ type: '/problems/not-found' }, 404));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'caucus-static-secret.txt'), { force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('the dashboard static route', () => {
  it('answers every dashboard page with index.html, never cached without revalidation', async () => {
    for (const path of [
      '/',
      '/councils/STR',
      '/people/person:11',
      '/wards/area:x.y',
      '/power',
      '/articles',
    ]) {
      const res = await get(path);
      expect([path, res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([
        path,
        200,
        'text/html; charset=utf-8',
        'no-cache',
      ]);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('answers an unknown page with index.html as a 404, so the app shows its not-found page', async () => {
    const res = await get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(INDEX);
  });

  it('leaves API paths, missing assets and other methods to the API (its 404s stay problem+json)', async () => {
    expect(await (await get('/api/known')).json()).toEqual({ ok: true });
    for (const path of [
      '/api/unknown',
      '/feeds/x.atom',
      '/healthz',
      '/metrics',
      '/openapi.json',
      '/assets/gone-1.js',
      '/robots.txt',
    ]) {
      const res = await get(path);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 404, 'application/json']);
    }
    const post = await app.request('/councils/STR', { method: 'POST' });
    expect(post.status).toBe(404);
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
  });

  it('serves hashed assets for a year, with their types, ETags, 304s and gzip when accepted', async () => {
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    const zipped = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    expect(bytes.byteLength).toBeLessThan(script.length);
    expect(gunzipSync(bytes).toString('utf8')).toBe(script);
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/assets/index-abc123.js', { 'If-None-Match': etag })).status).toBe(304);
    expect((await get('/assets/index-abc123.js', { 'If-None-Match': '"other"' })).status).toBe(200);
    expect((await get('/assets/index-abc123.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    const icon = await get('/favicon.svg');
    expect([icon.headers.get('content-type'), icon.headers.get('cache-control')]).toEqual([
      'image/svg+xml',
      'public, max-age=3600',
    ]);
  });

  it('sends the brotli copy the build made when brotli is accepted, and ignores a stale one', async () => {
    const css = 'body{margin:0}'.repeat(100);
    writeFileSync(join(dir, 'assets', 'index-br1.css'), css);
    writeFileSync(join(dir, 'assets', 'index-br1.css.br'), brotliCompressSync(css));
    const br = await get('/assets/index-br1.css', { 'Accept-Encoding': 'gzip, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())).toString('utf8')).toBe(css);
    expect(
      (await get('/assets/index-br1.css', { 'Accept-Encoding': 'gzip' })).headers.get('content-encoding'),
    ).toBe('gzip');
    writeFileSync(join(dir, 'assets', 'index-br2.css'), css);
    writeFileSync(join(dir, 'assets', 'index-br2.css.br'), brotliCompressSync('something else'));
    expect(
      (await get('/assets/index-br2.css', { 'Accept-Encoding': 'br, gzip' })).headers.get('content-encoding'),
    ).toBe('gzip');
  });

  it('names the national page’s first data in a preload header, so it is fetched with the page', async () => {
    const link = (await get('/')).headers.get('link');
    expect(link).toBe(
      [
        '</api/control/summary>; rel=preload; as=fetch; crossorigin=anonymous',
        '</api/parties?limit=500>; rel=preload; as=fetch; crossorigin=anonymous',
        '</api/factions?limit=500>; rel=preload; as=fetch; crossorigin=anonymous',
      ].join(', '),
    );
    expect((await get('/?asOf=2024-06-01&sort=seats')).headers.get('link')).toContain(
      '</api/control/summary?asOf=2024-06-01>; rel=preload',
    );
    expect((await get('/?asOf=junk')).headers.get('link')).toBeNull();
    expect((await get('/councils/STR')).headers.get('link')).toBeNull();
    expect((await get('/no/such/page')).headers.get('link')).toBeNull();
  });

  it('re-reads a file that changed on disk', async () => {
    const file = join(dir, 'favicon.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg"><title>new</title></svg>');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(await (await get('/favicon.svg')).text()).toContain('<title>new</title>');
  });

  it('never serves a file outside its directory, however the path is spelt', async () => {
    for (const path of [
      '/../caucus-static-secret.txt',
      '/%2e%2e/caucus-static-secret.txt',
      '/assets/..%2f..%2fcaucus-static-secret.txt',
      '/%2e%2e%5ccaucus-static-secret.txt',
      '/assets/%00index-abc123.js',
      '/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('says plainly that the dashboard is not built when its directory is empty', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'caucus-static-empty-'));
    const bare = new Hono<HttpEnv>();
    mountDashboard(bare, { dir: empty });
    bare.notFound((c) => c.text('api 404', 404));
    const page = await bare.request('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:web');
    expect((await bare.request('/no/such/page')).status).toBe(404);
    rmSync(empty, { recursive: true, force: true });
  });
});
