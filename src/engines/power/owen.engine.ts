/**
 * Two-level power with a priori unions (factions inside party groups inside a council): the Owen value
 * (Owen 1977) and the Banzhaf-Owen value (Owen 1982). For player i in union k of m unions, with s_k members:
 *   Owen_i = sum over R (sets of other unions, |R| = r) and T (subsets of i's union without i, |T| = t) of
 *            r!(m-1-r)!/m! * t!(s_k-1-t)!/s_k! * [i swings Q_R u T],
 *   Banzhaf-Owen_i = the same with weights 1/2^(m-1) * 1/2^(s_k-1),
 * where Q_R is the union of the unions in R. The swing depends only on w(Q_R) + w(T), so both are sums over
 * pairs of weights a + b in [q - w_i, q - 1] of two count tables: A_k[r][a] for the quotient game without
 * union k (the full quotient table with union k divided out, exact in BigInt) and B_i[t][b] for i's union
 * without i (likewise). Collapsing r and t first leaves one windowed sum: O(m^2 q + sum_k s_k^2 q) BigInt
 * steps, fine for councils and groups; past a size limit a GameTooLargeError says so.
 */
import { factorials, fractionString, ratioToNumber } from './fraction.math.js';
import { checkUnions, type WeightedGame } from './game.model.js';
import { DEFAULT_LIMITS, GameTooLargeError, type PowerLimits } from './limits.model.js';

export interface OwenPlayer {
  name: string;
  weight: number;
  /** Index into OwenResult.unions. */
  union: number;
  owen: number;
  /** Raw Banzhaf-Owen value (a probability; the values need not sum to 1). */
  banzhafOwen: number;
  /** Banzhaf-Owen scaled to sum to 1 over the players. */
  banzhafOwenNormalised: number;
  exact: { owen: string; banzhafOwen: string; banzhafOwenNormalised: string };
}

export interface OwenResult {
  quota: number;
  totalWeight: number;
  /** Member names per union. */
  unions: string[][];
  players: OwenPlayer[];
}

/** BigInt steps and bytes for owen(). */
export function owenCost(
  game: WeightedGame,
  unions: readonly (readonly number[])[],
): { work: number; bytes: number } {
  const m = unions.length;
  const q = game.q;
  let work = (m + 1) * (m + 1) * q * 2;
  for (const u of unions) work += (u.length + 1) * (u.length + 1) * q * 2;
  return { work, bytes: (m + 1) * q * 16 };
}

/** Counts by (size, weight < q) of subsets of `weights`: table[r][a]. */
function countTable(weights: readonly number[], q: number): bigint[][] {
  const table = Array.from({ length: weights.length + 1 }, () => new Array<bigint>(q).fill(0n));
  table[0]![0] = 1n;
  weights.forEach((w, j) => {
    for (let r = j + 1; r >= 1; r--) {
      const row = table[r]!;
      const prev = table[r - 1]!;
      for (let a = q - 1; a >= w; a--) if (prev[a - w] !== 0n) row[a] = row[a]! + prev[a - w]!;
    }
  });
  return table;
}

/** The table with one member of weight w divided out (exact): rows 0 .. rows - 2. */
function removeOne(table: bigint[][], w: number, q: number): bigint[][] {
  const out: bigint[][] = [];
  for (let r = 0; r < table.length - 1; r++) {
    const row = table[r]!.slice();
    if (r > 0) {
      const prev = out[r - 1]!;
      for (let a = w; a < q; a++) row[a] = row[a]! - prev[a - w]!;
    }
    out.push(row);
  }
  return out;
}

/** Collapses sizes: weighted[a] = sum_r table[r][a] * coef[r]; returns prefix sums (index a + 1). */
function collapsedPrefix(table: bigint[][], coef: readonly bigint[], q: number): bigint[] {
  const prefix = new Array<bigint>(q + 1).fill(0n);
  for (let a = 0; a < q; a++) {
    let v = 0n;
    for (let r = 0; r < table.length; r++) {
      const c = table[r]![a]!;
      if (c !== 0n) v += c * coef[r]!;
    }
    prefix[a + 1] = prefix[a]! + v;
  }
  return prefix;
}

function collapsed(table: bigint[][], coef: readonly bigint[], q: number): bigint[] {
  const out = new Array<bigint>(q).fill(0n);
  for (let r = 0; r < table.length; r++) {
    const row = table[r]!;
    for (let b = 0; b < q; b++) if (row[b] !== 0n) out[b] = out[b]! + row[b]! * coef[r]!;
  }
  return out;
}

