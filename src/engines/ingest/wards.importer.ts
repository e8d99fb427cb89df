/**
 * Ward lists with GSS codes and seats, in the three layouts Caucus reads:
 * - Democracy Club's ward list (`ward_seats, ward_name, council_gss, council_name, council_code_type, ward_gss`);
 * - Every Election division sets from an Electoral Change Order (`Start Date, End Date, Name,
 *   official_identifier, geography_curie, seats_total, ..., Organisation ID`), where a blank start date is
 *   filled from `options.validFrom` (the order's first poll);
 * - Every Election's JSON dump of an organisation with its division sets and divisions (`gss:E05...`,
 *   `seats_total`), where each set runs from its start to its end date.
 * Each ward becomes an area (id = GSS code) and a post `post:<council-slug>:<gss or ward slug>` with its seats.
 */
import { addDays, type IsoDate, isIsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Area, Post, Source } from '../../domain/model.js';
import { parseJsonText } from '../popolo/json-text.parser.js';
import type { CouncilDirectory } from './councils.importer.js';
import { headerKey, readCsv, readHeader } from './csv.reader.js';
import { slugify } from './dc-election-id.js';
import { detectFormat } from './format.detector.js';
import {
  ColumnMap,
  datasetSource,
  eachRow,
  type ImportOptions,
  type ImportResult,
  type Reject,
  RowReader,
  SnapshotBuilder,
  shown,
  wrongFormat,
} from './import.common.js';
import { humaniseSlug } from './results.builder.js';

export interface WardsImportOptions extends ImportOptions {
  councils?: CouncilDirectory;
  /** Start of validity for wards whose file gives none (an order's first poll, e.g. 2019-05-02 for West Suffolk). */
  validFrom?: IsoDate | null;
}

export type WardLayout = 'dc-ward-list' | 'ee-division-set-csv' | 'ee-divisions-json';

interface WardFacts {
  council: { slug: string; code: string | null; gss: string | null; name: string };
  name: string;
  gss: string | null;
  seats: number | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  divisionType: 'ward' | 'division';
}

const GSS = /^[EWSN]\d{8}$/;

function gssFromCurie(v: string): string | null {
  const m = /^(?:gss:)?([EWSN]\d{8})$/i.exec(v.trim());
  return m ? m[1]!.toUpperCase() : null;
}

class WardRecords {
  private readonly slugIds = new Map<string, string>();
  private readonly placeholders = new Set<string>();
  readonly withoutSeats: string[] = [];

  constructor(
    private readonly b: SnapshotBuilder,
    private readonly source: Source,
    private readonly councils: CouncilDirectory | undefined,
  ) {}

  private council(
    c: WardFacts['council'],
    date: IsoDate | null,
  ): { id: string; slug: string; areaId: string | null } {
    const found =
      (c.gss ? this.councils?.byGss(c.gss) : null) ??
      (c.code ? this.councils?.byCode(c.code) : null) ??
      (c.slug ? this.councils?.bySlug(c.slug, date) : null) ??
      (c.name ? this.councils?.byName(c.name, date) : null);
    if (found) return { id: found.id, slug: found.slug, areaId: found.areaId };
    const slug = c.slug || slugify(c.name) || (c.code ?? '').toLowerCase();
    const id = `council:${slug}`;
    if (!this.b.has('organizations', id)) {
      this.placeholders.add(slug);
      this.b.add(
        'organizations',
        {
          id,
          sourceId: this.source.id,
          classification: 'council',
          name: c.name || humaniseSlug(slug),
          shortName: null,
          parentId: null,
          councilId: null,
          areaId: null,
          laCode: c.code,
          gss: c.gss,
          ecId: null,
          councilType: null,
          nation: null,
          region: null,
          electionScheme: null,
          subtype: null,
          colour: null,
          foundingDate: null,
          dissolutionDate: null,
        },
        true,
      );
    }
    return { id, slug, areaId: null };
  }

  add(f: WardFacts): void {
    const council = this.council(f.council, f.validFrom);
    const wardSlug = slugify(f.name);
    let key = f.gss ?? wardSlug;
    if (!f.gss) {
      // A ward name without a code can recur in a later ward set: the second gets its start date in the id.
      const seen = this.slugIds.get(`${council.slug}:${wardSlug}`);
      if (seen !== undefined && seen !== (f.validFrom ?? '')) key = `${wardSlug}:${f.validFrom ?? 'undated'}`;
      else this.slugIds.set(`${council.slug}:${wardSlug}`, f.validFrom ?? '');
    }
    const areaId = f.gss ?? `area:${council.slug}:${key}`;
    this.b.add<Area>('areas', {
      id: areaId,
      sourceId: this.source.id,
      type: f.divisionType,
      name: f.name,
      gss: f.gss,
      parentId: council.areaId,
      validFrom: f.validFrom,
      validTo: f.validTo,
    });
    if (f.seats === null) {
      this.withoutSeats.push(f.name);
      return;
    }
    this.b.add<Post>('posts', {
      id: `post:${council.slug}:${key}`,
      sourceId: this.source.id,
      councilId: council.id,
      areaId,
      label: f.name,
      seats: f.seats,
      validFrom: f.validFrom,
      validTo: f.validTo,
    });
  }

