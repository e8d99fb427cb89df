/**
 * mySociety's register of UK local authorities (uk_local_authority_names_and_codes: data/uk_local_authorities.csv,
 * 38 columns) to council organizations and council areas, and its name lookup (lookup_name_to_registry.csv), so
 * "Birmingham", "Birmingham City Council" and "BIR" are one council. Also the directory other importers use to
 * turn a Democracy Club slug, a GSS code or a printed name into the council's registry id (its 3-letter code).
 */
import { type IsoDate, isIsoDate, toDayNumber } from '../../domain/dates.js';
import type {
  CaucusEvent,
  CouncilType,
  Identifier,
  Nation,
  Organization,
  RegistrySnapshot,
} from '../../domain/model.js';
import { readCsv } from './csv.reader.js';
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
  wrongFormat,
} from './import.common.js';

// Three letters for councils; combined authorities (GMCA) and the old Northern Irish districts (NIR-A) run longer.
const CODE = /^[A-Z]{3,4}$|^[A-Z]{3}-[A-Z]$/;

const REQUIRED = [
  'local-authority-code',
  'official-name',
  'nice-name',
  'local-authority-type',
  'nation',
] as const;

const NATIONS: Readonly<Record<string, Nation>> = {
  england: 'england',
  wales: 'wales',
  scotland: 'scotland',
  'northern ireland': 'northern-ireland',
};

// mySociety types beyond the eight principal-council types: the City of London Corporation (CC) sits with the
// London boroughs; combined authorities (COMB) and the Greater London Authority (SRA) are not councils.
const TYPES: Readonly<Record<string, CouncilType | null>> = {
  CTY: 'CTY',
  NMD: 'NMD',
  MD: 'MD',
  LBO: 'LBO',
  UA: 'UA',
  WPA: 'WPA',
  SCO: 'SCO',
  NID: 'NID',
  CC: 'LBO',
  COMB: null,
  SRA: null,
};

/**
 * Democracy Club organisation slugs that are not the slug of mySociety's short name (checked against Every
 * Election's organisation list): e.g. "City of Bristol" is `bristol`, "Folkestone and Hythe" still `shepway`.
 */
export const DC_SLUG_OVERRIDES: Readonly<Record<string, string>> = {
  BKM: 'buckinghamshire',
  BST: 'bristol',
  DOR: 'dorset',
  DST: 'dorset',
  EDH: 'edinburgh',
  ELS: 'na-h-eileanan-an-iar',
  RCT: 'rhondda-cynon-taf',
  SCB: 'scottish-borders',
  SHE: 'shepway',
};

export interface CouncilsImportResult extends ImportResult {
  /** Reorganisations: a council replaced by others on a date. */
  replacements: Array<{ from: string; to: string[]; date: IsoDate | null }>;
}

function dateCell(r: RowReader, name: string): IsoDate | null {
  const v = r.get(name);
  if (v === '') return null;
  if (!isIsoDate(v)) r.fail(name, 'a date YYYY-MM-DD or nothing');
  return v;
}

/** Cleans numeric ids that spreadsheets wrote as floats ("54906.0"). */
function idCell(v: string): string {
  return v.replace(/\.0+$/, '');
}

/**
 * Parses the mySociety local authorities CSV: one council organization (id = the 3-letter code) and one council
 * area (id = its GSS code) per row, identifiers (Democracy Club slug, former GSS codes, GOV.UK slug, SNAC,
 * WhatDoTheyKnow id, alternative names) and a reorganisation event where a council was replaced.
 */
