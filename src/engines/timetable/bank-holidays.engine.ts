/**
 * UK bank holidays, computed: Easter by the Gregorian computus, the Monday holidays by rule, the fixed-date
 * holidays with substitute weekdays when they fall at a weekend, then the one-off changes in
 * bank-holidays.data.ts. GOV.UK calls Good Friday and Christmas Day bank holidays too (they are common-law
 * holidays in England and Wales); so do we, because every election rule excludes them anyway.
 */
import { dayOfWeek, fromDayNumber, type IsoDate, isoFromParts, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Nation } from '../../domain/model.js';
import { BANK_HOLIDAY_CHANGES, DIVISIONS, type Division } from './bank-holidays.data.js';
import { parseNation } from './inputs.validator.js';

export { DIVISIONS, type Division } from './bank-holidays.data.js';

export interface BankHoliday {
  date: IsoDate;
  title: string;
  /** The weekday that replaces a holiday falling at a weekend. */
  substitute?: true;
  /** Moved or added for that year only (bank-holidays.data.ts). */
  oneOff?: true;
}

/** The early May holiday began in 1978; earlier years follow other rules, so they are not computed. */
export const BANK_HOLIDAY_YEARS = { min: 1978, max: 2100 } as const;
/** St Andrew's Day became a Scottish bank holiday under the St Andrew's Day Bank Holiday (Scotland) Act 2007. */
const ST_ANDREWS_FIRST_YEAR = 2007;

/** The division whose calendar applies in a nation: divisionOf('wales') === 'england-and-wales'. */
export function divisionOf(nation: Nation): Division {
  const n = parseNation(nation);
  return n === 'england' || n === 'wales' ? 'england-and-wales' : n;
}

export function parseDivision(value: unknown, where = 'division'): Division {
  if (typeof value === 'string' && (DIVISIONS as readonly string[]).includes(value)) return value as Division;
  throw new InvalidInputError(
    `unknown division "${String(value)}"; expected one of: ${DIVISIONS.join(', ')}`,
    {
      where,
      rule: 'division',
    },
  );
}

/** Easter Sunday by the anonymous Gregorian computus: easterSunday(2024) === '2024-03-31'. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return isoFromParts(year, Math.floor(n / 31), (n % 31) + 1);
}

function firstMonday(year: number, month: number): number {
  const first = toDayNumber(isoFromParts(year, month, 1));
  return first + ((8 - dayOfWeek(fromDayNumber(first))) % 7);
}

function lastMonday(year: number, month: number): number {
  const nextFirst = toDayNumber(
    month === 12 ? isoFromParts(year + 1, 1, 1) : isoFromParts(year, month + 1, 1),
  );
  const last = nextFirst - 1;
  return last - ((dayOfWeek(fromDayNumber(last)) + 6) % 7);
}

const isWeekend = (dn: number): boolean => {
  const dow = (((dn + 4) % 7) + 7) % 7;
  return dow === 0 || dow === 6;
};

interface Draft {
  dn: number;
  title: string;
  substitute?: true;
  oneOff?: true;
}

function compute(division: Division, year: number): BankHoliday[] {
  const fixed: Array<{ month: number; day: number; title: string }> = [
    { month: 1, day: 1, title: 'New Year’s Day' },
  ];
  if (division === 'scotland') fixed.push({ month: 1, day: 2, title: '2nd January' });
  if (division === 'northern-ireland') {
    fixed.push({ month: 3, day: 17, title: 'St Patrick’s Day' });
    fixed.push({ month: 7, day: 12, title: 'Battle of the Boyne (Orangemen’s Day)' });
  }
  if (division === 'scotland' && year >= ST_ANDREWS_FIRST_YEAR)
    fixed.push({ month: 11, day: 30, title: 'St Andrew’s Day' });
  fixed.push({ month: 12, day: 25, title: 'Christmas Day' }, { month: 12, day: 26, title: 'Boxing Day' });

  const easter = toDayNumber(easterSunday(year));
  const days: Draft[] = [
    { dn: easter - 2, title: 'Good Friday' },
    { dn: firstMonday(year, 5), title: 'Early May bank holiday' },
    { dn: lastMonday(year, 5), title: 'Spring bank holiday' },
    {
      dn: division === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8),
      title: 'Summer bank holiday',
    },
  ];
  if (division !== 'scotland') days.push({ dn: easter + 1, title: 'Easter Monday' });

  // Fixed dates on weekdays keep their day; those at a weekend then take the next weekday not already a
  // holiday, in date order. This is how Christmas on a Sunday ends up on the 27th, after Boxing Day.
  const taken = new Set(days.map((d) => d.dn));
  const weekend: Array<{ dn: number; title: string }> = [];
  for (const f of fixed) {
    const dn = toDayNumber(isoFromParts(year, f.month, f.day));
    if (isWeekend(dn)) weekend.push({ dn, title: f.title });
    else {
      days.push({ dn, title: f.title });
      taken.add(dn);
    }
  }
  for (const w of weekend.sort((a, b) => a.dn - b.dn)) {
    let dn = w.dn + 1;
    while (isWeekend(dn) || taken.has(dn)) dn++;
    days.push({ dn, title: w.title, substitute: true });
    taken.add(dn);
  }

  for (const change of BANK_HOLIDAY_CHANGES) {
    if (!change.divisions.includes(division)) continue;
    if (change.kind === 'move') {
      if (Number(change.from.slice(0, 4)) !== year) continue;
      const from = toDayNumber(change.from);
      const hit = days.find((d) => d.dn === from);
      if (hit) {
        hit.dn = toDayNumber(change.to);
        hit.title = change.title;
        hit.oneOff = true;
      }
    } else if (Number(change.date.slice(0, 4)) === year) {
      days.push({ dn: toDayNumber(change.date), title: change.title, oneOff: true });
    }
  }

  return days
    .sort((a, b) => a.dn - b.dn)
    .map((d) => {
      const h: BankHoliday = { date: fromDayNumber(d.dn), title: d.title };
      if (d.substitute) h.substitute = true;
      if (d.oneOff) h.oneOff = true;
      return h;
    });
}

const cache = new Map<string, readonly BankHoliday[]>();

/** The bank holidays of a division in a year, in date order: bankHolidays('scotland', 2024). */
export function bankHolidays(division: Division, year: number): readonly BankHoliday[] {
  const d = parseDivision(division);
  if (!Number.isInteger(year) || year < BANK_HOLIDAY_YEARS.min || year > BANK_HOLIDAY_YEARS.max) {
    throw new InvalidInputError(
      `bank holidays are computed for ${BANK_HOLIDAY_YEARS.min}-${BANK_HOLIDAY_YEARS.max}, got ${JSON.stringify(year)}`,
      { where: 'year', rule: 'year-range' },
    );
  }
  const key = `${d}:${year}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = Object.freeze(compute(d, year));
    cache.set(key, hit);
  }
  return hit;
}

/** Whether a day is a bank holiday in a division: isBankHoliday('northern-ireland', '2024-07-12') === true. */
export function isBankHoliday(division: Division, date: IsoDate): boolean {
  return bankHolidays(division, Number(date.slice(0, 4))).some((h) => h.date === date);
}
