import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeOn } from '../../domain/dates.js';
import { type ControlSpans, controlTimeline, laterTie, type TieSpan } from './spans.engine.js';

const day = fc
  .integer({ min: 0, max: 40 })
  .map((n) => new Date(Date.UTC(2020, 0, 1 + n * 30)).toISOString().slice(0, 10));
const maybeDay = fc.option(day, { nil: null });
const person = fc.constantFrom('p1', 'p2', 'p3', 'p4');

const spans: fc.Arbitrary<ControlSpans> = fc.record({
  seats: fc.array(
    fc.record({
      personId: person,
      councilId: fc.constantFrom('c1', 'c2'),
      onBehalfOfId: fc.option(fc.constantFrom('lab', 'con'), { nil: null }),
      startDate: maybeDay,
      endDate: maybeDay,
    }),
    { maxLength: 8 },
  ),
  ties: fc.array(
    fc.record({
      personId: person,
      kind: fc.constantFrom('party' as const, 'faction' as const),
      organizationId: fc.constantFrom('lab', 'con', 'left', 'right'),
      startDate: maybeDay,
      endDate: maybeDay,
    }),
    { maxLength: 10 },
  ),
  posts: fc.array(
    fc.record({
      councilId: fc.constantFrom('c1', 'c2'),
      seats: fc.integer({ min: 1, max: 3 }),
      validFrom: maybeDay,
      validTo: maybeDay,
    }),
    { maxLength: 5 },
  ),
});

/** The same reading done the slow, obvious way: every membership held on the day, the later-begun first. */
function naive(s: ControlSpans, d: string) {
  const held = (t: TieSpan) => activeOn(t.startDate, t.endDate, d);
  const pick = (personId: string, kind: TieSpan['kind']) =>
    s.ties
      .filter((t) => t.personId === personId && t.kind === kind && held(t))
      .reduce<TieSpan | null>((best, t) => (best ? laterTie(best, t) : t), null);
  const totals = new Map<string, number>();
  for (const p of s.posts)
    if (activeOn(p.validFrom, p.validTo, d))
      totals.set(p.councilId, (totals.get(p.councilId) ?? 0) + p.seats);
  return {
    holdings: s.seats
      .filter((x) => activeOn(x.startDate, x.endDate, d))
      .map((x) => ({
        councilId: x.councilId,
        partyId: pick(x.personId, 'party')?.organizationId ?? x.onBehalfOfId,
        factionId: pick(x.personId, 'faction')?.organizationId ?? null,
      })),
    totals,
  };
}

describe('controlTimeline', () => {
  it('gives, on any day, the holdings and seats a direct reading of that day gives', () => {
    fc.assert(
      fc.property(spans, fc.array(day, { minLength: 1, maxLength: 4 }), (s, days) => {
        const timeline = controlTimeline(s);
        for (const d of days) expect(timeline.on(d)).toEqual(naive(s, d));
      }),
    );
  });

  it('counts the later-begun of two overlapping memberships, then the larger id, an unknown start as earliest', () => {
    const tie = (organizationId: string, startDate: string | null): TieSpan => ({
      personId: 'p',
      kind: 'party',
      organizationId,
      startDate,
      endDate: null,
    });
    expect(laterTie(tie('lab', '2020-01-01'), tie('con', '2021-01-01')).organizationId).toBe('con');
    expect(laterTie(tie('lab', '2021-01-01'), tie('con', null)).organizationId).toBe('lab');
    expect(laterTie(tie('con', '2021-01-01'), tie('lab', '2021-01-01')).organizationId).toBe('lab');
    const { holdings } = controlTimeline({
      seats: [{ personId: 'p', councilId: 'c', onBehalfOfId: 'green', startDate: null, endDate: null }],
      ties: [tie('lab', '2020-01-01'), tie('con', '2021-01-01')],
      posts: [],
    }).on('2020-06-01');
    expect(holdings).toEqual([{ councilId: 'c', partyId: 'lab', factionId: null }]);
  });

  it('falls back to the party elected for, and ends a span the day it ends', () => {
    const t = controlTimeline({
      seats: [
        {
          personId: 'p',
          councilId: 'c',
          onBehalfOfId: 'green',
          startDate: '2020-05-07',
          endDate: '2024-05-02',
        },
      ],
      ties: [],
      posts: [{ councilId: 'c', seats: 3, validFrom: '2020-05-07', validTo: null }],
    });
    expect(t.on('2024-05-01').holdings).toEqual([{ councilId: 'c', partyId: 'green', factionId: null }]);
    expect(t.on('2024-05-02').holdings).toEqual([]);
    expect(t.on('2020-05-06').totals.get('c')).toBeUndefined();
    expect(t.on('2024-05-02').totals.get('c')).toBe(3);
  });
});
