/**
 * `caucus import FORMAT FILE`: real civic data files (Democracy Club candidates CSV and result sets JSON, LGA
 * results, mySociety councils and names, ward lists) into the registry. One transaction per file; idempotent
 * (records upserted by id, placeholders only inserted where absent); strict unless told to skip bad rows; then
 * person matching across elections and, where a council declares no election scheme, cycle inference.
 */
import { z } from 'zod';
import type { RegistrySnapshot } from '../../domain/model.js';
import {
  type AnyImportOptions,
  councilDirectory,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportResult,
  importText,
  type Reject,
} from '../../engines/ingest/index.js';
import { cycleInputFrom, inferCycle } from '../../engines/ledger/index.js';
import type { LeanHistory } from '../../store/repositories/history.repo.js';
import type { TableCounts, UpsertCounts } from '../../store/repositories/upsert.repo.js';
import type { Repositories } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { csvCell } from './exports.commands.js';
import { type MatchOutcome, matchImportedPersons } from './people.commands.js';

/** A council's scheme is filled in from its history only when at least this many ordinary polls show it. */
export const MIN_POLLS_FOR_SCHEME = 3;

export interface SchemeFilled {
  council: string;
  scheme: string;
  polls: number;
}

export interface AppliedImport extends MatchOutcome {
  tables: UpsertCounts;
  totals: TableCounts;
  schemes: SchemeFilled[];
}

export interface ImportSummary extends AppliedImport {
  file: string;
  format: ImportFormat;
  source: string;
  rows: number;
  rejected: number;
  /** Set by the caller that wrote the rejects CSV. */
  rejectsFile: string | null;
  notes: string[];
}

export const importInput = z.strictObject({
  format: z.enum(IMPORT_FORMATS),
  file: z.string().min(1).max(4096),
  text: z.string(),
  skipInvalid: z.boolean().default(false),
  published: isoDate.optional(),
  validFrom: isoDate.optional(),
});

const NEEDS_DIRECTORY: ReadonlySet<ImportFormat> = new Set([
  'dc-candidates',
  'dc-results',
  'lga-results',
  'wards',
]);

/**
 * Parses a file and writes it in one transaction: importData(ctx, { format: 'dc-candidates', file, text }).
 * Returns the summary and the rejected rows (with skipInvalid), which the caller writes as a rejects CSV.
 */
export async function importData(
  ctx: AppContext,
  raw: unknown,
): Promise<{ summary: ImportSummary; rejects: Reject[] }> {
  const input = parseInput(importInput, raw, {
    format: 'FORMAT',
    file: 'FILE',
    skipInvalid: '--skip-invalid',
    published: '--published',
    validFrom: '--valid-from',
  });
  const options: AnyImportOptions = {
    skipInvalid: input.skipInvalid,
    publishedOn: input.published ?? null,
    ...(input.validFrom ? { validFrom: input.validFrom } : {}),
  };
  if (NEEDS_DIRECTORY.has(input.format))
    options.councils = councilDirectory(await ctx.store.history.councilDirectoryRecords());
  ctx.progress?.(`reading ${input.file}`, 0, 1);
  const result = importText(input.format, input.text, input.file, options);
  const at = ctx.clock.now().toISOString();
  const applied = await ctx.store.transaction((repos) =>
    applyImport(repos, result, { at, onProgress: (d, t) => ctx.progress?.(`writing ${input.file}`, d, t) }),
  );
  return {
    summary: {
      file: input.file,
      format: input.format,
      source: result.source.id,
      rows: result.rows,
      rejected: result.rejects.length,
      rejectsFile: null,
      ...applied,
      notes: result.notes,
    },
    rejects: result.rejects,
  };
}

/**
 * Writes a parsed import inside the caller's transaction: person ids merged away are mapped to the person they
 * became, records are upserted, people matched, and schemes inferred where none is declared.
 */
export async function applyImport(
  repos: Repositories,
  result: Pick<ImportResult, 'snapshot' | 'references' | 'source'>,
  options: { at: string; onProgress?: (done: number, total: number) => void },
): Promise<AppliedImport> {
  const snapshot = (await repos.people.anyMerged())
    ? await remapMerged(repos, result.snapshot)
    : result.snapshot;
  const tables = await repos.upsert.upsert(snapshot, {
    placeholders: {
      organizations: result.references.organizations,
      areas: result.references.areas,
      posts: result.references.posts,
    },
    onProgress: options.onProgress,
  });
  const totals: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  for (const c of Object.values(tables)) {
    totals.added += c.added;
    totals.updated += c.updated;
    totals.unchanged += c.unchanged;
  }
  const councilIds = [...new Set((snapshot.elections ?? []).map((e) => e.councilId))];
  // Listed only when a council needs name matching: a national file's people number hundreds of thousands.
  const personIds = () => {
    const people = new Set<string>();
    for (const p of snapshot.persons ?? []) people.add(p.id);
    for (const c of snapshot.candidacies ?? []) people.add(c.personId);
    return [...people];
  };
  const match = await matchImportedPersons(
    repos,
    { personIds, councilIds, sourceId: result.source.id },
    options.at,
  );
  const schemes = await fillSchemes(repos, councilIds, options.at);
  return { tables, totals, ...match, schemes };
}

