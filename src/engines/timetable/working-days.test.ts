import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../../domain/dates.js';
import { DIVISIONS } from './bank-holidays.engine.js';
import {
  isWorkingDay,
  type WorkingCalendar,
  workingDaysAfter,
  workingDaysBefore,
} from './working-days.engine.js';

const ENGLAND: WorkingCalendar = { divisions: ['england-and-wales'], christmasEve: true };
const SCOTTISH_TIMETABLE: WorkingCalendar = {
  divisions: ['scotland'],
  christmasEve: true,
  easterMonday: true,
};
const UK: WorkingCalendar = { divisions: DIVISIONS, christmasEve: true };

describe('working days', () => {
  it('skips weekends, bank holidays and Christmas Eve', () => {
    expect(isWorkingDay('2024-12-24', ENGLAND)).toBe(false);
    expect(isWorkingDay('2024-12-23', ENGLAND)).toBe(true);
    expect(workingDaysBefore('2024-12-27', 1, ENGLAND)).toBe('2024-12-23');
    expect(workingDaysAfter('2024-12-23', 1, ENGLAND)).toBe('2024-12-27');
  });

  it('disregards Easter Monday in Scottish timetables only when asked', () => {
    expect(isWorkingDay('2022-04-18', { divisions: ['scotland'], christmasEve: true })).toBe(true);
    expect(isWorkingDay('2022-04-18', SCOTTISH_TIMETABLE)).toBe(false);
  });

  it('at a UK general election disregards a bank holiday in any part of the UK', () => {
    expect(isWorkingDay('2029-07-12', ENGLAND)).toBe(true);
    expect(isWorkingDay('2029-07-12', UK)).toBe(false); // Battle of the Boyne
    expect(isWorkingDay('2029-08-06', UK)).toBe(false); // Scottish summer holiday
  });

  it('counts across year ends', () => {
    expect(workingDaysBefore('2025-01-06', 5, ENGLAND)).toBe('2024-12-27');
  });

  it('before and after are inverse on working days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 60 }), (offset, n) => {
        let day = addDays('1996-01-01', offset);
        while (!isWorkingDay(day, UK)) day = addDays(day, 1);
        const back = workingDaysBefore(day, n, UK);
        expect(workingDaysAfter(back, n, UK)).toBe(day);
        expect([0, 6]).not.toContain(dayOfWeek(back));
      }),
      { numRuns: 200 },
    );
  });
});
