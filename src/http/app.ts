/**
 * The HTTP API as a Hono app. Requests pass, in order: metrics and security headers (on every response,
 * errors included), CORS (only if configured), authentication (an anonymous write is refused with 401
 * before anything else looks at it), the rate limit, then the declared route, which validates its input
 * with zod and calls one application command. Every error becomes problem+json in one place.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Context, Hono, type Next } from 'hono';
import { cors } from 'hono/cors';
import { type Actor, ANONYMOUS, authenticate, confirmToken } from '../app/commands/accounts.commands.js';
import { registryGeneration } from '../app/commands/changes.support.js';
import type { AppContext } from '../app/context.js';
import { CaucusError } from '../domain/errors.js';
import { compression } from './compression.js';
import { mountDashboard } from './dashboard.static.js';
import {
  type AppDeps,
  DEFAULT_CONFIG,
  type HttpConfig,
  type HttpEnv,
  type RouteContext,
} from './http.types.js';
import { MetricsRegistry } from './metrics.registry.js';
import { HttpProblem, toProblem } from './problem-details.format.js';
import { RateLimiter } from './rate.limiter.js';
import { RouteRegistry } from './route.registry.js';
import { ROUTE_MODULES } from './routes/index.js';
import { ViewCache } from './view.cache.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const AUTH_CACHE_MS = 5 * 60 * 1000;
const AUTH_CACHE_MAX = 1000;

export interface CaucusApp extends Hono<HttpEnv> {
  readonly registry: RouteRegistry;
  readonly metrics: MetricsRegistry;
  /** Cancels background work (running forecasts) and waits for it; call before closing the store. */
  close(): Promise<void>;
}

/** The API over one store: createApp({ store, clock }).request('/api/councils') in tests, or served by node. */
export function createApp(deps: AppDeps): CaucusApp {
  const config: HttpConfig = { ...DEFAULT_CONFIG, ...deps.config };
  const ctx: AppContext = { store: deps.store, clock: deps.clock };
  const nowMs = () => deps.clock.now().getTime();
  const metrics = new MetricsRegistry();
  const registry = new RouteRegistry();
  const perAddress = config.rateLimit.perAddress && new RateLimiter(config.rateLimit.perAddress, nowMs);
  const perToken = config.rateLimit.perToken && new RateLimiter(config.rateLimit.perToken, nowMs);
  const verified = new Map<string, { actor: Actor; until: number }>();
  const closers: Array<() => Promise<void>> = [];

  const rc: RouteContext = {
    app: ctx,
    config,
    metrics,
    registry,
    baseUrl: (c) => (config.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, ''),
    onClose: (fn) => {
      closers.push(fn);
    },
  };
  for (const module of ROUTE_MODULES) registry.add(...module(rc));

  const app = new Hono<HttpEnv>();

  app.use('*', async (c, next) => {
    const t0 = performance.now();
    c.set('route', 'unmatched');
    c.set('actor', ANONYMOUS);
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    const type = c.res.headers.get('content-type')?.startsWith('application/problem+json')
      ? (c.res.headers.get('x-problem-type') ?? 'problem')
      : undefined;
    c.res.headers.delete('x-problem-type');
    metrics.observe(c.req.method, c.get('route'), c.res.status, (performance.now() - t0) / 1000, type);
  });

  // Inside the headers middleware (so compressed responses still get them), around everything else.
  app.use('*', compression());

  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.use(
      '*',
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match'],
        exposeHeaders: ['ETag', 'Link', 'Location', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }

  const address = (c: Context<HttpEnv>): string => {
    if (config.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    return c.env?.incoming?.socket?.remoteAddress ?? 'local';
  };

  const spend = (limiter: RateLimiter | null, key: string) => {
    if (!limiter) return;
    const taken = limiter.take(key);
    if (!taken.ok) {
      throw new HttpProblem(
        'rate-limited',
        `too many requests; try again in ${taken.retryAfterSeconds} s`,
        { rule: 'rate-limit', retryAfter: taken.retryAfterSeconds },
        { 'Retry-After': String(taken.retryAfterSeconds) },
      );
    }
  };

  const unauthorized = (message: string, rule: string) =>
    new CaucusError('unauthorized', message, { where: 'Authorization', rule });

  app.use('*', async (c: Context<HttpEnv>, next: Next) => {
    const header = c.req.header('authorization');
    if (header === undefined) {
      if (!SAFE_METHODS.has(c.req.method)) {
        throw unauthorized('writes need a token: send "Authorization: Bearer <token>"', 'token-required');
      }
      spend(perAddress, `addr:${address(c)}`);
      return next();
    }
    const m = /^Bearer +(\S+) *$/i.exec(header);
    if (!m) throw unauthorized('expected "Authorization: Bearer <token>"', 'scheme');
    const digest = createHash('sha256').update(m[1]!).digest('hex');
    const now = nowMs();
    const cached = verified.get(digest);
    if (cached && cached.until > now) {
      spend(perToken, `token:${cached.actor.id}`);
      // The cache saves the scrypt, not the lookup: a token revoked (by any process) is refused at once.
      await confirmToken(ctx, cached.actor.id).catch((err: unknown) => {
        verified.delete(digest);
        throw err;
      });
      c.set('actor', cached.actor);
      return next();
    }
    // An unverified token is paid for from the address's allowance, so guessing tokens is rate limited too.
    spend(perAddress, `addr:${address(c)}`);
    const actor = await authenticate(ctx, m[1]!);
    if (verified.size >= AUTH_CACHE_MAX) verified.delete(verified.keys().next().value!);
    verified.set(digest, { actor, until: now + AUTH_CACHE_MS });
    c.set('actor', actor);
    return next();
  });

  const cache =
    config.cacheTtlMs > 0
      ? new ViewCache(config.cacheTtlMs, config.cacheMaxBytes, nowMs, () => registryGeneration(deps.store))
      : null;
  if (cache) {
    metrics.addCollector(() => [
      '# HELP caucus_view_cache_requests_total Cacheable views served from memory (hit) or computed (miss).',
      '# TYPE caucus_view_cache_requests_total counter',
      `caucus_view_cache_requests_total{result="hit"} ${cache.hits}`,
      `caucus_view_cache_requests_total{result="miss"} ${cache.misses}`,
      '# HELP caucus_view_cache_bytes Bytes of views held in memory.',
      '# TYPE caucus_view_cache_bytes gauge',
      `caucus_view_cache_bytes ${cache.size.bytes}`,
    ]);
  }
  registry.mount(app, { bodyLimit: config.bodyLimitBytes, cache, today: () => deps.clock.today() });
  mountDashboard(app);

  const problemResponse = (err: unknown, c: Context<HttpEnv>): Response => {
    const p = toProblem(err, c.req.method, new URL(c.req.url).pathname, config.logError);
    return new Response(JSON.stringify(p.body), {
      status: p.status,
      headers: {
        'Content-Type': 'application/problem+json; charset=utf-8',
        'Cache-Control': 'no-store',
        'x-problem-type': String(p.body.type),
        ...p.headers,
      },
    });
  };
  app.notFound((c) =>
    problemResponse(
      new HttpProblem('not-found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`, {
        rule: 'route',
      }),
      c,
    ),
  );
  app.onError((err, c) => problemResponse(err, c));

  const close = async () => {
    await Promise.all(closers.map((fn) => fn()));
  };
  return Object.assign(app, { registry, metrics, close });
}
