/**
 * Statutory deadlines, in working days before polling day, by kind of election, nation and era.
 * Figures checked against the rules and the Electoral Commission's published timetables:
 * - England and Wales locals: Local Elections (Principal Areas) (England and Wales) Rules 2006 (notice 25,
 *   nominations noon on the 19th, statement of persons nominated noon on the 17th) as amended by SI 2014/494
 *   (4pm on the 19th and the 18th, for polls after 2014-05-21); registration 11 working days under the
 *   Electoral Administration Act 2006, 12 under individual electoral registration (2014); postal 11 and proxy 6.
 *   E.g. poll 2024-05-02: notice 2024-03-26, nominations 2024-04-05, SOPN 2024-04-08, register 2024-04-16,
 *   postal 2024-04-17, proxy and voter authority certificate 2024-04-24 (Electoral Commission timetable).
 * - Scotland locals: Scottish Local Government Elections Order 2011: notice between the 35th and the 28th day
 *   (we give the latest), nominations and the statement on the 23rd day; the timetable disregards Easter Monday,
 *   but the registration and absent-vote deadlines do not (2022: nominations 2022-03-30, register 2022-04-18,
 *   which was Easter Monday, postal 2022-04-19).
 * - Northern Ireland locals: Local Elections (Northern Ireland) Order 2010: notice 25, nominations and the
 *   statement 16, postal and proxy 14, registration 12 (2023-05-18: notice 2023-04-11, nominations 2023-04-24,
 *   absent votes 2023-04-26, register 2023-04-28).
 * - UK Parliament general elections (Electoral Registration and Administration Act 2013 timetable, from 2015):
 *   nominations and the statement on the 19th day; notice by the 3rd working day after dissolution (the 22nd
 *   day before poll when dissolution is 25 working days before); a bank holiday anywhere in the UK is
 *   disregarded, but the registration deadline counts the elector's own part of the UK (2019-12-12: register
 *   and postal both 2019-11-26).
 * - Scottish Parliament (Scottish Parliament (Elections etc.) Order 2015) and Northern Ireland Assembly
 *   (Northern Ireland Assembly (Elections) Order 2001 as amended 2009): statement on the 23rd and 16th day.
 * Maundy Thursday is not disregarded: the Electoral Administration Act 2006 s.20 removed it from the
 * parliamentary rules (in force 2007 in Great Britain, 2008 in Northern Ireland), before any era held here.
 * Voter ID: Elections Act 2022 photo ID applies at English local polls and UK Parliament polls in Great Britain
 * from 2023-05-04, with a voter authority certificate deadline 6 working days before; not at Scottish or
 * Welsh local polls nor the Scottish Parliament. Northern Ireland has required photo ID since the Electoral
 * Fraud (Northern Ireland) Act 2002, but its Electoral Identity Card has no statutory application deadline
 * tied to the poll, so the deadline is null there.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { Nation } from '../../domain/model.js';

export const ELECTION_KINDS = ['local', 'parl', 'sp', 'nia'] as const;
/** local: principal council; parl: UK Parliament general election; sp: Scottish Parliament; nia: NI Assembly. */
export type ElectionKind = (typeof ELECTION_KINDS)[number];

/** How a rule counts days: whose bank holidays, and which extra days it disregards. */
export interface CalendarRule {
  /** 'nation': that nation's calendar; 'uk': any part's bank holiday is disregarded. */
  holidays: 'nation' | 'uk';
  easterMonday?: boolean;
}

export interface DeadlineDays {
  noticeOfElection: number;
  nominationsClose: number;
  statementOfPersonsNominated: number;
  registrationDeadline: number;
  postalVoteDeadline: number;
  proxyVoteDeadline: number;
}

export interface DeadlineRule {
  kind: ElectionKind;
  nations: readonly Nation[];
  /** First and last polling days the figures apply to (inclusive). */
  from: IsoDate;
  to: IsoDate | null;
  days: DeadlineDays;
  /** Counts notice, nominations and the statement of persons nominated. */
  timetable: CalendarRule;
  /** Counts the registration deadline. */
  registration: CalendarRule;
  /** Counts the postal, proxy and voter ID deadlines. */
  absentVote: CalendarRule;
  /** Voter authority certificate deadline, when photo ID applies: working days and the first poll it covers. */
  voterId: { days: number; from: IsoDate } | null;
  source: string;
}

const NATION: CalendarRule = { holidays: 'nation' };
const SCOTTISH_TIMETABLE: CalendarRule = { holidays: 'nation', easterMonday: true };
const UK: CalendarRule = { holidays: 'uk' };
const ENGLISH_VOTER_ID = { days: 6, from: '2023-05-04' } as const;

