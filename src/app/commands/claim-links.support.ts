/**
 * Linking the names a claim gives (subject, party, council, supporters...) to registry records: candidates
 * come from the linking repository, the linker engine decides link / review / new, and the decision is
 * stored with the claim so a reviewer sees it and can override it with --link.
 */
import type { OrganizationClass } from '../../domain/model.js';
import {
  type EntityType,
  type LinkDecision,
  linkName,
  normalisePersonName,
  type OutputClaim,
  type OutputEntity,
  type RegistryCandidate,
} from '../../engines/extraction/index.js';
import { PARTIES } from '../../engines/extraction/lexicon.data.js';
import type { OrganizationCandidateRow } from '../../store/repositories/linking.repo.js';
import type { Repositories } from '../../store/store.js';

export type LinkTarget = 'person' | 'organization' | 'area';

/**
 * One named argument's link. `link` was decided by the linker, `manual` by a reviewer (--link), `create`
 * asks the accept to make a new record, `none` drops the argument, `review` and `new` await a decision.
 */
export interface ArgumentLink {
  argument: string;
  name: string;
  entityType: EntityType;
  target: LinkTarget;
  status: 'link' | 'review' | 'new' | 'manual' | 'create' | 'none';
  id: string | null;
  score: number | null;
  proposals: Array<{ id: string; name: string; score: number }>;
  /** People only: the article shows them holding or seeking public office (a title, an office claim). */
  publicOffice?: boolean;
}

/** Claim arguments that hold one entity name. */
export const NAME_ARGUMENTS = [
  'subject',
  'actor',
  'party',
  'faction',
  'council',
  'ward',
  'organization',
  'from',
  'to',
] as const;
/** Claim arguments that hold a list of entity names. */
export const LIST_ARGUMENTS = ['supported_by', 'on'] as const;

/** Entity types an argument may name, most likely first (the first is assumed when the article gives none). */
export function expectedTypes(claimType: string, argument: string): EntityType[] {
  switch (argument) {
    case 'party':
    case 'from':
    case 'to':
      return ['party'];
    case 'faction':
      return ['faction', 'organization'];
    case 'council':
      return ['council'];
    case 'ward':
      return ['ward'];
    case 'organization':
      return ['council', 'local_party', 'organization', 'party', 'faction'];
    case 'actor':
      return ['person', 'faction', 'organization', 'local_party'];
    case 'supported_by':
    case 'on':
      return ['person', 'faction', 'organization', 'party'];
    default:
      if (claimType === 'membership_change') return ['local_party', 'organization', 'party', 'council'];
      if (claimType === 'motion') return ['council', 'organization', 'local_party', 'party'];
      if (claimType === 'affiliation') return ['person', 'local_party', 'organization', 'council'];
      return ['person'];
  }
}

export function targetOf(type: EntityType): LinkTarget {
  return type === 'person' ? 'person' : type === 'ward' ? 'area' : 'organization';
}

/** Registry classifications an entity type may be. */
export function classesOf(type: EntityType): OrganizationClass[] {
  switch (type) {
    case 'council':
      return ['council'];
    case 'party':
      return ['party'];
    case 'faction':
      return ['faction'];
    case 'local_party':
      return ['local-party'];
    default:
      return ['party-group', 'faction', 'local-party', 'other'];
  }
}

/** The (argument, name) pairs of a claim: `supported_by.0`, `supported_by.1` for lists. */
export function namedArguments(claim: Record<string, unknown>): Array<{ argument: string; name: string }> {
  const out: Array<{ argument: string; name: string }> = [];
  for (const a of NAME_ARGUMENTS) {
    const v = claim[a];
    if (typeof v === 'string' && v) out.push({ argument: a, name: v });
  }
  for (const a of LIST_ARGUMENTS) {
    const v = claim[a];
    if (!Array.isArray(v)) continue;
    for (const [i, n] of v.entries()) if (typeof n === 'string') out.push({ argument: `${a}.${i}`, name: n });
  }
  return out;
}

/** The argument's base name: `supported_by.1` -> `supported_by`. */
export const baseArgument = (argument: string) => argument.replace(/\.\d+$/, '');

