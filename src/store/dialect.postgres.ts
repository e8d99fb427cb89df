/**
 * PostgreSQL server mode: a pg connection pool behind Kysely. The same repositories and migrations run
 * here as on SQLite; what differs (type parsing, locks, limits) stays in this file.
 */
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { InvalidInputError } from '../domain/errors.js';
import type { DialectAdapter, IndexDefinition } from './dialect.js';
import type { Database } from './schema.js';

// count(*) and other int8 values arrive as strings by default; Caucus's counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** A URL safe to print: the password replaced. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export function openPostgres(url: string): DialectAdapter {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.CAUCUS_PG_POOL ?? 10),
    statement_timeout: Number(process.env.CAUCUS_PG_STATEMENT_TIMEOUT_MS ?? 60_000),
    connectionTimeoutMillis: 10_000,
  });
  // An idle pooled connection can be cut by the server (restart, admin command); the pool replaces it, and
  // without a listener Node would treat the event as a crash.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  const location = redact(url);
  return {
    name: 'postgres',
    db,
    location,
    maxParameters: 65_000,
    async checkIsCaucus() {
      let tables: Array<{ name: string }>;
      try {
        const r = await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
        tables = r.rows;
      } catch (err) {
        throw new InvalidInputError(`cannot connect: ${(err as Error).message}`, {
          where: location,
          rule: 'database-location',
        });
      }
      if (tables.length > 0 && !tables.some((t) => t.name === 'caucus_meta')) {
        throw new InvalidInputError(
          `is a PostgreSQL database but not a Caucus one (it has tables ${tables
            .slice(0, 3)
            .map((t) => t.name)
            .join(', ')}${tables.length > 3 ? ', ...' : ''}); it was left untouched`,
          { where: location, rule: 'database-file' },
        );
      }
    },
    async secondaryIndexes(conn, tables) {
      if (tables.length === 0) return [];
      const r = await sql<IndexDefinition>`select c.relname as name, t.relname as "table",
          pg_get_indexdef(c.oid) as "create"
        from pg_index x join pg_class c on c.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        where t.relnamespace = current_schema()::regnamespace and t.relname in (${sql.join(tables)})
          and not x.indisunique and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
        order by x.indexrelid`.execute(conn);
      return r.rows;
    },
    async runDeferredChecks(conn) {
      await sql`set constraints all immediate`.execute(conn);
      await sql`set constraints all deferred`.execute(conn);
    },
    async optimize() {
      await sql`analyze`.execute(db);
    },
    async integrityCheck() {
      // The server keeps its own files consistent; what can still go wrong is a constraint that was not
      // validated, so report any.
      const r = await sql<{ name: string }>`select conname as name from pg_constraint
        where connamespace = current_schema()::regnamespace and not convalidated`.execute(db);
      return r.rows.map((c) => `constraint ${c.name} is not validated`);
    },
    isWriteConflict(err: unknown) {
      // serialization_failure and deadlock_detected: the server rolled this transaction back for another's sake.
      const code = (err as { code?: unknown } | null)?.code;
      return code === '40001' || code === '40P01';
    },
    async lockForMigration(trx) {
      // Two processes starting at once must not both migrate: the lock is held until the transaction ends.
      await sql`select pg_advisory_xact_lock(7428190)`.execute(trx);
    },
    async close() {
      await db.destroy();
    },
  };
}
