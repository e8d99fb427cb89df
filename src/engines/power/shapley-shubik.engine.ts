/**
 * Exact Shapley-Shubik index by counting coalitions by size and weight (Bilbao et al. 2000; Uno 2012).
 * SS_i = sum over k of N_i[k] * k! (n-1-k)! / n!, where N_i[k] counts the k-player coalitions of the
 * others whose weight lies in [q - w_i, q - 1] (those that i turns from losing to winning).
 *
 * - The table T[k][s] (coalitions of all players by size k and weight s < q) is built by adding players one
 *   at a time: O(n * band) additions, where the band (band.math.ts) holds the reachable (k, s) cells.
 * - Removing one player of type u is division by (1 + y x^w): R[k][s] = sum_j (-1)^j T[k-j][s-jw]. Only
 *   window sums of R are needed, so with row prefix sums of T each costs O(1) per term: O(K^2) per type.
 * - Everything is done modulo a few primes just below 2^52 (modular.math.ts): additions and subtractions
 *   only, exact, and the counts are rebuilt by CRT. Floating-point deconvolution, which loses every digit
 *   for mixed weights at n ~ 100, is never used.
 */
import { type Band, sizeWeightBand, windowSum } from './band.math.js';
import { binomialRow, factorials } from './fraction.math.js';
import type { WeightedGame } from './game.model.js';
import { Crt, primes, primesNeeded } from './modular.math.js';

export interface ShapleyShubikCounts {
  /** Per type: numerator over n! of the index of one member (0 for zero-weight types). */
  numerators: bigint[];
  denominator: bigint;
}

/** Residue work (cell updates) and memory for exact Shapley-Shubik, for the size limits. */
export function shapleyShubikCost(game: WeightedGame): { work: number; bytes: number; primes: number } {
  const band = sizeWeightBand(game.w, game.q);
  const n = game.w.length;
  const L = primesNeeded('wide', maxBinomial(n - 1));
  const types = game.types.length;
  return { work: L * (n * band.size + band.size + types * band.rows * band.rows), bytes: band.size * 8, primes: L };
}

function maxBinomial(m: number): bigint {
  if (m <= 0) return 1n;
  return binomialRow(m)[Math.floor(m / 2)]!;
}

/** Builds T modulo p into `t` and turns each row into prefix sums. */
function buildPrefixTable(band: Band, order: readonly number[], p: number, t: Float64Array): void {
  t.fill(0);
  t[band.off[0]!] = 1;
  const { lo, hi, off, rows } = band;
  const rlo = new Int32Array(rows).fill(2 ** 31 - 1);
  const rhi = new Int32Array(rows).fill(-1);
  rlo[0] = 0;
  rhi[0] = 0;
  let placed = 0;
  for (const w of order) {
    placed++;
    for (let k = Math.min(placed, rows - 1); k >= 1; k--) {
      const plo = rlo[k - 1]!;
      const phi = rhi[k - 1]!;
      if (phi < plo) continue;
      const s0 = Math.max(lo[k]!, plo + w);
      const s1 = Math.min(hi[k]!, phi + w);
      if (s0 > s1) continue;
      const a = off[k]! - lo[k]!;
      const b = off[k - 1]! - lo[k - 1]! - w;
      for (let s = s0; s <= s1; s++) {
        let v = t[a + s]! + t[b + s]!;
        if (v >= p) v -= p;
        t[a + s] = v;
      }
      if (s0 < rlo[k]!) rlo[k] = s0;
      if (s1 > rhi[k]!) rhi[k] = s1;
    }
  }
  for (let k = 0; k < rows; k++) {
    let acc = 0;
    for (let i = off[k]!; i < off[k + 1]!; i++) {
      acc += t[i]!;
      if (acc >= p) acc -= p;
      t[i] = acc;
    }
  }
}

/** Exact Shapley-Shubik numerators per type. The caller checks the size limits first. */
export function shapleyShubikCounts(game: WeightedGame): ShapleyShubikCounts {
  const n = game.w.length;
  const q = game.q;
  const band = sizeWeightBand(game.w, q);
  const L = primesNeeded('wide', maxBinomial(n - 1));
  const ps = primes('wide', L);
  const crt = new Crt(ps);
  const T = game.types.length;
  const rowsNeeded = Math.min(band.rows, n);
  // residues[(u * rowsNeeded + k) * L + l]
  const residues = new Float64Array(T * rowsNeeded * L);
  const table = new Float64Array(band.size);
  const order = [...game.w].sort((a, b) => a - b);
  for (let l = 0; l < L; l++) {
    const p = ps[l]!;
    buildPrefixTable(band, order, p, table);
    game.types.forEach((type, u) => {
      const w = type.weight;
      if (w === 0) return;
      for (let k = 0; k < rowsNeeded; k++) {
        let acc = 0;
        for (let j = 0; j <= k && j * w <= q - 1; j++) {
          const v = windowSum(table, band, k - j, q - w - j * w, q - 1 - j * w, p);
          acc = j % 2 === 0 ? acc + v : acc - v;
          if (acc >= p) acc -= p;
          else if (acc < 0) acc += p;
        }
        residues[(u * rowsNeeded + k) * L + l] = acc;
      }
    });
  }
  const fact = factorials(n);
  const numerators = game.types.map((type, u) => {
    if (type.weight === 0) return 0n;
    let num = 0n;
    for (let k = 0; k < rowsNeeded; k++) {
      const c = crt.combine(residues.subarray((u * rowsNeeded + k) * L, (u * rowsNeeded + k + 1) * L));
      if (c !== 0n) num += c * fact[k]! * fact[n - 1 - k]!;
    }
    return num;
  });
  return { numerators, denominator: fact[n]! };
}
