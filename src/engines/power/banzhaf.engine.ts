/**
 * Banzhaf swings by generating functions, O(n q): f(x) = prod_j (1 + x^{w_j}) truncated below the quota
 * counts the losing coalitions by weight; the coalitions of the others that player i swings are those with
 * weight in [q - w_i, q - 1], read from f / (1 + x^{w_i}). Players of one weight share a type, so the
 * removal is done once per type, and because the windows [q-w-jw, q-1-jw] tile [0, q-1] the removal
 * collapses to an alternating sum of prefix sums of f: O(q / w) per type after one O(n q) build.
 *
 * Two arithmetics:
 * - exact: counts modulo a few primes below 2^40, reduced lazily, rebuilt by CRT (modular.math.ts); no
 *   modulus at all when every count stays below 2^52 (up to 51 players of non-zero weight). Subtraction is
 *   exact here, so the removal is safe.
 * - float: for games too big for exact counts (thousands of players: 2^3434 needs 89 primes). It never
 *   subtracts: probabilities (each factor (1 + x^w) / 2, halving is exact) are built forward over the types
 *   and backward over the types, and each type's window is a convolution of its prefix with its suffix.
 *   Sums of non-negative terms lose at most one rounding each, so the relative error of every index is
 *   bounded by (2n + q + max w + 4) * 2^-53, reported with the result (about 5e-12 at 3,434 players).
 */
import type { WeightedGame } from './game.model.js';
import { Crt, LAZY_STEPS, PLAIN_MODULUS, plainOk, primes, primesNeeded } from './modular.math.js';

function fold(v: number, p: number): number {
  if (v < 0) return v + p;
  return v >= p ? v - p : v;
}

function reduceRange(t: Float64Array, p: number, from: number, to: number): void {
  const v = t.subarray(from, to);
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x < p) continue;
    let r = x - Math.floor(x / p) * p;
    if (r < 0) r += p;
    else if (r >= p) r -= p;
    v[i] = r;
  }
}

export interface BanzhafCounts {
  /** Per type: coalitions of the others that one member turns from losing to winning. */
  swings: bigint[];
  /** Coalitions (of all n players) that lose. */
  losing: bigint;
}

function nonZero(game: WeightedGame): number[] {
  return game.w.filter((x) => x > 0);
}

function arithmeticPrimes(players: number): number[] {
  const bound = 2n ** BigInt(players);
  if (plainOk(bound)) return [];
  return primes('lazy', primesNeeded('lazy', bound));
}

/** Cell updates and bytes for exact counting. */
export function banzhafExactCost(game: WeightedGame): { work: number; bytes: number; primes: number } {
  const m = nonZero(game).length;
  const L = Math.max(1, arithmeticPrimes(m).length);
  return { work: L * (m + 2) * game.q, bytes: game.q * 8, primes: L };
}

/** Cell updates and bytes for the floating-point path. */
export function banzhafFloatCost(game: WeightedGame): { work: number; bytes: number } {
  const m = nonZero(game).length;
  const window = game.types.reduce((a, t) => a + t.weight, 0);
  return { work: 2 * m * game.q + window * game.q, bytes: (game.types.length + 2) * game.q * 8 };
}

/** Exact swing counts per type. Zero-weight players only double every count. */
export function banzhafCounts(game: WeightedGame): BanzhafCounts {
  const q = game.q;
  const weights = nonZero(game).sort((a, b) => a - b);
  const zeros = BigInt(game.w.length - weights.length);
  const ps = arithmeticPrimes(weights.length);
  const lazy = ps.length > 0;
  const moduli = lazy ? ps : [PLAIN_MODULUS];
  const L = moduli.length;
  const T = game.types.length;
  const residues = new Float64Array((T + 1) * L);
  const f = new Float64Array(q);
  for (let l = 0; l < L; l++) {
    const p = moduli[l]!;
    f.fill(0);
    f[0] = 1;
    let top = 0;
    let placed = 0;
    for (const w of weights) {
      top = Math.min(q - 1, top + w);
      // In place, from the top down; views let V8 drop the bounds checks.
      const dst = f.subarray(w, top + 1);
      const src = f.subarray(0, top + 1 - w);
      for (let x = dst.length - 1; x >= 0; x--) dst[x] = dst[x]! + src[x]!;
      placed++;
      if (lazy && placed % LAZY_STEPS === 0) reduceRange(f, p, 0, top + 1);
    }
    if (lazy) reduceRange(f, p, 0, q);
    for (let s = 1; s < q; s++) f[s] = fold(f[s]! + f[s - 1]!, p);
    residues[T * L + l] = f[q - 1]!;
    game.types.forEach((type, u) => {
      const w = type.weight;
      if (w === 0) return;
      // f / (1 + x^w) summed over [q-w, q-1] is sum_j (-1)^j (F(q-1-jw) - F(q-1-(j+1)w)), F the prefix sums.
      let acc = 0;
      let x = q - 1;
      let upper = f[x]!;
      for (let j = 0; x >= 0; j++) {
        const x2 = x - w;
        const lower = x2 < 0 ? 0 : f[x2]!;
        const v = fold(upper - lower, p);
        acc = fold((j & 1) === 0 ? acc + v : acc - v, p);
        upper = lower;
        x = x2;
      }
      residues[u * L + l] = acc;
    });
  }
  const crt = lazy ? new Crt(ps) : null;
  const get = (i: number): bigint =>
    crt ? crt.combine(residues.subarray(i * L, i * L + L)) : BigInt(residues[i]!);
  const scale = 1n << zeros;
  return {
    swings: game.types.map((t, u) => (t.weight === 0 ? 0n : get(u) * scale)),
    losing: get(T) * scale,
  };
}

