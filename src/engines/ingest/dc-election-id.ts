/**
 * Democracy Club election ids: `type[.subtype][.organisation][.division][.by].YYYY-MM-DD`, e.g.
 * `local.2018-05-03` (every local poll that day), `local.birmingham.2018-05-03` (one council),
 * `local.birmingham.hodge-hill.2018-05-03` (one ballot), `local.rugby.rokeby-and-overslade.by.2019-08-22`.
 * Which parts a type may have follows Democracy Club's published id rules (uk-election-ids).
 */
import { type IsoDate, isIsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';

export interface ElectionTypeRule {
  name: string;
  /** Subtype letters; when present, any id more specific than the type itself must name one. */
  subtypes: readonly string[];
  canHaveOrgs: boolean;
  /** Whether a division may follow, per subtype where the subtype decides (gla.c yes, gla.a no). */
  canHaveDivs: boolean | Readonly<Record<string, boolean>>;
  /** Referendums have no by-elections. */
  canHaveBy: boolean;
}

export const ELECTION_TYPES: Readonly<Record<string, ElectionTypeRule>> = {
  parl: { name: 'UK Parliament', subtypes: [], canHaveOrgs: false, canHaveDivs: true, canHaveBy: true },
  nia: {
    name: 'Northern Ireland Assembly',
    subtypes: [],
    canHaveOrgs: false,
    canHaveDivs: true,
    canHaveBy: true,
  },
  europarl: {
    name: 'European Parliament',
    subtypes: [],
    canHaveOrgs: false,
    canHaveDivs: true,
    canHaveBy: true,
  },
  naw: {
    name: 'National Assembly for Wales',
    subtypes: ['c', 'r'],
    canHaveOrgs: false,
    canHaveDivs: true,
    canHaveBy: true,
  },
  senedd: {
    name: 'Senedd Cymru',
    subtypes: ['c', 'r'],
    canHaveOrgs: false,
    canHaveDivs: true,
    canHaveBy: true,
  },
  sp: {
    name: 'Scottish Parliament',
    subtypes: ['c', 'r'],
    canHaveOrgs: false,
    canHaveDivs: true,
    canHaveBy: true,
  },
  gla: {
    name: 'Greater London Assembly',
    subtypes: ['c', 'a'],
    canHaveOrgs: false,
    canHaveDivs: { c: true, a: false },
    canHaveBy: true,
  },
  local: { name: 'local', subtypes: [], canHaveOrgs: true, canHaveDivs: true, canHaveBy: true },
  pcc: {
    name: 'Police and Crime Commissioner',
    subtypes: [],
    canHaveOrgs: true,
    canHaveDivs: false,
    canHaveBy: true,
  },
  mayor: { name: 'mayoral', subtypes: [], canHaveOrgs: true, canHaveDivs: false, canHaveBy: true },
  ref: { name: 'referendum', subtypes: [], canHaveOrgs: true, canHaveDivs: false, canHaveBy: false },
};

export interface ElectionId {
  type: string;
  subtype: string | null;
  /** Organisation slug, e.g. `birmingham` (council, police area, mayoralty). */
  organisation: string | null;
  /** Division slug, e.g. `hodge-hill` (ward, constituency, region). */
  division: string | null;
  byElection: boolean;
  date: IsoDate;
}

/** What an id names: a whole day of one type, one organisation's poll, or one ballot. */
export type ElectionIdLevel = 'group' | 'organisation' | 'ballot';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface SlugOptions {
  /**
   * What `&` becomes: `and` (default: "Rokeby & Overslade" -> rokeby-and-overslade) or `drop`, which is what
   * Democracy Club's live ids do for ward names ("Stocksbridge & Upper Don" -> stocksbridge-upper-don).
   */
  ampersand?: 'and' | 'drop';
}

/**
 * Slug for an id part: lower-case ASCII, accents stripped, `&` to `and`, apostrophes dropped, other punctuation
 * to hyphens, hyphens collapsed and trimmed: slugify("St. Helen's") === 'st-helens', slugify('Ynys Môn') === 'ynys-mon'.
 */
export function slugify(text: string, options: SlugOptions = {}): string {
  const amp = options.ampersand === 'drop' ? ' ' : ' and ';
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, amp)
    .replace(/['\u2018\u2019`\u00b4]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** True when `s` is a valid slug part (what slugify produces for non-empty text). */
export function isSlug(s: string): boolean {
  return SLUG.test(s);
}

function divsAllowed(rule: ElectionTypeRule, subtype: string | null): boolean {
  if (typeof rule.canHaveDivs === 'boolean') return rule.canHaveDivs;
  return subtype !== null && rule.canHaveDivs[subtype] === true;
}

/** Parses an id, or returns the reason it is not one. */
export function tryParseElectionId(
  id: string,
): { ok: true; value: ElectionId } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (typeof id !== 'string' || id.length === 0) return fail('empty id');
  const parts = id.split('.');
  const date = parts.pop()!;
  if (!isIsoDate(date)) return fail(`does not end with a real date YYYY-MM-DD ("${date}")`);
  const type = parts.shift();
  if (type === undefined) return fail('has no election type');
  const rule = ELECTION_TYPES[type];
  if (!rule)
    return fail(
      `unknown election type "${type}" (expected one of ${Object.keys(ELECTION_TYPES).join(', ')})`,
    );
  let byElection = false;
  if (parts[parts.length - 1] === 'by') {
    parts.pop();
    byElection = true;
  }
  let subtype: string | null = null;
  if (rule.subtypes.length > 0 && parts.length > 0) {
    const s = parts.shift()!;
    if (!rule.subtypes.includes(s))
      return fail(`"${type}" needs a subtype ${rule.subtypes.join(' or ')}, got "${s}"`);
    subtype = s;
  }
  for (const p of parts)
    if (!SLUG.test(p)) return fail(`"${p}" is not a slug (lower-case letters, digits, hyphens)`);
  let organisation: string | null = null;
  let division: string | null = null;
  const divs = divsAllowed(rule, subtype);
  if (rule.canHaveOrgs) {
    organisation = parts.shift() ?? null;
    if (parts.length > 0) {
      if (!divs) return fail(`"${type}" ids name an organisation but no division`);
      division = parts.shift()!;
    }
  } else if (parts.length > 0) {
    if (!divs) return fail(`"${type}${subtype ? `.${subtype}` : ''}" ids have no organisation or division`);
    division = parts.shift()!;
  }
  if (parts.length > 0) return fail(`has too many parts ("${parts.join('.')}" left over)`);
  if (byElection) {
    if (!rule.canHaveBy) return fail(`"${type}" polls have no by-elections`);
    const deepest = divs ? division : organisation;
    if (deepest === null) return fail('".by" must follow the ballot\'s division or organisation');
  }
  return { ok: true, value: { type, subtype, organisation, division, byElection, date } };
}

/** Parses a Democracy Club id; throws InvalidInputError naming `where` when it is not one. */
export function parseElectionId(id: string, where = 'election id'): ElectionId {
  const r = tryParseElectionId(id);
  if (!r.ok)
    throw new InvalidInputError(`"${id}" is not a Democracy Club election id: ${r.reason}`, {
      where,
      rule: 'dc-election-id',
    });
  return r.value;
}

/** True when `id` follows the grammar and the type's rules. */
export function isElectionId(id: string): boolean {
  return tryParseElectionId(id).ok;
}

/** Builds an id from its parts: buildElectionId({ type: 'local', organisation: 'rugby', ... }). Validates the result. */
export function buildElectionId(parts: {
  type: string;
  subtype?: string | null;
  organisation?: string | null;
  division?: string | null;
  byElection?: boolean;
  date: IsoDate;
}): string {
  const segs = [parts.type];
  if (parts.subtype) segs.push(parts.subtype);
  if (parts.organisation) segs.push(parts.organisation);
  if (parts.division) segs.push(parts.division);
  if (parts.byElection) segs.push('by');
  segs.push(parts.date);
  const id = segs.join('.');
  const r = tryParseElectionId(id);
  if (!r.ok)
    throw new InvalidInputError(`cannot build a Democracy Club id from these parts: ${r.reason}`, {
      where: id,
      rule: 'dc-election-id',
    });
  const v = r.value;
  // A subtype-less type parses its first part as organisation or division; a mismatch means the parts were wrong.
  if (
    (v.organisation ?? null) !== (parts.organisation ?? null) ||
    (v.division ?? null) !== (parts.division ?? null)
  )
    throw new InvalidInputError(
      `a "${parts.type}" id cannot have ${parts.organisation ? 'an organisation' : 'no organisation'} with ${parts.division ? 'a division' : 'no division'}`,
      { where: id, rule: 'dc-election-id' },
    );
  return id;
}

/** Level of detail: `local.2018-05-03` group, `local.rugby.2018-05-03` organisation, with a division a ballot. */
export function electionIdLevel(id: ElectionId): ElectionIdLevel {
  const rule = ELECTION_TYPES[id.type]!;
  if (id.division !== null) return 'ballot';
  if (id.organisation !== null) return divsAllowed(rule, id.subtype) ? 'organisation' : 'ballot';
  // Types with divisions but no organisations (parl, sp.c) name a ballot only with a division; gla.a has neither.
  return !rule.canHaveOrgs && !divsAllowed(rule, id.subtype) && id.subtype !== null ? 'ballot' : 'group';
}

/** The organisation-level election a ballot belongs to: `local.rugby.rokeby.by.2019-08-22` -> `local.rugby.2019-08-22`. */
export function organisationElectionId(id: ElectionId): string {
  return buildElectionId({
    type: id.type,
    subtype: id.subtype,
    organisation: id.organisation,
    date: id.date,
  });
}

/** Formats parsed parts back to the id string (the inverse of parseElectionId). */
export function formatElectionId(id: ElectionId): string {
  return buildElectionId(id);
}
