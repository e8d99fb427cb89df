/**
 * One person, many records: person matching after an import (Democracy Club ids settle identity; otherwise
 * names are compared within a council, sure matches are merged and logged, anything ambiguous waits for review),
 * and `caucus people merge | split | review | dismiss | log`.
 */
import { z } from 'zod';
import type { IsoDate } from '../../domain/dates.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/model.js';
import { closest } from '../../domain/similar.js';
import { type MatchCandidate, matchPersons } from '../../engines/ingest/index.js';
import type { MatchReview, MergeLogEntry, MovedRecords } from '../../store/repositories/people.repo.js';
import type { Repositories } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';

export interface MergedPair {
  kept: string;
  merged: string;
  score: number;
  reason: string;
}

export interface ReviewPair {
  a: { id: string; name: string };
  b: { id: string; name: string };
  score: number;
  reason: string;
  council: string | null;
  status: MatchReview['status'];
}

export interface MatchOutcome {
  merged: MergedPair[];
  review: ReviewPair[];
}

interface Candidate extends MatchCandidate {
  firstDate: IsoDate;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Folds `other` into `keep` after the checks a merge needs (both exist, never on one ballot or in one
 * selection), logs it and settles any review of the pair.
 */
export async function mergePeople(
  repos: Repositories,
  keep: string,
  other: string,
  log: { at: string; actor: string; reason: string | null },
): Promise<{ moved: MovedRecords; logId: number }> {
  if (keep === other) throw new InvalidInputError('a person cannot be merged into itself', { where: 'B' });
  for (const id of [keep, other])
    if (!(await repos.query.person(id)))
      throw new NotFoundError('person', id, closest(id, await repos.query.names('person')));
  const ballots = await repos.people.sharedBallots(keep, other);
  if (ballots.length)
    throw new ConflictError(
      `${keep} and ${other} both stood on ${ballots[0]}: they are two people; nothing was merged`,
      { rule: 'same-ballot', ballots },
    );
  const selections = await repos.people.sharedSelections(keep, other);
  if (selections.length)
    throw new ConflictError(
      `${keep} and ${other} were both candidates in ${selections[0]}: they are two people; nothing was merged`,
      { rule: 'same-selection', selections },
    );
  const result = await repos.people.merge(keep, other, log);
  await repos.people.decide(keep, other, 'merged', log.at, log.reason ?? 'merged');
  await repos.people.repointReviews(other, keep);
  return result;
}

/** The record that survives a merge: one with a Democracy Club id, else the earliest to stand, else the smaller id. */
function survivor(group: readonly string[], byId: ReadonlyMap<string, Candidate>): string {
  return [...group].sort((x, y) => {
    const a = byId.get(x)!;
    const b = byId.get(y)!;
    return (
      Number(Boolean(b.dcPersonId)) - Number(Boolean(a.dcPersonId)) ||
      a.firstDate.localeCompare(b.firstDate) ||
      x.localeCompare(y)
    );
  })[0]!;
}

/**
 * Person matching after an import: compares the imported people with everyone who stood in the same councils.
 * Sure matches (one candidate, near-identical names, never on one ballot) are merged and logged; the rest are
 * stored for review. Pairs a person already dismissed are never proposed again. Councils where every
 * candidate has a Democracy Club id are skipped: those ids settle identity.
 */
export async function matchImportedPersons(
  repos: Repositories,
  imported: {
    /** The imported people, or how to list them (skipped when no council needs matching, as for a national Democracy Club file). */
    personIds: readonly string[] | (() => readonly string[]);
    councilIds: readonly string[];
    sourceId: string;
  },
  at: string,
): Promise<MatchOutcome> {
  const outcome: MatchOutcome = { merged: [], review: [] };
  if (imported.councilIds.length === 0) return outcome;
  const councils = await repos.people.councilsNeedingMatching(imported.councilIds);
  if (councils.length === 0) return outcome;
  const personIds = typeof imported.personIds === 'function' ? imported.personIds() : imported.personIds;
  if (personIds.length === 0) return outcome;
  const rows = await repos.people.standings(councils);
  const dcIds = await repos.people.dcIds(rows.map((r) => r.personId));
  const byId = new Map<string, Candidate & { councils: Set<string>; ballots: Set<string> }>();
  for (const r of rows) {
    let c = byId.get(r.personId);
    if (!c) {
      c = {
        id: r.personId,
        name: r.name,
        councilIds: [],
        ballotIds: [],
        dcPersonId: dcIds.get(r.personId) ?? null,
        firstDate: r.date,
        councils: new Set(),
        ballots: new Set(),
      };
      byId.set(r.personId, c);
    }
    c.councils.add(r.councilId);
    c.ballots.add(r.ballotId);
    if (r.date < c.firstDate) c.firstDate = r.date;
  }
  const candidates = [...byId.values()].map((c) => ({
    ...c,
    councilIds: [...c.councils],
    ballotIds: [...c.ballots],
  }));
  const mine = new Set(personIds);
  const stored = new Map(
    (await repos.people.reviewsOf([...mine])).map((r) => [pairKey(r.personA, r.personB), r] as const),
  );
  const result = matchPersons(candidates);
  const relevant = (a: string, b: string) =>
    (mine.has(a) || mine.has(b)) && stored.get(pairKey(a, b))?.status !== 'dismissed';

  // Sure matches, joined into groups, each merged into its survivor.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const sure = result.same.filter((p) => relevant(p.a, p.b));
  for (const p of sure) {
    const [ra, rb] = [find(p.a), find(p.b)];
    // The smaller id becomes the root, so groups do not depend on the order pairs come in.
    if (ra < rb) parent.set(rb, ra);
    else if (rb < ra) parent.set(ra, rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of new Set(sure.flatMap((p) => [p.a, p.b]))) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  const mergedInto = new Map<string, string>();
  const why = new Map(sure.map((p) => [pairKey(p.a, p.b), p]));
  for (const group of groups.values()) {
    const keep = survivor(group, byId);
    for (const other of group.sort()) {
      if (other === keep) continue;
      const p = why.get(pairKey(keep, other)) ?? sure.find((s) => s.a === other || s.b === other)!;
      await mergePeople(repos, keep, other, {
        at,
        actor: `import:${imported.sourceId}`,
        reason: `sure match (score ${p.score}): ${p.reason}`,
      });
      mergedInto.set(other, keep);
      outcome.merged.push({ kept: keep, merged: other, score: p.score, reason: p.reason });
    }
  }

  // Pairs for a person to look at, named by the records that remain after the merges.
  const now = (id: string) => mergedInto.get(id) ?? id;
  const reviews: MatchReview[] = [];
  const seen = new Set<string>();
  for (const p of result.review) {
    const a = now(p.a);
    const b = now(p.b);
    if (a === b || !relevant(a, b)) continue;
    const key = pairKey(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    const [x, y] = a < b ? [a, b] : [b, a];
    const shared = [...byId.get(p.a)!.councils].find((c) => byId.get(p.b)!.councils.has(c)) ?? null;
    reviews.push({
      personA: x,
      personB: y,
      score: p.score,
      reason: p.reason,
      councilId: shared,
      sourceId: imported.sourceId,
      status: 'open',
      createdAt: at,
      decidedAt: null,
    });
  }
  if (reviews.length) await repos.people.addReviews(reviews);
  const names = await repos.people.persons(reviews.flatMap((r) => [r.personA, r.personB]));
  const decided = new Map(
    (await repos.people.reviewsOf(reviews.map((r) => r.personA))).map((r) => [
      pairKey(r.personA, r.personB),
      r.status,
    ]),
  );
  for (const r of reviews) {
    const status = decided.get(pairKey(r.personA, r.personB)) ?? 'open';
    if (status !== 'open') continue;
    outcome.review.push({
      a: { id: r.personA, name: names.get(r.personA)?.name ?? r.personA },
      b: { id: r.personB, name: names.get(r.personB)?.name ?? r.personB },
      score: r.score,
      reason: r.reason,
      council: r.councilId,
      status,
    });
  }
  return outcome;
}

const personId = z.string().trim().min(1).max(300);

export const mergeInput = z.strictObject({
  keep: personId,
  other: personId,
  reason: z.string().trim().max(1000).optional(),
});

/** `caucus people merge A B`: B's records move to A, B goes, and the merge is logged. */
export async function peopleMerge(ctx: AppContext, raw: unknown, actor = 'cli') {
  const input = parseInput(mergeInput, raw, { keep: 'A', other: 'B', reason: '--reason' });
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (repos) => {
    const { moved, logId } = await mergePeople(repos, input.keep, input.other, {
      at,
      actor,
      reason: input.reason ?? null,
    });
    return { kept: input.keep, merged: input.other, logId, moved: countsOf(moved) };
  });
}

export const splitInput = z.strictObject({
  person: personId,
  candidacies: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(500)).min(1, 'expected at least one candidacy id')),
  id: personId.optional(),
  name: z.string().trim().min(1).max(300).optional(),
  reason: z.string().trim().max(1000).optional(),
});

