import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import {
  type CouncilScheduleInput,
  compileCouncilSchedule,
  councilPolls,
  defaultCouncilSchedule,
  seatUpAt,
} from './council-schedule.engine.js';

function whereOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).details.where as string;
  }
  expect.unreachable('expected an InvalidInputError');
}

const METROPOLITAN: CouncilScheduleInput = {
  councilId: 'sheffield',
  nation: 'england',
  periods: [{ from: 2004, scheme: 'thirds' }],
  boundaryReviews: [{ year: 2016, note: 'new wards' }],
};

describe('councilPolls', () => {
  it('a thirds council: all-out on new wards, then one seat a year, fallow in county years, 2020 held in 2021', () => {
    const polls = councilPolls(compileCouncilSchedule(METROPOLITAN), 2015, 2025, [{ id: 'w', seats: 3 }]);
    expect(polls.map((p) => [p.date, p.kind, p.wards?.[0]?.seatNumbers])).toEqual([
      ['2015-05-07', 'partial', [2]],
      ['2016-05-05', 'all-out', [1, 2, 3]],
      ['2018-05-03', 'partial', [3]],
      ['2019-05-02', 'partial', [2]],
      ['2021-05-06', 'partial', [1]],
      ['2022-05-05', 'partial', [3]],
      ['2023-05-04', 'partial', [2]],
      ['2024-05-02', 'partial', [1]],
    ]);
    expect(polls[1]!.reasons[0]).toMatch(/boundary review/);
    expect(polls[4]!.dueYears).toEqual([2020]);
    expect(polls[4]!.reasons[0]).toMatch(/postponed to 2021-05-06/);
  });

  it('gives the top-ranked winner of an all-out poll the longest term (4, 3 and 1 years)', () => {
    const s = compileCouncilSchedule({ ...METROPOLITAN, boundaryReviews: [2023] });
    const polls = councilPolls(s, 2023, 2027, [{ id: 'w', seats: 3 }]);
    const upYear = (seat: number) =>
      polls
        .filter((p) => p.kind === 'partial' && p.wards?.[0]?.seatNumbers.includes(seat))
        .map((p) => p.date.slice(0, 4))[0];
    expect([upYear(1), upYear(2), upYear(3)]).toEqual(['2027', '2026', '2024']);
  });

  it("'all-full-term' makes every seat of the all-out poll serve four years", () => {
    const s = compileCouncilSchedule({ ...METROPOLITAN, allOutTermRule: 'all-full-term' });
    const polls = councilPolls(s, 2016, 2025);
    expect(polls.map((p) => [p.date, p.kind])).toEqual([
      ['2016-05-05', 'all-out'],
      ['2021-05-06', 'all-out'],
      ['2024-05-02', 'all-out'],
    ]);
  });

  it('a change of scheme from thirds to all-out every four years (Birmingham, 2018)', () => {
    const s = compileCouncilSchedule({
      councilId: 'birmingham',
      nation: 'england',
      periods: [
        { from: 2004, scheme: 'thirds' },
        { from: 2018, scheme: 'all-out' },
      ],
    });
    expect(councilPolls(s, 2014, 2030).map((p) => [p.date, p.kind])).toEqual([
      ['2014-05-22', 'partial'],
      ['2015-05-07', 'partial'],
      ['2016-05-05', 'partial'],
      ['2018-05-03', 'all-out'],
      ['2022-05-05', 'all-out'],
      ['2026-05-07', 'all-out'],
      ['2030-05-02', 'all-out'],
    ]);
  });

  it('a county on its own postponed date, and halves in even years', () => {
    const county = compileCouncilSchedule({
      councilId: 'essex',
      nation: 'england',
      periods: [{ from: 1997, scheme: 'all-out', anchorYear: 2017 }],
      pollDates: { 2025: '2026-05-07' },
    });
    expect(councilPolls(county, 2005, 2030).map((p) => p.date)).toEqual([
      '2005-05-05',
      '2009-06-04',
      '2013-05-02',
      '2017-05-04',
      '2021-05-06',
      '2026-05-07',
      '2029-05-03',
    ]);
    const halves = compileCouncilSchedule({
      councilId: 'h',
      nation: 'england',
      periods: [{ from: 2000, scheme: 'halves' }],
    });
    const polls = councilPolls(halves, 2022, 2026, [{ id: 'w', seats: 2 }]);
    expect(polls.map((p) => [p.date.slice(0, 4), p.wards?.[0]?.seatsUp])).toEqual([
      ['2022', 1],
      ['2024', 1],
      ['2026', 1],
    ]);
    expect(polls[0]!.wards?.[0]?.seatNumbers).not.toEqual(polls[1]!.wards?.[0]?.seatNumbers);
  });

  it('follows the national cycle outside England', () => {
    const s = compileCouncilSchedule(
      defaultCouncilSchedule({ id: 'glasgow', nation: 'scotland', councilType: 'SCO' }),
    );
    expect(councilPolls(s, 2010, 2032).map((p) => p.date)).toEqual([
      '2012-05-03',
      '2017-05-04',
      '2022-05-05',
      '2027-05-06',
      '2032-05-06',
    ]);
    const ni = compileCouncilSchedule(defaultCouncilSchedule({ id: 'belfast', nation: 'northern-ireland' }));
    expect(councilPolls(ni, 2014, 2027).map((p) => p.date)).toEqual([
      '2014-05-22',
      '2019-05-02',
      '2023-05-18',
      '2027-05-06',
    ]);
  });

  it('lists only the wards valid on each polling day, and uses recorded cycle years', () => {
    const s = compileCouncilSchedule(METROPOLITAN);
    const wards = [
      { id: 'old', seats: 3, validTo: '2016-05-05' },
      { id: 'new', seats: 3, validFrom: '2016-05-05' },
      { id: 'single', seats: 1, validFrom: '2016-05-05', cycleYears: [2022] },
    ];
    const polls = councilPolls(s, 2015, 2022, wards);
    expect(polls[0]!.wards!.map((w) => w.wardId)).toEqual(['old']);
    expect(polls[1]!.wards!.map((w) => w.wardId)).toEqual(['new', 'single']);
    const single = polls.map((p) => [
      p.date.slice(0, 4),
      p.wards!.find((w) => w.wardId === 'single')?.seatsUp,
    ]);
    expect(single).toEqual([
      ['2015', undefined],
      ['2016', 1],
      ['2018', 1],
      ['2019', 0],
      ['2021', 0],
      ['2022', 1],
    ]);
  });

  it('in a thirds council each seat of a three-seat ward comes up once in every cycle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 1998, max: 2040 }), { nil: undefined }),
        (fallow, review) => {
          const s = compileCouncilSchedule({
            councilId: 'c',
            nation: 'england',
            periods: [{ from: 1996, scheme: 'thirds', fallowYears: [2000 + fallow] }],
            boundaryReviews: review ? [review] : [],
          });
          const last = new Map<number, number>();
          for (let i = 0; i < s.polls.length; i++) {
            const p = s.polls[i]!;
            const seats = [1, 2, 3].filter((n) => seatUpAt(s, i, n));
            expect(seats.length).toBe(p.kind === 'partial' ? 1 : 3);
            for (const n of seats) {
              const prev = last.get(n);
              if (prev !== undefined) expect(p.dueYear - prev).toBeLessThanOrEqual(4);
              last.set(n, p.dueYear);
            }
          }
          // The merged 2021-05-06 poll has the seats of both due years when 2021 is not fallow.
          const merged = councilPolls(s, 2021, 2021, [{ id: 'w', seats: 3 }])[0];
          if (merged?.kind === 'partial') expect(merged.wards![0]!.seatsUp).toBe(merged.dueYears.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('compileCouncilSchedule errors name the field', () => {
  it('rejects bad schedules', () => {
    expect(whereOf(() => compileCouncilSchedule({ ...METROPOLITAN, councilId: '' }))).toBe('councilId');
    expect(whereOf(() => compileCouncilSchedule({ ...METROPOLITAN, nation: 'mercia' as never }))).toBe(
      'nation',
    );
    expect(whereOf(() => compileCouncilSchedule({ ...METROPOLITAN, periods: [] }))).toBe('periods');
    expect(whereOf(() => compileCouncilSchedule({ ...METROPOLITAN, nation: 'scotland' }))).toBe(
      'periods[0].scheme',
    );
    expect(
      whereOf(() =>
        compileCouncilSchedule({
          ...METROPOLITAN,
          periods: [{ from: 2004, scheme: 'halves', fallowYears: [2021, 2022] }],
        }),
      ),
    ).toBe('periods[0].fallowYears');
    expect(
      whereOf(() =>
        compileCouncilSchedule({
          ...METROPOLITAN,
          periods: [
            { from: 2010, scheme: 'thirds' },
            { from: 2008, scheme: 'all-out' },
          ],
        }),
      ),
    ).toBe('periods[1].from');
    expect(
      whereOf(() =>
        compileCouncilSchedule({ ...METROPOLITAN, periods: [{ from: '2004-02-30', scheme: 'thirds' }] }),
      ),
    ).toBe('periods[0].from');
    expect(
      whereOf(() => compileCouncilSchedule({ ...METROPOLITAN, allOutTermRule: 'lottery' as never })),
    ).toBe('allOutTermRule');
    expect(
      whereOf(() => compileCouncilSchedule({ ...METROPOLITAN, pollDates: { 2024: '2029-05-03' } })),
    ).toBe('pollDates.2024');
    expect(whereOf(() => compileCouncilSchedule({ ...METROPOLITAN, boundaryReviews: [1066] }))).toBe(
      'boundaryReviews[0]',
    );
    const s = compileCouncilSchedule(METROPOLITAN);
    expect(whereOf(() => councilPolls(s, 2020, 2019))).toBe('to');
    expect(whereOf(() => councilPolls(s, 2020, 2022, [{ id: 'w', seats: 0 }]))).toBe('wards[0].seats');
  });

  it('a scheme dated mid-year starts with the next poll', () => {
    const s = compileCouncilSchedule({
      councilId: 'c',
      nation: 'england',
      periods: [
        { from: 2000, scheme: 'thirds' },
        { from: '2017-06-01', scheme: 'all-out' },
      ],
    });
    expect(councilPolls(s, 2016, 2019).map((p) => [p.date, p.kind])).toEqual([
      ['2016-05-05', 'partial'],
      ['2018-05-03', 'all-out'],
    ]);
  });
});