  notes(): string[] {
    const out: string[] = [];
    if (this.withoutSeats.length)
      out.push(
        `${this.withoutSeats.length} ward(s) without a seat count: areas only, no posts (${this.withoutSeats.slice(0, 5).join(', ')}${this.withoutSeats.length > 5 ? ', ...' : ''})`,
      );
    if (this.placeholders.size)
      out.push(
        `council(s) not in the councils directory, kept as placeholders council:SLUG: ${[...this.placeholders].sort().join(', ')}`,
      );
    return out;
  }
}

/** Which ward layout a text is in, or null. */
export function wardLayout(text: string): WardLayout | null {
  if (detectFormat(text) !== 'wards') return null;
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'ee-divisions-json';
  return readHeader(head).cells.map(headerKey).includes('wardgss') ? 'dc-ward-list' : 'ee-division-set-csv';
}

/** Parses a ward list (any of the three layouts) into ward areas and posts with seats and validity dates. */
export function parseWards(text: string, file: string, options: WardsImportOptions = {}): ImportResult {
  const detected = detectFormat(text);
  if (detected !== 'wards') wrongFormat(file, 'wards', detected, ['ward_gss', 'ward_seats']);
  const layout = wardLayout(text)!;
  const source = datasetSource('wards', file, options.publishedOn ?? null);
  const b = new SnapshotBuilder();
  const wards = new WardRecords(b, source, options.councils);
  const rejects: Reject[] = [];
  let rows: number;
  const validFrom = options.validFrom ?? null;
  if (validFrom !== null && !isIsoDate(validFrom))
    throw new InvalidInputError(`expected a date YYYY-MM-DD, got ${shown(validFrom)}`, {
      where: 'validFrom',
      rule: 'date',
    });

  if (layout === 'ee-divisions-json') rows = readEeJson(text, file, options, wards, rejects);
  else {
    const table = readCsv(text, file, { delimiter: 'auto' });
    const cols = new ColumnMap(table.header);
    rows = table.rows.length;
    const seen = new Set<string>();
    eachRow(table, options, rejects, (row) => {
      const r: RowReader = new RowReader(file, row, cols);
      r.checkWidth();
      const f = layout === 'dc-ward-list' ? readDcWard(r) : readEeWard(r, validFrom);
      const key = `${f.council.gss ?? f.council.code ?? f.council.name}|${f.gss ?? slugify(f.name)}|${f.validFrom}`;
      if (seen.has(key))
        r.fail(layout === 'dc-ward-list' ? 'ward_gss' : 'Name', 'a ward not listed on an earlier row');
      seen.add(key);
      wards.add(f);
    });
  }
  const notes = wards.notes();
  if (layout === 'dc-ward-list')
    notes.unshift(
      'ward_seats in this list are the seats contested in May 2016 (one in a council electing by thirds)',
    );
  if (layout === 'ee-division-set-csv' && validFrom === null)
    notes.unshift('the division set gives no start date and none was passed: wards have no validity dates');
  const { snapshot, references } = b.build(source);
  return { format: 'wards', source, snapshot, rejects, references, notes, rows };
}

function readDcWard(r: RowReader): WardFacts {
  const seats = r.int('ward_seats', 'a number of seats (1 or more)', { min: 1, required: true });
  const name = r.required('ward_name', 'the ward name');
  const councilGss = r.required('council_gss', 'the council GSS code such as E08000036');
  if (!GSS.test(councilGss)) r.fail('council_gss', 'the council GSS code such as E08000036');
  const wardGss = r.required('ward_gss', 'the ward GSS code such as E05001444');
  if (!GSS.test(wardGss)) r.fail('ward_gss', 'the ward GSS code such as E05001444');
  const councilName = r.get('council_name');
  return {
    council: { slug: slugify(councilName), code: null, gss: councilGss, name: councilName },
    name,
    gss: wardGss,
    seats,
    validFrom: null,
    validTo: null,
    divisionType: wardGss.startsWith('E58') ? 'division' : 'ward',
  };
}

