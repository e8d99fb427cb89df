/**
 * Cursor pagination shared by every list command: a page is `{ items, nextCursor }`, and a cursor is the
 * sort key of the last item, opaque to clients (base64url JSON), so pages stay stable while rows are added.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../domain/errors.js';

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** The `cursor` and `limit` fields every list accepts. */
export const pageFields = {
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
};

export type KeyPart = string | number;

/** encodeCursor(['2024-05-02', 'ev:1']) -> 'WyIyMDI0LTA1LTAyIiwiZXY6MSJd'. */
export function encodeCursor(key: readonly KeyPart[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `arity` parts, naming `cursor` in the error when it is not one. */
export function decodeCursor(cursor: string | undefined, arity: number): KeyPart[] | null {
  if (cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity ||
    !parsed.every((p) => typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p)))
  ) {
    throw new InvalidInputError('is not a cursor this list gave out', { where: 'cursor', rule: 'cursor' });
  }
  return parsed as KeyPart[];
}

/**
 * Pages rows fetched with one extra (limit + 1): if the extra row came back there is a next page, whose
 * cursor is the key of the last row shown.
 */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => readonly KeyPart[],
  shape: (row: R) => T,
): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(shape),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Pages an in-memory list by `keyOf`, starting after the cursor's key. */
export function pageInMemory<R, T>(
  rows: readonly R[],
  cursor: string | undefined,
  limit: number,
  keyOf: (row: R) => readonly KeyPart[],
  shape: (row: R) => T,
  arity = 1,
): Page<T> {
  const after = decodeCursor(cursor, arity);
  const sorted = [...rows].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  let start = 0;
  if (after) {
    const compare = (row: R) => compareKeys(keyOf(row), after);
    // Rows are sorted by key, so the first row past the cursor is found by bisection.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(sorted[mid]!) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  return pageOf(sorted.slice(start, start + limit + 1), limit, keyOf, shape);
}

/** Orders keys part by part: numbers numerically, strings by code unit (as SQL's binary collation does). */
export function compareKeys(a: readonly KeyPart[], b: readonly KeyPart[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
