/**
 * The database's tables as Kysely sees them. Column names are snake_case in SQL and camelCase here
 * (Kysely's CamelCasePlugin maps them). Rows are the domain records with booleans stored as 0/1 and
 * JSON as text, so both SQLite and PostgreSQL hold them the same way.
 */
import type { Generated, Selectable } from 'kysely';
import type {
  Area,
  Ballot,
  Candidacy,
  CaucusEvent,
  Citation,
  Election,
  Identifier,
  Membership,
  MembershipCount,
  Organization,
  Person,
  Post,
  RegistrySnapshot,
  Selection,
  SelectionCandidate,
  Source,
} from '../domain/model.js';

type Stored<T> = {
  [K in keyof T]: T[K] extends boolean ? number : T[K] extends Record<string, unknown> ? string : T[K];
};
type Versioned<T> = Stored<T> & { version: Generated<number> };

export interface Database {
  caucusMeta: { key: string; value: string };
  sources: Versioned<Source>;
  areas: Versioned<Area>;
  organizations: Versioned<Organization>;
  persons: Versioned<Person>;
  posts: Versioned<Post>;
  memberships: Versioned<Membership>;
  elections: Versioned<Election>;
  ballots: Versioned<Ballot>;
  candidacies: Versioned<Candidacy>;
  selections: Versioned<Selection>;
  selectionCandidates: Stored<SelectionCandidate>;
  events: Versioned<CaucusEvent>;
  membershipCounts: Versioned<MembershipCount>;
  citations: Stored<Citation> & { id: Generated<number> };
  identifiers: Stored<Identifier>;
  apiTokens: ApiTokenTable;
  auditLog: AuditLogTable;
  reviewArticles: ReviewArticleTable;
  reviewClaims: ReviewClaimTable;
  registryAliases: RegistryAliasTable;
  personMergeLog: PersonMergeLogTable;
  personMatchReviews: PersonMatchReviewTable;
  syncCursors: SyncCursorTable;
  inferredSchemes: InferredSchemeTable;
  forecasts: ForecastTable;
}

/** One merge or split of person records (migration 0004); `details` is JSON of what moved. */
export interface PersonMergeLogTable {
  id: Generated<number>;
  at: string;
  action: 'merge' | 'split';
  personId: string;
  otherId: string;
  actor: string;
  reason: string | null;
  details: string;
}

/** A possible same-person pair found on import, waiting for a person to merge or dismiss it. */
export interface PersonMatchReviewTable {
  personA: string;
  personB: string;
  score: number;
  reason: string;
  councilId: string | null;
  sourceId: string | null;
  status: 'open' | 'merged' | 'dismissed';
  createdAt: string;
  decidedAt: string | null;
}

/** Where `caucus sync` got to: the cursor of its last committed run. */
export interface SyncCursorTable {
  name: string;
  cursor: string;
  updatedAt: string;
  details: string;
}

/** A council's election scheme filled in by cycle inference, with the evidence (JSON). */
export interface InferredSchemeTable {
  councilId: string;
  scheme: string;
  polls: number;
  inferredAt: string;
  evidence: string;
}

/** An API token, kept only as an scrypt hash; `kdf` records the parameters it was hashed with. */
export interface ApiTokenTable {
  id: string;
  name: string;
  role: string;
  kdf: string;
  salt: string;
  hash: string;
  createdAt: string;
  revokedAt: string | null;
  /** When the token last authenticated a request, to the minute (null: never). */
  lastUsedAt: string | null;
}

/** One write through the API: who, when, and the record before and after (JSON text). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  recordType: string;
  recordId: string;
  before: string | null;
  after: string | null;
}

/** An article saved for review (migration 0003); `text` is the plain text claim offsets index. */
export interface ReviewArticleTable {
  id: Generated<number>;
  sha256: string;
  text: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  publishedOn: string | null;
  fileName: string | null;
  councilId: string | null;
  savedAt: string;
  sourceId: string | null;
}

/** A claim proposed from an article, with its links (JSON) and, once decided, who decided and what it made. */
export interface ReviewClaimTable {
  id: Generated<number>;
  articleId: number;
  position: number;
  type: string;
  subject: string;
  arguments: string;
  edits: string | null;
  confidence: number;
  evidenceStart: number;
  evidenceEnd: number;
  evidenceText: string;
  links: string;
  status: string;
  reason: string | null;
  reviewer: string | null;
  decidedAt: string | null;
  facts: string | null;
}

/** Another name a registry record is known by, learnt from an accepted claim. */
export interface RegistryAliasTable {
  ownerType: string;
  ownerId: string;
  alias: string;
  aliasKey: string;
  sourceId: string | null;
}

/** A saved forecast: its options and inputs (JSON; the registry facts gzip-compressed, base64) and its result (JSON). */
export interface ForecastTable {
  id: string;
  createdAt: string;
  asOf: string;
  scope: string;
  seed: number;
  runs: number;
  polls: number;
  scenarioName: string | null;
  input: string;
  facts: string;
  result: string;
}

export type TableName = Exclude<
  keyof Database,
  | 'caucusMeta'
  | 'apiTokens'
  | 'auditLog'
  | 'reviewArticles'
  | 'reviewClaims'
  | 'registryAliases'
  | 'personMergeLog'
  | 'personMatchReviews'
  | 'syncCursors'
  | 'inferredSchemes'
  | 'forecasts'
>;
export type Row<T extends keyof Database> = Selectable<Database[T]>;

/** Snapshot arrays in load order (parents before children, though foreign keys are deferred anyway). */
export const SNAPSHOT_TABLES = [
  'sources',
  'areas',
  'organizations',
  'persons',
  'posts',
  'memberships',
  'elections',
  'ballots',
  'candidacies',
  'selections',
  'selectionCandidates',
  'events',
  'membershipCounts',
  'citations',
  'identifiers',
] as const satisfies ReadonlyArray<keyof RegistrySnapshot & TableName>;

/** Boolean fields per table, stored as 0/1. */
export const BOOLEAN_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  elections: ['ordinary'],
  ballots: ['byElection', 'cancelled'],
  candidacies: ['elected'],
  selectionCandidates: ['sitting', 'soughtReselection', 'chosen'],
};

/** JSON fields per table, stored as text. */
export const JSON_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  events: ['details'],
};
