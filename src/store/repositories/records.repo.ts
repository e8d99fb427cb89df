/**
 * Single records with their versions, for editing: read one, insert one, and update one only if it still
 * has the version the editor read (optimistic concurrency: UPDATE ... WHERE id = ? AND version = ?).
 */
import type { Kysely } from 'kysely';
import type { SelectionCandidate } from '../../domain/model.js';
import { fromRow, toRow } from '../codec.js';
import type { Database } from '../schema.js';

/** The tables editors may write one record at a time; each has an `id` and a `version` column. */
export const EDITABLE_TABLES = ['persons', 'memberships', 'events', 'selections', 'sources'] as const;
export type EditableTable = (typeof EDITABLE_TABLES)[number];

/** Tables a write may refer to by id (foreign keys checked before writing, to name the field at fault). */
export type ReferenceTable = EditableTable | 'organizations' | 'posts' | 'areas';

export type Versioned<T> = T & { version: number };

export class RecordsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One record with its version, or undefined. */
  async get<T>(table: EditableTable, id: string): Promise<Versioned<T> | undefined> {
    const row = (await this.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as
      | Record<string, unknown>
      | undefined;
    if (!row) return undefined;
    return { ...fromRow<T>(table, row), version: Number(row.version) };
  }

  async exists(table: ReferenceTable, id: string): Promise<boolean> {
    const row = await this.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /** Inserts a new record at version 1. */
  async insert(table: EditableTable, record: object): Promise<void> {
    await this.db
      .insertInto(table)
      .values({ ...toRow(table, record), version: 1 } as never)
      .execute();
  }

  /**
   * Writes `changes` and bumps the version, only where the stored version is still `expectedVersion`.
   * Returns false (and writes nothing) when another write got there first.
   */
  async update(table: EditableTable, id: string, expectedVersion: number, changes: object): Promise<boolean> {
    const row = toRow(table, changes);
    delete row.id;
    delete row.version;
    const result = await this.db
      .updateTable(table)
      .set((eb) => ({ ...row, version: eb('version', '+', 1) }) as never)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async selectionCandidates(selectionId: string): Promise<SelectionCandidate[]> {
    const rows = await this.db
      .selectFrom('selectionCandidates')
      .selectAll()
      .where('selectionId', '=', selectionId)
      .orderBy('personId')
      .execute();
    return rows.map((r) => fromRow<SelectionCandidate>('selectionCandidates', r));
  }

  /** Replaces a selection's candidates with `candidates` (the selection row's version guards the pair). */
  async replaceSelectionCandidates(selectionId: string, candidates: SelectionCandidate[]): Promise<void> {
    await this.db.deleteFrom('selectionCandidates').where('selectionId', '=', selectionId).execute();
    if (candidates.length === 0) return;
    await this.db
      .insertInto('selectionCandidates')
      .values(candidates.map((c) => toRow('selectionCandidates', c)) as never)
      .execute();
  }
}
