/**
 * Timetable engine: seat terms and next poll for ~20,000 synthetic seats (seeded, with a realistic mix of
 * council types and schemes, boundary reviews, scheme changes and by-elections), then the national selection
 * calendar for their holders. Each figure is printed beside a baseline loop over the same records measured
 * in the same run (reading each record's fields and adding four years to a date). The lead will later swap
 * the synthetic seats for the uk sample.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeSeatTerms, loadSeatData } from '../src/app/commands/timetable.commands.js';
import { addDays, type IsoDate } from '../src/domain/dates.js';
import type { CouncilType, ElectionScheme, Nation } from '../src/domain/model.js';
import { createRandom, pickWeighted, type Random } from '../src/domain/random.js';
import { generateSample } from '../src/engines/sample/index.js';
import {
  type CouncilSchedule,
  type CouncilScheduleInput,
  compileCouncilSchedule,
  councilPolls,
  defaultCouncilSchedule,
  type SeatInput,
  type SittingCouncillor,
  seatTerm,
  seatTerms,
  selectionCalendar,
  type WardInput,
} from '../src/engines/timetable/index.js';
import { openStore } from '../src/store/store.js';
import { best, report } from './lib.js';

const SEED = 20_240_502;
const TARGET_SEATS = 20_000;
const AS_OF: IsoDate = '2025-06-01';
/** Ratio goals: the absolute goals (200 and 500 ms) over the baseline loop's usual ~0.8 ms on a quiet machine. */
const TERMS_RATIO_MAX = 250;
const CALENDAR_RATIO_MAX = 625;

interface CouncilKind {
  type: CouncilType;
  nation: Nation;
  scheme: ElectionScheme;
  weight: number;
  wardSeats: readonly (readonly [number, number])[];
  wards: [number, number];
}

const KINDS: readonly CouncilKind[] = [
  {
    type: 'CTY',
    nation: 'england',
    scheme: 'all-out',
    weight: 21,
    wardSeats: [
      [1, 8],
      [2, 2],
    ],
    wards: [50, 80],
  },
  {
    type: 'NMD',
    nation: 'england',
    scheme: 'all-out',
    weight: 110,
    wardSeats: [
      [1, 3],
      [2, 4],
      [3, 3],
    ],
    wards: [14, 30],
  },
  {
    type: 'NMD',
    nation: 'england',
    scheme: 'thirds',
    weight: 45,
    wardSeats: [
      [2, 2],
      [3, 8],
    ],
    wards: [12, 22],
  },
  { type: 'NMD', nation: 'england', scheme: 'halves', weight: 8, wardSeats: [[2, 1]], wards: [14, 20] },
  { type: 'MD', nation: 'england', scheme: 'thirds', weight: 30, wardSeats: [[3, 1]], wards: [17, 34] },
  {
    type: 'MD',
    nation: 'england',
    scheme: 'all-out',
    weight: 6,
    wardSeats: [
      [2, 1],
      [3, 2],
    ],
    wards: [20, 40],
  },
  {
    type: 'LBO',
    nation: 'england',
    scheme: 'all-out',
    weight: 33,
    wardSeats: [
      [2, 1],
      [3, 3],
    ],
    wards: [16, 24],
  },
  {
    type: 'UA',
    nation: 'england',
    scheme: 'all-out',
    weight: 40,
    wardSeats: [
      [1, 1],
      [2, 2],
      [3, 2],
    ],
    wards: [18, 40],
  },
  {
    type: 'UA',
    nation: 'england',
    scheme: 'thirds',
    weight: 18,
    wardSeats: [
      [3, 3],
      [2, 1],
    ],
    wards: [15, 25],
  },
  {
    type: 'WPA',
    nation: 'wales',
    scheme: 'all-out',
    weight: 22,
    wardSeats: [
      [1, 3],
      [2, 2],
      [3, 1],
    ],
    wards: [20, 45],
  },
  {
    type: 'SCO',
    nation: 'scotland',
    scheme: 'all-out',
    weight: 32,
    wardSeats: [
      [3, 1],
      [4, 1],
    ],
    wards: [7, 23],
  },
  {
    type: 'NID',
    nation: 'northern-ireland',
    scheme: 'all-out',
    weight: 11,
    wardSeats: [
      [5, 2],
      [6, 2],
      [7, 1],
    ],
    wards: [6, 10],
  },
];

