/**
 * What every importer shares: the result shape, the one Source per file, strict-or-skip row handling with
 * `FILE:LINE: column X: expected ..., got ...` errors, column lookup by name, and a snapshot builder that
 * keeps the first record per id so re-importing a file yields the same records.
 */
import type { IsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { emptySnapshot, type RegistrySnapshot, type Source } from '../../domain/model.js';
import {
  type CsvOptions,
  type CsvRow,
  type CsvTable,
  headerKey,
  rawRow,
  scanCsv,
  stripBom,
} from './csv.reader.js';

export const IMPORT_FORMATS = [
  'dc-candidates',
  'dc-results',
  'lga-results',
  'councils',
  'council-names',
  'wards',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How each format is named in messages: "this looks like a Democracy Club candidates CSV, not LGA results". */
export const FORMAT_LABELS: Readonly<
  Record<ImportFormat, { looksLike: string; not: string; publisher: string }>
> = {
  'dc-candidates': {
    looksLike: 'a Democracy Club candidates CSV',
    not: 'a Democracy Club candidates CSV',
    publisher: 'Democracy Club',
  },
  'dc-results': {
    looksLike: 'Democracy Club result sets JSON',
    not: 'Democracy Club result sets',
    publisher: 'Democracy Club',
  },
  'lga-results': {
    looksLike: 'an LGA election results CSV',
    not: 'LGA results',
    publisher: 'Local Government Association schema',
  },
  councils: {
    looksLike: 'a mySociety local authorities CSV',
    not: 'a mySociety local authorities CSV',
    publisher: 'mySociety',
  },
  'council-names': {
    looksLike: 'a mySociety council name lookup CSV',
    not: 'a mySociety council name lookup',
    publisher: 'mySociety',
  },
  wards: { looksLike: 'a ward list', not: 'a ward list', publisher: 'Democracy Club' },
};

export interface Reject {
  /** Physical line where the rejected row starts (for JSON: 0, with the path in `reason`). */
  line: number;
  reason: string;
  /** The row as written in the file. */
  raw: string;
}

/** Records created only so that references resolve (a council named by slug, a ward seen in a result). */
export interface References {
  organizations: string[];
  areas: string[];
  posts: string[];
}

export interface ImportResult {
  format: ImportFormat;
  source: Source;
  /** Only the arrays the format fills; every record's sourceId is source.id. */
  snapshot: Partial<RegistrySnapshot>;
  rejects: Reject[];
  /**
   * Ids of placeholder records (insert if absent, never overwrite a fuller record from another import), e.g.
   * a post created from a result file whose seat count is only what that poll contested.
   */
  references: References;
  /** Things the user should know that are not errors: rows for other polls skipped, guesses made. */
  notes: string[];
  /** Data rows read (rejected ones included). */
  rows: number;
}

export interface ImportOptions {
  /** Collect bad rows in `rejects` instead of stopping at the first one. */
  skipInvalid?: boolean;
  /** Publication date of the dataset, when known, for its Source. */
  publishedOn?: IsoDate | null;
}

/** The one Source of a file: id `dataset:FORMAT:FILE-NAME` so re-importing the file reuses it. */
export function datasetSource(
  format: ImportFormat,
  file: string,
  publishedOn: IsoDate | null = null,
): Source {
  const base = file.split(/[\\/]/).pop() || file;
  return {
    id: `dataset:${format}:${base}`,
    kind: 'dataset',
    url: null,
    title: `${base} (${FORMAT_LABELS[format].looksLike.replace(/^an? /, '')})`,
    publisher: FORMAT_LABELS[format].publisher,
    publishedOn,
  };
}

/** A short quoted rendering of a bad value for messages. */
export function shown(value: string): string {
  const v = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(v);
}

/** Throws the standard row error: `FILE:LINE: column X: expected ..., got ...`. */
export function rowError(file: string, line: number, column: string, expected: string, got: string): never {
  throw new InvalidInputError(`column ${column}: expected ${expected}, got ${got}`, {
    where: `${file}:${line}`,
    rule: 'row',
    file,
    line,
    column,
  });
}

/** Throws a whole-file error naming the format the file appears to be. */
export function wrongFormat(
  file: string,
  expected: ImportFormat,
  detected: ImportFormat | null,
  missing: string[] = [],
): never {
  const message = detected
    ? `this looks like ${FORMAT_LABELS[detected].looksLike}, not ${FORMAT_LABELS[expected].not}`
    : `this is not ${FORMAT_LABELS[expected].not}: missing column(s) ${missing.join(', ')}`;
  throw new InvalidInputError(message, { where: file, rule: 'format', file, detected, expected });
}

/** Reads cells of one CSV row by column name, with typed accessors that throw the standard row error. */
export class RowReader {
  constructor(
    readonly file: string,
    readonly row: CsvRow,
    private readonly columns: ColumnMap,
  ) {}

  /** The cell under a column ('' when the column is absent or the row is short). */
  get(name: string): string {
    const i = this.columns.index(name);
    return i === undefined ? '' : (this.row.cells[i] ?? '');
  }

  has(name: string): boolean {
    return this.columns.index(name) !== undefined;
  }

  fail(name: string, expected: string, got?: string): never {
    const i = this.columns.index(name);
    const missing = i !== undefined && i >= this.row.cells.length;
    const gotText =
      got ??
      (missing
        ? `nothing (the row has ${this.row.cells.length} of ${this.columns.width} cells)`
        : shown(this.get(name)));
    return rowError(this.file, this.row.line, this.columns.label(name), expected, gotText);
  }

  required(name: string, expected: string): string {
    const v = this.get(name);
    if (v === '') this.fail(name, expected);
    return v;
  }

  /** A whole number; commas as thousands separators are accepted ("1,234"). Empty gives null unless required. */
  int(name: string, expected: string, opts: { min?: number; required?: boolean } = {}): number | null {
    const raw = this.get(name);
    // Most cells are plain digits: skip the clean-up and the pattern for them.
    if (DIGITS.test(raw) && raw.length < 16) {
      const n = Number(raw);
      if (opts.min !== undefined && n < opts.min) this.fail(name, expected);
      return n;
    }
    const v = raw.replace(/,/g, '');
    if (v === '') {
      if (opts.required) this.fail(name, expected);
      return null;
    }
    if (!/^-?\d+(?:\.0+)?$/.test(v)) this.fail(name, expected);
    const n = Number.parseInt(v, 10);
    if (!Number.isSafeInteger(n) || (opts.min !== undefined && n < opts.min)) this.fail(name, expected);
    return n;
  }

  /** True/False in the spellings real files use; empty gives `empty`. */
  bool(name: string, empty: boolean | null = false): boolean | null {
    const cell = this.get(name);
    if (cell === 'True') return true;
    if (cell === 'False') return false;
    const v = cell.toLowerCase();
    if (v === '') return empty;
    if (TRUE_WORDS.has(v)) return true;
    if (FALSE_WORDS.has(v)) return false;
    return this.fail(name, 'true or false (True, False, yes, no, 1, 0)');
  }

  /** Fails when the row has non-empty cells beyond the header. */
  checkWidth(): void {
    const cells = this.row.cells;
    for (let i = this.columns.width; i < cells.length; i++) {
      if (cells[i] !== '')
        rowError(
          this.file,
          this.row.line,
          String(i + 1),
          `no cell beyond the header's ${this.columns.width} columns (a stray delimiter?)`,
          shown(cells[i]!),
        );
    }
  }
}

const DIGITS = /^\d+$/;
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', 'elected', 'x']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', 'not elected', 'not-elected', 'unelected']);

