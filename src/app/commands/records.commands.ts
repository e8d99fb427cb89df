/**
 * Editing the registry one record at a time: people, memberships (offices included), events, selections
 * (with their candidates) and sources. Every write is one transaction that checks the version the editor
 * read, writes, bumps the version and appends who/when/before/after to the audit log.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { EVENT_TYPES, REASONS, ROLES } from '../../domain/model.js';
import { closest } from '../../domain/similar.js';
import type { EditableTable, ReferenceTable, Versioned } from '../../store/repositories/records.repo.js';
import type { Repositories } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import type { Actor } from './accounts.commands.js';
import { registryChanged } from './changes.support.js';

/** Ids editors may choose: letters, digits and `: . _ -`, as in `person:12` or `local.x.2024-05-02`. */
export const recordId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,199}$/, 'expected an id of at most 200 letters, digits and : . _ -');

const text = (max: number) => z.string().trim().min(1, 'expected some text').max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const optionalRef = recordId.nullable().optional();
const optionalDate = isoDate.nullable().optional();

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
const httpUrl = z.string().trim().max(2000).refine(isHttpUrl, 'expected an http or https URL');

const personFields = {
  sourceId: recordId,
  name: text(300),
  givenName: optionalText(200),
  familyName: optionalText(200),
  honorificPrefix: optionalText(50),
};

const membershipFields = {
  sourceId: recordId,
  personId: recordId,
  organizationId: recordId,
  postId: optionalRef,
  role: z.enum(ROLES),
  label: optionalText(300),
  onBehalfOfId: optionalRef,
  startDate: optionalDate,
  endDate: optionalDate,
  startReason: z.enum(REASONS).nullable().optional(),
  endReason: z.enum(REASONS).nullable().optional(),
};

const eventFields = {
  sourceId: recordId,
  type: z.enum(EVENT_TYPES),
  date: isoDate,
  title: text(500),
  councilId: optionalRef,
  organizationId: optionalRef,
  personId: optionalRef,
  details: z.record(z.string().max(100), z.unknown()).optional(),
};

const selectionCandidate = z.strictObject({
  personId: recordId,
  sitting: z.boolean(),
  soughtReselection: z.boolean(),
  chosen: z.boolean(),
  votes: z.number().int().min(0).max(10_000_000).nullable().optional(),
});

const selectionFields = {
  sourceId: recordId,
  partyId: recordId,
  localPartyId: optionalRef,
  councilId: recordId,
  postId: recordId,
  pollDate: isoDate,
  date: isoDate,
  method: z.enum(['open', 'trigger', 'automatic']).nullable().optional(),
  candidates: z.array(selectionCandidate).max(500).optional(),
};

const sourceFields = {
  kind: z.enum(['url', 'document', 'dataset', 'generated']),
  url: httpUrl.nullable().optional(),
  title: optionalText(500),
  publisher: optionalText(300),
  publishedOn: optionalDate,
};

const atLeastOne = (o: object) => Object.keys(o).length > 0;
const creating = <T extends z.core.$ZodLooseShape>(fields: T) =>
  z.strictObject({ id: recordId.optional(), ...fields });
const patching = <T extends z.core.$ZodLooseShape>(fields: T) =>
  z.strictObject(fields).partial().refine(atLeastOne, 'expected at least one field to change');

interface KindSpec {
  table: EditableTable;
  /** The word used in messages and generated ids. */
  noun: string;
  create: z.ZodType;
  patch: z.ZodType;
  /** Defaults for optional fields of a new record (the model stores null, never absent). */
  defaults: Record<string, unknown>;
  /** Fields that name another record, and the table it must be in. */
  refs: Record<string, ReferenceTable>;
}

const nulls = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, null]));

