/**
 * Simulates one council's history from its founding poll to today as a queue of dated happenings:
 * selections, ordinary polls, annual meetings, by-elections, and monthly chances of resignations, deaths,
 * defections, whip suspensions, changes of faction, leadership challenges and motions. Every state change
 * writes the records that describe it, so the records agree with one another by construction:
 * a seat never has more holders than it has seats, a councillor's party and group always match, and
 * every councillor term starts at a contest (or co-option) and ends at the next contest for that seat
 * or at a recorded event.
 */
import { toDayNumber } from '../../domain/dates.js';
import type { Membership, Nation, Organization, Reason, Selection } from '../../domain/model.js';
import { normal, pickWeighted, type Random } from '../../domain/random.js';
import { firstThursdayInMay, ordinaryPollingDay } from '../timetable/polling-days.js';
import { type CouncilPlan, cycleYears, type PostPlan } from './geography.generator.js';
import {
  factionWeight,
  interpolateDated,
  type LocalUnit,
  type SurgeState,
  surgeAt,
} from './local-parties.generator.js';
import {
  defectionHazard,
  defectionTargets,
  NATION_PARTIES,
  NATIONAL_SHARES,
  PARTY_BY_KEY,
  type PartyKey,
  partyId,
  type ShareKey,
} from './parties.data.js';
import type { RecordsBuilder } from './records.builder.js';
import { stvCount, topN } from './voting.engine.js';

// ordinaryPollingDay covers 1995-2050; schedules look no further.
const HORIZON_YEAR = 2050;
/** Chance happenings are drawn once per quarter and land on a random day within it. */
const TICK_MONTHS = 3;
const TICK_DAYS = 90;

interface PersonState {
  id: string;
  name: string;
  party: PartyKey | null;
  faction: number | null;
  dead: boolean;
  firstStood: number | null;
  seat: SeatState | null;
  councillor: Membership | null;
  partyMembership: Membership | null;
  group: GroupState | null;
  groupMembership: Membership | null;
  alignment: Membership | null;
  suspended: boolean;
  terms: number;
  retiringAt: number;
  deselectedAt: number;
  standAsIndependent: boolean;
  /** Day of the last ballot the person stood in, so no one stands twice on one day. */
  lastBallotDay: number;
  /** Day of the last happening that changed the person's memberships. */
  lastEventDay: number;
}

interface SeatState {
  post: PostRun;
  index: number;
  slot: number;
  holder: PersonState | null;
  /** An ordinary poll at which this vacant seat is filled alongside the ward's regular contest. */
  combinedAt: number;
}

interface PendingSelection {
  party: PartyKey;
  selection: Selection;
  /** Whether the selection is in the registry: only those with a sitting councillor or a contest are. */
  recorded: boolean;
  chosen: PersonState[];
  /** Sitting councillors among the chosen: if they leave office before the poll, they do not stand. */
  sitting: PersonState[];
  pollDay: number;
}

interface PostRun {
  plan: PostPlan;
  seats: SeatState[];
  pending: Map<PartyKey, PendingSelection>;
  byElections: Map<number, SeatState[]>;
  units: Map<PartyKey, LocalUnit | null>;
  expected: { day: number; shares: Partial<Record<ShareKey, number>> } | null;
  up: { day: number; seats: SeatState[] } | null;
}

type GroupKey = PartyKey | 'ind';

interface GroupState {
  key: GroupKey;
  org: Organization;
  members: Set<PersonState>;
  leader: PersonState | null;
  leaderMembership: Membership | null;
  vacancyScheduled: boolean;
}

interface Admin {
  group: GroupState;
  label: string;
}

type Happening =
  | { kind: 'poll' }
  | { kind: 'agm' }
  | { kind: 'tick'; year: number; month: number }
  | { kind: 'selection'; posts: PostRun[]; party: PartyKey; pollDay: number }
  | { kind: 'by-election'; post: PostRun }
  | { kind: 'co-option'; seat: SeatState; party: PartyKey }
  | { kind: 'vacancy'; person: PersonState; reason: 'resigned' | 'died' }
  | { kind: 'defection'; person: PersonState }
  | { kind: 'leave-party'; person: PersonState }
  | { kind: 'whip'; person: PersonState }
  | { kind: 'restore'; person: PersonState; party: PartyKey }
  | { kind: 'realign'; person: PersonState }
  | { kind: 'challenge'; group: GroupState }
  | { kind: 'leader-vacancy'; group: GroupState }
  | { kind: 'motion' };

interface Entry {
  day: number;
  rank: number;
  seq: number;
  what: Happening;
}

/** On one day: polls first, then people leaving office or party, then everything else, in scheduled order. */
function rankOf(w: Happening): number {
  switch (w.kind) {
    case 'poll':
      return 0;
    case 'vacancy':
    case 'defection':
    case 'leave-party':
    case 'whip':
      return 1;
    default:
      return 2;
  }
}

/** A binary min-heap on (day, rank, seq). */
class Agenda {
  private readonly heap: Entry[] = [];
  private seq = 0;
  push(day: number, what: Happening): void {
    const h = this.heap;
    h.push({ day, rank: rankOf(what), seq: this.seq++, what });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (less(h[parent]!, h[i]!)) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }
  pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}
function less(a: Entry, b: Entry): boolean {
  if (a.day !== b.day) return a.day < b.day;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.seq < b.seq;
}

const SHARE_ANCHORS = new Map<Nation, Map<ShareKey, Array<readonly [number, number]>>>();
function anchorsFor(nation: Nation, key: ShareKey): Array<readonly [number, number]> {
  let byKey = SHARE_ANCHORS.get(nation);
  if (!byKey) {
    byKey = new Map();
    SHARE_ANCHORS.set(nation, byKey);
  }
  let a = byKey.get(key);
  if (!a) {
    a = Object.entries(NATIONAL_SHARES[nation])
      .map(([y, row]) => [toDayNumber(`${y}-05-05`), row[key] ?? 0] as const)
      .sort((x, y) => x[0] - y[0]);
    byKey.set(key, a);
  }
  return a;
}

/** National share (percent) of a party or of independents in a nation on a day. */
export function nationalShare(nation: Nation, key: ShareKey, day: number): number {
  return interpolateDated(anchorsFor(nation, key), day);
}

interface ShareRow {
  keys: ShareKey[];
  values: number[];
}
const shareRows = new Map<Nation, Map<number, ShareRow>>();
/** The nation's parties (and independents) with their national shares on a day; zero shares left out. */
function nationalRow(nation: Nation, day: number): ShareRow {
  let byDay = shareRows.get(nation);
  if (!byDay) {
    byDay = new Map();
    shareRows.set(nation, byDay);
  }
  let row = byDay.get(day);
  if (!row) {
    row = { keys: [], values: [] };
    for (const k of [...NATION_PARTIES[nation], 'ind' as const]) {
      const v = nationalShare(nation, k, day);
      if (v > 0) {
        row.keys.push(k);
        row.values.push(v);
      }
    }
    byDay.set(day, row);
  }
  return row;
}

const dayCache = new Map<string, number>();
/** toDayNumber for the handful of constant dates the simulation compares against, computed once each. */
function dayOf(iso: string): number {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = toDayNumber(iso);
    dayCache.set(iso, d);
  }
  return d;
}

const YEAR_BASE = toDayNumber('1970-01-01');
const yearCache = new Int16Array(40_000);
/** The calendar year of a day number, cached: the simulation asks millions of times. */
function yearOf(day: number): number {
  const i = day - YEAR_BASE;
  if (i < 0 || i >= yearCache.length) return new Date(day * 86_400_000).getUTCFullYear();
  let y = yearCache[i]!;
  if (y === 0) {
    y = new Date(day * 86_400_000).getUTCFullYear();
    yearCache[i] = y;
  }
  return y;
}