function readEeWard(r: RowReader, defaultFrom: IsoDate | null): WardFacts {
  const date = (col: string): IsoDate | null => {
    const v = r.get(col);
    if (v === '') return null;
    if (!isIsoDate(v)) r.fail(col, 'a date YYYY-MM-DD or nothing');
    return v;
  };
  const start = date('Start Date') ?? defaultFrom;
  const lastDay = date('End Date');
  if (start && lastDay && lastDay < start) r.fail('End Date', `a date on or after the start ${start}`);
  // Every Election's end date is the last day a ward set applies; Caucus records the day it ended.
  const end = lastDay ? addDays(lastDay, 1) : null;
  const name = r.required('Name', 'the ward or division name');
  const ident = r.get('official_identifier') || r.get('geography_curie');
  const gss = ident ? gssFromCurie(ident) : null;
  if (ident && !gss && /\d/.test(ident))
    r.fail('official_identifier', 'a GSS code such as gss:E05012345 or nothing');
  const seats = r.int('seats_total', 'a number of seats (1 or more)', { min: 1, required: true });
  const code = r.required('Organisation ID', 'the council code such as WSK');
  return {
    council: { slug: '', code, gss: null, name: '' },
    name,
    gss,
    seats,
    validFrom: start,
    validTo: end,
    divisionType: gss?.startsWith('E58') ? 'division' : 'ward',
  };
}

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readEeJson(
  text: string,
  file: string,
  options: WardsImportOptions,
  wards: WardRecords,
  rejects: Reject[],
): number {
  const doc = parseJsonText(text, file);
  if (!Array.isArray(doc))
    throw new InvalidInputError('expected an array of Every Election records', {
      where: file,
      rule: 'format',
    });
  const fail = (path: string, expected: string, got: Json): never => {
    throw new InvalidInputError(
      `field ${path}: expected ${expected}, got ${got === undefined ? 'nothing' : shown(JSON.stringify(got) ?? '')}`,
      {
        where: file,
        rule: 'row',
        path,
      },
    );
  };
  const orgs = new Map<Json, { code: string | null; slug: string; name: string }>();
  const sets = new Map<Json, { org: Json; start: IsoDate | null; end: IsoDate | null }>();
  const dateField = (v: Json, path: string): IsoDate | null => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v !== 'string' || !isIsoDate(v.slice(0, 10)))
      return fail(path, 'a date YYYY-MM-DD or null', v);
    return v.slice(0, 10);
  };
  // Organisations and sets first: a division refers to its set by primary key, wherever it appears.
  doc.forEach((rec, i) => {
    if (!isObj(rec) || !isObj(rec.fields)) return;
    const f = rec.fields;
    if (rec.model === 'organisations.organisation')
      orgs.set(rec.pk, {
        code: typeof f.official_identifier === 'string' ? f.official_identifier : null,
        slug: typeof f.slug === 'string' ? f.slug : '',
        name:
          typeof f.official_name === 'string'
            ? f.official_name
            : typeof f.common_name === 'string'
              ? f.common_name
              : '',
      });
    if (rec.model === 'organisations.organisationdivisionset') {
      const lastDay = dateField(f.end_date, `[${i}].fields.end_date`);
      // Every Election's end date is the set's last day; Caucus records the day it ended (the next set's first).
      sets.set(rec.pk, {
        org: f.organisation,
        start: dateField(f.start_date, `[${i}].fields.start_date`),
        end: lastDay ? addDays(lastDay, 1) : null,
      });
    }
  });
  let divisions = 0;
  doc.forEach((rec, i) => {
    if (!isObj(rec) || rec.model !== 'organisations.organisationdivision') return;
    divisions++;
    try {
      const f = isObj(rec.fields) ? rec.fields : fail(`[${i}].fields`, 'an object', rec.fields);
      const set =
        sets.get(f.divisionset) ??
        fail(`[${i}].fields.divisionset`, 'the pk of a division set in this file', f.divisionset);
      const org =
        orgs.get(set.org) ??
        fail(`[${i}].fields.divisionset`, 'a division set of an organisation in this file', set.org);
      const name =
        typeof f.name === 'string' && f.name.trim()
          ? f.name.trim()
          : fail(`[${i}].fields.name`, 'a name', f.name);
      const ident = typeof f.official_identifier === 'string' ? f.official_identifier : '';
      const gss = gssFromCurie(ident);
      if (ident && !gss && ident.startsWith('gss:'))
        fail(`[${i}].fields.official_identifier`, 'gss:E05...', ident);
      const seats = f.seats_total;
      if (seats !== null && seats !== undefined && !(Number.isSafeInteger(seats) && (seats as number) >= 1))
        fail(`[${i}].fields.seats_total`, 'a number of seats (1 or more) or null', seats);
      wards.add({
        council: { slug: org.slug, code: org.code, gss: null, name: org.name },
        name,
        gss,
        seats: (seats as number | null | undefined) ?? null,
        validFrom: set.start ?? options.validFrom ?? null,
        validTo: set.end,
        divisionType: f.division_type === 'CED' || gss?.startsWith('E58') ? 'division' : 'ward',
      });
    } catch (e) {
      if (!(e instanceof InvalidInputError) || !options.skipInvalid) throw e;
      rejects.push({ line: 0, reason: e.message, raw: JSON.stringify(rec) ?? '' });
    }
  });
  return divisions;
}
