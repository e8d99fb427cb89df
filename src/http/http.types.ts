/** What the HTTP layer is built from (store, clock, config) and what each request carries through it. */
import type { Actor } from '../app/commands/accounts.commands.js';
import type { Clock } from '../domain/ports.js';
import type { Store } from '../store/store.js';

/** A token bucket: up to `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export interface HttpConfig {
  /** Largest request body accepted, in bytes (413 beyond). */
  bodyLimitBytes: number;
  /** Limits per client address (anonymous and unverified requests) and per API token; null turns one off. */
  rateLimit: { perAddress: RateLimit | null; perToken: RateLimit | null };
  /** Origins allowed to call the API from a browser. Empty: no CORS headers at all (the default). */
  corsOrigins: readonly string[];
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Absolute base URL used in feeds and links (e.g. https://caucus.example.org); default: the request's origin. */
  publicUrl: string | null;
  /**
   * How long a computed view (council page, lists, feeds) may be served from memory, in ms; a write through
   * this server drops them at once, so this bounds only how late writes by other processes show. 0: no cache.
   */
  cacheTtlMs: number;
  cacheMaxBytes: number;
  /** Where unexpected errors are reported (they reach clients only as "internal error"). */
  logError: (err: unknown) => void;
}

export const DEFAULT_CONFIG: HttpConfig = {
  bodyLimitBytes: 1024 * 1024,
  rateLimit: { perAddress: { burst: 120, perSecond: 20 }, perToken: { burst: 600, perSecond: 100 } },
  corsOrigins: [],
  trustProxy: false,
  publicUrl: null,
  cacheTtlMs: 10_000,
  cacheMaxBytes: 64 * 1024 * 1024,
  logError: (err) =>
    process.stderr.write(
      `caucus serve: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    ),
};

export interface AppDeps {
  store: Store;
  clock: Clock;
  config?: Partial<HttpConfig>;
}

/** Per-request values set by the middleware. */
export interface HttpVariables {
  actor: Actor;
  /** The route template that matched, for metrics (e.g. /api/councils/{id}). */
  route: string;
}

export interface HttpEnv {
  Variables: HttpVariables;
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
}

/** What route modules are given: the application context and the HTTP settings. */
export interface RouteContext {
  app: import('../app/context.js').AppContext;
  config: HttpConfig;
  metrics: import('./metrics.registry.js').MetricsRegistry;
  registry: import('./route.registry.js').RouteRegistry;
  /** The absolute base URL for links: config.publicUrl, else the request's own origin. */
  baseUrl(c: import('hono').Context<HttpEnv>): string;
  /** Registers work to finish when the app closes (background jobs to cancel before the store closes). */
  onClose(fn: () => Promise<void>): void;
}
