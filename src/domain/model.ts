/**
 * The registry model, aligned with Popolo (persons, organizations, memberships, posts, areas, events)
 * and extended with the things Caucus adds: elections and ballots keyed by Democracy Club ids, candidacies,
 * selections, membership counts and sources. Every record is plain data; dates are ISO calendar days.
 * docs/model.md explains each record and its rules.
 */
import type { IsoDate } from './dates.js';

export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];

/** mySociety local-authority types for principal councils. */
export const COUNCIL_TYPES = ['CTY', 'NMD', 'MD', 'LBO', 'UA', 'WPA', 'SCO', 'NID'] as const;
export type CouncilType = (typeof COUNCIL_TYPES)[number];

export const AREA_TYPES = ['council-area', 'ward', 'division', 'electoral-area', 'other'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

export interface Area {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  type: AreaType;
  name: string;
  /** ONS GSS code: E06/E07/E08/E09/E10, W06, S12, N09 councils; E05/E58/W05/S13/N08 wards. */
  gss: string | null;
  parentId: string | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export const ORGANIZATION_CLASSES = [
  'council',
  'party',
  'faction',
  'party-group',
  'local-party',
  'other',
] as const;
export type OrganizationClass = (typeof ORGANIZATION_CLASSES)[number];

/** How a council elects: all-out every N years, by halves, or by thirds (with a fallow year). */
export const ELECTION_SCHEMES = ['all-out', 'halves', 'thirds'] as const;
export type ElectionScheme = (typeof ELECTION_SCHEMES)[number];

export interface Organization {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  classification: OrganizationClass;
  name: string;
  shortName: string | null;
  /** faction -> party; party group -> party; local party -> party. */
  parentId: string | null;
  /** party group -> the council it sits on. */
  councilId: string | null;
  /** council -> its council area; local party -> the area it covers. */
  areaId: string | null;
  /** Three-letter local-authority code (councils). */
  laCode: string | null;
  gss: string | null;
  /** Electoral Commission id such as PP53 (parties). */
  ecId: string | null;
  councilType: CouncilType | null;
  nation: Nation | null;
  region: string | null;
  electionScheme: ElectionScheme | null;
  /** For local parties: constituency party, branch, association. */
  subtype: string | null;
  colour: string | null;
  foundingDate: IsoDate | null;
  dissolutionDate: IsoDate | null;
}

export interface Person {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  honorificPrefix: string | null;
}

/** A seat, or the seats, of one ward on one council. */
export interface Post {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  councilId: string;
  areaId: string;
  label: string;
  seats: number;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export const ROLES = [
  'member',
  'aligned',
  'group-member',
  'councillor',
  'leader',
  'deputy-leader',
  'whip',
  'cabinet-member',
  'chair',
  'mayor',
  'lord-mayor',
] as const;
export type Role = (typeof ROLES)[number];

export const REASONS = [
  'elected',
  'by-election',
  'co-opted',
  'appointed',
  'joined',
  'defected',
  'deselected',
  'stood-down',
  'lost-seat',
  'resigned',
  'died',
  'whip-suspended',
  'whip-restored',
  'term-ended',
] as const;
export type Reason = (typeof REASONS)[number];

/** A person's dated tie to an organization: party membership, faction alignment, an office. */
export interface Membership {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  personId: string;
  organizationId: string;
  postId: string | null;
  role: Role;
  /** Portfolio or other qualifier, e.g. "Cabinet Member for Housing". */
  label: string | null;
  /** For councillors: the party they were elected for. */
  onBehalfOfId: string | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  startReason: Reason | null;
  endReason: Reason | null;
}

export interface Election {
  /** Democracy Club id, e.g. local.birmingham.2018-05-03. */
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  councilId: string;
  date: IsoDate;
  /** Ordinary (scheduled) poll, as against a day of by-elections only. */
  ordinary: boolean;
}

export interface Ballot {
  /** Democracy Club ballot id, e.g. local.birmingham.hodge-hill.2018-05-03 (by-elections carry `.by.`). */
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  electionId: string;
  postId: string;
  date: IsoDate;
  seatsContested: number;
  byElection: boolean;
  cancelled: boolean;
}

export interface Candidacy {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  ballotId: string;
  personId: string;
  /** Null for an independent without a registered party. */
  partyId: string | null;
  votes: number | null;
  elected: boolean;
}

/** A party's choice of its candidates for a ward before a poll. */
export interface Selection {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  partyId: string;
  localPartyId: string | null;
  councilId: string;
  postId: string;
  /** The poll the selection is for. */
  pollDate: IsoDate;
  /** The date the selection meeting or ballot decided. */
  date: IsoDate;
  method: 'open' | 'trigger' | 'automatic' | null;
}

export interface SelectionCandidate {
  selectionId: string;
  personId: string;
  /** Held the seat (or one of the ward's seats) for the party when the selection was made. */
  sitting: boolean;
  soughtReselection: boolean;
  chosen: boolean;
  votes: number | null;
}

export const EVENT_TYPES = [
  'defection',
  'resignation',
  'leadership-election',
  'motion',
  'whip-suspension',
  'whip-restored',
  'deselection',
  'by-election',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const MOTION_TYPES = [
  'pension-divestment',
  'budget-refusal',
  'council-tax-referendum',
  'other',
] as const;
export type MotionType = (typeof MOTION_TYPES)[number];

/**
 * Something that happened on a day. `details` holds the type's own facts, e.g. for a defection
 * { fromPartyId, toPartyId }, for a leadership election { rounds: [{ votes: { personId: n } }], winnerId },
 * for a motion { motionType, result, votesFor, votesAgainst }.
 */
export interface CaucusEvent {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  type: EventType;
  date: IsoDate;
  title: string;
  councilId: string | null;
  organizationId: string | null;
  personId: string | null;
  details: Record<string, unknown>;
}

/** Aggregate membership of a local party on a date. Never individual members. */
export interface MembershipCount {
  id: string;
  /** The primary source of this fact; more sources, with quotes, are citations. */
  sourceId: string;
  localPartyId: string;
  date: IsoDate;
  count: number;
}

export interface Source {
  id: string;
  kind: 'url' | 'document' | 'dataset' | 'generated';
  url: string | null;
  title: string | null;
  publisher: string | null;
  publishedOn: IsoDate | null;
}

export const FACT_TYPES = [
  'area',
  'organization',
  'person',
  'post',
  'membership',
  'election',
  'ballot',
  'candidacy',
  'selection',
  'event',
  'membership-count',
] as const;
export type FactType = (typeof FACT_TYPES)[number];

/** Ties one fact to one source, with the quote that supports it where there is one. */
export interface Citation {
  factType: FactType;
  factId: string;
  sourceId: string;
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
}

/** External identifiers (Democracy Club person ids, Popolo ids from another registry, ...). */
export interface Identifier {
  ownerType: FactType;
  ownerId: string;
  scheme: string;
  identifier: string;
}

/** Whose other name an alias is: the record types names are linked to. */
export type AliasOwnerType = 'person' | 'organization' | 'area';

/** Another name a record is known by: learnt from an accepted claim, or read from Popolo `other_names`. */
export interface Alias {
  ownerType: AliasOwnerType;
  ownerId: string;
  alias: string;
  /** Where the name was seen (the article of the accepted claim), if known. */
  sourceId: string | null;
}

/** Everything in the registry, as plain arrays: the unit of bulk load and of Popolo export. */
export interface RegistrySnapshot {
  sources: Source[];
  areas: Area[];
  organizations: Organization[];
  persons: Person[];
  posts: Post[];
  memberships: Membership[];
  elections: Election[];
  ballots: Ballot[];
  candidacies: Candidacy[];
  selections: Selection[];
  selectionCandidates: SelectionCandidate[];
  events: CaucusEvent[];
  membershipCounts: MembershipCount[];
  citations: Citation[];
  identifiers: Identifier[];
}

/**
 * A snapshot with its records' aliases (the review queue's `registry_aliases`), as a Popolo document
 * holds them. Bulk load and `registry.read()` leave aliases out; without the key there are none.
 */
export type SnapshotWithAliases = RegistrySnapshot & { aliases?: Alias[] };

export function emptySnapshot(): RegistrySnapshot {
  return {
    sources: [],
    areas: [],
    organizations: [],
    persons: [],
    posts: [],
    memberships: [],
    elections: [],
    ballots: [],
    candidacies: [],
    selections: [],
    selectionCandidates: [],
    events: [],
    membershipCounts: [],
    citations: [],
    identifiers: [],
  };
}

/**
 * An organization with every optional field null unless given:
 * organization({ id: 'party:labour', sourceId: 's', classification: 'party', name: 'Labour Party', ecId: 'PP53' }).
 */
export function organization(
  o: Partial<Organization> & Pick<Organization, 'id' | 'sourceId' | 'classification' | 'name'>,
): Organization {
  return {
    shortName: null,
    parentId: null,
    councilId: null,
    areaId: null,
    laCode: null,
    gss: null,
    ecId: null,
    councilType: null,
    nation: null,
    region: null,
    electionScheme: null,
    subtype: null,
    colour: null,
    foundingDate: null,
    dissolutionDate: null,
    ...o,
  };
}
