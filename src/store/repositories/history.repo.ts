/**
 * A council's election history as the ledger and cycle engines need it (posts, elections, ballots,
 * candidacies, selections, events), the councils directory the importers link results to, the rows of the
 * results exports, and the election schemes that cycle inference filled in.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type {
  Ballot,
  Candidacy,
  CaucusEvent,
  Election,
  ElectionScheme,
  EventType,
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

const bool = (v: unknown) => v === 1 || v === true || v === '1';
const POST_FIELDS = ['id', 'councilId', 'label', 'seats'] as const;
const BALLOT_FIELDS = ['id', 'postId', 'electionId', 'date', 'byElection', 'seatsContested'] as const;
const leanPost = (r: { id: string; councilId: string; label: string; seats: number }) => ({
  ...r,
  seats: Number(r.seats),
});
const leanBallot = (r: {
  id: string;
  postId: string;
  electionId: string;
  date: IsoDate;
  byElection: number;
  seatsContested: number;
}) => ({ ...r, byElection: bool(r.byElection), seatsContested: Number(r.seatsContested) });

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

  /** Posts and ballots of several councils (all cycle inference reads), only the fields it reads. */
  async cycleRecords(councilIds: readonly string[]): Promise<Pick<LeanHistory, 'posts' | 'ballots'>> {
    const posts: LeanHistory['posts'] = [];
    const ballots: LeanHistory['ballots'] = [];
    const ids = [...new Set(councilIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const postRows = await this.db
        .selectFrom('posts')
        .select(POST_FIELDS)
        .where('councilId', 'in', part)
        .execute();
      for (const r of postRows) posts.push(leanPost(r));
      const ballotRows = await this.db
        .selectFrom('ballots as b')
        .innerJoin('posts as p', 'p.id', 'b.postId')
        .select(BALLOT_FIELDS.map((f) => `b.${f}` as const))
        .where('p.councilId', 'in', part)
        .execute();
      for (const r of ballotRows) ballots.push(leanBallot(r));
    }
    return { posts, ballots };
  }

  /**
   * The election history of every council at once, only the fields the ledger and cycle read (a national run
   * reads hundreds of thousands of candidacies: every column and every row conversion counts). With `only`,
   * only the events of those types and, with `deselectionsOnly`, only the selection candidates who sat, sought
   * reselection and were not chosen (with their selections): what the ledger engine reads (LEDGER_READS).
   * Group it by council before use.
   */
  async allRecords(
    only: { eventTypes?: readonly EventType[]; deselectionsOnly?: boolean } = {},
  ): Promise<LeanHistory> {
    const db = this.db;
    const posts = (await db.selectFrom('posts').select(POST_FIELDS).execute()).map(leanPost);
    const elections = await db.selectFrom('elections').select(['id', 'councilId']).execute();
    const ballots = (await db.selectFrom('ballots').select(BALLOT_FIELDS).execute()).map(leanBallot);
    // The largest read, written out so the rows come back already named as the records are: no per-row
    // renaming of columns, and the two conversions done in place.
    const candidacies = (
      await sql<{
        ballotId: string;
        personId: string;
        partyId: string | null;
        votes: number | null;
        elected: boolean;
      }>`select ballot_id as "ballotId", person_id as "personId", party_id as "partyId", votes, elected
        from candidacies`.execute(db.withoutPlugins())
    ).rows;
    for (const c of candidacies) {
      if (c.votes !== null) c.votes = Number(c.votes);
      c.elected = bool(c.elected);
    }
    const deselected = (eb: ExpressionBuilder<Database, 'selectionCandidates'>) =>
      eb.and([eb('sitting', '=', 1), eb('soughtReselection', '=', 1), eb('chosen', '=', 0)]);
    let selectionQuery = db
      .selectFrom('selections')
      .select(['id', 'councilId', 'partyId', 'postId', 'pollDate']);
    if (only.deselectionsOnly)
      selectionQuery = selectionQuery.where('id', 'in', (eb) =>
        eb.selectFrom('selectionCandidates').select('selectionId').where(deselected),
      );
    const selections = await selectionQuery.execute();
    let candidateQuery = db
      .selectFrom('selectionCandidates')
      .select(['selectionId', 'personId', 'sitting', 'soughtReselection', 'chosen']);
    if (only.deselectionsOnly) candidateQuery = candidateQuery.where(deselected);
    const selectionCandidates = (await candidateQuery.execute()).map((r) => ({
      ...r,
      sitting: bool(r.sitting),
      soughtReselection: bool(r.soughtReselection),
      chosen: bool(r.chosen),
    }));
    let eventQuery = db
      .selectFrom('events')
      .select(['id', 'type', 'date', 'personId', 'councilId', 'details']);
    if (only.eventTypes) eventQuery = eventQuery.where('type', 'in', [...only.eventTypes]);
    const events = (await eventQuery.execute()).map((r) => ({
      ...r,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
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
