/**
 * The review queue (issue 7): list and show proposed claims, accept one (it becomes registry facts citing
 * the article, with the evidence quote and its offsets) or reject one with a reason. An accept is one
 * transaction: on any error (an unknown id in --link, a missing date) nothing is written.
 */
import { z } from 'zod';
import { activeOn, type IsoDate } from '../../domain/dates.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Source } from '../../domain/model.js';
import { type EntityType, MOTION_TOPICS, OFFICES } from '../../engines/extraction/index.js';
import {
  CLAIM_STATUSES,
  type ReviewArticle,
  type StoredClaim,
} from '../../store/repositories/review.repo.js';
import type { Repositories } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import type { Actor } from './accounts.commands.js';
import { registryChanged } from './changes.support.js';
import { applyClaim, type ClaimFacts, type FactRef, FactWriter } from './claim-facts.support.js';
import {
  type ArgumentLink,
  baseArgument,
  expectedTypes,
  LIST_ARGUMENTS,
  type LinkContext,
  linkClaim,
  NAME_ARGUMENTS,
  nameKey,
  newLinkContext,
  targetOf,
} from './claim-links.support.js';

export type ReviewClaim = StoredClaim<Record<string, unknown>, ArgumentLink, FactRef>;

/** A claim as the review commands show it. */
export interface ClaimView {
  id: number;
  articleId: number;
  position: number;
  type: string;
  subject: string;
  arguments: Record<string, unknown>;
  confidence: number;
  evidence: { start: number; end: number; text: string };
  status: ReviewClaim['status'];
  reason: string | null;
  reviewer: string | null;
  decidedAt: string | null;
  edits: Record<string, unknown> | null;
  links: ArgumentLink[];
  facts: FactRef[] | null;
}

export interface ArticleHead {
  id: number;
  title: string | null;
  url: string | null;
  publisher: string | null;
  publishedOn: string | null;
  fileName: string | null;
  savedAt: string;
  sourceId: string | null;
}

export function claimView(c: StoredClaim): ClaimView {
  const r = c as ReviewClaim;
  return {
    id: r.id,
    articleId: r.articleId,
    position: r.position,
    type: r.type,
    subject: r.subject,
    arguments: r.arguments,
    confidence: r.confidence,
    evidence: { start: r.evidenceStart, end: r.evidenceEnd, text: r.evidenceText },
    status: r.status,
    reason: r.reason,
    reviewer: r.reviewer,
    decidedAt: r.decidedAt,
    edits: r.edits,
    links: r.links,
    facts: r.facts,
  };
}

export function articleHead(a: Omit<ReviewArticle, 'text'>): ArticleHead {
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    publisher: a.publisher,
    publishedOn: a.publishedOn,
    fileName: a.fileName,
    savedAt: a.savedAt,
    sourceId: a.sourceId,
  };
}

const claimId = z.union([
  z.number().int().positive(),
  z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,12}$/, 'expected a claim id (a positive whole number)')
    .transform(Number),
]);
const reviewer = z.string().trim().min(1, 'expected a reviewer name').max(200);

const listInput = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  article: claimId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  after: z.coerce.number().int().min(0).default(0),
});

