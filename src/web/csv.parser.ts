/**
 * A small RFC 4180 CSV reader for the browser (the ledger export): quoted fields may hold commas, quotes
 * (doubled) and line breaks; rows end with CRLF or LF. Shared with tests, so it has no DOM or Node imports.
 */

/** The rows of `text` as arrays of fields; a trailing line break does not make an empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('the CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Rows as objects keyed by the header row's names; an empty field is null. With `unguard`, the apostrophe
 * Caucus's exports put before a cell a spreadsheet would run as a formula (`'=…`, `'+…`, `'-…`, `'@…`) is
 * taken off again, for showing the value as it is recorded.
 */
export function csvRecords(
  text: string,
  options: { unguard?: boolean } = {},
): Array<Record<string, string | null>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const value = (f: string | undefined) =>
    !f ? null : options.unguard && /^'[=+\-@\t\r]/.test(f) ? f.slice(1) : f;
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, value(r[i])])));
}
