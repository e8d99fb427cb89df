/**
 * Serves the built web dashboard (web/dist, from `npm run build:web`) at /. A dashboard page's URL
 * (/councils/STR) answers index.html and the browser app draws the page; any other path outside the API
 * answers index.html with status 404, which the app shows as its not-found page. Hashed files under
 * /assets are cached for a year, index.html never without revalidation; text is sent brotli-compressed
 * (from the build) or gzipped when the client accepts it. API paths are left alone, so an unknown
 * /api/... is still a problem+json 404.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import type { Context, Hono, Next } from 'hono';
import { matchClientRoute, nationalFirstRequests } from '../web/client-routes.js';
import { chooseEncoding } from './compression.js';
import type { HttpEnv } from './http.types.js';

/** web/dist beside src/ and dist/: this file is two levels below the repository root in either. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.webmanifest',
]);

/** Paths the API owns: never answered with the dashboard. */
const API_PREFIXES = ['/api/', '/feeds/', '/problems/'];
const API_PATHS = new Set(['/api', '/feeds', '/audit', '/healthz', '/metrics', '/openapi.json']);

export function isApiPath(pathname: string): boolean {
  return API_PATHS.has(pathname) || API_PREFIXES.some((p) => pathname.startsWith(p));
}

interface StaticFile {
  mtimeMs: number;
  size: number;
  body: Uint8Array;
  gzip: Uint8Array | null;
  /** From the build (`file.br`, brotli at its best, which is too slow to do while serving). */
  br: Uint8Array | null;
  etag: string;
  type: string;
}

export interface DashboardOptions {
  /** The built dashboard; default web/dist (or CAUCUS_WEB_DIR). */
  dir?: string;
}

/**
 * The brotli copy the build wrote beside a file (web/vite.config.ts), if there is one and it really is
 * this file compressed: a stale copy left by an older build is ignored rather than served.
 */
async function prebuiltBrotli(full: string, body: Uint8Array): Promise<Uint8Array | null> {
  let br: Uint8Array;
  try {
    br = new Uint8Array(await readFile(`${full}.br`));
  } catch {
    return null;
  }
  try {
    return Buffer.from(brotliDecompressSync(br)).equals(body) ? br : null;
  } catch {
    return null;
  }
}

/** Mounts the dashboard after the API routes: `mountDashboard(app)`. */
export function mountDashboard(app: Hono<HttpEnv>, options: DashboardOptions = {}): void {
  const root = resolve(options.dir ?? process.env.CAUCUS_WEB_DIR ?? DEFAULT_WEB_DIR);
  const files = new Map<string, StaticFile>();

  /** The file at `relative` (URL path) inside root, read once and re-read when it changes on disk. */
  async function load(relative: string): Promise<StaticFile | null> {
    const full = resolve(root, `.${relative}`);
    if (full !== root && !full.startsWith(root + sep)) return null;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(full);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const cached = files.get(full);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const body = new Uint8Array(await readFile(full));
    const ext = extname(full).toLowerCase();
    const zipped =
      COMPRESSIBLE.has(ext) && body.byteLength > 512 ? new Uint8Array(gzipSync(body, { level: 9 })) : null;
    const file: StaticFile = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      body,
      gzip: zipped && zipped.byteLength < body.byteLength ? zipped : null,
      br: COMPRESSIBLE.has(ext) ? await prebuiltBrotli(full, body) : null,
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
      type: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    };
    if (files.size > 500) files.clear();
    files.set(full, file);
    return file;
  }

  function send(
    c: Context<HttpEnv>,
    file: StaticFile,
    status: number,
    cacheControl: string,
    extra: Record<string, string> = {},
  ): Response {
    const headers = new Headers({
      'Content-Type': file.type,
      'Cache-Control': cacheControl,
      ETag: file.etag,
      Vary: 'Accept-Encoding',
      ...extra,
    });
    const inm = c.req.header('if-none-match');
    if (status === 200 && inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) {
      headers.delete('Content-Type');
      return new Response(null, { status: 304, headers });
    }
    const accepted = chooseEncoding(c.req.header('accept-encoding'));
    const gzipOk = file.gzip && /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
    const encoding = accepted === 'br' && file.br ? 'br' : gzipOk ? 'gzip' : null;
    if (encoding) headers.set('Content-Encoding', encoding);
    const body = encoding === 'br' ? file.br! : encoding === 'gzip' ? file.gzip! : file.body;
    headers.set('Content-Length', String(body.byteLength));
    return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status,
      headers,
    });
  }

  const notBuilt = () =>
    new Response(
      'The dashboard has not been built: run `npm run build:web` and reload. The API is at /api and /openapi.json.\n',
      { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } },
    );

  app.use('*', async (c: Context<HttpEnv>, next: Next) => {
    const method = c.req.method;
    const pathname = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || isApiPath(pathname)) return next();
    if (pathname !== '/' && !pathname.endsWith('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        decoded = '';
      }
      if (decoded && !decoded.includes('\0')) {
        const file = await load(decoded);
        if (file) {
          c.set('route', 'dashboard');
          const hashed = decoded.startsWith('/assets/');
          return send(c, file, 200, hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
        }
      }
    }
    const page = matchClientRoute(pathname);
    // A missing script or stylesheet must not be answered with HTML: leave it to the API's 404.
    if (!page && (pathname.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(pathname))) return next();
    const index = await load('/index.html');
    if (!index) return page ? notBuilt() : next();
    // Metrics keep counting unknown paths as "unmatched"; only the dashboard's own pages are "dashboard".
    if (page) c.set('route', 'dashboard');
    // The national page's first data, asked for with the page rather than after its script has run.
    const first = page?.name === 'national' ? nationalFirstRequests(new URL(c.req.url).searchParams) : null;
    const preload: Record<string, string> = first
      ? { Link: first.map((path) => `<${path}>; rel=preload; as=fetch; crossorigin=anonymous`).join(', ') }
      : {};
    return send(c, index, page ? 200 : 404, 'no-cache', preload);
  });
}
