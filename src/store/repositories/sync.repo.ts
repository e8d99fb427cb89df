/** Where each `caucus sync` got to: a cursor per source and scope, written in the same transaction as the data. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface SyncCursor {
  name: string;
  cursor: string;
  updatedAt: string;
  details: Record<string, unknown>;
}

export class SyncRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(name: string): Promise<SyncCursor | undefined> {
    const row = await this.db
      .selectFrom('syncCursors')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row && { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
  }

  async set(entry: SyncCursor): Promise<void> {
    const values = { ...entry, details: JSON.stringify(entry.details) };
    await this.db
      .insertInto('syncCursors')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ cursor: values.cursor, updatedAt: values.updatedAt, details: values.details }),
      )
      .execute();
  }

  async all(): Promise<SyncCursor[]> {
    const rows = await this.db.selectFrom('syncCursors').selectAll().orderBy('name').execute();
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  }
}
