/**
 * Statutory deadlines for a poll, counted in working days back from polling day under the rules of the
 * election's kind, nation and era (deadlines.data.ts).
 */
import { fromDayNumber, type IsoDate, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Nation } from '../../domain/model.js';
import { DIVISIONS, divisionOf } from './bank-holidays.engine.js';
import {
  type CalendarRule,
  DEADLINE_RULES,
  type DeadlineRule,
  ELECTION_KINDS,
  type ElectionKind,
} from './deadlines.data.js';
import { checkDate, parseNation } from './inputs.validator.js';
import { isWorkingDay, stepWorkingDays, type WorkingCalendar } from './working-days.engine.js';

export { DEADLINE_RULES, type DeadlineRule, ELECTION_KINDS, type ElectionKind } from './deadlines.data.js';

/** The `caucus timetable deadlines --json` shape; null where a deadline does not apply. */
export interface Deadlines {
  poll: IsoDate;
  noticeOfElection: IsoDate;
  nominationsClose: IsoDate;
  statementOfPersonsNominated: IsoDate;
  registrationDeadline: IsoDate;
  postalVoteDeadline: IsoDate;
  proxyVoteDeadline: IsoDate;
  voterIdDeadline: IsoDate | null;
}

export function parseElectionKind(value: unknown, where = 'kind'): ElectionKind {
  if (typeof value === 'string' && (ELECTION_KINDS as readonly string[]).includes(value))
    return value as ElectionKind;
  throw new InvalidInputError(
    `unknown election kind "${String(value)}"; expected one of: ${ELECTION_KINDS.join(', ')}`,
    {
      where,
      rule: 'election-kind',
    },
  );
}

/** The working-day calendar a rule uses in a nation. */
export function calendarFor(rule: CalendarRule, nation: Nation): WorkingCalendar {
  return {
    divisions: rule.holidays === 'uk' ? DIVISIONS : [divisionOf(nation)],
    christmasEve: true,
    easterMonday: rule.easterMonday === true,
  };
}

/** The rule in force for a poll, or an InvalidInputError saying which polls the data covers. */
export function deadlineRuleFor(poll: IsoDate, nation: Nation, kind: ElectionKind): DeadlineRule {
  const candidates = DEADLINE_RULES.filter((r) => r.kind === kind);
  const forNation = candidates.filter((r) => r.nations.includes(nation));
  if (forNation.length === 0) {
    const nations = [...new Set(candidates.flatMap((r) => r.nations))];
    throw new InvalidInputError(
      `${kind} elections are not held in ${nation}; accepted nations: ${nations.join(', ')}`,
      {
        where: 'nation',
        rule: 'nation-for-kind',
      },
    );
  }
  const rule = forNation.find((r) => r.from <= poll && (r.to === null || poll <= r.to));
  if (!rule) {
    const first = forNation.map((r) => r.from).sort()[0];
    throw new InvalidInputError(
      `the deadline rules for ${kind} polls in ${nation} are held for polling days from ${first}; got ${poll}`,
      { where: 'poll', rule: 'poll-range' },
    );
  }
  return rule;
}

const cache = new Map<string, Deadlines>();

/**
 * The statutory deadlines of a poll: statutoryDeadlines('2024-05-02', 'england') gives notice of election
 * 2024-03-26 and close of nominations 2024-04-05. Polling day must be a working day.
 */
export function statutoryDeadlines(
  poll: IsoDate,
  nation: Nation = 'england',
  kind: ElectionKind = 'local',
): Deadlines {
  const key = `${poll}|${nation}|${kind}`;
  const hit = cache.get(key);
  if (hit) return { ...hit };
  const day = checkDate(poll, 'poll');
  const n = parseNation(nation);
  const k = parseElectionKind(kind);
  const rule = deadlineRuleFor(day, n, k);
  const timetable = calendarFor(rule.timetable, n);
  if (!isWorkingDay(day, timetable)) {
    throw new InvalidInputError(`polling day must be a working day in ${n}; ${day} is a weekend or holiday`, {
      where: 'poll',
      rule: 'working-day',
    });
  }
  const dn = toDayNumber(day);
  const registration = calendarFor(rule.registration, n);
  const absent = calendarFor(rule.absentVote, n);
  const back = (days: number, cal: WorkingCalendar): IsoDate =>
    fromDayNumber(stepWorkingDays(dn, -days, cal));
  const result: Deadlines = {
    poll: day,
    noticeOfElection: back(rule.days.noticeOfElection, timetable),
    nominationsClose: back(rule.days.nominationsClose, timetable),
    statementOfPersonsNominated: back(rule.days.statementOfPersonsNominated, timetable),
    registrationDeadline: back(rule.days.registrationDeadline, registration),
    postalVoteDeadline: back(rule.days.postalVoteDeadline, absent),
    proxyVoteDeadline: back(rule.days.proxyVoteDeadline, absent),
    voterIdDeadline:
      rule.voterId && day >= rule.voterId.from && n !== 'northern-ireland'
        ? back(rule.voterId.days, absent)
        : null,
  };
  cache.set(key, result);
  return { ...result };
}
