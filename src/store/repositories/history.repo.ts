/**
 * A council's election history as the ledger and cycle engines need it (posts, elections, ballots,
 * candidacies, selections, events), the councils directory the importers link results to, the rows of the
 * results exports, and the election schemes that cycle inference filled in.
 */
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type {
  Ballot,
  Candidacy,
  CaucusEvent,
  Election,
  ElectionScheme,
  Identifier,
  Organization,
  Post,
  RegistrySnapshot,
  Selection,
  SelectionCandidate,
} from '../../domain/model.js';
import { fromRow } from '../codec.js';
import type { Database } from '../schema.js';
import { DC_PERSON_SCHEME } from './people.repo.js';

/** The records of an election history (what ledgerInputFrom and cycleInputFrom read). */
export type HistoryRecords = Pick<
  RegistrySnapshot,
  'posts' | 'elections' | 'ballots' | 'candidacies' | 'selections' | 'selectionCandidates' | 'events'
>;

/** The fields of an election history the ledger and cycle read, for national runs that read every council. */
export interface LeanHistory {
  posts: Array<Pick<Post, 'id' | 'councilId' | 'label' | 'seats'>>;
  elections: Array<Pick<Election, 'id' | 'councilId'>>;
  ballots: Array<Pick<Ballot, 'id' | 'postId' | 'electionId' | 'date' | 'byElection' | 'seatsContested'>>;
  candidacies: Array<Pick<Candidacy, 'ballotId' | 'personId' | 'partyId' | 'votes' | 'elected'>>;
  selections: Array<Pick<Selection, 'id' | 'councilId' | 'partyId' | 'postId' | 'pollDate'>>;
  selectionCandidates: Array<
    Pick<SelectionCandidate, 'selectionId' | 'personId' | 'sitting' | 'soughtReselection' | 'chosen'>
  >;
  events: Array<Pick<CaucusEvent, 'id' | 'type' | 'date' | 'personId' | 'councilId' | 'details'>>;
}

/** One candidacy with everything the results exports write. */
export interface ResultRow {
  candidacyId: string;
  personId: string;
  personName: string;
  givenName: string | null;
  familyName: string | null;
  dcPersonId: string | null;
  electionId: string;
  ballotId: string;
  date: IsoDate;
  seatsContested: number;
  byElection: boolean;
  cancelled: boolean;
  postId: string;
  postLabel: string;
  wardGss: string | null;
  councilId: string;
  councilName: string;
  councilGss: string | null;
  councilType: string | null;
  partyId: string | null;
  partyEcId: string | null;
  partyName: string | null;
  votes: number | null;
  elected: boolean;
}

export interface InferredScheme {
  councilId: string;
  scheme: ElectionScheme;
  polls: number;
  inferredAt: string;
  evidence: unknown;
}

const DIRECTORY_SCHEMES = ['dc-slug', 'gss-former', 'name'];

