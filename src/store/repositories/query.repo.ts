/** Read-side lookups for the registry: records by id, and who held what on a date. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type {
  Area,
  Ballot,
  Candidacy,
  CaucusEvent,
  Citation,
  FactType,
  Membership,
  MembershipCount,
  Organization,
  OrganizationClass,
  Person,
  Post,
  Role,
  Source,
} from '../../domain/model.js';
import { fromRow } from '../codec.js';
import type { Database } from '../schema.js';

/** A councillor holding a seat on a day, with the party and faction they were in that day. */
export interface SeatHolding {
  membershipId: string;
  personId: string;
  personName: string;
  councilId: string;
  postId: string;
  areaId: string;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  startReason: string | null;
  /** Their party on the day (party membership), else the party they were elected for. */
  partyId: string | null;
  factionId: string | null;
}

/**
 * What control over a span of days is computed from (the control engine's spans): councillors' terms,
 * party memberships and faction alignments, and wards' seats, each with its dates.
 */
export interface ControlSpans {
  seats: Array<{
    personId: string;
    councilId: string;
    onBehalfOfId: string | null;
    startDate: IsoDate | null;
    endDate: IsoDate | null;
  }>;
  ties: Array<{
    personId: string;
    kind: 'party' | 'faction';
    organizationId: string;
    startDate: IsoDate | null;
    endDate: IsoDate | null;
  }>;
  posts: Array<{ councilId: string; seats: number; validFrom: IsoDate | null; validTo: IsoDate | null }>;
}

