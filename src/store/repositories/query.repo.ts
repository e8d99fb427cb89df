/** Read-side lookups for the registry: records by id, and who held what on a date. */
import type { Kysely } from 'kysely';
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

  /** Each person's party membership and faction alignment held on `day`. */
  async partyAndFaction(
    day: IsoDate,
    personIds?: string[],
  ): Promise<Map<string, { partyId: string | null; factionId: string | null }>> {
    let q = this.db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organizationId')
      .select(['m.personId', 'm.role', 'm.organizationId', 'o.classification'])
      .where('m.role', 'in', ['member', 'aligned'])
      .where((eb) => eb.or([eb('m.startDate', 'is', null), eb('m.startDate', '<=', day)]))
      .where((eb) => eb.or([eb('m.endDate', 'is', null), eb('m.endDate', '>', day)]));
    if (personIds) {
      if (personIds.length === 0) return new Map();
      q = q.where('m.personId', 'in', personIds);
    }
    const out = new Map<string, { partyId: string | null; factionId: string | null }>();
    for (const r of await q.execute()) {
      const tie = out.get(r.personId) ?? { partyId: null, factionId: null };
      if (r.role === 'member' && r.classification === 'party') tie.partyId = r.organizationId;
      if (r.role === 'aligned' && r.classification === 'faction') tie.factionId = r.organizationId;
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
