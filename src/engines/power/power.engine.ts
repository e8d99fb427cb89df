/**
 * Exact voting power of a weighted majority game: Banzhaf (swings, normalised, absolute/Penrose),
 * Shapley-Shubik, Deegan-Packel, Holler, winning and minimal winning coalitions, dummies, veto players and
 * a dictator. Each index comes as a double and as a reduced fraction string.
 *
 * Algorithms and why (one engine per file):
 * - banzhaf.engine.ts: generating function, O(n q), removal per type via prefix sums (exact modular), or a
 *   forward/backward floating-point path that never subtracts for games with thousands of players.
 * - shapley-shubik.engine.ts: counts by size and weight, O(n^2 q) at worst, restricted to the reachable
 *   size/weight band; exact modulo primes, no floating-point deconvolution.
 * - minimal-winning.engine.ts: minimal winning coalitions by their lightest type, counted by dynamic
 *   programming, per player by an adjoint (backward) pass: O(n q); Deegan-Packel with sizes, O(n * band).
 * - enumeration.engine.ts: all 2^n coalitions, O(2^n n), when that is estimated cheaper: a handful of
 *   players, or weights in votes or population that make q huge while n stays small.
 * Arithmetic: counts are exact. Up to about 52 players they fit in doubles; beyond, the engines count
 * modulo several primes (additions only in the big loops, lazily reduced) and rebuild the integers by CRT
 * (modular.math.ts), then form each index as a BigInt fraction. Deconvolution (dividing out one player) is
 * exact modulo p, which is what makes per-type removal safe; in doubles it is unstable and is never used.
 * The one floating-point path (Banzhaf for thousands of players) only adds non-negative terms and states
 * its error bound. Before any work the cost is estimated; past the limits a GameTooLargeError suggests
 * --approx (approximate.engine.ts: Monte Carlo with standard errors).
 */
import {
  banzhafCounts,
  banzhafExactCost,
  banzhafFloat,
  banzhafFloatCost,
  dummyTypes,
} from './banzhaf.engine.js';
import { enumeratedCounts, enumerationCost } from './enumeration.engine.js';
import { factorials, fractionString, ratioToNumber } from './fraction.math.js';
import type { WeightedGame } from './game.model.js';
import { checkLimits, DEFAULT_LIMITS, GameTooLargeError, type PowerLimits } from './limits.model.js';
import {
  deeganPackelCost,
  deeganPackelSums,
  minimalWinningCost,
  minimalWinningCounts,
} from './minimal-winning.engine.js';
import { shapleyShubikCost, shapleyShubikCounts } from './shapley-shubik.engine.js';

/** An index as a double and as a reduced fraction. */
interface Ratio {
  value: number;
  exact: string;
}

function ratio(num: bigint, den: bigint): Ratio {
  return { value: ratioToNumber(num, den), exact: fractionString(num, den) };
}

export interface PlayerPower {
  name: string;
  weight: number;
  /** Coalitions of the others that this player turns from losing to winning (raw Banzhaf). */
  swings: bigint;
  /** Minimal winning coalitions containing this player (Holler's count). */
  minimalWinningCoalitions: bigint;
  banzhaf: number;
  banzhafAbsolute: number;
  shapleyShubik: number;
  deeganPackel: number;
  holler: number;
  exact: {
    banzhaf: string;
    banzhafAbsolute: string;
    shapleyShubik: string;
    deeganPackel: string;
    holler: string;
  };
  dummy: boolean;
}

export interface PowerResult {
  quota: number;
  totalWeight: number;
  /** The game the engines solved: weights and quota divided by `divisor`. */
  normalised: { quota: number; totalWeight: number; divisor: number };
  winningCoalitions: bigint;
  minimalWinningCoalitions: bigint;
  /** In the order given. */
  players: PlayerPower[];
  dictator: string | null;
  /** Players in every winning coalition. */
  vetoPlayers: string[];
  dummies: string[];
}

export interface PowerOptions {
  limits?: PowerLimits;
  /**
   * 'auto' (default): generating functions or enumeration of all 2^n coalitions, whichever is estimated
   * cheaper within the limits (enumeration wins for a handful of players, or a huge quota).
   */
  method?: 'auto' | 'generating-functions' | 'enumerate';
}

/** Estimated cost of votingPower, per part, so a caller can decide before calling. */
export function votingPowerCost(game: WeightedGame): Record<string, { work: number; bytes: number }> {
  return {
    banzhaf: banzhafExactCost(game),
    shapleyShubik: shapleyShubikCost(game),
    minimalWinning: minimalWinningCost(game),
    deeganPackel: deeganPackelCost(game),
  };
}