/**
 * `caucus people split A --candidacies ID,ID`: a new person takes those candidacies of A. When they are the
 * candidacies of a record merged into A, that record comes back under its old id with what the merge moved.
 */
export async function peopleSplit(ctx: AppContext, raw: unknown, actor = 'cli') {
  const input = parseInput(splitInput, raw, {
    person: 'A',
    candidacies: '--candidacies',
    id: '--id',
    name: '--name',
    reason: '--reason',
  });
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (repos) => {
    const from = await repos.query.person(input.person);
    if (!from)
      throw new NotFoundError(
        'person',
        input.person,
        closest(input.person, await repos.query.names('person')),
      );
    const held = await repos.people.recordsOf(from.id);
    const mine = new Set(held.candidacies);
    const foreign = input.candidacies.filter((c) => !mine.has(c));
    if (foreign.length)
      throw new InvalidInputError(
        `${foreign.join(', ')} ${foreign.length === 1 ? 'is not a candidacy' : 'are not candidacies'} of ${from.id} (its candidacies: ${held.candidacies.join(', ') || 'none'})`,
        { where: '--candidacies', rule: 'candidacy-of-person' },
      );
    if (input.candidacies.length === held.candidacies.length && held.candidacies.length > 0)
      throw new InvalidInputError(
        `that is every candidacy of ${from.id}: a split must leave the person at least one (rename the person instead)`,
        { where: '--candidacies', rule: 'split-all' },
      );
    // A merged record whose candidacies these all were comes back as itself.
    const mergedIds = held.identifiers.filter((i) => i.scheme === 'merged-from').map((i) => i.identifier);
    let restored: string | null = null;
    let restore: MovedRecords | null = null;
    for (const m of mergedIds) {
      const entry = await repos.people.lastMerge(from.id, m);
      if (entry && input.candidacies.every((c) => entry.details.candidacies.includes(c))) {
        restored = m;
        restore = entry.details;
        break;
      }
    }
    const newId = input.id ?? restored ?? (await freeSplitId(repos, from.id));
    if (await repos.query.person(newId))
      throw new ConflictError(`a person with id "${newId}" already exists; choose another --id`, {
        rule: 'id-taken',
      });
    if (input.id && restored && input.id !== restored) restore = null;
    const person: Person = {
      id: newId,
      sourceId: from.sourceId,
      name: input.name ?? from.name,
      givenName: input.name ? null : from.givenName,
      familyName: input.name ? null : from.familyName,
      honorificPrefix: input.name ? null : from.honorificPrefix,
    };
    const { moved, logId } = await repos.people.split(from.id, person, input.candidacies, restore, {
      at,
      actor,
      reason: input.reason ?? null,
    });
    // Two people now: matching must not merge them again.
    await repos.people.decide(from.id, newId, 'dismissed', at, `split by ${actor}`);
    return { person: from.id, newPerson: newId, restored: restore !== null, logId, moved: countsOf(moved) };
  });
}

