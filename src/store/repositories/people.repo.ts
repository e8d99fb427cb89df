/**
 * Person records across elections: merging two records of one person (everything of B moves to A, B's id is
 * kept on A as a `merged-from` identifier so re-imports land on A), splitting records apart again, the log of
 * both, and the possible matches waiting for a person to decide.
 */
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type { Person } from '../../domain/model.js';
import { toRow } from '../codec.js';
import type { Database, PersonMatchReviewTable } from '../schema.js';

/** The identifier scheme that keeps a merged record's id on the person it was merged into. */
export const MERGED_FROM = 'merged-from';
export const DC_PERSON_SCHEME = 'democracy-club-person';

/** What a merge or split moved, by record id: enough to trace it and to undo it. */
export interface MovedRecords {
  candidacies: string[];
  memberships: string[];
  selections: string[];
  events: string[];
  citations: number;
  identifiers: Array<{ scheme: string; identifier: string }>;
}

export interface MergeLogEntry {
  id: number;
  at: string;
  action: 'merge' | 'split';
  personId: string;
  otherId: string;
  actor: string;
  reason: string | null;
  details: MovedRecords;
}

export type MatchReview = Omit<PersonMatchReviewTable, 'score'> & { score: number };

export interface LogInput {
  at: string;
  actor: string;
  reason: string | null;
}

/** One candidacy of a person in a council, the raw material of person matching. */
export interface StandingRow {
  personId: string;
  name: string;
  councilId: string;
  ballotId: string;
  date: IsoDate;
}

const IN_CHUNK = 500;

