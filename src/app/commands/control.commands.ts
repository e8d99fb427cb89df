/**
 * Who controls which council on a day, and how that changed over the years: council control, the
 * administration and its leader, faction balance inside each group, and the national roll-up by faction.
 */
import { z } from 'zod';
import { activeOn, type IsoDate } from '../../domain/dates.js';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Organization } from '../../domain/model.js';
import { closest } from '../../domain/similar.js';
import { type CouncilControl, controlOfAll, type Holding } from '../../engines/control/control.engine.js';
import { controlTimeline } from '../../engines/control/spans.engine.js';
import type { QueryRepository } from '../../store/repositories/query.repo.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';

export interface Named {
  id: string;
  name: string;
}

export function named(orgs: Map<string, Organization>, id: string | null): Named | null {
  if (!id) return null;
  return { id, name: orgs.get(id)?.name ?? (id === 'independent' ? 'Independent' : id) };
}

/** Parties and factions by id, for naming them in results. */
export async function orgIndex(query: QueryRepository): Promise<Map<string, Organization>> {
  const all = [...(await query.organizations('party')), ...(await query.organizations('faction'))];
  return new Map(all.map((o) => [o.id, o]));
}

/** A council's groups with parties and factions named: seats, seats by faction, the faction in control. */
export function describeGroups(control: CouncilControl, orgs: Map<string, Organization>) {
  return control.groups.map((g) => ({
    party: named(orgs, g.partyId),
    seats: g.seats,
    factions: g.factions.map((f) => ({ faction: named(orgs, f.factionId), seats: f.seats })),
    controllingFaction: named(orgs, g.controllingFaction),
  }));
}

export async function findCouncil(query: QueryRepository, key: string): Promise<Organization> {
  const council = await query.council(key);
  if (council) return council;
  throw new NotFoundError('council', key, closest(key, await query.names('council')));
}

/** Control of every council in existence on `day` (or of one council), from the seats held that day. */
export async function controlOn(
  query: QueryRepository,
  day: IsoDate,
  councilId?: string,
): Promise<{ councils: Organization[]; control: CouncilControl[] }> {
  if (!councilId) {
    const councils = (await query.organizations('council')).filter((c) =>
      activeOn(c.foundingDate, c.dissolutionDate, day),
    );
    const { counts, totals } = await query.seatCounts(day);
    const holdings: Holding[] = [];
    for (const c of counts) {
      const holding = { councilId: c.councilId, partyId: c.partyId, factionId: c.factionId };
      for (let i = 0; i < c.seats; i++) holdings.push(holding);
    }
    const control = controlOfAll(
      councils.map((c) => ({ id: c.id, totalSeats: totals.get(c.id) ?? 0 })),
      holdings,
    );
    return { councils, control };
  }
  const council = (await query.organization(councilId))!;
  const councils = activeOn(council.foundingDate, council.dissolutionDate, day) ? [council] : [];
  let total = 0;
  for (const p of await query.postsOfCouncil(councilId))
    if (activeOn(p.validFrom, p.validTo, day)) total += p.seats;
  const holdings = await query.seatHoldings(day, councilId);
  const control = controlOfAll(
    councils.map((c) => ({ id: c.id, totalSeats: total })),
    holdings,
  );
  return { councils, control };
}

/**
 * Control of every council in existence on each of `days`, read from the registry once: the spans that
 * cover all the days, then each day derived from them in memory (a decade of yearly points costs about
 * three times what one day does; controlOn counts a single day in the database instead).
 */
export async function controlOnDays(
  query: QueryRepository,
  days: readonly IsoDate[],
): Promise<Array<{ day: IsoDate; councils: Organization[]; control: CouncilControl[] }>> {
  if (days.length === 0) return [];
  const sorted = [...days].sort();
  const all = await query.organizations('council');
  const timeline = controlTimeline(await query.controlSpans(sorted[0]!, sorted[sorted.length - 1]!));
  return days.map((day) => {
    const councils = all.filter((c) => activeOn(c.foundingDate, c.dissolutionDate, day));
    const { holdings, totals } = timeline.on(day);
    const control = controlOfAll(
      councils.map((c) => ({ id: c.id, totalSeats: totals.get(c.id) ?? 0 })),
      holdings,
    );
    return { day, councils, control };
  });
}

const controlInput = z.object({ council: z.string().trim().min(1).optional(), asOf: isoDate.optional() });

/**
 * Council control on a day: status (majority, minority administration, no overall control), the majority
 * party, the council leader and their party where recorded, and each group's faction balance.
 */
export async function control(ctx: AppContext, raw: unknown = {}) {
  const { council: key, asOf = ctx.clock.today() } = parseInput(controlInput, raw, {
    council: '--council',
    asOf: '--as-of',
  });
  const q = ctx.store.query;
  const councilId = key ? (await findCouncil(q, key)).id : undefined;
  const { councils, control: rows } = await controlOn(q, asOf, councilId);
  const orgs = await orgIndex(q);
  const leaders = await leadersOn(
    q,
    asOf,
    councils.map((c) => c.id),
    orgs,
  );
  const byId = new Map(councils.map((c) => [c.id, c]));
  return {
    asOf,
    councils: rows.map((c) => {
      const leader = leaders.get(c.councilId) ?? null;
      return {
        council: { id: c.councilId, name: byId.get(c.councilId)!.name },
        status: administration(c, leader),
        seats: c.totalSeats,
        filledSeats: c.filledSeats,
        majorityThreshold: c.majorityThreshold,
        majorityParty: named(orgs, c.majorityParty),
        leader,
        controllingFaction: named(orgs, c.controllingFaction),
        groups: describeGroups(c, orgs),
      };
    }),
  };
}

