/**
 * General elections and the latest date for the next one. Under the Dissolution and Calling of Parliament
 * Act 2022 a Parliament dissolves automatically at the start of the fifth anniversary of the day it first
 * met, and polling day is the 25th working day after, counted as in the parliamentary election rules: a
 * general election disregards a bank holiday in any part of the UK. Before the Act, the Fixed-term
 * Parliaments Act 2011 fixed the first Thursday in May of the fifth year after the previous election (fourth
 * if that election came before May's first Thursday).
 */
import { type IsoDate, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { DIVISIONS } from './bank-holidays.engine.js';
import { addMonths } from './duration.parser.js';
import { checkDate } from './inputs.validator.js';
import { DCPA_IN_FORCE, DCPA_WORKING_DAYS, PARLIAMENTS, type Parliament } from './parliament.data.js';
import { firstThursdayInMay } from './polling-days.js';
import { type WorkingCalendar, workingDaysAfter } from './working-days.engine.js';

export { PARLIAMENTS, type Parliament } from './parliament.data.js';

/** Polling days of the general elections since 2010. */
export const GENERAL_ELECTIONS: readonly IsoDate[] = PARLIAMENTS.map((p) => p.electedOn);

const GENERAL_ELECTION_CALENDAR: WorkingCalendar = { divisions: DIVISIONS, christmasEve: true };

export type ParliamentRegime =
  | 'Fixed-term Parliaments Act 2011'
  | 'Dissolution and Calling of Parliament Act 2022';

export interface GeneralElectionOutlook {
  asOf: IsoDate;
  /** The Parliament sitting (or last dissolved) on the as-of day. */
  parliament: Parliament;
  /** Polling day already fixed (dissolved, or held), when known. */
  calledFor: IsoDate | null;
  regime: ParliamentRegime;
  /** DCPA: the day of automatic dissolution; null under the 2011 Act. */
  automaticDissolution: IsoDate | null;
  /** The latest polling day the rules allow (equal to calledFor once an election is called). */
  latestPollingDay: IsoDate;
}

/** Automatic dissolution under the 2022 Act: automaticDissolution('2024-07-09') === '2029-07-09'. */
export function automaticDissolution(firstMeeting: IsoDate): IsoDate {
  // A 29 February first meeting has its anniversary on 28 February here.
  return addMonths(checkDate(firstMeeting, 'firstMeeting', 1900, 2100), 60);
}

/** Polling day at the latest after a dissolution: latestPollingDayAfter('2029-07-09') === '2029-08-15'. */
export function latestPollingDayAfter(dissolution: IsoDate): IsoDate {
  return workingDaysAfter(
    checkDate(dissolution, 'dissolution', 1978, 2095),
    DCPA_WORKING_DAYS,
    GENERAL_ELECTION_CALENDAR,
  );
}

/** The polling day the 2011 Act scheduled after a general election. */
export function fixedTermPollingDay(previousElection: IsoDate): IsoDate {
  const year = Number(previousElection.slice(0, 4));
  return previousElection < firstThursdayInMay(year)
    ? firstThursdayInMay(year + 4)
    : firstThursdayInMay(year + 5);
}

/**
 * The next general election as seen on a day: nextGeneralElection('2025-06-01').latestPollingDay ===
 * '2029-08-15'. Days before the 2010 Parliament are outside the data.
 */
export function nextGeneralElection(asOf: IsoDate): GeneralElectionOutlook {
  const day = checkDate(asOf, 'asOf');
  let index = -1;
  for (let i = 0; i < PARLIAMENTS.length; i++) if (PARLIAMENTS[i]!.electedOn <= day) index = i;
  if (index < 0) {
    throw new InvalidInputError(`general elections are held from ${GENERAL_ELECTIONS[0]}; got ${day}`, {
      where: 'asOf',
      rule: 'date-range',
    });
  }
  const parliament = PARLIAMENTS[index]!;
  const following = PARLIAMENTS[index + 1];
  const regime: ParliamentRegime =
    day < DCPA_IN_FORCE
      ? 'Fixed-term Parliaments Act 2011'
      : 'Dissolution and Calling of Parliament Act 2022';
  if (parliament.dissolvedOn !== null && parliament.dissolvedOn <= day && following) {
    return {
      asOf: day,
      parliament,
      calledFor: following.electedOn,
      regime,
      automaticDissolution: null,
      latestPollingDay: following.electedOn,
    };
  }
  if (regime === 'Fixed-term Parliaments Act 2011') {
    return {
      asOf: day,
      parliament,
      calledFor: null,
      regime,
      automaticDissolution: null,
      latestPollingDay: fixedTermPollingDay(parliament.electedOn),
    };
  }
  const dissolution = automaticDissolution(parliament.firstMeeting);
  return {
    asOf: day,
    parliament,
    calledFor: null,
    regime,
    automaticDissolution: dissolution,
    latestPollingDay: latestPollingDayAfter(dissolution),
  };
}

/** Day-number form used by the selection calendar, cached per as-of day. */
const latestCache = new Map<string, number>();
export function latestGeneralElectionDayNumber(asOf: IsoDate): number {
  let hit = latestCache.get(asOf);
  if (hit === undefined) {
    hit = toDayNumber(nextGeneralElection(asOf).latestPollingDay);
    latestCache.set(asOf, hit);
  }
  return hit;
}
