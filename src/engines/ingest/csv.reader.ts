/**
 * A CSV reader for files as councils and civic-data projects really publish them: RFC 4180 quoting (doubled
 * quotes, delimiters and line breaks inside quotes), a byte-order mark, CRLF, LF or old-Mac CR-only line
 * endings, stray whitespace around headers and values, blank lines. Each row keeps the physical line it
 * starts on, so errors can say `FILE:LINE`.
 */
import { InvalidInputError } from '../../domain/errors.js';

export interface CsvRow {
  /** Physical line (from 1) where the row starts; a quoted line break makes later rows start further down. */
  line: number;
  /** Cell values, unquoted and trimmed. */
  cells: string[];
  /** Character offsets of the row in the BOM-stripped text, without its line ending. */
  start: number;
  end: number;
}

export interface CsvTable {
  file: string;
  /** Header cells, trimmed. Empty when the file has no rows. */
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  delimiter: string;
  /** The text the offsets refer to (the input without a byte-order mark). */
  text: string;
}

export interface CsvOptions {
  /** ',' (default), '\t' or ';'; 'auto' picks whichever occurs most in the first line outside quotes. */
  delimiter?: ',' | '\t' | ';' | 'auto';
  /** Whether the first non-blank row is a header (default true). */
  header?: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Strips a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter used in a header line: the most frequent of , \t ; outside quotes (',' on a tie or none). */
export function sniffDelimiter(text: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ',' || c === '\t' || c === ';')) counts[c]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

/** Line breaks in text[from, to), counting CRLF once and a lone CR as a break (old Mac files). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/**
 * Scans CSV text row by row, calling `onRow` with each non-blank row (the header too), without keeping them:
 * large files stream through without holding every row in memory. Returns the BOM-stripped text and delimiter.
 * Throws InvalidInputError `FILE:LINE: unterminated quoted field` when a quote never closes.
 */
export function scanCsv(
  input: string,
  file: string,
  options: Pick<CsvOptions, 'delimiter'>,
  onRow: (row: CsvRow) => void,
): { text: string; delimiter: string } {
  const text = stripBom(input);
  const delimiter = options.delimiter === 'auto' ? sniffDelimiter(text) : (options.delimiter ?? ',');
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const rowStart = i;
    const rowLine = line;
    const cells: string[] = [];
    let sawQuote = false;
    let rowEnd = n;
    for (;;) {
      // Leading blanks before a field (a tab is a blank unless it is the delimiter).
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === SPACE || (c === TAB && delim !== TAB)) i++;
        else break;
      }
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        sawQuote = true;
        const quoteAt = i;
        i++;
        let buf = '';
        for (;;) {
          const j = text.indexOf('"', i);
          if (j < 0) {
            const quoteLine = rowLine + countBreaks(text, rowStart, quoteAt);
            throw new InvalidInputError('unterminated quoted field (a " that never closes)', {
              where: `${file}:${quoteLine}`,
              rule: 'csv-quote',
              file,
              line: quoteLine,
            });
          }
          buf += text.slice(i, j);
          if (text.charCodeAt(j + 1) === QUOTE) {
            buf += '"';
            i = j + 2;
          } else {
            i = j + 1;
            break;
          }
        }
        // Text after a closing quote (`"abc"def`) is kept, as spreadsheet programs do.
        const tailStart = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        value = (buf + text.slice(tailStart, i)).trim();
      } else {
        const s = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(s, i).trim();
      }
      cells.push(value);
      if (i >= n) {
        rowEnd = n;
        break;
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      rowEnd = i;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    line = rowLine + (sawQuote ? countBreaks(text, rowStart, rowEnd) : 0) + (rowEnd < n ? 1 : 0);
    if (cells.length === 1 && cells[0] === '' && !sawQuote) continue;
    onRow({ line: rowLine, cells, start: rowStart, end: rowEnd });
  }
  return { text, delimiter };
}

/**
 * Reads CSV text into rows with their line numbers. Throws InvalidInputError `FILE:LINE: unterminated quoted
 * field` when a quote never closes; every other irregularity is tolerated and left to the importer to judge.
 */
export function readCsv(input: string, file: string, options: CsvOptions = {}): CsvTable {
  const rows: CsvRow[] = [];
  const { text, delimiter } = scanCsv(input, file, options, (row) => rows.push(row));
  if (options.header === false) return { file, header: [], headerLine: 0, rows, delimiter, text };
  const head = rows.shift();
  return { file, header: head ? head.cells : [], headerLine: head ? head.line : 0, rows, delimiter, text };
}

/** The row as it appears in the file (without its line ending), for reject lists. */
export function rawRow(table: Pick<CsvTable, 'text'>, row: Pick<CsvRow, 'start' | 'end'>): string {
  return table.text.slice(row.start, row.end);
}

/** A header name reduced for matching: "Typeof Election", "typeofelection" and "TYPEOF_ELECTION" match. */
export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The header line of a text (first non-blank line), read as CSV cells: cheap format sniffing. */
export function readHeader(text: string): { cells: string[]; delimiter: ',' | '\t' | ';' } {
  const body = stripBom(text);
  const start = body.search(/\S/);
  if (start < 0) return { cells: [], delimiter: ',' };
  const delimiter = sniffDelimiter(body.slice(start));
  // Read just enough: the first logical row, tolerating an unterminated quote in a truncated file.
  let end = start;
  let inQuotes = false;
  while (end < body.length) {
    const c = body[end]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    end++;
  }
  try {
    const t = readCsv(body.slice(start, end), 'header', { delimiter, header: false });
    return { cells: t.rows[0]?.cells ?? [], delimiter };
  } catch {
    return {
      cells: body
        .slice(start, end)
        .split(delimiter)
        .map((c) => c.trim()),
      delimiter,
    };
  }
}