/** Each council's leader on `day`, named, with the party they were in that day. */
async function leadersOn(
  q: QueryRepository,
  day: IsoDate,
  councilIds: string[],
  orgs: Map<string, Organization>,
): Promise<Map<string, { id: string; name: string; party: Named | null }>> {
  const leaders = await q.officeHolders(day, councilIds, ['leader']);
  const ids = leaders.map((l) => l.personId);
  const ties = await q.partyAndFaction(day, ids);
  const people = new Map((await q.persons(ids)).map((p) => [p.id, p.name]));
  const out = new Map<string, { id: string; name: string; party: Named | null }>();
  for (const l of leaders) {
    // Two leaders on one day is a data error; the first recorded is kept, as before.
    if (out.has(l.organizationId)) continue;
    out.set(l.organizationId, {
      id: l.personId,
      name: people.get(l.personId) ?? l.personId,
      party: named(orgs, ties.get(l.personId)?.partyId ?? null),
    });
  }
  return out;
}

/** Without a majority, a council with a leader from a party has a minority administration. */
function administration(c: CouncilControl, leader: { party: Named | null } | null) {
  if (c.status === 'majority') return 'majority' as const;
  return leader?.party ? ('minority-administration' as const) : ('no-overall-control' as const);
}

const summaryInput = z.object({ asOf: isoDate.optional() });

/**
 * Control of every council on a day, one lean row each (no group or faction breakdown): what a national
 * table or map shows, about a fifth of the size of `control` and computed from one read of the registry.
 */
export async function controlSummary(ctx: AppContext, raw: unknown = {}) {
  const { asOf = ctx.clock.today() } = parseInput(summaryInput, raw, { asOf: '--as-of' });
  const q = ctx.store.query;
  const { councils, control: rows } = await controlOn(q, asOf);
  const orgs = await orgIndex(q);
  const leaders = await leadersOn(
    q,
    asOf,
    councils.map((c) => c.id),
    orgs,
  );
  const byId = new Map(rows.map((c) => [c.councilId, c]));
  return {
    asOf,
    councils: councils
      .map((council) => {
        const c = byId.get(council.id)!;
        const leader = leaders.get(council.id) ?? null;
        return {
          id: council.id,
          name: council.name,
          laCode: council.laCode,
          councilType: council.councilType,
          nation: council.nation,
          region: council.region,
          seats: c.totalSeats,
          filledSeats: c.filledSeats,
          status: administration(c, leader),
          majorityParty: named(orgs, c.majorityParty),
          controllingFaction: named(orgs, c.controllingFaction),
          leader: leader && { id: leader.id, name: leader.name },
        };
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

const nationalInput = z
  .object({
    from: z.coerce.number().int().min(1990).max(2100).optional(),
    to: z.coerce.number().int().min(1990).max(2100).optional(),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    message: 'expected --from to be no later than --to',
    path: ['from'],
  });

/**
 * The national roll-up as a time series: on 1 June of each year (after the May polls and the groups'
 * annual meetings), how many councils each party runs with a majority and each faction controls through
 * its group.
 */
export async function nationalControl(ctx: AppContext, raw: unknown = {}) {
  const today = ctx.clock.today();
  const input = parseInput(nationalInput, raw, { from: '--from', to: '--to' });
  const to = input.to ?? Number(today.slice(0, 4));
  const from = input.from ?? to - 10;
  if (to - from > 60) throw new InvalidInputError('expected at most 60 years', { where: '--from' });
  const q = ctx.store.query;
  const orgs = await orgIndex(q);
  const points: Array<{ year: number; day: IsoDate }> = [];
  for (let year = from; year <= to; year++) {
    const day = `${year}-06-01` > today ? today : `${year}-06-01`;
    points.push({ year, day });
    if (day === today) break;
  }
  const days = await controlOnDays(
    q,
    points.map((p) => p.day),
  );
  const series = days.map(({ day, control: rows }, i) => {
    const parties: Record<string, number> = {};
    const factions: Record<string, number> = {};
    let noc = 0;
    for (const c of rows) {
      if (c.majorityParty) parties[c.majorityParty] = (parties[c.majorityParty] ?? 0) + 1;
      else noc += 1;
      if (c.controllingFaction) factions[c.controllingFaction] = (factions[c.controllingFaction] ?? 0) + 1;
    }
    return {
      year: points[i]!.year,
      date: day,
      councils: rows.length,
      noOverallControl: noc,
      parties,
      factions,
    };
  });
  const ids = new Set(series.flatMap((s) => [...Object.keys(s.parties), ...Object.keys(s.factions)]));
  return { from, to, names: Object.fromEntries([...ids].map((id) => [id, named(orgs, id)!.name])), series };
}
