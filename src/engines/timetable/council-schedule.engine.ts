/**
 * Council election schemes over time, as data, compiled into the list of a council's ordinary polls and
 * which seats of each ward are up at each.
 *
 * The seat model: at an all-out poll every seat is up. In a council that then elects by thirds (or halves),
 * the polls after an all-out poll come in cycles of three (two); position 1 is the first poll after the
 * all-out, and seat n of a ward (n = the rank of its winner at the all-out poll, 1 = most votes) is up at
 * position cycle - ((n - 1) mod cycle). Under the usual 'ranked-by-votes' rule the top-ranked winner thus
 * serves longest: after an all-out in 2023 in a council fallow in 2025, ranks 1, 2 and 3 serve until 2027,
 * 2026 and 2024 (4, 3 and 1 years). Under 'all-full-term' every seat elected at an all-out poll serves a full
 * four years, so the council's next poll is all-out again. Before the first all-out poll in the data, a
 * thirds council's positions follow its fallow year (position 1 is the year after it), a halves council's
 * its poll years; seat holders' own election years (or a ward's `cycleYears`) then say which seat is which.
 */
import { type IsoDate, isIsoDate, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { type CouncilType, ELECTION_SCHEMES, type ElectionScheme, type Nation } from '../../domain/model.js';
import { checkPositiveInt, checkYear, parseNation } from './inputs.validator.js';
import { effectivePollingDate, nationalPollingDay } from './polling-days.js';

export const ALL_OUT_TERM_RULES = ['ranked-by-votes', 'all-full-term'] as const;
/** Who serves how long after an all-out poll in a council that elects by thirds or halves. */
export type AllOutTermRule = (typeof ALL_OUT_TERM_RULES)[number];

/** One scheme, in force for ordinary polls from `from` until the next period. */
export interface SchemePeriod {
  /** First year (or first day) the scheme applies to. */
  from: IsoDate | number;
  scheme: ElectionScheme;
  /** All-out councils in England: years between polls (default 4). Other nations follow their national cycle. */
  allOutEvery?: 4 | 5;
  /** All-out councils in England: any year of the cycle (default `from`). */
  anchorYear?: number;
  /** Years without a poll, any one cycle's worth: thirds one (default 2021, the county years), halves two
   * (default [2021, 2023], i.e. polls in even years). */
  fallowYears?: readonly number[];
  /** Whether the period opens with an all-out poll (default: true except for the first period). */
  beginsWithAllOut?: boolean;
  note?: string;
}

export interface BoundaryReview {
  /** Year of the all-out poll on the new wards; the scheme resumes after it. */
  year: number;
  note?: string;
}

export interface CouncilScheduleInput {
  councilId: string;
  nation: Nation;
  periods: readonly SchemePeriod[];
  boundaryReviews?: readonly (BoundaryReview | number)[];
  /** Default 'ranked-by-votes'. */
  allOutTermRule?: AllOutTermRule;
  /** The council's own departures from the national polling day: a later date (postponed), or null (not held). */
  pollDates?: Readonly<Record<number, IsoDate | null>>;
  /** Last year with an ordinary poll (the council is abolished after it). */
  lastPollYear?: number;
}

export interface ScheduledPoll {
  /** The year the poll was due; a postponed poll keeps its due year. */
  dueYear: number;
  date: IsoDate;
  dayNumber: number;
  kind: 'all-out' | 'partial';
  scheme: ElectionScheme;
  /** Partial polls: polls per cycle (3 for thirds, 2 for halves); 0 for all-out polls. */
  cycle: number;
  /** Partial polls: this poll's place 1..cycle counted from `anchorYear`; 0 for all-out polls. */
  position: number;
  /** Due year of the all-out poll that positions count from (virtual when the data holds none). */
  anchorYear: number;
  /** Years a seat filled at this poll is normally held. */
  termYears: number;
  reasons: string[];
}

export interface CouncilSchedule {
  councilId: string;
  nation: Nation;
  allOutTermRule: AllOutTermRule;
  /** Ordinary polls in due-year order (dates never go backwards). */
  polls: readonly ScheduledPoll[];
  byDayNumber: ReadonlyMap<number, readonly number[]>;
  byDueYear: ReadonlyMap<number, number>;
}

/** A ward (or electoral division) for the seats-up listing; validity is [validFrom, validTo). */
export interface WardInput {
  id: string;
  seats: number;
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  /** Optional: for each seat, a year it is (or was) up under the current partial scheme, from council records. */
  cycleYears?: readonly (number | null)[];
}

export interface WardSeatsUp {
  wardId: string;
  seats: number;
  seatsUp: number;
  /** Which seats (numbered by the rank of their winner at the anchoring all-out poll). */
  seatNumbers: number[];
}

/** The `caucus timetable council ID --json` element. */
export interface CouncilPoll {
  date: IsoDate;
  /** Years whose poll was held that day (two when a postponed poll joined the next year's). */
  dueYears: number[];
  kind: 'all-out' | 'partial';
  scheme: ElectionScheme;
  reasons: string[];
  wards?: WardSeatsUp[];
}

/** Polls are compiled a little beyond the supported years so terms of seats filled up to 2050 can end. */
const COMPILE_YEARS = { min: 1990, max: 2062 } as const;

const mod = (a: number, n: number): number => ((a % n) + n) % n;

interface NormalPeriod {
  fromYear: number;
  scheme: ElectionScheme;
  every: number;
  anchorYear: number;
  fallow: ReadonlySet<number>;
  /** Smallest fallow residue mod 4, fixing the phase of virtual positions. */
  phase: number;
  beginsWithAllOut: boolean;
  note?: string;
}

function fromYearOf(from: IsoDate | number, nation: Nation, where: string): number {
  if (typeof from === 'number') return checkYear(from, where, 1900, COMPILE_YEARS.max);
  if (typeof from !== 'string' || !isIsoDate(from)) {
    throw new InvalidInputError(`expected a year or a date YYYY-MM-DD, got ${JSON.stringify(from)}`, {
      where,
    });
  }
  const year = checkYear(Number(from.slice(0, 4)), where, 1900, COMPILE_YEARS.max);
  // A scheme that starts after that year's polling day first applies to next year's poll.
  const day = year >= COMPILE_YEARS.min ? effectivePollingDate(nation, year) : null;
  return day !== null && from > day ? year + 1 : year;
}

function normalisePeriods(input: CouncilScheduleInput, nation: Nation): NormalPeriod[] {
  if (!input.periods || input.periods.length === 0) {
    throw new InvalidInputError('a council schedule needs at least one scheme period', { where: 'periods' });
  }
  const out: NormalPeriod[] = [];
  input.periods.forEach((p, i) => {
    const where = `periods[${i}]`;
    if (!(ELECTION_SCHEMES as readonly string[]).includes(p.scheme)) {
      throw new InvalidInputError(
        `unknown scheme "${String(p.scheme)}"; expected one of: ${ELECTION_SCHEMES.join(', ')}`,
        {
          where: `${where}.scheme`,
        },
      );
    }
    if (nation !== 'england' && p.scheme !== 'all-out') {
      throw new InvalidInputError(
        `councils in ${nation} elect all-out; "${p.scheme}" is only used in England`,
        {
          where: `${where}.scheme`,
        },
      );
    }
    const fromYear = fromYearOf(p.from, nation, `${where}.from`);
    const prev = out[out.length - 1];
    if (prev && fromYear <= prev.fromYear) {
      throw new InvalidInputError(
        `periods must start in increasing years; ${fromYear} follows ${prev.fromYear}`,
        {
          where: `${where}.from`,
        },
      );
    }
    const every = p.allOutEvery ?? 4;
    if (every !== 4 && every !== 5) {
      throw new InvalidInputError(`allOutEvery must be 4 or 5, got ${JSON.stringify(p.allOutEvery)}`, {
        where: `${where}.allOutEvery`,
      });
    }
    const anchorYear =
      p.anchorYear === undefined
        ? fromYear
        : checkYear(p.anchorYear, `${where}.anchorYear`, 1900, COMPILE_YEARS.max);
    const defaults = p.scheme === 'halves' ? [2021, 2023] : [2021];
    const fallowYears = p.fallowYears ?? defaults;
    fallowYears.forEach((y, j) => {
      checkYear(y, `${where}.fallowYears[${j}]`, 1900, COMPILE_YEARS.max);
    });
    const fallow = new Set(fallowYears.map((y) => mod(y, 4)));
    if (p.scheme === 'thirds' && fallow.size !== 1) {
      throw new InvalidInputError(
        'a thirds scheme has one fallow year in every four; give years of one phase',
        {
          where: `${where}.fallowYears`,
        },
      );
    }
    if (p.scheme === 'halves') {
      const [a, b] = [...fallow].sort();
      if (fallow.size !== 2 || a === undefined || b === undefined || b - a !== 2) {
        throw new InvalidInputError(
          'a halves scheme polls every other year; give two fallow years two years apart',
          {
            where: `${where}.fallowYears`,
          },
        );
      }
    }
    const normal: NormalPeriod = {
      fromYear,
      scheme: p.scheme,
      every,
      anchorYear,
      fallow,
      phase: Math.min(...fallow),
      beginsWithAllOut: p.beginsWithAllOut ?? i > 0,
    };
    if (p.note) normal.note = p.note;
    out.push(normal);
  });
  return out;
}

function validateOverrides(input: CouncilScheduleInput): Map<number, IsoDate | null> {
  const out = new Map<number, IsoDate | null>();
  for (const [key, value] of Object.entries(input.pollDates ?? {})) {
    const where = `pollDates.${key}`;
    const year = checkYear(Number(key), where, COMPILE_YEARS.min, COMPILE_YEARS.max);
    if (value !== null) {
      if (typeof value !== 'string' || !isIsoDate(value)) {
        throw new InvalidInputError(`expected a date YYYY-MM-DD or null, got ${JSON.stringify(value)}`, {
          where,
        });
      }
      const y = Number(value.slice(0, 4));
      if (y < year || y > year + 2) {
        throw new InvalidInputError(
          `the ${year} poll can only be moved within ${year}-${year + 2}, got ${value}`,
          {
            where,
          },
        );
      }
    }
    out.set(year, value);
  }
  return out;
}

/** Checks and compiles a council's schedule; other timetable functions take the compiled form. */
export function compileCouncilSchedule(input: CouncilScheduleInput): CouncilSchedule {
  if (typeof input?.councilId !== 'string' || input.councilId.length === 0) {
    throw new InvalidInputError('a council schedule needs a councilId', { where: 'councilId' });
  }
  const nation = parseNation(input.nation, 'nation');
  const rule = input.allOutTermRule ?? 'ranked-by-votes';
  if (!(ALL_OUT_TERM_RULES as readonly string[]).includes(rule)) {
    throw new InvalidInputError(
      `unknown allOutTermRule "${String(rule)}"; expected one of: ${ALL_OUT_TERM_RULES.join(', ')}`,
      {
        where: 'allOutTermRule',
      },
    );
  }
  const periods = normalisePeriods(input, nation);
  const overrides = validateOverrides(input);
  const reviews = new Map<number, string>();
  (input.boundaryReviews ?? []).forEach((r, i) => {
    const year = checkYear(
      typeof r === 'number' ? r : r?.year,
      `boundaryReviews[${i}]`,
      COMPILE_YEARS.min,
      COMPILE_YEARS.max,
    );
    const note = typeof r === 'number' ? undefined : r.note;
    reviews.set(
      year,
      note ? `boundary review: all-out on new wards (${note})` : 'boundary review: all-out on new wards',
    );
  });
  const last =
    input.lastPollYear === undefined
      ? COMPILE_YEARS.max
      : checkYear(input.lastPollYear, 'lastPollYear', COMPILE_YEARS.min, COMPILE_YEARS.max);

  const polls: ScheduledPoll[] = [];
  let periodIndex = -1;
  let allOutAnchor = 0;
  let realAnchor: number | null = null;
  let sinceAnchor = 0;
  const first = periods[0]!;
  for (let y = Math.max(first.fromYear, COMPILE_YEARS.min); y <= last; y++) {
    while (periodIndex + 1 < periods.length && periods[periodIndex + 1]!.fromYear <= y) {
      periodIndex++;
      const p = periods[periodIndex]!;
      allOutAnchor = p.anchorYear;
      if (!p.beginsWithAllOut) realAnchor = null;
    }
    const period = periods[periodIndex]!;
    const review = reviews.get(y);
    const periodStart = y === period.fromYear && period.beginsWithAllOut;
    const reasons: string[] = [];
    let kind: 'all-out' | 'partial';
    let scheduled: boolean;
    if (period.scheme === 'all-out') {
      scheduled =
        nation === 'england'
          ? mod(y - allOutAnchor, period.every) === 0
          : nationalPollingDay(nation, y).date !== null;
      kind = 'all-out';
    } else {
      scheduled = !period.fallow.has(mod(y, 4));
      kind = 'partial';
      if (rule === 'all-full-term' && realAnchor !== null && scheduled) {
        if (y < realAnchor + 4) scheduled = false;
        else {
          kind = 'all-out';
          reasons.push(`all-full-term: every seat elected at the all-out poll of ${realAnchor} is up`);
        }
      }
    }
    if (!scheduled && !review && !periodStart) continue;
    if (review) {
      kind = 'all-out';
      reasons.push(review);
    }
    if (periodStart) {
      kind = 'all-out';
      reasons.push(`change of scheme: ${period.scheme}${period.note ? ` (${period.note})` : ''}`);
    }
    const override = overrides.get(y);
    if (override === null) {
      // A poll not held still uses up its place in the cycle, so later positions are unchanged.
      if (kind === 'partial') sinceAnchor++;
      continue;
    }
    let date = override ?? effectivePollingDate(nation, y);
    if (date === null) {
      if (nation === 'england') continue;
      throw new InvalidInputError(
        `councils in ${nation} only hold ordinary polls on the national polling day; none in ${y}`,
        {
          where: review ? 'boundaryReviews' : 'periods',
        },
      );
    }
    if (override) reasons.push(`council's own polling day ${override}`);
    else if (date.slice(0, 4) !== String(y)) reasons.push(`the ${y} poll was postponed to ${date}`);
    const prev = polls[polls.length - 1];
    if (prev && date < prev.date) {
      throw new InvalidInputError(
        `the ${y} poll (${date}) would fall before the ${prev.dueYear} poll (${prev.date})`,
        {
          where: `pollDates.${y}`,
        },
      );
    }
    date = date as IsoDate;
    let cycle = 0;
    let position = 0;
    let anchorYear = y;
    if (kind === 'all-out') {
      realAnchor = y;
      sinceAnchor = 0;
      if (period.scheme === 'all-out' && review) allOutAnchor = y;
    } else {
      cycle = period.scheme === 'thirds' ? 3 : 2;
      if (realAnchor !== null) {
        sinceAnchor++;
        position = ((sinceAnchor - 1) % cycle) + 1;
        anchorYear = realAnchor;
      } else if (cycle === 3) {
        position = mod(y - period.phase, 4);
        anchorYear = y - position;
      } else {
        position = mod(y - period.phase, 4) === 1 ? 1 : 2;
        anchorYear = y - 2 * position;
      }
    }
    polls.push({
      dueYear: y,
      date,
      dayNumber: toDayNumber(date),
      kind,
      scheme: period.scheme,
      cycle,
      position,
      anchorYear,
      termYears: period.scheme === 'all-out' ? period.every : 4,
      reasons,
    });
  }

  const byDayNumber = new Map<number, number[]>();
  const byDueYear = new Map<number, number>();
  polls.forEach((p, i) => {
    const list = byDayNumber.get(p.dayNumber);
    if (list) list.push(i);
    else byDayNumber.set(p.dayNumber, [i]);
    byDueYear.set(p.dueYear, i);
  });
  return { councilId: input.councilId, nation, allOutTermRule: rule, polls, byDayNumber, byDueYear };
}

/** Seat n's place in a partial cycle: the top-ranked seat comes up last. */
export function seatPosition(seatNumber: number, cycle: number): number {
  return cycle - ((seatNumber - 1) % cycle);
}

/** Whether seat n of a ward is up at poll `index`; `cycleYears` are the ward's records, if any. */
export function seatUpAt(
  schedule: CouncilSchedule,
  index: number,
  seatNumber: number,
  cycleYears?: readonly (number | null)[],
): boolean {
  const poll = schedule.polls[index];
  if (!poll) return false;
  if (poll.kind === 'all-out') return true;
  const recorded = cycleYears?.[seatNumber - 1];
  if (recorded !== undefined && recorded !== null) {
    const at = schedule.byDueYear.get(recorded);
    const other = at === undefined ? undefined : schedule.polls[at];
    if (
      other &&
      other.kind === 'partial' &&
      other.anchorYear === poll.anchorYear &&
      other.cycle === poll.cycle
    ) {
      return other.position === poll.position;
    }
  }
  return seatPosition(seatNumber, poll.cycle) === poll.position;
}

function wardValidOn(ward: WardInput, date: IsoDate): boolean {
  return (!ward.validFrom || ward.validFrom <= date) && (!ward.validTo || ward.validTo > date);
}

function checkWards(wards: readonly WardInput[]): void {
  wards.forEach((w, i) => {
    if (typeof w?.id !== 'string' || w.id.length === 0) {
      throw new InvalidInputError('a ward needs an id', { where: `wards[${i}].id` });
    }
    checkPositiveInt(w.seats, `wards[${i}].seats`, 20);
    for (const f of ['validFrom', 'validTo'] as const) {
      const v = w[f];
      if (v !== undefined && v !== null && !isIsoDate(v)) {
        throw new InvalidInputError(`expected a date YYYY-MM-DD, got ${JSON.stringify(v)}`, {
          where: `wards[${i}].${f}`,
        });
      }
    }
  });
}

/**
 * The council's ordinary polls held in [fromYear, toYear] (by polling day), merged by day, with the seats up in
 * each ward valid that day when wards are given: councilPolls(schedule, 2022, 2027, wards).
 */
export function councilPolls(
  schedule: CouncilSchedule,
  fromYear: number,
  toYear: number,
  wards?: readonly WardInput[],
): CouncilPoll[] {
  const from = checkYear(fromYear, 'from');
  const to = checkYear(toYear, 'to', from);
  if (wards) checkWards(wards);
  const out: CouncilPoll[] = [];
  for (const indexes of schedule.byDayNumber.values()) {
    const head = schedule.polls[indexes[0]!]!;
    const year = Number(head.date.slice(0, 4));
    if (year < from || year > to) continue;
    const members = indexes.map((i) => schedule.polls[i]!);
    const poll: CouncilPoll = {
      date: head.date,
      dueYears: members.map((p) => p.dueYear),
      kind: members.some((p) => p.kind === 'all-out') ? 'all-out' : 'partial',
      scheme: members[members.length - 1]!.scheme,
      reasons: [...new Set(members.flatMap((p) => p.reasons))],
    };
    if (wards) {
      poll.wards = [];
      for (const ward of wards) {
        if (!wardValidOn(ward, head.date)) continue;
        const up: number[] = [];
        for (let n = 1; n <= ward.seats; n++) {
          if (indexes.some((i) => seatUpAt(schedule, i, n, ward.cycleYears))) up.push(n);
        }
        poll.wards.push({ wardId: ward.id, seats: ward.seats, seatsUp: up.length, seatNumbers: up });
      }
    }
    out.push(poll);
  }
  return out;
}

/** A council record as the registry holds it, for defaultCouncilSchedule. */
export interface CouncilFacts {
  id: string;
  nation: Nation;
  councilType?: CouncilType | null;
  electionScheme?: ElectionScheme | null;
}

/**
 * A plausible schedule from a council's type and scheme, for councils without their own schedule data:
 * counties all-out in 2017, 2021, 2025...; London boroughs 2018, 2022...; districts and unitaries all-out in
 * 2019, 2023...; metropolitan boroughs by thirds; thirds and halves fallow in county years. These are
 * defaults, not facts about the council.
 */
export function defaultCouncilSchedule(council: CouncilFacts): CouncilScheduleInput {
  const nation = parseNation(council.nation, 'nation');
  if (nation !== 'england') {
    return {
      councilId: council.id,
      nation,
      periods: [{ from: 1995, scheme: 'all-out', note: 'national cycle' }],
    };
  }
  const type = council.councilType ?? null;
  const scheme: ElectionScheme = council.electionScheme ?? (type === 'MD' ? 'thirds' : 'all-out');
  if (scheme !== 'all-out') {
    return {
      councilId: council.id,
      nation,
      periods: [{ from: 1995, scheme, note: 'default for the council type' }],
    };
  }
  const anchorYear = type === 'CTY' ? 2017 : type === 'LBO' ? 2018 : type === 'MD' ? 2018 : 2019;
  return {
    councilId: council.id,
    nation,
    periods: [
      { from: 1995, scheme: 'all-out', allOutEvery: 4, anchorYear, note: 'default for the council type' },
    ],
  };
}
