import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate.limiter.js';

describe('RateLimiter', () => {
  it('allows the burst, then refills at the rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perSecond: 4 }, () => now);
    expect(limiter.take('a')).toEqual({ ok: true, remaining: 1 });
    expect(limiter.take('a')).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now += 250;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('never lets through more than burst + rate x elapsed time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 200 }),
        (burst, perSecond, gaps) => {
          let now = 0;
          const limiter = new RateLimiter({ burst, perSecond }, () => now);
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            const r = limiter.take('k');
            if (r.ok) allowed++;
            else expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          }
          expect(allowed).toBeLessThanOrEqual(burst + (now / 1000) * perSecond + 1e-9);
        },
      ),
    );
  });

  it('forgets full buckets so memory stays bounded', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 1, perSecond: 1000 }, () => now);
    for (let i = 0; i < 10_050; i++) limiter.take(`addr:${i}`);
    now += 10_000;
    limiter.take('late');
    expect(limiter.size).toBeLessThan(100);
  });
});
