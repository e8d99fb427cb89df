import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stvCount, topN } from './voting.engine.js';

describe('topN', () => {
  it('returns the highest totals, best first, breaking ties by the tiebreak', () => {
    expect(topN([10, 30, 20, 30], 2, [0, 0, 0, 1])).toEqual([3, 1]);
    expect(topN([5, 1], 5, [0, 0])).toEqual([0, 1]);
  });

  it('never returns a lower total ahead of a higher one', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 12 }), fc.nat(12), (votes, seats) => {
        const won = topN(
          votes,
          seats,
          votes.map(() => 0),
        );
        expect(won.length).toBe(Math.min(seats, votes.length));
        const lowest = Math.min(...won.map((i) => votes[i]!));
        const rest = votes.filter((_, i) => !won.includes(i));
        for (const v of rest) expect(v).toBeLessThanOrEqual(lowest);
      }),
    );
  });
});

describe('stvCount', () => {
  it('elects a candidate with a majority of first preferences to a single seat', () => {
    expect(stvCount([60, 25, 15], ['a', 'b', 'c'], 1).elected).toEqual([0]);
  });

  it('lets transfers within a party overturn a first-preference lead', () => {
    // b1 and b2 together outpoll a; once b2 is out, most of b2's votes go to b1.
    const result = stvCount([40, 35, 25], ['a', 'b', 'b'], 1);
    expect(result.elected).toEqual([1]);
    expect(result.rounds.length).toBeGreaterThan(1);
  });

  it('elects exactly as many as there are seats, each once, and anyone over the quota on first preferences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ votes: fc.nat(5000), group: fc.constantFrom('a', 'b', 'c', 'd') }), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.integer({ min: 1, max: 7 }),
        (cands, seats) => {
          const votes = cands.map((c) => c.votes);
          const { elected } = stvCount(
            votes,
            cands.map((c) => c.group),
            seats,
          );
          expect(elected.length).toBe(Math.min(seats, cands.length));
          expect(new Set(elected).size).toBe(elected.length);
          const total = votes.reduce((a, b) => a + b, 0);
          const quota = Math.floor(total / (seats + 1)) + 1;
          votes.forEach((v, i) => {
            if (v >= quota && total > 0) expect(elected).toContain(i);
          });
        },
      ),
    );
  });
});
