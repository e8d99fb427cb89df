/**
 * Read-side queries for browsing and exporting: keyset-paged lists (events, elections), name search,
 * the rows of the candidates CSV, and table-by-table pages for streamed exports.
 */
import { type Kysely, sql } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type {
  Ballot,
  CaucusEvent,
  Election,
  EventType,
  FactType,
  Identifier,
  Post,
} from '../../domain/model.js';
import { fromRow } from '../codec.js';
import type { Database, SNAPSHOT_TABLES } from '../schema.js';

export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

/** The columns a snapshot table is keyset-paged by, in order (its primary key). */
export function pageKeys(table: SnapshotTable): readonly string[] {
  if (table === 'selectionCandidates') return ['selectionId', 'personId'];
  if (table === 'identifiers') return ['ownerType', 'ownerId', 'scheme', 'identifier'];
  return ['id'];
}

export type KeyValue = string | number;

/** One row of the Democracy Club-style candidates CSV. */
export interface CandidateRow {
  candidacyId: string;
  personId: string;
  personName: string;
  electionId: string;
  ballotId: string;
  date: IsoDate;
  partyId: string | null;
  partyEcId: string | null;
  partyName: string | null;
  postLabel: string;
  gss: string | null;
  votes: number | null;
  elected: boolean;
}

export interface EventFilter {
  councilId?: string;
  personId?: string;
  organizationId?: string;
  types?: readonly EventType[];
  since?: IsoDate;
  until?: IsoDate;
}

