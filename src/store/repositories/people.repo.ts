/**
 * Person records across elections: merging two records of one person (everything of B moves to A, B's id is
 * kept on A as a `merged-from` identifier so re-imports land on A), splitting records apart again, the log of
 * both, and the possible matches waiting for a person to decide.
 */
import { type Kysely, sql } from 'kysely';
import type { IsoDate } from '../../domain/dates.js';
import type { Person } from '../../domain/model.js';
import { toRow } from '../codec.js';
import type { Database, PersonMatchReviewTable } from '../schema.js';

/** The identifier scheme that keeps a merged record's id on the person it was merged into. */
export const MERGED_FROM = 'merged-from';
export const DC_PERSON_SCHEME = 'democracy-club-person';

/** Where in a JSON value a person id was rewritten: object keys and array indexes from the root. */
export type JsonPath = Array<string | number>;

/** An alias (registry_aliases) of a merged record: moved to the kept person, or dropped as `shared` with it. */
export interface MovedAlias {
  alias: string;
  aliasKey: string;
  sourceId: string | null;
  shared: boolean;
}

/** What a merge or split moved, by record id: enough to trace it and to undo it. */
export interface MovedRecords {
  candidacies: string[];
  memberships: string[];
  selections: string[];
  events: string[];
  citations: number;
  identifiers: Array<{ scheme: string; identifier: string }>;
  /** Events whose `details` named the person (a by-election's vacated seat holder, a contest's winner). */
  eventDetails?: Array<{ id: string; paths: JsonPath[] }>;
  /** Review claims whose links (linked or proposed records) or accepted facts named the person. */
  claims?: Array<{ id: number; links: JsonPath[]; facts: JsonPath[] }>;
  aliases?: MovedAlias[];
}

/**
 * Replaces every string equal to `from` inside a JSON value with `to` (keys are left alone), returning the
 * new value and where it replaced. Person ids are namespaced (`dc-person:5`, `person:113138`), so a string
 * equal to one is a reference to that person whatever key holds it.
 */
export function replaceString(
  value: unknown,
  from: string,
  to: string,
): { value: unknown; paths: JsonPath[] } {
  const paths: JsonPath[] = [];
  const walk = (v: unknown, path: JsonPath): unknown => {
    if (v === from) {
      paths.push(path);
      return to;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    return v;
  };
  return { value: walk(value, []), paths };
}

/** Sets the values at `paths` that still equal `from` to `to` (undoing replaceString); the paths it changed. */
export function replaceAt(value: unknown, paths: readonly JsonPath[], from: string, to: string): JsonPath[] {
  const changed: JsonPath[] = [];
  for (const path of paths) {
    if (path.length === 0) continue;
    let parent: unknown = value;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | null)?.[k];
    const last = path[path.length - 1]!;
    const holder = parent as Record<string | number, unknown> | null;
    if (holder && typeof holder === 'object' && holder[last] === from) {
      holder[last] = to;
      changed.push(path);
    }
  }
  return changed;
}

