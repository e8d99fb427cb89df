/**
 * Argument checks shared by the timetable engine. Every failure is an InvalidInputError that names the
 * argument (`where`) and says what is accepted, so the CLI and API can pass the message straight through.
 */
import { type IsoDate, parseIsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { NATIONS, type Nation } from '../../domain/model.js';

/** Years the timetable holds data for (polling days, schedules, deadlines within their eras). */
export const SUPPORTED_YEARS = { min: 1995, max: 2050 } as const;

/** Validates a nation name: parseNation('wales', '--nation') === 'wales'. */
export function parseNation(value: unknown, where = 'nation'): Nation {
  if (typeof value === 'string' && (NATIONS as readonly string[]).includes(value)) return value as Nation;
  throw new InvalidInputError(`unknown nation "${String(value)}"; expected one of: ${NATIONS.join(', ')}`, {
    where,
    rule: 'nation',
  });
}

/** Validates a year inside the supported range (or a narrower one). */
export function checkYear(
  value: unknown,
  where = 'year',
  min: number = SUPPORTED_YEARS.min,
  max: number = SUPPORTED_YEARS.max,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidInputError(`expected a whole year such as 2024, got ${JSON.stringify(value)}`, {
      where,
      rule: 'year',
    });
  }
  if (value < min || value > max) {
    throw new InvalidInputError(`year ${value} is outside the data; accepted years are ${min}-${max}`, {
      where,
      rule: 'year-range',
    });
  }
  return value;
}

/** Validates an ISO date argument (real calendar day) whose year lies in the supported range. */
export function checkDate(
  value: unknown,
  where: string,
  min: number = SUPPORTED_YEARS.min,
  max: number = SUPPORTED_YEARS.max,
): IsoDate {
  if (typeof value !== 'string') {
    throw new InvalidInputError(`expected a date in the form YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      where,
      rule: 'date',
    });
  }
  const date = parseIsoDate(value, where);
  checkYear(Number(date.slice(0, 4)), where, min, max);
  return date;
}

export function checkPositiveInt(value: unknown, where: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidInputError(`expected a whole number from 1 to ${max}, got ${JSON.stringify(value)}`, {
      where,
      rule: 'positive-integer',
    });
  }
  return value;
}
