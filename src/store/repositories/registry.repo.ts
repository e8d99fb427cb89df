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

/**
 * Inserts rows in multi-row statements sized to the database's parameter limit (500 rows at most), calling
 * onChunk with each chunk's size: the one bulk-insert path for snapshot loads, migrations and restores.
 */
export async function insertChunked(
  db: Kysely<Database>,
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  maxParameters: number,
  onChunk?: (rows: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.min(500, Math.floor(maxParameters / columns)));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    // The table is chosen at run time, so its row type is not known statically.
    await db
      .insertInto(table as never)
      .values(part as never)
      .execute();
    onChunk?.(part.length);
  }
}

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
      await insertChunked(
        this.db,
        table,
        records.map((r) => toRow(table, r)),
        this.maxParameters,
        (n) => {
          done += n;
          onProgress?.(done, total);
        },
      );
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
