/**
 * Popolo JSON document -> registry snapshot, validating as it goes. Reads Caucus's own exports exactly
 * (every `caucus:` property) and third-party Popolo by the documented fallbacks: classifications and roles
 * by vocabulary, sources from `sources` links or an invented dataset source naming the file, ids invented
 * for memberships that have none. The first broken rule throws InvalidInputError naming the file, the JSON
 * path and the rule, e.g. `people.json: memberships[12].person_id: refers to unknown person "p9"`.
 */
import { daysInMonth, type IsoDate, isIsoDate, isoFromParts } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import {
  type AliasOwnerType,
  COUNCIL_TYPES,
  ELECTION_SCHEMES,
  emptySnapshot,
  FACT_TYPES,
  type FactType,
  NATIONS,
  REASONS,
  type SnapshotWithAliases,
  type Source,
} from '../../domain/model.js';
import { pathIndex, pathKey, showPath } from './json-path.format.js';
import { parseJsonText } from './json-text.parser.js';
import { CAUCUS_POPOLO_VERSION } from './popolo.types.js';
import {
  AREA_FIELD_SCHEMES,
  areaTypeOf,
  councilFromGss,
  eventTypeOf,
  isGssCode,
  ORGANIZATION_FIELD_SCHEMES,
  organizationClassOf,
  roleOf,
  SHORT_NAME_NOTE,
  slugWord,
} from './popolo.vocabulary.js';

type Json = Record<string, unknown>;

/** What kind of record a reference must name; also the word used in "refers to unknown ...". */
type RefKind =
  | 'person'
  | 'organization'
  | 'post'
  | 'area'
  | 'membership'
  | 'event'
  | 'election'
  | 'ballot'
  | 'candidacy'
  | 'selection'
  | 'membership-count'
  | 'source';

/** How a partial Popolo date ("2014", "2014-05") becomes a day: the first day of a start, the last of an end. */
type DateSide = 'start' | 'end' | 'exact';

const SOURCE_KINDS = ['url', 'document', 'dataset', 'generated'] as const;
const SELECTION_METHODS = ['open', 'trigger', 'automatic'] as const;

/**
 * Parses Popolo JSON text; a syntax error throws InvalidInputError naming the file, line and column.
 * Example: fromPopolo(parsePopoloText(text, 'councillors.json'), 'councillors.json').
 */
export function parsePopoloText(text: string, file: string): unknown {
  return parseJsonText(text, file);
}

/** Parses, validates and converts Popolo JSON text in one step. */
export function importPopoloText(text: string, file: string): SnapshotWithAliases {
  return fromPopolo(parsePopoloText(text, file), file);
}

/**
 * Validates a parsed Popolo document and converts it to a registry snapshot with the aliases its other
 * names give; `file` names the input in errors and in the source invented for records that cite none.
 */
