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