export class QueryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async organization(id: string): Promise<Organization | undefined> {
    const row = await this.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow<Organization>('organizations', row);
  }

  async organizations(classification?: OrganizationClass): Promise<Organization[]> {
    let q = this.db.selectFrom('organizations').selectAll().orderBy('id');
    if (classification) q = q.where('classification', '=', classification);
    return (await q.execute()).map((r) => fromRow<Organization>('organizations', r));
  }

  /** A council by id, three-letter code or GSS code. */
  async council(key: string): Promise<Organization | undefined> {
    const row = await this.db
      .selectFrom('organizations')
      .selectAll()
      .where('classification', '=', 'council')
      .where((eb) =>
        eb.or([eb('id', '=', key), eb('laCode', '=', key.toUpperCase()), eb('gss', '=', key.toUpperCase())]),
      )
      .executeTakeFirst();
    return row && fromRow<Organization>('organizations', row);
  }

  async partyGroupsOf(councilId: string): Promise<Organization[]> {
    const rows = await this.db
      .selectFrom('organizations')
      .selectAll()
      .where('councilId', '=', councilId)
      .where('classification', '=', 'party-group')
      .execute();
    return rows.map((r) => fromRow<Organization>('organizations', r));
  }

  async person(id: string): Promise<Person | undefined> {
    const row = await this.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow<Person>('persons', row);
  }

  /** An area by id or GSS code. */
  async area(key: string): Promise<Area | undefined> {
    const row = await this.db
      .selectFrom('areas')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', key), eb('gss', '=', key.toUpperCase())]))
      .executeTakeFirst();
    return row && fromRow<Area>('areas', row);
  }

  async postsOfCouncil(councilId: string): Promise<Post[]> {
    const rows = await this.db
      .selectFrom('posts')
      .selectAll()
      .where('councilId', '=', councilId)
      .orderBy('label')
      .execute();
    return rows.map((r) => fromRow<Post>('posts', r));
  }

  async postsOfArea(areaId: string): Promise<Post[]> {
    const rows = await this.db
      .selectFrom('posts')
      .selectAll()
      .where('areaId', '=', areaId)
      .orderBy('id')
      .execute();
    return rows.map((r) => fromRow<Post>('posts', r));
  }

  async allPosts(): Promise<Post[]> {
    return (await this.db.selectFrom('posts').selectAll().execute()).map((r) => fromRow<Post>('posts', r));
  }

  /** Every seat held on `day`, optionally for one council, with each holder's party and faction that day. */
  async seatHoldings(day: IsoDate, councilId?: string): Promise<SeatHolding[]> {
    let q = this.db
      .selectFrom('memberships as m')
      .innerJoin('posts as p', 'p.id', 'm.postId')
      .innerJoin('persons as pe', 'pe.id', 'm.personId')
      .select([
        'm.id as membershipId',
        'm.personId',
        'pe.name as personName',
        'p.councilId',
        'm.postId',
        'p.areaId',
        'm.startDate',
        'm.endDate',
        'm.startReason',
        'm.onBehalfOfId',
      ])
      .where('m.role', '=', 'councillor')
      .where((eb) => eb.or([eb('m.startDate', 'is', null), eb('m.startDate', '<=', day)]))
      .where((eb) => eb.or([eb('m.endDate', 'is', null), eb('m.endDate', '>', day)]));
    if (councilId) q = q.where('p.councilId', '=', councilId);
    const holders = await q.execute();
    const ties = await this.partyAndFaction(day, councilId ? holders.map((h) => h.personId) : undefined);
    return holders.map((h) => {
      const tie = ties.get(h.personId);
      return {
        membershipId: h.membershipId,
        personId: h.personId,
        personName: h.personName,
        councilId: h.councilId,
        postId: h.postId!,
        areaId: h.areaId,
        startDate: h.startDate,
        endDate: h.endDate,
        startReason: h.startReason,
        partyId: tie?.partyId ?? h.onBehalfOfId,
        factionId: tie?.factionId ?? null,
      };
    });
  }

  /**
   * The spans control on any day in [from, to] is computed from: councillors' terms with their council,
   * the party memberships and faction alignments of those councillors, and the wards' seats. Only the
   * columns control needs, so a decade of spans is one read (see controlTimeline).
   */
  async controlSpans(from: IsoDate, to: IsoDate): Promise<ControlSpans> {
    const seats = await this.db
      .selectFrom('memberships as m')
      .innerJoin('posts as p', 'p.id', 'm.postId')
      .select(['m.personId', 'p.councilId', 'm.onBehalfOfId', 'm.startDate', 'm.endDate'])
      .where('m.role', '=', 'councillor')
      .where((eb) => eb.or([eb('m.startDate', 'is', null), eb('m.startDate', '<=', to)]))
      .where((eb) => eb.or([eb('m.endDate', 'is', null), eb('m.endDate', '>', from)]))
      .execute();
    const ties = await this.db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organizationId')
      .select(['m.personId', 'o.classification', 'm.organizationId', 'm.startDate', 'm.endDate'])
      .where((eb) =>
        eb.or([
          eb.and([eb('m.role', '=', 'member'), eb('o.classification', '=', 'party')]),
          eb.and([eb('m.role', '=', 'aligned'), eb('o.classification', '=', 'faction')]),
        ]),
      )
      .where((eb) => eb.or([eb('m.startDate', 'is', null), eb('m.startDate', '<=', to)]))
      .where((eb) => eb.or([eb('m.endDate', 'is', null), eb('m.endDate', '>', from)]))
      .where('m.personId', 'in', (eb) =>
        eb
          .selectFrom('memberships as c')
          .select('c.personId')
          .where('c.role', '=', 'councillor')
          .where((e) => e.or([e('c.startDate', 'is', null), e('c.startDate', '<=', to)]))
          .where((e) => e.or([e('c.endDate', 'is', null), e('c.endDate', '>', from)])),
      )
      .execute();
    const posts = await this.db
      .selectFrom('posts')
      .select(['councilId', 'seats', 'validFrom', 'validTo'])
      .execute();
    return {
      seats,
      ties: ties.map((t) => ({
        personId: t.personId,
        kind: t.classification === 'party' ? 'party' : 'faction',
        organizationId: t.organizationId!,
        startDate: t.startDate,
        endDate: t.endDate,
      })),
      posts: posts.map((p) => ({ ...p, seats: Number(p.seats) })),
    };
  }

  /**
   * Seats held on `day`, counted by council, party and faction, with each council's seats (vacancies
   * included): control on one day, counted by the database, which returns a few thousand rows where
   * reading the seats and memberships would return tens of thousands. The party is the holder's party
   * membership that day, else the party they were elected for; of two overlapping memberships of one
   * kind the later-begun counts (as controlTimeline does).
   */
  async seatCounts(day: IsoDate): Promise<{
    counts: Array<{ councilId: string; partyId: string | null; factionId: string | null; seats: number }>;
    totals: Map<string, number>;
  }> {
    const tie = (
      eb: ExpressionBuilder<Database & { m: Database['memberships'] }, 'm'>,
      kind: 'party' | 'faction',
    ) =>
      eb
        .selectFrom('memberships as t')
        .innerJoin('organizations as o', 'o.id', 't.organizationId')
        .select('t.organizationId')
        .whereRef('t.personId', '=', 'm.personId')
        .where('t.role', '=', kind === 'party' ? 'member' : 'aligned')
        .where('o.classification', '=', kind)
        .where((e) => e.or([e('t.startDate', 'is', null), e('t.startDate', '<=', day)]))
        .where((e) => e.or([e('t.endDate', 'is', null), e('t.endDate', '>', day)]))
        .orderBy('t.startDate', (ob) => ob.desc().nullsLast())
        .orderBy('t.organizationId', 'desc')
        .limit(1);
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('posts as p', 'p.id', 'm.postId')
      .select((eb) => [
        'p.councilId',
        eb.fn.coalesce(tie(eb, 'party'), 'm.onBehalfOfId').as('partyId'),
        tie(eb, 'faction').as('factionId'),
        eb.fn.countAll().as('seats'),
      ])
      .where('m.role', '=', 'councillor')
      .where((eb) => eb.or([eb('m.startDate', 'is', null), eb('m.startDate', '<=', day)]))
      .where((eb) => eb.or([eb('m.endDate', 'is', null), eb('m.endDate', '>', day)]))
      .groupBy(['p.councilId', 'partyId', 'factionId'])
      .execute();
    const totals = await this.db
      .selectFrom('posts')
      .select((eb) => ['councilId', eb.fn.sum('seats').as('seats')])
      .where((eb) => eb.or([eb('validFrom', 'is', null), eb('validFrom', '<=', day)]))
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', day)]))
      .groupBy('councilId')
      .execute();
    return {
      counts: rows.map((r) => ({
        councilId: r.councilId,
        partyId: r.partyId ?? null,
        factionId: r.factionId ?? null,
        seats: Number(r.seats),
      })),
      totals: new Map(totals.map((t) => [t.councilId, Number(t.seats)])),
    };
  }

  /** Each person's party membership and faction alignment held on `day` (the later-begun of two). */
  async partyAndFaction(
    day: IsoDate,
    personIds?: string[],
  ): Promise<Map<string, { partyId: string | null; factionId: string | null }>> {
    let q = this.db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organizationId')
      .select(['m.personId', 'm.role', 'm.organizationId', 'o.classification', 'm.startDate'])
      .where('m.role', 'in', ['member', 'aligned'])
      .where((eb) => eb.or([eb('m.startDate', 'is', null), eb('m.startDate', '<=', day)]))
      .where((eb) => eb.or([eb('m.endDate', 'is', null), eb('m.endDate', '>', day)]));
    if (personIds) {
      if (personIds.length === 0) return new Map();
      q = q.where('m.personId', 'in', personIds);
    }
    const out = new Map<string, { partyId: string | null; factionId: string | null }>();
    // Of two memberships of one kind held on the day, the later-begun counts (as in seatCounts).
    const since = new Map<string, string>();
    const later = (key: string, start: string | null, id: string) => {
      const mine = `${start ?? ''}|${id}`;
      const held = since.get(key);
      if (held !== undefined && held > mine) return false;
      since.set(key, mine);
      return true;
    };
    for (const r of await q.execute()) {
      const tie = out.get(r.personId) ?? { partyId: null, factionId: null };
      if (
        r.role === 'member' &&
        r.classification === 'party' &&
        later(`p|${r.personId}`, r.startDate, r.organizationId)
      )
        tie.partyId = r.organizationId;
      if (
        r.role === 'aligned' &&
        r.classification === 'faction' &&
        later(`f|${r.personId}`, r.startDate, r.organizationId)
      )
        tie.factionId = r.organizationId;
      out.set(r.personId, tie);
    }
    return out;
  }

  /** Office holders (leaders, whips, ...) of some organizations on a day. */
  async officeHolders(day: IsoDate, organizationIds: string[], roles: Role[]): Promise<Membership[]> {
    if (organizationIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('organizationId', 'in', organizationIds)
      .where('role', 'in', roles)
      .where((eb) => eb.or([eb('startDate', 'is', null), eb('startDate', '<=', day)]))
      .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>', day)]))
      .execute();
    return rows.map((r) => fromRow<Membership>('memberships', r));
  }

  async membershipsOfPerson(personId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('personId', '=', personId)
      .orderBy('startDate')
      .orderBy('id')
      .execute();
    return rows.map((r) => fromRow<Membership>('memberships', r));
  }

  async candidaciesOfPerson(personId: string): Promise<Array<Candidacy & { ballot: Ballot }>> {
    const cands = await this.db
      .selectFrom('candidacies')
      .selectAll()
      .where('personId', '=', personId)
      .execute();
    const ballots = await this.ballots(cands.map((c) => c.ballotId));
    const byId = new Map(ballots.map((b) => [b.id, b]));
    return cands
      .map((c) => ({ ...fromRow<Candidacy>('candidacies', c), ballot: byId.get(c.ballotId)! }))
      .sort((a, b) => a.ballot.date.localeCompare(b.ballot.date));
  }

  async ballots(ids: string[]): Promise<Ballot[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('ballots').selectAll().where('id', 'in', ids).execute();
    return rows.map((r) => fromRow<Ballot>('ballots', r));
  }

  async ballotsOfPosts(postIds: string[]): Promise<Ballot[]> {
    if (postIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('ballots')
      .selectAll()
      .where('postId', 'in', postIds)
      .orderBy('date')
      .execute();
    return rows.map((r) => fromRow<Ballot>('ballots', r));
  }

  async candidaciesOfBallots(ballotIds: string[]): Promise<Candidacy[]> {
    if (ballotIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('candidacies')
      .selectAll()
      .where('ballotId', 'in', ballotIds)
      .orderBy('votes', 'desc')
      .execute();
    return rows.map((r) => fromRow<Candidacy>('candidacies', r));
  }

  async persons(ids: string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('persons').selectAll().where('id', 'in', ids).execute();
    return rows.map((r) => fromRow<Person>('persons', r));
  }

  async organizationsByIds(ids: string[]): Promise<Organization[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('organizations').selectAll().where('id', 'in', ids).execute();
    return rows.map((r) => fromRow<Organization>('organizations', r));
  }

  async eventsOf(filter: { councilId?: string; personId?: string }, limit = 50): Promise<CaucusEvent[]> {
    let q = this.db.selectFrom('events').selectAll().orderBy('date', 'desc').orderBy('id').limit(limit);
    if (filter.councilId) q = q.where('councilId', '=', filter.councilId);
    if (filter.personId) q = q.where('personId', '=', filter.personId);
    return (await q.execute()).map((r) => fromRow<CaucusEvent>('events', r));
  }

  async membershipCounts(localPartyIds: string[]): Promise<MembershipCount[]> {
    if (localPartyIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('membershipCounts')
      .selectAll()
      .where('localPartyId', 'in', localPartyIds)
      .orderBy('date')
      .execute();
    return rows.map((r) => fromRow<MembershipCount>('membershipCounts', r));
  }

  async sources(ids: string[]): Promise<Source[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('sources')
      .selectAll()
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return rows.map((r) => fromRow<Source>('sources', r));
  }

  async citations(factType: FactType, factIds: string[]): Promise<Citation[]> {
    if (factIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('citations')
      .selectAll()
      .where('factType', '=', factType)
      .where('factId', 'in', factIds)
      .execute();
    return rows.map((r) => fromRow<Citation>('citations', r));
  }

  /** Every elected candidacy with its ballot's post, date and kind, for one council or all. */
  async winners(councilId?: string): Promise<
    Array<{
      postId: string;
      councilId: string;
      date: IsoDate;
      byElection: boolean;
      personId: string;
      votes: number | null;
      ballotId: string;
    }>
  > {
    let q = this.db
      .selectFrom('candidacies as c')
      .innerJoin('ballots as b', 'b.id', 'c.ballotId')
      .innerJoin('posts as p', 'p.id', 'b.postId')
      .select([
        'b.postId',
        'p.councilId',
        'b.date',
        'b.byElection',
        'c.personId',
        'c.votes',
        'b.id as ballotId',
      ])
      .where('c.elected', '=', 1);
    if (councilId) q = q.where('p.councilId', '=', councilId);
    return (await q.execute()).map((r) => ({ ...r, byElection: Boolean(r.byElection) }));
  }

  /** Ids and names of one kind of record, for "did you mean" suggestions. */
  async names(
    kind: 'council' | 'person' | 'ward',
  ): Promise<Array<{ id: string; name: string; alt?: string | null }>> {
    if (kind === 'person') return this.db.selectFrom('persons').select(['id', 'name']).execute();
    if (kind === 'ward')
      return this.db
        .selectFrom('areas')
        .select(['id', 'name', 'gss as alt'])
        .where('type', '!=', 'council-area')
        .execute();
    return this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'laCode as alt'])
      .where('classification', '=', 'council')
      .execute();
  }
}