/** Claims in the queue, oldest first: listClaims(ctx, { status: 'proposed' }) -> { total, claims, next }. */
export async function listClaims(ctx: AppContext, raw: unknown = {}) {
  const { status, article, limit, after } = parseInput(listInput, raw, {
    status: '--status',
    article: '--article',
    limit: '--limit',
    after: '--after',
  });
  const filter = { status, articleId: article };
  const rows = await ctx.store.review.claims(filter, after, limit + 1);
  const page = rows.slice(0, limit);
  return {
    total: await ctx.store.review.countClaims(filter),
    claims: page.map(claimView),
    next: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

async function claimOrThrow(repos: Repositories, id: number): Promise<ReviewClaim> {
  const c = await repos.review.claim(id);
  if (!c) throw new NotFoundError('claim', String(id));
  return c as ReviewClaim;
}

/** One claim with its article and its links' proposals: showClaim(ctx, { id: 3 }). */
export async function showClaim(ctx: AppContext, raw: unknown) {
  const { id } = parseInput(z.object({ id: claimId }), raw, { id: 'ID' });
  const claim = await claimOrThrow(ctx.store, id);
  const [article] = await ctx.store.review.articleHeads([claim.articleId]);
  return { ...claimView(claim), article: articleHead(article!) };
}

const rejectInput = z.object({
  id: claimId,
  reason: z.string().trim().min(1, 'expected a reason').max(2000),
  reviewer,
});

/** Rejects a proposed claim with a reason; the registry is not touched. */
export async function rejectClaim(ctx: AppContext, raw: unknown) {
  const input = parseInput(rejectInput, raw, { id: 'ID', reason: '--reason', reviewer: '--reviewer' });
  return ctx.store.transaction(async (repos) => {
    const claim = await claimOrThrow(repos, input.id);
    refuseDecided(claim);
    const ok = await repos.review.decide(claim.id, {
      status: 'rejected',
      reason: input.reason,
      reviewer: input.reviewer,
      decidedAt: ctx.clock.now().toISOString(),
      facts: null,
    });
    if (!ok) refuseDecided((await claimOrThrow(repos, input.id)) as ReviewClaim);
    return claimView((await repos.review.claim(claim.id))!);
  });
}

function refuseDecided(claim: ReviewClaim): void {
  if (claim.status !== 'proposed')
    throw new ConflictError(
      `claim ${claim.id} was already ${claim.status}${claim.reviewer ? ` by ${claim.reviewer}` : ''}${claim.decidedAt ? ` at ${claim.decidedAt}` : ''}`,
      { where: 'ID', rule: 'decided', status: claim.status },
    );
}

// ------------------------------------------------------------------------------------------- edits

/** The arguments a reviewer may edit, per claim type (SCHEMA.md's arguments plus dates). */
export const EDIT_KEYS: Record<string, readonly string[]> = {
  office: [
    'subject',
    'office',
    'organization',
    'council',
    'ward',
    'former',
    'label',
    'party',
    'start',
    'end',
  ],
  affiliation: ['subject', 'faction', 'party', 'organization', 'start', 'end'],
  selection: ['subject', 'ward', 'council', 'party', 'actor', 'pollDate'],
  deselection: ['subject', 'actor', 'ward', 'council', 'party'],
  defection: ['subject', 'from', 'to', 'council'],
  resignation: ['subject', 'organization', 'council'],
  leadership_election: ['subject', 'organization', 'council', 'supported_by'],
  dependence: ['subject', 'on', 'council'],
  membership_change: ['subject', 'direction', 'count'],
  motion: ['subject', 'topic', 'council', 'organization'],
};
/** Edits that date the facts rather than change the claim. */
const DATE_KEYS = ['date', 'start', 'end', 'pollDate'] as const;
const NOT_REMOVABLE = new Set(['subject', 'office', 'topic', 'direction', 'date']);

const nameValue = z.string().trim().min(1).max(300);
const editValue: Record<string, z.ZodType> = {
  office: z.enum(OFFICES),
  topic: z.enum(MOTION_TOPICS),
  direction: z.enum(['increase', 'decrease']),
  former: z.enum(['true', 'false', 'yes', 'no']).transform((v) => v === 'true' || v === 'yes'),
  count: z.coerce.number().int().min(0).max(100_000_000),
  supported_by: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(nameValue).min(1).max(50)),
  on: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(nameValue).min(1).max(50)),
  label: z.string().trim().min(1).max(300),
  date: isoDate,
  start: isoDate,
  end: isoDate,
  pollDate: isoDate,
};

/** Splits `key=value` options: parseKeyValues(['office=leader'], '--edit') -> [['office', 'leader']]. */
export function parseKeyValues(values: readonly string[], option: string): Array<[string, string]> {
  return values.map((v) => {
    const i = v.indexOf('=');
    if (i <= 0)
      throw new InvalidInputError(`expected KEY=VALUE, got "${v}"`, { where: option, rule: 'key-value' });
    return [v.slice(0, i).trim(), v.slice(i + 1)];
  });
}