export function fromPopolo(doc: unknown, file: string): SnapshotWithAliases {
  return new PopoloReader(file).read(doc);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

/** A Popolo date (full, partial, or date-time) as a calendar day, or null when it is not one. */
export function popoloDateToIso(raw: string, side: DateSide): IsoDate | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return isIsoDate(raw) ? raw : null;
  if (side === 'exact') return null;
  const dateTime = /^(\d{4}-\d{2}-\d{2})T\d{2}(:\d{2}){0,2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/.exec(raw);
  if (dateTime) return isIsoDate(dateTime[1]!) ? dateTime[1]! : null;
  const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(raw);
  if (!partial) return null;
  const year = Number(partial[1]);
  if (partial[2] === undefined)
    return side === 'start' ? isoFromParts(year, 1, 1) : isoFromParts(year, 12, 31);
  const month = Number(partial[2]);
  if (month < 1 || month > 12) return null;
  return isoFromParts(year, month, side === 'start' ? 1 : daysInMonth(year, month));
}

class PopoloReader {
  private readonly out: Required<SnapshotWithAliases> = { ...emptySnapshot(), aliases: [] };
  /** References to ids not yet read when met; each is checked again once the whole document is read. */
  private readonly refs: { base: string; key: string; kind: RefKind; id: string }[] = [];
  private readonly ids = new Map<RefKind, Set<string>>();
  private readonly sourceIdByUrl = new Map<string, string>();
  private readonly identifierKeys = new Set<string>();
  private datasetSourceId: string | null = null;

  constructor(private readonly file: string) {}

  private fail(path: string, rule: string, message: string): never {
    throw new InvalidInputError(message, {
      where: `${this.file}: ${showPath(path)}`,
      rule,
      file: this.file,
      path,
    });
  }

  read(doc: unknown): SnapshotWithAliases {
    if (!isObject(doc)) {
      this.fail(
        '',
        'type',
        'expected a JSON object with persons, organizations, memberships, posts, areas, events',
      );
    }
    if (Object.hasOwn(doc, 'caucus:version')) {
      const v = doc['caucus:version'];
      if (v !== CAUCUS_POPOLO_VERSION) {
        this.fail(
          'caucus:version',
          'version',
          `unsupported version ${JSON.stringify(v)}; this Caucus reads version ${CAUCUS_POPOLO_VERSION}`,
        );
      }
    }
    // Sources first, so that links elsewhere can reuse a listed source with the same URL.
    for (const [r, p] of this.records(doc, 'caucus:sources')) this.source(r, p);
    for (const [r, p] of this.records(doc, 'areas')) this.area(r, p);
    for (const [r, p] of this.records(doc, 'organizations')) this.organization(r, p);
    for (const [r, p] of this.records(doc, 'persons')) this.person(r, p);
    for (const [r, p] of this.records(doc, 'posts')) this.post(r, p);
    this.memberships(this.records(doc, 'memberships'));
    for (const [r, p] of this.records(doc, 'events')) this.event(r, p);
    for (const [r, p] of this.records(doc, 'caucus:elections')) this.election(r, p);
    for (const [r, p] of this.records(doc, 'caucus:ballots')) this.ballot(r, p);
    for (const [r, p] of this.records(doc, 'caucus:candidacies')) this.candidacy(r, p);
    for (const [r, p] of this.records(doc, 'caucus:selections')) this.selection(r, p);
    this.selectionCandidates(this.records(doc, 'caucus:selection_candidates'));
    for (const [r, p] of this.records(doc, 'caucus:membership_counts')) this.membershipCount(r, p);
    for (const [r, p] of this.records(doc, 'caucus:citations')) this.citation(r, p);
    for (const ref of this.refs) {
      if (!this.idSet(ref.kind).has(ref.id)) {
        this.fail(
          pathKey(ref.base, ref.key),
          'reference',
          `refers to unknown ${ref.kind.replace('-', ' ')} ${JSON.stringify(ref.id)}`,
        );
      }
    }
    return this.out;
  }

  // ---- generic readers -------------------------------------------------------------------------

  private records(doc: Json, key: string): [Json, string][] {
    const value = doc[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(key, 'type', 'expected an array');
    return value.map((r, i): [Json, string] => {
      const path = pathIndex(key, i);
      if (!isObject(r)) this.fail(path, 'type', 'expected an object');
      return [r, path];
    });
  }

  private idSet(kind: RefKind): Set<string> {
    let set = this.ids.get(kind);
    if (!set) {
      set = new Set();
      this.ids.set(kind, set);
    }
    return set;
  }

  /** Reads and registers a record's id, refusing a duplicate within its kind. */
  private id(r: Json, path: string, kind: RefKind): string {
    const id = this.str(r, 'id', path);
    const set = this.idSet(kind);
    // The path is built only for the error: a large file has a million ids.
    if (set.has(id)) this.fail(pathKey(path, 'id'), 'duplicate-id', `duplicate id ${JSON.stringify(id)}`);
    set.add(id);
    return id;
  }

  /** Notes a reference; one to an id already read is settled at once, the rest are checked at the end. */
  private noteRef(base: string, key: string, kind: RefKind, id: string): void {
    if (!this.idSet(kind).has(id)) this.refs.push({ base, key, kind, id });
  }

  private ref(r: Json, key: string, path: string, kind: RefKind): string {
    const id = this.str(r, key, path);
    this.noteRef(path, key, kind, id);
    return id;
  }

  private optRef(r: Json, key: string, path: string, kind: RefKind): string | null {
    const id = this.optStr(r, key, path);
    if (id !== null) this.noteRef(path, key, kind, id);
    return id;
  }

  private str(r: Json, key: string, path: string): string {
    const v = r[key];
    if (v === undefined || v === null) this.fail(pathKey(path, key), 'required', 'required');
    if (typeof v !== 'string') this.fail(pathKey(path, key), 'type', `expected a string, got ${describe(v)}`);
    if (v.trim() === '') this.fail(pathKey(path, key), 'required', 'required (got an empty string)');
    return v;
  }

  private optStr(r: Json, key: string, path: string): string | null {
    const v = r[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string')
      this.fail(pathKey(path, key), 'type', `expected a string or null, got ${describe(v)}`);
    return v;
  }

  private date(r: Json, key: string, path: string, side: DateSide): IsoDate {
    const d = this.optDate(r, key, path, side);
    if (d === null) this.fail(pathKey(path, key), 'required', 'required (a date YYYY-MM-DD)');
    return d;
  }

  private optDate(r: Json, key: string, path: string, side: DateSide): IsoDate | null {
    const v = r[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string')
      this.fail(pathKey(path, key), 'date', `expected a date YYYY-MM-DD, got ${describe(v)}`);
    const d = popoloDateToIso(v, side);
    if (d === null)
      this.fail(pathKey(path, key), 'date', `expected a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
    return d;
  }

  private int(r: Json, key: string, path: string, min: number): number {
    const v = this.optInt(r, key, path, min);
    if (v === null) this.fail(pathKey(path, key), 'required', 'required');
    return v;
  }

  private optInt(r: Json, key: string, path: string, min: number): number | null {
    const v = r[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.fail(pathKey(path, key), 'type', `expected a whole number, got ${describe(v)}`);
    }
    if (v < min)
      this.fail(pathKey(path, key), 'range', `expected a whole number of at least ${min}, got ${v}`);
    return v;
  }

  private bool(r: Json, key: string, path: string): boolean {
    const v = r[key];
    if (v === undefined || v === null) this.fail(pathKey(path, key), 'required', 'required');
    if (typeof v !== 'boolean')
      this.fail(pathKey(path, key), 'type', `expected true or false, got ${describe(v)}`);
    return v;
  }

  private optEnum<T extends string>(r: Json, key: string, path: string, values: readonly T[]): T | null {
    const v = this.optStr(r, key, path);
    if (v === null) return null;
    if (!(values as readonly string[]).includes(v)) {
      this.fail(pathKey(path, key), 'enum', `expected one of ${values.join(', ')}; got ${JSON.stringify(v)}`);
    }
    return v as T;
  }

  private enumOf<T extends string>(r: Json, key: string, path: string, values: readonly T[]): T {
    const v = this.optEnum(r, key, path, values);
    if (v === null) this.fail(pathKey(path, key), 'required', 'required');
    return v;
  }

  private array(r: Json, key: string, path: string): [Json, string][] {
    const v = r[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(pathKey(path, key), 'type', `expected an array, got ${describe(v)}`);
    return v.map((item, i): [Json, string] => {
      const p = pathIndex(pathKey(path, key), i);
      if (!isObject(item)) this.fail(p, 'type', `expected an object, got ${describe(item)}`);
      return [item, p];
    });
  }

  // ---- sources, citations, identifiers ---------------------------------------------------------

  private source(r: Json, path: string): void {
    const id = this.id(r, path, 'source');
    const url = this.optStr(r, 'url', path);
    const source: Source = {
      id,
      kind: this.enumOf(r, 'kind', path, SOURCE_KINDS),
      url,
      title: this.optStr(r, 'title', path),
      publisher: this.optStr(r, 'publisher', path),
      publishedOn: this.optDate(r, 'published_on', path, 'exact'),
    };
    this.out.sources.push(source);
    if (url !== null && !this.sourceIdByUrl.has(url)) this.sourceIdByUrl.set(url, id);
  }

  /** A source id not yet taken, starting from `wanted`. */
  private freeSourceId(wanted: string): string {
    const taken = this.idSet('source');
    let id = wanted;
    for (let n = 2; taken.has(id); n++) id = `${wanted}#${n}`;
    taken.add(id);
    return id;
  }

  private sourceForUrl(url: string, note: string | null): string {
    const known = this.sourceIdByUrl.get(url);
    if (known) return known;
    const id = this.freeSourceId(`url:${url}`);
    this.out.sources.push({ id, kind: 'url', url, title: note, publisher: null, publishedOn: null });
    this.sourceIdByUrl.set(url, id);
    return id;
  }

  private datasetSource(): string {
    if (this.datasetSourceId === null) {
      const name = baseName(this.file);
      const id = this.freeSourceId(`dataset:${name}`);
      this.out.sources.push({
        id,
        kind: 'dataset',
        url: null,
        title: `Popolo file ${name}`,
        publisher: null,
        publishedOn: null,
      });
      this.datasetSourceId = id;
    }
    return this.datasetSourceId;
  }

  /**
   * The primary source of a Popolo object: `caucus:source_id` when present; otherwise its first `sources`
   * link (later links become citations); otherwise the dataset source that names the file.
   */
  private primarySource(
    r: Json,
    path: string,
    factType: FactType,
    factId: string,
    key = 'caucus:source_id',
  ): string {
    if (r[key] !== undefined && r[key] !== null) return this.ref(r, key, path, 'source');
    const links = this.array(r, 'sources', path).map(([link, p]) => ({
      url: this.str(link, 'url', p),
      note: this.optStr(link, 'note', p),
    }));
    const [first, ...rest] = links;
    if (!first) return this.datasetSource();
    const primary = this.sourceForUrl(first.url, first.note);
    const cited = new Set([primary]);
    for (const link of rest) {
      const sourceId = this.sourceForUrl(link.url, link.note);
      if (cited.has(sourceId)) continue;
      cited.add(sourceId);
      this.out.citations.push({ factType, factId, sourceId, quote: null, quoteStart: null, quoteEnd: null });
    }
    return primary;
  }

  /**
   * Reads `identifiers`: the first identifier of each field scheme is returned (scheme -> value) to fill
   * that field; the rest become Identifier records of the owner. A missing scheme is kept as ''.
   */
  private identifiers(
    r: Json,
    path: string,
    ownerType: FactType,
    ownerId: string,
    fieldSchemes: readonly string[] = [],
  ): ReadonlyMap<string, string> {
    const list = r.identifiers;
    if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) return NO_FIELDS;
    const fields = new Map<string, string>();
    for (const [item, p] of this.array(r, 'identifiers', path)) {
      const identifier = this.str(item, 'identifier', p);
      const scheme = this.optStr(item, 'scheme', p) ?? '';
      if (fieldSchemes.includes(scheme) && !fields.has(scheme)) fields.set(scheme, identifier);
      else this.addIdentifier(ownerType, ownerId, scheme, identifier);
    }
    return fields;
  }

  private addIdentifier(ownerType: FactType, ownerId: string, scheme: string, identifier: string): void {
    const key = `${ownerType}\u0000${ownerId}\u0000${scheme}\u0000${identifier}`;
    if (this.identifierKeys.has(key)) return;
    this.identifierKeys.add(key);
    this.out.identifiers.push({ ownerType, ownerId, scheme, identifier });
  }

  private citation(r: Json, path: string): void {
    const factType = this.enumOf(r, 'fact_type', path, FACT_TYPES);
    const quoteStart = this.optInt(r, 'quote_start', path, 0);
    const quoteEnd = this.optInt(r, 'quote_end', path, 0);
    if (quoteStart !== null && quoteEnd !== null && quoteEnd < quoteStart) {
      this.fail(
        pathKey(path, 'quote_end'),
        'range',
        `quote_end (${quoteEnd}) is before quote_start (${quoteStart})`,
      );
    }
    this.out.citations.push({
      factType,
      factId: this.ref(r, 'fact_id', path, FACT_KIND[factType]),
      sourceId: this.ref(r, 'source_id', path, 'source'),
      quote: this.optStr(r, 'quote', path),
      quoteStart,
      quoteEnd,
    });
  }

  // ---- Popolo objects --------------------------------------------------------------------------

  private area(r: Json, path: string): void {
    const id = this.id(r, path, 'area');
    const classification = this.optStr(r, 'classification', path);
    const codes = this.identifiers(r, path, 'area', id, [AREA_FIELD_SCHEMES.gss]);
    let gss = codes.get(AREA_FIELD_SCHEMES.gss) ?? null;
    const issued = this.optStr(r, 'identifier', path);
    if (issued !== null && issued !== gss) {
      if (gss === null && isGssCode(issued)) gss = issued;
      else this.addIdentifier('area', id, 'identifier', issued);
    }
    this.out.areas.push({
      id,
      sourceId: this.primarySource(r, path, 'area', id),
      type: (classification && areaTypeOf(classification)) || 'other',
      name: this.str(r, 'name', path),
      gss,
      parentId: this.optRef(r, 'parent_id', path, 'area'),
      validFrom: this.optDate(r, 'caucus:valid_from', path, 'start'),
      validTo: this.optDate(r, 'caucus:valid_to', path, 'end'),
    });
    // Popolo areas have no other_names; Caucus writes them under caucus:, another registry may not.
    this.aliases(
      [...this.array(r, 'other_names', path), ...this.array(r, 'caucus:other_names', path)],
      'area',
      id,
    );
  }

  private organization(r: Json, path: string): void {
    const id = this.id(r, path, 'organization');
    const rawClass = this.optStr(r, 'classification', path);
    const mapped = rawClass === null ? null : organizationClassOf(rawClass);
    const classification = mapped ?? 'other';
    const { gss: gssScheme, laCode: laScheme, ecId: ecScheme } = ORGANIZATION_FIELD_SCHEMES;
    const codes = this.identifiers(r, path, 'organization', id, [gssScheme, laScheme, ecScheme]);
    const gss = codes.get(gssScheme) ?? null;
    // Third-party councils carry no Caucus fields; a UK GSS code still says the type and nation.
    const inferred = classification === 'council' ? councilFromGss(gss) : { councilType: null, nation: null };
    const has = (key: string) => Object.hasOwn(r, key);
    let shortName: string | null = null;
    const otherNames: [Json, string][] = [];
    for (const [other, p] of this.array(r, 'other_names', path)) {
      const note = this.optStr(other, 'note', p);
      if (shortName === null && note !== null && note.trim().toLowerCase() === SHORT_NAME_NOTE) {
        shortName = this.str(other, 'name', p);
      } else otherNames.push([other, p]);
    }
    this.out.organizations.push({
      id,
      sourceId: this.primarySource(r, path, 'organization', id),
      classification,
      name: this.str(r, 'name', path),
      shortName,
      parentId: this.optRef(r, 'parent_id', path, 'organization'),
      councilId: this.optRef(r, 'caucus:council_id', path, 'organization'),
      areaId: this.optRef(r, 'area_id', path, 'area'),
      laCode: codes.get(laScheme) ?? null,
      gss,
      ecId: codes.get(ecScheme) ?? null,
      councilType: has('caucus:council_type')
        ? this.optEnum(r, 'caucus:council_type', path, COUNCIL_TYPES)
        : inferred.councilType,
      nation: has('caucus:nation') ? this.optEnum(r, 'caucus:nation', path, NATIONS) : inferred.nation,
      region: this.optStr(r, 'caucus:region', path),
      electionScheme: this.optEnum(r, 'caucus:election_scheme', path, ELECTION_SCHEMES),
      // An unrecognised third-party classification ("committee") is kept as the subtype of an 'other'.
      subtype: has('caucus:subtype')
        ? this.optStr(r, 'caucus:subtype', path)
        : mapped === null
          ? rawClass
          : null,
      colour: this.optStr(r, 'caucus:colour', path),
      foundingDate: this.optDate(r, 'founding_date', path, 'start'),
      dissolutionDate: this.optDate(r, 'dissolution_date', path, 'end'),
    });
    this.aliases(otherNames, 'organization', id);
  }

  /**
   * Other names (all but an organization's short name) become aliases of the record just read. An alias
   * Caucus exported names its own source (`caucus:source_id`, null allowed); another registry's other
   * name is credited to its owner's primary source.
   */
  private aliases(entries: [Json, string][], ownerType: AliasOwnerType, ownerId: string): void {
    if (entries.length === 0) return;
    const owners = { person: this.out.persons, organization: this.out.organizations, area: this.out.areas };
    const ownerSourceId = owners[ownerType][owners[ownerType].length - 1]?.sourceId ?? null;
    for (const [other, p] of entries) {
      const alias = this.str(other, 'name', p);
      const sourceId = Object.hasOwn(other, 'caucus:source_id')
        ? this.optRef(other, 'caucus:source_id', p, 'source')
        : ownerSourceId;
      this.out.aliases.push({ ownerType, ownerId, alias, sourceId });
    }
  }

  private person(r: Json, path: string): void {
    const id = this.id(r, path, 'person');
    const givenName = this.optStr(r, 'given_name', path);
    const familyName = this.optStr(r, 'family_name', path);
    const hasName = typeof r.name === 'string' && r.name.trim() !== '';
    // Popolo allows a person without `name`; Caucus needs one, so given + family names stand in.
    const name =
      !hasName && (givenName || familyName)
        ? [givenName, familyName].filter(Boolean).join(' ')
        : this.str(r, 'name', path);
    this.identifiers(r, path, 'person', id);
    const otherNames = this.array(r, 'other_names', path);
    this.out.persons.push({
      id,
      sourceId: this.primarySource(r, path, 'person', id),
      name,
      givenName,
      familyName,
      honorificPrefix: this.optStr(r, 'honorific_prefix', path),
    });
    this.aliases(otherNames, 'person', id);
  }

  private post(r: Json, path: string): void {
    const id = this.id(r, path, 'post');
    this.identifiers(r, path, 'post', id);
    this.out.posts.push({
      id,
      sourceId: this.primarySource(r, path, 'post', id),
      councilId: this.ref(r, 'organization_id', path, 'organization'),
      areaId: this.ref(r, 'area_id', path, 'area'),
      label: this.str(r, 'label', path),
      seats: this.optInt(r, 'caucus:seats', path, 1) ?? 1,
      validFrom: this.optDate(r, 'start_date', path, 'start'),
      validTo: this.optDate(r, 'end_date', path, 'end'),
    });
  }

  private memberships(rows: [Json, string][]): void {
    // Explicit ids are claimed first so that an invented id never takes one the file uses later.
    const explicit = rows.map(([r, path]) =>
      r.id === undefined || r.id === null ? null : this.id(r, path, 'membership'),
    );
    const taken = this.idSet('membership');
    rows.forEach(([r, path], i) => {
      const personId = this.ref(r, 'person_id', path, 'person');
      const organizationId = this.ref(r, 'organization_id', path, 'organization');
      const rawRole = this.optStr(r, 'role', path);
      const { role, label } = roleOf(rawRole, this.optStr(r, 'label', path));
      const startDate = this.optDate(r, 'start_date', path, 'start');
      let id = explicit[i] ?? null;
      if (id === null) {
        // Built from the content, so re-importing an updated file gives the same ids to the same facts.
        const roleWord = rawRole?.trim() ? slugWord(rawRole) : role;
        const wanted = [
          'membership',
          personId,
          organizationId,
          roleWord,
          ...(startDate ? [startDate] : []),
        ].join(':');
        id = wanted;
        for (let n = 2; taken.has(id); n++) id = `${wanted}#${n}`;
        taken.add(id);
      }
      this.identifiers(r, path, 'membership', id);
      this.out.memberships.push({
        id,
        sourceId: this.primarySource(r, path, 'membership', id),
        personId,
        organizationId,
        postId: this.optRef(r, 'post_id', path, 'post'),
        role,
        label,
        onBehalfOfId: this.optRef(r, 'on_behalf_of_id', path, 'organization'),
        startDate,
        endDate: this.optDate(r, 'end_date', path, 'end'),
        startReason: this.optEnum(r, 'caucus:start_reason', path, REASONS),
        endReason: this.optEnum(r, 'caucus:end_reason', path, REASONS),
      });
    });
  }

  private event(r: Json, path: string): void {
    const id = this.id(r, path, 'event');
    const rawClass = this.optStr(r, 'classification', path);
    const type = (rawClass && eventTypeOf(rawClass)) || 'other';
    let details: Record<string, unknown>;
    if (Object.hasOwn(r, 'caucus:details')) {
      const d = r['caucus:details'];
      if (!isObject(d))
        this.fail(pathKey(path, 'caucus:details'), 'type', `expected an object, got ${describe(d)}`);
      details = structuredClone(d);
    } else {
      // Third-party events keep what Caucus has no field for, so nothing said about them is dropped.
      details = {};
      const description = this.optStr(r, 'description', path);
      if (description !== null) details.description = description;
      if (rawClass !== null && type === 'other') details.classification = rawClass;
      const endDate = this.optDate(r, 'end_date', path, 'end');
      if (endDate !== null) details.endDate = endDate;
    }
    this.identifiers(r, path, 'event', id);
    this.out.events.push({
      id,
      sourceId: this.primarySource(r, path, 'event', id),
      type,
      date: this.date(r, 'start_date', path, 'start'),
      title: this.str(r, 'name', path),
      councilId: this.optRef(r, 'caucus:council_id', path, 'organization'),
      organizationId: this.optRef(r, 'organization_id', path, 'organization'),
      personId: this.optRef(r, 'caucus:person_id', path, 'person'),
      details,
    });
  }

  // ---- Caucus extension records ----------------------------------------------------------------

  private extSource(r: Json, path: string, factType: FactType, factId: string): string {
    this.identifiers(r, path, factType, factId);
    return r.source_id === undefined || r.source_id === null
      ? this.datasetSource()
      : this.ref(r, 'source_id', path, 'source');
  }

  private election(r: Json, path: string): void {
    const id = this.id(r, path, 'election');
    this.out.elections.push({
      id,
      sourceId: this.extSource(r, path, 'election', id),
      councilId: this.ref(r, 'council_id', path, 'organization'),
      date: this.date(r, 'date', path, 'exact'),
      ordinary: this.bool(r, 'ordinary', path),
    });
  }

  private ballot(r: Json, path: string): void {
    const id = this.id(r, path, 'ballot');
    this.out.ballots.push({
      id,
      sourceId: this.extSource(r, path, 'ballot', id),
      electionId: this.ref(r, 'election_id', path, 'election'),
      postId: this.ref(r, 'post_id', path, 'post'),
      date: this.date(r, 'date', path, 'exact'),
      seatsContested: this.int(r, 'seats_contested', path, 0),
      byElection: this.bool(r, 'by_election', path),
      cancelled: this.bool(r, 'cancelled', path),
    });
  }

  private candidacy(r: Json, path: string): void {
    const id = this.id(r, path, 'candidacy');
    this.out.candidacies.push({
      id,
      sourceId: this.extSource(r, path, 'candidacy', id),
      ballotId: this.ref(r, 'ballot_id', path, 'ballot'),
      personId: this.ref(r, 'person_id', path, 'person'),
      partyId: this.optRef(r, 'party_id', path, 'organization'),
      votes: this.optInt(r, 'votes', path, 0),
      elected: this.bool(r, 'elected', path),
    });
  }

  private selection(r: Json, path: string): void {
    const id = this.id(r, path, 'selection');
    this.out.selections.push({
      id,
      sourceId: this.extSource(r, path, 'selection', id),
      partyId: this.ref(r, 'party_id', path, 'organization'),
      localPartyId: this.optRef(r, 'local_party_id', path, 'organization'),
      councilId: this.ref(r, 'council_id', path, 'organization'),
      postId: this.ref(r, 'post_id', path, 'post'),
      pollDate: this.date(r, 'poll_date', path, 'exact'),
      date: this.date(r, 'date', path, 'exact'),
      method: this.optEnum(r, 'method', path, SELECTION_METHODS),
    });
  }

  private selectionCandidates(rows: [Json, string][]): void {
    const seen = new Set<string>();
    for (const [r, path] of rows) {
      const selectionId = this.ref(r, 'selection_id', path, 'selection');
      const personId = this.ref(r, 'person_id', path, 'person');
      const key = `${selectionId}\u0000${personId}`;
      if (seen.has(key)) {
        this.fail(
          path,
          'duplicate-id',
          `duplicate candidate ${JSON.stringify(personId)} in selection ${JSON.stringify(selectionId)}`,
        );
      }
      seen.add(key);
      this.out.selectionCandidates.push({
        selectionId,
        personId,
        sitting: this.bool(r, 'sitting', path),
        soughtReselection: this.bool(r, 'sought_reselection', path),
        chosen: this.bool(r, 'chosen', path),
        votes: this.optInt(r, 'votes', path, 0),
      });
    }
  }

  private membershipCount(r: Json, path: string): void {
    const id = this.id(r, path, 'membership-count');
    this.out.membershipCounts.push({
      id,
      sourceId: this.extSource(r, path, 'membership-count', id),
      localPartyId: this.ref(r, 'local_party_id', path, 'organization'),
      date: this.date(r, 'date', path, 'exact'),
      count: this.int(r, 'count', path, 0),
    });
  }
}

/** What `identifiers` returns for a record without any, which is most (one shared map, never written). */
const NO_FIELDS: ReadonlyMap<string, string> = new Map();

/** Which id space a citation's fact_id is checked against. */
const FACT_KIND: Record<FactType, RefKind> = {
  area: 'area',
  organization: 'organization',
  person: 'person',
  post: 'post',
  membership: 'membership',
  election: 'election',
  ballot: 'ballot',
  candidacy: 'candidacy',
  selection: 'selection',
  event: 'event',
  'membership-count': 'membership-count',
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v);
  return `${typeof v} ${String(v)}`;
}
