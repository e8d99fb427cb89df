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
  type Ledger,
  ledgerElectionDates,
  ledgerInputFrom,
  type Outcome,
} from '../../engines/ledger/index.js';
import type { LeanHistory } from '../../store/repositories/history.repo.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { findCouncil } from './control.commands.js';
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
 * Ledger (latest ordinary election) and cycle inference for every council with an ordinary poll, from one read
 * of the registry: the national run the benchmark times.
 */
export async function ledgerAndCycleForAll(ctx: AppContext) {
  const all = await ctx.store.history.allRecords();
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
  const personCouncils = new Map<string, Set<string>>();
  for (const c of all.candidacies) {
    const council = ballotCouncil.get(c.ballotId);
    if (!council) continue;
    of(council).candidacies.push(c);
    const set = personCouncils.get(c.personId);
    if (set) set.add(council);
    else personCouncils.set(c.personId, new Set([council]));
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
