import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOfWeek } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { NATIONS } from '../../domain/model.js';
import { effectivePollingDate, firstThursdayInMay, ordinaryPollingDay, pollingDays } from './polling-days.js';

function whereOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).details.where as string;
  }
  expect.unreachable('expected an InvalidInputError');
}

describe('firstThursdayInMay', () => {
  it('is a Thursday in the first week of May', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const d = firstThursdayInMay(year);
        expect(dayOfWeek(d)).toBe(4);
        expect(d.slice(0, 8)).toBe(`${year}-05-`);
        expect(Number(d.slice(8))).toBeLessThanOrEqual(7);
      }),
    );
  });
});

describe('ordinaryPollingDay', () => {
  it('holds the English exceptions', () => {
    expect(ordinaryPollingDay('england', 2001).date).toBe('2001-06-07');
    expect(ordinaryPollingDay('england', 2004).date).toBe('2004-06-10');
    expect(ordinaryPollingDay('england', 2009).date).toBe('2009-06-04');
    expect(ordinaryPollingDay('england', 2014).date).toBe('2014-05-22');
    expect(ordinaryPollingDay('england', 2020)).toEqual({
      year: 2020,
      date: null,
      note: 'postponed to 2021-05-06',
    });
    expect(ordinaryPollingDay('england', 2021)).toEqual({ year: 2021, date: '2021-05-06' });
    expect(ordinaryPollingDay('england', 2024)).toEqual({ year: 2024, date: '2024-05-02' });
  });

  it('holds the Scottish, Welsh and Northern Irish cycles', () => {
    expect(ordinaryPollingDay('scotland', 2012).date).toBe('2012-05-03');
    expect(ordinaryPollingDay('scotland', 2017).date).toBe('2017-05-04');
    expect(ordinaryPollingDay('scotland', 2022).date).toBe('2022-05-05');
    expect(ordinaryPollingDay('scotland', 2027).date).toBe('2027-05-06');
    expect(ordinaryPollingDay('scotland', 2032).date).toBe('2032-05-06');
    expect(ordinaryPollingDay('wales', 2012).date).toBe('2012-05-03');
    expect(ordinaryPollingDay('wales', 2004).date).toBe('2004-06-10');
    expect(ordinaryPollingDay('wales', 2022).date).toBe('2022-05-05');
    expect(ordinaryPollingDay('northern-ireland', 2014).date).toBe('2014-05-22');
    expect(ordinaryPollingDay('northern-ireland', 2019).date).toBe('2019-05-02');
    expect(ordinaryPollingDay('northern-ireland', 2023).date).toBe('2023-05-18');
    expect(ordinaryPollingDay('northern-ireland', 2027).date).toBe('2027-05-06');
  });

  it('says why a year has no poll', () => {
    const sc = ordinaryPollingDay('scotland', 2019);
    expect(sc.date).toBeNull();
    expect(sc.note).toContain('last elected on 2017-05-04');
    expect(sc.note).toContain('next ordinary poll 2022-05-05');
    expect(ordinaryPollingDay('northern-ireland', 2009).note).toMatch(/postponed to 2011-05-05/);
    expect(ordinaryPollingDay('wales', 2020).note).toMatch(/Welsh councils/);
  });

  it('puts every poll on a Thursday (but NI 1997, a Wednesday), and all-out nations at least three years apart', () => {
    for (const nation of NATIONS) {
      let last = -10;
      for (let y = 1995; y <= 2050; y++) {
        const { date } = ordinaryPollingDay(nation, y);
        if (!date) continue;
        expect(dayOfWeek(date)).toBe(date === '1997-05-21' ? 3 : 4);
        if (nation !== 'england') {
          expect(y - last).toBeGreaterThanOrEqual(3);
          last = y;
        }
      }
    }
  });

  it('rejects years outside 1995-2050 and unknown nations, naming the argument', () => {
    expect(whereOf(() => ordinaryPollingDay('england', 1994))).toBe('year');
    expect(whereOf(() => ordinaryPollingDay('england', 2051))).toBe('year');
    expect(whereOf(() => ordinaryPollingDay('england', 2024.5))).toBe('year');
    expect(whereOf(() => ordinaryPollingDay('cornwall' as never, 2024))).toBe('nation');
    expect(() => ordinaryPollingDay('cornwall' as never, 2024)).toThrow(
      /england, wales, scotland, northern-ireland/,
    );
  });
});

describe('pollingDays and effectivePollingDate', () => {
  it('lists a run of years', () => {
    const days = pollingDays('england', 2019, 2022);
    expect(days.map((d) => d.year)).toEqual([2019, 2020, 2021, 2022]);
    expect(days[1]).toEqual({ year: 2020, date: null, note: 'postponed to 2021-05-06' });
    expect(whereOf(() => pollingDays('england', 2022, 2019))).toBe('to');
    expect(whereOf(() => pollingDays('england', 1990, 2019))).toBe('from');
  });

  it('follows the 2020 postponement', () => {
    expect(effectivePollingDate('england', 2020)).toBe('2021-05-06');
    expect(effectivePollingDate('scotland', 2020)).toBeNull();
    expect(effectivePollingDate('wales', 2022)).toBe('2022-05-05');
  });
});
