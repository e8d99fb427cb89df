/**
 * Which import format a text is, from its header line or JSON shape, so `caucus import` can say "this looks
 * like a Democracy Club candidates CSV, not LGA results" instead of a confusing column error.
 */
import { headerKey, readHeader, stripBom } from './csv.reader.js';
import type { ImportFormat } from './import.common.js';

/** Columns whose presence marks each CSV format (loose names, see headerKey). */
export const SIGNATURES: ReadonlyArray<{ format: ImportFormat; all: readonly string[] }> = [
  { format: 'dc-candidates', all: ['person_id', 'ballot_paper_id'] },
  { format: 'lga-results', all: ['CandidateSurname', 'ElectoralAreaLabel'] },
  { format: 'councils', all: ['local-authority-code', 'nice-name'] },
  { format: 'council-names', all: ['la-name', 'local-authority-code'] },
  { format: 'wards', all: ['ward_gss', 'ward_seats'] },
  { format: 'wards', all: ['Name', 'seats_total', 'Organisation ID'] },
];

/** The format of a file's text, or null when it matches none. Reads only the header line or the JSON head. */
export function detectFormat(text: string): ImportFormat | null {
  const body = stripBom(text).trimStart();
  if (body.startsWith('{') || body.startsWith('[')) {
    // Key names are enough; parsing the whole document is the importer's job.
    if (/"candidate_results"\s*:/.test(body) && /"ballot_paper_id"\s*:/.test(body)) return 'dc-results';
    if (/"model"\s*:\s*"organisations\.organisationdivision/.test(body)) return 'wards';
    return null;
  }
  const keys = new Set(readHeader(body).cells.map(headerKey));
  for (const s of SIGNATURES) if (s.all.every((c) => keys.has(headerKey(c)))) return s.format;
  return null;
}
