/**
 * What the election history says that no file records: `caucus ledger` (who held each seat up at an ordinary
 * election and what became of them) and `caucus cycle` (how the council elects, inferred from its polls), both
 * from the registry through ledgerInputFrom / cycleInputFrom.
 */
import { z } from 'zod';
import type { IsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Organization } from '../../domain/model.js';
import {
  type CycleResult,
  cycleInputFrom,
  incumbencyLedger,
  inferCycle,
  LEDGER_READS,
  type Ledger,
  ledgerElectionDates,
  ledgerInputFrom,
  type Outcome,
} from '../../engines/ledger/index.js';
import type { HistoryRecords, LeanHistory } from '../../store/repositories/history.repo.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { findCouncil } from './control.commands.js';
import { csvCell } from './exports.commands.js';
import { MIN_POLLS_FOR_SCHEME } from './import.commands.js';

/** The ledger exactly as the issue specifies it (`caucus ledger --json`). */
export interface LedgerJson {
  council: string;
  election: IsoDate;
  seats: Array<{
    ward: string;
    incumbents: Array<{ person: string; party: string | null; outcome: Outcome }>;
  }>;
  totals: Record<Outcome, number>;
}

/** The cycle exactly as the issue specifies it (`caucus cycle --json`). */
export interface CycleJson {
  council: string;
  scheme: CycleResult['scheme'];
  seatsPerPoll: number | null;
  fallowYears: number[];
  allOutYears: number[];
  postponed: Array<{ from: IsoDate; to: IsoDate }>;
}

export const ledgerInput = z.strictObject({
  council: z.string().trim().min(1).max(200),
  election: isoDate.optional(),
});

/**
 * The incumbency ledger of a council's ordinary election (default: its latest in the registry). Returns the
 * issue's JSON shape, and the engine's full answer with names for display and `--detail`.
 */
export async function ledger(ctx: AppContext, raw: unknown) {
  const input = parseInput(ledgerInput, raw, { council: '--council', election: '--election' });
  const council = await findCouncil(ctx.store.query, input.council);
  const records = await ctx.store.history.councilRecords(council.id);
  const ledgerIn = ledgerInputFrom(records, council.id);
  const dates = ledgerElectionDates(ledgerIn);
  const election = input.election ?? dates[dates.length - 1];
  if (!election)
    throw new InvalidInputError(
      `${council.id} has no ordinary election in the registry: import its results first (caucus import dc-candidates|dc-results|lga-results FILE)`,
      { where: '--council', rule: 'no-history' },
    );
  const full = incumbencyLedger(ledgerIn, election);
  return { json: ledgerJson(full), detail: await withNames(ctx, council, full, dates) };
}

/** The shape of a ledger: wards, incumbents (person and party ids) with outcomes, and totals. */
export function ledgerJson(l: Ledger): LedgerJson {
  return {
    council: l.council,
    election: l.election,
    seats: l.seats.map((s) => ({
      ward: s.ward,
      incumbents: s.incumbents.map((i) => ({ person: i.person, party: i.party, outcome: i.outcome })),
    })),
    totals: l.totals,
  };
}

async function withNames(ctx: AppContext, council: Organization, l: Ledger, elections: IsoDate[]) {
  const people = await ctx.store.query.persons([
    ...new Set(l.seats.flatMap((s) => s.incumbents.map((i) => i.person))),
  ]);
  const parties = await ctx.store.query.organizationsByIds(
    [
      ...new Set(
        l.seats.flatMap((s) =>
          s.incumbents.flatMap((i) => [i.party, i.currentParty, i.stood?.party ?? null]),
        ),
      ),
    ].filter((p): p is string => p !== null),
  );
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const partyName = new Map(parties.map((p) => [p.id, p.shortName ?? p.name]));
  return {
    ...l,
    councilName: council.name,
    elections,
    names: {
      people: Object.fromEntries(personName),
      parties: Object.fromEntries(partyName),
    },
  };
}

export const cycleInput = z.strictObject({
  council: z.string().trim().min(1).max(200),
  apply: z.boolean().default(false),
});

/**
 * How a council elects, inferred from its polls: the JSON shape, the full inference, the scheme the
 * council declares, and (with `apply`) whether the inferred scheme was filled in for the timetable.
 */
