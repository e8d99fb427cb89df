/**
 * The electoral timetable over the registry: polling days and statutory deadlines (pure), and for the
 * councils in the registry their ordinary polls, seats up, seat terms and the selection calendar.
 */
import { z } from 'zod';
import { activeOn, type IsoDate } from '../../domain/dates.js';
import { NATIONS, type Nation, type Organization, type Post } from '../../domain/model.js';
import { type CycleBallot, inferCycle } from '../../engines/ledger/index.js';
import {
  type CouncilSchedule,
  compileCouncilSchedule,
  councilPolls,
  defaultCouncilSchedule,
  parseDuration,
  pollingDays,
  type SeatInput,
  seatTerms,
  selectionCalendar,
  statutoryDeadlines,
} from '../../engines/timetable/index.js';
import type { QueryRepository, SeatHolding } from '../../store/repositories/query.repo.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { findCouncil, orgIndex } from './control.commands.js';

const year = z.coerce.number().int().min(1995).max(2050);
const nation = z.enum(NATIONS).default('england');

const pollingDaysInput = z
  .object({ from: year, to: year, nation })
  .refine((v) => v.from <= v.to, { message: 'expected --from to be no later than --to', path: ['to'] });

/** Ordinary polling days, a year each: { year, date } or { year, date: null, note }. */
export function timetablePollingDays(raw: unknown) {
  const input = parseInput(pollingDaysInput, raw, { from: '--from', to: '--to', nation: '--nation' });
  return pollingDays(input.nation, input.from, input.to).map((p) =>
    p.note ? p : { year: p.year, date: p.date },
  );
}

/** The statutory deadlines for a poll in a nation, counted in working days back from polling day. */
export function timetableDeadlines(raw: unknown) {
  const input = parseInput(z.object({ poll: isoDate, nation }), raw, { poll: '--poll', nation: '--nation' });
  return statutoryDeadlines(input.poll, input.nation);
}

/**
 * A council's schedule from its own history where the registry holds one: the scheme, fallow years and
 * all-out years inferred from its ordinary polls (cycle inference); the defaults for its type otherwise.
 */
function scheduleOf(
  council: Organization,
  history: readonly CycleBallot[],
  posts: readonly Post[],
): CouncilSchedule {
  const nation = (council.nation ?? 'england') as Nation;
  const fallback = defaultCouncilSchedule({
    id: council.id,
    nation,
    councilType: council.councilType,
    electionScheme: council.electionScheme,
  });
  const ordinary = history.filter((b) => !b.byElection);
  if (nation !== 'england' || ordinary.length === 0) return compileCouncilSchedule(fallback);
  const cycle = inferCycle({
    council: council.id,
    posts: posts.map((p) => ({ id: p.id, seats: p.seats })),
    ballots: history,
  });
  const scheme = council.electionScheme ?? cycle.scheme;
  if (!scheme) return compileCouncilSchedule(fallback);
  const year = (d: string) => Number(d.slice(0, 4));
  // A postponed poll counts for the year it was due (2021's polls in councils due in 2020).
  const dueYear = (d: string) => year(cycle.postponed.find((p) => p.to === d)?.from ?? d);
  const firstYear = year(ordinary.reduce((a, b) => (b.date < a ? b.date : a), ordinary[0]!.date));
  if (scheme === 'all-out') {
    const last = ordinary.reduce((a, b) => (b.date > a ? b.date : a), ordinary[0]!.date);
    return compileCouncilSchedule({
      councilId: council.id,
      nation,
      periods: [
        {
          from: Math.min(firstYear, 1995),
          scheme,
          allOutEvery: 4,
          anchorYear: dueYear(last),
          note: 'from its recorded polls',
        },
      ],
    });
  }
  const allOut = cycle.allOutYears.filter((y) => y >= firstYear);
  return compileCouncilSchedule({
    councilId: council.id,
    nation,
    periods: [
      {
        from: firstYear,
        scheme,
        ...(cycle.fallowYears.length ? { fallowYears: cycle.fallowYears } : {}),
        beginsWithAllOut: allOut.includes(firstYear),
        note: 'from its recorded polls',
      },
    ],
    boundaryReviews: allOut.filter((y) => y !== firstYear),
  });
}

