/** Read commands: the national overview and the council, person and ward pages, each "as of" a date. */
import { z } from 'zod';
import { activeOn } from '../../domain/dates.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Citation, FactType, Organization, Source } from '../../domain/model.js';
import { closest } from '../../domain/similar.js';
import type { CouncilControl } from '../../engines/control/control.engine.js';
import type { QueryRepository } from '../../store/repositories/query.repo.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { controlOn, describeGroups, findCouncil, named, orgIndex } from './control.commands.js';

const asOfInput = z.object({ asOf: isoDate.optional() });
const idInput = asOfInput.extend({ id: z.string().trim().min(1, 'expected an id') });
const NAMES = { asOf: '--as-of', id: 'ID' };

/** A fact's sources: its primary source and any citations, with quotes. */
export interface SourceRef extends Source {
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
}

async function notFound(
  query: QueryRepository,
  kind: 'council' | 'person' | 'ward',
  id: string,
): Promise<never> {
  throw new NotFoundError(kind, id, closest(id, await query.names(kind)));
}

async function sourcesFor(
  query: QueryRepository,
  facts: Array<{ type: FactType; id: string; sourceId: string }>,
): Promise<Map<string, SourceRef[]>> {
  const citations: Citation[] = [];
  const byType = new Map<FactType, string[]>();
  for (const f of facts) byType.set(f.type, [...(byType.get(f.type) ?? []), f.id]);
  for (const [type, ids] of byType) citations.push(...(await query.citations(type, ids)));
  const sources = new Map(
    (await query.sources([...facts.map((f) => f.sourceId), ...citations.map((c) => c.sourceId)])).map((s) => [
      s.id,
      s,
    ]),
  );
  const out = new Map<string, SourceRef[]>();
  for (const f of facts) {
    const refs: SourceRef[] = [
      { ...sources.get(f.sourceId)!, quote: null, quoteStart: null, quoteEnd: null },
    ];
    for (const c of citations) {
      if (c.factType !== f.type || c.factId !== f.id) continue;
      const primary = refs.find((r) => r.id === c.sourceId && r.quote === null);
      const ref = {
        ...sources.get(c.sourceId)!,
        quote: c.quote,
        quoteStart: c.quoteStart,
        quoteEnd: c.quoteEnd,
      };
      if (primary) Object.assign(primary, ref);
      else refs.push(ref);
    }
    out.set(`${f.type}:${f.id}`, refs);
  }
  return out;
}

/** The national picture on a day: councils by control, the largest groups, and the factions inside them. */
export async function overview(ctx: AppContext, raw: unknown = {}) {
  const { asOf = ctx.clock.today() } = parseInput(asOfInput, raw, NAMES);
  const q = ctx.store.query;
  const { councils: live, control } = await controlOn(q, asOf);
  const orgs = await orgIndex(q);
  const councilName = new Map(live.map((c) => [c.id, c.name]));

  const byControl = new Map<string, number>();
  for (const c of control)
    byControl.set(c.majorityParty ?? 'noc', (byControl.get(c.majorityParty ?? 'noc') ?? 0) + 1);

  const groups = control.flatMap((c) => c.groups.map((g) => ({ control: c, group: g })));
  groups.sort(
    (a, b) => b.group.seats - a.group.seats || a.control.councilId.localeCompare(b.control.councilId),
  );

  const factionStats = new Map<string, { seats: number; groups: number; councils: number }>();
  for (const { control: c, group: g } of groups) {
    for (const f of g.factions) {
      if (!f.factionId) continue;
      const s = factionStats.get(f.factionId) ?? { seats: 0, groups: 0, councils: 0 };
      s.seats += f.seats;
      if (g.controllingFaction === f.factionId) {
        s.groups += 1;
        if (c.majorityParty === g.partyId) s.councils += 1;
      }
      factionStats.set(f.factionId, s);
    }
  }

  return {
    asOf,
    councils: live.length,
    seats: control.reduce((n, c) => n + c.totalSeats, 0),
    filledSeats: control.reduce((n, c) => n + c.filledSeats, 0),
    byControl: [...byControl.entries()]
      .map(([party, n]) => ({ control: party === 'noc' ? null : named(orgs, party), councils: n }))
      .sort((a, b) => b.councils - a.councils),
    largestGroups: groups.slice(0, 10).map(({ control: c, group: g }) => ({
      council: { id: c.councilId, name: councilName.get(c.councilId)! },
      party: named(orgs, g.partyId),
      seats: g.seats,
      councilSeats: c.totalSeats,
      majority: c.majorityParty === g.partyId,
      factions: g.factions.map((f) => ({ faction: named(orgs, f.factionId), seats: f.seats })),
      controllingFaction: named(orgs, g.controllingFaction),
    })),
    factions: [...factionStats.entries()]
      .map(([id, s]) => ({
        faction: named(orgs, id)!,
        party: named(orgs, orgs.get(id)?.parentId ?? null),
        seats: s.seats,
        groupsControlled: s.groups,
        councilsControlled: s.councils,
      }))
      .sort((a, b) => b.councilsControlled - a.councilsControlled || b.seats - a.seats),
  };
}