/** Every index, exact: votingPower(weightedGame(12, [4, 4, 4, 2, 2, 1])).players[5].dummy === true. */
export function votingPower(game: WeightedGame, options: PowerOptions = {}): PowerResult {
  const costs = votingPowerCost(game);
  const total = Object.values(costs).reduce(
    (a, c) => ({ work: a.work + c.work, bytes: Math.max(a.bytes, c.bytes) }),
    {
      work: 0,
      bytes: 0,
    },
  );
  const method = options.method ?? 'auto';
  const enumeration = enumerationCost(game);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const fits = (c: { work: number; bytes: number }) => c.work <= limits.maxWork && c.bytes <= limits.maxBytes;
  // Auto: the cheaper method that fits (both estimates count elementary steps of similar cost).
  const enumerate =
    method === 'enumerate' ||
    (method === 'auto' && fits(enumeration) && (!fits(total) || enumeration.work < total.work));
  checkLimits('voting power (all indices)', enumerate ? enumeration : total, options.limits);

  const n = game.w.length;
  let bz: { swings: bigint[]; losing: bigint };
  let ss: { numerators: bigint[]; denominator: bigint };
  let mwc: { total: bigint; containing: bigint[] };
  let dp: { numerators: bigint[]; lcm: bigint };
  if (enumerate) {
    const e = enumeratedCounts(game);
    bz = { swings: e.swings, losing: e.losing };
    ss = { numerators: e.shapleyShubik, denominator: factorials(n)[n]! };
    mwc = { total: e.minimalTotal, containing: e.containing };
    dp = { numerators: e.deeganPackel, lcm: e.lcm };
  } else {
    bz = banzhafCounts(game);
    ss = shapleyShubikCounts(game);
    mwc = minimalWinningCounts(game);
    dp = deeganPackelSums(game);
  }

  const all = 1n << BigInt(n);
  const totalSwings = game.types.reduce((a, t, u) => a + BigInt(t.members.length) * bz.swings[u]!, 0n);
  const totalContaining = game.types.reduce(
    (a, t, u) => a + BigInt(t.members.length) * mwc.containing[u]!,
    0n,
  );
  const perType = game.types.map((_, u) => ({
    banzhaf: ratio(bz.swings[u]!, totalSwings),
    banzhafAbsolute: ratio(bz.swings[u]!, all >> 1n),
    shapleyShubik: ratio(ss.numerators[u]!, ss.denominator),
    deeganPackel: ratio(dp.numerators[u]!, dp.lcm * mwc.total),
    holler: ratio(mwc.containing[u]!, totalContaining),
  }));
  const players = game.names.map((name, i): PlayerPower => {
    const u = game.typeOf[i]!;
    const t = perType[u]!;
    return {
      name,
      weight: game.weights[i]!,
      swings: bz.swings[u]!,
      minimalWinningCoalitions: mwc.containing[u]!,
      banzhaf: t.banzhaf.value,
      banzhafAbsolute: t.banzhafAbsolute.value,
      shapleyShubik: t.shapleyShubik.value,
      deeganPackel: t.deeganPackel.value,
      holler: t.holler.value,
      exact: {
        banzhaf: t.banzhaf.exact,
        banzhafAbsolute: t.banzhafAbsolute.exact,
        shapleyShubik: t.shapleyShubik.exact,
        deeganPackel: t.deeganPackel.exact,
        holler: t.holler.exact,
      },
      dummy: bz.swings[u] === 0n,
    };
  });
  return {
    quota: game.quota,
    totalWeight: game.totalWeight,
    normalised: { quota: game.q, totalWeight: game.total, divisor: game.divisor },
    winningCoalitions: all - bz.losing,
    minimalWinningCoalitions: mwc.total,
    players,
    ...roles(game),
    dummies: players.filter((p) => p.dummy).map((p) => p.name),
  };
}

/** Dictator and veto players follow from the weights alone. */
function roles(game: WeightedGame): { dictator: string | null; vetoPlayers: string[] } {
  const vetoPlayers = game.names.filter((_, i) => game.total - game.w[i]! < game.q);
  const dictatorIndex = game.w.findIndex((w) => w >= game.q && game.total - w < game.q);
  return {
    dictator: dictatorIndex >= 0 ? game.names[dictatorIndex]! : null,
    vetoPlayers,
  };
}

export interface BanzhafPlayer {
  name: string;
  weight: number;
  /** Exact swings, or null when computed in floating point. */
  swings: bigint | null;
  banzhaf: number;
  banzhafAbsolute: number;
  /** Null when computed in floating point. */
  exact: { banzhaf: string; banzhafAbsolute: string } | null;
  dummy: boolean;
}

export interface BanzhafResult {
  quota: number;
  totalWeight: number;
  arithmetic: 'exact' | 'float';
  /** 0 when exact; otherwise a bound on the relative error of every index. */
  relativeErrorBound: number;
  players: BanzhafPlayer[];
}

