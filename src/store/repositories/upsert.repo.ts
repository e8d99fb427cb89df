/**
 * Idempotent writes of imported records (upsert by key): a record whose key is new is inserted; one identical
 * to what is stored is left alone; one that differs fills and corrects the stored record (never erasing a value
 * with a null) and bumps its version. Placeholders (a council named only by a slug, a ward seen in a result file)
 * are inserted only if absent. Importing the same records twice therefore changes nothing.
 */
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type { RegistrySnapshot } from '../../domain/model.js';
import { fromRow, toFlatRows, toRow } from '../codec.js';
import type { DialectAdapter } from '../dialect.js';
import { type Database, SNAPSHOT_TABLES, type TableName } from '../schema.js';

export interface TableCounts {
  added: number;
  updated: number;
  unchanged: number;
}
export type UpsertCounts = Partial<Record<TableName, TableCounts>>;

export interface UpsertOptions {
  /** Ids, per table, of placeholder records: inserted if absent, never overwriting a stored record. */
  placeholders?: Partial<Record<TableName, readonly string[]>>;
  onProgress?: (done: number, total: number) => void;
}

type AnyRecord = Record<string, unknown>;

/** The columns that identify a record of each table (its primary key; citations have only a surrogate). */
export const KEY_COLUMNS: Readonly<Record<TableName, readonly string[]>> = Object.fromEntries(
  SNAPSHOT_TABLES.map((t) => [
    t,
    t === 'selectionCandidates'
      ? ['selectionId', 'personId']
      : t === 'identifiers'
        ? ['ownerType', 'ownerId', 'scheme', 'identifier']
        : t === 'citations'
          ? ['factType', 'factId', 'sourceId', 'quote', 'quoteStart', 'quoteEnd']
          : ['id'],
  ]),
) as unknown as Record<TableName, readonly string[]>;

/** The column a table's stored rows are looked up by, a chunk at a time (then matched on the full key). */
const LOOKUP_COLUMN: Partial<Record<TableName, string>> = {
  selectionCandidates: 'selectionId',
  identifiers: 'ownerId',
  citations: 'factId',
};

const VERSIONED = (t: TableName) => t !== 'selectionCandidates' && t !== 'identifiers' && t !== 'citations';

export function recordKey(table: TableName, r: AnyRecord): string {
  const cols = KEY_COLUMNS[table];
  if (cols.length === 1) return String(r[cols[0]!]);
  return cols.map((c) => String(r[c] ?? '')).join('\u0000');
}

/** Compares two key values as the key strings would, without building them. */
function compareValues(x: unknown, y: unknown): number {
  if (x === y) return 0;
  const a = typeof x === 'string' ? x : String(x ?? '');
  const b = typeof y === 'string' ? y : String(y ?? '');
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders records by key, column by column: building a key string per record costs more than the sort. */
function keyOrder(table: TableName): (a: AnyRecord, b: AnyRecord) => number {
  const cols = KEY_COLUMNS[table];
  if (cols.length === 1) {
    const c = cols[0]!;
    return (a, b) => compareValues(a[c], b[c]);
  }
  return (a, b) => {
    for (const c of cols) {
      const d = compareValues(a[c], b[c]);
      if (d !== 0) return d;
    }
    return 0;
  };
}

function sortByKey(table: TableName, records: AnyRecord[]): AnyRecord[] {
  if (records.length < 2) return records;
  const order = keyOrder(table);
  // A file already in key order (an export read back) needs no sort.
  let sorted = true;
  for (let i = 1; i < records.length && sorted; i++) sorted = order(records[i - 1]!, records[i]!) <= 0;
  return sorted ? records : [...records].sort(order);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'object' && typeof b === 'object' && a && b) return stableJson(a) === stableJson(b);
  return false;
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as AnyRecord).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}

/**
 * What a stored record becomes when a file brings `incoming`: non-null values fill or correct it, nulls never
 * erase. Who stood in a candidacy is left to person matching, merges and splits; an election once known to be
 * ordinary stays so (a file of by-elections cannot tell). A person's name is kept as first recorded (or as an
 * editor corrected it): files spell names differently ("Francyne Edith Johnson", "Francyne Johnson"), and
 * letting each import rewrite them would make alternating imports change each other's records.
 */