/** One council on a day: control, groups and factions, leaders, wards, elections and events, with sources. */
export async function showCouncil(ctx: AppContext, raw: unknown) {
  const { id, asOf = ctx.clock.today() } = parseInput(idInput, raw, NAMES);
  const q = ctx.store.query;
  const council = await findCouncil(q, id);
  const posts = (await q.postsOfCouncil(council.id)).filter((p) => activeOn(p.validFrom, p.validTo, asOf));
  const {
    control: [control],
  } = await controlOn(q, asOf, council.id);
  const totalSeats = control!.totalSeats;
  const orgs = await orgIndex(q);
  const groupOrgs = await q.partyGroupsOf(council.id);
  const offices = await q.officeHolders(
    asOf,
    [council.id, ...groupOrgs.map((g) => g.id)],
    ['leader', 'deputy-leader', 'whip', 'mayor', 'lord-mayor', 'chair'],
  );
  const people = new Map((await q.persons(offices.map((o) => o.personId))).map((p) => [p.id, p]));
  const groupName = new Map(groupOrgs.map((g) => [g.id, g.name]));
  const events = await q.eventsOf({ councilId: council.id }, 10);
  const sources = await sourcesFor(q, [{ type: 'organization', id: council.id, sourceId: council.sourceId }]);
  return {
    asOf,
    council,
    wards: posts.length,
    seats: totalSeats,
    control: {
      status: control!.status,
      majorityThreshold: control!.majorityThreshold,
      majorityParty: named(orgs, control!.majorityParty),
      controllingFaction: named(orgs, control!.controllingFaction),
      filledSeats: control!.filledSeats,
    },
    groups: describeGroups(control!, orgs),
    offices: offices
      .map((o) => ({
        role: o.role,
        of:
          o.organizationId === council.id
            ? council.name
            : (groupName.get(o.organizationId) ?? o.organizationId),
        person: { id: o.personId, name: people.get(o.personId)?.name ?? o.personId },
        since: o.startDate,
      }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.of.localeCompare(b.of)),
    events: events.map((e) => ({ id: e.id, date: e.date, type: e.type, title: e.title })),
    sources: sources.get(`organization:${council.id}`) ?? [],
  };
}

/** One person: offices and memberships over time, candidacies, events, and the sources of each. */
export async function showPerson(ctx: AppContext, raw: unknown) {
  const { id, asOf = ctx.clock.today() } = parseInput(idInput, raw, NAMES);
  const q = ctx.store.query;
  const person = (await q.person(id)) ?? (await notFound(q, 'person', id));
  const memberships = await q.membershipsOfPerson(person.id);
  const candidacies = await q.candidaciesOfPerson(person.id);
  const orgs = new Map(
    (
      await q.organizationsByIds([
        ...memberships.map((m) => m.organizationId),
        ...candidacies.flatMap((c) => (c.partyId ? [c.partyId] : [])),
      ])
    ).map((o) => [o.id, o]),
  );
  const events = await q.eventsOf({ personId: person.id });
  const sources = await sourcesFor(q, [
    { type: 'person', id: person.id, sourceId: person.sourceId },
    ...memberships.map((m) => ({ type: 'membership' as const, id: m.id, sourceId: m.sourceId })),
    ...candidacies.map((c) => ({ type: 'candidacy' as const, id: c.id, sourceId: c.sourceId })),
  ]);
  return {
    asOf,
    person,
    current: memberships
      .filter((m) => activeOn(m.startDate, m.endDate, asOf))
      .map((m) => ({
        role: m.role,
        organization: named(orgs, m.organizationId),
        postId: m.postId,
        since: m.startDate,
      })),
    memberships: memberships.map((m) => ({
      ...m,
      organization: named(orgs, m.organizationId),
      sources: sources.get(`membership:${m.id}`) ?? [],
    })),
    candidacies: candidacies.map((c) => ({
      ballot: c.ballotId,
      date: c.ballot.date,
      party: named(orgs, c.partyId),
      votes: c.votes,
      elected: c.elected,
      sources: sources.get(`candidacy:${c.id}`) ?? [],
    })),
    events: events.map((e) => ({ id: e.id, date: e.date, type: e.type, title: e.title })),
    sources: sources.get(`person:${person.id}`) ?? [],
  };
}

/**
 * One ward (by area id, GSS code or the post id of one of its seats): its seats, who held them on the day,
 * and its recent ballots with results.
 */
export async function showWard(ctx: AppContext, raw: unknown) {
  const { id, asOf = ctx.clock.today() } = parseInput(idInput, raw, NAMES);
  const q = ctx.store.query;
  // Seats, candidacies and the selection calendar name a seat by its post id: its ward is the post's area.
  const areaOfPost = async () => {
    const post = await ctx.store.catalog.post(id);
    return post && (await q.area(post.areaId));
  };
  const area = (await q.area(id)) ?? (await areaOfPost()) ?? (await notFound(q, 'ward', id));
  const posts = await q.postsOfArea(area.id);
  const councils = await q.organizationsByIds([...new Set(posts.map((p) => p.councilId))]);
  const holdings = (await Promise.all(councils.map((c) => q.seatHoldings(asOf, c.id))))
    .flat()
    .filter((h) => posts.some((p) => p.id === h.postId));
  const orgs = await orgIndex(q);
  const ballots = (await q.ballotsOfPosts(posts.map((p) => p.id))).filter((b) => b.date <= asOf).slice(-4);
  const candidacies = await q.candidaciesOfBallots(ballots.map((b) => b.id));
  const people = new Map((await q.persons(candidacies.map((c) => c.personId))).map((p) => [p.id, p.name]));
  const sources = await sourcesFor(q, [{ type: 'area', id: area.id, sourceId: area.sourceId }]);
  return {
    asOf,
    ward: area,
    councils: councils.map((c) => ({ id: c.id, name: c.name })),
    seats: posts.filter((p) => activeOn(p.validFrom, p.validTo, asOf)).reduce((n, p) => n + p.seats, 0),
    councillors: holdings.map((h) => ({
      person: { id: h.personId, name: h.personName },
      party: named(orgs, h.partyId),
      faction: named(orgs, h.factionId),
      since: h.startDate,
      how: h.startReason,
    })),
    ballots: ballots.reverse().map((b) => ({
      id: b.id,
      date: b.date,
      byElection: b.byElection,
      seatsContested: b.seatsContested,
      candidates: candidacies
        .filter((c) => c.ballotId === b.id)
        .map((c) => ({
          person: { id: c.personId, name: people.get(c.personId) ?? c.personId },
          party: named(orgs, c.partyId),
          votes: c.votes,
          elected: c.elected,
        })),
    })),
    sources: sources.get(`area:${area.id}`) ?? [],
  };
}
