/**
 * Seat terms: for a ward seat and its holder's election, when the term ends and the next ordinary poll for
 * the seat. A term ends at the ordinary poll that elects the successor (councillors formally retire on the
 * fourth day after it, which matters only for the by-election rule below). A by-election fills the rest of
 * the vacated term. Seats whose term was due to end at the postponed 2020 polls ran to 2021-05-06.
 */
import { addDays, type IsoDate, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Nation } from '../../domain/model.js';
import { type CouncilSchedule, type ScheduledPoll, seatPosition } from './council-schedule.engine.js';
import { addMonths } from './duration.parser.js';
import { checkDate, checkPositiveInt, parseNation } from './inputs.validator.js';

/** A seat holder's election, as the registry records it. */
export interface SeatElection {
  electedOn: IsoDate;
  /** True for a by-election (including one held alongside an ordinary poll). */
  byElection?: boolean;
  /** The winner's rank among the ward's winners at that poll, 1 = most votes. */
  rank?: number | null;
  /** From council records: a due year at which this seat is (or was) up; says which seat it is. */
  cycleYear?: number | null;
  /** By-elections: the end of the term being filled, when known (e.g. the predecessor's term end). */
  vacatedTermEnd?: IsoDate | null;
}

export interface SeatInput extends SeatElection {
  postId: string;
  councilId: string;
  /** Seats in the ward; helps when it is unknown which seat a holder fills. */
  seats?: number | null;
}

export interface SeatTerm {
  postId: string;
  councilId: string;
  electedOn: IsoDate;
  /** Polling day of the ordinary poll at which the seat is next up after the election; null if none is scheduled. */
  termEnd: IsoDate | null;
  /** The year that poll was due (2020 for seats up at the postponed poll of 2021-05-06). */
  termEndDueYear: number | null;
  /** The first ordinary poll for the seat on or after the as-of date (termEnd unless the record is stale). */
  nextPoll: IsoDate | null;
  /** Set when the data left a choice open and the earliest possible end was taken. */
  assumption: string | null;
}

type Identity =
  | { kind: 'seat'; n: number }
  | { kind: 'position'; position: number; cycle: number }
  | { kind: 'unknown'; seats: number | null };

function covers(poll: ScheduledPoll, id: Identity): boolean {
  if (poll.kind === 'all-out') return true;
  switch (id.kind) {
    case 'seat':
      return seatPosition(id.n, poll.cycle) === poll.position;
    case 'position':
      return ((id.position - 1) % poll.cycle) + 1 === poll.position;
    case 'unknown': {
      if (id.seats === null) return true;
      for (let n = 1; n <= id.seats; n++) if (seatPosition(n, poll.cycle) === poll.position) return true;
      return false;
    }
  }
}