export function mergeRecord(table: TableName, existing: AnyRecord, incoming: AnyRecord): AnyRecord {
  const out: AnyRecord = { ...existing };
  for (const [k, v] of Object.entries(incoming)) {
    if (k === 'sourceId' || v === null || v === undefined) continue;
    if (table === 'persons' && existing[k] !== null && existing[k] !== undefined) continue;
    if (table === 'candidacies' && k === 'personId') continue;
    if (table === 'elections' && k === 'ordinary') {
      out.ordinary = Boolean(existing.ordinary) || Boolean(v);
      continue;
    }
    out[k] = v;
  }
  return out;
}

/** True when `b` says nothing `a` does not (the primary source aside). */
export function sameRecord(a: AnyRecord, b: AnyRecord): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'sourceId' || k === 'version') continue;
    if (!same(a[k], b[k])) return false;
  }
  return true;
}

/** Whether a record has exactly these keys (counted, not listed: no array per record). */
function hasExactly(r: AnyRecord, columns: readonly string[]): boolean {
  let n = 0;
  for (const _ in r) n++;
  if (n !== columns.length) return false;
  for (const c of columns) if (!(c in r)) return false;
  return true;
}

/**
 * A table empty before an import that brings at least this many records gets its plain indexes built once
 * after the insert instead of updated row by row (a national file; a small one is not worth the DDL).
 */
export const REBUILD_INDEXES_FROM = 10_000;