interface Edited {
  subject: string;
  args: Record<string, unknown>;
  dates: Partial<Record<(typeof DATE_KEYS)[number], IsoDate>>;
  changed: Set<string>;
  edits: Record<string, unknown>;
}

function applyEdits(claim: ReviewClaim, pairs: Array<[string, string]>): Edited {
  const allowed = [...(EDIT_KEYS[claim.type] ?? []), 'date'];
  const args: Record<string, unknown> = { ...claim.arguments };
  let subject = claim.subject;
  const dates: Edited['dates'] = {};
  const changed = new Set<string>();
  const edits: Record<string, unknown> = {};
  for (const [key, raw] of pairs) {
    const where = `--edit ${key}`;
    if (!allowed.includes(key))
      throw new InvalidInputError(`a ${claim.type} claim has no "${key}"; editable: ${allowed.join(', ')}`, {
        where,
        rule: 'key',
      });
    if (raw.trim() === '') {
      if (NOT_REMOVABLE.has(key))
        throw new InvalidInputError('cannot be removed', { where, rule: 'required' });
      if ((DATE_KEYS as readonly string[]).includes(key)) delete dates[key as keyof Edited['dates']];
      delete args[key];
      changed.add(key);
      edits[key] = null;
      continue;
    }
    const value = parseInput(editValue[key] ?? nameValue, raw, { '': where });
    edits[key] = value;
    if ((DATE_KEYS as readonly string[]).includes(key)) {
      dates[key as keyof Edited['dates']] = value as IsoDate;
      continue;
    }
    if (key === 'subject') subject = value as string;
    else args[key] = value;
    changed.add(key);
  }
  return { subject, args, dates, changed, edits };
}

// ------------------------------------------------------------------------------------------- links

const LINK_VALUE = /^(?:new|none|[A-Za-z0-9][A-Za-z0-9:._-]{0,199})$/;

/** The entity type a registry record is, for checking a --link against what the argument may name. */
async function recordType(
  repos: Repositories,
  id: string,
): Promise<{ type: EntityType; name: string; classification?: string } | undefined> {
  const person = await repos.query.person(id);
  if (person) return { type: 'person', name: person.name };
  const org = await repos.query.organization(id);
  if (org) {
    const byClass: Record<string, EntityType> = {
      council: 'council',
      party: 'party',
      faction: 'faction',
      'local-party': 'local_party',
    };
    return {
      type: byClass[org.classification] ?? 'organization',
      name: org.name,
      classification: org.classification,
    };
  }
  const area = await repos.query.area(id);
  if (area && area.id === id) return { type: 'ward', name: area.name };
  return undefined;
}

/** `party`, `subject` ... for one-name arguments; `supported_by.0` (with a position) for lists. */
function argumentAllowed(type: string, argument: string): boolean {
  const base = baseArgument(argument);
  if (!(EDIT_KEYS[type] ?? []).includes(base)) return false;
  const isList = (LIST_ARGUMENTS as readonly string[]).includes(base);
  const isName = (NAME_ARGUMENTS as readonly string[]).includes(base);
  return isList ? base !== argument : isName && base === argument;
}