export interface BanzhafFloat {
  /** Per type: probability that a random coalition of the others is swung by one member (absolute Banzhaf). */
  absolute: number[];
  relativeErrorBound: number;
}

/** Absolute Banzhaf per type in floating point, forward and backward over the types, never subtracting. */
export function banzhafFloat(game: WeightedGame): BanzhafFloat {
  const q = game.q;
  const types = game.types.filter((t) => t.weight > 0);
  const T = types.length;
  const halve = (a: Float64Array, w: number, top: number): number => {
    const newTop = Math.min(q - 1, top + w);
    if (newTop >= w) {
      const dst = a.subarray(w, newTop + 1);
      const src = a.subarray(0, newTop + 1 - w);
      for (let x = dst.length - 1; x >= 0; x--) dst[x] = 0.5 * (dst[x]! + src[x]!);
    }
    const low = a.subarray(0, Math.min(w, newTop + 1));
    for (let x = 0; x < low.length; x++) low[x] = 0.5 * low[x]!;
    return newTop;
  };
  // A[t] = prefix over types before t, times (m_t - 1) members of type t.
  const prefixes: Float64Array[] = [];
  const tops: number[] = [];
  const cur = new Float64Array(q);
  cur[0] = 1;
  let top = 0;
  for (const t of types) {
    for (let i = 1; i < t.members.length; i++) top = halve(cur, t.weight, top);
    prefixes.push(cur.slice());
    tops.push(top);
    top = halve(cur, t.weight, top);
  }
  const absolute = new Map<number, number>();
  const suffix = new Float64Array(q);
  suffix[0] = 1;
  let sTop = 0;
  for (let u = T - 1; u >= 0; u--) {
    const type = types[u]!;
    const a = prefixes[u]!;
    const aTop = tops[u]!;
    const w = type.weight;
    let sum = 0;
    for (let s = Math.max(0, q - w); s <= q - 1; s++) {
      // (A * S)[s] over the overlap of supports.
      let c = 0;
      const from = Math.max(0, s - sTop);
      const to = Math.min(aTop, s);
      for (let x = from; x <= to; x++) c += a[x]! * suffix[s - x]!;
      sum += c;
    }
    absolute.set(w, sum);
    for (let i = 0; i < type.members.length; i++) sTop = halve(suffix, w, sTop);
  }
  const n = types.reduce((acc, t) => acc + t.members.length, 0);
  const maxW = types.length ? types[0]!.weight : 0;
  const k = 2 * n + q + maxW + 4;
  const u = 2 ** -53;
  return {
    absolute: game.types.map((t) => (t.weight === 0 ? 0 : absolute.get(t.weight)!)),
    relativeErrorBound: (k * u) / (1 - k * u),
  };
}

/** ORs into `bits` the set shifted up by w (a bitset over sums 0 .. 32 * bits.length - 1). */
function shiftOr(bits: Uint32Array, w: number): void {
  const ws = w >>> 5;
  const bs = w & 31;
  for (let i = bits.length - 1; i >= ws; i--) {
    let v = bits[i - ws]! << bs;
    if (bs !== 0 && i - ws - 1 >= 0) v |= bits[i - ws - 1]! >>> (32 - bs);
    bits[i] = bits[i]! | v;
  }
}

/**
 * Exactly which types are dummies, without counting: a member of type u swings some coalition exactly when a
 * subset of the others weighs between q - w_u and q - 1 (a subset-sum question, answered with a bitset in
 * O(n q / 32)). Dummies are the lightest types (a heavier player is at least as desirable), so a binary
 * search over the types needs O(log T) such checks.
 */
export function dummyTypes(game: WeightedGame): boolean[] {
  const q = game.q;
  const words = Math.ceil(q / 32);
  const positive = game.types.map((t, u) => ({ t, u })).filter(({ t }) => t.weight > 0);
  const swingsSomething = (u: number): boolean => {
    const bits = new Uint32Array(words);
    bits[0] = 1;
    let skipped = false;
    for (const { t, u: v } of positive) {
      for (let i = 0; i < t.members.length; i++) {
        if (v === u && !skipped) {
          skipped = true;
          continue;
        }
        shiftOr(bits, t.weight);
      }
    }
    const w = game.types[u]!.weight;
    for (let s = Math.max(0, q - w); s <= q - 1; s++) if ((bits[s >>> 5]! >>> (s & 31)) & 1) return true;
    return false;
  };
  // positive is heaviest first; find the first (heaviest) dummy by binary search.
  let lo = 0;
  let hi = positive.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (swingsSomething(positive[mid]!.u)) lo = mid + 1;
    else hi = mid;
  }
  const dummy = game.types.map((t) => t.weight === 0);
  for (let i = lo; i < positive.length; i++) dummy[positive[i]!.u] = true;
  return dummy;
}