export function parseCouncils(text: string, file: string, options: ImportOptions = {}): CouncilsImportResult {
  const detected = detectFormat(text);
  if (detected !== 'councils') wrongFormat(file, 'councils', detected, [...REQUIRED]);
  const table = readCsv(text, file);
  const cols = new ColumnMap(table.header);
  const missing = cols.missing(REQUIRED);
  if (missing.length) wrongFormat(file, 'councils', null, missing);
  const source = datasetSource('councils', file, options.publishedOn ?? null);
  const b = new SnapshotBuilder();
  const rejects: Reject[] = [];
  const replacements: CouncilsImportResult['replacements'] = [];
  const seen = new Set<string>();
  eachRow(table, options, rejects, (row) => {
    const r: RowReader = new RowReader(file, row, cols);
    r.checkWidth();
    const code = r.required('local-authority-code', 'a local-authority code such as BIR');
    if (!CODE.test(code)) r.fail('local-authority-code', 'a local-authority code such as BIR, GMCA or NIR-A');
    if (seen.has(code)) r.fail('local-authority-code', 'a code not used by an earlier row');
    const officialName = r.required('official-name', 'the official name');
    const niceName = r.required('nice-name', 'the short name');
    const typeCode = r.required('local-authority-type', `a type (${Object.keys(TYPES).join(', ')})`);
    if (!(typeCode in TYPES)) r.fail('local-authority-type', `a type (${Object.keys(TYPES).join(', ')})`);
    const nation = NATIONS[r.get('nation').toLowerCase()];
    if (!nation) r.fail('nation', 'England, Wales, Scotland or Northern Ireland');
    const gss = r.get('gss-code') || null;
    if (gss !== null && !/^[EWSN]\d{8}$/.test(gss))
      r.fail('gss-code', 'a GSS code such as E08000025 or nothing');
    const start = dateCell(r, 'start-date');
    const end = dateCell(r, 'end-date');
    if (start && end && end < start) r.fail('end-date', `a date after start-date ${start}`);
    const replacedBy = r
      .get('replaced-by')
      .split(/[,;\s]+/)
      .filter(Boolean);
    for (const c of replacedBy)
      if (!CODE.test(c)) r.fail('replaced-by', 'local-authority codes separated by commas');
    const formerGss = r
      .get('former-gss-codes')
      .split(/[,;\s]+/)
      .filter(Boolean);
    for (const g of formerGss)
      if (!/^[EWSN]\d{8}$/.test(g)) r.fail('former-gss-codes', 'GSS codes separated by commas');

    // Validated: emit.
    seen.add(code);
    const councilType = TYPES[typeCode] ?? null;
    const areaId = gss ?? `area:council:${code}`;
    b.add('areas', {
      id: areaId,
      sourceId: source.id,
      type: 'council-area',
      name: niceName,
      gss,
      parentId: null,
      validFrom: start,
      validTo: end,
    });
    const org: Organization = {
      id: code,
      sourceId: source.id,
      classification: councilType ? 'council' : 'other',
      name: officialName,
      shortName: niceName,
      parentId: null,
      councilId: null,
      areaId,
      laCode: code,
      gss,
      ecId: null,
      councilType,
      nation,
      region: r.get('region') || null,
      electionScheme: null,
      subtype: councilType ? null : typeCode,
      colour: null,
      foundingDate: start,
      dissolutionDate: end,
    };
    b.add('organizations', org);
    b.identifier('organization', code, 'dc-slug', DC_SLUG_OVERRIDES[code] ?? slugify(niceName));
    for (const g of formerGss) b.identifier('organization', code, 'gss-former', g);
    const extra: Array<[string, string]> = [
      ['gov-uk-slug', r.get('gov-uk-slug')],
      ['snac', r.get('snac')],
      ['wdtk-id', idCell(r.get('wdtk-id'))],
      ['open-council-data-id', idCell(r.get('open-council-data-id'))],
      ['mapit-area-code', r.get('mapit-area-code')],
    ];
    for (const [scheme, value] of extra) if (value) b.identifier('organization', code, scheme, value);
    for (const alt of r.get('alt-names').split(',')) {
      const a = alt.trim();
      if (a) b.identifier('organization', code, 'name', a);
    }
    if (replacedBy.length) {
      replacements.push({ from: code, to: replacedBy, date: end });
      if (end) {
        const event: CaucusEvent = {
          id: `event:reorganisation:${code}`,
          sourceId: source.id,
          type: 'other',
          date: end,
          title: `${officialName} replaced by ${replacedBy.join(' and ')}`,
          councilId: code,
          organizationId: null,
          personId: null,
          details: { kind: 'reorganisation', replacedBy },
        };
        b.add('events', event);
      }
    }
  });
  const notes: string[] = [];
  const undated = replacements.filter((x) => !x.date).map((x) => x.from);
  if (undated.length) notes.push(`replaced without an end date (no event recorded): ${undated.join(', ')}`);
  const { snapshot, references } = b.build(source);
  return {
    format: 'councils',
    source,
    snapshot,
    rejects,
    references,
    notes,
    rows: table.rows.length,
    replacements,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Names

/** Normalised council name -> local-authority codes; `bare` holds names without "Council", "City of"... */
export interface CouncilNameLookup {
  names: ReadonlyMap<string, readonly string[]>;
  bare: ReadonlyMap<string, readonly string[]>;
  codes: ReadonlySet<string>;
}

/** A council name reduced for matching: lower-case ASCII words, `&` as "and", punctuation dropped. */
export function normaliseCouncilName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2019.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Words councils add around a place name; stripped only as a fallback when the full name is not known.
const AFFIXES =
  /^(?:the |london borough of |royal borough of |city and county of |county borough of |city of |borough of |council of the )+|(?: metropolitan borough| metropolitan district| county borough| city| borough| district| county)?(?: council)$/;

/** Builds a name lookup from (name, code) pairs: the name CSV, organizations' names, alt-name identifiers. */
export function councilNameLookup(
  entries: Iterable<readonly [name: string, code: string]>,
): CouncilNameLookup {
  const names = new Map<string, string[]>();
  const bare = new Map<string, string[]>();
  const codes = new Set<string>();
  const put = (map: Map<string, string[]>, key: string, code: string) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [code]);
    else if (!list.includes(code)) list.push(code);
  };
  for (const [name, code] of entries) {
    codes.add(code);
    const key = normaliseCouncilName(name);
    put(names, key, code);
    put(bare, key.replace(AFFIXES, '').trim(), code);
  }
  return { names, bare, codes };
}

