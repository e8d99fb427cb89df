/**
 * Browsing the registry page by page: councils with their control on a day (filtered by nation, type,
 * controlling party or faction), parties, factions, events, elections and ballots, and fuzzy search for
 * people by name. Every list returns `{ items, nextCursor }`.
 */
import { z } from 'zod';
import { activeOn, type IsoDate } from '../../domain/dates.js';
import { NotFoundError } from '../../domain/errors.js';
import {
  type CaucusEvent,
  COUNCIL_TYPES,
  type Election,
  EVENT_TYPES,
  NATIONS,
  type Organization,
} from '../../domain/model.js';
import { closest } from '../../domain/similar.js';
import { controlOfAll } from '../../engines/control/control.engine.js';
import type { QueryRepository } from '../../store/repositories/query.repo.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { nameIndex, searchNames } from './name-index.support.js';
import { decodeCursor, type Page, pageFields, pageInMemory, pageOf } from './pagination.support.js';
import { recordId } from './records.commands.js';

export interface Named {
  id: string;
  name: string;
}

const named = (orgs: Map<string, Organization>, id: string | null): Named | null =>
  id ? { id, name: orgs.get(id)?.name ?? (id === 'independent' ? 'Independent' : id) } : null;

/** A council by id, three-letter code or GSS code, or not-found with suggestions. */
export async function resolveCouncil(q: QueryRepository, key: string): Promise<Organization> {
  const council = await q.council(key);
  if (council) return council;
  throw new NotFoundError('council', key, closest(key, await q.names('council')));
}

/** A comma-separated list of event types, e.g. "defection,deselection". */
export const eventTypeList = z
  .string()
  .max(500)
  .transform((s) => s.split(',').map((t) => t.trim()))
  .pipe(z.array(z.enum(EVENT_TYPES)));

export const councilsInput = z.strictObject({
  asOf: isoDate.optional(),
  nation: z.enum(NATIONS).optional(),
  type: z.enum(COUNCIL_TYPES).optional(),
  control: z.union([z.literal('noc'), recordId]).optional(),
  factionControl: recordId.optional(),
  ...pageFields,
});

/** Councils on a day with who controls each, filtered and paged by id. */
export async function listCouncils(ctx: AppContext, raw: unknown) {
  const input = parseInput(councilsInput, raw);
  const day: IsoDate = input.asOf ?? ctx.clock.today();
  const q = ctx.store.query;
  const councils = (await q.organizations('council')).filter(
    (c) =>
      activeOn(c.foundingDate, c.dissolutionDate, day) &&
      (!input.nation || c.nation === input.nation) &&
      (!input.type || c.councilType === input.type),
  );
  const totals = new Map<string, number>();
  for (const p of await q.allPosts()) {
    if (activeOn(p.validFrom, p.validTo, day))
      totals.set(p.councilId, (totals.get(p.councilId) ?? 0) + p.seats);
  }
  const needsAllHoldings = councils.length > 20;
  const holdings = needsAllHoldings
    ? await q.seatHoldings(day)
    : (await Promise.all(councils.map((c) => q.seatHoldings(day, c.id)))).flat();
  const control = new Map(
    controlOfAll(
      councils.map((c) => ({ id: c.id, totalSeats: totals.get(c.id) ?? 0 })),
      holdings,
    ).map((c) => [c.councilId, c]),
  );
  const orgs = new Map(
    [...(await q.organizations('party')), ...(await q.organizations('faction'))].map((o) => [o.id, o]),
  );
  const rows = councils
    .map((c) => ({ council: c, control: control.get(c.id)! }))
    .filter(
      ({ control: k }) =>
        (!input.control ||
          (input.control === 'noc' ? k.majorityParty === null : k.majorityParty === input.control)) &&
        (!input.factionControl || k.controllingFaction === input.factionControl),
    )
    .sort((a, b) => (a.council.id < b.council.id ? -1 : a.council.id > b.council.id ? 1 : 0));
  const page = pageInMemory(
    rows,
    input.cursor,
    input.limit,
    (r) => [r.council.id],
    ({ council: c, control: k }) => ({
      id: c.id,
      name: c.name,
      laCode: c.laCode,
      gss: c.gss,
      councilType: c.councilType,
      nation: c.nation,
      region: c.region,
      electionScheme: c.electionScheme,
      seats: k.totalSeats,
      filledSeats: k.filledSeats,
      control: {
        status: k.status,
        majorityParty: named(orgs, k.majorityParty),
        controllingFaction: named(orgs, k.controllingFaction),
      },
    }),
  );
  return { asOf: day, ...page };
}

export const partiesInput = z.strictObject({ ...pageFields });

/** Registered parties, by id. */
export async function listParties(ctx: AppContext, raw: unknown): Promise<Page<Organization>> {
  const input = parseInput(partiesInput, raw);
  const parties = await ctx.store.query.organizations('party');
  return pageInMemory(
    parties,
    input.cursor,
    input.limit,
    (p) => [p.id],
    (p) => p,
  );
}

export const factionsInput = z.strictObject({ party: recordId.optional(), ...pageFields });

/** Factions (optionally of one party), by id, each with its party named. */
export async function listFactions(ctx: AppContext, raw: unknown) {
  const input = parseInput(factionsInput, raw);
  const q = ctx.store.query;
  const factions = (await q.organizations('faction')).filter(
    (f) => !input.party || f.parentId === input.party,
  );
  const parties = new Map((await q.organizations('party')).map((p) => [p.id, p]));
  return pageInMemory(
    factions,
    input.cursor,
    input.limit,
    (f) => [f.id],
    (f) => ({ ...f, party: named(parties, f.parentId) }),
  );
}

