/**
 * Party labels and ids as files print them, to Electoral Commission ids. Democracy Club writes `party:53`
 * (older exports), `PP53`, `joint-party:53-119` (Labour and Co-operative) or `ynmp-party:2` (Independent);
 * councils print free text ("Welsh Labour / Llafur Cymru", "(Green Party)", "THE CONSERVATIVE PARTY CANDIDATE").
 */
import { INDEPENDENT_LABELS, PARTIES, type PartyEntry } from './party-names.data.js';

export type PartyRef =
  | { kind: 'party'; ecId: string; name: string; joint: readonly string[] | null }
  | { kind: 'independent' };

/** Registry id of a party organization: partyOrganizationId('PP53') === 'party:PP53'. */
export function partyOrganizationId(ecId: string): string {
  return `party:${ecId}`;
}

/** A label reduced for matching: lower-case ASCII words, `&` as "and", punctuation and a leading "the" gone. */
export function normalisePartyLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2018\u2019`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

const BY_LABEL = new Map<string, PartyEntry>();
const BY_EC_ID = new Map<string, PartyEntry>();
for (const p of PARTIES) {
  BY_EC_ID.set(p.ecId, p);
  for (const label of [p.name, ...p.aliases]) {
    const key = normalisePartyLabel(label);
    if (!BY_LABEL.has(key)) BY_LABEL.set(key, p);
  }
}
const INDEPENDENT = new Set(INDEPENDENT_LABELS.map(normalisePartyLabel));

/** The registered name Caucus uses for an EC id, when its table knows it. */
export function partyNameFor(ecId: string): string | null {
  return BY_EC_ID.get(ecId)?.name ?? null;
}

const NOISE_SUFFIX =
  /\s+(?:party candidate|candidate|first choice|second choice|third choice|(?:first|second|third) choice candidate)$/;
const NATION_PREFIX = /^(?:welsh|scottish) /;

function lookup(key: string): PartyRef | null {
  if (INDEPENDENT.has(key)) return { kind: 'independent' };
  const p = BY_LABEL.get(key);
  return p ? { kind: 'party', ecId: p.ecId, name: p.name, joint: null } : null;
}

function lookupVariants(key: string): PartyRef | null {
  const direct = lookup(key);
  if (direct) return direct;
  const trimmed = key.replace(NOISE_SUFFIX, '').replace(/^the /, '');
  if (trimmed !== key) {
    const r = lookup(trimmed);
    if (r) return r;
  }
  if (NATION_PREFIX.test(trimmed)) {
    // Welsh and Scottish branches of GB-wide parties share the GB registration, except where listed separately.
    const r = lookup(trimmed.replace(NATION_PREFIX, ''));
    if (r?.kind === 'party' && ['PP52', 'PP53', 'PP90', 'PP63'].includes(r.ecId)) return r;
  }
  return null;
}

/**
 * A free-text label to a party, or null when Caucus's table does not know it:
 * resolvePartyLabel('Welsh Labour / Llafur Cymru') gives PP53; resolvePartyLabel('(no description)') an independent.
 */
export function resolvePartyLabel(label: string): PartyRef | null {
  const whole = lookupVariants(normalisePartyLabel(label));
  if (whole) return whole;
  // A bracketed aside after a name: "UK Independence Party (UK I P)", "Independent (Independent Member)".
  const unbracketed = label.replace(/\([^)]*\)/g, ' ').trim();
  if (unbracketed && unbracketed !== label.trim()) {
    const r = lookupVariants(normalisePartyLabel(unbracketed));
    if (r) return r;
  }
  // Bilingual labels and slogans: "Green Party / Plaid Werdd", "Reform UK - Stop the cuts", "Freedom Alliance. No lockdowns."
  const parts = label
    .split(/\s*[\u2013\u2014-]\s+|\/|:\s|\.\s/)
    .map(normalisePartyLabel)
    .filter(Boolean);
  if (parts.length > 1) {
    // "Independent - Old Windsor Residents' Association": a named party in any part beats "Independent".
    // A part Caucus does not know may be the real party, so "Independent" alone does not settle it.
    const found = parts.map(lookupVariants);
    const party = found.find((r) => r?.kind === 'party');
    if (party) return party;
    return found.every((r) => r !== null) ? found[0]! : null;
  }
  return null;
}

/**
 * A Democracy Club or EC party id to a party: `party:53` and `PP53` give PP53, `PPm6765` stays a minor party,
 * `joint-party:53-119` gives PP53 (joint with PP119), any `ynmp-party:` id is no registered party. Returns
 * undefined for an empty or unrecognised id.
 */
export function parsePartyId(raw: string, name?: string | null): PartyRef | undefined {
  // Files repeat a handful of ids on every row: answer each (id, name) pair once, without building a key.
  let byName = PARSED.get(raw);
  if (!byName) {
    byName = new Map();
    if (PARSED.size < 10_000) PARSED.set(raw, byName);
  }
  const n = name ?? '';
  if (byName.has(n)) return byName.get(n);
  const ref = parsePartyIdUncached(raw, name);
  if (byName.size < 1_000) byName.set(n, ref);
  return ref;
}

const PARSED = new Map<string, Map<string, PartyRef | undefined>>();

function parsePartyIdUncached(raw: string, name?: string | null): PartyRef | undefined {
  const id = raw.trim();
  let m = /^party:(\d+)$/i.exec(id);
  if (m) return partyRef(`PP${m[1]}`, name, null);
  m = /^pp(m?)(\d+)$/i.exec(id);
  if (m) return partyRef(`PP${m[1]!.toLowerCase()}${m[2]}`, name, null);
  m = /^joint-party:(\d+)-(\d+)$/i.exec(id);
  if (m) return partyRef(`PP${m[1]}`, name, [`PP${m[1]}`, `PP${m[2]}`]);
  if (/^ynmp-party:\d+$/i.test(id)) return { kind: 'independent' };
  return undefined;
}

function partyRef(ecId: string, name: string | null | undefined, joint: readonly string[] | null): PartyRef {
  // The table's registered name wins over the file's label so every import names a party the same way.
  return { kind: 'party', ecId, name: partyNameFor(ecId) ?? (name?.trim() || ecId), joint };
}

/** An EC id inside a URI (LGA files link parties to the register): ".../Registrations/PP53" gives PP53. */
export function ecIdFromUri(uri: string): string | null {
  const m = /(?:^|[^A-Za-z0-9])(PPm?\d+)(?:$|[^0-9])/i.exec(uri);
  if (!m) return null;
  const id = m[1]!;
  return `PP${id.slice(2, 3).toLowerCase() === 'm' ? 'm' : ''}${id.replace(/^ppm?/i, '')}`;
}