const snakeCase = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class UpsertRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Pick<
      DialectAdapter,
      'maxParameters' | 'secondaryIndexes' | 'runDeferredChecks'
    >,
  ) {}

  /** Writes a snapshot's records by key; returns what was added, updated and left unchanged per table. */
  async upsert(snapshot: Partial<RegistrySnapshot>, options: UpsertOptions = {}): Promise<UpsertCounts> {
    const counts: UpsertCounts = {};
    const total = SNAPSHOT_TABLES.reduce((n, t) => n + (snapshot[t]?.length ?? 0), 0);
    let done = 0;
    for (const table of SNAPSHOT_TABLES) {
      const records = (snapshot[table] ?? []) as unknown as AnyRecord[];
      if (records.length === 0) continue;
      const placeholders = new Set(options.placeholders?.[table] ?? []);
      counts[table] = await this.upsertTable(table, records, placeholders, (n) => {
        done += n;
        options.onProgress?.(done, total);
      });
    }
    return counts;
  }

  private async upsertTable(
    table: TableName,
    unsorted: AnyRecord[],
    placeholders: ReadonlySet<string>,
    progress: (n: number) => void,
  ): Promise<TableCounts> {
    const counts: TableCounts = { added: 0, updated: 0, unchanged: 0 };
    // A table that held nothing before this import needs no lookups: everything in it is new. On a fresh
    // database this is the whole import, and it is what keeps a national file fast.
    const emptyBefore =
      (await this.db.selectFrom(table).selectAll().limit(1).executeTakeFirst()) === undefined;
    // Into an empty table, a large import drops the plain indexes and builds each once at the end, in the
    // same transaction (as a registry load does): one sort is several times cheaper than row-by-row updates.
    const bulk = emptyBefore && unsorted.length >= REBUILD_INDEXES_FROM;
    const rebuild = bulk ? await this.dialect.secondaryIndexes(this.db, [snakeCase(table)]) : [];
    // In key order, SQLite appends to its indexes instead of splitting pages all over them: with every index
    // in place this more than halves the time the database takes. In a bulk load, where the plain indexes are
    // built afterwards, the primary key alone does not repay the sort (measured on the import benchmark).
    const records = bulk ? unsorted : sortByKey(table, unsorted);
    const columns = Object.keys(records[0]!).length;
    const chunk = Math.max(1, Math.min(500, Math.floor(this.dialect.maxParameters / Math.max(columns, 1))));
    for (const index of rebuild) await this.db.schema.dropIndex(index.name).execute();
    for (let i = 0; i < records.length; i += chunk) {
      const end = Math.min(records.length, i + chunk);
      if (emptyBefore) {
        const added = await this.insert(table, records, i, end);
        counts.added += added;
        counts.unchanged += end - i - added;
        progress(end - i);
        continue;
      }
      const part = records.slice(i, end);
      const stored = await this.stored(table, part);
      const fresh: AnyRecord[] = [];
      for (const r of part) {
        const key = recordKey(table, r);
        const existing = stored.get(key);
        if (!existing) {
          fresh.push(r);
          continue;
        }
        if (KEY_COLUMNS[table].length > 1 || placeholders.has(key)) {
          counts.unchanged++;
          continue;
        }
        const next = mergeRecord(table, existing, r);
        if (sameRecord(existing, next)) counts.unchanged++;
        else {
          await this.update(table, key, { ...next, sourceId: r.sourceId ?? existing.sourceId });
          counts.updated++;
        }
      }
      const added = fresh.length ? await this.insert(table, fresh, 0, fresh.length) : 0;
      counts.added += added;
      // Two records of one key in the same import (never from the importers): the second is a no-op.
      counts.unchanged += fresh.length - added;
      progress(part.length);
    }
    if (rebuild.length > 0) await this.dialect.runDeferredChecks(this.db);
    for (const index of rebuild) await sql.raw(index.create).execute(this.db);
    return counts;
  }

  /** Compiled inserts by table, columns and row count, reused across chunks: building and compiling a
   * 500-row statement costs more than SQLite takes to run it. */
  private readonly compiled = new Map<string, CompiledQuery>();

  /** Inserts records[from..to), skipping keys already stored; returns the number inserted. */
  private async insert(table: TableName, records: AnyRecord[], from: number, to: number): Promise<number> {
    const build = (values: AnyRecord[]) => {
      const q = this.db.insertInto(table).values(values as never);
      // Citations have no natural key to conflict on: callers have filtered out those already stored.
      return table === 'citations'
        ? q
        : q.onConflict((oc) => oc.columns(KEY_COLUMNS[table] as never).doNothing());
    };
    const columns = Object.keys(records[from]!);
    let uniform = true;
    for (let i = from; i < to && uniform; i++) uniform = hasExactly(records[i]!, columns);
    if (!uniform) {
      const rows = records.slice(from, to).map((x) => toRow(table, x));
      const r = await build(rows).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? rows.length);
    }
    const cacheKey = `${table}\u0000${to - from}\u0000${columns.join(',')}`;
    let template = this.compiled.get(cacheKey);
    if (!template) {
      // Compiled from rows without undefined values, so every row binds every column in the same order.
      const blank = Object.fromEntries(columns.map((c) => [c, null]));
      template = build(Array.from({ length: to - from }, () => blank)).compile();
      if (template.parameters.length !== (to - from) * columns.length)
        throw new Error(`upsert into ${table}: expected ${(to - from) * columns.length} placeholders`);
      this.compiled.set(cacheKey, template);
    }
    // Parameters straight from the records (toRow's conversions, without a row object per record).
    const parameters = toFlatRows(table, records, columns, from, to);
    const result = await this.db.executeQuery({ ...template, parameters });
    return Number(result.numAffectedRows ?? BigInt(to - from));
  }

  /** The stored records (as domain records) whose keys appear in `records`, by key. */
  private async stored(table: TableName, records: AnyRecord[]): Promise<Map<string, AnyRecord>> {
    const column = LOOKUP_COLUMN[table] ?? 'id';
    const values = [...new Set(records.map((r) => String(r[column])))];
    const rows = (await this.db
      .selectFrom(table)
      .selectAll()
      .where(column as never, 'in', values as never)
      .execute()) as AnyRecord[];
    const out = new Map<string, AnyRecord>();
    for (const row of rows) {
      const r = fromRow<AnyRecord>(table, row);
      out.set(recordKey(table, r), r);
    }
    return out;
  }

  private async update(table: TableName, id: string, record: AnyRecord): Promise<void> {
    const row = toRow(table, record);
    delete row.id;
    delete row.version;
    await this.db
      .updateTable(table as 'persons')
      .set((eb) => (VERSIONED(table) ? { ...row, version: eb('version', '+', 1) } : row) as never)
      .where('id', '=', id)
      .execute();
  }
}
