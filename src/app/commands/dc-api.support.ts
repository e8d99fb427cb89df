/**
 * A polite client for Democracy Club's paged JSON API (`{ count, next, previous, results }`): a timeout on
 * every request, retries with exponential back-off on network errors, timeouts, 429 and 5xx, a fixed delay
 * between requests, and `next` links followed only on the same origin.
 */
import { InvalidInputError } from '../../domain/errors.js';

export interface FetchPolicy {
  /** Abort a request after this long (AbortSignal.timeout). */
  timeoutMs: number;
  /** Attempts after the first one, for failures worth retrying. */
  retries: number;
  /** The first retry waits this long; each further one twice as long (capped at 30 s, or Retry-After). */
  backoffMs: number;
  /** Wait between any two requests, to be polite to a volunteer-run service. */
  delayMs: number;
  /** Stop following `next` after this many pages (a guard against a loop). */
  maxPages: number;
}

export const DEFAULT_POLICY: FetchPolicy = {
  timeoutMs: 30_000,
  retries: 4,
  backoffMs: 1_000,
  delayMs: 1_000,
  maxPages: 10_000,
};

export interface PageLog {
  url: string;
  status: number;
  attempts: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Fetches pages of a DRF-style API, politely; throws an InvalidInputError naming the URL when it gives up. */
export class PagedClient {
  private last = 0;
  readonly log: PageLog[] = [];

  constructor(
    readonly policy: FetchPolicy,
    private readonly userAgent = 'caucus (+https://github.com/caucus; sync democracy-club)',
  ) {}

  private async wait(): Promise<void> {
    const gap = this.last + this.policy.delayMs - Date.now();
    if (this.last > 0 && gap > 0) await sleep(gap);
  }

  /** One JSON document, with retries. */
  async getJson(url: string): Promise<unknown> {
    let attempt = 0;
    for (;;) {
      await this.wait();
      this.last = Date.now();
      attempt++;
      try {
        const res = await fetch(url, {
          headers: { accept: 'application/json', 'user-agent': this.userAgent },
          signal: AbortSignal.timeout(this.policy.timeoutMs),
          redirect: 'follow',
        });
        if (res.status === 429 || res.status >= 500) {
          await res.body?.cancel();
          const after = Number(res.headers.get('retry-after'));
          throw new Retryable(
            `HTTP ${res.status}`,
            Number.isFinite(after) && after > 0 ? after * 1000 : null,
          );
        }
        if (!res.ok) {
          await res.body?.cancel();
          throw new InvalidInputError(`HTTP ${res.status} ${res.statusText}`.trim(), {
            where: url,
            rule: 'fetch',
            status: res.status,
          });
        }
        const text = await res.text();
        this.log.push({ url, status: res.status, attempts: attempt });
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new InvalidInputError('expected a JSON document, got something else', {
            where: url,
            rule: 'fetch-json',
          });
        }
      } catch (err) {
        if (err instanceof InvalidInputError) throw err;
        const reason =
          err instanceof Retryable
            ? err.message
            : (err as Error).name === 'TimeoutError'
              ? `no answer within ${this.policy.timeoutMs} ms`
              : `network error (${(err as Error).message})`;
        if (attempt > this.policy.retries)
          throw new InvalidInputError(`gave up after ${attempt} attempt(s): ${reason}; nothing was written`, {
            where: url,
            rule: 'fetch',
          });
        const backoff = Math.min(30_000, this.policy.backoffMs * 2 ** (attempt - 1));
        await sleep(
          err instanceof Retryable && err.retryAfterMs !== null
            ? Math.min(60_000, err.retryAfterMs)
            : backoff,
        );
      }
    }
  }

  /**
   * Every item of a paged list, following `next`. `more(results)` may return the URL of another chunk when the
   * API answers without `next` (Democracy Club's `last_updated` queries return 200 items at a time).
   */
  async all<T>(first: string, more?: (page: T[]) => string | null): Promise<T[]> {
    const origin = new URL(first).origin;
    const out: T[] = [];
    let url: string | null = first;
    const seen = new Set<string>();
    while (url) {
      if (seen.size >= this.policy.maxPages)
        throw new InvalidInputError(`stopped after ${seen.size} pages (the limit); nothing was written`, {
          where: first,
          rule: 'fetch-pages',
        });
      if (seen.has(url))
        throw new InvalidInputError('the API sent a page link already followed; nothing was written', {
          where: url,
          rule: 'fetch-loop',
        });
      seen.add(url);
      const doc = await this.getJson(url);
      const page: { results: T[]; next: string | null } = pageOf<T>(doc, url);
      out.push(...page.results);
      let next: string | null = page.next;
      if (next && new URL(next, url).origin !== origin)
        throw new InvalidInputError(`the API's next link leaves ${origin} (${next}); nothing was written`, {
          where: url,
          rule: 'fetch-origin',
        });
      if (next) next = new URL(next, url).toString();
      url = next ?? (more ? more(page.results) : null);
    }
    return out;
  }
}

function pageOf<T>(doc: unknown, url: string): { results: T[]; next: string | null } {
  if (Array.isArray(doc)) return { results: doc as T[], next: null };
  if (doc && typeof doc === 'object' && Array.isArray((doc as { results?: unknown }).results)) {
    const next = (doc as { next?: unknown }).next;
    return {
      results: (doc as { results: T[] }).results,
      next: typeof next === 'string' && next ? next : null,
    };
  }
  throw new InvalidInputError('expected a page { count, next, results: [...] }', {
    where: url,
    rule: 'fetch-shape',
  });
}
