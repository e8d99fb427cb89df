/**
 * Lookups and writes that turn an accepted claim into registry facts: finding an equivalent fact that
 * already exists (so a second article adds a source, not a duplicate), citations, and the few records
 * the records repository does not write (organizations, single selection candidates).
 */
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type {
  CaucusEvent,
  Citation,
  EventType,
  Membership,
  Organization,
  Post,
  Role,
  Selection,
  SelectionCandidate,
  Source,
} from '../../domain/model.js';
import { fromRow, toRow } from '../codec.js';
import type { Database } from '../schema.js';

export type WithVersion<T> = T & { version: number };

export class FactsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async sourceByUrl(url: string): Promise<Source | undefined> {
    const row = await this.db
      .selectFrom('sources')
      .selectAll()
      .where('url', '=', url)
      .orderBy('id')
      .executeTakeFirst();
    return row && fromRow<Source>('sources', row);
  }

  /** A person's memberships of one organization in one role, with versions, oldest first. */
  async memberships(
    personId: string,
    organizationId: string,
    role: Role,
  ): Promise<WithVersion<Membership>[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('personId', '=', personId)
      .where('organizationId', '=', organizationId)
      .where('role', '=', role)
      .orderBy('startDate')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...fromRow<Membership>('memberships', r), version: Number(r.version) }));
  }

  /** A person's party memberships (role member of an organization classed party), with versions. */
  async partyMemberships(personId: string): Promise<WithVersion<Membership>[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organizationId')
      .selectAll('m')
      .where('m.personId', '=', personId)
      .where('m.role', '=', 'member')
      .where('o.classification', '=', 'party')
      .orderBy('m.startDate')
      .orderBy('m.id')
      .execute();
    return rows.map((r) => ({ ...fromRow<Membership>('memberships', r), version: Number(r.version) }));
  }

  /** Events of one type about one person or organization dated within [from, to]. */
  async events(
    type: EventType,
    about: { personId?: string | null; organizationId?: string | null; councilId?: string | null },
    from: IsoDate,
    to: IsoDate,
  ): Promise<CaucusEvent[]> {
    let q = this.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', type)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('id');
    if (about.personId) q = q.where('personId', '=', about.personId);
    if (about.organizationId) q = q.where('organizationId', '=', about.organizationId);
    if (about.councilId) q = q.where('councilId', '=', about.councilId);
    return (await q.execute()).map((r) => fromRow<CaucusEvent>('events', r));
  }

  /** The posts (seats of a ward) of a council on one area. */
  async posts(councilId: string, areaId: string): Promise<Post[]> {
    const rows = await this.db
      .selectFrom('posts')
      .selectAll()
      .where('councilId', '=', councilId)
      .where('areaId', '=', areaId)
      .orderBy('validFrom')
      .execute();
    return rows.map((r) => fromRow<Post>('posts', r));
  }

  /** A party's selections for one post, latest poll first. */
  async selections(partyId: string, postId: string): Promise<WithVersion<Selection>[]> {
    const rows = await this.db
      .selectFrom('selections')
      .selectAll()
      .where('partyId', '=', partyId)
      .where('postId', '=', postId)
      .orderBy('pollDate', 'desc')
      .execute();
    return rows.map((r) => ({ ...fromRow<Selection>('selections', r), version: Number(r.version) }));
  }

  /** The first ordinary poll of a council after a day, from the registry's elections. */
  async nextOrdinaryPoll(councilId: string, after: IsoDate): Promise<IsoDate | undefined> {
    const row = await this.db
      .selectFrom('elections')
      .select('date')
      .where('councilId', '=', councilId)
      .where('ordinary', '=', 1)
      .where('date', '>', after)
      .orderBy('date')
      .executeTakeFirst();
    return row?.date;
  }

  async selectionCandidate(selectionId: string, personId: string): Promise<SelectionCandidate | undefined> {
    const row = await this.db
      .selectFrom('selectionCandidates')
      .selectAll()
      .where('selectionId', '=', selectionId)
      .where('personId', '=', personId)
      .executeTakeFirst();
    return row && fromRow<SelectionCandidate>('selectionCandidates', row);
  }

  /** Inserts or replaces one selection candidate row. */
  async putSelectionCandidate(c: SelectionCandidate): Promise<void> {
    await this.db
      .deleteFrom('selectionCandidates')
      .where('selectionId', '=', c.selectionId)
      .where('personId', '=', c.personId)
      .execute();
    await this.db
      .insertInto('selectionCandidates')
      .values(toRow('selectionCandidates', c) as never)
      .execute();
  }

  /** The party groups on a council, optionally of one party. */
  async partyGroups(councilId: string, partyId?: string | null): Promise<Organization[]> {
    let q = this.db
      .selectFrom('organizations')
      .selectAll()
      .where('classification', '=', 'party-group')
      .where('councilId', '=', councilId)
      .orderBy('id');
    if (partyId) q = q.where('parentId', '=', partyId);
    return (await q.execute()).map((r) => fromRow<Organization>('organizations', r));
  }

  async insertOrganization(org: Organization): Promise<void> {
    await this.db
      .insertInto('organizations')
      .values({ ...toRow('organizations', org), version: 1 } as never)
      .execute();
  }

  async hasCitation(c: Pick<Citation, 'factType' | 'factId' | 'sourceId' | 'quoteStart'>): Promise<boolean> {
    let q = this.db
      .selectFrom('citations')
      .select('id')
      .where('factType', '=', c.factType)
      .where('factId', '=', c.factId)
      .where('sourceId', '=', c.sourceId);
    q = c.quoteStart === null ? q.where('quoteStart', 'is', null) : q.where('quoteStart', '=', c.quoteStart);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insertCitation(c: Citation): Promise<void> {
    await this.db
      .insertInto('citations')
      .values(toRow('citations', c) as never)
      .execute();
  }

  /** Bumps a record's version after a change made through this repository (a selection's candidates). */
  async touch(table: 'selections', id: string): Promise<void> {
    await this.db
      .updateTable(table)
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }
}