/** Column positions by loose header name (see headerKey). */
export class ColumnMap {
  private readonly byKey = new Map<string, number>();
  readonly width: number;
  constructor(private readonly header: string[]) {
    header.forEach((h, i) => {
      const k = headerKey(h);
      if (k && !this.byKey.has(k)) this.byKey.set(k, i);
    });
    this.width = header.length;
  }
  private readonly memo = new Map<string, number | undefined>();
  index(name: string): number | undefined {
    // Called for every cell of every row: remember each name's position.
    if (this.memo.has(name)) return this.memo.get(name);
    const i = this.byKey.get(headerKey(name));
    this.memo.set(name, i);
    return i;
  }
  /** The column's name as the file spells it. */
  label(name: string): string {
    const i = this.index(name);
    return i === undefined ? name : (this.header[i] ?? name);
  }
  missing(names: readonly string[]): string[] {
    return names.filter((n) => this.index(n) === undefined);
  }
}

/**
 * Runs `handle` on each data row. A row's records must only be added once the whole row has validated, so a
 * rejected row leaves nothing behind. Strict mode rethrows the first InvalidInputError; skipInvalid collects it.
 */
export function eachRow(
  table: CsvTable,
  options: ImportOptions,
  rejects: Reject[],
  handle: (row: CsvRow) => void,
): void {
  for (const row of table.rows) {
    try {
      handle(row);
    } catch (e) {
      if (!(e instanceof InvalidInputError) || !options.skipInvalid) throw e;
      rejects.push({ line: row.line, reason: e.message, raw: rawRow(table, row) });
    }
  }
}

/**
 * eachRow for a file streamed rather than read whole: `start` gets the header (and may reject the file), then
 * `handle` each data row. Returns the number of data rows.
 */
