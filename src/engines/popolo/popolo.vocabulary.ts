/**
 * The words Caucus and Popolo use for the same things: classifications, roles, and the identifier
 * schemes that stand for model fields. Shared by export and import so that the two always agree.
 */
import {
  AREA_TYPES,
  type AreaType,
  type CouncilType,
  EVENT_TYPES,
  type EventType,
  type Nation,
  ORGANIZATION_CLASSES,
  type OrganizationClass,
  ROLES,
  type Role,
} from '../../domain/model.js';

/** Identifier schemes that carry a model field rather than an Identifier record. */
export const AREA_FIELD_SCHEMES = { gss: 'gss' } as const;
export const ORGANIZATION_FIELD_SCHEMES = {
  gss: 'gss',
  laCode: 'local-authority-code',
  ecId: 'electoral-commission',
} as const;

/** The `note` that marks an organization's short name among its Popolo `other_names`. */
export const SHORT_NAME_NOTE = 'short name';

/** The `note` of an alias (a name learnt from an accepted claim) among Popolo `other_names`. */
export const ALIAS_NOTE = 'alias';

/** "Deputy Mayor" -> "deputy-mayor": how a free-text Popolo word is compared with Caucus words. */
export function slugWord(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

const ORGANIZATION_SYNONYMS: Record<string, OrganizationClass> = {
  legislature: 'council',
  'local-council': 'council',
  'local-authority': 'council',
  'political-party': 'party',
  group: 'party-group',
  'council-group': 'party-group',
  'political-group': 'party-group',
  'constituency-party': 'local-party',
  branch: 'local-party',
  association: 'local-party',
};

/**
 * A Popolo organization classification as a Caucus class, or null when nothing matches (the caller
 * then uses 'other'): organizationClassOf('legislature') === 'council'.
 */
export function organizationClassOf(classification: string): OrganizationClass | null {
  const word = slugWord(classification);
  if ((ORGANIZATION_CLASSES as readonly string[]).includes(word)) return word as OrganizationClass;
  return ORGANIZATION_SYNONYMS[word] ?? null;
}

const AREA_SYNONYMS: Record<string, AreaType> = {
  'electoral-division': 'division',
  'county-division': 'division',
  'electoral-ward': 'ward',
  'local-authority': 'council-area',
  council: 'council-area',
};

/** A Popolo area classification as a Caucus area type, or null when nothing matches. */
export function areaTypeOf(classification: string): AreaType | null {
  const word = slugWord(classification);
  if ((AREA_TYPES as readonly string[]).includes(word)) return word as AreaType;
  return AREA_SYNONYMS[word] ?? null;
}

/** A Popolo event classification as a Caucus event type, or null when nothing matches. */
export function eventTypeOf(classification: string): EventType | null {
  const word = slugWord(classification);
  return (EVENT_TYPES as readonly string[]).includes(word) ? (word as EventType) : null;
}

const ROLE_SYNONYMS: Record<string, Role> = {
  councilor: 'councillor',
  alderman: 'councillor',
  'council-member': 'councillor',
  'group-leader': 'leader',
  'deputy-group-leader': 'deputy-leader',
  'chief-whip': 'whip',
  cabinet: 'cabinet-member',
  'portfolio-holder': 'cabinet-member',
  chairman: 'chair',
  chairperson: 'chair',
  'party-member': 'member',
};

/**
 * A Popolo role as a Caucus role. A role Caucus does not know becomes 'member', and the original words
 * are kept as the label when the membership has none: roleOf('Deputy Mayor', null) gives
 * { role: 'member', label: 'Deputy Mayor' }; roleOf('Chief Whip', null) gives { role: 'whip', label: 'Chief Whip' }.
 */
export function roleOf(
  popoloRole: string | null,
  label: string | null,
): { role: Role; label: string | null } {
  if (popoloRole === null || popoloRole.trim() === '') return { role: 'member', label };
  const word = slugWord(popoloRole);
  if ((ROLES as readonly string[]).includes(word)) return { role: word as Role, label };
  return { role: ROLE_SYNONYMS[word] ?? 'member', label: label ?? popoloRole.trim() };
}

const COUNCIL_TYPE_BY_GSS_PREFIX: Record<string, CouncilType> = {
  E06: 'UA',
  E07: 'NMD',
  E08: 'MD',
  E09: 'LBO',
  E10: 'CTY',
  W06: 'WPA',
  S12: 'SCO',
  N09: 'NID',
};

const NATION_BY_GSS_LETTER: Record<string, Nation> = {
  E: 'england',
  W: 'wales',
  S: 'scotland',
  N: 'northern-ireland',
};

/** True for a well-formed ONS GSS code: a nation letter and eight digits, e.g. E08000025. */
export function isGssCode(s: string): boolean {
  return /^[EWSN]\d{8}$/.test(s);
}

/** What a council's GSS code says about it: councilFromGss('E08000025') gives MD in England; unknown codes give nulls. */
export function councilFromGss(gss: string | null): {
  councilType: CouncilType | null;
  nation: Nation | null;
} {
  if (gss === null || !isGssCode(gss)) return { councilType: null, nation: null };
  const councilType = COUNCIL_TYPE_BY_GSS_PREFIX[gss.slice(0, 3)] ?? null;
  return { councilType, nation: councilType ? (NATION_BY_GSS_LETTER[gss[0]!] ?? null) : null };
}