function chunks<T>(xs: readonly T[], n = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export class PeopleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** For each id that was merged away, the person it is now (`merged-from` identifiers). */
  async mergedInto(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.db
        .selectFrom('identifiers')
        .select(['ownerId', 'identifier'])
        .where('ownerType', '=', 'person')
        .where('scheme', '=', MERGED_FROM)
        .where('identifier', 'in', part)
        .execute();
      for (const r of rows) out.set(r.identifier, r.ownerId);
    }
    return out;
  }

  /** Whether any record was ever merged (a cheap check before remapping a large import). */
  async anyMerged(): Promise<boolean> {
    const row = await this.db
      .selectFrom('identifiers')
      .select('ownerId')
      .where('ownerType', '=', 'person')
      .where('scheme', '=', MERGED_FROM)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Ballots both people stood on (then they are two people). */
  async sharedBallots(a: string, b: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('candidacies as x')
      .innerJoin('candidacies as y', 'y.ballotId', 'x.ballotId')
      .select('x.ballotId')
      .where('x.personId', '=', a)
      .where('y.personId', '=', b)
      .execute();
    return rows.map((r) => r.ballotId);
  }

  /** Selections both people were candidates in. */
  async sharedSelections(a: string, b: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('selectionCandidates as x')
      .innerJoin('selectionCandidates as y', 'y.selectionId', 'x.selectionId')
      .select('x.selectionId')
      .where('x.personId', '=', a)
      .where('y.personId', '=', b)
      .execute();
    return rows.map((r) => r.selectionId);
  }

  /** Everything of `personId` that a merge moves. */
  async recordsOf(personId: string): Promise<MovedRecords> {
    const ids = async (table: 'candidacies' | 'memberships' | 'events') =>
      (
        await this.db.selectFrom(table).select('id').where('personId', '=', personId).orderBy('id').execute()
      ).map((r) => r.id);
    const selections = await this.db
      .selectFrom('selectionCandidates')
      .select('selectionId')
      .where('personId', '=', personId)
      .orderBy('selectionId')
      .execute();
    const citations = await this.db
      .selectFrom('citations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('factType', '=', 'person')
      .where('factId', '=', personId)
      .executeTakeFirstOrThrow();
    const identifiers = await this.db
      .selectFrom('identifiers')
      .select(['scheme', 'identifier'])
      .where('ownerType', '=', 'person')
      .where('ownerId', '=', personId)
      .orderBy('scheme')
      .orderBy('identifier')
      .execute();
    return {
      candidacies: await ids('candidacies'),
      memberships: await ids('memberships'),
      selections: selections.map((s) => s.selectionId),
      events: await ids('events'),
      citations: Number(citations.n),
      identifiers,
    };
  }

  /**
   * Folds `other` into `keep`: its memberships, candidacies, selection candidacies, events, citations and
   * identifiers move to `keep`, `other` is deleted and its id kept as a `merged-from` identifier. The caller
   * has checked that the two never stood on one ballot or in one selection.
   */
  async merge(keep: string, other: string, log: LogInput): Promise<{ moved: MovedRecords; logId: number }> {
    const moved = await this.recordsOf(other);
    for (const table of ['candidacies', 'memberships', 'events'] as const)
      await this.db
        .updateTable(table)
        .set((eb) => ({ personId: keep, version: eb('version', '+', 1) }))
        .where('personId', '=', other)
        .execute();
    await this.db
      .updateTable('selectionCandidates')
      .set({ personId: keep })
      .where('personId', '=', other)
      .execute();
    await this.db
      .updateTable('citations')
      .set({ factId: keep })
      .where('factType', '=', 'person')
      .where('factId', '=', other)
      .execute();
    await this.db
      .deleteFrom('identifiers')
      .where('ownerType', '=', 'person')
      .where('ownerId', '=', other)
      .execute();
    const carried = [...moved.identifiers, { scheme: MERGED_FROM, identifier: other }];
    await this.db
      .insertInto('identifiers')
      .values(carried.map((i) => ({ ownerType: 'person', ownerId: keep, ...i })))
      .onConflict((oc) => oc.columns(['ownerType', 'ownerId', 'scheme', 'identifier']).doNothing())
      .execute();
    await this.db.deleteFrom('persons').where('id', '=', other).execute();
    const logId = await this.addLog('merge', keep, other, log, moved);
    return { moved, logId };
  }

  /**
   * Gives `person` (a new record) the candidacies `candidacyIds` of `from`. With `restore` (what a merge of
   * that record moved), the other records it brought move back too and the `merged-from` identifier goes.
   */
  async split(
    from: string,
    person: Person,
    candidacyIds: readonly string[],
    restore: MovedRecords | null,
    log: LogInput,
  ): Promise<{ moved: MovedRecords; logId: number }> {
    await this.db
      .insertInto('persons')
      .values({ ...(toRow('persons', person) as unknown as Person), version: 1 })
      .execute();
    const moved: MovedRecords = {
      candidacies: [...candidacyIds].sort(),
      memberships: [],
      selections: [],
      events: [],
      citations: 0,
      identifiers: [],
    };
    for (const part of chunks(moved.candidacies))
      await this.db
        .updateTable('candidacies')
        .set((eb) => ({ personId: person.id, version: eb('version', '+', 1) }))
        .where('personId', '=', from)
        .where('id', 'in', part)
        .execute();
    if (restore) {
      for (const table of ['memberships', 'events'] as const) {
        for (const part of chunks(restore[table])) {
          const r = await this.db
            .updateTable(table)
            .set((eb) => ({ personId: person.id, version: eb('version', '+', 1) }))
            .where('personId', '=', from)
            .where('id', 'in', part)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) > 0) moved[table].push(...part);
        }
      }
      for (const part of chunks(restore.selections)) {
        await this.db
          .updateTable('selectionCandidates')
          .set({ personId: person.id })
          .where('personId', '=', from)
          .where('selectionId', 'in', part)
          .execute();
        moved.selections.push(...part);
      }
      for (const i of restore.identifiers) {
        const r = await this.db
          .updateTable('identifiers')
          .set({ ownerId: person.id })
          .where('ownerType', '=', 'person')
          .where('ownerId', '=', from)
          .where('scheme', '=', i.scheme)
          .where('identifier', '=', i.identifier)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) > 0) moved.identifiers.push(i);
      }
      await this.db
        .deleteFrom('identifiers')
        .where('ownerType', '=', 'person')
        .where('ownerId', '=', from)
        .where('scheme', '=', MERGED_FROM)
        .where('identifier', '=', person.id)
        .execute();
    }
    const logId = await this.addLog('split', from, person.id, log, moved);
    return { moved, logId };
  }

  private async addLog(
    action: 'merge' | 'split',
    personId: string,
    otherId: string,
    log: LogInput,
    moved: MovedRecords,
  ): Promise<number> {
    const row = await this.db
      .insertInto('personMergeLog')
      .values({
        at: log.at,
        action,
        personId,
        otherId,
        actor: log.actor,
        reason: log.reason,
        details: JSON.stringify(moved),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** The latest merge of `other` into `keep`, if any (a split uses it to restore what the merge moved). */
  async lastMerge(keep: string, other: string): Promise<MergeLogEntry | undefined> {
    const row = await this.db
      .selectFrom('personMergeLog')
      .selectAll()
      .where('action', '=', 'merge')
      .where('personId', '=', keep)
      .where('otherId', '=', other)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && logEntry(row);
  }

  /** The merge and split log, newest first, for one person (either side) or all. */
  async log(personId: string | undefined, limit: number): Promise<MergeLogEntry[]> {
    let q = this.db.selectFrom('personMergeLog').selectAll().orderBy('id', 'desc').limit(limit);
    if (personId) q = q.where((eb) => eb.or([eb('personId', '=', personId), eb('otherId', '=', personId)]));
    return (await q.execute()).map(logEntry);
  }

  /** Stores possible matches; a pair already stored (open, merged or dismissed) is left as it is. */
  async addReviews(rows: readonly MatchReview[]): Promise<number> {
    let added = 0;
    for (const part of chunks(rows, 200)) {
      const r = await this.db
        .insertInto('personMatchReviews')
        .values(part.map((x) => ({ ...x })))
        .onConflict((oc) => oc.columns(['personA', 'personB']).doNothing())
        .executeTakeFirst();
      added += Number(r.numInsertedOrUpdatedRows ?? part.length);
    }
    return added;
  }

  /** Stored pairs with either person among `ids`. */
  async reviewsOf(ids: readonly string[]): Promise<MatchReview[]> {
    const out: MatchReview[] = [];
    for (const part of chunks([...new Set(ids)], 250)) {
      const rows = await this.db
        .selectFrom('personMatchReviews')
        .selectAll()
        .where((eb) => eb.or([eb('personA', 'in', part), eb('personB', 'in', part)]))
        .execute();
      out.push(...rows.map((r) => ({ ...r, score: Number(r.score) })));
    }
    const seen = new Set<string>();
    return out.filter((r) => {
      const k = `${r.personA}\u0000${r.personB}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  async reviews(status: MatchReview['status'] | 'all', limit: number): Promise<MatchReview[]> {
    let q = this.db
      .selectFrom('personMatchReviews')
      .selectAll()
      .orderBy('score', 'desc')
      .orderBy('personA')
      .orderBy('personB')
      .limit(limit);
    if (status !== 'all') q = q.where('status', '=', status);
    return (await q.execute()).map((r) => ({ ...r, score: Number(r.score) }));
  }

  async review(a: string, b: string): Promise<MatchReview | undefined> {
    const [x, y] = a < b ? [a, b] : [b, a];
    const row = await this.db
      .selectFrom('personMatchReviews')
      .selectAll()
      .where('personA', '=', x)
      .where('personB', '=', y)
      .executeTakeFirst();
    return row && { ...row, score: Number(row.score) };
  }

  /** Records a decision on a pair, creating the pair if it was never proposed (so matching will respect it). */
  async decide(
    a: string,
    b: string,
    status: 'merged' | 'dismissed',
    at: string,
    reason: string,
  ): Promise<void> {
    const [x, y] = a < b ? [a, b] : [b, a];
    const updated = await this.db
      .updateTable('personMatchReviews')
      .set({ status, decidedAt: at })
      .where('personA', '=', x)
      .where('personB', '=', y)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return;
    await this.db
      .insertInto('personMatchReviews')
      .values({
        personA: x,
        personB: y,
        score: 0,
        reason,
        councilId: null,
        sourceId: null,
        status,
        createdAt: at,
        decidedAt: at,
      })
      .execute();
  }

  /**
   * After `other` was merged into `keep`: open pairs naming `other` now name `keep` (or go, when they would pair
   * `keep` with itself or repeat a stored pair). Decided pairs stay as history.
   */
  async repointReviews(other: string, keep: string): Promise<void> {
    const rows = await this.db
      .selectFrom('personMatchReviews')
      .selectAll()
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('personA', '=', other), eb('personB', '=', other)]))
      .execute();
    for (const r of rows) {
      await this.db
        .deleteFrom('personMatchReviews')
        .where('personA', '=', r.personA)
        .where('personB', '=', r.personB)
        .execute();
      const a = r.personA === other ? keep : r.personA;
      const b = r.personB === other ? keep : r.personB;
      if (a === b) continue;
      const [x, y] = a < b ? [a, b] : [b, a];
      await this.db
        .insertInto('personMatchReviews')
        .values({ ...r, score: Number(r.score), personA: x, personB: y })
        .onConflict((oc) => oc.columns(['personA', 'personB']).doNothing())
        .execute();
    }
  }

  /** Every candidacy in the given councils, with the person's name: what person matching compares. */
  async standings(councilIds: readonly string[]): Promise<StandingRow[]> {
    const out: StandingRow[] = [];
    for (const part of chunks([...new Set(councilIds)])) {
      const rows = await this.db
        .selectFrom('candidacies as c')
        .innerJoin('ballots as b', 'b.id', 'c.ballotId')
        .innerJoin('posts as p', 'p.id', 'b.postId')
        .innerJoin('persons as pe', 'pe.id', 'c.personId')
        .select(['c.personId', 'pe.name', 'p.councilId', 'b.id as ballotId', 'b.date'])
        .where('p.councilId', 'in', part)
        .execute();
      out.push(...rows);
    }
    return out;
  }

  /**
   * The councils among `councilIds` where someone stood without a Democracy Club person id: only there can
   * matching names find anything (those ids settle identity).
   */
  async councilsNeedingMatching(councilIds: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const part of chunks([...new Set(councilIds)])) {
      const rows = await this.db
        .selectFrom('candidacies as c')
        .innerJoin('ballots as b', 'b.id', 'c.ballotId')
        .innerJoin('posts as p', 'p.id', 'b.postId')
        .select('p.councilId')
        .distinct()
        .where('p.councilId', 'in', part)
        .where('c.personId', 'not like', 'dc-person:%')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('identifiers as i')
                .select('i.ownerId')
                .whereRef('i.ownerId', '=', 'c.personId')
                .where('i.ownerType', '=', 'person')
                .where('i.scheme', '=', DC_PERSON_SCHEME),
            ),
          ),
        )
        .execute();
      out.push(...rows.map((r) => r.councilId));
    }
    return out.sort();
  }

  /** Democracy Club person ids of the given people. */
  async dcIds(personIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(personIds)])) {
      const rows = await this.db
        .selectFrom('identifiers')
        .select(['ownerId', 'identifier'])
        .where('ownerType', '=', 'person')
        .where('scheme', '=', DC_PERSON_SCHEME)
        .where('ownerId', 'in', part)
        .orderBy('identifier')
        .execute();
      for (const r of rows) if (!out.has(r.ownerId)) out.set(r.ownerId, r.identifier);
    }
    return out;
  }

  async persons(ids: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
    const out = new Map<string, { id: string; name: string }>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.db
        .selectFrom('persons')
        .select(['id', 'name'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }
}

function logEntry(row: {
  id: number;
  at: string;
  action: 'merge' | 'split';
  personId: string;
  otherId: string;
  actor: string;
  reason: string | null;
  details: string;
}): MergeLogEntry {
  return { ...row, id: Number(row.id), details: JSON.parse(row.details) as MovedRecords };
}
