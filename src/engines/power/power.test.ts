import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { approximatePower } from './approximate.engine.js';
import { gameFromArgs, parseUnions, weightedGame } from './game.model.js';
import { powerJson } from './json.format.js';
import { GameTooLargeError } from './limits.model.js';
import { owen } from './owen.engine.js';
import { banzhafPower, shapleyShubikPower, votingPower } from './power.engine.js';

const UNSC = [7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const EEC = [4, 4, 4, 2, 2, 1];
const EEC_NAMES = ['France', 'Germany', 'Italy', 'Belgium', 'Netherlands', 'Luxembourg'];

function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}

describe.each(['generating-functions', 'enumerate'] as const)('published values, by %s', (method) => {
  it('UN Security Council [39; 7 x5, 1 x10]', () => {
    const r = votingPower(weightedGame(39, UNSC), { method });
    expect(r.players[0]!.exact.shapleyShubik).toBe('421/2145');
    expect(r.players[5]!.exact.shapleyShubik).toBe('4/2145');
    expect(r.players[0]!.exact.banzhaf).toBe('106/635');
    expect(r.players[5]!.exact.banzhaf).toBe('21/1270');
    expect(r.minimalWinningCoalitions).toBe(210n);
    // Winning: all five permanent members and at least four of the ten others.
    expect(r.winningCoalitions).toBe([4, 5, 6, 7, 8, 9, 10].reduce((a, k) => a + binom(10, k), 0n));
    expect(r.vetoPlayers).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(r.dictator).toBeNull();
    expect(r.players[0]!.shapleyShubik).toBeCloseTo(421 / 2145, 15);
  });

  it('EEC Council of Ministers 1958 [12; 4,4,4,2,2,1]: Luxembourg is powerless', () => {
    const r = votingPower(weightedGame(12, EEC, EEC_NAMES), { method });
    expect(r.players.map((p) => p.exact.banzhaf)).toEqual(['5/21', '5/21', '5/21', '1/7', '1/7', '0/1']);
    expect(r.players.map((p) => p.exact.shapleyShubik)).toEqual([
      '7/30',
      '7/30',
      '7/30',
      '3/20',
      '3/20',
      '0/1',
    ]);
    expect(r.dummies).toEqual(['Luxembourg']);
    const lux = r.players[5]!;
    expect([lux.banzhaf, lux.shapleyShubik, lux.deeganPackel, lux.holler, lux.banzhafAbsolute]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    // Minimal winning: the big three, or two big and both middle: 1 + 3.
    expect(r.minimalWinningCoalitions).toBe(4n);
  });

  it("Straffin's [6; 4,3,2,1]", () => {
    const r = votingPower(weightedGame(6, [4, 3, 2, 1]), { method });
    expect(r.players.map((p) => p.exact.banzhaf)).toEqual(['5/12', '1/4', '1/4', '1/12']);
    // Minimal winning {4,3}, {4,2}, {3,2,1}: Holler 2/7, 2/7, 2/7, 1/7; Deegan-Packel 1/3, 5/18, 5/18, 1/9.
    expect(r.players.map((p) => p.exact.holler)).toEqual(['2/7', '2/7', '2/7', '1/7']);
    expect(r.players.map((p) => p.exact.deeganPackel)).toEqual(['1/3', '5/18', '5/18', '1/9']);
  });

  it('a dictator takes all power; everyone else is a dummy', () => {
    const r = votingPower(weightedGame(5, [6, 1, 1], ['A', 'B', 'C']), { method });
    expect(r.dictator).toBe('A');
    expect(r.dummies).toEqual(['B', 'C']);
    expect(r.players[0]!.exact).toEqual({
      banzhaf: '1/1',
      banzhafAbsolute: '1/1',
      shapleyShubik: '1/1',
      deeganPackel: '1/1',
      holler: '1/1',
    });
  });
});

describe('normalisation', () => {
  it('dividing by the gcd (quota rounded up) changes nothing', () => {
    const a = votingPower(weightedGame(12, EEC));
    const b = votingPower(
      weightedGame(
        115,
        EEC.map((w) => w * 10),
      ),
    );
    expect(b.normalised).toEqual({ quota: 12, totalWeight: 17, divisor: 10 });
    expect(b.players.map((p) => p.exact)).toEqual(a.players.map((p) => p.exact));
    expect(b.players.map((p) => p.weight)).toEqual(EEC.map((w) => w * 10));
    expect(b.quota).toBe(115);
  });

  it('zero-weight players are dummies and only double the coalition counts', () => {
    const method = 'generating-functions';
    const a = votingPower(weightedGame(6, [4, 3, 2, 1]), { method });
    const b = votingPower(weightedGame(6, [4, 0, 3, 2, 1, 0]), { method });
    expect(b.winningCoalitions).toBe(a.winningCoalitions * 4n);
    expect(b.minimalWinningCoalitions).toBe(a.minimalWinningCoalitions);
    expect(b.players[0]!.exact.banzhaf).toBe(a.players[0]!.exact.banzhaf);
    expect(b.players[1]!.dummy).toBe(true);
  });
});

describe('beyond 52 players (counting modulo primes, rebuilt by CRT)', () => {
  // [q; a, 1 x m] has closed forms: the big player swings the k-sets of ones with q - a <= k <= q - 1, and
  // its Shapley-Shubik index is the number of such k over m + 1.
  const m = 80;
  const a = 10;
  const q = 45;
  const r = votingPower(weightedGame(q, [a, ...new Array<number>(m).fill(1)]), {
    method: 'generating-functions',
  });
  const big = r.players[0]!;
  const one = r.players[1]!;

  it('swings and Banzhaf match the closed form', () => {
    let bigSwings = 0n;
    for (let k = q - a; k <= q - 1; k++) bigSwings += binom(m, k);
    const oneSwings = binom(m - 1, q - 1) + binom(m - 1, q - 1 - a);
    expect(big.swings).toBe(bigSwings);
    expect(one.swings).toBe(oneSwings);
    expect(big.exact.banzhafAbsolute).toBe(reduce(bigSwings, 1n << BigInt(m)));
  });

  it('Shapley-Shubik matches the closed form', () => {
    expect(big.exact.shapleyShubik).toBe(reduce(BigInt(a), BigInt(m + 1)));
    expect(one.exact.shapleyShubik).toBe(reduce(BigInt(m + 1 - a), BigInt(m) * BigInt(m + 1)));
  });

  it('minimal winning coalitions, Holler and Deegan-Packel match the closed form', () => {
    // Minimal: the big player with q - a ones, or q ones.
    const withBig = binom(m, q - a);
    const onesOnly = binom(m, q);
    expect(r.minimalWinningCoalitions).toBe(withBig + onesOnly);
    expect(big.minimalWinningCoalitions).toBe(withBig);
    expect(one.minimalWinningCoalitions).toBe(binom(m - 1, q - a - 1) + binom(m - 1, q - 1));
    // Deegan-Packel: each minimal coalition splits 1 equally among its members.
    const total = withBig + onesOnly;
    expect(big.exact.deeganPackel).toBe(reduce(withBig, BigInt(q - a + 1) * total));
  });
});

function reduce(n: bigint, d: bigint): string {
  let [x, y] = [n, d];
  while (y) [x, y] = [y, x % y];
  return `${n / x}/${d / x}`;
}

describe('Banzhaf on large games', () => {
  it('floating point agrees with exact counts within the stated bound (200 players)', () => {
    const weights = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 23));
    const total = weights.reduce((x, y) => x + y, 0);
    const game = weightedGame(Math.floor(total / 2) + 1, weights);
    const exact = banzhafPower(game, { arithmetic: 'exact' });
    const float = banzhafPower(game, { arithmetic: 'float' });
    expect(exact.arithmetic).toBe('exact');
    expect(float.arithmetic).toBe('float');
    expect(float.relativeErrorBound).toBeGreaterThan(0);
    float.players.forEach((p, i) => {
      const e = exact.players[i]!;
      expect(Math.abs(p.banzhafAbsolute - e.banzhafAbsolute)).toBeLessThanOrEqual(
        e.banzhafAbsolute * float.relativeErrorBound,
      );
      expect(Math.abs(p.banzhaf - e.banzhaf)).toBeLessThanOrEqual(e.banzhaf * float.relativeErrorBound);
    });
  });

  it('flags dummies exactly in floating point, and refuses indices too small for it', () => {
    // 1,500 players of weight 2 and one of weight 1 with an even quota: the odd player never matters.
    const weights = [...new Array<number>(1500).fill(2), 1];
    const game = weightedGame(1500, weights);
    const r = banzhafPower(game, { arithmetic: 'float' });
    expect(r.players[1500]!.dummy).toBe(true);
    expect(r.players[1500]!.banzhaf).toBe(0);
    expect(r.players[0]!.dummy).toBe(false);
    expect(r.players[0]!.banzhaf).toBeCloseTo(1 / 1500, 12);
    // Unanimity of 1,200 players: each swings one coalition in 2^1199, below what a double holds.
    expect(() =>
      banzhafPower(weightedGame(1200, new Array<number>(1200).fill(1)), { arithmetic: 'float' }),
    ).toThrow(GameTooLargeError);
  });

  it("'auto' falls back to floating point when exact counting would be too much work", () => {
    const game = weightedGame(60, new Array<number>(100).fill(1));
    expect(banzhafPower(game, { exactWork: 10 }).arithmetic).toBe('float');
    expect(banzhafPower(game).arithmetic).toBe('exact');
  });
});

