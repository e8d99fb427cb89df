import { InvalidInputError } from './errors.js';

/** An ISO calendar date, `YYYY-MM-DD`. Dates in Caucus are plain calendar days, never instants. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date in `YYYY-MM-DD` form ("2023-02-29" is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Validates a date argument or field, naming it in the error: parseIsoDate('2024-05-02', '--as-of'). */
export function parseIsoDate(s: string, where: string): IsoDate {
  const trimmed = s.trim();
  if (!isIsoDate(trimmed)) {
    throw new InvalidInputError(`expected a date in the form YYYY-MM-DD, got "${s}"`, {
      where,
      rule: 'date',
    });
  }
  return trimmed;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 for a date; the inverse of fromDayNumber. */
export function toDayNumber(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isoFromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether a membership or office is held on a day. An end date is the day it ended, when a successor
 * elected that day takes over, so the span is [start, end): activeOn('2018-05-03', '2022-05-05', '2022-05-05') is false.
 */
export function activeOn(
  start: IsoDate | null | undefined,
  end: IsoDate | null | undefined,
  day: IsoDate,
): boolean {
  return (!start || start <= day) && (!end || end > day);
}