export interface BanzhafOptions extends PowerOptions {
  /** 'auto' (default): exact when it fits in `exactWork` steps, else the stable floating-point path. */
  arithmetic?: 'auto' | 'exact' | 'float';
  /** Largest exact work 'auto' accepts before falling back to floating point. Default 3e8 (about half a second). */
  exactWork?: number;
}

/** Banzhaf alone, which scales to thousands of players: banzhafPower(game).players[0].banzhaf. */
export function banzhafPower(game: WeightedGame, options: BanzhafOptions = {}): BanzhafResult {
  const mode = options.arithmetic ?? 'auto';
  const exactCost = banzhafExactCost(game);
  const enumeration = enumerationCost(game);
  // Few players and a huge quota: enumerating is exact and cheaper than either table.
  const enumerate =
    mode !== 'float' && enumeration.work < exactCost.work && enumeration.work <= (options.exactWork ?? 3e8);
  const useExact =
    enumerate || mode === 'exact' || (mode === 'auto' && exactCost.work <= (options.exactWork ?? 3e8));
  const base = { quota: game.quota, totalWeight: game.totalWeight };
  if (useExact) {
    checkLimits('Banzhaf', enumerate ? enumeration : exactCost, options.limits);
    const bz = enumerate ? enumeratedCounts(game) : banzhafCounts(game);
    const totalSwings = game.types.reduce((a, t, u) => a + BigInt(t.members.length) * bz.swings[u]!, 0n);
    const half = 1n << BigInt(game.w.length - 1);
    return {
      ...base,
      arithmetic: 'exact',
      relativeErrorBound: 0,
      players: game.names.map((name, i) => {
        const s = bz.swings[game.typeOf[i]!]!;
        const b = ratio(s, totalSwings);
        const a = ratio(s, half);
        return {
          name,
          weight: game.weights[i]!,
          swings: s,
          banzhaf: b.value,
          banzhafAbsolute: a.value,
          exact: { banzhaf: b.exact, banzhafAbsolute: a.exact },
          dummy: s === 0n,
        };
      }),
    };
  }
  checkLimits('Banzhaf', banzhafFloatCost(game), options.limits);
  const f = banzhafFloat(game);
  const dummy = dummyTypes(game);
  // Below about 2^-900 an index would lose digits to underflow (each term under 2^-1022 is dropped);
  // such indices only arise with a quota near unanimity, and floating point cannot represent them.
  const smallest = Math.min(...f.absolute.filter((_, u) => !dummy[u]));
  if (!(smallest >= 2 ** -900)) {
    throw new GameTooLargeError(
      'Banzhaf (some indices are below 1e-270, beyond floating point)',
      exactCost.work,
      exactCost.bytes,
      { ...DEFAULT_LIMITS, ...options.limits },
    );
  }
  const sum = game.typeOf.reduce((a, u) => a + f.absolute[u]!, 0);
  return {
    ...base,
    arithmetic: 'float',
    // Normalising divides two quantities each within the bound.
    relativeErrorBound: 2 * f.relativeErrorBound + 2 ** -52,
    players: game.names.map((name, i) => {
      const u = game.typeOf[i]!;
      const a = dummy[u] ? 0 : f.absolute[u]!;
      return {
        name,
        weight: game.weights[i]!,
        swings: null,
        banzhaf: a / sum,
        banzhafAbsolute: a,
        exact: null,
        dummy: dummy[u]!,
      };
    }),
  };
}

export interface ShapleyShubikResult {
  quota: number;
  totalWeight: number;
  players: { name: string; weight: number; shapleyShubik: number; exact: string; dummy: boolean }[];
}

/** Shapley-Shubik alone, exact: shapleyShubikPower(game).players[0].exact === '421/2145' for the UNSC. */
export function shapleyShubikPower(game: WeightedGame, options: PowerOptions = {}): ShapleyShubikResult {
  const cost = shapleyShubikCost(game);
  const enumeration = enumerationCost(game);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const enumerate = enumeration.work < cost.work && enumeration.work <= limits.maxWork;
  checkLimits('Shapley-Shubik', enumerate ? enumeration : cost, options.limits);
  const ss = enumerate
    ? {
        numerators: enumeratedCounts(game).shapleyShubik,
        denominator: factorials(game.w.length)[game.w.length]!,
      }
    : shapleyShubikCounts(game);
  const perType = ss.numerators.map((num) => ({ ...ratio(num, ss.denominator), zero: num === 0n }));
  return {
    quota: game.quota,
    totalWeight: game.totalWeight,
    players: game.names.map((name, i) => {
      const r = perType[game.typeOf[i]!]!;
      return { name, weight: game.weights[i]!, shapleyShubik: r.value, exact: r.exact, dummy: r.zero };
    }),
  };
}