async function freeSplitId(repos: Repositories, from: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = `${from}~split-${n}`;
    if (!(await repos.query.person(id))) return id;
  }
}

function countsOf(m: MovedRecords) {
  return {
    candidacies: m.candidacies.length,
    memberships: m.memberships.length,
    selectionCandidacies: m.selections.length,
    events: m.events.length,
    citations: m.citations,
    identifiers: m.identifiers.length,
    eventDetails: m.eventDetails?.length ?? 0,
    claims: m.claims?.length ?? 0,
    aliases: m.aliases?.length ?? 0,
    candidacyIds: m.candidacies,
  };
}

export const reviewInput = z.strictObject({
  status: z.enum(['open', 'merged', 'dismissed', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
});

/** `caucus people review`: possible same-person pairs, strongest first, with names. */
export async function peopleReview(ctx: AppContext, raw: unknown = {}) {
  const input = parseInput(reviewInput, raw, { status: '--status', limit: '--limit' });
  const rows = await ctx.store.people.reviews(input.status, input.limit);
  const names = await ctx.store.people.persons(rows.flatMap((r) => [r.personA, r.personB]));
  return {
    status: input.status,
    pairs: rows.map((r) => ({
      a: { id: r.personA, name: names.get(r.personA)?.name ?? null },
      b: { id: r.personB, name: names.get(r.personB)?.name ?? null },
      score: r.score,
      reason: r.reason,
      council: r.councilId,
      source: r.sourceId,
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    })),
  };
}

export const dismissInput = z.strictObject({
  a: personId,
  b: personId,
  reason: z.string().max(1000).optional(),
});

/** `caucus people dismiss A B`: they are two people; matching will not propose the pair again. */
export async function peopleDismiss(ctx: AppContext, raw: unknown, actor = 'cli') {
  const input = parseInput(dismissInput, raw, { a: 'A', b: 'B', reason: '--reason' });
  if (input.a === input.b) throw new InvalidInputError('expected two different people', { where: 'B' });
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (repos) => {
    await repos.people.decide(input.a, input.b, 'dismissed', at, input.reason ?? `dismissed by ${actor}`);
    const r = (await repos.people.review(input.a, input.b))!;
    return { a: r.personA, b: r.personB, status: r.status, decidedAt: r.decidedAt };
  });
}

export const logInput = z.strictObject({
  person: personId.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

/** `caucus people log`: merges and splits, newest first. */
export async function peopleLog(ctx: AppContext, raw: unknown = {}): Promise<{ entries: MergeLogEntry[] }> {
  const input = parseInput(logInput, raw, { person: '--person', limit: '--limit' });
  return { entries: await ctx.store.people.log(input.person, input.limit) };
}