export const RECORD_KINDS = {
  person: {
    table: 'persons',
    noun: 'person',
    create: creating(personFields),
    patch: patching(personFields),
    defaults: nulls('givenName', 'familyName', 'honorificPrefix'),
    refs: { sourceId: 'sources' },
  },
  membership: {
    table: 'memberships',
    noun: 'membership',
    create: creating(membershipFields),
    patch: patching(membershipFields),
    defaults: nulls('postId', 'label', 'onBehalfOfId', 'startDate', 'endDate', 'startReason', 'endReason'),
    refs: {
      sourceId: 'sources',
      personId: 'persons',
      organizationId: 'organizations',
      postId: 'posts',
      onBehalfOfId: 'organizations',
    },
  },
  event: {
    table: 'events',
    noun: 'event',
    create: creating(eventFields),
    patch: patching(eventFields),
    defaults: { ...nulls('councilId', 'organizationId', 'personId'), details: {} },
    refs: {
      sourceId: 'sources',
      councilId: 'organizations',
      organizationId: 'organizations',
      personId: 'persons',
    },
  },
  selection: {
    table: 'selections',
    noun: 'selection',
    create: creating(selectionFields),
    patch: patching(selectionFields),
    defaults: { ...nulls('localPartyId', 'method'), candidates: [] },
    refs: {
      sourceId: 'sources',
      partyId: 'organizations',
      localPartyId: 'organizations',
      councilId: 'organizations',
      postId: 'posts',
    },
  },
  source: {
    table: 'sources',
    noun: 'source',
    create: creating(sourceFields),
    patch: patching(sourceFields),
    defaults: nulls('url', 'title', 'publisher', 'publishedOn'),
    refs: {},
  },
} satisfies Record<string, KindSpec>;

export type RecordKind = keyof typeof RECORD_KINDS;
export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as RecordKind[];

type AnyRecord = Record<string, unknown> & { id: string };
export type EditableRecord = Versioned<AnyRecord>;

/** Reads a record with its version (a selection comes with its candidates). */
async function read(repos: Repositories, kind: RecordKind, id: string): Promise<EditableRecord | undefined> {
  const spec: KindSpec = RECORD_KINDS[kind];
  const record = await repos.records.get<AnyRecord>(spec.table, id);
  if (!record) return undefined;
  if (kind === 'selection') {
    const candidates = (await repos.records.selectionCandidates(id)).map(({ selectionId: _, ...c }) => c);
    return { ...record, candidates };
  }
  return record;
}

/** Not found, with suggestions read through `repos` (inside a transaction, the only connection to use). */
async function notFound(repos: Repositories, kind: RecordKind, id: string): Promise<never> {
  const suggestions = kind === 'person' ? closest(id, await repos.query.names('person')) : [];
  throw new NotFoundError(kind, id, suggestions);
}

/** One record with its version: getRecord(ctx, 'person', 'person:1') -> { id, name, …, version: 1 }. */
export async function getRecord(ctx: AppContext, kind: RecordKind, rawId: unknown): Promise<EditableRecord> {
  const id = parseInput(recordId, rawId, { '': 'id' });
  return (await read(ctx.store, kind, id)) ?? notFound(ctx.store, kind, id);
}

/** Rules that span fields, checked on the record as it would be stored. */
function checkRules(kind: RecordKind, r: AnyRecord): void {
  const order = (start: string, end: string) => {
    const a = r[start] as string | null;
    const b = r[end] as string | null;
    if (a && b && b < a)
      throw new InvalidInputError(`must not be before ${start} (${a}), got "${b}"`, {
        where: end,
        rule: 'date-order',
      });
  };
  if (kind === 'membership') order('startDate', 'endDate');
  if (kind === 'selection') {
    if ((r.date as string) > (r.pollDate as string))
      throw new InvalidInputError(`must not be after pollDate (${r.pollDate}), got "${r.date}"`, {
        where: 'date',
        rule: 'date-order',
      });
    const seen = new Set<string>();
    (r.candidates as Array<{ personId: string }>).forEach((c, i) => {
      if (seen.has(c.personId))
        throw new InvalidInputError(`names "${c.personId}" twice`, {
          where: `candidates.${i}.personId`,
          rule: 'unique',
        });
      seen.add(c.personId);
    });
  }
  if (kind === 'source' && r.kind === 'url' && !r.url)
    throw new InvalidInputError('is needed for a source of kind "url"', { where: 'url', rule: 'required' });
}

/** Every id the record names must exist, so a bad reference is reported by field, before anything is written. */
async function checkReferences(repos: Repositories, kind: RecordKind, r: AnyRecord): Promise<void> {
  const spec: KindSpec = RECORD_KINDS[kind];
  const missing = (where: string, table: string, id: string) =>
    new InvalidInputError(`refers to ${table} record "${id}", which does not exist`, {
      where,
      rule: 'reference',
    });
  for (const [field, table] of Object.entries(spec.refs)) {
    const id = r[field];
    if (typeof id === 'string' && !(await repos.records.exists(table, id))) throw missing(field, table, id);
  }
  if (kind === 'selection') {
    const candidates = r.candidates as Array<{ personId: string }>;
    for (const [i, c] of candidates.entries()) {
      if (!(await repos.records.exists('persons', c.personId)))
        throw missing(`candidates.${i}.personId`, 'persons', c.personId);
    }
  }
}