/** Name entries from a councils snapshot: official and short names, alternative names. */
export function councilNameEntries(
  snapshot: Partial<Pick<RegistrySnapshot, 'organizations' | 'identifiers'>>,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const o of snapshot.organizations ?? []) {
    if (!o.laCode) continue;
    out.push([o.name, o.laCode]);
    if (o.shortName) out.push([o.shortName, o.laCode]);
  }
  for (const i of snapshot.identifiers ?? [])
    if (i.ownerType === 'organization' && i.scheme === 'name') out.push([i.identifier, i.ownerId]);
  return out;
}

/** Every council a name could mean, best first: exact names, then names without "Council", "City of"... */
export function councilCandidates(name: string, lookup: CouncilNameLookup): string[] {
  const trimmed = name.trim();
  if (/^[A-Za-z]{3}$/.test(trimmed) && lookup.codes.has(trimmed.toUpperCase()))
    return [trimmed.toUpperCase()];
  const key = normaliseCouncilName(trimmed);
  const exact = lookup.names.get(key);
  if (exact?.length) return [...exact];
  const stripped = key.replace(AFFIXES, '').trim();
  return [...(lookup.names.get(stripped) ?? lookup.bare.get(stripped) ?? [])];
}

/**
 * The one council a name, short name or code means, or null when unknown or ambiguous:
 * resolveCouncil('Birmingham City Council', lookup) === resolveCouncil('BIR', lookup) === 'BIR'.
 */
export function resolveCouncil(name: string, lookup: CouncilNameLookup): string | null {
  const c = councilCandidates(name, lookup);
  return c.length === 1 ? c[0]! : null;
}

/**
 * Parses mySociety's name lookup (`la-name, local-authority-code`) into name identifiers on the councils, so
 * the store can resolve names too. Use councilNameLookup(councilNameEntries(result.snapshot)) for lookups.
 */
