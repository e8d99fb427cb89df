/** Whole-registry reads and writes: bulk load of a snapshot, full export, counts. */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { RegistrySnapshot } from '../../domain/model.js';
import { fromRows, toFlatRows } from '../codec.js';
import type { DialectAdapter } from '../dialect.js';
import { type Database, SNAPSHOT_TABLES, type TableName } from '../schema.js';

export type ProgressFn = (done: number, total: number) => void;

const ORDER_BY: Partial<Record<TableName, string[]>> = {
  selectionCandidates: ['selectionId', 'personId'],
  citations: ['factType', 'factId', 'sourceId', 'quoteStart'],
  identifiers: ['ownerType', 'ownerId', 'scheme', 'identifier'],
};

/**
 * Inserts rows in multi-row statements sized to the database's parameter limit (500 rows at most), calling
 * onChunk with each chunk's size: the bulk-insert path for migrations and restores (snapshot loads use
 * insertRecords below, which builds each statement once).
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

/** Rows per multi-row INSERT at most; beyond a few hundred, bigger statements stopped paying (measured). */
const MAX_ROWS_PER_STATEMENT = 500;

const snakeCase = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Every field any record gives a value, in first-seen order: the columns of the table's INSERTs. As with
 * Kysely's own inserts, a field that is undefined in every record is no column.
 */
function columnsOf(records: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const r of records) {
    for (const k in r) if (!seen.has(k) && (r as Record<string, unknown>)[k] !== undefined) seen.add(k);
  }
  return [...seen];
}

/**
 * Inserts the records of one snapshot table in multi-row statements of one shape, sized to the parameter
 * limit. The statement is compiled by Kysely once (quoting and placeholders are the dialect's) and run for
 * every full chunk with new parameters, so no query tree is built per chunk and SQLite's statement cache
 * prepares it once.
 */
async function insertRecords(
  db: Kysely<Database>,
  table: TableName,
  records: readonly object[],
  maxParameters: number,
  onChunk: (rows: number) => void,
): Promise<void> {
  const columns = columnsOf(records);
  const chunk = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(maxParameters / columns.length)));
  const statements = new Map<number, string>();
  const statementFor = (rows: number): string => {
    let text = statements.get(rows);
    if (text === undefined) {
      const blank = Object.fromEntries(columns.map((c) => [c, null]));
      const compiled = db
        .insertInto(table)
        .values(Array.from({ length: rows }, () => blank) as never)
        .compile();
      // Every value must be a placeholder, in row-major order, for the flat parameter lists below to fit.
      if (compiled.parameters.length !== rows * columns.length) {
        throw new Error(`bulk insert into ${table}: expected ${rows * columns.length} placeholders`);
      }
      text = compiled.sql;
      statements.set(rows, text);
    }
    return text;
  };
  for (let from = 0; from < records.length; from += chunk) {
    const to = Math.min(records.length, from + chunk);
    const parameters = toFlatRows(table, records, columns, from, to);
    await db.executeQuery(CompiledQuery.raw(statementFor(to - from), parameters));
    onChunk(to - from);
  }
}

export class RegistryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Pick<
      DialectAdapter,
      'maxParameters' | 'secondaryIndexes' | 'runDeferredChecks'
    >,
  ) {}

  /**
   * Inserts every record of a snapshot, in multi-row statements sized to the database's parameter limit, all
   * or nothing (in a transaction of its own unless called inside one). Into an empty registry, the plain
   * indexes are dropped first and each built once at the end, in the same transaction: sorting once is
   * several times cheaper than updating every index row by row.
   */
  async load(snapshot: RegistrySnapshot, onProgress?: ProgressFn): Promise<number> {
    if (!this.db.isTransaction) {
      return this.db
        .transaction()
        .execute((trx) => new RegistryRepository(trx, this.dialect).load(snapshot, onProgress));
    }
    const total = SNAPSHOT_TABLES.reduce((n, t) => n + snapshot[t].length, 0);
    const rebuild = (await this.allTablesEmpty())
      ? await this.dialect.secondaryIndexes(this.db, SNAPSHOT_TABLES.map(snakeCase))
      : [];
    for (const index of rebuild) await this.db.schema.dropIndex(index.name).execute();
    let done = 0;
    for (const table of SNAPSHOT_TABLES) {
      const records = snapshot[table] as object[];
      if (records.length === 0) continue;
      await insertRecords(this.db, table, records, this.dialect.maxParameters, (n) => {
        done += n;
        onProgress?.(done, total);
      });
    }
    if (rebuild.length > 0) await this.dialect.runDeferredChecks(this.db);
    for (const index of rebuild) await sql.raw(index.create).execute(this.db);
    return done;
  }

  /** Whether no snapshot table holds a row (one query). */
  private async allTablesEmpty(): Promise<boolean> {
    const probes = SNAPSHOT_TABLES.map((t) => sql`select 1 as x from ${sql.table(snakeCase(t))}`);
    const r = await sql<{ x: number }>`select exists (${sql.join(probes, sql` union all `)}) as x`.execute(
      this.db,
    );
    return Number(r.rows[0]?.x) === 0;
  }

  /** Reads the whole registry back, each table sorted by its key, so exports are stable. */
  async read(): Promise<RegistrySnapshot> {
    const out = {} as Record<string, unknown[]>;
    for (const table of SNAPSHOT_TABLES) {
      let q = this.db.selectFrom(table).selectAll();
      for (const col of ORDER_BY[table] ?? ['id']) q = q.orderBy(col as never);
      out[table] = fromRows(table, (await q.execute()) as Record<string, unknown>[]);
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
