/** Durations such as `18m`, `2y`, `90d`, `6w`, and calendar-month arithmetic on ISO dates. */
import { addDays, daysInMonth, type IsoDate, isoFromParts } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';

export type DurationUnit = 'd' | 'w' | 'm' | 'y';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const DURATION = /^(\d{1,4})\s*([dwmy])$/i;

/** Parses a duration: parseDuration('18m', '--within') gives { amount: 18, unit: 'm' }. */
export function parseDuration(text: unknown, where = 'duration'): Duration {
  const m = typeof text === 'string' ? DURATION.exec(text.trim()) : null;
  if (!m) {
    throw new InvalidInputError(
      `expected a duration such as 18m, 2y, 90d or 6w (d days, w weeks, m months, y years), got ${JSON.stringify(text)}`,
      { where, rule: 'duration' },
    );
  }
  return { amount: Number(m[1]), unit: m[2]!.toLowerCase() as DurationUnit };
}

export function formatDuration(d: Duration): string {
  return `${d.amount}${d.unit}`;
}

/** Adds calendar months, clamping to the month's end: addMonths('2024-08-31', -6) === '2024-02-29'. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return isoFromParts(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Moves a date by a duration, forwards (sign 1) or backwards (sign -1). */
export function shiftDate(date: IsoDate, duration: Duration, sign: 1 | -1): IsoDate {
  switch (duration.unit) {
    case 'd':
      return addDays(date, sign * duration.amount);
    case 'w':
      return addDays(date, sign * duration.amount * 7);
    case 'm':
      return addMonths(date, sign * duration.amount);
    case 'y':
      return addMonths(date, sign * duration.amount * 12);
  }
}