async function applyLinks(
  repos: Repositories,
  claimType: string,
  edited: Edited,
  links: ArgumentLink[],
  pairs: Array<[string, string]>,
): Promise<ArgumentLink[]> {
  const out = new Map(links.map((l) => [l.argument, l]));
  for (const [argument, rawValue] of pairs) {
    const where = `--link ${argument}`;
    const value = rawValue.trim();
    if (!argumentAllowed(claimType, argument))
      throw new InvalidInputError(
        `a ${claimType} claim has no argument "${argument}" to link (lists are linked by position: supported_by.0)`,
        { where, rule: 'key' },
      );
    if (!LINK_VALUE.test(value))
      throw new InvalidInputError(`expected a registry id, "new" or "none", got "${value}"`, {
        where,
        rule: 'link',
      });
    const current = out.get(argument);
    if (value === 'none') {
      if (current) out.set(argument, { ...current, status: 'none', id: null });
      continue;
    }
    if (value === 'new') {
      if (!current)
        throw new InvalidInputError('the claim names nobody here to create: give a name with --edit first', {
          where,
          rule: 'link',
        });
      out.set(argument, { ...current, status: 'create', id: null });
      continue;
    }
    const found = await recordType(repos, value);
    if (!found)
      throw new InvalidInputError(`refers to registry record "${value}", which does not exist`, {
        where,
        rule: 'reference',
      });
    const expected = expectedTypes(claimType, baseArgument(argument));
    if (!expected.includes(found.type))
      throw new InvalidInputError(
        `"${value}" is a ${found.classification ?? found.type}, but ${argument} names a ${expected.join(' or ')}`,
        { where, rule: 'reference-type' },
      );
    const name = current?.name ?? found.name;
    if (!current) {
      // Linking an argument the claim left out adds it, under the record's name.
      const base = baseArgument(argument);
      if (base === argument) edited.args[argument] = found.name;
      else
        throw new InvalidInputError('link list entries the claim gives (see review show)', {
          where,
          rule: 'key',
        });
    }
    out.set(argument, {
      argument,
      name,
      entityType: found.type,
      target: targetOf(found.type),
      status: 'manual',
      id: value,
      score: null,
      proposals: current?.proposals ?? [],
      ...(found.type === 'person' ? { publicOffice: current?.publicOffice ?? false } : {}),
    });
  }
  return [...out.values()];
}

/** Arguments without which the claim states nothing. */
function required(claimType: string, argument: string): boolean {
  if (argument === 'subject') return true;
  if (claimType === 'defection') return argument === 'to';
  if (claimType === 'affiliation') return ['faction', 'party', 'organization'].includes(argument);
  return false;
}

/** Claim types whose subject is, by the claim itself, an office-holder or a candidate. */
const OFFICE_CLAIMS = new Set(['office', 'selection', 'deselection', 'leadership_election']);

interface Resolution {
  ids: Map<string, string>;
  types: Map<string, EntityType>;
  toCreate: ArgumentLink[];
  skipped: Array<{ argument: string; name: string; reason: string }>;
}

function resolve(claimType: string, links: ArgumentLink[]): Resolution {
  const r: Resolution = { ids: new Map(), types: new Map(), toCreate: [], skipped: [] };
  const problems: string[] = [];
  for (const l of links) {
    const must = required(claimType, l.argument);
    if ((l.status === 'link' || l.status === 'manual') && l.id) {
      r.ids.set(l.argument, l.id);
      r.types.set(l.argument, l.entityType);
      continue;
    }
    if (l.status === 'none') {
      if (must) problems.push(`${l.argument} cannot be dropped`);
      continue;
    }
    if (l.status === 'review') {
      const options = l.proposals.map((p) => `${p.id} "${p.name}" (${p.score})`).join(', ');
      problems.push(
        `${l.argument} "${l.name}" is not clearly one registry record: choose with --link ${l.argument}=ID${options ? ` (candidates: ${options})` : ''}, or =new, or =none`,
      );
      continue;
    }
    // status new (the linker found nobody) or create (the reviewer asked for a new record)
    const explicit = l.status === 'create';
    if (l.entityType === 'person') {
      const office = l.publicOffice || (l.argument === 'subject' && OFFICE_CLAIMS.has(claimType));
      if (office) {
        r.toCreate.push(l);
        r.types.set(l.argument, 'person');
      } else if (must || explicit) {
        problems.push(
          `${l.argument} "${l.name}" is not in the registry, and the article does not show them holding or seeking public office (Caucus stores no one else): link with --link ${l.argument}=ID or reject the claim`,
        );
      } else
        r.skipped.push({
          argument: l.argument,
          name: l.name,
          reason: 'not in the registry; not shown holding public office',
        });
      continue;
    }
    if (explicit && l.entityType === 'faction') {
      r.toCreate.push(l);
      r.types.set(l.argument, 'faction');
      continue;
    }
    if (must || explicit) {
      problems.push(
        `${l.argument} "${l.name}" is not in the registry${explicit ? ' (only people and factions are created from articles)' : ''}: link with --link ${l.argument}=ID`,
      );
    } else r.skipped.push({ argument: l.argument, name: l.name, reason: 'not in the registry' });
  }
  if (problems.length)
    throw new InvalidInputError(problems.join('; '), { where: '--link', rule: 'undecided', problems });
  return r;
}