/** sum_b inner[b] * (sum of outer over a in [q - w - b, q - 1 - b]), outer given as prefix sums. */
function windowed(inner: readonly bigint[], outerPrefix: readonly bigint[], q: number, w: number): bigint {
  let total = 0n;
  for (let b = 0; b < q; b++) {
    if (inner[b] === 0n) continue;
    const hi = q - 1 - b;
    const lo = Math.max(0, q - w - b);
    if (hi < lo) continue;
    total += inner[b]! * (outerPrefix[hi + 1]! - outerPrefix[lo]!);
  }
  return total;
}

/**
 * Owen and Banzhaf-Owen values with a priori unions given as player indices that partition the players:
 * owen(weightedGame(3, [2, 1, 1]), [[1, 2], [0]]).players[1].exact.owen === '1/4'.
 */
export function owen(
  game: WeightedGame,
  unions: readonly (readonly number[])[],
  options: { limits?: PowerLimits } = {},
): OwenResult {
  const parts = checkUnions(unions, game.w.length, game.names);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const cost = owenCost(game, parts);
  // BigInt steps cost about 30x a residue update; the limit is in residue-update units.
  if (cost.work * 30 > limits.maxWork || cost.bytes > limits.maxBytes) {
    throw new GameTooLargeError('Owen values', cost.work * 30, cost.bytes, limits);
  }
  const q = game.q;
  const m = parts.length;
  const unionWeights = parts.map((u) => u.reduce((a, i) => a + game.w[i]!, 0));
  const quotient = countTable(unionWeights, q);
  const fact = factorials(Math.max(m, ...parts.map((u) => u.length)));
  const shapleyCoef = (size: number): bigint[] =>
    Array.from({ length: size }, (_, r) => fact[r]! * fact[size - 1 - r]!);
  const ones = (size: number): bigint[] => new Array<bigint>(size).fill(1n);
  const owenNum = new Array<bigint>(game.w.length).fill(0n);
  const owenDen = new Array<bigint>(game.w.length).fill(1n);
  const boNum = new Array<bigint>(game.w.length).fill(0n);
  const boDen = new Array<bigint>(game.w.length).fill(1n);
  const unionOf = new Array<number>(game.w.length).fill(0);
  parts.forEach((members, k) => {
    const others = removeOne(quotient, unionWeights[k]!, q);
    const aShapley = collapsedPrefix(others, shapleyCoef(m), q);
    const aBanzhaf = collapsedPrefix(others, ones(m), q);
    const s = members.length;
    const weights = members.map((i) => game.w[i]!);
    const inside = countTable(weights, q);
    const byWeight = new Map<number, { o: bigint; b: bigint }>();
    for (const i of members) {
      unionOf[i] = k;
      const w = game.w[i]!;
      let v = byWeight.get(w);
      if (!v) {
        const rest = removeOne(inside, w, q);
        v = {
          o: windowed(collapsed(rest, shapleyCoef(s), q), aShapley, q, w),
          b: windowed(collapsed(rest, ones(s), q), aBanzhaf, q, w),
        };
        byWeight.set(w, v);
      }
      owenNum[i] = v.o;
      owenDen[i] = fact[m]! * fact[s]!;
      boNum[i] = v.b;
      boDen[i] = (1n << BigInt(m - 1)) * (1n << BigInt(s - 1));
    }
  });
  // Normalised Banzhaf-Owen: bring every value over the common denominator 2^(m-1) * 2^(max s - 1).
  const maxS = Math.max(...parts.map((u) => u.length));
  const common = (1n << BigInt(m - 1)) * (1n << BigInt(maxS - 1));
  const scaled = boNum.map((num, i) => (num * common) / boDen[i]!);
  const scaledTotal = scaled.reduce((a, b) => a + b, 0n);
  return {
    quota: game.quota,
    totalWeight: game.totalWeight,
    unions: parts.map((u) => u.map((i) => game.names[i]!)),
    players: game.names.map((name, i) => ({
      name,
      weight: game.weights[i]!,
      union: unionOf[i]!,
      owen: ratioToNumber(owenNum[i]!, owenDen[i]!),
      banzhafOwen: ratioToNumber(boNum[i]!, boDen[i]!),
      banzhafOwenNormalised: scaledTotal === 0n ? 0 : ratioToNumber(scaled[i]!, scaledTotal),
      exact: {
        owen: fractionString(owenNum[i]!, owenDen[i]!),
        banzhafOwen: fractionString(boNum[i]!, boDen[i]!),
        banzhafOwenNormalised: scaledTotal === 0n ? '0/1' : fractionString(scaled[i]!, scaledTotal),
      },
    })),
  };
}
