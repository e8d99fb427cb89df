import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlOfAll, councilControl, majorityThreshold } from './control.engine.js';

const h = (partyId: string | null, factionId: string | null = null) => ({
  councilId: 'X',
  partyId,
  factionId,
});

describe('council control', () => {
  it('needs more than half of all seats, vacancies included', () => {
    expect(majorityThreshold(51)).toBe(26);
    expect(majorityThreshold(50)).toBe(26);
    const holdings = [...Array(26)].map(() => h('lab')).concat([...Array(23)].map(() => h('con')));
    expect(councilControl('X', 51, holdings)).toMatchObject({
      status: 'majority',
      majorityParty: 'lab',
      filledSeats: 49,
    });
    expect(councilControl('X', 52, holdings)).toMatchObject({ status: 'no-overall-control' });
    expect(councilControl('X', 53, holdings)).toMatchObject({
      status: 'no-overall-control',
      majorityParty: null,
    });
    expect(councilControl('X', 50, holdings)).toMatchObject({ status: 'majority', majorityParty: 'lab' });
  });

  it('finds the faction that controls a majority group', () => {
    const holdings = [
      ...[...Array(14)].map(() => h('lab', 'left')),
      ...[...Array(10)].map(() => h('lab', 'moderate')),
      ...[...Array(6)].map(() => h('lab', null)),
      ...[...Array(20)].map(() => h('con', 'c1')),
    ];
    const c = councilControl('X', 61, holdings);
    expect(c.majorityParty).toBeNull();
    const lab = c.groups.find((g) => g.partyId === 'lab')!;
    expect(lab.seats).toBe(30);
    expect(lab.controllingFaction).toBeNull(); // 14 of 30 is not a majority
    expect(c.groups.find((g) => g.partyId === 'con')!.controllingFaction).toBe('c1');
    const more = councilControl('X', 50, [
      ...holdings.slice(0, 24),
      ...[...Array(2)].map(() => h('lab', 'left')),
    ]);
    expect(more.groups[0]!.controllingFaction).toBe('left');
    expect(more.controllingFaction).toBe('left');
  });

  it('never lets independents form a majority party', () => {
    const c = councilControl(
      'X',
      10,
      [...Array(8)].map(() => h(null)),
    );
    expect(c.status).toBe('no-overall-control');
  });

  it('agrees with a direct count on random councils', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 80 }),
        fc.integer({ min: 0, max: 20 }),
        (parties, vacant) => {
          const total = parties.length + vacant;
          const [c] = controlOfAll(
            [{ id: 'X', totalSeats: total }],
            parties.map((p) => h(p)),
          );
          const counts = new Map<string, number>();
          for (const p of parties) counts.set(p, (counts.get(p) ?? 0) + 1);
          const winner = [...counts].find(([, n]) => n > total / 2)?.[0] ?? null;
          expect(c!.majorityParty).toBe(winner);
          expect(c!.groups.reduce((n, g) => n + g.seats, 0)).toBe(parties.length);
        },
      ),
    );
  });
});
