import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dummyTypes } from './banzhaf.engine.js';
import { weightedGame } from './game.model.js';
import { owen } from './owen.engine.js';
import { banzhafPower, votingPower } from './power.engine.js';

// Brute force straight from the definitions, sharing no code with the engines.
function bgcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
function frac(n: bigint, d: bigint): [bigint, bigint] {
  if (n === 0n) return [0n, 1n];
  const g = bgcd(n, d);
  return [n / g, d / g];
}
function parse(s: string): [bigint, bigint] {
  const [a, b] = s.split('/');
  return [BigInt(a!), BigInt(b!)];
}
function same(actual: string, expected: [bigint, bigint]): boolean {
  const [a, b] = parse(actual);
  return a * expected[1] === b * expected[0];
}
function fact(n: number): bigint {
  let f = 1n;
  for (let i = 2; i <= n; i++) f *= BigInt(i);
  return f;
}
function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

interface Brute {
  winning: bigint;
  minimal: bigint;
  swings: bigint[];
  banzhaf: [bigint, bigint][];
  absolute: [bigint, bigint][];
  ss: [bigint, bigint][];
  holler: [bigint, bigint][];
  dp: [bigint, bigint][];
}

function brute(q: number, w: number[]): Brute {
  const n = w.length;
  const N = 1 << n;
  const weight = new Array<number>(N).fill(0);
  for (let m = 1; m < N; m++) {
    const low = m & -m;
    weight[m] = weight[m ^ low]! + w[Math.log2(low)]!;
  }
  const win = (m: number) => weight[m]! >= q;
  let winning = 0n;
  let minimal = 0n;
  const swings = new Array<bigint>(n).fill(0n);
  const ssNum = new Array<bigint>(n).fill(0n);
  const inMinimal = new Array<bigint>(n).fill(0n);
  // Deegan-Packel numerators over the common denominator L = n!.
  const L = fact(n);
  const dpNum = new Array<bigint>(n).fill(0n);
  for (let m = 0; m < N; m++) {
    const size = popcount(m);
    if (win(m)) {
      winning++;
      let isMinimal = true;
      for (let i = 0; i < n; i++) if (m & (1 << i) && win(m ^ (1 << i))) isMinimal = false;
      if (isMinimal) {
        minimal++;
        for (let i = 0; i < n; i++) {
          if (m & (1 << i)) {
            inMinimal[i]!++;
            dpNum[i]! += L / BigInt(size);
          }
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (m & (1 << i)) continue;
      if (!win(m) && win(m | (1 << i))) {
        swings[i]!++;
        ssNum[i]! += fact(size) * fact(n - size - 1);
      }
    }
  }
  const totalSwings = swings.reduce((a, b) => a + b, 0n);
  const totalIn = inMinimal.reduce((a, b) => a + b, 0n);
  return {
    winning,
    minimal,
    swings,
    banzhaf: swings.map((s) => frac(s, totalSwings)),
    absolute: swings.map((s) => frac(s, 1n << BigInt(n - 1))),
    ss: ssNum.map((s) => frac(s, fact(n))),
    holler: inMinimal.map((h) => frac(h, totalIn)),
    dp: dpNum.map((d) => frac(d, L * minimal)),
  };
}

const gameArb = fc
  .record({
    // Mostly small weights (ties, zeros) and sometimes a common factor, to exercise types and the gcd.
    weights: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), {
      minLength: 1,
      maxLength: 12,
    }),
    factor: fc.constantFrom(1, 1, 3, 10),
    quotaPick: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .filter((g) => g.weights.some((w) => w > 0))
  .map((g) => {
    const weights = g.weights.map((w) => w * g.factor);
    const total = weights.reduce((a, b) => a + b, 0);
    const quota = Math.max(1, Math.ceil(g.quotaPick * total));
    return { weights, quota };
  });

describe('voting power agrees with brute-force enumeration', () => {
  it('on every index and count, for random games of up to 12 players', () => {
    fc.assert(
      fc.property(gameArb, ({ weights, quota }) => {
        // Forced: for games this small 'auto' would enumerate.
        const r = votingPower(weightedGame(quota, weights), { method: 'generating-functions' });
        const b = brute(quota, weights);
        expect(r.winningCoalitions).toBe(b.winning);
        expect(r.minimalWinningCoalitions).toBe(b.minimal);
        r.players.forEach((p, i) => {
          expect(p.swings).toBe(b.swings[i]);
          expect(same(p.exact.banzhaf, b.banzhaf[i]!), `banzhaf ${i}`).toBe(true);
          expect(same(p.exact.banzhafAbsolute, b.absolute[i]!), `absolute ${i}`).toBe(true);
          expect(same(p.exact.shapleyShubik, b.ss[i]!), `ss ${i}`).toBe(true);
          expect(same(p.exact.holler, b.holler[i]!), `holler ${i}`).toBe(true);
          expect(same(p.exact.deeganPackel, b.dp[i]!), `dp ${i}`).toBe(true);
          expect(p.dummy).toBe(b.swings[i] === 0n);
          expect(p.shapleyShubik).toBeCloseTo(Number(b.ss[i]![0]) / Number(b.ss[i]![1]), 12);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('with weights in votes (quota far too big for tables), by enumeration', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 2_000_000_000 }), { minLength: 1, maxLength: 10 })
          .filter((w) => w.some((x) => x > 0)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, pick) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const quota = Math.max(1, Math.ceil(pick * total));
          const r = votingPower(weightedGame(quota, weights));
          const b = brute(quota, weights);
          expect(r.winningCoalitions).toBe(b.winning);
          expect(r.minimalWinningCoalitions).toBe(b.minimal);
          r.players.forEach((p, i) => {
            expect(same(p.exact.shapleyShubik, b.ss[i]!)).toBe(true);
            expect(same(p.exact.banzhaf, b.banzhaf[i]!)).toBe(true);
            expect(same(p.exact.deeganPackel, b.dp[i]!)).toBe(true);
            expect(same(p.exact.holler, b.holler[i]!)).toBe(true);
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('the enumeration method agrees with the generating functions', () => {
    fc.assert(
      fc.property(gameArb, ({ weights, quota }) => {
        const game = weightedGame(quota, weights);
        const a = votingPower(game, { method: 'generating-functions' });
        const b = votingPower(game, { method: 'enumerate' });
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('in the floating-point Banzhaf path, within its stated error bound', () => {
    fc.assert(
      fc.property(gameArb, ({ weights, quota }) => {
        const r = banzhafPower(weightedGame(quota, weights), { arithmetic: 'float' });
        const b = brute(quota, weights);
        r.players.forEach((p, i) => {
          const [num, den] = b.absolute[i]!;
          const exact = Number(num) / Number(den);
          expect(Math.abs(p.banzhafAbsolute - exact)).toBeLessThanOrEqual(
            exact * r.relativeErrorBound + 1e-300,
          );
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('dummy detection without counting', () => {
  it('flags exactly the types with no swings', () => {
    fc.assert(
      fc.property(gameArb, ({ weights, quota }) => {
        const game = weightedGame(quota, weights);
        const b = brute(quota, weights);
        const dummy = dummyTypes(game);
        weights.forEach((_, i) => {
          expect(dummy[game.typeOf[i]!]).toBe(b.swings[i] === 0n);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('properties of the indices', () => {
  const sumsToOne = (values: string[]) => {
    let num = 0n;
    let den = 1n;
    for (const v of values) {
      const [a, b] = parse(v);
      num = num * b + a * den;
      den *= b;
    }
    return num === den;
  };

  it('each index sums exactly to 1 over the players', () => {
    fc.assert(
      fc.property(gameArb, ({ weights, quota }) => {
        const r = votingPower(weightedGame(quota, weights), { method: 'generating-functions' });
        for (const key of ['banzhaf', 'shapleyShubik', 'deeganPackel', 'holler'] as const) {
          expect(sumsToOne(r.players.map((p) => p.exact[key])), key).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('symmetric players (equal weights) get equal power, and dummies get zero on every index', () => {
    fc.assert(
      fc.property(gameArb, ({ weights, quota }) => {
        const r = votingPower(weightedGame(quota, weights), { method: 'generating-functions' });
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            if (weights[i] === weights[j]) expect(r.players[i]!.exact).toEqual(r.players[j]!.exact);
          }
          const p = r.players[i]!;
          if (p.dummy) {
            expect([p.banzhaf, p.shapleyShubik, p.deeganPackel, p.holler]).toEqual([0, 0, 0, 0]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('on 30-80 players (primes and CRT, beyond brute force) every index still sums exactly to 1', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 30 }), { minLength: 30, maxLength: 80 })
          .filter((w) => w.some((x) => x > 0)),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (weights, pick) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const r = votingPower(weightedGame(Math.max(1, Math.ceil(pick * total)), weights));
          for (const key of ['banzhaf', 'shapleyShubik', 'deeganPackel', 'holler'] as const) {
            expect(sumsToOne(r.players.map((p) => p.exact[key])), key).toBe(true);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

// Owen from its primary definition: random orders in which every union's members stand together.
function owenBrute(
  q: number,
  w: number[],
  unions: number[][],
): { owen: [bigint, bigint][]; bo: [bigint, bigint][] } {
  const n = w.length;
  const piv = new Array<bigint>(n).fill(0n);
  let orders = 0n;
  const unionOf = new Array<number>(n);
  unions.forEach((u, k) => {
    for (const i of u) unionOf[i] = k;
  });
  const perm = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      // Keep orders where each union is contiguous.
      const seen = new Set<number>();
      let last = -1;
      for (const i of prefix) {
        const k = unionOf[i]!;
        if (k !== last) {
          if (seen.has(k)) return;
          seen.add(k);
          last = k;
        }
      }
      orders++;
      let s = 0;
      for (const i of prefix) {
        if (s < q && s + w[i]! >= q) piv[i]!++;
        s += w[i]!;
      }
      return;
    }
    rest.forEach((x, j) => {
      perm([...prefix, x], [...rest.slice(0, j), ...rest.slice(j + 1)]);
    });
  };
  perm(
    [],
    w.map((_, i) => i),
  );
  // Banzhaf-Owen from its subset formula.
  const m = unions.length;
  const bo = w.map((wi, i) => {
    const k = unionOf[i]!;
    const otherUnions = unions.map((_, j) => j).filter((j) => j !== k);
    const mates = unions[k]!.filter((j) => j !== i);
    let count = 0n;
    for (let R = 0; R < 1 << otherUnions.length; R++) {
      let a = 0;
      otherUnions.forEach((u, j) => {
        if (R & (1 << j)) for (const x of unions[u]!) a += w[x]!;
      });
      for (let T = 0; T < 1 << mates.length; T++) {
        let b = 0;
        mates.forEach((x, j) => {
          if (T & (1 << j)) b += w[x]!;
        });
        if (a + b < q && a + b + wi >= q) count++;
      }
    }
    return frac(count, (1n << BigInt(m - 1)) * (1n << BigInt(mates.length)));
  });
  return { owen: piv.map((p) => frac(p, orders)), bo };
}

describe('Owen and Banzhaf-Owen agree with brute force', () => {
  it('on random games of up to 7 players with random unions', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 7 })
          .filter((w) => w.some((x) => x > 0)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
        (weights, pick, labels) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const quota = Math.max(1, Math.ceil(pick * total));
          const groups = new Map<number, number[]>();
          weights.forEach((_, i) => {
            const k = labels[i]! % 3;
            groups.set(k, [...(groups.get(k) ?? []), i]);
          });
          const unions = [...groups.values()];
          const r = owen(weightedGame(quota, weights), unions);
          const b = owenBrute(quota, weights, unions);
          r.players.forEach((p, i) => {
            expect(same(p.exact.owen, b.owen[i]!), `owen ${i}`).toBe(true);
            expect(same(p.exact.banzhafOwen, b.bo[i]!), `banzhaf-owen ${i}`).toBe(true);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
