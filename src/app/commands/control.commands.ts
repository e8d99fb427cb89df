/**
 * Who controls which council on a day, and how that changed over the years: council control, the
 * administration and its leader, faction balance inside each group, and the national roll-up by faction.
 */
import { z } from 'zod';
import { activeOn, type IsoDate } from '../../domain/dates.js';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Organization } from '../../domain/model.js';
import { closest } from '../../domain/similar.js';
import { type CouncilControl, controlOfAll } from '../../engines/control/control.engine.js';
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
  const all = councilId ? [(await query.organization(councilId))!] : await query.organizations('council');
  const councils = all.filter((c) => activeOn(c.foundingDate, c.dissolutionDate, day));
  const totals = new Map<string, number>();
  const posts = councilId ? await query.postsOfCouncil(councilId) : await query.allPosts();
  for (const p of posts) {
    if (activeOn(p.validFrom, p.validTo, day))
      totals.set(p.councilId, (totals.get(p.councilId) ?? 0) + p.seats);
  }
  const holdings = await query.seatHoldings(day, councilId);
  const control = controlOfAll(
    councils.map((c) => ({ id: c.id, totalSeats: totals.get(c.id) ?? 0 })),
    holdings,
  );
  return { councils, control };
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
  const leaders = await q.officeHolders(
    asOf,
    councils.map((c) => c.id),
    ['leader'],
  );
  const ties = await q.partyAndFaction(
    asOf,
    leaders.map((l) => l.personId),
  );
  const people = new Map((await q.persons(leaders.map((l) => l.personId))).map((p) => [p.id, p.name]));
  const byId = new Map(councils.map((c) => [c.id, c]));
  return {
    asOf,
    councils: rows.map((c) => {
      const leader = leaders.find((l) => l.organizationId === c.councilId);
      const leaderParty = leader ? (ties.get(leader.personId)?.partyId ?? null) : null;
      const status =
        c.status === 'majority' ? 'majority' : leaderParty ? 'minority-administration' : 'no-overall-control';
      return {
        council: { id: c.councilId, name: byId.get(c.councilId)!.name },
        status,
        seats: c.totalSeats,
        filledSeats: c.filledSeats,
        majorityThreshold: c.majorityThreshold,
        majorityParty: named(orgs, c.majorityParty),
        leader: leader
          ? {
              id: leader.personId,
              name: people.get(leader.personId) ?? leader.personId,
              party: named(orgs, leaderParty),
            }
          : null,
        controllingFaction: named(orgs, c.controllingFaction),
        groups: describeGroups(c, orgs),
      };
    }),
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
  const series = [];
  for (let year = from; year <= to; year++) {
    const day = `${year}-06-01` > today ? today : `${year}-06-01`;
    const { control: rows } = await controlOn(q, day);
    const parties: Record<string, number> = {};
    const factions: Record<string, number> = {};
    let noc = 0;
    for (const c of rows) {
      if (c.majorityParty) parties[c.majorityParty] = (parties[c.majorityParty] ?? 0) + 1;
      else noc += 1;
      if (c.controllingFaction) factions[c.controllingFaction] = (factions[c.controllingFaction] ?? 0) + 1;
    }
    series.push({ year, date: day, councils: rows.length, noOverallControl: noc, parties, factions });
    if (day === today) break;
  }
  const ids = new Set(series.flatMap((s) => [...Object.keys(s.parties), ...Object.keys(s.factions)]));
  return { from, to, names: Object.fromEntries([...ids].map((id) => [id, named(orgs, id)!.name])), series };
}
