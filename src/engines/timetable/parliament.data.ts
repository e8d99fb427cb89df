/**
 * UK Parliaments since 2010: polling day of the general election that returned each, the day it first met,
 * and the day it was dissolved. Sources: House of Commons Library briefings on each Parliament.
 */
import type { IsoDate } from '../../domain/dates.js';

export interface Parliament {
  electedOn: IsoDate;
  firstMeeting: IsoDate;
  /** Null while it sits. */
  dissolvedOn: IsoDate | null;
}

export const PARLIAMENTS: readonly Parliament[] = [
  { electedOn: '2010-05-06', firstMeeting: '2010-05-18', dissolvedOn: '2015-03-30' },
  { electedOn: '2015-05-07', firstMeeting: '2015-05-18', dissolvedOn: '2017-05-03' },
  { electedOn: '2017-06-08', firstMeeting: '2017-06-13', dissolvedOn: '2019-11-06' },
  { electedOn: '2019-12-12', firstMeeting: '2019-12-17', dissolvedOn: '2024-05-30' },
  { electedOn: '2024-07-04', firstMeeting: '2024-07-09', dissolvedOn: null },
];

/** The Fixed-term Parliaments Act 2011 was repealed by the Dissolution and Calling of Parliament Act 2022,
 * in force from Royal Assent on this day. */
export const DCPA_IN_FORCE: IsoDate = '2022-03-24';
/** The Act's polling day: the 25th working day after the day of dissolution. */
export const DCPA_WORKING_DAYS = 25;
