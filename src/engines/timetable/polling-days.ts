/**
 * Ordinary local polling days by nation and year. England votes every year (each council on its own cycle);
 * Scotland, Wales and Northern Ireland elect all their councils on one national day. Data: polling-days.data.ts.
 */
import { dayOfWeek, type IsoDate, isoFromParts } from '../../domain/dates.js';
import type { Nation } from '../../domain/model.js';
import { checkYear, parseNation, SUPPORTED_YEARS } from './inputs.validator.js';
import { ALL_OUT_CYCLES, ALL_OUT_NOTES, ENGLAND_MOVED } from './polling-days.data.js';

export interface PollingDay {
  year: number;
  /** Null when the nation held no ordinary local poll that year. */
  date: IsoDate | null;
  note?: string;
}

/** First Thursday in May of a year: firstThursdayInMay(2024) === '2024-05-02'. */
export function firstThursdayInMay(year: number): IsoDate {
  const first = isoFromParts(year, 5, 1);
  const offset = (4 - dayOfWeek(first) + 7) % 7;
  return isoFromParts(year, 5, 1 + offset);
}

/**
 * The polling day without the range check, for schedules that must look a few years past the supported
 * range (a term that ends after 2050). Years before a nation's first listed poll have none.
 */
export function nationalPollingDay(nation: Nation, year: number): PollingDay {
  if (nation === 'england') {
    const moved = ENGLAND_MOVED[year];
    if (moved) return { year, date: moved.date, note: moved.note };
    return { year, date: firstThursdayInMay(year) };
  }
  const cycle = ALL_OUT_CYCLES[nation];
  const held = cycle.held[year];
  if (held) {
    const note = held === firstThursdayInMay(year) ? undefined : ALL_OUT_NOTES[held];
    return note ? { year, date: held, note } : { year, date: held };
  }
  if (year >= cycle.cycleFrom && (year - cycle.cycleFrom) % cycle.every === 0) {
    return { year, date: firstThursdayInMay(year) };
  }
  const notHeld = cycle.notHeld?.[year];
  if (notHeld) return { year, date: null, note: notHeld };
  return { year, date: null, note: noPollNote(nation, year) };
}

function noPollNote(nation: Exclude<Nation, 'england'>, year: number): string {
  const cycle = ALL_OUT_CYCLES[nation];
  let last: IsoDate | null = null;
  let next: IsoDate | null = null;
  for (let y = year - 1; y >= year - 8 && !last; y--) last = pollIn(nation, y);
  for (let y = year + 1; y <= year + 8 && !next; y++) next = pollIn(nation, y);
  const parts = [`no ordinary poll: ${cycle.label} elect all-out`];
  if (last) parts.push(`last elected on ${last}`);
  if (next) parts.push(`next ordinary poll ${next}`);
  return parts.join('; ');
}

function pollIn(nation: Exclude<Nation, 'england'>, year: number): IsoDate | null {
  const cycle = ALL_OUT_CYCLES[nation];
  const held = cycle.held[year];
  if (held) return held;
  if (year >= cycle.cycleFrom && (year - cycle.cycleFrom) % cycle.every === 0)
    return firstThursdayInMay(year);
  return null;
}

/**
 * The ordinary local polling day for a nation and year; a year with no ordinary poll says why:
 * ordinaryPollingDay('england', 2020) gives { year: 2020, date: null, note: 'postponed to 2021-05-06' }.
 * Years outside 1995-2050 and unknown nations throw InvalidInputError.
 */
export function ordinaryPollingDay(nation: Nation, year: number): PollingDay {
  return nationalPollingDay(parseNation(nation), checkYear(year));
}

/** Polling days for a run of years, for `caucus timetable polling-days`. */
export function pollingDays(nation: Nation, fromYear: number, toYear: number): PollingDay[] {
  const n = parseNation(nation);
  const from = checkYear(fromYear, 'from');
  const to = checkYear(toYear, 'to');
  if (to < from) checkYear(to, 'to', from, SUPPORTED_YEARS.max);
  const out: PollingDay[] = [];
  for (let y = from; y <= to; y++) out.push(nationalPollingDay(n, y));
  return out;
}

/**
 * The day a year's ordinary poll actually took place, following a postponement into another year:
 * effectivePollingDate('england', 2020) === '2021-05-06'. Null when no poll was due that year.
 */
export function effectivePollingDate(nation: Nation, year: number): IsoDate | null {
  const day = nationalPollingDay(nation, year);
  if (day.date) return day.date;
  return nation === 'england' ? (ENGLAND_MOVED[year]?.postponedTo ?? null) : null;
}