/** Each council's ballots, for schedules built from history. */
async function historyByCouncil(
  query: QueryRepository,
  posts: readonly Post[],
): Promise<Map<string, CycleBallot[]>> {
  const councilOf = new Map(posts.map((p) => [p.id, p.councilId]));
  const out = new Map<string, CycleBallot[]>();
  for (const b of await query.ballotsOfPosts(posts.map((p) => p.id))) {
    const c = councilOf.get(b.postId)!;
    const list = out.get(c) ?? [];
    list.push({
      id: b.id,
      postId: b.postId,
      date: b.date,
      byElection: b.byElection,
      seatsContested: b.seatsContested,
    });
    out.set(c, list);
  }
  return out;
}

const councilInput = z
  .object({ id: z.string().trim().min(1), from: year.optional(), to: year.optional() })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    message: 'expected --from to be no later than --to',
    path: ['to'],
  });

/** A council's ordinary polls between two years, with the seats up in each ward. */
export async function timetableCouncil(ctx: AppContext, raw: unknown) {
  const input = parseInput(councilInput, raw, { id: 'ID', from: '--from', to: '--to' });
  const thisYear = Number(ctx.clock.today().slice(0, 4));
  const from = input.from ?? thisYear;
  const to = input.to ?? from + 4;
  const q = ctx.store.query;
  const council = await findCouncil(q, input.id);
  const posts = await q.postsOfCouncil(council.id);
  const wardNames = new Map(posts.map((p) => [p.id, p.label]));
  const history = (await historyByCouncil(q, posts)).get(council.id) ?? [];
  const polls = councilPolls(
    scheduleOf(council, history, posts),
    from,
    to,
    posts.map((p) => ({ id: p.id, seats: p.seats, validFrom: p.validFrom, validTo: p.validTo })),
  );
  return {
    council: { id: council.id, name: council.name, scheme: council.electionScheme, nation: council.nation },
    from,
    to,
    polls: polls.map((p) => ({
      ...p,
      seatsUp: (p.wards ?? []).reduce((n, w) => n + w.seatsUp, 0),
      wards: (p.wards ?? []).map((w) => ({ ...w, ward: wardNames.get(w.wardId) ?? w.wardId })),
    })),
  };
}

/** What seat terms are computed from, as read from the registry. */
export interface SeatData {
  councils: Organization[];
  posts: Post[];
  history: Map<string, CycleBallot[]>;
  holdings: SeatHolding[];
  winners: Awaited<ReturnType<QueryRepository['winners']>>;
}

/** Reads the councils in existence on `day`, their wards, ballots, sitting councillors and winners. */
export async function loadSeatData(
  query: QueryRepository,
  day: IsoDate,
  councilId?: string,
): Promise<SeatData> {
  const councils = (
    councilId ? [(await query.organization(councilId))!] : await query.organizations('council')
  ).filter((c) => activeOn(c.foundingDate, c.dissolutionDate, day));
  const posts = councilId ? await query.postsOfCouncil(councilId) : await query.allPosts();
  return {
    councils,
    posts,
    history: await historyByCouncil(query, posts),
    holdings: await query.seatHoldings(day, councilId),
    winners: await query.winners(councilId),
  };
}

/**
 * Seat terms of every councillor sitting on `day` (pure, over data from loadSeatData): each council's schedule
 * from its history, each holder's election and rank among the ward's winners that day, and the seat's next poll.
 */