const PARTIES: Record<Nation, ReadonlyArray<readonly [string, number]>> = {
  england: [
    ['PP53', 38],
    ['PP52', 32],
    ['PP90', 15],
    ['PP63', 6],
    ['PP7931', 4],
    ['independent', 5],
  ],
  wales: [
    ['PP53', 40],
    ['PP77', 20],
    ['PP52', 15],
    ['independent', 20],
    ['PP90', 5],
  ],
  scotland: [
    ['PP102', 38],
    ['PP53', 24],
    ['PP52', 18],
    ['PP90', 7],
    ['PP130', 3],
    ['independent', 10],
  ],
  'northern-ireland': [
    ['PP70', 27],
    ['PP39', 30],
    ['PP83', 15],
    ['PP103', 14],
    ['PP55', 10],
    ['independent', 4],
  ],
};

const between = (rng: Random, [lo, hi]: readonly [number, number]): number => lo + rng.int(hi - lo + 1);

function scheduleFor(rng: Random, id: string, kind: CouncilKind): CouncilScheduleInput {
  const base = defaultCouncilSchedule({
    id,
    nation: kind.nation,
    councilType: kind.type,
    electionScheme: kind.scheme,
  });
  if (kind.nation !== 'england') return base;
  const roll = rng.next();
  if (kind.scheme !== 'all-out' && roll < 0.6) {
    // Most councils electing by thirds or halves had an all-out poll on new wards at some point.
    return { ...base, boundaryReviews: [2002 + rng.int(23)] };
  }
  if (kind.scheme === 'all-out' && kind.type !== 'CTY' && kind.type !== 'LBO' && roll < 0.15) {
    // A council that moved from thirds to all-out (as Birmingham did in 2018).
    const year = 2011 + rng.int(8);
    return {
      ...base,
      periods: [
        { from: 1995, scheme: 'thirds' },
        { from: year, scheme: 'all-out', anchorYear: year },
      ],
    };
  }
  return base;
}

interface World {
  inputs: CouncilScheduleInput[];
  seats: SeatInput[];
  nations: Map<string, Nation>;
}

function generate(): World {
  const rng = createRandom(SEED);
  const inputs: CouncilScheduleInput[] = [];
  const seats: SeatInput[] = [];
  const nations = new Map<string, Nation>();
  for (let c = 0; seats.length < TARGET_SEATS; c++) {
    const kind = pickWeighted(
      rng,
      KINDS.map((k) => [k, k.weight] as const),
    );
    const id = `council-${c}`;
    const input = scheduleFor(rng, id, kind);
    inputs.push(input);
    nations.set(id, kind.nation);
    const schedule = compileCouncilSchedule(input);
    const wards: WardInput[] = [];
    const wardCount = between(rng, kind.wards);
    for (let w = 0; w < wardCount; w++)
      wards.push({ id: `${id}.w${w}`, seats: pickWeighted(rng, kind.wardSeats) });
    const polls = councilPolls(schedule, 2008, 2025, wards).filter((p) => p.date <= AS_OF);
    for (const ward of wards) {
      for (let n = 1; n <= ward.seats && seats.length < TARGET_SEATS; n++) {
        const last = [...polls]
          .reverse()
          .find((p) => p.wards?.find((x) => x.wardId === ward.id)?.seatNumbers.includes(n));
        if (!last) continue;
        const seat: SeatInput = {
          postId: `${ward.id}.s${n}`,
          councilId: id,
          electedOn: last.date,
          seats: ward.seats,
          rank: last.kind === 'all-out' || last.dueYears.length > 1 ? n : null,
        };
        if (rng.next() < 0.04) {
          // A by-election since: half record the vacated term's end, half leave the engine to infer it.
          const term = seatTerm(schedule, seat);
          const room = term.termEnd
            ? Math.min(addDaysDiff(last.date, AS_OF), addDaysDiff(last.date, term.termEnd) - 1)
            : 0;
          if (room > 60) {
            seat.byElection = true;
            seat.electedOn = addDays(last.date, 30 + rng.int(room - 30));
            seat.rank = null;
            if (rng.next() < 0.5) seat.vacatedTermEnd = term.termEnd;
          }
        }
        seats.push(seat);
      }
    }
  }
  return { inputs, seats, nations };
}

