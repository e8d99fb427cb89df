/**
 * The incumbency ledger (pure): for each seat up at a council's ordinary election, who held it and what became of
 * them: re-elected, lost (stood for the same party and lost), changed-party (stood for another party or as an
 * independent), moved (stood for the same party in another ward), stood-down (did not stand), or deselected
 * (did not stand, and a recorded selection or a sourced deselection event says they lost their party's
 * nomination). Without such a record a missing incumbent is stood-down: deselection is never guessed.
 *
 * Incumbents come from replaying the council's history: every ordinary poll retires the seats whose terms end
 * (the longest-held first) and seats its winners; a by-election fills a vacancy for the rest of its term.
 */
import type { IsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { EventType } from '../../domain/model.js';
import type { AllOutTermRule } from '../timetable/index.js';

export const OUTCOMES = ['re-elected', 'lost', 'changed-party', 'moved', 'stood-down', 'deselected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface LedgerPost {
  id: string;
  /** Ward name. */
  label: string;
  seats: number;
}

export interface LedgerCandidacy {
  personId: string;
  /** Null for an independent. */
  partyId: string | null;
  votes: number | null;
  elected: boolean;
}

export interface LedgerBallot {
  id: string;
  postId: string;
  date: IsoDate;
  byElection: boolean;
  seatsContested: number;
  candidacies: readonly LedgerCandidacy[];
}

export interface LedgerSelection {
  id: string;
  partyId: string;
  postId: string | null;
  pollDate: IsoDate;
  candidates: ReadonlyArray<{
    personId: string;
    sitting: boolean;
    soughtReselection: boolean;
    chosen: boolean;
  }>;
}

/**
 * All the ledger reads of the registry beyond posts, ballots and candidacies: events of these types, and of
 * selections only the sitting councillors who sought reselection and were not chosen (how a deselection is
 * recorded). A national run reads just these; any other event or selection candidate changes no outcome.
 */
export const LEDGER_READS = {
  eventTypes: ['by-election', 'resignation', 'defection', 'deselection'],
  deselectionsOnly: true,
} as const satisfies { eventTypes: readonly EventType[]; deselectionsOnly: boolean };

export interface LedgerEvent {
  id: string;
  type: EventType;
  date: IsoDate;
  personId: string | null;
  /** resignation: { reason?: 'died' | ... }; defection: { fromPartyId, toPartyId }; by-election: { ballotId, vacatedPersonId }. */
  details: Readonly<Record<string, unknown>>;
}

/**
 * How terms end, with the timetable engine's rule names. After a poll that fills every seat of a ward at once,
 * councils electing by thirds or halves usually give the longest term to the candidate with most votes
 * ('ranked-by-votes', the default); under 'all-full-term' every such seat runs four years, so the next poll is
 * whole again. 'recorded' terms, where a council publishes them, override the ranking for the people listed.
 */
export interface TermRule {
  afterFullPoll: AllOutTermRule;
  recorded?: ReadonlyArray<{ personId: string; postId: string; termEnds: IsoDate }>;
}

const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

export interface LedgerInput {
  council: string;
  posts: readonly LedgerPost[];
  ballots: readonly LedgerBallot[];
  selections?: readonly LedgerSelection[];
  events?: readonly LedgerEvent[];
  termRule?: TermRule;
}

export interface LedgerIncumbent {
  person: string;
  /** The party they were elected for. */
  party: string | null;
  /** Their party on the eve of the poll, after recorded defections. */
  currentParty: string | null;
  outcome: Outcome;
  /** When and how they won the seat. */
  since: IsoDate;
  via: 'election' | 'by-election';
  /** Their candidacy at this election, if they stood. */
  stood: {
    ballot: string;
    ward: string;
    party: string | null;
    votes: number | null;
    elected: boolean;
  } | null;
  /** The record behind the outcome (a candidacy, a selection or an event id). */
  evidence: string;
}

export interface LedgerSeat {
  ward: string;
  post: string;
  /** The ordinary ballot for these seats, or null for a ward abolished at this election. */
  ballot: string | null;
  seatsUp: number;
  incumbents: LedgerIncumbent[];
  /** Seats up that were vacant on the eve of the poll. */
  vacant: number;
  /** Seats up whose previous winner the history does not show. */
  unknown: number;
}

export interface Ledger {
  council: string;
  election: IsoDate;
  seats: LedgerSeat[];
  totals: Record<Outcome, number>;
  /** Assumptions made for lack of records (a by-election whose vacancy is not recorded...). */
  warnings: string[];
}

interface Holder {
  personId: string;
  party: string | null;
  currentParty: string | null;
  since: IsoDate;
  via: 'election' | 'by-election';
  termEnds: IsoDate | null;
  /** Order among holders elected together: lower serves shorter. */
  rank: number;
}

interface Vacant {
  vacant: true;
  since: IsoDate;
}
/** A seat whose holder was elected before the history begins. */
interface Unknown {
  unknown: true;
}
type Slot = Holder | Vacant | Unknown;

const isVacant = (s: Slot): s is Vacant => 'vacant' in s;
const isUnknown = (s: Slot): s is Unknown => 'unknown' in s;
const isHolder = (s: Slot): s is Holder => 'personId' in s;

/** The dates of a council's ordinary polls in the input, ascending. */
export function ledgerElectionDates(input: Pick<LedgerInput, 'ballots'>): IsoDate[] {
  return [...new Set(input.ballots.filter((b) => !b.byElection).map((b) => b.date))].sort(compareDates);
}

function winnersByRank(b: LedgerBallot): LedgerCandidacy[] {
  // Fewest votes first: under 'ranked-by-votes' the lowest-placed winner's seat comes up first.
  return b.candidacies
    .filter((c) => c.elected)
    .sort((x, y) => (x.votes ?? 0) - (y.votes ?? 0) || x.personId.localeCompare(y.personId));
}

/** Replays the council's history up to (not including) `day` and returns each post's seats, next-up first. */
function replay(input: LedgerInput, day: IsoDate, warnings: string[]): Map<string, Slot[]> {
  const posts = new Map(input.posts.map((p) => [p.id, p]));
  const slots = new Map<string, Slot[]>();
  const recorded = new Map(
    (input.termRule?.recorded ?? []).map((r) => [`${r.personId}\u0000${r.postId}`, r.termEnds]),
  );
  const unranked = input.termRule?.afterFullPoll === 'all-full-term';
  const unrankedPolls = new Set<string>();
  const seatsOf = (postId: string, contested: number) => Math.max(posts.get(postId)?.seats ?? 0, contested);

  type Step = { date: IsoDate; kind: 0 | 1 | 2; ballot?: LedgerBallot; event?: LedgerEvent };
  const steps: Step[] = [];
  // On one day: events first (a resignation before the poll), then ordinary ballots, then by-elections.
  for (const e of input.events ?? []) if (e.date < day) steps.push({ date: e.date, kind: 0, event: e });
  for (const b of input.ballots)
    if (b.date < day) steps.push({ date: b.date, kind: b.byElection ? 2 : 1, ballot: b });
  steps.sort(
    (a, b) =>
      compareDates(a.date, b.date) ||
      a.kind - b.kind ||
      (a.ballot?.id ?? a.event?.id ?? '').localeCompare(b.ballot?.id ?? b.event?.id ?? ''),
  );

  const byElectionVacates = new Map<string, string>();
  for (const e of input.events ?? [])
    if (
      e.type === 'by-election' &&
      typeof e.details.ballotId === 'string' &&
      typeof e.details.vacatedPersonId === 'string'
    )
      byElectionVacates.set(e.details.ballotId, e.details.vacatedPersonId);

  const findHolder = (personId: string): [Slot[], number] | null => {
    for (const list of slots.values()) {
      const i = list.findIndex((s) => isHolder(s) && s.personId === personId);
      if (i >= 0) return [list, i];
    }
    return null;
  };

  for (const step of steps) {
    if (step.event) {
      const e = step.event;
      if (!e.personId) continue;
      const found = findHolder(e.personId);
      if (!found) continue;
      const [list, i] = found;
      if (e.type === 'resignation') list[i] = { vacant: true, since: e.date };
      else if (
        e.type === 'defection' &&
        (typeof e.details.toPartyId === 'string' || e.details.toPartyId === null)
      )
        (list[i] as Holder).currentParty = e.details.toPartyId as string | null;
      continue;
    }
    const b = step.ballot!;
    let list = slots.get(b.postId);
    if (!list) {
      // The ward's first appearance: unless this poll fills it whole, seats held from before the history are
      // unknown, and being the oldest they are the next due.
      const seats = seatsOf(b.postId, b.seatsContested);
      const whole = !b.byElection && b.seatsContested >= seats;
      list = whole ? [] : Array.from({ length: seats }, (): Slot => ({ unknown: true }));
      slots.set(b.postId, list);
    }
    const winners = winnersByRank(b);
    const holder = (c: LedgerCandidacy, rank: number, via: Holder['via']): Holder => ({
      personId: c.personId,
      party: c.partyId,
      currentParty: c.partyId,
      since: b.date,
      via,
      termEnds: recorded.get(`${c.personId}\u0000${b.postId}`) ?? null,
      rank,
    });
    if (!b.byElection) {
      const full = b.seatsContested >= seatsOf(b.postId, b.seatsContested);
      // Casual vacancies filled at an ordinary poll beside the seat that is due: the lowest-placed winners serve
      // out their terms, so they keep those seats' places instead of starting full terms.
      let midTerm: number[] = [];
      if (full) list.length = 0;
      else {
        const up = list.slice(0, b.seatsContested);
        midTerm = up
          .map((slot, i) => (i > 0 && isVacant(slot) ? i : -1))
          .filter((i) => i >= 0)
          .slice(0, Math.max(0, Math.min(winners.length, b.seatsContested) - 1));
        const leaving = up.filter(isHolder);
        if (
          unranked &&
          leaving.some((h) => h.via === 'election' && unrankedPolls.has(`${b.postId}\u0000${h.since}`))
        )
          warnings.push(
            `${b.id}: under 'all-full-term' seats won together serve equal terms, yet only some are up; assumed the lowest-placed`,
          );
        list.splice(0, Math.min(b.seatsContested, list.length));
      }
      if (full && unranked && winners.length > 1) unrankedPolls.add(`${b.postId}\u0000${b.date}`);
      const seated = winners.map((c, r) => holder(c, r, 'election'));
      // Terms the council recorded for everyone seated together decide who is up first; else the ranking does.
      if (seated.length > 1 && seated.every((h) => h.termEnds))
        seated.sort((x, y) => compareDates(x.termEnds!, y.termEnds!));
      list.unshift(...seated.slice(0, midTerm.length));
      list.push(...seated.slice(midTerm.length));
      continue;
    }
    for (const [r, c] of winners.entries()) {
      let at = list.findIndex(isVacant);
      const named = byElectionVacates.get(b.id);
      if (named) {
        const j = list.findIndex((s) => isHolder(s) && s.personId === named);
        if (j >= 0) at = j;
      }
      if (at < 0 && list.length < seatsOf(b.postId, 1)) at = list.push({ unknown: true }) - 1;
      if (at < 0) {
        at = 0;
        const prev = list[0]!;
        warnings.push(
          isHolder(prev)
            ? `${b.id}: the vacancy is not recorded; assumed it was ${prev.personId}'s seat (elected ${prev.since}), the next due for election`
            : `${b.id}: the vacancy is not recorded; assumed it was a seat won before the history begins`,
        );
      }
      const prev = list[at]!;
      // A by-election winner serves out the term of the seat they fill.
      list[at] = {
        ...holder(c, r, 'by-election'),
        ...(isHolder(prev) ? { termEnds: prev.termEnds, rank: prev.rank } : {}),
      };
    }
  }
  return slots;
}

/**
 * The incumbency ledger of a council's ordinary election on `election`:
 * incumbencyLedger({ council: 'SHF', posts, ballots }, '2022-05-05').totals['re-elected'].
 */
export function incumbencyLedger(input: LedgerInput, election: IsoDate): Ledger {
  const dayBallots = input.ballots.filter((b) => b.date === election);
  const ordinary = dayBallots.filter((b) => !b.byElection).sort((a, b) => a.id.localeCompare(b.id));
  if (ordinary.length === 0) {
    const dates = ledgerElectionDates(input);
    throw new InvalidInputError(
      `no ordinary poll on ${election} for ${input.council}; ordinary polls in the data: ${dates.length ? dates.join(', ') : 'none'}`,
      { where: 'election', rule: 'ledger-election' },
    );
  }
  const warnings: string[] = [];
  const slots = replay(input, election, warnings);
  const posts = new Map(input.posts.map((p) => [p.id, p]));
  const wardOf = (postId: string) => posts.get(postId)?.label ?? postId;

  // Where each person stood on the day.
  const stoodOnDay = new Map<string, { ballot: LedgerBallot; c: LedgerCandidacy }[]>();
  for (const b of dayBallots)
    for (const c of b.candidacies) {
      const list = stoodOnDay.get(c.personId);
      if (list) list.push({ ballot: b, c });
      else stoodOnDay.set(c.personId, [{ ballot: b, c }]);
    }

  // A ward abolished by a boundary review: no ballot today, while today's poll fills new wards whole.
  const hadHistory = new Set(
    input.ballots.filter((b) => b.date < election && !b.byElection).map((b) => b.postId),
  );
  const contestedToday = new Set(ordinary.map((b) => b.postId));
  const newWardsToday = ordinary.some((b) => !hadHistory.has(b.postId));
  const abolished = newWardsToday
    ? [...slots.keys()].filter((p) => !contestedToday.has(p) && slots.get(p)!.some(isHolder))
    : [];

  const selections = input.selections ?? [];
  const events = input.events ?? [];
  const previousPoll =
    ledgerElectionDates(input)
      .filter((d) => d < election)
      .pop() ?? '';
  const seats: LedgerSeat[] = [];

  const outcomeOf = (h: Holder, postId: string, postGone: boolean): LedgerIncumbent => {
    const base = {
      person: h.personId,
      party: h.party,
      currentParty: h.currentParty,
      since: h.since,
      via: h.via,
    };
    const stood = stoodOnDay.get(h.personId) ?? [];
    const here = stood.find((s) => s.ballot.postId === postId) ?? (postGone ? stood[0] : undefined);
    const pick = here ?? stood[0];
    if (pick) {
      const sameWard = pick === here;
      const sameParty = pick.c.partyId === h.party;
      const outcome: Outcome = !sameParty
        ? 'changed-party'
        : !sameWard
          ? 'moved'
          : pick.c.elected
            ? 're-elected'
            : 'lost';
      return {
        ...base,
        outcome,
        stood: {
          ballot: pick.ballot.id,
          ward: wardOf(pick.ballot.postId),
          party: pick.c.partyId,
          votes: pick.c.votes,
          elected: pick.c.elected,
        },
        evidence: `candidacy on ${pick.ballot.id}`,
      };
    }
    // Did not stand: deselected only on a record that says so.
    const sel = selections.find(
      (s) =>
        s.pollDate === election &&
        (s.partyId === h.party || s.partyId === h.currentParty) &&
        (s.postId === null || s.postId === postId) &&
        s.candidates.some((c) => c.personId === h.personId && c.sitting && c.soughtReselection && !c.chosen),
    );
    if (sel) return { ...base, outcome: 'deselected', stood: null, evidence: `selection ${sel.id}` };
    // An event names the poll it was about when it can; otherwise it must fall between the previous poll and this one.
    const ev = events.find(
      (e) =>
        e.type === 'deselection' &&
        e.personId === h.personId &&
        (typeof e.details.pollDate === 'string'
          ? e.details.pollDate === election
          : e.date > h.since && e.date > previousPoll && e.date <= election),
    );
    if (ev) return { ...base, outcome: 'deselected', stood: null, evidence: `event ${ev.id}` };
    return { ...base, outcome: 'stood-down', stood: null, evidence: 'no candidacy on this day' };
  };

  for (const b of ordinary) {
    const list = slots.get(b.postId) ?? [];
    const up = list.slice(0, b.seatsContested);
    const full = b.seatsContested >= Math.max(posts.get(b.postId)?.seats ?? 0, b.seatsContested);
    // At a full poll every sitting member's seat is up, whatever the contested count says.
    const leaving = full ? list : up;
    seats.push({
      ward: wardOf(b.postId),
      post: b.postId,
      ballot: b.id,
      seatsUp: b.seatsContested,
      incumbents: leaving.filter(isHolder).map((h) => outcomeOf(h, b.postId, false)),
      vacant: leaving.filter(isVacant).length,
      unknown: leaving.filter(isUnknown).length + Math.max(0, b.seatsContested - leaving.length),
    });
  }
  for (const postId of abolished.sort()) {
    const list = slots.get(postId)!;
    seats.push({
      ward: wardOf(postId),
      post: postId,
      ballot: null,
      seatsUp: list.length,
      incumbents: list.filter(isHolder).map((h) => outcomeOf(h, postId, true)),
      vacant: list.filter(isVacant).length,
      unknown: list.filter(isUnknown).length,
    });
  }
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const s of seats) for (const i of s.incumbents) totals[i.outcome]++;
  for (const s of seats)
    for (const i of s.incumbents) {
      const years = (Date.parse(election) - Date.parse(i.since)) / (365.25 * 86_400_000);
      // Terms run four years (five after the 2020 postponement): a longer one means a poll is missing.
      if (years > 5.5)
        warnings.push(
          `${i.person} in ${s.ward} has held the seat since ${i.since}: a poll may be missing from the history`,
        );
    }
  return { council: input.council, election, seats, totals, warnings };
}
