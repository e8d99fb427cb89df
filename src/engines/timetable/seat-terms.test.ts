import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { compileCouncilSchedule, councilPolls, defaultCouncilSchedule } from './council-schedule.engine.js';
import {
  byElectionDecision,
  byElectionNeeded,
  type SeatInput,
  seatTerm,
  seatTerms,
} from './seat-terms.engine.js';

function whereOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).details.where as string;
  }
  expect.unreachable('expected an InvalidInputError');
}

const sheffield = compileCouncilSchedule({
  councilId: 'sheffield',
  nation: 'england',
  periods: [{ from: 2004, scheme: 'thirds' }],
  boundaryReviews: [2016],
});
const seat = (over: Partial<SeatInput>): SeatInput => ({
  postId: 'p1',
  councilId: 'sheffield',
  electedOn: '2016-05-05',
  ...over,
});

describe('seatTerm', () => {
  it('after an all-out poll, the rank decides the term; the 2020 poll ran to 2021-05-06', () => {
    expect(seatTerm(sheffield, seat({ rank: 1 }))).toMatchObject({
      termEnd: '2021-05-06',
      termEndDueYear: 2020,
      assumption: null,
    });
    expect(seatTerm(sheffield, seat({ rank: 2 })).termEnd).toBe('2019-05-02');
    expect(seatTerm(sheffield, seat({ rank: 3 })).termEnd).toBe('2018-05-03');
    const unknown = seatTerm(sheffield, seat({}));
    expect(unknown.termEnd).toBe('2018-05-03');
    expect(unknown.assumption).toMatch(/rank .* unknown/);
  });

  it('a seat filled at the postponed poll serves to the next poll of its place in the cycle', () => {
    expect(seatTerm(sheffield, seat({ electedOn: '2021-05-06' })).termEnd).toBe('2024-05-02');
    expect(seatTerm(sheffield, seat({ electedOn: '2022-05-05' })).termEnd).toBe('2026-05-07');
  });

  it('when two due years were polled together, the higher-ranked winner takes the later one', () => {
    const s = compileCouncilSchedule({
      councilId: 'x',
      nation: 'england',
      periods: [{ from: 2000, scheme: 'thirds', fallowYears: [2022] }],
    });
    const term = (rank?: number) =>
      seatTerm(s, { postId: 'p', councilId: 'x', electedOn: '2021-05-06', rank }).termEnd;
    expect([term(1), term(2)]).toEqual(['2025-05-01', '2024-05-02']);
    expect(
      seatTerm(s, { postId: 'p', councilId: 'x', electedOn: '2021-05-06', cycleYear: 2021 }).termEnd,
    ).toBe('2025-05-01');
    expect(seatTerm(s, { postId: 'p', councilId: 'x', electedOn: '2021-05-06' }).assumption).toMatch(
      /held together/,
    );
  });

  it('all-out councils in each nation', () => {
    const district = compileCouncilSchedule(
      defaultCouncilSchedule({ id: 'd', nation: 'england', councilType: 'NMD' }),
    );
    expect(
      seatTerm(district, { postId: 'p', councilId: 'd', electedOn: '2019-05-02', rank: 2 }).termEnd,
    ).toBe('2023-05-04');
    const wales = compileCouncilSchedule(defaultCouncilSchedule({ id: 'w', nation: 'wales' }));
    expect(seatTerm(wales, { postId: 'p', councilId: 'w', electedOn: '2017-05-04' }).termEnd).toBe(
      '2022-05-05',
    );
    const scot = compileCouncilSchedule(defaultCouncilSchedule({ id: 's', nation: 'scotland' }));
    expect(seatTerm(scot, { postId: 'p', councilId: 's', electedOn: '2012-05-03' }).termEnd).toBe(
      '2017-05-04',
    );
    const ni = compileCouncilSchedule(defaultCouncilSchedule({ id: 'n', nation: 'northern-ireland' }));
    expect(seatTerm(ni, { postId: 'p', councilId: 'n', electedOn: '2019-05-02' }).termEnd).toBe('2023-05-18');
    const byElection = seatTerm(district, {
      postId: 'p',
      councilId: 'd',
      electedOn: '2021-09-16',
      byElection: true,
    });
    expect(byElection).toMatchObject({ termEnd: '2023-05-04', assumption: null });
  });

  it('a by-election fills the rest of the vacated term', () => {
    const predecessor = seatTerm(sheffield, seat({ rank: 1 }));
    const by = seatTerm(
      sheffield,
      seat({ electedOn: '2017-09-14', byElection: true, vacatedTermEnd: predecessor.termEnd }),
    );
    expect(by).toMatchObject({ termEnd: '2021-05-06', assumption: null });
    expect(
      seatTerm(sheffield, seat({ electedOn: '2017-09-14', byElection: true, cycleYear: 2019 })).termEnd,
    ).toBe('2019-05-02');
    const guessed = seatTerm(sheffield, seat({ electedOn: '2017-09-14', byElection: true, seats: 3 }));
    expect(guessed.termEnd).toBe('2018-05-03');
    expect(guessed.assumption).toMatch(/vacatedTermEnd/);
  });

  it('follows a stale record to the next poll after asOf', () => {
    const t = seatTerm(sheffield, seat({ electedOn: '2019-05-02' }), '2025-06-01');
    expect(t.termEnd).toBe('2023-05-04');
    expect(t.nextPoll).toBe('2027-05-06');
    expect(seatTerm(sheffield, seat({ electedOn: '2019-05-02' }), '2023-05-04').nextPoll).toBe('2023-05-04');
  });

  it('never ends a term before the election nor later than a full cycle plus the 2020 postponement', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('thirds', 'halves', 'all-out') as fc.Arbitrary<'thirds' | 'halves' | 'all-out'>,
        fc.integer({ min: 2000, max: 2045 }),
        fc.integer({ min: 1, max: 3 }),
        (scheme, year, rank) => {
          const s = compileCouncilSchedule({
            councilId: 'c',
            nation: 'england',
            periods: [{ from: 1996, scheme }],
            boundaryReviews: [2008],
          });
          const polls = councilPolls(s, year, Math.min(year + 4, 2050));
          const poll = polls[0];
          if (!poll) return;
          const t = seatTerm(s, { postId: 'p', councilId: 'c', electedOn: poll.date, rank });
          expect(t.termEnd).not.toBeNull();
          const days = toDayNumber(t.termEnd!) - toDayNumber(poll.date);
          expect(days).toBeGreaterThan(0);
          expect(days).toBeLessThanOrEqual(5 * 366 + 31);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names the bad field', () => {
    expect(whereOf(() => seatTerm(sheffield, seat({ electedOn: '2017-09-14' })))).toBe('electedOn');
    expect(() => seatTerm(sheffield, seat({ electedOn: '2017-09-14' }))).toThrow(
      /nearest ordinary polls: 2016-05-05, 2018-05-03/,
    );
    expect(whereOf(() => seatTerm(sheffield, seat({ electedOn: '2021-02-30' })))).toBe('electedOn');
    expect(whereOf(() => seatTerm(sheffield, seat({ councilId: 'leeds' })))).toBe('councilId');
    expect(whereOf(() => seatTerm(sheffield, seat({ rank: 0 })))).toBe('rank');
    expect(
      whereOf(() =>
        seatTerm(
          sheffield,
          seat({ byElection: true, electedOn: '2017-09-14', vacatedTermEnd: '2020-05-07' }),
        ),
      ),
    ).toBe('vacatedTermEnd');
    expect(
      whereOf(() =>
        seatTerm(sheffield, seat({ byElection: true, electedOn: '2017-09-14', cycleYear: 2017 })),
      ),
    ).toBe('cycleYear');
    expect(whereOf(() => seatTerm(sheffield, seat({}), '2024-13-01'))).toBe('asOf');
    const schedules = new Map([['sheffield', sheffield]]);
    expect(whereOf(() => seatTerms([seat({}), seat({ electedOn: '2016-05-06' })], schedules))).toBe(
      'seats[1].electedOn',
    );
    expect(whereOf(() => seatTerms([seat({ councilId: 'nowhere' })], schedules))).toBe('seats[0].councilId');
  });
});

