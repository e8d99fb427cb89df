import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import {
  type ControlPosition,
  distanceToControl,
  earliestControl,
  type UpcomingPoll,
} from './distance-to-control.engine.js';

const position: ControlPosition = {
  faction: 'left',
  party: 'lab',
  groupSeats: { left: 12, right: 14, unaligned: 4 },
  councilSeats: { lab: 30, con: 25, ld: 5 },
};

describe('distance to control', () => {
  it('counts the fewest gains for the group and for the council', () => {
    const r = distanceToControl(position);
    // Group of 30: left needs 16, so 4 deselections (each one also costs another faction a seat).
    expect(r.toControlGroup).toEqual({ total: 4, deselections: 4, wins: 0 });
    // Council of 60: lab needs 31, so one win; then left needs 16 of 31: 3 deselections plus the win.
    expect(r.toControlCouncil).toEqual({ total: 4, deselections: 3, wins: 1 });
    expect(r.controlsGroup).toBe(false);
    expect(r.explanation).toContain('12 of lab');
  });

  it('is zero when the faction already controls', () => {
    const r = distanceToControl({
      ...position,
      groupSeats: { left: 20, right: 10 },
      councilSeats: { lab: 30, con: 20 },
    });
    expect(r.controlsGroup).toBe(true);
    expect(r.controlsCouncil).toBe(true);
    expect(r.toControlCouncil.total).toBe(0);
  });

  it('is the true minimum (checked against every combination of gains)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 5 }),
        (F, otherFactions, otherParties, vacancies) => {
          const G = F + otherFactions;
          if (G + otherParties === 0) return;
          const r = distanceToControl({
            faction: 'f',
            party: 'p',
            groupSeats: { f: F, g: otherFactions },
            councilSeats: { p: G, q: otherParties },
            totalSeats: G + otherParties + vacancies,
          });
          const C = G + otherParties + vacancies;
          let bestGroup = Number.POSITIVE_INFINITY;
          let bestCouncil = Number.POSITIVE_INFINITY;
          for (let d = 0; d <= otherFactions; d++) {
            for (let w = 0; w <= otherParties + vacancies; w++) {
              const f = F + d + w;
              const g = G + w;
              if (2 * f > g) {
                bestGroup = Math.min(bestGroup, d + w);
                if (2 * g > C) bestCouncil = Math.min(bestCouncil, d + w);
              }
            }
          }
          expect(r.toControlGroup.total).toBe(bestGroup);
          expect(r.toControlCouncil.total).toBe(bestCouncil);
          const check = (x: { deselections: number; wins: number }, council: boolean) => {
            const f = F + x.deselections + x.wins;
            const g = G + x.wins;
            expect(2 * f).toBeGreaterThan(g);
            if (council) expect(2 * g).toBeGreaterThan(C);
          };
          check(r.toControlGroup, false);
          check(r.toControlCouncil, true);
        },
      ),
    );
  });

  it('rejects a group that does not match the council', () => {
    expect(() => distanceToControl({ ...position, councilSeats: { lab: 29, con: 25 } })).toThrow(
      InvalidInputError,
    );
    expect(() => distanceToControl({ ...position, groupSeats: { left: -1, right: 31 } })).toThrow(
      InvalidInputError,
    );
  });
});

describe('earliest pathway to control', () => {
  const seat = (id: string, party: string | null, faction: string | null = null) => ({
    seat: id,
    party,
    faction,
  });
  const polls: UpcomingPoll[] = [
    {
      id: 'local.2026',
      date: '2026-05-07',
      seats: [
        seat('w1-1', 'lab', 'right'),
        seat('w1-2', 'lab', 'left'),
        seat('w2-1', 'con'),
        seat('w3-1', 'lab', 'right'),
      ],
    },
    {
      id: 'local.2027',
      date: '2027-05-06',
      seats: [seat('w4-1', 'lab', 'unaligned'), seat('w5-1', 'lab', 'right'), seat('w6-1', 'ld')],
    },
    {
      id: 'local.2028',
      date: '2028-05-04',
      seats: [seat('w7-1', 'lab', 'right'), seat('w1-1', 'lab', 'right')],
    },
  ];

  it('finds the first poll by which enough seats come up, with the seats to take', () => {
    const r = earliestControl(position, polls, 'council');
    // Needs 3 deselections and 1 win: 2026 offers 2 deselections and 1 win; 2027 adds 2 more deselections.
    expect(r.possible).toBe(true);
    expect(r.byPoll).toEqual({ id: 'local.2027', date: '2027-05-06' });
    expect(r.gains).toEqual({ total: 4, deselections: 3, wins: 1 });
    expect(r.steps).toEqual([
      {
        poll: 'local.2026',
        date: '2026-05-07',
        deselections: [
          { seat: 'w1-1', from: 'right' },
          { seat: 'w3-1', from: 'right' },
        ],
        wins: [{ seat: 'w2-1', from: 'con' }],
      },
      {
        poll: 'local.2027',
        date: '2027-05-06',
        deselections: [{ seat: 'w4-1', from: 'unaligned' }],
        wins: [],
      },
    ]);
    expect(r.explanation).toContain('local.2027');
  });

  it('trades deselections for wins when few deselectable seats come up', () => {
    // Group control takes 4 deselections; with only 2 deselectable seats up, left needs 3 wins besides.
    const poll: UpcomingPoll = {
      id: 'local.2026',
      seats: [
        seat('a', 'lab', 'right'),
        seat('b', 'lab', null),
        seat('c', 'con'),
        seat('d', 'con'),
        seat('e', 'ld'),
      ],
    };
    const r = earliestControl(position, [poll], 'group');
    expect(r.gains).toEqual({ total: 5, deselections: 2, wins: 3 });
    expect(r.steps[0]!.deselections.map((x) => x.seat)).toEqual(['a', 'b']);
    expect(r.steps[0]!.wins.map((x) => x.seat)).toEqual(['c', 'd', 'e']);
    expect(r.byPoll).toEqual({ id: 'local.2026' });
  });

  it('says when the polls given are not enough, and counts a seat up twice once', () => {
    const r = earliestControl(position, [polls[2]!, polls[2]!], 'council');
    expect(r.possible).toBe(false);
    expect(r.explanation).toContain('Not enough seats');
  });

  it('needs no poll when the faction already controls', () => {
    const r = earliestControl({ ...position, groupSeats: { left: 16, right: 14 } }, polls, 'group');
    expect(r.already).toBe(true);
    expect(r.steps).toEqual([]);
  });
});
