import { describe, expect, it } from 'vitest';
import { type CachedView, ViewCache } from './view.cache.js';

/** A response whose body is only produced when `release` is called, to hold a computation in flight. */
function held(body: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return {
    release,
    produce: async () => {
      await gate;
      return new Response(body, { status: 200, headers: { ETag: `"${body}"` } });
    },
  };
}

const bodyOf = (v: CachedView | Response) => (v instanceof Response ? 'response' : v.body);

describe('ViewCache', () => {
  it('shares one computation between concurrent misses of the same view', async () => {
    const cache = new ViewCache(
      60_000,
      1 << 20,
      () => 0,
      () => 0,
    );
    const first = held('v1');
    let computed = 0;
    const a = cache.through('k', () => {
      computed++;
      return first.produce();
    });
    const b = cache.through('k', async () => {
      computed++;
      return new Response('other');
    });
    first.release();
    expect([bodyOf(await a), bodyOf(await b)]).toEqual(['v1', 'v1']);
    expect(computed).toBe(1);
  });

  it('does not hand a computation begun before a write to a request made after it', async () => {
    let generation = 0;
    const cache = new ViewCache(
      60_000,
      1 << 20,
      () => 0,
      () => generation,
    );
    const before = held('old');
    const a = cache.through('k', before.produce);
    generation++; // a write lands while the old view is still being computed
    const after = held('new');
    const b = cache.through('k', after.produce);
    after.release();
    before.release();
    expect(bodyOf(await a)).toBe('old');
    expect(bodyOf(await b)).toBe('new');
    // The fresh view is the one kept; the old computation neither replaced it nor was cached.
    const c = await cache.through('k', async () => new Response('recomputed'));
    expect(bodyOf(c)).toBe('new');
  });
});