export function parseCouncilNames(text: string, file: string, options: ImportOptions = {}): ImportResult {
  const detected = detectFormat(text);
  if (detected !== 'council-names')
    wrongFormat(file, 'council-names', detected, ['la-name', 'local-authority-code']);
  const table = readCsv(text, file);
  const cols = new ColumnMap(table.header);
  const source = datasetSource('council-names', file, options.publishedOn ?? null);
  const b = new SnapshotBuilder();
  const rejects: Reject[] = [];
  eachRow(table, options, rejects, (row) => {
    const r: RowReader = new RowReader(file, row, cols);
    r.checkWidth();
    const name = r.required('la-name', 'a council name');
    const code = r.required('local-authority-code', 'a local-authority code such as BIR');
    if (!CODE.test(code)) r.fail('local-authority-code', 'a local-authority code such as BIR, GMCA or NIR-A');
    b.identifier('organization', code, 'name', name);
  });
  const { snapshot, references } = b.build(source);
  return {
    format: 'council-names',
    source,
    snapshot,
    rejects,
    references,
    notes: [],
    rows: table.rows.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Directory

export interface CouncilRef {
  /** Registry id (the 3-letter code for councils imported from mySociety). */
  id: string;
  name: string;
  /** Democracy Club organisation slug. */
  slug: string;
  gss: string | null;
  areaId: string | null;
  foundingDate: IsoDate | null;
  dissolutionDate: IsoDate | null;
}

/** Finds councils by Democracy Club slug, GSS code (current or former), code or name. */
export interface CouncilDirectory {
  /** The council with this slug on a date (Dorset's slug names two councils, before and after 2019). */
  bySlug(slug: string, date?: IsoDate | null): CouncilRef | null;
  byGss(gss: string): CouncilRef | null;
  byCode(code: string): CouncilRef | null;
  byName(name: string, date?: IsoDate | null): CouncilRef | null;
  all(): readonly CouncilRef[];
}

function activeOnDay(c: CouncilRef, date: IsoDate | null | undefined): boolean {
  if (!date) return c.dissolutionDate === null;
  return (!c.foundingDate || c.foundingDate <= date) && (!c.dissolutionDate || c.dissolutionDate > date);
}

function pick(list: readonly CouncilRef[] | undefined, date: IsoDate | null | undefined): CouncilRef | null {
  if (!list?.length) return null;
  if (list.length === 1) return list[0]!;
  const active = list.find((c) => activeOnDay(c, date));
  if (active || !date) return active ?? list.find((c) => c.dissolutionDate === null) ?? list[0]!;
  // Registers disagree on start dates by years (Buckinghamshire County Council: 1997 or 2005), so the council
  // whose span lies nearest the date is the one meant.
  const gap = (c: CouncilRef) =>
    c.foundingDate && date < c.foundingDate
      ? toDayNumber(c.foundingDate) - toDayNumber(date)
      : c.dissolutionDate && date >= c.dissolutionDate
        ? toDayNumber(date) - toDayNumber(c.dissolutionDate)
        : 0;
  return [...list].sort((a, b) => gap(a) - gap(b))[0]!;
}

/** Builds the directory from council organizations and their identifiers (as parseCouncils returns them). */
export function councilDirectory(
  snapshot: Partial<Pick<RegistrySnapshot, 'organizations' | 'identifiers'>>,
  extraNames: Iterable<readonly [string, string]> = [],
): CouncilDirectory {
  const ids: Identifier[] = snapshot.identifiers ?? [];
  const slugOf = new Map<string, string>();
  const formerGss: Array<[string, string]> = [];
  for (const i of ids) {
    if (i.ownerType !== 'organization') continue;
    if (i.scheme === 'dc-slug') slugOf.set(i.ownerId, i.identifier);
    if (i.scheme === 'gss-former') formerGss.push([i.identifier, i.ownerId]);
  }
  const refs: CouncilRef[] = [];
  const byId = new Map<string, CouncilRef>();
  for (const o of snapshot.organizations ?? []) {
    if (o.classification !== 'council') continue;
    const ref: CouncilRef = {
      id: o.id,
      name: o.name,
      slug: slugOf.get(o.id) ?? slugify(o.shortName ?? o.name),
      gss: o.gss,
      areaId: o.areaId,
      foundingDate: o.foundingDate,
      dissolutionDate: o.dissolutionDate,
    };
    refs.push(ref);
    byId.set(o.id, ref);
    if (o.laCode && o.laCode !== o.id) byId.set(o.laCode, ref);
  }
  const bySlug = new Map<string, CouncilRef[]>();
  const byGss = new Map<string, CouncilRef>();
  for (const r of refs) {
    const list = bySlug.get(r.slug);
    if (list) list.push(r);
    else bySlug.set(r.slug, [r]);
    if (r.gss) byGss.set(r.gss, r);
  }
  for (const [g, id] of formerGss) {
    const r = byId.get(id);
    if (r && !byGss.has(g)) byGss.set(g, r);
  }
  const lookup = councilNameLookup([...councilNameEntries(snapshot), ...extraNames]);
  return {
    bySlug: (slug, date) => pick(bySlug.get(slug), date),
    byGss: (gss) => byGss.get(gss) ?? null,
    byCode: (code) => byId.get(code.toUpperCase()) ?? null,
    byName: (name, date) => {
      const councils = (codes: Iterable<string>) => [
        ...new Set([...codes].flatMap((c) => byId.get(c) ?? [])),
      ];
      const exact = councils(councilCandidates(name, lookup));
      if (date) {
        // "Dorset" is the county council in 2017 and Dorset Council from 2019: with a date, names without their
        // council words count too, and the one council active that day decides.
        const key = normaliseCouncilName(name).replace(AFFIXES, '').trim();
        const wide = councils([
          ...exact.map((c) => c.id),
          ...(lookup.names.get(key) ?? []),
          ...(lookup.bare.get(key) ?? []),
        ]);
        const active = wide.filter((c) => activeOnDay(c, date));
        if (active.length === 1) return active[0]!;
      }
      return exact.length === 1 ? exact[0]! : null;
    },
    all: () => refs,
  };
}