// ------------------------------------------------------------------------------------------- accept

/** The article's registry source: made on its first accepted claim (or an existing source with its URL). */
async function articleSource(repos: Repositories, article: ReviewArticle, audit: AuditLike): Promise<string> {
  if (article.sourceId) return article.sourceId;
  const existing = article.url ? await repos.facts.sourceByUrl(article.url) : undefined;
  let id = existing?.id;
  if (!id) {
    const source: Source = {
      id: `source:article-${article.sha256.slice(0, 20)}`,
      kind: article.url ? 'url' : 'document',
      url: article.url,
      title: article.title ?? article.fileName,
      publisher: article.publisher,
      publishedOn: article.publishedOn,
    };
    await repos.records.insert('sources', source);
    await audit('create', 'source', source.id, null, source);
    id = source.id;
  }
  await repos.review.setArticleSource(article.id, id);
  return id;
}

type AuditLike = ConstructorParameters<typeof FactWriter>[3];

const acceptInput = z.object({
  id: claimId,
  edits: z.array(z.string().max(2000)).max(100).default([]),
  links: z.array(z.string().max(500)).max(200).default([]),
  reviewer,
});

/** The actor recorded in the audit log for a review from the command line. */
export function cliActor(name: string): Actor {
  return { id: 'cli', name, role: 'editor' };
}

/**
 * Accepts a proposed claim: applies --edit and --link, creates or confirms its facts with the article as
 * source and the evidence as a quoted citation, learns aliases, and marks the claim accepted; all in one
 * transaction. acceptClaim(ctx, { id: 4, edits: ['office=leader'], links: ['subject=person:12'], reviewer: 'ann' }).
 */
