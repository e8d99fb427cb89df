/**
 * Token-bucket rate limiting, one bucket per key (a client address or an API token). Time comes from the
 * injected clock, so tests are deterministic.
 */
import type { RateLimit } from './http.types.js';

export type Take = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const SWEEP_ABOVE = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly nowMs: () => number,
  ) {}

  /** Spends one request for `key`; when none is left, says how many whole seconds until one is. */
  take(key: string): Take {
    const now = this.nowMs();
    const { burst, perSecond } = this.limit;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, b.tokens + (Math.max(0, now - b.at) / 1000) * perSecond);
    if (this.buckets.size > SWEEP_ABOVE) this.sweep(now);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true, remaining: Math.floor(tokens - 1) };
    }
    this.buckets.set(key, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
  }

  /** Buckets that have refilled completely hold no information: forget them, so memory stays bounded. */
  private sweep(now: number): void {
    const { burst, perSecond } = this.limit;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