export class HistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Councils with the identifiers the councils directory reads (Democracy Club slug, former GSS codes, names). */
  async councilDirectoryRecords(): Promise<Pick<RegistrySnapshot, 'organizations' | 'identifiers'>> {
    const organizations = (
      await this.db.selectFrom('organizations').selectAll().where('classification', '=', 'council').execute()
    ).map((r) => fromRow<Organization>('organizations', r));
    const identifiers = (
      await this.db
        .selectFrom('identifiers')
        .selectAll()
        .where('ownerType', '=', 'organization')
        .where('scheme', 'in', DIRECTORY_SCHEMES)
        .execute()
    ).map((r) => fromRow<Identifier>('identifiers', r));
    return { organizations, identifiers };
  }

  /** A council's Democracy Club organisation slug, if recorded. */
  async dcSlug(councilId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('identifiers')
      .select('identifier')
      .where('ownerType', '=', 'organization')
      .where('ownerId', '=', councilId)
      .where('scheme', '=', 'dc-slug')
      .orderBy('identifier')
      .executeTakeFirst();
    return row?.identifier ?? null;
  }

  /** One council's election history; events about its candidates are included wherever they were filed. */
  async councilRecords(councilId: string): Promise<HistoryRecords> {
    const posts = (
      await this.db.selectFrom('posts').selectAll().where('councilId', '=', councilId).execute()
    ).map((r) => fromRow<Post>('posts', r));
    const elections = (
      await this.db.selectFrom('elections').selectAll().where('councilId', '=', councilId).execute()
    ).map((r) => fromRow<Election>('elections', r));
    const ballots = (
      await this.db
        .selectFrom('ballots')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('postId', 'in', eb.selectFrom('posts').select('id').where('councilId', '=', councilId)),
            eb(
              'electionId',
              'in',
              eb.selectFrom('elections').select('id').where('councilId', '=', councilId),
            ),
          ]),
        )
        .execute()
    ).map((r) => fromRow<Ballot>('ballots', r));
    const candidacies = (
      await this.db
        .selectFrom('candidacies')
        .selectAll()
        .where('ballotId', 'in', (eb) =>
          eb
            .selectFrom('ballots as b')
            .innerJoin('posts as p', 'p.id', 'b.postId')
            .select('b.id')
            .where('p.councilId', '=', councilId),
        )
        .execute()
    ).map((r) => fromRow<Candidacy>('candidacies', r));
    const selections = (
      await this.db.selectFrom('selections').selectAll().where('councilId', '=', councilId).execute()
    ).map((r) => fromRow<Selection>('selections', r));
    const selectionCandidates = (
      await this.db
        .selectFrom('selectionCandidates')
        .selectAll()
        .where('selectionId', 'in', (eb) =>
          eb.selectFrom('selections').select('id').where('councilId', '=', councilId),
        )
        .execute()
    ).map((r) => fromRow<SelectionCandidate>('selectionCandidates', r));
    const events = (
      await this.db
        .selectFrom('events')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('councilId', '=', councilId),
            eb(
              'personId',
              'in',
              eb
                .selectFrom('candidacies as c')
                .innerJoin('ballots as b', 'b.id', 'c.ballotId')
                .innerJoin('posts as p', 'p.id', 'b.postId')
                .select('c.personId')
                .where('p.councilId', '=', councilId),
            ),
          ]),
        )
        .execute()
    ).map((r) => fromRow<CaucusEvent>('events', r));
    return { posts, elections, ballots, candidacies, selections, selectionCandidates, events };
  }

  /** Posts and ballots of several councils (all cycle inference reads), in two queries. */
  async cycleRecords(councilIds: readonly string[]): Promise<Pick<HistoryRecords, 'posts' | 'ballots'>> {
    const posts: Post[] = [];
    const ballots: Ballot[] = [];
    const ids = [...new Set(councilIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      posts.push(
        ...(await this.db.selectFrom('posts').selectAll().where('councilId', 'in', part).execute()).map((r) =>
          fromRow<Post>('posts', r),
        ),
      );
      ballots.push(
        ...(
          await this.db
            .selectFrom('ballots as b')
            .innerJoin('posts as p', 'p.id', 'b.postId')
            .selectAll('b')
            .where('p.councilId', 'in', part)
            .execute()
        ).map((r) => fromRow<Ballot>('ballots', r)),
      );
    }
    return { posts, ballots };
  }

  /**
   * The election history of every council at once, only the fields the ledger and cycle read (a national run
   * reads hundreds of thousands of candidacies: every column and every row conversion counts). Group it by
   * council before use.
   */
  async allRecords(): Promise<LeanHistory> {
    const db = this.db;
    const bool = (v: unknown) => v === 1 || v === true || v === '1';
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const posts = (await db.selectFrom('posts').select(['id', 'councilId', 'label', 'seats']).execute()).map(
      (r) => ({ ...r, seats: Number(r.seats) }),
    );
    const elections = await db.selectFrom('elections').select(['id', 'councilId']).execute();
    const ballots = (
      await db
        .selectFrom('ballots')
        .select(['id', 'postId', 'electionId', 'date', 'byElection', 'seatsContested'])
        .execute()
    ).map((r) => ({ ...r, byElection: bool(r.byElection), seatsContested: Number(r.seatsContested) }));
    const candidacies = (
      await db
        .selectFrom('candidacies')
        .select(['ballotId', 'personId', 'partyId', 'votes', 'elected'])
        .execute()
    ).map((r) => ({ ...r, votes: num(r.votes), elected: bool(r.elected) }));
    const selections = await db
      .selectFrom('selections')
      .select(['id', 'councilId', 'partyId', 'postId', 'pollDate'])
      .execute();
    const selectionCandidates = (
      await db
        .selectFrom('selectionCandidates')
        .select(['selectionId', 'personId', 'sitting', 'soughtReselection', 'chosen'])
        .execute()
    ).map((r) => ({
      ...r,
      sitting: bool(r.sitting),
      soughtReselection: bool(r.soughtReselection),
      chosen: bool(r.chosen),
    }));
    const events = (
      await db
        .selectFrom('events')
        .select(['id', 'type', 'date', 'personId', 'councilId', 'details'])
        .execute()
    ).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
    return { posts, elections, ballots, candidacies, selections, selectionCandidates, events };
  }

  /** Councils with at least one ordinary poll in the registry. */
  async councilsWithPolls(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('elections')
      .select('councilId')
      .distinct()
      .where('ordinary', '=', 1)
      .orderBy('councilId')
      .execute();
    return rows.map((r) => r.councilId);
  }

  /** Candidacies with everything the results exports write, in candidacy id order after `after`. */
  async resultRows(
    filter: { councilId?: string },
    after: string | null,
    limit: number,
  ): Promise<ResultRow[]> {
    let q = this.db
      .selectFrom('candidacies as c')
      .innerJoin('persons as pe', 'pe.id', 'c.personId')
      .innerJoin('ballots as b', 'b.id', 'c.ballotId')
      .innerJoin('elections as e', 'e.id', 'b.electionId')
      .innerJoin('posts as po', 'po.id', 'b.postId')
      .innerJoin('organizations as co', 'co.id', 'e.councilId')
      .leftJoin('areas as a', 'a.id', 'po.areaId')
      .leftJoin('organizations as pa', 'pa.id', 'c.partyId')
      .select((eb) => [
        'c.id as candidacyId',
        'c.personId',
        'pe.name as personName',
        'pe.givenName',
        'pe.familyName',
        eb
          .selectFrom('identifiers as i')
          .select((x) => x.fn.min('i.identifier').as('v'))
          .whereRef('i.ownerId', '=', 'c.personId')
          .where('i.ownerType', '=', 'person')
          .where('i.scheme', '=', DC_PERSON_SCHEME)
          .as('dcPersonId'),
        'e.id as electionId',
        'b.id as ballotId',
        'b.date',
        'b.seatsContested',
        'b.byElection',
        'b.cancelled',
        'po.id as postId',
        'po.label as postLabel',
        'a.gss as wardGss',
        'co.id as councilId',
        'co.name as councilName',
        'co.gss as councilGss',
        'co.councilType',
        'c.partyId',
        'pa.ecId as partyEcId',
        'pa.name as partyName',
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
      dcPersonId: (r.dcPersonId as string | null) ?? null,
      seatsContested: Number(r.seatsContested),
      votes: r.votes === null ? null : Number(r.votes),
      byElection: Boolean(Number(r.byElection)),
      cancelled: Boolean(Number(r.cancelled)),
      elected: Boolean(Number(r.elected)),
    }));
  }

  async inferredScheme(councilId: string): Promise<InferredScheme | undefined> {
    const row = await this.db
      .selectFrom('inferredSchemes')
      .selectAll()
      .where('councilId', '=', councilId)
      .executeTakeFirst();
    return (
      row && {
        ...row,
        scheme: row.scheme as ElectionScheme,
        polls: Number(row.polls),
        evidence: JSON.parse(row.evidence),
      }
    );
  }

  /**
   * Fills in a council's election scheme from cycle inference, only where none is declared; returns whether it
   * wrote. The inference is kept (with its evidence) so the scheme can be told apart from a declared one.
   */
  async fillScheme(entry: InferredScheme): Promise<boolean> {
    const r = await this.db
      .updateTable('organizations')
      .set((eb) => ({ electionScheme: entry.scheme, version: eb('version', '+', 1) }))
      .where('id', '=', entry.councilId)
      .where('electionScheme', 'is', null)
      .executeTakeFirst();
    const wrote = Number(r.numUpdatedRows) > 0;
    if (!wrote) {
      // Re-inferring a scheme inference had filled: keep the evidence up to date.
      const prior = await this.inferredScheme(entry.councilId);
      const council = await this.db
        .selectFrom('organizations')
        .select('electionScheme')
        .where('id', '=', entry.councilId)
        .executeTakeFirst();
      if (!prior || council?.electionScheme !== prior.scheme) return false;
      if (prior.scheme !== entry.scheme) {
        await this.db
          .updateTable('organizations')
          .set((eb) => ({ electionScheme: entry.scheme, version: eb('version', '+', 1) }))
          .where('id', '=', entry.councilId)
          .execute();
      } else if (prior.polls === entry.polls) return false;
    }
    const values = {
      councilId: entry.councilId,
      scheme: entry.scheme,
      polls: entry.polls,
      inferredAt: entry.inferredAt,
      evidence: JSON.stringify(entry.evidence),
    };
    await this.db
      .insertInto('inferredSchemes')
      .values(values)
      .onConflict((oc) =>
        oc.column('councilId').doUpdateSet({
          scheme: values.scheme,
          polls: values.polls,
          inferredAt: values.inferredAt,
          evidence: values.evidence,
        }),
      )
      .execute();
    return true;
  }
}
