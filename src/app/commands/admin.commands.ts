/**
 * Moving whole databases: `migrate` copies a registry between SQLite and PostgreSQL, verified by row counts
 * and checksums; `backup` and `restore` work for both (an SQLite online backup, or a portable dump).
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConflictError, InvalidInputError } from '../../domain/errors.js';
import { isSqliteFile } from '../../store/dialect.sqlite.js';
import { SCHEMA_VERSION } from '../../store/migrator.js';
import { checksumRows } from '../../store/repositories/dump.repo.js';
import { openStore, type Store } from '../../store/store.js';
import type { AppContext } from '../context.js';

export interface TableCopy {
  table: string;
  rows: number;
  checksum: string;
}

export const DUMP_FORMAT = 'caucus-dump';

async function requireEmpty(store: Store): Promise<void> {
  for (const t of await store.dump.tables()) {
    if ((await store.dump.count(t)) > 0) {
      throw new ConflictError(
        `${store.location} already holds data (table ${t}); restore or migrate into an empty database`,
      );
    }
  }
}

/** Writes tables into an empty store in one transaction, then re-reads them to prove counts and checksums. */
async function writeVerified(
  target: Store,
  tables: Map<string, Array<Record<string, unknown>>>,
): Promise<TableCopy[]> {
  await requireEmpty(target);
  const known = new Set(await target.dump.tables());
  for (const t of tables.keys()) {
    if (!known.has(t))
      throw new InvalidInputError(`table "${t}" does not exist in this version's schema`, { where: 'dump' });
  }
  await target.transaction(async (repos) => {
    for (const [t, rows] of tables) {
      await repos.dump.insert(t, rows);
      await repos.dump.resetSequences(t, target.dialect);
    }
  });
  const out: TableCopy[] = [];
  for (const [t, rows] of tables) {
    const expected = checksumRows(rows);
    const stored = await target.dump.rows(t);
    const actual = checksumRows(stored);
    if (stored.length !== rows.length || actual !== expected) {
      throw new ConflictError(
        `verification failed for table ${t}: ${rows.length} rows sent, ${stored.length} stored`,
      );
    }
    out.push({ table: t, rows: rows.length, checksum: actual });
  }
  return out;
}

async function readAll(source: Store): Promise<Map<string, Array<Record<string, unknown>>>> {
  const tables = new Map<string, Array<Record<string, unknown>>>();
  for (const t of await source.dump.tables()) tables.set(t, await source.dump.rows(t));
  return tables;
}

/** Copies a whole registry from one database to another (empty) one: migrateDatabase(ctx, { from, to }). */
export async function migrateDatabase(
  ctx: Pick<AppContext, 'progress'>,
  input: { from: string; to: string },
) {
  const source = await openStore(input.from);
  try {
    const target = await openStore(input.to);
    try {
      ctx.progress?.('reading', 0, 1);
      const tables = await readAll(source);
      ctx.progress?.('writing', 0, 1);
      const copied = await writeVerified(target, tables);
      return { from: source.location, to: target.location, verified: true, tables: copied };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/**
 * Backs the database up into `file`: an SQLite database gets an online backup (an SQLite file); a PostgreSQL
 * one a portable dump (JSON lines: a header, each table's rows, and a closing line with checksums).
 */
export async function backup(ctx: AppContext, input: { file: string }) {
  if (ctx.store.backupFile) {
    await ctx.store.backupFile(input.file);
    return { file: input.file, format: 'sqlite' as const };
  }
  const out = createWriteStream(input.file);
  const write = (line: unknown) =>
    new Promise<void>((resolve, reject) =>
      out.write(`${JSON.stringify(line)}\n`, (e) => (e ? reject(e) : resolve())),
    );
  const checksums: Record<string, string> = {};
  await write({
    format: DUMP_FORMAT,
    version: 1,
    schemaVersion: SCHEMA_VERSION,
    createdAt: ctx.clock.now().toISOString(),
  });
  for (const t of await ctx.store.dump.tables()) {
    const rows = await ctx.store.dump.rows(t);
    await write({ table: t, rows: rows.length });
    for (const r of rows) await write(r);
    checksums[t] = checksumRows(rows);
  }
  await write({ end: true, checksums });
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { file: input.file, format: DUMP_FORMAT };
}

async function readDump(file: string): Promise<Map<string, Array<Record<string, unknown>>>> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  const tables = new Map<string, Array<Record<string, unknown>>>();
  let lineNo = 0;
  let current: { table: string; left: number } | null = null;
  let checksums: Record<string, string> | null = null;
  for await (const text of lines) {
    lineNo += 1;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text);
    } catch {
      throw new InvalidInputError('expected one JSON value per line', {
        where: `${file}:${lineNo}`,
        rule: 'dump',
      });
    }
    if (lineNo === 1) {
      if (value.format !== DUMP_FORMAT) {
        throw new InvalidInputError(`is not a Caucus backup (expected an SQLite file or a ${DUMP_FORMAT})`, {
          where: file,
          rule: 'dump',
        });
      }
      if (Number(value.schemaVersion) > SCHEMA_VERSION) {
        throw new InvalidInputError(`was made by a newer version of Caucus (schema ${value.schemaVersion})`, {
          where: file,
        });
      }
      continue;
    }
    if (current && current.left > 0) {
      tables.get(current.table)!.push(value);
      current.left -= 1;
      continue;
    }
    if (typeof value.table === 'string' && typeof value.rows === 'number') {
      current = { table: value.table, left: value.rows };
      tables.set(value.table, []);
    } else if (value.end === true) {
      checksums = value.checksums as Record<string, string>;
    } else {
      throw new InvalidInputError('expected a table header or the closing line', {
        where: `${file}:${lineNo}`,
        rule: 'dump',
      });
    }
  }
  if (!checksums || (current && current.left > 0)) {
    throw new InvalidInputError('the dump is truncated (no closing line); nothing was restored', {
      where: file,
      rule: 'dump',
    });
  }
  for (const [t, rows] of tables) {
    if (checksums[t] !== checksumRows(rows)) {
      throw new InvalidInputError(`table ${t} does not match its checksum; nothing was restored`, {
        where: file,
        rule: 'dump',
      });
    }
  }
  return tables;
}

/** Restores a backup (either kind) into the current database, which must be empty. */
export async function restore(ctx: AppContext, input: { file: string }) {
  let tables: Map<string, Array<Record<string, unknown>>>;
  if (!existsSync(input.file))
    throw new InvalidInputError('no such file', { where: input.file, rule: 'file' });
  if (isSqliteFile(input.file)) {
    const source = await openStore(input.file);
    try {
      tables = await readAll(source);
    } finally {
      await source.close();
    }
  } else {
    tables = await readDump(input.file);
  }
  const restored = await writeVerified(ctx.store, tables);
  return { file: input.file, into: ctx.store.location, tables: restored };
}

/** The database's own integrity check plus row counts: what `caucus check` prints. */
export async function check(ctx: AppContext) {
  const problems = await ctx.store.integrityCheck();
  const counts: Record<string, number> = {};
  for (const t of await ctx.store.dump.tables()) counts[t] = await ctx.store.dump.count(t);
  return { database: ctx.store.location, ok: problems.length === 0, problems, counts };
}