/** Index of the first poll strictly after a day. Polls are in due order, so dates never go backwards. */
function firstAfter(schedule: CouncilSchedule, dayNumber: number): number {
  const polls = schedule.polls;
  let lo = 0;
  let hi = polls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (polls[mid]!.dayNumber <= dayNumber) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function findCovering(schedule: CouncilSchedule, start: number, id: Identity): number {
  const polls = schedule.polls;
  for (let i = start; i < polls.length; i++) if (covers(polls[i]!, id)) return i;
  return -1;
}

function nearestPolls(schedule: CouncilSchedule, dayNumber: number): string {
  const i = firstAfter(schedule, dayNumber);
  const around = [schedule.polls[i - 1]?.date, schedule.polls[i]?.date].filter(Boolean);
  return around.length ? `; nearest ordinary polls: ${around.join(', ')}` : '';
}

function identityFromCycleYear(schedule: CouncilSchedule, year: number, where: string): Identity {
  const at = schedule.byDueYear.get(year);
  const poll = at === undefined ? undefined : schedule.polls[at];
  if (poll?.kind !== 'partial') {
    throw new InvalidInputError(
      `${year} is not a year with a partial ordinary poll of council ${schedule.councilId}`,
      {
        where,
      },
    );
  }
  return { kind: 'position', position: poll.position, cycle: poll.cycle };
}

function compute(
  schedule: CouncilSchedule,
  seat: SeatInput,
  asOfDn: number | null,
  prefix: string,
): SeatTerm {
  if (seat.councilId !== schedule.councilId) {
    throw new InvalidInputError(
      `seat belongs to council "${seat.councilId}" but the schedule is for "${schedule.councilId}"`,
      {
        where: `${prefix}councilId`,
      },
    );
  }
  const electedOn = checkDate(seat.electedOn, `${prefix}electedOn`);
  const dn = toDayNumber(electedOn);
  const seats = seat.seats == null ? null : checkPositiveInt(seat.seats, `${prefix}seats`, 20);
  const rank = seat.rank == null ? null : checkPositiveInt(seat.rank, `${prefix}rank`, 20);
  const polls = schedule.polls;
  const notes: string[] = [];
  let identity: Identity;
  let endIndex: number;

  if (!seat.byElection) {
    const indexes = schedule.byDayNumber.get(dn);
    if (!indexes) {
      throw new InvalidInputError(
        `${electedOn} is not an ordinary polling day of council ${schedule.councilId}${nearestPolls(schedule, dn)}; mark by-elections with byElection: true`,
        { where: `${prefix}electedOn` },
      );
    }
    let index = indexes[0]!;
    if (indexes.length > 1) {
      const byYear =
        seat.cycleYear == null ? undefined : indexes.find((i) => polls[i]!.dueYear === seat.cycleYear);
      if (byYear !== undefined) index = byYear;
      else if (rank !== null) index = indexes[Math.max(0, indexes.length - rank)]!;
      else
        notes.push(
          `polls due in ${indexes.map((i) => polls[i]!.dueYear).join(' and ')} were held together; rank unknown, so the earlier was assumed`,
        );
    }
    const start = polls[index]!;
    if (start.kind === 'partial')
      identity = { kind: 'position', position: start.position, cycle: start.cycle };
    else if (seat.cycleYear != null && seat.cycleYear !== start.dueYear)
      identity = identityFromCycleYear(schedule, seat.cycleYear, `${prefix}cycleYear`);
    else if (rank !== null && indexes.length === 1) identity = { kind: 'seat', n: rank };
    else identity = { kind: 'unknown', seats };
    endIndex = findCovering(schedule, firstAfter(schedule, dn), identity);
    if (identity.kind === 'unknown' && endIndex >= 0 && polls[endIndex]!.kind === 'partial') {
      notes.push('rank at the all-out poll unknown, so the shortest term was assumed');
    }
  } else if (seat.vacatedTermEnd != null) {
    const end = checkDate(seat.vacatedTermEnd, `${prefix}vacatedTermEnd`);
    const endDn = toDayNumber(end);
    const indexes = schedule.byDayNumber.get(endDn);
    if (!indexes || endDn <= dn) {
      throw new InvalidInputError(
        `${end} must be an ordinary polling day of council ${schedule.councilId} after the by-election of ${electedOn}${nearestPolls(schedule, endDn)}`,
        { where: `${prefix}vacatedTermEnd` },
      );
    }
    endIndex = indexes[0]!;
    const p = polls[endIndex]!;
    identity =
      p.kind === 'partial'
        ? { kind: 'position', position: p.position, cycle: p.cycle }
        : { kind: 'unknown', seats };
  } else {
    identity =
      seat.cycleYear != null
        ? identityFromCycleYear(schedule, seat.cycleYear, `${prefix}cycleYear`)
        : { kind: 'unknown', seats };
    endIndex = findCovering(schedule, firstAfter(schedule, dn), identity);
    if (identity.kind === 'unknown' && endIndex >= 0 && polls[endIndex]!.kind === 'partial') {
      notes.push(
        'vacated seat unknown, so the earliest poll with a seat of the ward up was assumed; give vacatedTermEnd',
      );
    }
  }

  const end = endIndex >= 0 ? polls[endIndex]! : null;
  let next = end;
  if (end && asOfDn !== null && end.dayNumber < asOfDn) {
    // A stale record: follow the seat through the polls since, as the same seat of the ward.
    let id: Identity = identity;
    let i = endIndex;
    while (i >= 0 && polls[i]!.dayNumber < asOfDn) {
      const p = polls[i]!;
      id =
        p.kind === 'partial'
          ? { kind: 'position', position: p.position, cycle: p.cycle }
          : { kind: 'unknown', seats };
      i = findCovering(schedule, firstAfter(schedule, p.dayNumber), id);
    }
    next = i >= 0 ? polls[i]! : null;
    if (next && id.kind === 'unknown' && next.kind === 'partial') {
      notes.push(
        'the seat was filled at an all-out poll since this election; the earliest next poll was assumed',
      );
    }
  }
  return {
    postId: seat.postId,
    councilId: seat.councilId,
    electedOn,
    termEnd: end ? end.date : null,
    termEndDueYear: end ? end.dueYear : null,
    nextPoll: next ? next.date : null,
    assumption: notes.length ? notes.join('; ') : null,
  };
}

/**
 * The term end and next poll of one seat: seatTerm(schedule, { postId, councilId, electedOn: '2016-05-05',
 * rank: 1 }) in a metropolitan borough all-out in 2016 gives termEnd '2021-05-06' (the postponed 2020 poll).
 */
export function seatTerm(schedule: CouncilSchedule, seat: SeatInput, asOf?: IsoDate): SeatTerm {
  const asOfDn = asOf === undefined ? null : toDayNumber(checkDate(asOf, 'asOf'));
  return compute(schedule, seat, asOfDn, '');
}

/** Seat terms for many seats; errors name the seat (`seats[12].electedOn`). */
export function seatTerms(
  seats: readonly SeatInput[],
  schedules: ReadonlyMap<string, CouncilSchedule>,
  asOf?: IsoDate,
): SeatTerm[] {
  const asOfDn = asOf === undefined ? null : toDayNumber(checkDate(asOf, 'asOf'));
  const out = new Array<SeatTerm>(seats.length);
  for (let i = 0; i < seats.length; i++) {
    const seat = seats[i]!;
    const schedule = schedules.get(seat.councilId);
    if (!schedule) {
      throw new InvalidInputError(`no schedule for council "${seat.councilId}"`, {
        where: `seats[${i}].councilId`,
      });
    }
    out[i] = compute(schedule, seat, asOfDn, `seats[${i}].`);
  }
  return out;
}

export interface ByElectionDecision {
  needed: boolean;
  reason: string;
  /** The day the seat's holder would regularly have retired: four days after the ordinary poll. */
  retirementDay: IsoDate;
  /** Vacancies on or after this day are within six months of the retirement day. */
  sixMonthWindowFrom: IsoDate;
}

export interface ByElectionOptions {
  nation?: Nation;
  /** Unfilled vacancies on the council including this one, and its size, for the one-third exception. */
  unfilledVacancies?: number;
  totalSeats?: number;
}

/**
 * Whether a casual vacancy is filled by a by-election. Local Government Act 1972 s.89(3) (and the Scottish
 * equivalent): not when it occurs within six months before the day the councillor would regularly have
 * retired, unless more than a third of the council's seats are then vacant. Northern Ireland fills
 * vacancies by co-option instead (Electoral Law Act (Northern Ireland) 1962 s.11, as amended).
 */
export function byElectionDecision(
  vacancyDate: IsoDate,
  termEnd: IsoDate,
  options: ByElectionOptions = {},
): ByElectionDecision {
  const vacancy = checkDate(vacancyDate, 'vacancyDate');
  const end = checkDate(termEnd, 'termEnd');
  if (vacancy > end) {
    throw new InvalidInputError(`the vacancy (${vacancy}) is after the end of the term (${end})`, {
      where: 'vacancyDate',
    });
  }
  const retirementDay = addDays(end, 4);
  const sixMonthWindowFrom = addMonths(retirementDay, -6);
  const base = { retirementDay, sixMonthWindowFrom };
  if (options.nation !== undefined && parseNation(options.nation, 'nation') === 'northern-ireland') {
    return {
      ...base,
      needed: false,
      reason: 'Northern Ireland fills casual vacancies by co-option, not by-election',
    };
  }
  if (vacancy < sixMonthWindowFrom) {
    return {
      ...base,
      needed: true,
      reason: `more than six months before the retirement day ${retirementDay}`,
    };
  }
  const { unfilledVacancies, totalSeats } = options;
  if (unfilledVacancies !== undefined && totalSeats !== undefined) {
    checkPositiveInt(unfilledVacancies, 'unfilledVacancies');
    checkPositiveInt(totalSeats, 'totalSeats');
    if (unfilledVacancies * 3 > totalSeats) {
      return {
        ...base,
        needed: true,
        reason: 'within six months of the term end, but over a third of the seats are vacant',
      };
    }
  }
  return {
    ...base,
    needed: false,
    reason: `within six months of the retirement day ${retirementDay}: left to the ordinary poll`,
  };
}

/** byElectionNeeded('2024-12-01', '2025-05-01') === false: within six months, left to the ordinary poll. */
export function byElectionNeeded(
  vacancyDate: IsoDate,
  termEnd: IsoDate,
  options?: ByElectionOptions,
): boolean {
  return byElectionDecision(vacancyDate, termEnd, options).needed;
}