export class CatalogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A trivial round trip, to show the database answers. */
  async ping(): Promise<boolean> {
    const r = await sql<{ one: number }>`select 1 as one`.execute(this.db);
    return Number(r.rows[0]?.one) === 1;
  }

  /**
   * Refreshes the query planner's statistics (ANALYZE, in SQLite and PostgreSQL alike). Without them
   * SQLite picks poor indexes on a freshly loaded registry: a council's seat holders take 50 ms, not 0.3.
   */
  async refreshStatistics(): Promise<void> {
    await sql`analyze`.execute(this.db);
  }

  /** Events newest first (date descending, then id), after the cursor [date, id]. */
  async eventsPage(
    filter: EventFilter,
    after: [IsoDate, string] | null,
    limit: number,
  ): Promise<CaucusEvent[]> {
    let q = this.db.selectFrom('events').selectAll().orderBy('date', 'desc').orderBy('id').limit(limit);
    if (filter.councilId) q = q.where('councilId', '=', filter.councilId);
    if (filter.personId) q = q.where('personId', '=', filter.personId);
    if (filter.organizationId) q = q.where('organizationId', '=', filter.organizationId);
    if (filter.types?.length) q = q.where('type', 'in', [...filter.types]);
    if (filter.since) q = q.where('date', '>=', filter.since);
    if (filter.until) q = q.where('date', '<=', filter.until);
    if (after) {
      const [date, id] = after;
      q = q.where((eb) => eb.or([eb('date', '<', date), eb.and([eb('date', '=', date), eb('id', '>', id)])]));
    }
    return (await q.execute()).map((r) => fromRow<CaucusEvent>('events', r));
  }

  /** Elections newest first (date descending, then id), after the cursor [date, id]. */
  async electionsPage(
    filter: { councilId?: string; since?: IsoDate; until?: IsoDate },
    after: [IsoDate, string] | null,
    limit: number,
  ): Promise<Election[]> {
    let q = this.db.selectFrom('elections').selectAll().orderBy('date', 'desc').orderBy('id').limit(limit);
    if (filter.councilId) q = q.where('councilId', '=', filter.councilId);
    if (filter.since) q = q.where('date', '>=', filter.since);
    if (filter.until) q = q.where('date', '<=', filter.until);
    if (after) {
      const [date, id] = after;
      q = q.where((eb) => eb.or([eb('date', '<', date), eb.and([eb('date', '=', date), eb('id', '>', id)])]));
    }
    return (await q.execute()).map((r) => fromRow<Election>('elections', r));
  }

  async election(id: string): Promise<Election | undefined> {
    const row = await this.db.selectFrom('elections').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow<Election>('elections', row);
  }

  async ballot(id: string): Promise<Ballot | undefined> {
    const row = await this.db.selectFrom('ballots').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow<Ballot>('ballots', row);
  }

  async ballotsOfElection(electionId: string): Promise<Ballot[]> {
    const rows = await this.db
      .selectFrom('ballots')
      .selectAll()
      .where('electionId', '=', electionId)
      .orderBy('id')
      .execute();
    return rows.map((r) => fromRow<Ballot>('ballots', r));
  }

  async post(id: string): Promise<Post | undefined> {
    const row = await this.db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow<Post>('posts', row);
  }

  /** Every person's id, name and family name, the haystack for fuzzy search. */
  async personNames(): Promise<Array<{ id: string; name: string; familyName: string | null }>> {
    return this.db.selectFrom('persons').select(['id', 'name', 'familyName']).execute();
  }

  /**
   * One page of a snapshot table in key order, after the key `after` (exclusive). Rows come back as
   * domain records with `key`, the values to pass as `after` for the next page.
   */
  async tablePage<T>(
    table: SnapshotTable,
    after: readonly KeyValue[] | null,
    limit: number,
  ): Promise<Array<{ record: T; key: KeyValue[] }>> {
    const keys = pageKeys(table);
    // The table is chosen at run time, so its row type is not known statically.
    let q = this.db.selectFrom(table as 'persons').selectAll();
    for (const k of keys) q = q.orderBy(k as never);
    q = q.limit(limit);
    if (after) {
      q = q.where((eb) => {
        // (k1, k2, ...) > (a1, a2, ...) spelled out, since row-value comparison is not portable everywhere.
        const ors = keys.map((_, i) =>
          eb.and([
            ...keys.slice(0, i).map((k, j) => eb(k as never, '=', after[j] as never)),
            eb(keys[i] as never, '>', after[i] as never),
          ]),
        );
        return eb.or(ors);
      });
    }
    const rows = (await q.execute()) as Record<string, unknown>[];
    return rows.map((r) => ({
      record: fromRow<T>(table, r),
      key: keys.map((k) => r[k] as KeyValue),
    }));
  }

  async identifiersOf(ownerType: FactType, ownerIds: string[]): Promise<Identifier[]> {
    if (ownerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('identifiers')
      .selectAll()
      .where('ownerType', '=', ownerType)
      .where('ownerId', 'in', ownerIds)
      .execute();
    return rows.map((r) => fromRow<Identifier>('identifiers', r));
  }

  /** Candidacies with everything the candidates CSV needs, in candidacy id order after `after`. */
  async candidateRows(
    filter: { councilId?: string },
    after: string | null,
    limit: number,
  ): Promise<CandidateRow[]> {
    let q = this.db
      .selectFrom('candidacies as c')
      .innerJoin('persons as pe', 'pe.id', 'c.personId')
      .innerJoin('ballots as b', 'b.id', 'c.ballotId')
      .innerJoin('elections as e', 'e.id', 'b.electionId')
      .innerJoin('posts as po', 'po.id', 'b.postId')
      .leftJoin('areas as a', 'a.id', 'po.areaId')
      .leftJoin('organizations as pa', 'pa.id', 'c.partyId')
      .select([
        'c.id as candidacyId',
        'c.personId',
        'pe.name as personName',
        'e.id as electionId',
        'b.id as ballotId',
        'b.date',
        'c.partyId',
        'pa.ecId as partyEcId',
        'pa.name as partyName',
        'po.label as postLabel',
        'a.gss',
        'c.votes',
        'c.elected',
      ])
      .orderBy('c.id')
      .limit(limit);
    if (filter.councilId) q = q.where('e.councilId', '=', filter.councilId);
    if (after !== null) q = q.where('c.id', '>', after);
    const rows = await q.execute();
    return rows.map((r) => ({
      ...r,
      votes: r.votes === null ? null : Number(r.votes),
      elected: Boolean(Number(r.elected)),
    }));
  }
}