describe('size limits', () => {
  it('a handful of players with weights in votes is solved by enumeration', () => {
    const eec = votingPower(weightedGame(12, EEC));
    const votes = votingPower(
      weightedGame(
        12_000_000_000,
        EEC.map((w) => w * 1_000_000_000 + (w === 1 ? 7 : 0)),
      ),
    );
    expect(votes.players.map((p) => p.exact)).toEqual(eec.players.map((p) => p.exact));
    expect(() =>
      votingPower(
        weightedGame(
          12_000_000_000,
          EEC.map((w) => w * 1_000_000_000 + 1),
        ),
        { method: 'generating-functions' },
      ),
    ).toThrow(GameTooLargeError);
  });

  it('a game too large for exact power says so and suggests --approx', () => {
    const weights = Array.from({ length: 300 }, (_, i) => 2 + (i % 50));
    const game = weightedGame(4000, weights);
    const call = () => votingPower(game, { limits: { maxWork: 1e6 } });
    expect(call).toThrow(GameTooLargeError);
    expect(call).toThrow(/--approx/);
    expect(() => shapleyShubikPower(game, { limits: { maxWork: 1e6 } })).toThrow(GameTooLargeError);
    expect(() => banzhafPower(game, { arithmetic: 'float', limits: { maxBytes: 100 } })).toThrow(
      InvalidInputError,
    );
  });
});

