import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { councilPower } from './council-power.engine.js';
import { weightedGame } from './game.model.js';
import { votingPower } from './power.engine.js';

function value(s: string): [bigint, bigint] {
  const [a, b] = s.split('/');
  return [BigInt(a!), BigInt(b!)];
}
function sum(fracs: string[]): [bigint, bigint] {
  let n = 0n;
  let d = 1n;
  for (const f of fracs) {
    const [a, b] = value(f);
    n = n * b + a * d;
    d *= b;
  }
  return [n, d];
}

describe('council power', () => {
  const input = {
    groups: [
      {
        name: 'Lab',
        seats: 30,
        factions: [
          { name: 'left', seats: 13 },
          { name: 'right', seats: 12 },
          { name: 'unaligned', seats: 5 },
        ],
      },
      { name: 'Con', seats: 22 },
      { name: 'LD', seats: 8 },
      { name: 'Ind', seats: 3 },
    ],
  };
  const r = councilPower(input);

  it('solves the council game with groups as players', () => {
    expect(r.totalSeats).toBe(63);
    expect(r.quota).toBe(32);
    const direct = votingPower(weightedGame(32, [30, 22, 8, 3], ['Lab', 'Con', 'LD', 'Ind']));
    expect(r.council.players.map((p) => p.exact)).toEqual(direct.players.map((p) => p.exact));
  });

  it('solves each group with unaligned members as individuals', () => {
    expect(r.groups).toHaveLength(1);
    const lab = r.groups[0]!;
    expect(lab.quota).toBe(16);
    expect(lab.power.players.map((p) => p.name)).toEqual([
      'left',
      'right',
      'unaligned 1',
      'unaligned 2',
      'unaligned 3',
      'unaligned 4',
      'unaligned 5',
    ]);
    // Neither faction has 16 alone; each needs the other or 3-4 unaligned members.
    expect(lab.power.dictator).toBeNull();
  });

  it("splits each party's council power among its factions (Owen's quotient property)", () => {
    const two = r.twoLevel!;
    const labMembers = two.players.filter((p) => p.union === 0).map((p) => p.exact.owen);
    const [n, d] = sum(labMembers);
    const [a, b] = value(r.council.players[0]!.exact.shapleyShubik);
    expect(n * b).toBe(a * d);
    const [tn, td] = sum(two.players.map((p) => p.exact.owen));
    expect(tn).toBe(td);
    expect(two.players.find((p) => p.name === 'Lab/left')!.owen).toBeGreaterThan(
      two.players.find((p) => p.name === 'Lab/unaligned 1')!.owen,
    );
  });

  it('rejects factions that do not add up to the group', () => {
    expect(() =>
      councilPower({ groups: [{ name: 'Lab', seats: 10, factions: [{ name: 'left', seats: 4 }] }] }),
    ).toThrow(InvalidInputError);
  });
});
