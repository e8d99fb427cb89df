/**
 * Table-by-table access to the whole database, whatever tables later migrations add: the basis of
 * `caucus migrate` (SQLite <-> PostgreSQL), `backup` and `restore`. Rows are copied as stored, versions included.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';
import { insertChunked } from './registry.repo.js';

type AnyRow = Record<string, unknown>;

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** A canonical text for a row: keys sorted, numbers and strings as JSON, so both databases agree. */
function canonicalRow(row: AnyRow): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k] ?? null]),
  );
}

/** An order-independent checksum of a table's rows, equal on SQLite and PostgreSQL for the same data. */
export function checksumRows(rows: AnyRow[]): string {
  const lines = rows.map(canonicalRow).sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return h.digest('hex');
}

export class DumpRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxParameters: number,
  ) {}

  /** The data tables, in a stable order (the schema-version table is not data). */
  async tables(): Promise<string[]> {
    const tables = await this.db.introspection.getTables();
    return tables
      .map((t) => camel(t.name))
      .filter((n) => n !== 'caucusMeta')
      .sort();
  }

  async rows(table: string): Promise<AnyRow[]> {
    return (await this.db
      .selectFrom(table as never)
      .selectAll()
      .execute()) as AnyRow[];
  }

  async count(table: string): Promise<number> {
    const r = await this.db
      .selectFrom(table as never)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number((r as { n: number }).n);
  }

  async insert(table: string, rows: AnyRow[]): Promise<void> {
    await insertChunked(this.db, table, rows, this.maxParameters);
  }

  /** After rows with explicit serial ids are copied into PostgreSQL, its sequences must move past them. */
  async resetSequences(table: string, dialect: 'sqlite' | 'postgres'): Promise<void> {
    if (dialect !== 'postgres') return;
    const snake = table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const serials = await sql<{ column: string }>`select column_name as column from information_schema.columns
      where table_schema = current_schema() and table_name = ${snake} and column_default like 'nextval(%'`.execute(
      this.db,
    );
    for (const { column } of serials.rows) {
      await sql`select setval(pg_get_serial_sequence(${snake}, ${column}),
        (select coalesce(max(${sql.ref(column)}), 0) + 1 from ${sql.table(snake)}), false)`.execute(this.db);
    }
  }
}
