import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates.js';
import { createRandom, normal } from '../../domain/random.js';
import { attributeSurge, type CountSeries, estimateShares, surgeScores } from './membership.engine.js';

/** Quarterly counts from 2019 to 2026 for `units` units; `bump(unit, q)` multiplies growth in quarter q. */
function series(units: number, bump: (unit: number, q: number) => number, seed = 1): CountSeries[] {
  const rng = createRandom(seed);
  return Array.from({ length: units }, (_, u) => {
    let count = 400 + 50 * u;
    const points = [];
    for (let q = 0; q < 32; q++) {
      count *= Math.exp(0.01 + 0.02 * normal(rng)) * bump(u, q);
      points.push({ date: addDays('2019-03-31', Math.round(q * 91.3)), count: Math.round(count) });
    }
    return { localPartyId: `lp${u}`, partyId: 'p', points };
  });
}

const asOf = '2026-11-25';

describe('surgeScores', () => {
  it('flags the one unit whose members jumped, and no other', () => {
    const s = surgeScores(
      series(12, (u, q) => (u === 3 && q === 30 ? 1.5 : 1)),
      { asOf },
    );
    expect(s.filter((x) => x.surge).map((x) => x.localPartyId)).toEqual(['lp3']);
    const hit = s.find((x) => x.localPartyId === 'lp3')!;
    expect(hit.z!).toBeGreaterThan(3.5);
    expect(hit.growth).toBeGreaterThan(0.4);
    expect(hit.since).not.toBeNull();
  });

  it('does not flag a rise that every unit of the party shared', () => {
    const s = surgeScores(
      series(12, (_u, q) => (q === 30 ? 1.5 : 1)),
      { asOf },
    );
    expect(s.some((x) => x.surge)).toBe(false);
    expect(s[0]!.nationalGrowth).toBeGreaterThan(0.4);
  });

  it('says when the history is too short to judge', () => {
    const short = series(5, () => 1).map((x) => ({ ...x, points: x.points.slice(-6) }));
    const s = surgeScores(short, { asOf });
    expect(s.every((x) => x.z === null && !x.surge && /history too short/.test(x.note!))).toBe(true);
  });

  it('ignores counts after the as-of day', () => {
    const data = series(8, (u, q) => (u === 0 && q === 31 ? 3 : 1));
    const last = data[0]!.points[31]!.date;
    expect(surgeScores(data, { asOf: last }).find((x) => x.localPartyId === 'lp0')!.surge).toBe(true);
    expect(surgeScores(data, { asOf: addDays(last, -1) }).find((x) => x.localPartyId === 'lp0')!.surge).toBe(
      false,
    );
  });
});

describe('faction shares', () => {
  it('shrinks selection evidence towards the national balance', () => {
    const s = estimateShares({ a: 0.4, b: 0.2 }, [{ factionId: 'a', weight: 2 }], 6);
    expect(s.a).toBeCloseTo(0.55, 10);
    expect(s.b).toBeCloseTo(0.15, 10);
    const none = estimateShares({ a: 0.4, b: 0.2 }, [], 6);
    expect(none.a).toBeCloseTo(0.4, 10);
    expect(none.b).toBeCloseTo(0.2, 10);
  });

  it('gives a surge its new members', () => {
    const s = attributeSurge({ a: 0.3, b: 0.3 }, 'b', Math.log(2));
    expect(s.a).toBeCloseTo(0.15, 10);
    expect(s.b).toBeCloseTo(0.65, 10);
  });
});