/** Weighted choice of an index, for hot paths: pickIndex(rng, [3, 1]) is 0 three times in four. */
function pickIndex(rng: Random, weights: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
function nextThursday(day: number): number {
  return day + ((4 - dayOfWeek(day) + 7) % 7);
}

function poisson(rng: Random, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > limit && k < 50);
  return k - 1;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Whether a party puts up candidates in a ward, from its national position and its expected local share. */
function standProbability(party: PartyKey, nation: Nation, year: number, e: number): number {
  const t = clamp01((year - 2012) / 14);
  switch (nation) {
    case 'england':
      switch (party) {
        case 'lab':
          return 0.97;
        case 'con':
          return 0.98;
        case 'ld':
          return clamp01(0.45 + 2.5 * e);
        case 'grn':
          return clamp01(0.35 + 0.57 * t + e);
        case 'ukip':
          return year <= 2016 ? clamp01(0.6 + e) : year === 2017 ? 0.35 : year <= 2019 ? 0.12 : 0.02;
        case 'ref':
          return year >= 2025 ? 0.97 : year === 2024 ? 0.35 : year === 2023 ? 0.2 : year >= 2021 ? 0.12 : 0;
        default:
          return 0;
      }
    case 'wales':
      switch (party) {
        case 'lab':
          return 0.92;
        case 'con':
          return 0.7;
        case 'pc':
          return clamp01(0.35 + 2.5 * e);
        case 'ld':
          return clamp01(0.25 + 2 * e);
        case 'grn':
          return 0.15 + 0.2 * t;
        case 'ukip':
          return year <= 2017 ? 0.12 : 0.02;
        case 'ref':
          return year >= 2025 ? 0.9 : 0.03;
        default:
          return 0;
      }
    case 'scotland':
      switch (party) {
        case 'snp':
          return 1;
        case 'lab':
        case 'con':
          return 0.95;
        case 'ld':
          return clamp01(0.4 + 2 * e);
        case 'sgp':
          return year <= 2012 ? 0.3 : year <= 2017 ? 0.55 : 0.8;
        case 'ukip':
          return 0.05;
        case 'ref':
          return year >= 2025 ? 0.8 : 0.03;
        default:
          return 0;
      }
    default:
      return party === 'apni' ? clamp01(0.5 + 3 * e) : clamp01(0.15 + 4 * e);
  }
}

function isMajor(party: PartyKey, nation: Nation, e: number): boolean {
  if ((party === 'lab' || party === 'con') && nation !== 'northern-ireland') return true;
  return e >= 0.13;
}

const COMPATIBLE = new Set([
  'lab|ld',
  'lab|grn',
  'lab|ind',
  'lab|snp',
  'lab|pc',
  'ld|grn',
  'ld|ind',
  'con|ind',
  'con|ld',
  'snp|sgp',
  'snp|ind',
  'pc|ind',
  'ref|con',
  'ref|ind',
  'ukip|con',
  'grn|ind',
  'sgp|lab',
  'ld|pc',
]);
function compatible(a: GroupKey, b: GroupKey): boolean {
  return COMPATIBLE.has(`${a}|${b}`) || COMPATIBLE.has(`${b}|${a}`);
}

export interface SimulationInputs {
  plan: CouncilPlan;
  rng: Random;
  builder: RecordsBuilder;
  units: ReadonlyMap<string, LocalUnit>;
  factionIds: Readonly<Record<PartyKey, readonly string[]>>;
}

/** Runs one council's history; its records are appended to the builder. */
export function simulateCouncil(inputs: SimulationInputs): void {
  new CouncilSimulation(inputs).run();
}

class CouncilSimulation {
  private readonly plan: CouncilPlan;
  private readonly rng: Random;
  private readonly b: RecordsBuilder;
  private readonly today: number;
  private readonly agenda = new Agenda();
  private readonly posts: PostRun[];
  private readonly slotDays: number[][];
  private readonly slotSets: Set<number>[];
  /** Every ordinary poll day of the council, past and future, sorted. */
  private readonly allPolls: number[];
  private readonly foundingDay: number;
  private readonly blocked = new Set<number>();
  private readonly groups = new Map<GroupKey, GroupState>();
  private readonly pools = new Map<PartyKey, PersonState[]>();
  private readonly elections = new Map<number, { ordinary: boolean }>();
  private admin: Admin | null = null;
  private pastPolls: number[] = [];
  private holdSync = false;
  private councilLeader: { person: PersonState | null; label: string | null; membership: Membership | null } =
    {
      person: null,
      label: null,
      membership: null,
    };
  private civic: { person: PersonState; membership: Membership } | null = null;

  constructor(private readonly inputs: SimulationInputs) {
    this.plan = inputs.plan;
    this.rng = inputs.rng;
    this.b = inputs.builder;
    this.today = inputs.builder.todayDay;
    const pollDay = (y: number) => {
      const d = ordinaryPollingDay(this.plan.nation, y).date;
      if (!d) throw new Error(`no ordinary polling day for ${this.plan.nation} in ${y}`);
      return toDayNumber(d);
    };
    this.foundingDay = pollDay(this.plan.foundingYear);
    this.slotDays = this.plan.slotCycles.map((c) =>
      cycleYears(c, HORIZON_YEAR)
        .filter((y) => y > this.plan.foundingYear)
        .map(pollDay),
    );
    this.slotSets = this.slotDays.map((days) => new Set(days));
    this.allPolls = [...new Set([this.foundingDay, ...this.slotDays.flat()])].sort((a, b) => a - b);
    this.posts = this.plan.posts.map((p) => {
      const run: PostRun = {
        plan: p,
        seats: [],
        pending: new Map(),
        byElections: new Map(),
        units: new Map(),
        expected: null,
        up: null,
      };
      run.seats = p.slots.map((slot, index) => ({ post: run, index, slot, holder: null, combinedAt: -1 }));
      return run;
    });
  }

  run(): void {
    const polls = this.allPolls.filter((d) => d <= this.today);
    this.pastPolls = polls;
    for (const d of polls) this.blocked.add(d);
    for (const day of polls) this.agenda.push(day, { kind: 'poll' });
    // Each poll's selections are scheduled when the poll before it is over, keeping the agenda short.
    if (polls[0] !== undefined) this.scheduleSelections(polls[0], null);
    const lastYear = yearOf(this.today);
    for (let y = this.plan.foundingYear; y <= lastYear; y++) {
      const pollThisYear = polls.find((d) => yearOf(d) === y);
      const base = Math.max(toDayNumber(firstThursdayInMay(y)), pollThisYear ?? 0);
      const day = base + (this.plan.nation === 'northern-ireland' ? 25 : 10) + this.rng.int(12);
      if (day > this.foundingDay && day <= this.today) {
        this.blocked.add(day);
        this.agenda.push(day, { kind: 'agm' });
      }
    }
    const start = this.b.iso(this.foundingDay + 20);
    this.scheduleTick(Number(start.slice(0, 4)), Number(start.slice(5, 7)));
    for (let e = this.agenda.pop(); e; e = this.agenda.pop()) this.handle(e.day, e.what);
  }

  private scheduleTick(year: number, month: number): void {
    const day = toDayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
    if (day > this.today) return;
    this.agenda.push(day, { kind: 'tick', year, month });
  }

  private handle(day: number, w: Happening): void {
    if ('person' in w) {
      // One change per person per day, so that no membership starts and ends on the same day.
      if (w.person.lastEventDay === day) {
        const next = this.eventDay(day + 1);
        if (next !== null) this.agenda.push(next, w);
        return;
      }
      w.person.lastEventDay = day;
    }
    switch (w.kind) {
      case 'poll':
        this.poll(day);
        break;
      case 'agm':
        this.annualMeeting(day);
        break;
      case 'tick': {
        this.tick(day);
        const m = w.month + TICK_MONTHS;
        this.scheduleTick(m > 12 ? w.year + 1 : w.year, m > 12 ? m - 12 : m);
        break;
      }
      case 'selection':
        for (const post of w.posts) this.select(day, post, w.party, w.pollDay);
        break;
      case 'by-election':
        this.byElection(day, w.post);
        break;
      case 'co-option':
        this.coOption(day, w.seat, w.party);
        break;
      case 'vacancy':
        this.vacancy(day, w.person, w.reason);
        break;
      case 'defection':
        this.defection(day, w.person);
        break;
      case 'leave-party':
        this.leaveParty(day, w.person);
        break;
      case 'whip':
        this.suspendWhip(day, w.person);
        break;
      case 'restore':
        this.restoreWhip(day, w.person, w.party);
        break;
      case 'realign':
        this.realign(day, w.person);
        break;
      case 'challenge':
        if (w.group.leader && w.group.members.size >= 5) this.electLeader(w.group, day, 'challenge');
        break;
      case 'leader-vacancy':
        w.group.vacancyScheduled = false;
        if (!w.group.leader && w.group.members.size > 0) this.electLeader(w.group, day, 'vacancy');
        break;
      case 'motion':
        this.motion(day);
        break;
    }
  }

  // ---- schedule helpers ----

  private seatUpAt(seat: SeatState, pollDay: number): boolean {
    if (pollDay === this.foundingDay) return true;
    return this.slotSets[seat.slot]!.has(pollDay);
  }

  private nextSlotDay(slot: number, after: number): number {
    for (const d of this.slotDays[slot]!) if (d > after) return d;
    return Number.MAX_SAFE_INTEGER;
  }

  private nextCouncilPoll(after: number): number {
    for (const d of this.allPolls) if (d > after) return d;
    return Number.MAX_SAFE_INTEGER;
  }

  private eventDay(day: number): number | null {
    let d = day;
    while (this.blocked.has(d)) d += 1;
    return d <= this.today ? d : null;
  }

  private scheduleSelections(pollDay: number, previousPoll: number | null): void {
    const parties = NATION_PARTIES[this.plan.nation].filter((k) => {
      const from = PARTY_BY_KEY[k].from;
      return !from || pollDay >= dayOf(from);
    });
    const posts = this.posts.filter((post) => post.seats.some((s) => this.seatUpAt(s, pollDay)));
    // Each party selects at one to three meetings a few weeks apart, each for a share of the wards.
    for (const k of parties) {
      const [lo, hi] = PARTY_BY_KEY[k].selectionLead;
      const base = pollDay - lo - this.rng.int(hi - lo + 1);
      const meetings: PostRun[][] = Array.from({ length: 1 + this.rng.int(3) }, () => []);
      for (const post of posts) meetings[this.rng.int(meetings.length)]!.push(post);
      meetings.forEach((batch, i) => {
        if (batch.length === 0) return;
        let day = base + 14 * i + this.rng.int(7);
        if (previousPoll !== null) day = Math.max(day, previousPoll + 21);
        day = Math.min(day, pollDay - 21);
        this.agenda.push(day, { kind: 'selection', posts: batch, party: k, pollDay });
      });
    }
  }

  // ---- people ----

  private newPerson(
    party: PartyKey | null,
    day: number,
    unit: LocalUnit | null,
    surge: SurgeState | null,
  ): PersonState {
    const rec = this.b.person(this.rng, this.plan.nation);
    return {
      id: rec.id,
      name: rec.name,
      party,
      faction: party ? this.pickFaction(party, day, unit, surge, null) : null,
      dead: false,
      firstStood: null,
      seat: null,
      councillor: null,
      partyMembership: null,
      group: null,
      groupMembership: null,
      alignment: null,
      suspended: false,
      terms: 0,
      retiringAt: -1,
      deselectedAt: -1,
      standAsIndependent: false,
      lastBallotDay: -1,
      lastEventDay: -1,
    };
  }

  private pickFaction(
    party: PartyKey,
    day: number,
    unit: LocalUnit | null,
    surge: SurgeState | null,
    avoid: number | null,
  ): number | null {
    const factions = PARTY_BY_KEY[party].factions;
    if (factions.length === 0) return null;
    if (surge?.faction != null && surge.faction !== avoid && this.rng.next() < 0.6) return surge.faction;
    if (this.rng.next() < 0.38) return null;
    const weights: number[] = [];
    let any = false;
    for (let i = 0; i < factions.length; i++) {
      const f = factions[i]!;
      const w =
        i === avoid || day < dayOf(f.foundingDate)
          ? 0
          : factionWeight(f.weights, day) * (unit?.factionTilt[i] ?? 1);
      weights.push(w);
      if (w > 0) any = true;
    }
    return any ? pickIndex(this.rng, weights) : null;
  }

  private unitFor(post: PostRun, party: PartyKey): LocalUnit | null {
    let unit = post.units.get(party);
    if (unit === undefined) {
      unit = this.inputs.units.get(`${party}:${post.plan.unitAreaSlug}`) ?? null;
      post.units.set(party, unit);
    }
    return unit;
  }

  /** A candidate for a party: often someone who stood and lost before, otherwise a newcomer. */
  private pickCandidate(party: PartyKey, day: number, post: PostRun, surge: SurgeState | null): PersonState {
    const pool = this.pools.get(party);
    // Most parties re-run some of their past candidates, paper candidates above all.
    while (pool && pool.length > 0 && this.rng.next() < 0.6) {
      const i = this.rng.int(pool.length);
      const p = pool[i]!;
      pool[i] = pool[pool.length - 1]!;
      pool.pop();
      if (!p.dead && p.party === party && p.seat === null && p.lastBallotDay !== day) return p;
    }
    const p = this.newPerson(party, day, this.unitFor(post, party), surge);
    p.firstStood = day;
    return p;
  }

  // ---- offices ----

  private enterOffice(p: PersonState, seat: SeatState, day: number, reason: Reason): void {
    seat.holder = p;
    p.seat = seat;
    p.councillor = this.b.membership(p.id, this.plan.orgId, 'councillor', day, reason, {
      postId: seat.post.plan.id,
      onBehalfOfId: p.party ? partyId(p.party) : null,
    });
    p.terms += 1;
    if (p.party && !p.partyMembership) {
      const joined = Math.max(dayOf('1975-01-01'), (p.firstStood ?? day) - 200 - this.rng.int(2500));
      p.partyMembership = this.b.membership(p.id, partyId(p.party), 'member', joined, 'joined');
    }
    if (!p.group && !p.suspended) this.joinGroup(p, day, reason);
    if (!p.alignment && p.party && p.faction !== null) this.startAlignment(p, day);
  }

  private leaveOffice(p: PersonState, day: number, reason: Reason): void {
    this.b.end(p.councillor, day, reason);
    p.councillor = null;
    if (p.seat) p.seat.holder = null;
    p.seat = null;
    this.leaveGroup(p, day, reason);
    this.b.end(p.alignment, day, reason);
    p.alignment = null;
    if (this.civic?.person === p) {
      this.b.end(this.civic.membership, day, reason);
      this.civic = null;
    }
    p.suspended = false;
  }

  private startAlignment(p: PersonState, day: number): void {
    const id = this.inputs.factionIds[p.party!]?.[p.faction!];
    if (!id) return;
    p.alignment = this.b.membership(p.id, id, 'aligned', day, null);
  }

  private groupFor(key: GroupKey, day: number): GroupState {
    let g = this.groups.get(key);
    if (!g) {
      const party = key === 'ind' ? null : PARTY_BY_KEY[key];
      const org: Organization = {
        id: `group:${this.plan.slug}.${party ? party.slug : 'independent'}`,
        sourceId: this.b.sourceId,
        classification: 'party-group',
        name: `${this.plan.placeName} ${party ? party.groupName : 'Independent Group'}`,
        shortName: party ? party.shortName : 'Independent',
        parentId: party ? partyId(party.key) : null,
        councilId: this.plan.orgId,
        areaId: null,
        laCode: null,
        gss: null,
        ecId: null,
        councilType: null,
        nation: this.plan.nation,
        region: null,
        electionScheme: null,
        subtype: null,
        colour: party ? party.colour : '#AAAAAA',
        foundingDate: this.b.iso(day),
        dissolutionDate: null,
      };
      this.b.out.organizations.push(org);
      g = { key, org, members: new Set(), leader: null, leaderMembership: null, vacancyScheduled: false };
      this.groups.set(key, g);
    }
    return g;
  }

  private joinGroup(p: PersonState, day: number, reason: Reason): void {
    const g = this.groupFor(p.party ?? 'ind', day);
    g.org.dissolutionDate = null;
    g.members.add(p);
    p.group = g;
    p.groupMembership = this.b.membership(p.id, g.org.id, 'group-member', day, reason);
    if (!g.leader) this.scheduleLeaderVacancy(g, day);
  }

  private leaveGroup(p: PersonState, day: number, reason: Reason): void {
    const g = p.group;
    if (!g) return;
    this.b.end(p.groupMembership, day, reason);
    p.groupMembership = null;
    p.group = null;
    g.members.delete(p);
    if (g.leader === p) {
      this.b.end(g.leaderMembership, day, reason);
      g.leader = null;
      g.leaderMembership = null;
      if (g.members.size > 0) this.scheduleLeaderVacancy(g, day);
    }
    if (g.members.size === 0) {
      g.org.dissolutionDate = this.b.iso(day);
      if (this.admin?.group === g) this.recomputeAdmin(day, reason);
    }
    this.syncCouncilLeader(day, reason);
  }

  private scheduleLeaderVacancy(g: GroupState, day: number): void {
    if (g.vacancyScheduled) return;
    const d = this.eventDay(day + 10 + this.rng.int(25));
    if (d === null) return;
    g.vacancyScheduled = true;
    this.agenda.push(d, { kind: 'leader-vacancy', group: g });
  }

  /** The group meets and chooses a leader: unopposed, or by exhaustive ballot when contested. */
  private electLeader(g: GroupState, day: number, trigger: 'annual-meeting' | 'challenge' | 'vacancy'): void {
    const members = [...g.members];
    if (members.length === 0) return;
    const factionCount = new Map<number | null, number>();
    for (const m of members) factionCount.set(m.faction, (factionCount.get(m.faction) ?? 0) + 1);
    const appeal = (m: PersonState) =>
      (1 + Math.min(m.terms, 4)) *
      (m.faction !== null ? 1 + (factionCount.get(m.faction) ?? 0) / members.length : 1);
    const contested =
      trigger === 'challenge' ||
      (members.length >= 6 && this.rng.next() < (trigger === 'vacancy' ? 0.45 : 0.3));
    const pool = members.filter((m) => m !== g.leader);
    const candidates: PersonState[] = [];
    if (trigger === 'challenge' && g.leader) candidates.push(g.leader);
    const wanted = contested
      ? Math.min(members.length, candidates.length + 1 + (this.rng.next() < 0.35 ? 1 : 0))
      : 1;
    while (candidates.length < Math.max(1, wanted) && pool.length > 0) {
      const pick = pickIndex(
        this.rng,
        pool.map((m) => appeal(m)),
      );
      candidates.push(pool[pick]!);
      pool.splice(pick, 1);
    }
    if (candidates.length === 0 && g.leader) return;
    let winner = candidates[0]!;
    if (candidates.length > 1) {
      const result = this.leadershipBallot(members, candidates);
      winner = result.winner;
      const party = g.key === 'ind' ? null : g.key;
      this.b.event(
        'leadership-election',
        day,
        `${g.org.name} leadership election: ${winner.name} elected`,
        { councilId: this.plan.orgId, organizationId: g.org.id, personId: winner.id },
        {
          groupId: g.org.id,
          partyId: party ? partyId(party) : null,
          trigger,
          electorate: members.length,
          candidates: candidates.map((c) => c.id),
          rounds: result.rounds,
          winnerId: winner.id,
          incumbentId: g.leader?.id ?? null,
        },
      );
    }
    if (g.leader === winner) return;
    this.b.end(g.leaderMembership, day, 'term-ended');
    g.leader = winner;
    g.leaderMembership = this.b.membership(winner.id, g.org.id, 'leader', day, 'elected', {
      label: 'Group leader',
    });
    this.syncCouncilLeader(day, 'term-ended');
  }

  /** Exhaustive ballot among the group's members; members favour candidates of their own faction. */
  private leadershipBallot(
    members: PersonState[],
    candidates: PersonState[],
  ): { winner: PersonState; rounds: Array<{ votes: Record<string, number> }> } {
    const appeal = candidates.map(() => this.rng.next());
    const rankings = members.map((m) => {
      const scored = candidates.map((c, i) => {
        let s = appeal[i]! + 1.5 * this.rng.next();
        if (c === m) s += 10;
        if (m.faction !== null && c.faction === m.faction) s += 2;
        return [i, s] as const;
      });
      return scored.sort((a, b) => b[1] - a[1]).map(([i]) => i);
    });
    const alive = new Set(candidates.map((_, i) => i));
    const rounds: Array<{ votes: Record<string, number> }> = [];
    for (;;) {
      const tally = new Map<number, number>();
      for (const i of alive) tally.set(i, 0);
      for (const r of rankings) {
        const first = r.find((i) => alive.has(i));
        if (first !== undefined) tally.set(first, tally.get(first)! + 1);
      }
      rounds.push({ votes: Object.fromEntries([...tally].map(([i, n]) => [candidates[i]!.id, n])) });
      const ordered = [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const [top, topVotes] = ordered[0]!;
      if (topVotes * 2 > members.length || alive.size <= 2) {
        return { winner: candidates[top]!, rounds };
      }
      alive.delete(ordered[ordered.length - 1]![0]);
    }
  }

  /**
   * Who runs the council: a majority group, or in no overall control the administration in office while it
   * stays near the largest group, else the largest group alone or in coalition with a compatible partner.
   */
  private recomputeAdmin(day: number, reason: Reason): void {
    if (!this.plan.hasLeader) return;
    const list = [...this.groups.values()].filter((g) => g.members.size > 0);
    list.sort((a, b) => b.members.size - a.members.size);
    const majority = Math.floor(this.plan.seats / 2) + 1;
    const name = (g: GroupState) => (g.key === 'ind' ? 'Independent' : PARTY_BY_KEY[g.key].shortName);
    const first = list[0];
    const cur = this.admin;
    let next: Admin | null = null;
    if (first && first.members.size >= majority) {
      next =
        cur?.group === first && cur.label.endsWith('majority')
          ? cur
          : { group: first, label: `${name(first)} majority` };
    } else if (
      cur &&
      cur.group.members.size > 0 &&
      cur.group.members.size >= 0.75 * (first?.members.size ?? 0) &&
      !cur.label.endsWith('majority')
    ) {
      next = cur;
    } else if (first) {
      let lead = first;
      const second = list[1];
      if (second && second.members.size >= 0.75 * first.members.size && this.rng.next() < 0.2) lead = second;
      const partner = list.find(
        (g) => g !== lead && compatible(lead.key, g.key) && lead.members.size + g.members.size >= majority,
      );
      next =
        partner && this.rng.next() < 0.7
          ? { group: lead, label: `${name(lead)}–${name(partner)} coalition` }
          : { group: lead, label: `${name(lead)} minority administration` };
    }
    this.admin = next;
    this.syncCouncilLeader(day, reason);
  }

  /** Keeps the council leader equal to the leader of the group that runs the council. */
  private syncCouncilLeader(day: number, reason: Reason): void {
    if (!this.plan.hasLeader || this.holdSync) return;
    const desired = this.admin?.group.leader ?? null;
    const label = this.admin ? `Leader of the Council (${this.admin.label})` : null;
    const cur = this.councilLeader;
    if (cur.person === desired && cur.label === label) return;
    this.b.end(cur.membership, day, reason);
    this.councilLeader = desired
      ? {
          person: desired,
          label,
          membership: this.b.membership(desired.id, this.plan.orgId, 'leader', day, 'elected', {
            label: label ?? undefined,
          }),
        }
      : { person: null, label: null, membership: null };
  }

  // ---- happenings ----

  /** Shares the ward would give each party on a day, with ballot-level noise when `noise` > 0. */
  private expectedShares(post: PostRun, day: number, noise: number): Partial<Record<ShareKey, number>> {
    if (noise === 0 && post.expected?.day === day) return post.expected.shares;
    const out: Partial<Record<ShareKey, number>> = {};
    let sum = 0;
    const lean = this.plan.lean;
    const wardLean = post.plan.lean;
    const row = nationalRow(this.plan.nation, day);
    for (let i = 0; i < row.keys.length; i++) {
      const key = row.keys[i]!;
      const w =
        row.values[i]! * lean[key] * wardLean[key] * (noise > 0 ? Math.exp(noise * normal(this.rng)) : 1);
      out[key] = w;
      sum += w;
    }
    for (const k in out) out[k as ShareKey] = out[k as ShareKey]! / sum;
    if (noise === 0) post.expected = { day, shares: out };
    return out;
  }

  /** The seats of a ward up at a poll, remembered for the run of selections before it. */
  private upSeats(post: PostRun, pollDay: number): SeatState[] {
    if (post.up?.day !== pollDay)
      post.up = { day: pollDay, seats: post.seats.filter((s) => this.seatUpAt(s, pollDay)) };
    return post.up.seats;
  }

  private select(day: number, post: PostRun, party: PartyKey, pollDay: number): void {
    const up = this.upSeats(post, pollDay);
    if (up.length === 0) return;
    const year = yearOf(pollDay);
    const def = PARTY_BY_KEY[party];
    const e = this.expectedShares(post, pollDay, 0)[party] ?? 0;
    let anySitting = false;
    for (const s of up) if (s.holder && s.holder.party === party && !s.holder.suspended) anySitting = true;
    if (!anySitting && this.rng.next() >= standProbability(party, this.plan.nation, year, e)) return;
    const sitting: PersonState[] = [];
    for (const s of up)
      if (s.holder && s.holder.party === party && !s.holder.suspended) sitting.push(s.holder);
    let places: number;
    if (this.plan.stv) {
      places = Math.round(e * (up.length + 1) + 0.3 + 0.3 * normal(this.rng));
      places = Math.min(up.length, Math.max(1, places));
    } else {
      places = isMajor(party, this.plan.nation, e) ? up.length : 1;
    }
    const seekers: PersonState[] = [];
    for (const h of sitting) {
      if (this.rng.next() < Math.min(0.5, 0.14 + 0.05 * h.terms)) h.retiringAt = pollDay;
      else seekers.push(h);
    }
    places = Math.max(places, seekers.length);
    const unit = this.unitFor(post, party);
    const surge = unit ? surgeAt(unit, day) : null;
    const deselected: PersonState[] = [];
    for (const h of seekers) {
      let p = def.deselectionBase * periodFactor(party, year);
      p *= 1 + 6 * Math.max(0, (surge?.localGrowth ?? 0) - 0.1);
      if (surge?.faction != null) p *= h.faction === surge.faction ? 0.3 : 1.6;
      if (this.rng.next() < Math.min(0.7, p)) deselected.push(h);
    }
    const kept = seekers.filter((h) => !deselected.includes(h));
    const challengers: PersonState[] = [];
    for (let i = kept.length; i < places; i++) challengers.push(this.pickCandidate(party, day, post, surge));
    const losers: PersonState[] = [];
    if (deselected.length === 0 && challengers.length > 0 && this.rng.next() < 0.1) {
      const n = 1 + (this.rng.next() < 0.3 ? 1 : 0);
      for (let i = 0; i < n; i++) losers.push(this.pickCandidate(party, day, post, surge));
      const pool = this.pools.get(party) ?? [];
      pool.push(...losers);
      this.pools.set(party, pool);
    }
    const chosen = [...kept, ...challengers];
    const rejected = [...deselected, ...losers];
    const contested = rejected.length > 0;
    const votes = contested ? new Map<PersonState, number>() : null;
    if (votes) {
      // Members vote in a contested selection; the winners are those the selection chose.
      const members = unit ? unitCount(unit, day) : 80;
      const voters = Math.max(8, Math.round(members * (0.12 + 0.2 * this.rng.next())));
      const shares = [...chosen, ...rejected].map(() => 0.5 + this.rng.next()).sort((a, b) => b - a);
      const total = shares.reduce((a, b) => a + b, 0);
      [...chosen, ...rejected].forEach((p, i) => {
        votes.set(
          p,
          Math.max(
            1,
            Math.round((voters * Math.min(chosen.length + rejected.length, up.length) * shares[i]!) / total),
          ),
        );
      });
    }
    const method: Selection['method'] =
      sitting.length === 0
        ? 'open'
        : def.sittingMethod === 'automatic'
          ? contested
            ? 'open'
            : 'automatic'
          : def.sittingMethod;
    const ward = post.plan;
    const selection: Selection = {
      id: `selection:${def.slug}.${this.plan.slug}.${ward.slug}.${this.b.iso(pollDay)}`,
      sourceId: this.b.sourceId,
      partyId: partyId(party),
      localPartyId: unit?.id ?? null,
      councilId: this.plan.orgId,
      postId: ward.id,
      pollDate: this.b.iso(pollDay),
      date: this.b.iso(day),
      method,
    };
    // Uncontested choices of newcomers for open seats are rarely reported, and recording every one of them
    // would double the registry; what Caucus follows are selections involving a sitting councillor or a contest.
    const recorded = sitting.length > 0 || contested;
    if (recorded) this.b.out.selections.push(selection);
    const add = (p: PersonState, isSitting: boolean, sought: boolean, isChosen: boolean) => {
      if (!recorded) return;
      this.b.out.selectionCandidates.push({
        selectionId: selection.id,
        personId: p.id,
        sitting: isSitting,
        soughtReselection: sought,
        chosen: isChosen,
        votes: votes?.get(p) ?? null,
      });
    };
    for (const h of sitting) add(h, true, seekers.includes(h), kept.includes(h));
    for (const p of challengers) add(p, false, false, true);
    for (const p of losers) add(p, false, false, false);
    for (const p of challengers) p.firstStood ??= day;
    post.pending.set(party, { party, selection, recorded, chosen, sitting: kept, pollDay });
    for (const h of deselected) {
      h.deselectedAt = pollDay;
      this.b.event(
        'deselection',
        day,
        `${h.name} deselected by the ${def.shortName} party in ${ward.name}`,
        { councilId: this.plan.orgId, organizationId: partyId(party), personId: h.id },
        {
          partyId: partyId(party),
          selectionId: selection.id,
          postId: ward.id,
          localPartyId: unit?.id ?? null,
          pollDate: selection.pollDate,
        },
      );
      if (this.rng.next() < 0.3) {
        const d = this.eventDay(day + 7 + this.rng.int(Math.max(1, pollDay - day - 30)));
        if (d !== null && d < pollDay) this.agenda.push(d, { kind: 'leave-party', person: h });
      }
    }
  }

  private poll(day: number): void {
    const i = this.pastPolls.indexOf(day);
    const next = this.pastPolls[i + 1];
    if (next !== undefined) this.scheduleSelections(next, day);
    this.election(day, true);
    for (const post of this.posts) {
      const contest = post.seats.filter((s) => this.seatUpAt(s, day) || s.combinedAt === day);
      if (contest.length === 0) continue;
      for (const s of contest) if (s.combinedAt === day) s.combinedAt = -1;
      this.ballot(post, contest, day, false);
    }
  }

  private election(day: number, ordinary: boolean): string {
    const id = `local.${this.plan.slug}.${this.b.iso(day)}`;
    const known = this.elections.get(day);
    if (!known) {
      this.elections.set(day, { ordinary });
      this.b.out.elections.push({
        id,
        sourceId: this.b.sourceId,
        councilId: this.plan.orgId,
        date: this.b.iso(day),
        ordinary,
      });
    }
    return id;
  }

  private turnout(day: number, byElection: boolean): number {
    const year = yearOf(day);
    let t = this.plan.turnout;
    if (this.plan.nation === 'england' && year === 2015 && !byElection) t = 0.65;
    if (byElection) t *= 0.7;
    return t;
  }

  private ballot(post: PostRun, contest: SeatState[], day: number, byElection: boolean): void {
    const plan = this.plan;
    const seatsUp = contest.length;
    const holders = contest.map((s) => s.holder).filter((h): h is PersonState => h !== null);
    interface Cand {
      person: PersonState;
      party: PartyKey | null;
      incumbent: boolean;
    }
    const cands: Cand[] = [];
    const push = (p: PersonState, party: PartyKey | null) => {
      if (p.lastBallotDay === day) return;
      p.lastBallotDay = day;
      cands.push({ person: p, party, incumbent: holders.includes(p) });
    };
    if (!byElection) {
      const slotSeats = contest.filter((s) => this.seatUpAt(s, day)).length;
      for (const pend of post.pending.values()) {
        if (pend.pollDay !== day) continue;
        const party = pend.party;
        const valid = pend.chosen.filter(
          (p) =>
            !p.dead &&
            p.party === party &&
            !p.suspended &&
            (p.seat === null ? !pend.sitting.includes(p) : contest.includes(p.seat)),
        );
        // A vacancy filled alongside the regular contest: parties with a full slate add a candidate.
        if (
          !plan.stv &&
          seatsUp > slotSeats &&
          pend.chosen.length >= slotSeats &&
          isMajor(party, plan.nation, 0)
        ) {
          for (let i = slotSeats; i < seatsUp; i++) {
            // A newcomer: anyone from the pool might already have been turned down by this selection.
            const extra = this.newPerson(party, day, this.unitFor(post, party), null);
            extra.firstStood = day;
            valid.push(extra);
            if (pend.recorded)
              this.b.out.selectionCandidates.push({
                selectionId: pend.selection.id,
                personId: extra.id,
                sitting: false,
                soughtReselection: false,
                chosen: true,
                votes: null,
              });
          }
        }
        for (const p of valid) push(p, party);
      }
      for (const h of holders) {
        if (h.party !== null || h.dead) continue;
        if (h.standAsIndependent || (h.retiringAt !== day && this.rng.next() < 0.75)) push(h, null);
      }
      const n = poisson(this.rng, plan.indLambda * Math.sqrt(post.plan.lean.ind) * seatsUp);
      for (let i = 0; i < n; i++) push(this.newPerson(null, day, null, null), null);
    } else {
      const shares = this.expectedShares(post, day, 0);
      const year = yearOf(day);
      for (const party of NATION_PARTIES[plan.nation]) {
        const from = PARTY_BY_KEY[party].from;
        if (from && day < dayOf(from)) continue;
        const e = shares[party] ?? 0;
        const p = isMajor(party, plan.nation, e)
          ? 0.97
          : Math.min(standProbability(party, plan.nation, year, e), 0.2 + 3 * e);
        if (this.rng.next() < p) {
          const unit = this.unitFor(post, party);
          push(this.pickCandidate(party, day, post, unit ? surgeAt(unit, day) : null), party);
        }
      }
      const n = poisson(this.rng, plan.indLambda * 0.6 * Math.sqrt(post.plan.lean.ind));
      for (let i = 0; i < n; i++) push(this.newPerson(null, day, null, null), null);
    }
    while (cands.length < seatsUp) push(this.newPerson(null, day, null, null), null);

    const cancelled = cands.length === seatsUp;
    let votes: Array<number | null>;
    let winners: number[];
    if (cancelled) {
      votes = cands.map(() => null);
      winners = cands
        .map((_, i) => i)
        .sort((a, b) => Number(cands[b]!.incumbent) - Number(cands[a]!.incumbent) || a - b);
    } else {
      const shares = this.expectedShares(post, day, byElection ? 0.25 : 0.13);
      const indIdx = cands.map((c, i) => (c.party === null ? i : -1)).filter((i) => i >= 0);
      const weight: number[] = cands.map(() => 0);
      const byParty = new Map<PartyKey, number[]>();
      cands.forEach((c, i) => {
        if (c.party) {
          const list = byParty.get(c.party) ?? [];
          list.push(i);
          byParty.set(c.party, list);
        }
      });
      let total = 0;
      const partyWeight = new Map<PartyKey, number>();
      byParty.forEach((_, party) => {
        const w = shares[party] ?? 0.001;
        partyWeight.set(party, w);
        total += w;
      });
      if (indIdx.length > 0) {
        // Independents share one pool, which grows slowly with their number and with sitting independents.
        const sittingInd = indIdx.filter((i) => cands[i]!.incumbent).length;
        const pool = (shares.ind ?? 0.02) * (1 + 0.4 * Math.log(indIdx.length)) * (sittingInd > 0 ? 1.5 : 1);
        const w = indIdx.map((i) => Math.exp(0.5 * normal(this.rng)) * (cands[i]!.incumbent ? 2 : 1));
        const sw = w.reduce((a, v) => a + v, 0);
        indIdx.forEach((i, j) => {
          weight[i] = (pool * w[j]!) / sw;
          total += weight[i]!;
        });
      }
      const turnoutVotes =
        post.plan.electorate * this.turnout(day, byElection) * Math.exp(0.08 * normal(this.rng));
      const fp: number[] = cands.map(() => 0);
      byParty.forEach((idx, party) => {
        const partyVotes = (turnoutVotes * partyWeight.get(party)!) / total;
        if (plan.stv) {
          const split = idx.map((i) => Math.exp(0.35 * normal(this.rng)) * (cands[i]!.incumbent ? 1.4 : 1));
          const s = split.reduce((a, b) => a + b, 0);
          idx.forEach((i, j) => {
            fp[i] = (partyVotes * split[j]!) / s;
          });
        } else {
          // Sitting councillors head their party's slate: a slight personal vote, then the party list.
          let rank = 0;
          for (const pass of [true, false]) {
            for (const i of idx) {
              if (cands[i]!.incumbent !== pass) continue;
              fp[i] = partyVotes * (1 - 0.035 * rank) * Math.exp(0.03 * normal(this.rng)) * (pass ? 1.05 : 1);
              rank += 1;
            }
          }
        }
      });
      for (const i of indIdx) fp[i] = (turnoutVotes * weight[i]!) / total;
      const rounded = fp.map((v) => Math.max(1, Math.round(v)));
      votes = rounded;
      if (plan.stv) {
        const groups = cands.map((c, i) => c.party ?? `ind:${i}`);
        const affinity = (a: string, b: string) => {
          if (a === b) return 6;
          const ba = PARTY_BY_KEY[a as PartyKey]?.bloc;
          const bb = PARTY_BY_KEY[b as PartyKey]?.bloc;
          return ba !== undefined && ba !== 0 && ba === bb ? 2.5 : 1;
        };
        winners = stvCount(rounded, groups, seatsUp, { affinity }).elected;
      } else {
        winners = topN(
          rounded,
          seatsUp,
          cands.map(() => this.rng.next()),
        );
      }
    }

    const ward = post.plan;
    const date = this.b.iso(day);
    const electionId = this.election(day, !byElection);
    const ballotId = byElection
      ? `local.${plan.slug}.${ward.slug}.by.${date}`
      : `local.${plan.slug}.${ward.slug}.${date}`;
    this.b.out.ballots.push({
      id: ballotId,
      sourceId: this.b.sourceId,
      electionId,
      postId: ward.id,
      date,
      seatsContested: seatsUp,
      byElection,
      cancelled,
    });
    const won = new Set(winners);
    cands.forEach((c, i) => {
      this.b.out.candidacies.push({
        id: this.b.candidacyId(),
        sourceId: this.b.sourceId,
        ballotId,
        personId: c.person.id,
        partyId: c.party ? partyId(c.party) : null,
        votes: votes[i] ?? null,
        elected: won.has(i),
      });
    });

    const winnerPeople = winners.map((i) => cands[i]!.person);
    const stood = new Set(cands.map((c) => c.person));
    const previousParty = holders[0]?.party ?? null;
    for (const s of contest) {
      const h = s.holder;
      if (!h) continue;
      if (winnerPeople.includes(h)) {
        this.b.end(h.councillor, day, 'term-ended');
        h.councillor = null;
        s.holder = null;
        h.seat = null;
      } else {
        const reason: Reason = stood.has(h)
          ? 'lost-seat'
          : h.deselectedAt === day
            ? 'deselected'
            : 'stood-down';
        this.leaveOffice(h, day, reason);
      }
    }
    // The best-placed winner takes the seat whose term runs longest.
    const seatOrder =
      contest.length === 1
        ? contest
        : [...contest].sort(
            (a, b) => this.nextSlotDay(b.slot, day) - this.nextSlotDay(a.slot, day) || a.index - b.index,
          );
    winnerPeople.forEach((w, i) => {
      this.enterOffice(w, seatOrder[i]!, day, byElection ? 'by-election' : 'elected');
    });
    for (const c of cands) {
      const p = c.person;
      p.retiringAt = -1;
      p.deselectedAt = -1;
      p.standAsIndependent = false;
      if (!won.has(cands.indexOf(c)) && c.party && !p.dead && p.party === c.party && p.seat === null) {
        const pool = this.pools.get(c.party) ?? [];
        pool.push(p);
        this.pools.set(c.party, pool);
      }
    }
    for (const h of holders) {
      h.retiringAt = -1;
      h.deselectedAt = -1;
    }
    if (!byElection) {
      for (const pend of [...post.pending.values()])
        if (pend.pollDay === day) post.pending.delete(pend.party);
    } else {
      const first = winnerPeople[0]!;
      const heldBy = previousParty;
      this.b.event(
        'by-election',
        day,
        `${ward.name} by-election: ${first.name} (${first.party ? PARTY_BY_KEY[first.party].shortName : 'Independent'}) elected`,
        { councilId: plan.orgId, organizationId: null, personId: first.id },
        {
          ballotId,
          postId: ward.id,
          winnerIds: winnerPeople.map((p) => p.id),
          winnerPartyId: first.party ? partyId(first.party) : null,
          seats: seatsUp,
          previousPartyId: heldBy ? partyId(heldBy) : null,
        },
      );
    }
  }

  private fillVacancy(seat: SeatState, day: number, party: PartyKey | null): void {
    const own = this.nextSlotDay(seat.slot, day);
    if (this.plan.nation === 'northern-ireland' && party) {
      // Northern Irish parties fill casual vacancies by co-option, not by-election.
      const d = this.eventDay(day + 20 + this.rng.int(40));
      if (d !== null && d < own) this.agenda.push(d, { kind: 'co-option', seat, party });
      return;
    }
    if (own - day < 183) return;
    const next = this.nextCouncilPoll(day);
    if (next < own && next - day < 183 && seat.post.seats.some((s) => s !== seat && this.seatUpAt(s, next))) {
      seat.combinedAt = next;
      return;
    }
    const post = seat.post;
    for (const [d, seats] of post.byElections) {
      if (d >= day + 21) {
        seats.push(seat);
        return;
      }
    }
    let d = nextThursday(day + 35 + this.rng.int(42));
    if (d >= next - 7 && next <= this.today) d = next;
    while (post.byElections.has(d)) d += 7;
    if (d > this.today) return;
    post.byElections.set(d, [seat]);
    this.agenda.push(d, { kind: 'by-election', post });
  }

  private byElection(day: number, post: PostRun): void {
    const seats = (post.byElections.get(day) ?? []).filter((s) => s.holder === null && s.combinedAt < 0);
    post.byElections.delete(day);
    if (seats.length === 0) return;
    this.ballot(post, seats, day, true);
  }

  private coOption(day: number, seat: SeatState, party: PartyKey): void {
    if (seat.holder) return;
    const unit = this.unitFor(seat.post, party);
    const p = this.newPerson(party, day, unit, null);
    p.firstStood = day;
    this.enterOffice(p, seat, day, 'co-opted');
    this.b.event(
      'other',
      day,
      `${p.name} co-opted to fill a ${PARTY_BY_KEY[party].shortName} vacancy in ${seat.post.plan.name}`,
      { councilId: this.plan.orgId, organizationId: partyId(party), personId: p.id },
      { kind: 'co-option', partyId: partyId(party), postId: seat.post.plan.id },
    );
  }

  private vacancy(day: number, h: PersonState, reason: 'resigned' | 'died'): void {
    if (!h.seat || h.dead) return;
    const seat = h.seat;
    const party = h.party;
    const where = seat.post.plan.name;
    this.b.event(
      reason === 'resigned' ? 'resignation' : 'other',
      day,
      reason === 'resigned' ? `Cllr ${h.name} resigns (${where})` : `Death of Cllr ${h.name} (${where})`,
      { councilId: this.plan.orgId, organizationId: this.plan.orgId, personId: h.id },
      {
        kind: reason === 'resigned' ? 'resignation' : 'death',
        postId: seat.post.plan.id,
        partyId: party ? partyId(party) : null,
      },
    );
    this.leaveOffice(h, day, reason);
    if (reason === 'died') {
      h.dead = true;
      this.b.end(h.partyMembership, day, 'died');
      h.partyMembership = null;
    }
    this.fillVacancy(seat, day, party);
  }

  private changeParty(h: PersonState, day: number, to: PartyKey | null): void {
    const from = h.party;
    this.b.event(
      'defection',
      day,
      `Cllr ${h.name} leaves ${from ? PARTY_BY_KEY[from].shortName : 'the independents'} for ${to ? PARTY_BY_KEY[to].shortName : 'the independent benches'}`,
      { councilId: this.plan.orgId, organizationId: to ? partyId(to) : null, personId: h.id },
      { fromPartyId: from ? partyId(from) : null, toPartyId: to ? partyId(to) : null },
    );
    this.leaveGroup(h, day, 'defected');
    this.b.end(h.alignment, day, 'defected');
    h.alignment = null;
    this.b.end(h.partyMembership, day, 'defected');
    h.partyMembership = null;
    h.party = to;
    h.faction = null;
    h.suspended = false;
    h.firstStood = day;
    if (to) h.partyMembership = this.b.membership(h.id, partyId(to), 'member', day, 'defected');
    if (h.seat) this.joinGroup(h, day, 'defected');
  }

  private defection(day: number, h: PersonState): void {
    if (!h.seat || h.dead) return;
    const year = yearOf(day);
    const nationParties = NATION_PARTIES[this.plan.nation];
    const options = defectionTargets(h.party, year)
      .map(([k, w]) => [k === 'grn' && this.plan.nation === 'scotland' ? 'sgp' : k, w] as const)
      .filter(([k, w]) => {
        if (w <= 0 || k === h.party) return false;
        if (k === null) return true;
        const from = PARTY_BY_KEY[k].from;
        return (
          nationParties.includes(k) &&
          (!from || day >= dayOf(from)) &&
          nationalShare(this.plan.nation, k, day) > 0.5
        );
      });
    if (options.length === 0) return;
    this.changeParty(h, day, pickWeighted(this.rng, options));
  }

  private leaveParty(day: number, h: PersonState): void {
    if (!h.seat || h.dead || h.party === null || h.deselectedAt < 0) return;
    this.changeParty(h, day, null);
    h.standAsIndependent = this.rng.next() < 0.7;
    if (!h.standAsIndependent) h.retiringAt = h.deselectedAt;
  }

  private suspendWhip(day: number, h: PersonState): void {
    if (!h.seat || !h.group || h.party === null || h.dead) return;
    const party = h.party;
    this.b.event(
      'whip-suspension',
      day,
      `${PARTY_BY_KEY[party].shortName} whip suspended from Cllr ${h.name}`,
      { councilId: this.plan.orgId, organizationId: h.group.org.id, personId: h.id },
      { partyId: partyId(party), groupId: h.group.org.id },
    );
    this.leaveGroup(h, day, 'whip-suspended');
    h.suspended = true;
    if (this.rng.next() < 0.5) {
      const d = this.eventDay(day + 60 + this.rng.int(240));
      if (d !== null) this.agenda.push(d, { kind: 'restore', person: h, party });
    }
  }

  private restoreWhip(day: number, h: PersonState, party: PartyKey): void {
    if (!h.seat || !h.suspended || h.party !== party || h.dead) return;
    h.suspended = false;
    this.joinGroup(h, day, 'whip-restored');
    this.b.event(
      'whip-restored',
      day,
      `${PARTY_BY_KEY[party].shortName} whip restored to Cllr ${h.name}`,
      { councilId: this.plan.orgId, organizationId: h.group?.org.id ?? null, personId: h.id },
      { partyId: partyId(party), groupId: h.group?.org.id ?? null },
    );
  }

  private realign(day: number, h: PersonState): void {
    if (!h.seat || h.party === null || h.dead) return;
    const unit = this.unitFor(h.seat.post, h.party);
    const next = this.rng.next() < 0.3 ? null : this.pickFaction(h.party, day, unit, null, h.faction);
    if (next === h.faction) return;
    this.b.end(h.alignment, day, null);
    h.alignment = null;
    h.faction = next;
    if (next !== null) this.startAlignment(h, day);
  }

  private annualMeeting(day: number): void {
    // Groups choose leaders and the council its administration at one meeting: the council leader changes once.
    this.holdSync = true;
    for (const g of this.groups.values()) {
      if (g.members.size === 0) continue;
      if (!g.leader) this.electLeader(g, day, 'annual-meeting');
      else if (g.members.size >= 6 && this.rng.next() < 0.05) this.electLeader(g, day, 'challenge');
    }
    this.recomputeAdmin(day, 'term-ended');
    this.holdSync = false;
    this.syncCouncilLeader(day, 'term-ended');
    if (this.civic) {
      this.b.end(this.civic.membership, day, 'term-ended');
      this.civic = null;
    }
    const holders: PersonState[] = [];
    for (const post of this.posts) for (const s of post.seats) if (s.holder) holders.push(s.holder);
    const leaders = new Set<PersonState | null>();
    for (const g of this.groups.values()) leaders.add(g.leader);
    const eligible = holders.filter((h) => !leaders.has(h));
    if (eligible.length === 0) return;
    const adminGroup = this.admin?.group;
    const pick = pickIndex(
      this.rng,
      eligible.map((h) => (h.group === adminGroup ? 3 : 1) * (1 + h.terms)),
    );
    const chosen = eligible[pick]!;
    this.civic = {
      person: chosen,
      membership: this.b.membership(chosen.id, this.plan.orgId, this.plan.civicRole, day, 'elected', {
        label: this.plan.civicLabel,
      }),
    };
  }

  /** Once a quarter, each councillor, group and council may meet one of the chance happenings. */
  private tick(day: number): void {
    const year = yearOf(day);
    const later = () => this.eventDay(day + this.rng.int(TICK_DAYS));
    const hazard = new Map<PartyKey | null, number>();
    for (const post of this.posts) {
      for (const s of post.seats) {
        const h = s.holder;
        if (!h) continue;
        const u = this.rng.next();
        let pDefect = hazard.get(h.party);
        if (pDefect === undefined) {
          pDefect = TICK_MONTHS * defectionHazard(h.party, year);
          hazard.set(h.party, pDefect);
        }
        const pVacancy = TICK_MONTHS * 0.0019;
        pDefect += pVacancy;
        const pWhip = pDefect + (h.party && h.group ? TICK_MONTHS * 0.00025 : 0);
        const pRealign =
          pWhip + (h.party && PARTY_BY_KEY[h.party].factions.length > 0 ? TICK_MONTHS * 0.0012 : 0);
        if (u >= pRealign) continue;
        const d = later();
        if (d === null) continue;
        if (u < pVacancy) {
          this.agenda.push(d, {
            kind: 'vacancy',
            person: h,
            reason: this.rng.next() < 0.25 ? 'died' : 'resigned',
          });
        } else if (u < pDefect) this.agenda.push(d, { kind: 'defection', person: h });
        else if (u < pWhip) this.agenda.push(d, { kind: 'whip', person: h });
        else this.agenda.push(d, { kind: 'realign', person: h });
      }
    }
    for (const g of this.groups.values()) {
      if (g.leader && g.members.size >= 5 && this.rng.next() < TICK_MONTHS * 0.006) {
        const d = later();
        if (d !== null) this.agenda.push(d, { kind: 'challenge', group: g });
      }
    }
    if (this.rng.next() < TICK_MONTHS * 0.005) {
      const d = later();
      if (d !== null) this.agenda.push(d, { kind: 'motion' });
    }
  }

  private motion(day: number): void {
    const year = yearOf(day);
    const live = [...this.groups.values()].filter((g) => g.members.size > 0);
    if (live.length === 0) return;
    type MotionType = 'pension-divestment' | 'budget-refusal' | 'council-tax-referendum' | 'other';
    const motionType = pickWeighted<MotionType>(this.rng, [
      ['pension-divestment', year >= 2015 ? 0.45 : 0.15],
      ['budget-refusal', year >= 2015 && year <= 2020 ? 0.15 : 0.04],
      ['council-tax-referendum', 0.15],
      ['other', 0.25],
    ]);
    const left = (g: GroupState) =>
      g.key === 'grn' || g.key === 'sgp' || g.key === 'lab' || g.key === 'snp' || g.key === 'pc';
    let proposerGroup: GroupState | undefined;
    if (motionType === 'council-tax-referendum') proposerGroup = this.admin?.group ?? live[0];
    else if (motionType === 'pension-divestment' || motionType === 'budget-refusal')
      proposerGroup = live.find(left);
    else proposerGroup = live[this.rng.int(live.length)];
    if (!proposerGroup) return;
    const members = [...proposerGroup.members];
    const leftFaction = proposerGroup.key === 'lab' ? 0 : proposerGroup.key === 'grn' ? 0 : -1;
    const keen = members.filter((m) => m.faction === leftFaction);
    const proposer = (keen.length > 0 && motionType !== 'council-tax-referendum' ? keen : members)[
      this.rng.int(keen.length > 0 && motionType !== 'council-tax-referendum' ? keen.length : members.length)
    ]!;
    let votesFor = 0;
    let votesAgainst = 0;
    let abstentions = 0;
    for (const g of live) {
      let pFor: number;
      if (g === proposerGroup) pFor = motionType === 'budget-refusal' ? 0.55 : 0.92;
      else if (g === this.admin?.group) pFor = motionType === 'council-tax-referendum' ? 0.9 : 0.12;
      else if (motionType === 'pension-divestment' && left(g)) pFor = 0.6;
      else pFor = 0.2;
      for (const _ of g.members) {
        const r = this.rng.next();
        if (r < pFor) votesFor++;
        else if (r < pFor + 0.08) abstentions++;
        else votesAgainst++;
      }
    }
    const result = votesFor > votesAgainst ? 'carried' : 'defeated';
    const titles: Record<MotionType, string> = {
      'pension-divestment': 'Motion asking the pension fund to divest from fossil fuels and arms companies',
      'budget-refusal': 'Motion to refuse to set a budget that makes further cuts',
      'council-tax-referendum': 'Motion to hold a council-tax referendum on a rise above the limit',
      other: pickWeighted(this.rng, [
        ['Motion declaring a climate emergency', 1],
        ['Motion on a cost-of-living emergency', 1],
        ['Motion of no confidence in the leader of the council', 0.5],
      ]),
    };
    this.b.event(
      'motion',
      day,
      `${titles[motionType]}: ${result}`,
      { councilId: this.plan.orgId, organizationId: proposerGroup.org.id, personId: proposer.id },
      {
        motionType,
        result,
        votesFor,
        votesAgainst,
        abstentions,
        proposerId: proposer.id,
        proposerGroupId: proposerGroup.org.id,
      },
    );
  }
}

/** Deselections rose in Labour while its left was ascendant and again in the purge that followed. */
function periodFactor(party: PartyKey, year: number): number {
  if (party === 'lab' && year >= 2017 && year <= 2019) return 1.5;
  if (party === 'lab' && year >= 2021 && year <= 2023) return 1.3;
  if (party === 'con' && (year === 2019 || year === 2023 || year === 2024)) return 1.25;
  if (party === 'grn' && year >= 2025) return 1.3;
  return 1;
}

function unitCount(unit: LocalUnit, day: number): number {
  let c = unit.counts[0] ?? 50;
  for (let i = 0; i < unit.quarters.length && unit.quarters[i]! <= day; i++) c = unit.counts[i]!;
  return c;
}
