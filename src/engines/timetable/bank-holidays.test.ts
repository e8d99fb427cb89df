import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, isoFromParts } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import {
  bankHolidays,
  DIVISIONS,
  type Division,
  divisionOf,
  easterSunday,
  isBankHoliday,
} from './bank-holidays.engine.js';

const GOV_UK = fileURLToPath(
  new URL('../../../../shared/data/timetable/uk-election-timetables_bank-holidays.json', import.meta.url),
);

describe('easterSunday', () => {
  it('matches published Easter dates', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2011)).toBe('2011-04-24');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const e = easterSunday(year);
        expect(dayOfWeek(e)).toBe(0);
        expect(e >= isoFromParts(year, 3, 22) && e <= isoFromParts(year, 4, 25)).toBe(true);
      }),
    );
  });
});

describe('bankHolidays rules', () => {
  it('maps nations to divisions', () => {
    expect(divisionOf('wales')).toBe('england-and-wales');
    expect(divisionOf('scotland')).toBe('scotland');
    expect(() => divisionOf('cornwall' as never)).toThrow(InvalidInputError);
  });

  it('keeps the national days of each division', () => {
    const dates = (d: Division, y: number) => bankHolidays(d, y).map((h) => h.date);
    expect(dates('scotland', 2024)).not.toContain('2024-04-01'); // no Easter Monday in Scotland
    expect(dates('england-and-wales', 2024)).toContain('2024-04-01');
    expect(dates('scotland', 2024)).toContain('2024-08-05'); // first Monday in August
    expect(dates('england-and-wales', 2024)).toContain('2024-08-26'); // last Monday in August
    expect(dates('northern-ireland', 2024)).toEqual(expect.arrayContaining(['2024-03-18', '2024-07-12']));
    expect(dates('scotland', 2024)).toContain('2024-12-02'); // St Andrew's Day substitute
  });

  it('gives substitute weekdays for weekend holidays, after any holiday already on the weekday', () => {
    const ew2021 = bankHolidays('england-and-wales', 2021).filter((h) => h.date >= '2021-12-01');
    expect(ew2021).toEqual([
      { date: '2021-12-27', title: 'Christmas Day', substitute: true },
      { date: '2021-12-28', title: 'Boxing Day', substitute: true },
    ]);
    const sc2017 = bankHolidays('scotland', 2017).filter((h) => h.date < '2017-02-01');
    expect(sc2017.map((h) => [h.date, h.title])).toEqual([
      ['2017-01-02', '2nd January'],
      ['2017-01-03', 'New Year’s Day'],
    ]);
  });

  it('applies the one-off changes before 2012 too', () => {
    for (const d of DIVISIONS) {
      expect(isBankHoliday(d, '1995-05-08')).toBe(true);
      expect(isBankHoliday(d, '1995-05-01')).toBe(false);
      expect(isBankHoliday(d, '1999-12-31')).toBe(true);
      expect(isBankHoliday(d, '2002-06-03') && isBankHoliday(d, '2002-06-04')).toBe(true);
      expect(isBankHoliday(d, '2002-05-27')).toBe(false);
      expect(isBankHoliday(d, '2011-04-29')).toBe(true);
    }
  });

  it('never puts a holiday at a weekend and never lists a day twice', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIVISIONS), fc.integer({ min: 1978, max: 2100 }), (d, year) => {
        const list = bankHolidays(d, year);
        for (const h of list) expect([0, 6]).not.toContain(dayOfWeek(h.date));
        expect(new Set(list.map((h) => h.date)).size).toBe(list.length);
      }),
    );
  });

  it('rejects an unknown division or a year outside the computed range', () => {
    expect(() => bankHolidays('wales' as Division, 2024)).toThrow(
      /division.*england-and-wales, scotland, northern-ireland/,
    );
    try {
      bankHolidays('scotland', 1970);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).details.where).toBe('year');
    }
  });
});

describe.skipIf(!existsSync(GOV_UK))(
  'bankHolidays against GOV.UK 2012-2028 (skipped: ../shared is absent)',
  () => {
    const data = existsSync(GOV_UK)
      ? (JSON.parse(readFileSync(GOV_UK, 'utf8')) as Record<string, { events: Array<{ date: string }> }>)
      : {};

    it.each(DIVISIONS)('%s: the same set of days, year by year', (division) => {
      const events = data[division]?.events ?? [];
      expect(events.length).toBeGreaterThan(100);
      for (let year = 2012; year <= 2028; year++) {
        const expected = events
          .map((e) => e.date)
          .filter((d) => d.startsWith(`${year}-`))
          .sort();
        expect({ year, days: bankHolidays(division, year).map((h) => h.date) }).toEqual({
          year,
          days: expected,
        });
      }
    });

    it.each(DIVISIONS)('%s: day by day, isBankHoliday agrees with GOV.UK', (division) => {
      const published = new Set((data[division]?.events ?? []).map((e) => e.date));
      let day = '2012-01-01';
      let checked = 0;
      while (day <= '2028-12-31') {
        if (isBankHoliday(division, day) !== published.has(day)) expect.fail(`${division} ${day}`);
        day = addDays(day, 1);
        checked++;
      }
      expect(checked).toBe(6210);
    });
  },
);
