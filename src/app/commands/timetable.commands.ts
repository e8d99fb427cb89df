/**
 * The electoral timetable over the registry: polling days and statutory deadlines (pure), and for the
 * councils in the registry their ordinary polls, seats up, seat terms and the selection calendar.
 */
import { z } from 'zod';
import { activeOn, type IsoDate } from '../../domain/dates.js';
import { NATIONS, type Nation, type Organization } from '../../domain/model.js';
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
import type { QueryRepository } from '../../store/repositories/query.repo.js';
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

/** The council's own schedule: its scheme as recorded, with the defaults for its type. */
function scheduleOf(council: Organization): CouncilSchedule {
  return compileCouncilSchedule(
    defaultCouncilSchedule({
      id: council.id,
      nation: (council.nation ?? 'england') as Nation,
      councilType: council.councilType,
      electionScheme: council.electionScheme,
    }),
  );
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
  const polls = councilPolls(
    scheduleOf(council),
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

/** Seat terms of every councillor sitting on `day`: their election, rank among the ward's winners, next poll. */
export async function sittingSeatTerms(query: QueryRepository, day: IsoDate, councilId?: string) {
  const councils = (
    councilId ? [(await query.organization(councilId))!] : await query.organizations('council')
  ).filter((c) => activeOn(c.foundingDate, c.dissolutionDate, day));
  const schedules = new Map(councils.map((c) => [c.id, scheduleOf(c)]));
  const holdings = (await query.seatHoldings(day, councilId)).filter((h) => schedules.has(h.councilId));
  const winners = await query.winners(councilId);
  // Rank of each winner among the winners of the same ballot: after an all-out poll it says who serves longest.
  const byBallot = new Map<string, typeof winners>();
  for (const w of winners) byBallot.set(w.ballotId, [...(byBallot.get(w.ballotId) ?? []), w]);
  const won = new Map<string, { byElection: boolean; rank: number }>();
  for (const list of byBallot.values()) {
    list.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
    list.forEach((w, i) =>
      won.set(`${w.postId}|${w.personId}|${w.date}`, { byElection: w.byElection, rank: i + 1 }),
    );
  }
  const seatsOf = new Map(
    (councilId ? await query.postsOfCouncil(councilId) : await query.allPosts()).map((p) => [p.id, p.seats]),
  );
  const seats: SeatInput[] = holdings
    .filter((h) => h.startDate)
    .map((h) => {
      const w = won.get(`${h.postId}|${h.personId}|${h.startDate}`);
      return {
        postId: h.postId,
        councilId: h.councilId,
        seats: seatsOf.get(h.postId) ?? null,
        electedOn: h.startDate!,
        byElection: w?.byElection ?? h.startReason === 'by-election',
        rank: w?.rank ?? null,
      };
    });
  const terms = seatTerms(seats, schedules, day);
  return { councils, holdings: holdings.filter((h) => h.startDate), terms };
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
  const councilNames = new Map(councils.map((c) => [c.id, c.name]));
  return {
    asOf,
    within: input.within ?? null,
    entries: entries.map((e) => ({
      ...e,
      personName: names.get(e.personId) ?? e.personId,
      councilName: councilNames.get(e.councilId) ?? e.councilId,
    })),
  };
}

/** A party named by Caucus id (`party:labour`), EC id (PP53) or rule key (`labour`). */
function partyKey(party: string, orgs: Map<string, Organization>): string {
  return orgs.get(party)?.ecId ?? party;
}