export function computeSeatTerms(data: SeatData, day: IsoDate) {
  const postsOf = new Map<string, Post[]>();
  for (const p of data.posts) postsOf.set(p.councilId, [...(postsOf.get(p.councilId) ?? []), p]);
  const schedules = new Map(
    data.councils.map((c) => [c.id, scheduleOf(c, data.history.get(c.id) ?? [], postsOf.get(c.id) ?? [])]),
  );
  const holdings = data.holdings.filter((h) => schedules.has(h.councilId) && h.startDate);
  // Rank of each winner among the winners of the same ballot: after an all-out poll it says who serves longest.
  const byBallot = new Map<string, SeatData['winners']>();
  for (const w of data.winners) byBallot.set(w.ballotId, [...(byBallot.get(w.ballotId) ?? []), w]);
  const won = new Map<string, { byElection: boolean; rank: number }>();
  for (const list of byBallot.values()) {
    list.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
    list.forEach((w, i) => {
      won.set(`${w.postId}|${w.personId}|${w.date}`, { byElection: w.byElection, rank: i + 1 });
    });
  }
  const seatsOf = new Map(data.posts.map((p) => [p.id, p.seats]));
  const seats: SeatInput[] = holdings.map((h) => {
    const w = won.get(`${h.postId}|${h.personId}|${h.startDate}`);
    return {
      postId: h.postId,
      councilId: h.councilId,
      seats: seatsOf.get(h.postId) ?? null,
      electedOn: h.startDate!,
      // Without a ballot (co-opted, appointed) the holder fills the rest of someone's term, as at a by-election.
      byElection: w?.byElection ?? h.startReason !== 'elected',
      rank: w?.rank ?? null,
    };
  });
  return { councils: data.councils, holdings, terms: seatTerms(seats, schedules, day) };
}

/** Seat terms of every councillor sitting on `day`, optionally on one council. */
export async function sittingSeatTerms(query: QueryRepository, day: IsoDate, councilId?: string) {
  return computeSeatTerms(await loadSeatData(query, day, councilId), day);
}

const selectionsInput = z.object({
  council: z.string().trim().min(1).optional(),
  party: z.string().trim().min(1).optional(),
  within: z.string().trim().optional(),
  asOf: isoDate.optional(),
});

/** The selection calendar: for each sitting councillor, the seat's next poll and the party's selection window. */
export async function timetableSelections(ctx: AppContext, raw: unknown = {}) {
  const input = parseInput(selectionsInput, raw, {
    council: '--council',
    party: '--party',
    within: '--within',
    asOf: '--as-of',
  });
  const asOf = input.asOf ?? ctx.clock.today();
  if (input.within) parseDuration(input.within, '--within');
  const q = ctx.store.query;
  const councilId = input.council ? (await findCouncil(q, input.council)).id : undefined;
  const { councils, holdings, terms } = await sittingSeatTerms(q, asOf, councilId);
  const nations = new Map(councils.map((c) => [c.id, (c.nation ?? 'england') as Nation]));
  const orgs = await orgIndex(q);
  const ecIds = new Map([...orgs.values()].map((o) => [o.id, o.ecId ?? o.id]));
  const entries = selectionCalendar(
    holdings.flatMap((h, i) =>
      h.partyId
        ? [
            {
              personId: h.personId,
              party: ecIds.get(h.partyId) ?? h.partyId,
              councilId: h.councilId,
              postId: h.postId,
              nation: nations.get(h.councilId)!,
              nextPoll: terms[i]!.nextPoll,
              termEnd: terms[i]!.termEnd,
            },
          ]
        : [],
    ),
    { asOf, within: input.within, councilId, party: input.party ? partyKey(input.party, orgs) : undefined },
  );
  const names = new Map(holdings.map((h) => [h.personId, h.personName]));
  const partyNames = new Map([...orgs.values()].map((o) => [o.ecId ?? o.id, o.name]));
  const councilNames = new Map(councils.map((c) => [c.id, c.name]));
  return {
    asOf,
    within: input.within ?? null,
    entries: entries.map((e) => ({
      ...e,
      personName: names.get(e.personId) ?? e.personId,
      partyName: partyNames.get(e.party) ?? e.party,
      councilName: councilNames.get(e.councilId) ?? e.councilId,
    })),
  };
}

/** A party named by Caucus id (`party:labour`), EC id (PP53) or rule key (`labour`). */
function partyKey(party: string, orgs: Map<string, Organization>): string {
  return orgs.get(party)?.ecId ?? party;
}
