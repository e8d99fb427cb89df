import { describe, expect, it } from 'vitest';
import { createRandom, normal, pickWeighted } from './random.js';

describe('seeded randomness', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('is roughly uniform and in range', () => {
    const r = createRandom(7);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)]++;
    }
    for (const n of bins) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
  it('picks by weight and draws normals with unit variance', () => {
    const r = createRandom(1);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        pickWeighted(r, [
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(heavy / 10_000).toBeCloseTo(0.9, 1);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 20_000; i++) {
      const z = normal(r);
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / 20_000)).toBeLessThan(0.05);
    expect(s2 / 20_000).toBeCloseTo(1, 1);
  });
  it('forks independent streams deterministically', () => {
    const a = createRandom(5).fork('x');
    const b = createRandom(5).fork('x');
    expect(a.next()).toBe(b.next());
  });
});
