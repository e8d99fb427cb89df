/** Converts domain records to stored rows and back: booleans as 0/1 and JSON as text, the same in both databases. */
import { BOOLEAN_COLUMNS, JSON_COLUMNS, type TableName } from './schema.js';

type AnyRecord = Record<string, unknown>;

export function toRow(table: TableName, record: object): AnyRecord {
  const row: AnyRecord = { ...(record as AnyRecord) };
  for (const col of BOOLEAN_COLUMNS[table] ?? []) row[col] = row[col] ? 1 : 0;
  for (const col of JSON_COLUMNS[table] ?? []) row[col] = JSON.stringify(row[col] ?? {});
  return row;
}

/** Drops store-only columns (version, surrogate ids) and restores booleans and JSON. */
export function fromRow<T>(table: TableName, row: AnyRecord): T {
  const record: AnyRecord = { ...row };
  delete record.version;
  if (table === 'citations') delete record.id;
  for (const col of BOOLEAN_COLUMNS[table] ?? []) record[col] = Boolean(Number(record[col]));
  for (const col of JSON_COLUMNS[table] ?? []) {
    const v = record[col];
    record[col] = typeof v === 'string' ? JSON.parse(v) : (v ?? {});
  }
  for (const [k, v] of Object.entries(record)) if (v === undefined) record[k] = null;
  return record as T;
}

/**
 * The stored values of records[from..to), row after row in `columns` order, as one flat parameter list for a
 * multi-row INSERT: toRow's conversions without building a row object per record; a missing field is null.
 */
export function toFlatRows(
  table: TableName,
  records: readonly object[],
  columns: readonly string[],
  from: number,
  to: number,
): unknown[] {
  const booleans = BOOLEAN_COLUMNS[table] ?? [];
  const json = JSON_COLUMNS[table] ?? [];
  // 0 = as is, 1 = boolean as 0/1, 2 = JSON text: decided once per column rather than once per value.
  const kinds = columns.map((c) => (booleans.includes(c) ? 1 : json.includes(c) ? 2 : 0));
  const width = columns.length;
  const out = new Array<unknown>((to - from) * width);
  let p = 0;
  for (let i = from; i < to; i++) {
    const record = records[i] as AnyRecord;
    for (let c = 0; c < width; c++) {
      const v = record[columns[c]!];
      const kind = kinds[c];
      out[p++] =
        kind === 0 ? (v === undefined ? null : v) : kind === 1 ? (v ? 1 : 0) : JSON.stringify(v ?? {});
    }
  }
  return out;
}

/**
 * fromRow for every row of one query result: the columns are read from the first row once, and each record is
 * built field by field (no copy, no delete), so a million records stay small, fast-access objects.
 */
export function fromRows<T>(table: TableName, rows: readonly AnyRecord[]): T[] {
  if (rows.length === 0) return [];
  const booleans = BOOLEAN_COLUMNS[table] ?? [];
  const json = JSON_COLUMNS[table] ?? [];
  const stored = Object.keys(rows[0]!).filter(
    (c) => c !== 'version' && !(table === 'citations' && c === 'id'),
  );
  // Like fromRow, a boolean or JSON field the row lacks is still given (false, {}), after the stored ones.
  const columns = [...new Set([...stored, ...booleans, ...json])];
  const kinds = columns.map((c) => (booleans.includes(c) ? 1 : json.includes(c) ? 2 : 0));
  const out = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const record: AnyRecord = {};
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const v = row[col];
      const kind = kinds[c];
      record[col] =
        kind === 0
          ? v === undefined
            ? null
            : v
          : kind === 1
            ? Boolean(Number(v))
            : typeof v === 'string'
              ? JSON.parse(v)
              : (v ?? {});
    }
    out[i] = record as T;
  }
  return out;
}