/** Lower-case, accents folded, punctuation dropped: the key aliases are stored and compared under. */
export function nameKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const COUNCIL_WORDS =
  /\b(?:the|london borough of|royal borough of|borough of|city of|county of|council of|metropolitan borough|metropolitan district|city and county|county borough|city|county|borough|district|metropolitan|unitary|council)\b/g;

/** The place at the core of a council's name: councilCore('Leeds City Council') -> 'leeds'. */
export function councilCore(name: string): string {
  return nameKey(name).replace(COUNCIL_WORDS, ' ').replace(/\s+/g, ' ').trim();
}

/** Surface forms of a national party known to the extraction lexicon, for a registry party's names. */
function partyForms(names: string[]): string[] {
  const keys = new Set(names.map(nameKey));
  const entry = PARTIES.find((p) => keys.has(nameKey(p.name)) || p.forms.some((f) => keys.has(nameKey(f))));
  return entry ? [entry.name, ...entry.forms] : [];
}

const WARD_SUFFIX = /\s+(?:ward|division)$/;

const PUBLIC_OFFICES = new Set([
  'councillor',
  'leader',
  'deputy_leader',
  'mayor',
  'lord_mayor',
  'cabinet_member',
  'mp',
  'group_leader',
  'whip',
]);

/** People the article shows holding or seeking public office: a title before a mention, or an office claim. */
export function publicOfficeHolders(
  text: string,
  entities: OutputEntity[],
  claims: OutputClaim[],
): Set<string> {
  const out = new Set<string>();
  for (const c of claims) {
    // A party officer or a faction's organiser ("chair", "other") is not, by that alone, a public office.
    const office = c.type === 'office' && c.office !== undefined && PUBLIC_OFFICES.has(c.office);
    if (office || ['selection', 'deselection', 'leadership_election'].includes(c.type)) out.add(c.subject);
  }
  const before =
    /(?:\b(?:Cllrs?|Councillors?|Coun|Mayor|Provost|Leader|leader|MP|MSP|MS|AM|Alderman|Lord Mayor|[Cc]andidate|[Cc]ouncillor)\.?)\s*$/;
  for (const e of entities) {
    if (e.type !== 'person') continue;
    for (const m of e.mentions) {
      if (
        before.test(text.slice(Math.max(0, m.start - 16), m.start)) ||
        /^\s*(?:MP|MSP|MS)\b/.test(text.slice(m.end, m.end + 5))
      ) {
        out.add(e.name);
        break;
      }
    }
  }
  return out;
}

/** Everything linking needs besides the repositories: the article's context and a per-article cache. */
export interface LinkContext {
  /** The one council the article is about, when it links to one. */
  articleCouncilId: string | null;
  publicOffice: Set<string>;
  entityTypes: Map<string, EntityType[]>;
  orgCache: Map<string, OrganizationCandidateRow[]>;
  decisionCache: Map<string, LinkDecision>;
}

export function newLinkContext(entities: OutputEntity[], publicOffice: Set<string>): LinkContext {
  const entityTypes = new Map<string, EntityType[]>();
  for (const e of entities) entityTypes.set(e.name, [...(entityTypes.get(e.name) ?? []), e.type]);
  return { articleCouncilId: null, publicOffice, entityTypes, orgCache: new Map(), decisionCache: new Map() };
}

async function orgCandidates(
  repos: Repositories,
  lc: LinkContext,
  type: EntityType,
): Promise<OrganizationCandidateRow[]> {
  const key = classesOf(type).join(',');
  let rows = lc.orgCache.get(key);
  if (!rows) {
    rows = await repos.linking.organizationCandidates(classesOf(type));
    lc.orgCache.set(key, rows);
  }
  return rows;
}

