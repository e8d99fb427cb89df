import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeOn,
  addDays,
  dayOfWeek,
  fromDayNumber,
  isIsoDate,
  parseIsoDate,
  toDayNumber,
} from './dates.js';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-5-2')).toBe(false);
  });
  it('names the argument and the expected form in errors', () => {
    expect(() => parseIsoDate('02/05/2024', '--as-of')).toThrow(
      '--as-of: expected a date in the form YYYY-MM-DD, got "02/05/2024"',
    );
  });
  it('knows weekdays', () => {
    expect(dayOfWeek('2024-05-02')).toBe(4);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
  it('round-trips day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 100_000 }), (n) => toDayNumber(fromDayNumber(n)) === n),
    );
  });
  it('treats an end date as the day an office passed on', () => {
    expect(activeOn('2018-05-03', '2022-05-05', '2022-05-04')).toBe(true);
    expect(activeOn('2018-05-03', '2022-05-05', '2022-05-05')).toBe(false);
    expect(activeOn('2018-05-03', null, '2030-01-01')).toBe(true);
    expect(activeOn('2018-05-03', null, '2018-05-02')).toBe(false);
  });
});