describe('bad input names the argument', () => {
  const where = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      return (e as InvalidInputError).details.where;
    }
    return 'no error';
  };
  it.each([
    ['negative weight', () => weightedGame(3, [2, -1]), '--weights'],
    ['fractional weight', () => weightedGame(3, [2, 1.5]), '--weights'],
    ['no weights', () => weightedGame(3, []), '--weights'],
    ['quota zero', () => weightedGame(0, [2, 1]), '--quota'],
    ['quota negative', () => weightedGame(-1, [2, 1]), '--quota'],
    ['quota above total', () => weightedGame(4, [2, 1]), '--quota'],
    ['more names than weights', () => weightedGame(2, [2, 1], ['a', 'b', 'c']), '--names'],
    ['duplicate names', () => weightedGame(2, [2, 1], ['a', 'a']), '--names'],
    ['quota not a number', () => gameFromArgs({ quota: 'ten', weights: '1,2' }), '--quota'],
    ['weights not numbers', () => gameFromArgs({ quota: '2', weights: '1,x' }), '--weights'],
    ['union names unknown', () => parseUnions('A|Z', weightedGame(2, [1, 1], ['A', 'B'])), '--unions'],
    ['player in no union', () => parseUnions('A', weightedGame(2, [1, 1], ['A', 'B'])), '--unions'],
    ['player in two unions', () => parseUnions('A,B|B', weightedGame(2, [1, 1], ['A', 'B'])), '--unions'],
  ])('%s', (_, f, expected) => {
    expect(where(f)).toBe(expected);
  });

  it('parses CLI strings', () => {
    const g = gameFromArgs({ quota: '12', weights: '4, 4,4,2,2,1', names: EEC_NAMES.join(',') });
    expect(g.names).toEqual(EEC_NAMES);
    expect(parseUnions('France|Germany,Italy|Belgium,Netherlands,Luxembourg', g)).toEqual([
      [0],
      [1, 2],
      [3, 4, 5],
    ]);
  });
});