export async function cycle(ctx: AppContext, raw: unknown) {
  const input = parseInput(cycleInput, raw, { council: '--council', apply: '--apply' });
  const council = await findCouncil(ctx.store.query, input.council);
  const records = await ctx.store.history.cycleRecords([council.id]);
  const full = inferCycle(cycleInputFrom(records, council.id));
  const prior = await ctx.store.history.inferredScheme(council.id);
  const declared = council.electionScheme !== null && prior?.scheme !== council.electionScheme;
  let applied = false;
  if (input.apply) {
    if (!full.scheme || full.polls.length < MIN_POLLS_FOR_SCHEME)
      throw new InvalidInputError(
        `cannot fill in ${council.id}'s scheme: the inference rests on ${full.polls.length} ordinary poll(s) and needs ${MIN_POLLS_FOR_SCHEME}`,
        { where: '--apply', rule: 'too-few-polls' },
      );
    const at = ctx.clock.now().toISOString();
    const scheme = full.scheme;
    applied = await ctx.store.transaction((repos) =>
      repos.history.fillScheme({
        councilId: council.id,
        scheme,
        polls: full.polls.length,
        inferredAt: at,
        evidence: cycleJson(full),
      }),
    );
  }
  return {
    json: cycleJson(full),
    detail: {
      ...full,
      councilName: council.name,
      declaredScheme: declared ? council.electionScheme : null,
      filledScheme: declared ? null : ((applied ? full.scheme : null) ?? prior?.scheme ?? null),
      applied,
    },
  };
}

/** The shape of a cycle inference. */
export function cycleJson(c: CycleResult): CycleJson {
  return {
    council: c.council,
    scheme: c.scheme,
    seatsPerPoll: c.seatsPerPoll,
    fallowYears: c.fallowYears,
    allOutYears: c.allOutYears,
    postponed: c.postponed,
  };
}

/**
 * Ledger (latest ordinary election) and cycle inference for every council with an ordinary poll, from one pass
 * over each table (only the rows the ledger reads) instead of a read per council: the national run the
 * benchmark times. Gives what `ledger` and `cycle` give council by council.
 */
export async function ledgerAndCycleForAll(ctx: AppContext) {
  const all = await ctx.store.history.allRecords(LEDGER_READS);
  const byCouncil = groupByCouncil(all);
  const out: Array<{ council: string; ledger: LedgerJson | null; cycle: CycleJson }> = [];
  for (const [id, records] of [...byCouncil].sort(([a], [b]) => a.localeCompare(b))) {
    const input = ledgerInputFrom(records, id);
    const dates = ledgerElectionDates(input);
    const last = dates[dates.length - 1];
    out.push({
      council: id,
      ledger: last ? ledgerJson(incumbencyLedger(input, last)) : null,
      cycle: cycleJson(inferCycle(cycleInputFrom(records, id))),
    });
  }
  return out;
}