export function streamRows(
  input: string,
  file: string,
  csv: Pick<CsvOptions, 'delimiter'>,
  options: ImportOptions,
  rejects: Reject[],
  start: (header: string[]) => void,
  handle: (row: CsvRow) => void,
): number {
  const text = stripBom(input);
  let rows = -1;
  scanCsv(text, file, csv, (row) => {
    rows++;
    if (rows === 0) return start(row.cells);
    try {
      handle(row);
    } catch (e) {
      if (!(e instanceof InvalidInputError) || !options.skipInvalid) throw e;
      rejects.push({ line: row.line, reason: e.message, raw: text.slice(row.start, row.end) });
    }
  });
  if (rows < 0) start([]);
  return Math.max(rows, 0);
}

type Keyed = { id: string };
type SnapshotTable = Exclude<keyof RegistrySnapshot, 'selectionCandidates' | 'citations' | 'identifiers'>;

/**
 * Collects records by id, keeping the first of each (so the output depends only on the file), and records
 * which ids are placeholders. Identifiers are kept once per (owner, scheme, identifier).
 */
export class SnapshotBuilder {
  private readonly tables = new Map<SnapshotTable, Map<string, Keyed>>();
  private readonly placeholders = new Map<SnapshotTable, Set<string>>();
  private readonly identifierKeys = new Set<string>();
  readonly snapshot: RegistrySnapshot = emptySnapshot();

  has(table: SnapshotTable, id: string): boolean {
    return this.tables.get(table)?.has(id) ?? false;
  }

  get<T extends Keyed>(table: SnapshotTable, id: string): T | undefined {
    return this.tables.get(table)?.get(id) as T | undefined;
  }

  private readonly appended = new Map<SnapshotTable, Keyed[]>();

  /**
   * Appends a record whose id the caller guarantees unique, without indexing it: on files of hundreds of
   * thousands of rows, hashing every candidacy id costs more than the rest of the row. Not seen by has/get.
   */
  append<T extends Keyed>(table: SnapshotTable, record: T): T {
    const list = this.appended.get(table);
    if (list) list.push(record);
    else this.appended.set(table, [record]);
    return record;
  }

  /** Adds a record unless one with its id exists; a full record replaces an earlier placeholder. */
  add<T extends Keyed>(table: SnapshotTable, record: T, placeholder = false): T {
    let map = this.tables.get(table);
    if (!map) {
      map = new Map();
      this.tables.set(table, map);
    }
    const existing = map.get(record.id) as T | undefined;
    const marks = this.placeholders.get(table);
    if (existing && !(marks?.has(record.id) && !placeholder)) return existing;
    map.set(record.id, record);
    if (placeholder) {
      if (!marks) this.placeholders.set(table, new Set([record.id]));
      else marks.add(record.id);
    } else marks?.delete(record.id);
    return record;
  }

  /** Marks an existing record as a placeholder (insert if absent, never overwrite). */
  markPlaceholder(table: SnapshotTable, id: string): void {
    const marks = this.placeholders.get(table);
    if (!marks) this.placeholders.set(table, new Set([id]));
    else marks.add(id);
  }

  identifier(
    ownerType: RegistrySnapshot['identifiers'][number]['ownerType'],
    ownerId: string,
    scheme: string,
    identifier: string,
    /** False when the caller knows the owner is new, which spares a lookup per record on large files. */
    dedupe = true,
  ): void {
    if (!dedupe) {
      this.snapshot.identifiers.push({ ownerType, ownerId, scheme, identifier });
      return;
    }
    const key = `${ownerType}\u0000${ownerId}\u0000${scheme}\u0000${identifier}`;
    if (this.identifierKeys.has(key)) return;
    this.identifierKeys.add(key);
    this.snapshot.identifiers.push({ ownerType, ownerId, scheme, identifier });
  }

  /** The collected arrays (only non-empty ones) and the placeholder ids. */
  build(source: Source): { snapshot: Partial<RegistrySnapshot>; references: References } {
    const out: Partial<RegistrySnapshot> = { sources: [source] };
    for (const [table, map] of this.tables) (out as Record<string, unknown>)[table] = [...map.values()];
    for (const [table, list] of this.appended) {
      const indexed = (out as Record<string, Keyed[] | undefined>)[table];
      (out as Record<string, unknown>)[table] = indexed ? [...indexed, ...list] : list;
    }
    if (this.snapshot.identifiers.length) out.identifiers = this.snapshot.identifiers;
    if (this.snapshot.selectionCandidates.length) out.selectionCandidates = this.snapshot.selectionCandidates;
    const refs = (t: SnapshotTable) => [...(this.placeholders.get(t) ?? [])];
    return {
      snapshot: out,
      references: { organizations: refs('organizations'), areas: refs('areas'), posts: refs('posts') },
    };
  }
}