function addDaysDiff(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Reads each seat's fields and adds four years to its date: the least any term computation must do. */
function baselineSeats(seats: readonly SeatInput[]): number {
  let acc = 0;
  for (const s of seats) {
    const end = `${Number(s.electedOn.slice(0, 4)) + 4}${s.electedOn.slice(4)}`;
    acc += end.length + s.postId.length + s.councilId.length + (s.rank ?? 0) + (s.byElection ? 1 : 0);
  }
  return acc;
}

function baselineCouncillors(cs: readonly SittingCouncillor[]): number {
  let acc = 0;
  for (const c of cs) {
    const poll = c.nextPoll ?? '';
    const opens = `${Number(poll.slice(0, 4)) - 4}${poll.slice(4)}`;
    acc += opens.length + c.personId.length + c.party.length + c.postId.length + c.nation.length;
  }
  return acc;
}

/** The same two goals on the uk sample nation, read from a database once and computed in memory. */
async function runOnSample(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-timetable-bench-'));
  try {
    const today = '2026-11-25';
    const store = await openStore(join(dir, 'uk.db'));
    await store.transaction((r) => r.registry.load(generateSample({ scale: 'uk', seed: 1, today })));
    await store.optimize();
    const data = await loadSeatData(store.query, today);
    await store.close();
    const terms = await best(() => computeSeatTerms(data, today), 5);
    const seats = terms.result.holdings.map((h) => ({
      postId: h.postId,
      councilId: h.councilId,
      electedOn: h.startDate!,
      byElection: false,
    }));
    const base = await best(() => baselineSeats(seats), 5);
    report({
      name: `uk sample: seat terms and next poll for ${seats.length} sitting councillors (schedules from each council's history)`,
      value: terms.ms,
      unit: 'ms',
      max: 200,
      baseline: { name: 'loop reading each seat and adding 4 years', value: base.ms },
      ratio: { value: terms.ms / base.ms, meaning: 'times the baseline loop' },
    });
    const nations = new Map(data.councils.map((c) => [c.id, (c.nation ?? 'england') as Nation]));
    const councillors: SittingCouncillor[] = terms.result.holdings.flatMap((h, i) =>
      h.partyId
        ? [
            {
              personId: h.personId,
              party: h.partyId,
              councilId: h.councilId,
              postId: h.postId,
              nation: nations.get(h.councilId)!,
              nextPoll: terms.result.terms[i]!.nextPoll,
            },
          ]
        : [],
    );
    const calendar = await best(() => selectionCalendar(councillors, { asOf: today }), 5);
    const calendarBase = await best(() => baselineCouncillors(councillors), 5);
    report({
      name: `uk sample: national selection calendar, ${councillors.length} sitting party councillors`,
      value: calendar.ms,
      unit: 'ms',
      max: 500,
      baseline: { name: 'loop reading each councillor and shifting a date', value: calendarBase.ms },
      ratio: { value: calendar.ms / calendarBase.ms, meaning: 'times the baseline loop' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await runOnSample();
  const world = generate();
  const councils = world.inputs.length;
  const byElections = world.seats.filter((s) => s.byElection).length;
  console.log(
    `${world.seats.length} seats on ${councils} councils (${byElections} filled at by-elections), as of ${AS_OF}`,
  );

  const terms = await best(() => {
    const schedules = new Map<string, CouncilSchedule>();
    for (const input of world.inputs) schedules.set(input.councilId, compileCouncilSchedule(input));
    return seatTerms(world.seats, schedules, AS_OF);
  }, 5);
  const termsBase = await best(() => baselineSeats(world.seats), 5);
  const assumed = terms.result.filter((t) => t.assumption).length;
  console.log(`terms computed: ${terms.result.length}; with an assumption noted: ${assumed}`);
  report({
    name: `seat terms and next poll, ${world.seats.length} seats (incl. compiling ${councils} schedules)`,
    value: terms.ms,
    unit: 'ms',
    max: 200,
    baseline: { name: 'loop reading each seat and adding 4 years', value: termsBase.ms },
    ratio: { value: terms.ms / termsBase.ms, max: TERMS_RATIO_MAX, meaning: 'times the baseline loop' },
  });

  const rng = createRandom(SEED + 1);
  const councillors: SittingCouncillor[] = terms.result.map((t) => {
    const nation = world.nations.get(t.councilId)!;
    return {
      personId: `person-${t.postId}`,
      party: pickWeighted(rng, PARTIES[nation]),
      councilId: t.councilId,
      postId: t.postId,
      nation,
      nextPoll: t.nextPoll,
    };
  });
  const calendar = await best(() => selectionCalendar(councillors, { asOf: AS_OF }), 5);
  const calendarBase = await best(() => baselineCouncillors(councillors), 5);
  console.log(`calendar entries: ${calendar.result.length}; first: ${JSON.stringify(calendar.result[0])}`);
  report({
    name: `national selection calendar, ${councillors.length} sitting councillors`,
    value: calendar.ms,
    unit: 'ms',
    max: 500,
    baseline: { name: 'loop reading each councillor and shifting a date', value: calendarBase.ms },
    ratio: {
      value: calendar.ms / calendarBase.ms,
      max: CALENDAR_RATIO_MAX,
      meaning: 'times the baseline loop',
    },
  });
}
