import { dayOfWeek, type IsoDate, isoFromParts } from '../../domain/dates.js';
import type { Nation } from '../../domain/model.js';

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

// Polls moved from the first Thursday in May (combined with European or general elections, or postponed).
const MOVED: Record<number, PollingDay> = {
  2001: { year: 2001, date: '2001-06-07', note: 'combined with the general election' },
  2004: { year: 2004, date: '2004-06-10', note: 'combined with the European Parliament election' },
  2009: { year: 2009, date: '2009-06-04', note: 'combined with the European Parliament election' },
  2014: { year: 2014, date: '2014-05-22', note: 'combined with the European Parliament election' },
  2020: { year: 2020, date: null, note: 'postponed to 2021-05-06' },
};

/**
 * The ordinary local polling day for a nation and year; a year with no ordinary poll says why.
 * Scotland and Wales hold all-out polls on fixed terms; Northern Ireland on its own cycle.
 */
export function ordinaryPollingDay(nation: Nation, year: number): PollingDay {
  if (nation === 'scotland') {
    const years: Record<number, IsoDate> = { 2007: '2007-05-03', 2012: '2012-05-03', 2017: '2017-05-04', 2022: '2022-05-05' };
    if (years[year]) return { year, date: years[year]! };
    if (year >= 2027 && (year - 2027) % 5 === 0) return { year, date: firstThursdayInMay(year) };
    return { year, date: null, note: 'no ordinary poll: Scottish councils elect all-out on fixed terms' };
  }
  if (nation === 'wales') {
    const years: Record<number, IsoDate> = { 2008: '2008-05-01', 2012: '2012-05-03', 2017: '2017-05-04', 2022: '2022-05-05' };
    if (years[year]) return { year, date: years[year]! };
    if (year >= 2027 && (year - 2027) % 5 === 0) return { year, date: firstThursdayInMay(year) };
    return { year, date: null, note: 'no ordinary poll: Welsh councils elect all-out on fixed terms' };
  }
  if (nation === 'northern-ireland') {
    const years: Record<number, IsoDate> = { 2011: '2011-05-05', 2014: '2014-05-22', 2019: '2019-05-02', 2023: '2023-05-18' };
    if (years[year]) return { year, date: years[year]! };
    if (year >= 2027 && (year - 2027) % 4 === 0) return { year, date: firstThursdayInMay(year) };
    return { year, date: null, note: 'no ordinary poll: Northern Irish councils elect all-out on fixed terms' };
  }
  return MOVED[year] ?? { year, date: firstThursdayInMay(year) };
}