/** Links one name of one entity type, with `councilId` (when known) narrowing people and wards. */
export async function decide(
  repos: Repositories,
  lc: LinkContext,
  name: string,
  type: EntityType,
  councilId: string | null,
): Promise<LinkDecision> {
  const cacheKey = `${type}|${councilId ?? ''}|${name}`;
  const cached = lc.decisionCache.get(cacheKey);
  if (cached) return cached;
  let decision: LinkDecision;
  if (type === 'person') {
    const n = normalisePersonName(name);
    const initials = [n.family[0], n.given.length > 1 ? n.given[n.given.length - 1]?.[0] : undefined].filter(
      (x): x is string => Boolean(x),
    );
    const rows = await repos.linking.personCandidates(initials);
    decision = linkName({ name, councilId, kind: 'person' }, rows);
  } else if (type === 'ward') {
    const rows = councilId ? await repos.linking.wardCandidates(councilId) : [];
    const strip = (s: string) => nameKey(s).replace(WARD_SUFFIX, '');
    decision = linkName(
      { name: strip(name), kind: 'organization' },
      rows.map((r) => ({ id: r.id, name: r.name, aliases: [strip(r.name), ...r.aliases.map(strip)] })),
    );
  } else if (type === 'council') {
    const rows = await orgCandidates(repos, lc, type);
    const candidates: RegistryCandidate[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      aliases: [
        councilCore(r.name),
        ...(r.areaName ? [councilCore(r.areaName)] : []),
        ...r.aliases.map(councilCore),
      ].filter(Boolean),
    }));
    decision = linkName({ name: councilCore(name) || name, kind: 'organization' }, candidates);
  } else {
    const rows = await orgCandidates(repos, lc, type);
    const candidates: RegistryCandidate[] = rows.map((r) => {
      const names = [r.name, ...(r.shortName ? [r.shortName] : []), ...r.aliases];
      return {
        id: r.id,
        name: r.name,
        aliases: [...names, ...(r.classification === 'party' ? partyForms(names) : [])],
      };
    });
    decision = linkName({ name, kind: 'organization' }, candidates);
  }
  lc.decisionCache.set(cacheKey, decision);
  return decision;
}

/** The entity type of a name in a claim argument: what the article called it, else the likeliest. */
export function entityTypeOf(lc: LinkContext, claimType: string, argument: string, name: string): EntityType {
  const expected = expectedTypes(claimType, baseArgument(argument));
  const seen = lc.entityTypes.get(name) ?? [];
  return expected.find((t) => seen.includes(t)) ?? expected[0]!;
}

/** Links one argument, given the claim's council (if any) for narrowing. */
export async function linkArgument(
  repos: Repositories,
  lc: LinkContext,
  claimType: string,
  argument: string,
  name: string,
  councilId: string | null,
  entityType?: EntityType,
): Promise<ArgumentLink> {
  const type = entityType ?? entityTypeOf(lc, claimType, argument, name);
  const d = await decide(repos, lc, name, type, councilId);
  return {
    argument,
    name,
    entityType: type,
    target: targetOf(type),
    status: d.status,
    id: d.status === 'link' ? d.id : null,
    score: d.status === 'link' ? d.score : (d.proposals[0]?.score ?? null),
    proposals: d.proposals,
    ...(type === 'person' ? { publicOffice: lc.publicOffice.has(name) } : {}),
  };
}

/**
 * Links every named argument of a claim: the council first (it narrows people and wards), falling back to
 * the article's council. `previous` keeps earlier decisions for arguments whose names did not change.
 */
export async function linkClaim(
  repos: Repositories,
  lc: LinkContext,
  claim: Record<string, unknown> & { type: string },
  previous: ArgumentLink[] = [],
): Promise<ArgumentLink[]> {
  const args = namedArguments(claim);
  const kept = new Map(previous.map((l) => [l.argument, l]));
  const out: ArgumentLink[] = [];
  const reuse = (argument: string, name: string) => {
    const p = kept.get(argument);
    return p && p.name === name ? p : undefined;
  };
  let councilId = lc.articleCouncilId;
  const councilArg =
    args.find((a) => a.argument === 'council') ??
    args.find(
      (a) =>
        a.argument === 'organization' && entityTypeOf(lc, claim.type, 'organization', a.name) === 'council',
    );
  if (councilArg) {
    const l =
      reuse(councilArg.argument, councilArg.name) ??
      (await linkArgument(repos, lc, claim.type, councilArg.argument, councilArg.name, null));
    if ((l.status === 'link' || l.status === 'manual') && l.id && l.target === 'organization')
      councilId = l.id;
  }
  for (const a of args) {
    // An edited name keeps the entity type its argument had (a reviewer renames, not retypes).
    const type = kept.get(a.argument)?.entityType;
    out.push(
      reuse(a.argument, a.name) ??
        (await linkArgument(repos, lc, claim.type, a.argument, a.name, councilId, type)),
    );
  }
  return out;
}