/** Rewrites the person ids of records merged away (kept as `merged-from` identifiers) to the person they became. */
async function remapMerged(
  repos: Repositories,
  snapshot: Partial<RegistrySnapshot>,
): Promise<Partial<RegistrySnapshot>> {
  const ids = new Set<string>();
  for (const p of snapshot.persons ?? []) ids.add(p.id);
  for (const t of ['candidacies', 'memberships', 'selectionCandidates', 'events'] as const)
    for (const r of snapshot[t] ?? []) if (r.personId) ids.add(r.personId);
  const into = await repos.people.mergedInto([...ids]);
  if (into.size === 0) return snapshot;
  const to = (id: string) => into.get(id) ?? id;
  const out: Partial<RegistrySnapshot> = { ...snapshot };
  // The person kept after the merge already carries the merged record's identifiers and its own record.
  if (snapshot.persons) out.persons = snapshot.persons.filter((p) => !into.has(p.id));
  if (snapshot.identifiers)
    out.identifiers = snapshot.identifiers.filter((i) => !(i.ownerType === 'person' && into.has(i.ownerId)));
  if (snapshot.candidacies)
    out.candidacies = snapshot.candidacies.map((c) => ({ ...c, personId: to(c.personId) }));
  if (snapshot.memberships)
    out.memberships = snapshot.memberships.map((m) => ({ ...m, personId: to(m.personId) }));
  if (snapshot.selectionCandidates)
    out.selectionCandidates = snapshot.selectionCandidates.map((s) => ({ ...s, personId: to(s.personId) }));
  if (snapshot.events)
    out.events = snapshot.events.map((e) => (e.personId ? { ...e, personId: to(e.personId) } : e));
  return out;
}

/**
 * Infers the election scheme of each council an import touched and fills it in where none is declared (the
 * timetable's council schedule reads `electionScheme`), once the history shows enough ordinary polls.
 */
export async function fillSchemes(
  repos: Repositories,
  councilIds: readonly string[],
  at: string,
): Promise<SchemeFilled[]> {
  if (councilIds.length === 0) return [];
  const records = await repos.history.cycleRecords(councilIds);
  // Split by council first: cycleInputFrom scans what it is given, and a national file touches hundreds.
  const byCouncil = new Map<string, Pick<LeanHistory, 'posts' | 'ballots'>>();
  const postCouncil = new Map<string, string>();
  for (const p of records.posts) {
    postCouncil.set(p.id, p.councilId);
    const r = byCouncil.get(p.councilId);
    if (r) r.posts.push(p);
    else byCouncil.set(p.councilId, { posts: [p], ballots: [] });
  }
  for (const b of records.ballots) byCouncil.get(postCouncil.get(b.postId) ?? '')?.ballots.push(b);
  const out: SchemeFilled[] = [];
  for (const id of [...councilIds].sort()) {
    const cycle = inferCycle(cycleInputFrom(byCouncil.get(id) ?? {}, id));
    if (!cycle.scheme || cycle.polls.length < MIN_POLLS_FOR_SCHEME) continue;
    const { council, scheme, seatsPerPoll, fallowYears, allOutYears, postponed, notes } = cycle;
    const wrote = await repos.history.fillScheme({
      councilId: id,
      scheme,
      polls: cycle.polls.length,
      inferredAt: at,
      evidence: { council, scheme, seatsPerPoll, fallowYears, allOutYears, postponed, notes },
    });
    if (wrote) out.push({ council: id, scheme, polls: cycle.polls.length });
  }
  return out;
}

/** The rejected rows as CSV (`line, reason, row`), for `--skip-invalid`. */
export function rejectsCsv(rejects: readonly Reject[]): string {
  const lines = ['line,reason,row'];
  for (const r of rejects) lines.push([String(r.line), csvCell(r.reason), csvCell(r.raw)].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The default rejects file beside the input: `results.csv` -> `results.csv.rejects.csv`. */
export function defaultRejectsPath(file: string): string {
  return `${file}.rejects.csv`;
}
