/**
 * The shape of a Popolo JSON document as Caucus writes it. Standard Popolo fields carry what Popolo can
 * say; everything else is in properties prefixed `caucus:` (Popolo objects may carry extra properties),
 * and Caucus records Popolo has no object for sit in top-level `caucus:` arrays. docs/popolo.md is the
 * field-by-field mapping.
 */
import type { IsoDate } from '../../domain/dates.js';

/** The version of the Caucus extension this module writes and reads. */
export const CAUCUS_POPOLO_VERSION = 1;

/** Popolo link object (`sources`, `links`). */
export interface PopoloLink {
  url: string;
  note: string | null;
}

/** Popolo identifier object. */
export interface PopoloIdentifier {
  scheme: string;
  identifier: string;
}

/** Present on every Popolo object Caucus writes. */
interface Sourced {
  id: string;
  identifiers: PopoloIdentifier[];
  /** Links to the fact's primary source and cited sources that have a URL. */
  sources: PopoloLink[];
  /** Id of the fact's primary source in `caucus:sources`. */
  'caucus:source_id': string;
}

export interface PopoloPerson extends Sourced {
  name: string;
  given_name: string | null;
  family_name: string | null;
  honorific_prefix: string | null;
  /** The person's aliases. */
  other_names: PopoloOtherName[];
}

/** An organization's short name (`note` "short name"), or an alias (`note` "alias", with its source). */
export interface PopoloOtherName {
  name: string;
  note: string;
  /** For an alias: the id in `caucus:sources` of where the name was seen, or null. */
  'caucus:source_id'?: string | null;
}

export interface PopoloOrganization extends Sourced {
  name: string;
  /** Caucus organization class: council, party, faction, party-group, local-party, other. */
  classification: string;
  other_names: PopoloOtherName[];
  parent_id: string | null;
  area_id: string | null;
  founding_date: IsoDate | null;
  dissolution_date: IsoDate | null;
  'caucus:council_id': string | null;
  'caucus:council_type': string | null;
  'caucus:nation': string | null;
  'caucus:region': string | null;
  'caucus:election_scheme': string | null;
  'caucus:subtype': string | null;
  'caucus:colour': string | null;
}

export interface PopoloArea extends Sourced {
  name: string;
  /** Caucus area type: council-area, ward, division, electoral-area, other. */
  classification: string;
  /** The GSS code, Popolo's single "issued identifier". */
  identifier: string | null;
  parent_id: string | null;
  'caucus:valid_from': IsoDate | null;
  'caucus:valid_to': IsoDate | null;
  /** The area's aliases (the Popolo area has no `other_names`, so this is an extension). */
  'caucus:other_names': PopoloOtherName[];
}

export interface PopoloPost extends Sourced {
  label: string;
  role: string;
  organization_id: string;
  area_id: string;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  'caucus:seats': number;
}

export interface PopoloMembership extends Sourced {
  person_id: string;
  organization_id: string;
  post_id: string | null;
  role: string;
  label: string | null;
  on_behalf_of_id: string | null;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  'caucus:start_reason': string | null;
  'caucus:end_reason': string | null;
}

export interface PopoloEvent extends Sourced {
  name: string;
  /** Caucus event type: defection, resignation, leadership-election, motion, ... */
  classification: string;
  start_date: IsoDate;
  organization_id: string | null;
  'caucus:council_id': string | null;
  'caucus:person_id': string | null;
  'caucus:details': Record<string, unknown>;
}

/** Records with no Popolo counterpart, written with snake_case keys. */
interface ExtensionRecord {
  source_id: string;
  identifiers: PopoloIdentifier[];
}

export interface CaucusElectionRecord extends ExtensionRecord {
  id: string;
  council_id: string;
  date: IsoDate;
  ordinary: boolean;
}

export interface CaucusBallotRecord extends ExtensionRecord {
  id: string;
  election_id: string;
  post_id: string;
  date: IsoDate;
  seats_contested: number;
  by_election: boolean;
  cancelled: boolean;
}

export interface CaucusCandidacyRecord extends ExtensionRecord {
  id: string;
  ballot_id: string;
  person_id: string;
  party_id: string | null;
  votes: number | null;
  elected: boolean;
}

export interface CaucusSelectionRecord extends ExtensionRecord {
  id: string;
  party_id: string;
  local_party_id: string | null;
  council_id: string;
  post_id: string;
  poll_date: IsoDate;
  date: IsoDate;
  method: string | null;
}

export interface CaucusSelectionCandidateRecord {
  selection_id: string;
  person_id: string;
  sitting: boolean;
  sought_reselection: boolean;
  chosen: boolean;
  votes: number | null;
}

export interface CaucusMembershipCountRecord extends ExtensionRecord {
  id: string;
  local_party_id: string;
  date: IsoDate;
  count: number;
}

export interface CaucusSourceRecord {
  id: string;
  kind: string;
  url: string | null;
  title: string | null;
  publisher: string | null;
  published_on: IsoDate | null;
}

export interface CaucusCitationRecord {
  fact_type: string;
  fact_id: string;
  source_id: string;
  quote: string | null;
  quote_start: number | null;
  quote_end: number | null;
}

export interface PopoloDocument {
  'caucus:version': number;
  persons: PopoloPerson[];
  organizations: PopoloOrganization[];
  memberships: PopoloMembership[];
  posts: PopoloPost[];
  areas: PopoloArea[];
  events: PopoloEvent[];
  'caucus:sources': CaucusSourceRecord[];
  'caucus:citations': CaucusCitationRecord[];
  'caucus:elections': CaucusElectionRecord[];
  'caucus:ballots': CaucusBallotRecord[];
  'caucus:candidacies': CaucusCandidacyRecord[];
  'caucus:selections': CaucusSelectionRecord[];
  'caucus:selection_candidates': CaucusSelectionCandidateRecord[];
  'caucus:membership_counts': CaucusMembershipCountRecord[];
}