export const DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    kind: 'local',
    nations: ['england', 'wales'],
    from: '2007-01-01',
    to: '2014-05-21',
    days: {
      noticeOfElection: 25,
      nominationsClose: 19,
      statementOfPersonsNominated: 17,
      registrationDeadline: 11,
      postalVoteDeadline: 11,
      proxyVoteDeadline: 6,
    },
    timetable: NATION,
    registration: NATION,
    absentVote: NATION,
    voterId: null,
    source: 'Local Elections (Principal Areas) (England and Wales) Rules 2006, Sch. 2 r. 1-2',
  },
  {
    kind: 'local',
    nations: ['england'],
    from: '2014-05-22',
    to: null,
    days: {
      noticeOfElection: 25,
      nominationsClose: 19,
      statementOfPersonsNominated: 18,
      registrationDeadline: 12,
      postalVoteDeadline: 11,
      proxyVoteDeadline: 6,
    },
    timetable: NATION,
    registration: NATION,
    absentVote: NATION,
    voterId: ENGLISH_VOTER_ID,
    source: 'Local Elections (Principal Areas) (England and Wales) Rules 2006 as amended by SI 2014/494',
  },
  {
    kind: 'local',
    nations: ['wales'],
    from: '2014-05-22',
    to: null,
    days: {
      noticeOfElection: 25,
      nominationsClose: 19,
      statementOfPersonsNominated: 18,
      registrationDeadline: 12,
      postalVoteDeadline: 11,
      proxyVoteDeadline: 6,
    },
    timetable: NATION,
    registration: NATION,
    absentVote: NATION,
    voterId: null,
    source: 'SI 2014/494; Local Elections (Principal Areas) (Wales) Rules 2021',
  },
  {
    kind: 'local',
    nations: ['scotland'],
    from: '2012-01-01',
    to: null,
    days: {
      noticeOfElection: 28,
      nominationsClose: 23,
      statementOfPersonsNominated: 23,
      registrationDeadline: 12,
      postalVoteDeadline: 11,
      proxyVoteDeadline: 6,
    },
    timetable: SCOTTISH_TIMETABLE,
    registration: NATION,
    absentVote: NATION,
    voterId: null,
    source: 'Scottish Local Government Elections Order 2011, Sch. 1 r. 1-2',
  },
  {
    kind: 'local',
    nations: ['northern-ireland'],
    from: '2011-01-01',
    to: null,
    days: {
      noticeOfElection: 25,
      nominationsClose: 16,
      statementOfPersonsNominated: 16,
      registrationDeadline: 12,
      postalVoteDeadline: 14,
      proxyVoteDeadline: 14,
    },
    timetable: NATION,
    registration: NATION,
    absentVote: NATION,
    voterId: null,
    source: 'Local Elections (Northern Ireland) Order 2010, Sch. 1',
  },
  {
    kind: 'parl',
    nations: ['england', 'wales', 'scotland', 'northern-ireland'],
    from: '2015-01-01',
    to: null,
    days: {
      noticeOfElection: 22,
      nominationsClose: 19,
      statementOfPersonsNominated: 19,
      registrationDeadline: 12,
      postalVoteDeadline: 11,
      proxyVoteDeadline: 6,
    },
    timetable: UK,
    registration: NATION,
    absentVote: UK,
    voterId: ENGLISH_VOTER_ID,
    source: 'Representation of the People Act 1983, Sch. 1 r. 1-2 (timetable of the 2013 Act)',
  },
  {
    kind: 'sp',
    nations: ['scotland'],
    from: '2016-01-01',
    to: null,
    days: {
      noticeOfElection: 28,
      nominationsClose: 23,
      statementOfPersonsNominated: 23,
      registrationDeadline: 12,
      postalVoteDeadline: 11,
      proxyVoteDeadline: 6,
    },
    timetable: SCOTTISH_TIMETABLE,
    registration: NATION,
    absentVote: NATION,
    voterId: null,
    source: 'Scottish Parliament (Elections etc.) Order 2015, Sch. 2',
  },
  {
    kind: 'nia',
    nations: ['northern-ireland'],
    from: '2010-01-01',
    to: null,
    days: {
      noticeOfElection: 25,
      nominationsClose: 16,
      statementOfPersonsNominated: 16,
      registrationDeadline: 12,
      postalVoteDeadline: 14,
      proxyVoteDeadline: 14,
    },
    timetable: NATION,
    registration: NATION,
    absentVote: NATION,
    voterId: null,
    source: 'Northern Ireland Assembly (Elections) Order 2001 as amended by SI 2009/256',
  },
];