/** A LIKE pattern finding JSON text that holds `id` as a string (a cheap filter; matches are checked after). */
function likeJsonString(id: string): string {
  return `%${JSON.stringify(id).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
    moved.aliases = await this.moveAliases(other, keep);
    moved.eventDetails = await this.rewriteEventDetails(other, keep);
    moved.claims = await this.rewriteClaims(other, keep);
    await this.db.deleteFrom('persons').where('id', '=', other).execute();
    const logId = await this.addLog('merge', keep, other, log, moved);
    return { moved, logId };
  }

  /** Moves `from`'s aliases to `to`; one `to` already has (same key) is dropped and logged as shared. */
  private async moveAliases(from: string, to: string): Promise<MovedAlias[]> {
    const rows = await this.db
      .selectFrom('registryAliases')
      .select(['alias', 'aliasKey', 'sourceId'])
      .where('ownerType', '=', 'person')
      .where('ownerId', '=', from)
      .orderBy('aliasKey')
      .execute();
    if (rows.length === 0) return [];
    const kept = new Set(
      (
        await this.db
          .selectFrom('registryAliases')
          .select('aliasKey')
          .where('ownerType', '=', 'person')
          .where('ownerId', '=', to)
          .execute()
      ).map((r) => r.aliasKey),
    );
    const out = rows.map((r) => ({ ...r, shared: kept.has(r.aliasKey) }));
    for (const a of out.filter((x) => !x.shared))
      await this.db
        .updateTable('registryAliases')
        .set({ ownerId: to })
        .where('ownerType', '=', 'person')
        .where('ownerId', '=', from)
        .where('aliasKey', '=', a.aliasKey)
        .execute();
    await this.db
      .deleteFrom('registryAliases')
      .where('ownerType', '=', 'person')
      .where('ownerId', '=', from)
      .execute();
    return out;
  }

  /** Rewrites `from` to `to` in events' details (JSON); returns where, per event. */
  private async rewriteEventDetails(
    from: string,
    to: string,
  ): Promise<NonNullable<MovedRecords['eventDetails']>> {
    const rows = await this.db
      .selectFrom('events')
      .select(['id', 'details'])
      .where(sql<boolean>`${sql.ref('details')} like ${likeJsonString(from)} escape '\\'`)
      .orderBy('id')
      .execute();
    const out: NonNullable<MovedRecords['eventDetails']> = [];
    for (const r of rows) {
      const { value, paths } = replaceString(JSON.parse(r.details), from, to);
      if (paths.length === 0) continue;
      await this.setEventDetails(r.id, value);
      out.push({ id: r.id, paths });
    }
    return out;
  }

  private async setEventDetails(id: string, details: unknown): Promise<void> {
    await this.db
      .updateTable('events')
      .set((eb) => ({ details: JSON.stringify(details), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  /** Rewrites `from` to `to` in review claims' links and facts (JSON); returns where, per claim. */
  private async rewriteClaims(from: string, to: string): Promise<NonNullable<MovedRecords['claims']>> {
    const pattern = likeJsonString(from);
    const rows = await this.db
      .selectFrom('reviewClaims')
      .select(['id', 'links', 'facts'])
      .where((eb) =>
        eb.or([
          sql<boolean>`${sql.ref('links')} like ${pattern} escape '\\'`,
          sql<boolean>`${sql.ref('facts')} like ${pattern} escape '\\'`,
        ]),
      )
      .orderBy('id')
      .execute();
    const out: NonNullable<MovedRecords['claims']> = [];
    for (const r of rows) {
      const links = replaceString(JSON.parse(r.links), from, to);
      const facts = replaceString(r.facts === null ? null : JSON.parse(r.facts), from, to);
      if (links.paths.length + facts.paths.length === 0) continue;
      await this.setClaimJson(Number(r.id), links.value, facts.value);
      out.push({ id: Number(r.id), links: links.paths, facts: facts.paths });
    }
    return out;
  }

  private async setClaimJson(id: number, links: unknown, facts: unknown): Promise<void> {
    await this.db
      .updateTable('reviewClaims')
      .set({ links: JSON.stringify(links), facts: facts === null ? null : JSON.stringify(facts) })
      .where('id', '=', id)
      .execute();
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
      eventDetails: [],
      claims: [],
      aliases: [],
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
      await this.restoreReferences(from, person.id, restore, moved);
    }
    const logId = await this.addLog('split', from, person.id, log, moved);
    return { moved, logId };
  }

  /** Undoes what a merge rewrote outside the person columns: aliases, event details, review claims. */
  private async restoreReferences(
    from: string,
    to: string,
    restore: MovedRecords,
    moved: MovedRecords,
  ): Promise<void> {
    for (const a of restore.aliases ?? []) {
      const r = a.shared
        ? await this.db
            .insertInto('registryAliases')
            .values({
              ownerType: 'person',
              ownerId: to,
              alias: a.alias,
              aliasKey: a.aliasKey,
              sourceId: a.sourceId,
            })
            .onConflict((oc) => oc.columns(['ownerType', 'ownerId', 'aliasKey']).doNothing())
            .executeTakeFirst()
        : await this.db
            .updateTable('registryAliases')
            .set({ ownerId: to })
            .where('ownerType', '=', 'person')
            .where('ownerId', '=', from)
            .where('aliasKey', '=', a.aliasKey)
            .executeTakeFirst();
      const n = 'numInsertedOrUpdatedRows' in r ? r.numInsertedOrUpdatedRows : r.numUpdatedRows;
      if (Number(n ?? 0) > 0) moved.aliases!.push(a);
    }
    for (const e of restore.eventDetails ?? []) {
      const row = await this.db
        .selectFrom('events')
        .select('details')
        .where('id', '=', e.id)
        .executeTakeFirst();
      if (!row) continue;
      const details: unknown = JSON.parse(row.details);
      const paths = replaceAt(details, e.paths, from, to);
      if (paths.length === 0) continue;
      await this.setEventDetails(e.id, details);
      moved.eventDetails!.push({ id: e.id, paths });
    }
    for (const c of restore.claims ?? []) {
      const row = await this.db
        .selectFrom('reviewClaims')
        .select(['links', 'facts'])
        .where('id', '=', c.id)
        .executeTakeFirst();
      if (!row) continue;
      const links: unknown = JSON.parse(row.links);
      const facts: unknown = row.facts === null ? null : JSON.parse(row.facts);
      const l = replaceAt(links, c.links, from, to);
      const f = replaceAt(facts, c.facts, from, to);
      if (l.length + f.length === 0) continue;
      await this.setClaimJson(c.id, links, facts);
      moved.claims!.push({ id: c.id, links: l, facts: f });
    }
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
