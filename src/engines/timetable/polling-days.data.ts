/**
 * Ordinary local polling days that did not follow the default rule (the first Thursday in May), and the
 * fixed cycles of the all-out nations. Sources: the Representation of the People Act 1983 s.37 default,
 * the orders that moved or combined polls (2001 foot-and-mouth and general election, 2004/2009/2014 European
 * Parliament combinations, the Coronavirus Act 2020 postponement), the Local Government (Wales) Measure 2011 and
 * Local Government and Elections (Wales) Act 2021, the Scottish Elections (Reform) Act 2020, and the
 * Electoral Office for Northern Ireland's election records.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { Nation } from '../../domain/model.js';

export interface MovedPoll {
  /** Null when the year's poll was not held; `postponedTo` then says where its seats went. */
  date: IsoDate | null;
  note: string;
  postponedTo?: IsoDate;
}

/** England: a poll every year on the first Thursday in May, except these. */
export const ENGLAND_MOVED: Readonly<Record<number, MovedPoll>> = {
  2001: {
    date: '2001-06-07',
    note: 'moved (foot-and-mouth outbreak) and combined with the general election',
  },
  2004: { date: '2004-06-10', note: 'combined with the European Parliament election' },
  2009: { date: '2009-06-04', note: 'combined with the European Parliament election' },
  2014: { date: '2014-05-22', note: 'combined with the European Parliament election' },
  2020: { date: null, note: 'postponed to 2021-05-06', postponedTo: '2021-05-06' },
};

export interface AllOutCycle {
  label: string;
  /** Ordinary polls held, and those fixed by law before the repeating cycle starts. */
  held: Readonly<Record<number, IsoDate>>;
  /** From this year on, a poll every `every` years on the first Thursday in May. */
  cycleFrom: number;
  every: number;
  /** Years a poll was due but not held. */
  notHeld?: Readonly<Record<number, string>>;
}

/** Scotland, Wales and Northern Ireland elect every council all-out on one national day. */
export const ALL_OUT_CYCLES: Readonly<Record<Exclude<Nation, 'england'>, AllOutCycle>> = {
  scotland: {
    label: 'Scottish councils',
    held: {
      1995: '1995-04-06',
      1999: '1999-05-06',
      2003: '2003-05-01',
      2007: '2007-05-03',
      2012: '2012-05-03',
      2017: '2017-05-04',
      2022: '2022-05-05',
    },
    cycleFrom: 2027,
    every: 5,
  },
  wales: {
    label: 'Welsh councils',
    held: {
      1995: '1995-05-04',
      1999: '1999-05-06',
      2004: '2004-06-10',
      2008: '2008-05-01',
      2012: '2012-05-03',
      2017: '2017-05-04',
      2022: '2022-05-05',
    },
    cycleFrom: 2027,
    every: 5,
  },
  'northern-ireland': {
    label: 'Northern Irish councils',
    held: {
      1997: '1997-05-21',
      2001: '2001-06-07',
      2005: '2005-05-05',
      2011: '2011-05-05',
      2014: '2014-05-22',
      2019: '2019-05-02',
      2023: '2023-05-18',
    },
    cycleFrom: 2027,
    every: 4,
    notHeld: {
      2009: 'postponed to 2011-05-05 while local government was reorganised',
    },
  },
};

/** Notes for the moved dates above, shown beside the date. */
export const ALL_OUT_NOTES: Readonly<Record<string, string>> = {
  '1995-04-06': 'first elections to the new Scottish unitary councils',
  '1995-05-04': 'first elections to the new Welsh unitary councils',
  '1997-05-21': 'a Wednesday, three weeks after the general election of 1997-05-01',
  '2001-06-07': 'combined with the general election',
  '2004-06-10': 'combined with the European Parliament election',
  '2011-05-05': 'the councils elected in 2005 served six years (reorganisation)',
  '2014-05-22': 'combined with the European Parliament election; first elections to the 11 new councils',
  '2023-05-18': 'moved from 2023-05-04 because of the coronation of King Charles III',
};
