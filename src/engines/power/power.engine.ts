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
 * - enumeration.engine.ts: all 2^n coalitions, only when the tables would pass the limits but n is small
 *   (weights in votes or population make q huge while n stays small).
 * Before any work the cost is estimated; past the limits a GameTooLargeError suggests --approx.
 */
import { banzhafCounts, banzhafExactCost, banzhafFloat, banzhafFloatCost } from './banzhaf.engine.js';
import { enumeratedCounts, enumerationCost } from './enumeration.engine.js';
import { factorials, fractionString, ratioToNumber } from './fraction.math.js';
import type { WeightedGame } from './game.model.js';
import { checkLimits, DEFAULT_LIMITS, type PowerLimits } from './limits.model.js';
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
   * 'auto' (default): generating functions, or enumeration of all 2^n coalitions when the tables would pass
   * the limits and enumeration would not (few players, huge quota). 'enumerate' forces enumeration.
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
  checkLimits('voting power (all indices)', total, options.limits);

  const n = game.w.length;
  const bz = banzhafCounts(game);
  const ss = shapleyShubikCounts(game);
  const mwc = minimalWinningCounts(game);
  const dp = deeganPackelSums(game);

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
  /** Largest exact work 'auto' accepts before falling back to floating point. Default 1e9. */
  exactWork?: number;
}

/** Banzhaf alone, which scales to thousands of players: banzhafPower(game).players[0].banzhaf. */
export function banzhafPower(game: WeightedGame, options: BanzhafOptions = {}): BanzhafResult {
  const mode = options.arithmetic ?? 'auto';
  const exactCost = banzhafExactCost(game);
  const useExact = mode === 'exact' || (mode === 'auto' && exactCost.work <= (options.exactWork ?? 1e9));
  const base = { quota: game.quota, totalWeight: game.totalWeight };
  if (useExact) {
    checkLimits('Banzhaf', exactCost, options.limits);
    const bz = banzhafCounts(game);
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
  const sum = game.typeOf.reduce((a, u) => a + f.absolute[u]!, 0);
  return {
    ...base,
    arithmetic: 'float',
    // Normalising divides two quantities each within the bound.
    relativeErrorBound: 2 * f.relativeErrorBound + 2 ** -52,
    players: game.names.map((name, i) => {
      const a = f.absolute[game.typeOf[i]!]!;
      return {
        name,
        weight: game.weights[i]!,
        swings: null,
        banzhaf: a / sum,
        banzhafAbsolute: a,
        exact: null,
        dummy: a === 0,
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
  checkLimits('Shapley-Shubik', shapleyShubikCost(game), options.limits);
  const ss = shapleyShubikCounts(game);
  const perType = ss.numerators.map((num) => ratio(num, ss.denominator));
  return {
    quota: game.quota,
    totalWeight: game.totalWeight,
    players: game.names.map((name, i) => {
      const r = perType[game.typeOf[i]!]!;
      return { name, weight: game.weights[i]!, shapleyShubik: r.value, exact: r.exact, dummy: r.value === 0 };
    }),
  };
}
