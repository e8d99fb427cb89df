/**
 * Weighted majority games [q; w1..wn]: a coalition wins when its weights sum to q or more.
 * Validation names the CLI argument at fault (--quota, --weights, --names, --unions), so the CLI can pass
 * errors straight through. Every engine works on the normalised game: weights and quota divided by the gcd
 * of the weights (quota rounded up, which keeps exactly the same winning coalitions), players with equal
 * weights grouped into types.
 */
import { InvalidInputError } from '../../domain/errors.js';
import { gcd } from './fraction.math.js';

/** Players sharing one normalised weight; engines compute once per type. */
export interface PlayerType {
  weight: number;
  /** Player indices, ascending. */
  members: number[];
}

export interface WeightedGame {
  /** As given. */
  readonly quota: number;
  readonly weights: readonly number[];
  readonly names: readonly string[];
  readonly totalWeight: number;
  /** gcd of the non-zero weights. */
  readonly divisor: number;
  /** Normalised quota ceil(quota / divisor), weights and total. */
  readonly q: number;
  readonly w: readonly number[];
  readonly total: number;
  /** Distinct normalised weights, heaviest first. */
  readonly types: readonly PlayerType[];
  /** Player index -> index into types. */
  readonly typeOf: readonly number[];
}

/** weightedGame(12, [4, 4, 4, 2, 2, 1], ['FR', 'DE', 'IT', 'BE', 'NL', 'LU']) is the EEC Council of 1958. */
export function weightedGame(
  quota: number,
  weights: readonly number[],
  names?: readonly string[],
): WeightedGame {
  if (weights.length === 0)
    throw new InvalidInputError('at least one weight is needed', { where: '--weights', rule: 'non-empty' });
  weights.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new InvalidInputError(`weight ${i + 1} is ${w}; weights must be whole numbers, 0 or more`, {
        where: '--weights',
        rule: 'non-negative-integer',
        index: i,
      });
    }
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(totalWeight)) {
    throw new InvalidInputError('the weights sum past 2^53', { where: '--weights', rule: 'safe-integer' });
  }
  if (!Number.isFinite(quota) || quota <= 0) {
    throw new InvalidInputError(`quota is ${quota}; it must be above 0`, {
      where: '--quota',
      rule: 'positive',
    });
  }
  if (quota > totalWeight) {
    throw new InvalidInputError(
      `quota ${quota} is above the total weight ${totalWeight}: no coalition could win`,
      {
        where: '--quota',
        rule: 'at-most-total',
      },
    );
  }
  let playerNames: string[];
  if (names) {
    if (names.length !== weights.length) {
      throw new InvalidInputError(
        `${names.length} names for ${weights.length} weights; give one name per weight`,
        {
          where: '--names',
          rule: 'one-per-weight',
        },
      );
    }
    const seen = new Set<string>();
    for (const n of names) {
      if (n.trim() === '')
        throw new InvalidInputError('a name is empty', { where: '--names', rule: 'non-empty' });
      if (seen.has(n))
        throw new InvalidInputError(`the name "${n}" appears twice`, { where: '--names', rule: 'unique' });
      seen.add(n);
    }
    playerNames = [...names];
  } else {
    playerNames = weights.map((_, i) => `P${i + 1}`);
  }

  let g = 0n;
  for (const w of weights) if (w > 0) g = gcd(g, BigInt(w));
  const divisor = Number(g);
  const w = weights.map((x) => x / divisor);
  const q = Math.ceil(quota / divisor);
  const byWeight = new Map<number, number[]>();
  w.forEach((x, i) => {
    const list = byWeight.get(x);
    if (list) list.push(i);
    else byWeight.set(x, [i]);
  });
  const types = [...byWeight.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([weight, members]) => ({ weight, members }));
  const typeOf = new Array<number>(weights.length);
  types.forEach((t, ti) => {
    for (const m of t.members) typeOf[m] = ti;
  });
  return {
    quota,
    weights: [...weights],
    names: playerNames,
    totalWeight,
    divisor,
    q,
    w,
    total: totalWeight / divisor,
    types,
    typeOf,
  };
}

function parseNumberList(text: string, where: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  return parts.map((s, i) => {
    if (!/^-?\d+(\.\d+)?$/.test(s)) {
      throw new InvalidInputError(`item ${i + 1} is "${s}"; expected a whole number`, {
        where,
        rule: 'number-list',
      });
    }
    return Number(s);
  });
}

/**
 * Builds a game from the CLI's strings, naming the argument at fault:
 * gameFromArgs({ quota: '12', weights: '4,4,4,2,2,1', names: 'FR,DE,IT,BE,NL,LU' }).
 */
export function gameFromArgs(args: {
  quota: string;
  weights: string;
  names?: string | undefined;
}): WeightedGame {
  const q = args.quota.trim();
  if (!/^-?\d+(\.\d+)?$/.test(q)) {
    throw new InvalidInputError(`expected a number, got "${args.quota}"`, {
      where: '--quota',
      rule: 'number',
    });
  }
  const weights = parseNumberList(args.weights, '--weights');
  const names = args.names === undefined ? undefined : args.names.split(',').map((s) => s.trim());
  return weightedGame(Number(q), weights, names);
}

/**
 * A priori unions as player indices, checked to partition the players exactly:
 * parseUnions('FR|DE,IT|BE,NL,LU', game) -> [[0], [1, 2], [3, 4, 5]].
 */
export function parseUnions(spec: string, game: WeightedGame): number[][] {
  const index = new Map(game.names.map((n, i) => [n, i]));
  const unions = spec.split('|').map((part) =>
    part.split(',').map((raw) => {
      const name = raw.trim();
      const i = index.get(name);
      if (i === undefined) {
        throw new InvalidInputError(`"${name}" is not one of the players (${game.names.join(', ')})`, {
          where: '--unions',
          rule: 'known-player',
        });
      }
      return i;
    }),
  );
  return checkUnions(unions, game.weights.length, game.names);
}

/** Checks that unions partition players 0..n-1 (each exactly once, no empty union); returns them sorted. */
export function checkUnions(
  unions: readonly (readonly number[])[],
  n: number,
  names?: readonly string[],
): number[][] {
  const label = (i: number): string => names?.[i] ?? `player ${i + 1}`;
  const seen = new Array<boolean>(n).fill(false);
  for (const u of unions) {
    if (u.length === 0)
      throw new InvalidInputError('a union is empty', { where: '--unions', rule: 'non-empty' });
    for (const i of u) {
      if (!Number.isInteger(i) || i < 0 || i >= n) {
        throw new InvalidInputError(`player ${i} does not exist`, {
          where: '--unions',
          rule: 'known-player',
        });
      }
      if (seen[i])
        throw new InvalidInputError(`player ${i + 1} is in two unions`, {
          where: '--unions',
          rule: 'partition',
        });
      seen[i] = true;
    }
  }
  const missing = seen.flatMap((s, i) => (s ? [] : [label(i)]));
  if (missing.length) {
    throw new InvalidInputError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} in no union; every player needs one`,
      {
        where: '--unions',
        rule: 'partition',
      },
    );
  }
  return unions.map((u) => [...u].sort((a, b) => a - b));
}
