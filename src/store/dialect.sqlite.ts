/** The embedded default: one SQLite file through better-sqlite3, in WAL mode with foreign keys on. */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type SqliteDatabase as KyselySqlite, SqliteDialect, sql } from 'kysely';
import { InvalidInputError } from '../domain/errors.js';
import type { DialectAdapter, IndexDefinition } from './dialect.js';
import type { Database } from './schema.js';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Whether a file starts with SQLite's header (read without opening it as a database). */
export function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    readSync(fd, buf, 0, 16, 0);
    return buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Refuses, without writing a byte, a file that is not an SQLite database. */
function checkHeader(path: string): void {
  if (!existsSync(path) || statSync(path).size === 0) return;
  if (!isSqliteFile(path)) {
    throw new InvalidInputError(
      'is not a Caucus database (it is not an SQLite file); it was left untouched',
      {
        where: path,
        rule: 'database-file',
      },
    );
  }
}

/** Prepared statements kept per connection; enough for every query shape Caucus runs, and bounded. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, reusing prepared statements by SQL text (least recently used out): Kysely
 * prepares every query it runs, and compiling a 500-row insert costs SQLite about as much as running it. A
 * statement still being iterated (a streamed select) is never handed out twice.
 */
export function reusingStatements(raw: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqlite {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = raw.prepare(sql);
      if (!hit) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

export function openSqlite(path: string): DialectAdapter {
  checkHeader(path);
  const raw = new SqliteDatabase(path);
  let configured = false;
  const configure = () => {
    if (configured) return;
    configured = true;
    if (path !== ':memory:') raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    // A larger page cache keeps index pages of bulk loads in memory (64 MB; the default is 2 MB).
    raw.pragma('cache_size = -65536');
  };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: reusingStatements(raw) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    name: 'sqlite',
    db,
    location: path,
    maxParameters: 32_000,
    async checkIsCaucus() {
      const tables = raw
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as Array<{ name: string }>;
      if (tables.length > 0 && !tables.some((t) => t.name === 'caucus_meta')) {
        throw new InvalidInputError(
          `is an SQLite database but not a Caucus one (it has tables ${tables
            .slice(0, 3)
            .map((t) => t.name)
            .join(', ')}${tables.length > 3 ? ', ...' : ''}); it was left untouched`,
          { where: path, rule: 'database-file' },
        );
      }
      configure();
    },
    async lockForMigration() {
      // SQLite takes the write lock with the migration's first statement; nothing more is needed.
    },
    async secondaryIndexes(conn, tables) {
      if (tables.length === 0) return [];
      // Kept: an index led by a column that refers to its own table (areas.parent_id). While a deferred key
      // is unresolved, SQLite searches a table for rows referring to each row inserted into it; without the
      // index, loading a child before its parent would make every later insert scan the whole table.
      const r = await sql<IndexDefinition>`select m.name as name, m.tbl_name as "table", m.sql as "create"
        from sqlite_master m join pragma_index_list(m.tbl_name) il on il.name = m.name
        where m.type = 'index' and il.origin = 'c' and not il."unique" and m.tbl_name in (${sql.join(tables)})
          and not exists (select 1 from pragma_foreign_key_list(m.tbl_name) fk
            join pragma_index_info(m.name) ii on ii.seqno = 0 and ii.name = fk."from"
            where fk."table" = m.tbl_name)
        order by m.rowid`.execute(conn);
      return r.rows;
    },
    async runDeferredChecks() {
      // SQLite counts deferred violations and builds indexes whatever is pending: nothing to do.
    },
    async optimize() {
      raw.exec('analyze');
    },
    async integrityCheck() {
      const problems = (raw.pragma('integrity_check') as Array<{ integrity_check: string }>)
        .map((r) => r.integrity_check)
        .filter((m) => m !== 'ok');
      for (const fk of raw.pragma('foreign_key_check') as Array<{
        table: string;
        rowid: number;
        parent: string;
      }>) {
        problems.push(`${fk.table} row ${fk.rowid} refers to a missing ${fk.parent}`);
      }
      return problems;
    },
    isWriteConflict(err: unknown) {
      // Another connection (a second `caucus serve`, or the CLI) holds the write lock or committed after this
      // transaction's snapshot; SQLite refuses the write at once rather than wait, to avoid a deadlock.
      const code = (err as { code?: unknown } | null)?.code;
      return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
    },
    async backupFile(target: string) {
      await raw.backup(target);
    },
    async close() {
      await db.destroy();
    },
  };
}
