/**
 * Shared types of the claim-extraction pipeline. Offsets are UTF-16 indexes into the plain text that
 * stage 1 produces, so `text === plain.slice(start, end)` always holds.
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

export const ENTITY_TYPES = [
  'person',
  'council',
  'ward',
  'party',
  'faction',
  'local_party',
  'organization',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const CLAIM_TYPES = [
  'office',
  'affiliation',
  'selection',
  'deselection',
  'defection',
  'resignation',
  'leadership_election',
  'dependence',
  'membership_change',
  'motion',
] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const OFFICES = [
  'councillor',
  'leader',
  'deputy_leader',
  'mayor',
  'lord_mayor',
  'cabinet_member',
  'chair',
  'mp',
  'group_leader',
  'whip',
  'other',
] as const;
export type Office = (typeof OFFICES)[number];

export const MOTION_TOPICS = [
  'pension_divestment',
  'budget_refusal',
  'council_tax_referendum',
  'other',
] as const;
export type MotionTopic = (typeof MOTION_TOPICS)[number];

export interface OutputEntity {
  type: EntityType;
  name: string;
  mentions: Span[];
}

/** One claim as printed: `subject` and the named arguments hold entity names from `entities`. */
export interface OutputClaim {
  type: ClaimType;
  subject: string;
  office?: Office;
  organization?: string;
  council?: string;
  ward?: string;
  former?: boolean;
  faction?: string;
  party?: string;
  actor?: string;
  from?: string;
  to?: string;
  supported_by?: string[];
  on?: string[];
  direction?: 'increase' | 'decrease';
  count?: number;
  topic?: MotionTopic;
  /** Portfolio or role wording, e.g. "housing" for a cabinet member. */
  label?: string;
  confidence: number;
  evidence: Span;
}

export interface ExtractionResult {
  entities: OutputEntity[];
  claims: OutputClaim[];
}

/** A sentence of the plain text; `paragraph` counts blank-line separated blocks from 0. */
export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
  /** The text before a dash that opens a bullet line ("• Clissold – ..."), if any. */
  bulletHead: { start: number; end: number } | null;
}

export interface Token {
  start: number;
  end: number;
  text: string;
  pos: string;
}

/** A mention found by stage 2, before coreference gives it an entity. */
export interface Mention {
  start: number;
  end: number;
  type: EntityType;
  /** The key that groups mentions of one entity (normalised name, surname for people, place for councils). */
  key: string;
  /** The name to print for this mention's entity when it is the best name seen. */
  name: string;
  /** How explicit the name is; the entity takes the name of its highest-ranked mention. */
  rank: number;
  /** Honorific or office word written before a person's name ("Cllr"), kept as evidence of office. */
  title?: string;
  /** For a party mention: the party it names. For a ward: the council key at that point. */
  extra?: string;
  /** Pronoun, surname-only or other reference resolved by coreference rather than a name. */
  reference?: boolean;
}