export async function acceptClaim(ctx: AppContext, raw: unknown, actor?: Actor) {
  const input = parseInput(acceptInput, raw, {
    id: 'ID',
    edits: '--edit',
    links: '--link',
    reviewer: '--reviewer',
  });
  const who = actor ?? cliActor(input.reviewer);
  const editPairs = parseKeyValues(input.edits, '--edit');
  const linkPairs = parseKeyValues(input.links, '--link');
  const result = await ctx.store.transaction(async (repos) => {
    const claim = await claimOrThrow(repos, input.id);
    refuseDecided(claim);
    const article = (await repos.review.article(claim.articleId))!;
    const audit: AuditLike = async (action, kind, id, before, after) => {
      await repos.accounts.appendAudit({
        at: ctx.clock.now().toISOString(),
        actorId: who.id,
        actorName: who.name,
        actorRole: who.role,
        action,
        recordType: kind,
        recordId: id,
        before,
        after,
      });
    };

    const edited = applyEdits(claim, editPairs);
    const lc = contextFrom(claim, article);
    let links = claim.links;
    if (edited.changed.size) {
      const previous = links.filter((l) => !edited.changed.has(baseArgument(l.argument)));
      // Unchanged arguments keep their decision; edited names are linked afresh.
      links = await linkClaim(repos, lc, { type: claim.type, subject: edited.subject, ...edited.args }, [
        ...previous,
        ...links.filter((l) => edited.changed.has(baseArgument(l.argument))).map((l) => ({ ...l, name: '' })),
      ]);
    }
    links = await applyLinks(repos, claim.type, edited, links, linkPairs);
    const resolution = resolve(claim.type, links);
    // A record linked when the article was saved may have gone since; say so rather than fail at commit.
    for (const [argument, id] of resolution.ids) {
      if (!(await recordType(repos, id)))
        throw new InvalidInputError(
          `is linked to "${id}", which is no longer in the registry: link it again`,
          {
            where: `--link ${argument}`,
            rule: 'reference',
          },
        );
    }

    const day = edited.dates.date ?? article.publishedOn;
    const sourceId = await articleSource(repos, article, audit);
    const writer = new FactWriter(
      repos,
      sourceId,
      { text: claim.evidenceText, start: claim.evidenceStart, end: claim.evidenceEnd },
      audit,
    );
    const created: Array<{ type: 'person' | 'organization'; id: string; name: string }> = [];
    for (const l of resolution.toCreate) {
      if (l.entityType === 'person') {
        const p = await writer.createPerson(l.name);
        created.push({ type: 'person', id: p.id, name: p.name });
        resolution.ids.set(l.argument, p.id);
      } else {
        const f = await writer.createFaction(l.name, await factionParent(repos, resolution, day));
        created.push({ type: 'organization', id: f.id, name: f.name });
        resolution.ids.set(l.argument, f.id);
      }
      const i = links.indexOf(l);
      links[i] = { ...l, status: 'manual', id: resolution.ids.get(l.argument)! };
    }

    const facts: ClaimFacts = {
      type: claim.type,
      names: { subject: edited.subject, ...edited.args },
      ids: resolution.ids,
      types: resolution.types,
      date: day,
      start: edited.dates.start ?? null,
      end: edited.dates.end ?? null,
      pollDate: edited.dates.pollDate ?? null,
      articleCouncilId: article.councilId,
    };
    await applyClaim(writer, facts);
    const aliases = await learnAliases(repos, links, sourceId);

    const ok = await repos.review.decide(claim.id, {
      status: 'accepted',
      reason: null,
      reviewer: input.reviewer,
      decidedAt: ctx.clock.now().toISOString(),
      facts: writer.facts,
      arguments: edited.args,
      edits: Object.keys(edited.edits).length ? edited.edits : null,
      links,
      subject: edited.subject,
    });
    if (!ok) refuseDecided(await claimOrThrow(repos, claim.id));
    return {
      claim: claimView((await repos.review.claim(claim.id))!),
      sourceId,
      facts: writer.facts,
      created,
      aliases,
      skipped: resolution.skipped,
    };
  });
  registryChanged(ctx.store);
  return result;
}

/** A new faction's party: the claim's party, else the subject's party on the day. */
async function factionParent(
  repos: Repositories,
  r: Resolution,
  day: IsoDate | null,
): Promise<string | null> {
  const party = r.ids.get('party');
  if (party) return party;
  const subjectId = r.ids.get('subject');
  if (!subjectId || !day) return null;
  const held = (await repos.facts.partyMemberships(subjectId)).filter((m) =>
    activeOn(m.startDate, m.endDate, day),
  );
  return held.length === 1 ? held[0]!.organizationId : null;
}

/** Rebuilds what linking knew at save time from the stored links, for names a reviewer edits. */
function contextFrom(claim: ReviewClaim, article: ReviewArticle): LinkContext {
  const lc = newLinkContext(
    claim.links.map((l) => ({ type: l.entityType, name: l.name, mentions: [] })),
    new Set(claim.links.filter((l) => l.publicOffice).map((l) => l.name)),
  );
  lc.articleCouncilId = article.councilId;
  return lc;
}

/** Names written differently from the record they were linked to become that record's aliases. */
async function learnAliases(repos: Repositories, links: ArgumentLink[], sourceId: string) {
  const out: Array<{ ownerType: string; ownerId: string; alias: string }> = [];
  for (const l of links) {
    if (l.status !== 'link' && l.status !== 'manual') continue;
    if (!l.id || !l.name) continue;
    const record =
      l.target === 'person'
        ? await repos.query.person(l.id)
        : l.target === 'organization'
          ? await repos.query.organization(l.id)
          : await repos.query.area(l.id);
    if (!record || nameKey(record.name) === nameKey(l.name)) continue;
    const added = await repos.linking.addAlias({
      ownerType: l.target,
      ownerId: l.id,
      alias: l.name.trim().slice(0, 300),
      aliasKey: nameKey(l.name),
      sourceId,
    });
    if (added) out.push({ ownerType: l.target, ownerId: l.id, alias: l.name.trim() });
  }
  return out;
}
