/**
 * Exact counts by walking all 2^n coalitions (in Gray-code order, so each step adds or drops one player).
 * For games with few players, or a huge quota (weights in votes or population, where a table over q would
 * not fit): O(2^n * n) time, O(n^2) memory. votingPower picks it when its estimate is the cheaper.
 */
import { factorials, lcmUpTo } from './fraction.math.js';
import type { WeightedGame } from './game.model.js';

export interface EnumeratedCounts {
  /** Per type, as in BanzhafCounts. */
  swings: bigint[];
  losing: bigint;
  /** Per type, over n!. */
  shapleyShubik: bigint[];
  minimalTotal: bigint;
  /** Per type: minimal winning coalitions containing one member. */
  containing: bigint[];
  /** Per type: sum of lcm/|S| over those coalitions. */
  deeganPackel: bigint[];
  lcm: bigint;
}

export const MAX_ENUMERATED_PLAYERS = 30;

export function enumerationCost(game: WeightedGame): { work: number; bytes: number } {
  const n = game.w.length;
  return {
    work: n > MAX_ENUMERATED_PLAYERS ? Number.POSITIVE_INFINITY : 2 ** n * (2 * n + 4),
    bytes: 16 * (n + 1) ** 2,
  };
}

export function enumeratedCounts(game: WeightedGame): EnumeratedCounts {
  const n = game.w.length;
  const w = game.w;
  const q = game.q;
  // Per player, counts by coalition size (exact in doubles: each is below 2^n <= 2^30).
  const swingBySize = Array.from({ length: n }, () => new Float64Array(n + 1));
  const minimalBySize = Array.from({ length: n }, () => new Float64Array(n + 1));
  let losing = 0;
  let minimalTotal = 0;
  const inS = new Uint8Array(n);
  let weight = 0;
  let size = 0;
  const N = 2 ** n;
  for (let k = 0; k < N; k++) {
    if (k > 0) {
      // Gray code: step k flips the lowest set bit of k.
      const i = 31 - Math.clz32(k & -k);
      inS[i] = inS[i] ? 0 : 1;
      weight += inS[i] ? w[i]! : -w[i]!;
      size += inS[i] ? 1 : -1;
    }
    if (weight < q) {
      losing++;
      for (let i = 0; i < n; i++) if (!inS[i] && weight + w[i]! >= q) swingBySize[i]![size]!++;
    } else {
      let lightest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) if (inS[i] && w[i]! < lightest) lightest = w[i]!;
      if (weight - lightest < q) {
        minimalTotal++;
        for (let i = 0; i < n; i++) if (inS[i]) minimalBySize[i]![size]!++;
      }
    }
  }
  const fact = factorials(n);
  const lcm = lcmUpTo(Math.max(1, n));
  const first = game.types.map((t) => t.members[0]!);
  return {
    swings: first.map((i) => BigInt(swingBySize[i]!.reduce((a, b) => a + b, 0))),
    losing: BigInt(losing),
    shapleyShubik: first.map((i) =>
      swingBySize[i]!.reduce((acc, c, s) => (c ? acc + BigInt(c) * fact[s]! * fact[n - s - 1]! : acc), 0n),
    ),
    minimalTotal: BigInt(minimalTotal),
    containing: first.map((i) => BigInt(minimalBySize[i]!.reduce((a, b) => a + b, 0))),
    deeganPackel: first.map((i) =>
      minimalBySize[i]!.reduce((acc, c, s) => (c ? acc + (BigInt(c) * lcm) / BigInt(s) : acc), 0n),
    ),
    lcm,
  };
}