/** Splits a whole registry's history into each council's, so per-council inputs do not rescan everything. */
export function groupByCouncil(all: LeanHistory): Map<string, LeanHistory> {
  const out = new Map<string, LeanHistory>();
  const of = (id: string): LeanHistory => {
    let r = out.get(id);
    if (!r) {
      r = {
        posts: [],
        elections: [],
        ballots: [],
        candidacies: [],
        selections: [],
        selectionCandidates: [],
        events: [],
      };
      out.set(id, r);
    }
    return r;
  };
  const postCouncil = new Map(all.posts.map((p) => [p.id, p.councilId]));
  const electionCouncil = new Map(all.elections.map((e) => [e.id, e.councilId]));
  for (const p of all.posts) of(p.councilId).posts.push(p);
  for (const e of all.elections) of(e.councilId).elections.push(e);
  const ballotCouncil = new Map<string, string>();
  for (const b of all.ballots) {
    const c = postCouncil.get(b.postId) ?? electionCouncil.get(b.electionId);
    if (!c) continue;
    ballotCouncil.set(b.id, c);
    of(c).ballots.push(b);
  }
  // Where each person stood, for the events about them: only people some event names (a set per candidate
  // of a national history would cost more than the rest of the grouping).
  const personCouncils = new Map<string, Set<string>>();
  for (const e of all.events) if (e.personId) personCouncils.set(e.personId, new Set());
  for (const c of all.candidacies) {
    const council = ballotCouncil.get(c.ballotId);
    if (!council) continue;
    of(council).candidacies.push(c);
    personCouncils.get(c.personId)?.add(council);
  }
  const selectionCouncil = new Map<string, string>();
  for (const s of all.selections) {
    selectionCouncil.set(s.id, s.councilId);
    of(s.councilId).selections.push(s);
  }
  for (const sc of all.selectionCandidates) {
    const c = selectionCouncil.get(sc.selectionId);
    if (c) of(c).selectionCandidates.push(sc);
  }
  for (const e of all.events) {
    const councils = new Set<string>();
    if (e.councilId) councils.add(e.councilId);
    if (e.personId) for (const c of personCouncils.get(e.personId) ?? []) councils.add(c);
    for (const c of councils) if (out.has(c)) of(c).events.push(e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The ledger as CSV

export const ledgerCsvInput = z.strictObject({ council: z.string().trim().min(1).max(200).optional() });

/** The ledger CSV's columns, in order (docs/formats.md). */
export const LEDGER_CSV_COLUMNS = [
  'council_id',
  'council_name',
  'election_date',
  'ballot_id',
  'post_id',
  'ward',
  'incumbent_id',
  'incumbent_name',
  'incumbent_party_id',
  'incumbent_party_name',
  'outcome',
  'successor_id',
  'successor_name',
  'successor_party_id',
  'successor_party_name',
  'source_id',
  'source_url',
] as const;

/** One seat up at an ordinary election: who held it, what became of them, who holds it now, and the source. */
export interface LedgerCsvRow {
  electionDate: IsoDate;
  ballotId: string | null;
  postId: string;
  ward: string;
  incumbentId: string | null;
  incumbentPartyId: string | null;
  /** A ledger outcome, or `vacant` (no incumbent on the eve of the poll) or `unknown` (won before the history). */
  outcome: Outcome | 'vacant' | 'unknown';
  successorId: string | null;
  successorPartyId: string | null;
  sourceId: string | null;
}

/**
 * The rows of one ledger: one per seat up, with its successor. A re-elected incumbent succeeds themselves; the
 * other winners of the ward's ballot (most votes first) are paired, in order, with the departing incumbents,
 * then the vacant seats, then the seats held from before the history: the registry does not record which of a
 * multi-member ward's seats each winner took, so that pairing is a convention, not a fact.
 */
export function ledgerCsvRows(l: Ledger, records: HistoryRecords): LedgerCsvRow[] {
  const ballotSource = new Map(records.ballots.map((b) => [b.id, b.sourceId]));
  const candidacies = new Map<string, (typeof records.candidacies)[number][]>();
  for (const c of records.candidacies) {
    const list = candidacies.get(c.ballotId);
    if (list) list.push(c);
    else candidacies.set(c.ballotId, [c]);
  }
  const selectionSource = new Map(records.selections.map((x) => [x.id, x.sourceId]));
  const eventSource = new Map(records.events.map((e) => [e.id, e.sourceId]));
  const rows: LedgerCsvRow[] = [];
  for (const seat of l.seats) {
    const onBallot = seat.ballot ? (candidacies.get(seat.ballot) ?? []) : [];
    const winners = onBallot
      .filter((c) => c.elected)
      .sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.personId.localeCompare(b.personId));
    const kept = new Set(seat.incumbents.filter((i) => i.outcome === 're-elected').map((i) => i.person));
    const newcomers = winners.filter((w) => !kept.has(w.personId));
    const base = { electionDate: l.election, ballotId: seat.ballot, postId: seat.post, ward: seat.ward };
    const seatSource = seat.ballot ? (ballotSource.get(seat.ballot) ?? null) : null;
    const successor = (w: (typeof winners)[number] | undefined) => ({
      successorId: w?.personId ?? null,
      successorPartyId: w?.partyId ?? null,
    });
    const evidenceSource = (evidence: string, person: string): string | null => {
      const [kind, ...rest] = evidence.split(' ');
      const ref = rest.join(' ');
      if (kind === 'candidacy' && ref.startsWith('on ')) {
        const ballot = ref.slice(3);
        const c = (candidacies.get(ballot) ?? []).find((x) => x.personId === person);
        return c?.sourceId ?? ballotSource.get(ballot) ?? null;
      }
      if (kind === 'selection') return selectionSource.get(ref) ?? null;
      if (kind === 'event') return eventSource.get(ref) ?? null;
      return null;
    };
    let next = 0;
    for (const inc of seat.incumbents) {
      const w =
        inc.outcome === 're-elected' ? winners.find((x) => x.personId === inc.person) : newcomers[next++];
      rows.push({
        ...base,
        incumbentId: inc.person,
        incumbentPartyId: inc.party,
        outcome: inc.outcome,
        ...successor(w),
        sourceId: evidenceSource(inc.evidence, inc.person) ?? seatSource,
      });
    }
    const empty = (outcome: 'vacant' | 'unknown') => {
      const w = newcomers[next++];
      rows.push({
        ...base,
        incumbentId: null,
        incumbentPartyId: null,
        outcome,
        ...successor(w),
        sourceId: (w && evidenceSource(`candidacy on ${seat.ballot}`, w.personId)) ?? seatSource,
      });
    };
    for (let i = 0; i < seat.vacant; i++) empty('vacant');
    for (let i = 0; i < seat.unknown; i++) empty('unknown');
    // Winners beyond the seats counted up (a ward that grew) still succeed someone the history does not show.
    while (next < newcomers.length) empty('unknown');
  }
  return rows;
}

/**
 * The incumbency ledger of every ordinary election as CSV (RFC 4180, CRLF), for one council or all, produced
 * a council at a time so memory stays flat. The council is looked up before any row, so an unknown council is
 * an error rather than an empty file.
 */
export async function ledgerCsv(
  ctx: AppContext,
  raw: unknown,
): Promise<{
  council: { id: string; name: string } | null;
  stats: { rows: number };
  chunks: AsyncGenerator<string>;
}> {
  const input = parseInput(ledgerCsvInput, raw, { council: '--council' });
  const only = input.council ? await findCouncil(ctx.store.query, input.council) : undefined;
  const { query, history } = ctx.store;
  const stats = { rows: 0 };
  async function* chunks(): AsyncGenerator<string> {
    yield `${LEDGER_CSV_COLUMNS.join(',')}\r\n`;
    const councils = only ? [only] : await query.organizations('council');
    for (const council of councils) {
      const records = await history.councilRecords(council.id);
      const ledgerIn = ledgerInputFrom(records, council.id);
      const rows: LedgerCsvRow[] = [];
      for (const date of ledgerElectionDates(ledgerIn))
        rows.push(...ledgerCsvRows(incumbencyLedger(ledgerIn, date), records));
      if (rows.length === 0) continue;
      const people = new Set<string>();
      const parties = new Set<string>();
      const sources = new Set<string>();
      for (const r of rows) {
        for (const p of [r.incumbentId, r.successorId]) if (p) people.add(p);
        for (const p of [r.incumbentPartyId, r.successorPartyId]) if (p) parties.add(p);
        if (r.sourceId) sources.add(r.sourceId);
      }
      const personName = new Map((await query.persons([...people])).map((p) => [p.id, p.name]));
      const partyName = new Map((await query.organizationsByIds([...parties])).map((p) => [p.id, p.name]));
      const sourceUrl = new Map((await query.sources([...sources])).map((x) => [x.id, x.url]));
      const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? id) : null);
      stats.rows += rows.length;
      yield rows
        .map(
          (r) =>
            `${[
              csvCell(council.id),
              csvCell(council.name),
              csvCell(r.electionDate),
              csvCell(r.ballotId),
              csvCell(r.postId),
              csvCell(r.ward),
              csvCell(r.incumbentId),
              csvCell(name(personName, r.incumbentId)),
              csvCell(r.incumbentPartyId),
              csvCell(r.incumbentId ? (name(partyName, r.incumbentPartyId) ?? 'Independent') : null),
              csvCell(r.outcome),
              csvCell(r.successorId),
              csvCell(name(personName, r.successorId)),
              csvCell(r.successorPartyId),
              csvCell(r.successorId ? (name(partyName, r.successorPartyId) ?? 'Independent') : null),
              csvCell(r.sourceId),
              csvCell(r.sourceId ? (sourceUrl.get(r.sourceId) ?? null) : null),
            ].join(',')}\r\n`,
        )
        .join('');
    }
  }
  return { council: only ? { id: only.id, name: only.name } : null, stats, chunks: chunks() };
}
