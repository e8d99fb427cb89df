/** Whole-registry reads and writes: bulk load of a snapshot, full export, counts. */
import type { Kysely } from 'kysely';
import type { RegistrySnapshot } from '../../domain/model.js';
import { fromRow, toRow } from '../codec.js';
import { type Database, SNAPSHOT_TABLES, type TableName } from '../schema.js';

export type ProgressFn = (done: number, total: number) => void;

const ORDER_BY: Partial<Record<TableName, string[]>> = {
  selectionCandidates: ['selectionId', 'personId'],
  citations: ['factType', 'factId', 'sourceId', 'quoteStart'],
  identifiers: ['ownerType', 'ownerId', 'scheme'],
};

export class RegistryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxParameters: number,
  ) {}

  /** Inserts every record of a snapshot, in multi-row statements sized to the database's parameter limit. */
  async load(snapshot: RegistrySnapshot, onProgress?: ProgressFn): Promise<number> {
    const total = SNAPSHOT_TABLES.reduce((n, t) => n + snapshot[t].length, 0);
    let done = 0;
    for (const table of SNAPSHOT_TABLES) {
      const records = snapshot[table] as object[];
      if (records.length === 0) continue;
      const columns = Object.keys(records[0]!).length;
      const chunk = Math.max(1, Math.min(500, Math.floor(this.maxParameters / columns)));
      for (let i = 0; i < records.length; i += chunk) {
        const rows = records.slice(i, i + chunk).map((r) => toRow(table, r));
        // The table is chosen at run time from SNAPSHOT_TABLES, so its row type is not known statically.
        await this.db
          .insertInto(table)
          .values(rows as never)
          .execute();
        done += rows.length;
        onProgress?.(done, total);
      }
    }
    return done;
  }

  /** Reads the whole registry back, each table sorted by its key, so exports are stable. */
  async read(): Promise<RegistrySnapshot> {
    const out = {} as Record<string, unknown[]>;
    for (const table of SNAPSHOT_TABLES) {
      let q = this.db.selectFrom(table).selectAll();
      for (const col of ORDER_BY[table] ?? ['id']) q = q.orderBy(col as never);
      const rows = (await q.execute()) as Record<string, unknown>[];
      out[table] = rows.map((r) => fromRow(table, r));
    }
    return out as unknown as RegistrySnapshot;
  }

  async counts(): Promise<Record<TableName, number>> {
    const out = {} as Record<TableName, number>;
    for (const table of SNAPSHOT_TABLES) {
      const row = await this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('sources').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }
}