export const eventsInput = z.strictObject({
  council: z.string().trim().min(1).max(200).optional(),
  person: recordId.optional(),
  type: eventTypeList.optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  ...pageFields,
});

/** Events newest first, filtered by council, person, type and dates. */
export async function listEvents(ctx: AppContext, raw: unknown): Promise<Page<CaucusEvent>> {
  const input = parseInput(eventsInput, raw);
  const after = decodeCursor(input.cursor, 2) as [string, string] | null;
  const council = input.council ? await resolveCouncil(ctx.store.query, input.council) : undefined;
  const rows = await ctx.store.catalog.eventsPage(
    {
      councilId: council?.id,
      personId: input.person,
      types: input.type,
      since: input.since,
      until: input.until,
    },
    after,
    input.limit + 1,
  );
  return pageOf(
    rows,
    input.limit,
    (e) => [e.date, e.id],
    (e) => e,
  );
}

export const electionsInput = z.strictObject({
  council: z.string().trim().min(1).max(200).optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  ...pageFields,
});

/** Elections (one council's poll on one day) newest first. */
export async function listElections(ctx: AppContext, raw: unknown): Promise<Page<Election>> {
  const input = parseInput(electionsInput, raw);
  const after = decodeCursor(input.cursor, 2) as [string, string] | null;
  const council = input.council ? await resolveCouncil(ctx.store.query, input.council) : undefined;
  const rows = await ctx.store.catalog.electionsPage(
    { councilId: council?.id, since: input.since, until: input.until },
    after,
    input.limit + 1,
  );
  return pageOf(
    rows,
    input.limit,
    (e) => [e.date, e.id],
    (e) => e,
  );
}

const idOnly = z.strictObject({ id: recordId });

/** One election with its council and ballots. */
export async function showElection(ctx: AppContext, raw: unknown) {
  const { id } = parseInput(idOnly, raw);
  const election = await ctx.store.catalog.election(id);
  if (!election) throw new NotFoundError('election', id);
  const [council] = await ctx.store.query.organizationsByIds([election.councilId]);
  const ballots = await ctx.store.catalog.ballotsOfElection(id);
  return {
    election,
    council: council ? { id: council.id, name: council.name } : null,
    ballots: ballots.map((b) => ({
      id: b.id,
      postId: b.postId,
      seatsContested: b.seatsContested,
      byElection: b.byElection,
      cancelled: b.cancelled,
    })),
  };
}

/** One ballot: its election, ward and candidates with votes, best first, and its sources. */
export async function showBallot(ctx: AppContext, raw: unknown) {
  const { id } = parseInput(idOnly, raw);
  const q = ctx.store.query;
  const ballot = await ctx.store.catalog.ballot(id);
  if (!ballot) throw new NotFoundError('ballot', id);
  const election = await ctx.store.catalog.election(ballot.electionId);
  const post = await ctx.store.catalog.post(ballot.postId);
  const ward = post ? await q.area(post.areaId) : undefined;
  const candidacies = await q.candidaciesOfBallots([ballot.id]);
  const people = new Map((await q.persons(candidacies.map((c) => c.personId))).map((p) => [p.id, p.name]));
  const orgs = new Map(
    (
      await q.organizationsByIds([
        ...(election ? [election.councilId] : []),
        ...candidacies.flatMap((c) => (c.partyId ? [c.partyId] : [])),
      ])
    ).map((o) => [o.id, o]),
  );
  const citations = await q.citations('ballot', [ballot.id]);
  const sources = await q.sources([ballot.sourceId, ...citations.map((c) => c.sourceId)]);
  return {
    ballot,
    election: election ? { id: election.id, date: election.date, ordinary: election.ordinary } : null,
    council: election ? named(orgs, election.councilId) : null,
    post: post ? { id: post.id, label: post.label, seats: post.seats } : null,
    ward: ward ? { id: ward.id, name: ward.name, gss: ward.gss } : null,
    candidates: candidacies.map((c) => ({
      person: { id: c.personId, name: people.get(c.personId) ?? c.personId },
      party: named(orgs, c.partyId),
      votes: c.votes,
      elected: c.elected,
    })),
    sources,
    citations,
  };
}

export const searchPeopleInput = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'expected a name to search for')
    .max(200)
    .refine((s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20), 'expected no control characters'),
  ...pageFields,
});

/**
 * People whose name is close to `q`, best first: each word of the query must match a word of the name
 * exactly, as a prefix or part, or within a few typing slips ("Alx Exmaple" finds "Alex Example").
 */
export async function searchPeople(ctx: AppContext, raw: unknown) {
  const input = parseInput(searchPeopleInput, raw);
  const offset = Number(decodeCursor(input.cursor, 1)?.[0] ?? 0);
  const index = await nameIndex(ctx);
  const ranked = searchNames(index, input.q);
  const window = ranked.slice(offset, offset + input.limit + 1);
  const page = pageOf(
    window.map((person, i) => ({ person, rank: offset + i + 1 })),
    input.limit,
    (r) => [r.rank],
    (r) => ({
      rank: r.rank,
      id: index.ids[r.person]!,
      name: index.names[r.person]!,
      familyName: index.familyNames[r.person] ?? null,
    }),
  );
  return { q: input.q, ...page };
}