describe('byElectionNeeded', () => {
  it('leaves a vacancy within six months of the retirement day (four days after the poll) to the poll', () => {
    expect(byElectionDecision('2024-11-04', '2025-05-01')).toMatchObject({
      needed: true,
      retirementDay: '2025-05-05',
      sixMonthWindowFrom: '2024-11-05',
    });
    expect(byElectionNeeded('2024-11-05', '2025-05-01')).toBe(false);
    expect(byElectionNeeded('2025-04-30', '2025-05-01')).toBe(false);
    expect(byElectionNeeded('2023-06-01', '2025-05-01')).toBe(true);
  });

  it('holds a by-election anyway when over a third of the seats are vacant; never in Northern Ireland', () => {
    expect(byElectionNeeded('2025-03-01', '2025-05-01', { unfilledVacancies: 21, totalSeats: 60 })).toBe(
      true,
    );
    expect(byElectionNeeded('2025-03-01', '2025-05-01', { unfilledVacancies: 20, totalSeats: 60 })).toBe(
      false,
    );
    expect(byElectionNeeded('2021-03-01', '2023-05-18', { nation: 'northern-ireland' })).toBe(false);
  });

  it('rejects a vacancy after the term and impossible dates', () => {
    expect(whereOf(() => byElectionNeeded('2025-06-01', '2025-05-01'))).toBe('vacancyDate');
    expect(whereOf(() => byElectionNeeded('2025-01-01', '2025-02-29'))).toBe('termEnd');
  });
});
