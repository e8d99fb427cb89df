/**
 * Working-day arithmetic for election timetables. Each set of election rules says which days "shall be
 * disregarded" when counting: always Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday and the
 * bank holidays of the relevant part of the UK; some rules add more (Easter Monday in Scotland's timetables,
 * every part's bank holidays at a UK general election). A calendar here is plain data naming those choices.
 */
import { fromDayNumber, type IsoDate, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { BANK_HOLIDAY_YEARS, bankHolidays, type Division, easterSunday } from './bank-holidays.engine.js';

export interface WorkingCalendar {
  /** Whose bank holidays are disregarded; several for a UK general election (a holiday anywhere counts). */
  divisions: readonly Division[];
  /** Christmas Eve is disregarded by every UK election timetable. */
  christmasEve: boolean;
  /** Scottish timetables disregard Easter Monday though it is not a Scottish bank holiday. */
  easterMonday?: boolean;
}

interface Compiled {
  excluded: Set<number>;
  loaded: Set<number>;
  /** Day-number span of the years loaded so far (contiguous), so most lookups skip the year test. */
  lo: number;
  hi: number;
  spec: WorkingCalendar;
}

const compiled = new Map<string, Compiled>();

function keyOf(c: WorkingCalendar): string {
  return `${[...c.divisions].sort().join('+')}|${c.christmasEve ? 'ce' : ''}|${c.easterMonday ? 'em' : ''}`;
}

function load(c: Compiled, year: number): void {
  if (c.loaded.has(year)) return;
  if (year < BANK_HOLIDAY_YEARS.min || year > BANK_HOLIDAY_YEARS.max) {
    throw new InvalidInputError(
      `working days can be counted for ${BANK_HOLIDAY_YEARS.min}-${BANK_HOLIDAY_YEARS.max}, reached ${year}`,
      { where: 'date', rule: 'year-range' },
    );
  }
  c.loaded.add(year);
  for (const d of c.spec.divisions)
    for (const h of bankHolidays(d, year)) c.excluded.add(toDayNumber(h.date));
  const easter = toDayNumber(easterSunday(year));
  c.excluded.add(easter - 2);
  c.excluded.add(toDayNumber(`${year}-12-25`));
  if (c.spec.christmasEve) c.excluded.add(toDayNumber(`${year}-12-24`));
  if (c.spec.easterMonday) c.excluded.add(easter + 1);
}

function get(spec: WorkingCalendar): Compiled {
  const key = keyOf(spec);
  let c = compiled.get(key);
  if (!c) {
    c = { excluded: new Set(), loaded: new Set(), lo: 1, hi: 0, spec };
    compiled.set(key, c);
  }
  return c;
}

function ensure(c: Compiled, dn: number): void {
  if (dn >= c.lo && dn <= c.hi) return;
  const y = Number(fromDayNumber(dn).slice(0, 4));
  if (c.lo > c.hi) {
    load(c, y);
    c.lo = toDayNumber(`${y}-01-01`);
    c.hi = toDayNumber(`${y}-12-31`);
    return;
  }
  const loY = Number(fromDayNumber(c.lo).slice(0, 4));
  const hiY = Number(fromDayNumber(c.hi).slice(0, 4));
  for (let yy = Math.min(y, loY); yy <= Math.max(y, hiY); yy++) load(c, yy);
  c.lo = toDayNumber(`${Math.min(y, loY)}-01-01`);
  c.hi = toDayNumber(`${Math.max(y, hiY)}-12-31`);
}

function excludedDn(c: Compiled, dn: number): boolean {
  const dow = (((dn + 4) % 7) + 7) % 7;
  if (dow === 0 || dow === 6) return true;
  ensure(c, dn);
  return c.excluded.has(dn);
}

/** Whether a day counts as a working day under a calendar. */
export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  return !excludedDn(get(calendar), toDayNumber(date));
}

/**
 * The day `days` working days before `date` (the date itself is day 0):
 * workingDaysBefore('2024-05-02', 25, englandLocal) === '2024-03-26'.
 */
export function workingDaysBefore(date: IsoDate, days: number, calendar: WorkingCalendar): IsoDate {
  return fromDayNumber(stepWorkingDays(toDayNumber(date), -days, calendar));
}

/** The day `days` working days after `date`: the 25th working day after a dissolution is polling day. */
export function workingDaysAfter(date: IsoDate, days: number, calendar: WorkingCalendar): IsoDate {
  return fromDayNumber(stepWorkingDays(toDayNumber(date), days, calendar));
}

/** Day-number form of workingDaysBefore/After: negative `days` count backwards. */
export function stepWorkingDays(dn: number, days: number, calendar: WorkingCalendar): number {
  if (!Number.isInteger(days)) {
    throw new InvalidInputError(`expected a whole number of working days, got ${days}`, { where: 'days' });
  }
  const c = get(calendar);
  const step = days < 0 ? -1 : 1;
  let left = Math.abs(days);
  let d = dn;
  while (left > 0) {
    d += step;
    if (!excludedDn(c, d)) left--;
  }
  return d;
}