/** Splits a selection into its row and its candidates rows. */
function rowOf(kind: RecordKind, r: AnyRecord) {
  if (kind !== 'selection') return { row: r, candidates: undefined };
  const { candidates, ...row } = r as AnyRecord & { candidates: Array<Record<string, unknown>> };
  return {
    row,
    candidates: candidates.map((c) => ({
      selectionId: r.id,
      personId: c.personId as string,
      sitting: Boolean(c.sitting),
      soughtReselection: Boolean(c.soughtReselection),
      chosen: Boolean(c.chosen),
      votes: (c.votes as number | null | undefined) ?? null,
    })),
  };
}

async function audit(
  ctx: AppContext,
  repos: Repositories,
  actor: Actor,
  action: 'create' | 'update',
  kind: RecordKind,
  id: string,
  before: EditableRecord | null,
  after: EditableRecord,
): Promise<void> {
  await repos.accounts.appendAudit({
    at: ctx.clock.now().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action,
    recordType: kind,
    recordId: id,
    before,
    after,
  });
}

/**
 * Creates a record (id generated when not given) at version 1, and audits it:
 * createRecord(ctx, 'person', { sourceId: 'src:1', name: 'Ann Smith' }, actor) -> { id: 'person:…', version: 1, … }.
 */
export async function createRecord(
  ctx: AppContext,
  kind: RecordKind,
  raw: unknown,
  actor: Actor,
): Promise<EditableRecord> {
  const spec: KindSpec = RECORD_KINDS[kind];
  const input = parseInput(spec.create, raw) as Record<string, unknown>;
  const record = {
    ...spec.defaults,
    ...input,
    id: (input.id as string | undefined) ?? `${spec.noun}:${randomUUID()}`,
  } as AnyRecord;
  checkRules(kind, record);
  const created = await ctx.store.transaction(async (repos) => {
    if (await read(repos, kind, record.id))
      throw new ConflictError(`a ${kind} with id "${record.id}" already exists`, {
        where: 'id',
        rule: 'unique',
      });
    await checkReferences(repos, kind, record);
    const { row, candidates } = rowOf(kind, record);
    await repos.records.insert(spec.table, row);
    if (candidates) await repos.records.replaceSelectionCandidates(record.id, candidates);
    const after = (await read(repos, kind, record.id))!;
    await audit(ctx, repos, actor, 'create', kind, record.id, null, after);
    return after;
  });
  registryChanged(ctx.store);
  return created;
}

/** The write named a version that is no longer current: nothing was written. */
export class StaleVersionError extends ConflictError {
  constructor(kind: string, id: string, expected: number, current: number) {
    super(
      `${kind} "${id}" is at version ${current}, not ${expected}: it changed since it was read; read it again`,
      {
        where: 'version',
        rule: 'version-mismatch',
        expected,
        current,
      },
    );
  }
}

/**
 * Changes some fields of a record, only if it is still at `expectedVersion` (else StaleVersionError, or a
 * `concurrent-update` conflict if another write lands between the check and the update); bumps the version
 * and audits before and after.
 */
export async function updateRecord(
  ctx: AppContext,
  kind: RecordKind,
  rawId: unknown,
  raw: unknown,
  expectedVersion: number,
  actor: Actor,
): Promise<EditableRecord> {
  const spec: KindSpec = RECORD_KINDS[kind];
  const id = parseInput(recordId, rawId, { '': 'id' });
  const changes = parseInput(spec.patch, raw) as Record<string, unknown>;
  if ('id' in changes) throw new InvalidInputError('cannot be changed', { where: 'id', rule: 'immutable' });
  const updated = await ctx.store.transaction(async (repos) => {
    const before = (await read(repos, kind, id)) ?? (await notFound(repos, kind, id));
    if (before.version !== expectedVersion)
      throw new StaleVersionError(kind, id, expectedVersion, before.version);
    const { version: _, ...current } = before;
    const merged = { ...current, ...changes, id } as AnyRecord;
    checkRules(kind, merged);
    await checkReferences(repos, kind, merged);
    const { row, candidates } = rowOf(kind, merged);
    const written = await repos.records.update(spec.table, id, before.version, row);
    if (!written) {
      throw new ConflictError(
        `${kind} "${id}" was changed by another write while this one was made; read it again`,
        {
          where: 'version',
          rule: 'concurrent-update',
        },
      );
    }
    if (candidates && 'candidates' in changes) await repos.records.replaceSelectionCandidates(id, candidates);
    const after = (await read(repos, kind, id))!;
    await audit(ctx, repos, actor, 'update', kind, id, before, after);
    return after;
  });
  registryChanged(ctx.store);
  return updated;
}
