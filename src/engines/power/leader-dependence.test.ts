import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { leaderDependence } from './leader-dependence.engine.js';

describe('leader dependence', () => {
  it('finds the blocs heavier than the surplus and explains it', () => {
    const r = leaderDependence(
      [
        { name: 'Momentum', weight: 14 },
        { name: 'Unaligned', weight: 3 },
        { name: 'Soft left', weight: 1 },
      ],
      16,
    );
    expect(r.total).toBe(18);
    expect(r.surplus).toBe(2);
    expect(r.critical.map((b) => b.name)).toEqual(['Momentum', 'Unaligned']);
    expect(r.explanation).toContain('a surplus of 2');
    expect(r.explanation).toContain('relies on the votes of Momentum and Unaligned');
  });

  it('says when no bloc is critical, and when the coalition falls short', () => {
    const safe = leaderDependence(
      [
        { name: 'A', weight: 5 },
        { name: 'B', weight: 5 },
        { name: 'C', weight: 5 },
      ],
      9,
    );
    expect(safe.critical).toEqual([]);
    expect(safe.explanation).toContain('survives the loss of any one bloc');
    const short = leaderDependence([{ name: 'A', weight: 5 }], 9);
    expect(short.reachesQuota).toBe(false);
    expect(short.surplus).toBe(-4);
    expect(short.critical).toEqual([]);
    expect(short.explanation).toContain('4 short');
  });

  it('a bloc is critical exactly when the rest fall below the quota', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 200 }),
        (ws, quota) => {
          const blocs = ws.map((weight, i) => ({ name: `b${i}`, weight }));
          const r = leaderDependence(blocs, quota);
          const total = ws.reduce((a, b) => a + b, 0);
          for (const b of blocs) {
            const isCritical = r.critical.some((c) => c.name === b.name);
            expect(isCritical).toBe(total >= quota && total - b.weight < quota);
          }
        },
      ),
    );
  });

  it('rejects bad weights and quotas', () => {
    expect(() => leaderDependence([{ name: 'A', weight: -1 }], 3)).toThrow(InvalidInputError);
    expect(() => leaderDependence([{ name: 'A', weight: 2 }], 0)).toThrow(InvalidInputError);
    expect(() => leaderDependence([], 3)).toThrow(InvalidInputError);
  });
});
