/** The embedded default: one SQLite file through better-sqlite3, in WAL mode with foreign keys on. */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { InvalidInputError } from '../domain/errors.js';
import type { DialectAdapter } from './dialect.js';
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
    dialect: new SqliteDialect({ database: raw }),
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
    async backupFile(target: string) {
      await raw.backup(target);
    },
    async close() {
      await db.destroy();
    },
  };
}
