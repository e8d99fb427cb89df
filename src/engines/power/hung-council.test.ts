import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hungCouncil } from './hung-council.engine.js';

describe('hung councils', () => {
  const parties = [
    { name: 'Lab', seats: 28 },
    { name: 'Con', seats: 25 },
    { name: 'LD', seats: 7 },
    { name: 'Grn', seats: 3 },
  ];

  it('lists the minimal winning coalitions first, tightest first', () => {
    const r = hungCouncil(parties);
    expect(r.quota).toBe(32);
    expect(r.hung).toBe(true);
    expect(r.majorityParty).toBeNull();
    const minimal = r.coalitions.filter((c) => c.minimal).map((c) => c.parties.join('+'));
    expect(minimal).toEqual(['Con+LD', 'Lab+LD', 'Lab+Con']);
    expect(r.coalitions[0]).toEqual({
      parties: ['Con', 'LD'],
      seats: 32,
      surplus: 0,
      size: 2,
      minimal: true,
    });
    expect(r.coalitions.slice(3).every((c) => !c.minimal)).toBe(true);
    expect(r.minimalWinningCoalitions).toBe(3);
    // Greens are a dummy: never needed.
    expect(r.power.dummies).toEqual(['Grn']);
  });

  it('counts vacancies in the council size, and caps the list', () => {
    const r = hungCouncil(parties, { totalSeats: 66, maxCoalitions: 2 });
    expect(r.quota).toBe(34);
    expect(r.coalitions).toHaveLength(2);
    expect(r.truncated).toBe(true);
  });

  it('agrees with the power engine on the numbers of winning and minimal winning coalitions', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 9 })
          .filter((s) => s.some((x) => x > 0)),
        (seats) => {
          const r = hungCouncil(
            seats.map((s, i) => ({ name: `p${i}`, seats: s })),
            { maxCoalitions: 1000 },
          );
          expect(BigInt(r.winningCoalitions)).toBe(r.power.winningCoalitions);
          expect(BigInt(r.minimalWinningCoalitions)).toBe(r.power.minimalWinningCoalitions);
          for (const c of r.coalitions) {
            expect(c.seats).toBeGreaterThanOrEqual(r.quota);
            const weights = c.parties.map((p) => seats[Number(p.slice(1))]!);
            expect(c.minimal).toBe(weights.every((w) => c.seats - w < r.quota));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('names the majority party when there is one', () => {
    const r = hungCouncil([
      { name: 'Lab', seats: 40 },
      { name: 'Con', seats: 20 },
    ]);
    expect(r.hung).toBe(false);
    expect(r.majorityParty).toBe('Lab');
    expect(r.power.dictator).toBe('Lab');
  });
});