describe('Owen and Banzhaf-Owen values (hand-computed)', () => {
  it('[2; 1,1,1] with unions {A,B} {C}: the union of two dictates the quotient game', () => {
    const r = owen(weightedGame(2, [1, 1, 1], ['A', 'B', 'C']), [[0, 1], [2]]);
    expect(r.players.map((p) => p.exact.owen)).toEqual(['1/2', '1/2', '0/1']);
    expect(r.players.map((p) => p.exact.banzhafOwen)).toEqual(['1/2', '1/2', '0/1']);
  });

  it('[3; 2,1,1] with unions {B,C} {A}: A gets 1/2 (Shapley-Shubik would give 2/3)', () => {
    const game = weightedGame(3, [2, 1, 1], ['A', 'B', 'C']);
    const r = owen(game, [[1, 2], [0]]);
    expect(r.players.map((p) => p.exact.owen)).toEqual(['1/2', '1/4', '1/4']);
    expect(r.players.map((p) => p.exact.banzhafOwen)).toEqual(['1/2', '1/4', '1/4']);
    expect(r.players.map((p) => p.exact.banzhafOwenNormalised)).toEqual(['1/2', '1/4', '1/4']);
    expect(votingPower(game).players[0]!.exact.shapleyShubik).toBe('2/3');
    expect(r.unions).toEqual([['B', 'C'], ['A']]);
  });

  it('with singleton unions, or one union of all, Owen is Shapley-Shubik and Banzhaf-Owen is Banzhaf', () => {
    const game = weightedGame(12, EEC);
    const power = votingPower(game);
    const singles = owen(
      game,
      EEC.map((_, i) => [i]),
    );
    const grand = owen(game, [[0, 1, 2, 3, 4, 5]]);
    power.players.forEach((p, i) => {
      expect(singles.players[i]!.exact.owen).toBe(p.exact.shapleyShubik);
      expect(grand.players[i]!.exact.owen).toBe(p.exact.shapleyShubik);
      expect(singles.players[i]!.exact.banzhafOwen).toBe(p.exact.banzhafAbsolute);
      expect(grand.players[i]!.exact.banzhafOwen).toBe(p.exact.banzhafAbsolute);
    });
  });
});

describe('Monte Carlo', () => {
  const game = weightedGame(39, UNSC);
  const exact = votingPower(game);
  const approx = approximatePower(game, { samples: 40_000, seed: 7 });

  it('lands within 4 standard errors of the exact values', () => {
    approx.players.forEach((p, i) => {
      const e = exact.players[i]!;
      expect(Math.abs(p.shapleyShubik.value - e.shapleyShubik)).toBeLessThan(
        4 * p.shapleyShubik.standardError + 1e-9,
      );
      expect(Math.abs(p.banzhafAbsolute.value - e.banzhafAbsolute)).toBeLessThan(
        4 * p.banzhafAbsolute.standardError + 1e-9,
      );
      expect(Math.abs(p.banzhaf.value - e.banzhaf)).toBeLessThan(4 * p.banzhaf.standardError + 1e-9);
      expect(p.shapleyShubik.standardError).toBeGreaterThan(0);
    });
  });

  it('is reproducible from the seed and changes with it', () => {
    expect(approximatePower(game, { samples: 2000, seed: 7 })).toEqual(
      approximatePower(game, { samples: 2000, seed: 7 }),
    );
    expect(approximatePower(game, { samples: 2000, seed: 8 }).players[0]!.shapleyShubik.value).not.toBe(
      approximatePower(game, { samples: 2000, seed: 7 }).players[0]!.shapleyShubik.value,
    );
  });
});

describe('JSON shape', () => {
  it('prints counts as numbers, adds fractions with exact and Owen values with unions', () => {
    const game = weightedGame(12, EEC, EEC_NAMES);
    const unions = parseUnions('France|Germany,Italy|Belgium,Netherlands,Luxembourg', game);
    const json = powerJson(votingPower(game), { exact: true, owen: owen(game, unions) });
    expect(json.winningCoalitions).toBe(14);
    expect(json.players[0]).toMatchObject({
      name: 'France',
      weight: 4,
      swings: 10,
      exact: { banzhaf: '5/21' },
    });
    expect(typeof json.players[0]!.owen).toBe('number');
    expect(json.players[0]!.exact).toHaveProperty('owen');
    expect(powerJson(votingPower(game)).players[0]).not.toHaveProperty('exact');
    // Round-trips through JSON.stringify (no BigInt left).
    expect(() => JSON.stringify(json)).not.toThrow();
  });
});
