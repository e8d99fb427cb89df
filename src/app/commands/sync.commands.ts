/**
 * `caucus sync democracy-club`: candidates and results from Democracy Club's public API (the `ballots`
 * endpoint of https://candidates.democracyclub.org.uk/api/next, whose candidacies carry their results), fetched
 * politely and completely before anything is written. The ballots become a Democracy Club candidates CSV, read
 * by the same importer as a downloaded file, and are written in one transaction with the sync's cursor (the
 * latest `last_updated` seen), so a failed or partial fetch commits nothing and the next run resumes from the
 * last committed one.
 */
import { z } from 'zod';
import { CaucusError, InvalidInputError } from '../../domain/errors.js';
import type { Organization } from '../../domain/model.js';
import {
  councilDirectory,
  parseDcCandidates,
  slugify,
  tryParseElectionId,
} from '../../engines/ingest/index.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { findCouncil } from './control.commands.js';
import { DEFAULT_POLICY, type FetchPolicy, PagedClient } from './dc-api.support.js';
import { csvCell } from './exports.commands.js';
import { type AppliedImport, applyImport } from './import.commands.js';

export const DEFAULT_DC_API = 'https://candidates.democracyclub.org.uk/api/next';
/** Democracy Club answers `last_updated` queries 200 ballots at a time, without `next` links. */
export const LAST_UPDATED_CHUNK = 200;

/** The parts of a ballot of Democracy Club's API that Caucus reads. */
export interface ApiBallot {
  ballot_paper_id: string;
  election?: { election_id?: string; election_date?: string; current?: boolean | null } | null;
  post?: { id?: string | null; label?: string | null } | null;
  winner_count?: number | null;
  cancelled?: boolean | null;
  last_updated?: string | null;
  candidacies?: Array<{
    elected?: boolean | null;
    party?: { ec_id?: string | null; legacy_slug?: string | null; name?: string | null } | null;
    party_name?: string | null;
    person?: { id?: number | string | null; name?: string | null } | null;
    result?: { elected?: boolean | null; num_ballots?: number | null } | null;
  }> | null;
}

const ms = (max: number) => z.coerce.number().int().min(0).max(max);

export const syncInput = z.strictObject({
  council: z.string().trim().min(1).max(200).optional(),
  since: isoDate.optional(),
  baseUrl: z
    .string()
    .trim()
    .default(DEFAULT_DC_API)
    .refine((u) => /^https?:\/\/[^/]+/i.test(u) && URL.canParse(u), { message: 'expected an http(s) URL' }),
  delayMs: ms(60_000).default(DEFAULT_POLICY.delayMs),
  timeoutMs: ms(600_000).pipe(z.number().min(1)).default(DEFAULT_POLICY.timeoutMs),
  retries: ms(20).default(DEFAULT_POLICY.retries),
  backoffMs: ms(60_000).default(DEFAULT_POLICY.backoffMs),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

const CSV_HEADER = [
  'person_id',
  'person_name',
  'election_id',
  'ballot_paper_id',
  'election_date',
  'election_current',
  'party_name',
  'party_id',
  'post_label',
  'cancelled_poll',
  'seats_contested',
  'votes_cast',
  'elected',
  'post_id',
];

const cell = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'True' : 'False') : csvCell(String(v));

/** The API's ballots as a Democracy Club candidates CSV, and which ballot each line came from. */
export function ballotsToCsv(ballots: readonly ApiBallot[]): {
  text: string;
  lineBallot: Map<number, string>;
} {
  const lines = [CSV_HEADER.join(',')];
  const lineBallot = new Map<number, string>();
  for (const b of ballots) {
    for (const c of b.candidacies ?? []) {
      lineBallot.set(lines.length + 1, b.ballot_paper_id);
      lines.push(
        [
          cell(c.person?.id),
          cell(c.person?.name),
          cell(b.election?.election_id),
          cell(b.ballot_paper_id),
          cell(b.election?.election_date),
          cell(b.election?.current ?? null),
          cell(c.party_name ?? c.party?.name),
          cell(c.party?.ec_id ?? c.party?.legacy_slug),
          cell(b.post?.label),
          cell(b.cancelled ?? null),
          cell(b.winner_count),
          cell(c.result?.num_ballots),
          cell(c.elected ?? c.result?.elected ?? null),
          cell(b.post?.id),
        ].join(','),
      );
    }
  }
  return { text: `${lines.join('\n')}\n`, lineBallot };
}

export interface SyncSummary extends AppliedImport {
  source: 'democracy-club';
  council: { id: string; name: string; slug: string } | null;
  since: string | null;
  cursor: { before: string | null; after: string };
  requests: number;
  retried: number;
  ballots: number;
  candidacies: number;
  notes: string[];
}

/** `caucus sync democracy-club [--council ID] [--since DATE]`. */
export async function syncDemocracyClub(ctx: AppContext, raw: unknown = {}): Promise<SyncSummary> {
  const input = parseInput(syncInput, raw, {
    council: '--council',
    since: '--since',
    baseUrl: '--base-url',
    delayMs: '--delay',
    timeoutMs: '--timeout',
    retries: '--retries',
    backoffMs: '--backoff',
    pageSize: '--page-size',
  });
  const startedAt = ctx.clock.now().toISOString();
  const council: Organization | null = input.council
    ? await findCouncil(ctx.store.query, input.council)
    : null;
  const slug = council
    ? ((await ctx.store.history.dcSlug(council.id)) ?? slugify(council.shortName ?? council.name))
    : null;
  const cursorName = `democracy-club:${council?.id ?? 'all'}`;
  const stored = await ctx.store.sync.get(cursorName);
  const since = input.since ? `${input.since}T00:00:00Z` : (stored?.cursor ?? null);

  const policy: FetchPolicy = {
    ...DEFAULT_POLICY,
    timeoutMs: input.timeoutMs,
    retries: input.retries,
    backoffMs: input.backoffMs,
    delayMs: input.delayMs,
  };
  const client = new PagedClient(policy);
  const base = input.baseUrl.replace(/\/+$/, '');
  const query = (after: string | null) => {
    const p = new URLSearchParams({ election_type: 'local', page_size: String(input.pageSize) });
    if (after) p.set('last_updated', after);
    return `${base}/ballots/?${p}`;
  };
  let after = since;
  ctx.progress?.('fetching from Democracy Club', 0, 1);
  const fetched = await client.all<ApiBallot>(query(after), (page) => {
    // A full chunk of a last_updated query: ask again from the latest change in it.
    if (!after || page.length < LAST_UPDATED_CHUNK) return null;
    const latest = latestUpdate(page);
    if (!latest || latest <= after) return null;
    after = latest;
    return query(after);
  });
  const ballots = fetched.filter((b) => {
    const id = tryParseElectionId(b.ballot_paper_id ?? '');
    return id.ok && id.value.type === 'local' && (!slug || id.value.organisation === slug);
  });
  const cursor = latestUpdate(fetched) ?? stored?.cursor ?? since ?? startedAt;
  const notes: string[] = [];
  if (fetched.length > ballots.length)
    notes.push(`${fetched.length - ballots.length} ballot(s) for other councils or polls skipped`);

  const label = `democracy-club-api-${council?.id ?? 'all'}`;
  const { text, lineBallot } = ballotsToCsv(ballots);
  const directory = councilDirectory(await ctx.store.history.councilDirectoryRecords());
  let parsed: ReturnType<typeof parseDcCandidates>;
  try {
    parsed = parseDcCandidates(text, label, { councils: directory, publishedOn: startedAt.slice(0, 10) });
  } catch (err) {
    // Name the ballot the bad record came from, not a line of the CSV made from it.
    const line = err instanceof CaucusError ? Number(err.details.line) : Number.NaN;
    if (err instanceof InvalidInputError && lineBallot.has(line))
      throw new InvalidInputError(`${err.message.replace(/^[^:]+:\d+: /, '')}; nothing was written`, {
        ...err.details,
        where: `Democracy Club API ballot ${lineBallot.get(line)}`,
      });
    throw err;
  }
  const source = {
    ...parsed.source,
    kind: 'url' as const,
    url: base,
    title: `Democracy Club candidates API${council ? ` (${council.name})` : ''}`,
  };
  parsed.snapshot.sources = [source];
  notes.push(...parsed.notes);

  const applied = await ctx.store.transaction(async (repos) => {
    const result = await applyImport(repos, { ...parsed, source }, { at: startedAt });
    await repos.sync.set({
      name: cursorName,
      cursor,
      updatedAt: startedAt,
      details: {
        baseUrl: base,
        since,
        requests: client.log.length,
        ballots: ballots.length,
        candidacies: parsed.snapshot.candidacies?.length ?? 0,
      },
    });
    return result;
  });
  return {
    source: 'democracy-club',
    council: council && slug ? { id: council.id, name: council.name, slug } : null,
    since,
    cursor: { before: stored?.cursor ?? null, after: cursor },
    requests: client.log.reduce((n, l) => n + l.attempts, 0),
    retried: client.log.reduce((n, l) => n + l.attempts - 1, 0),
    ballots: ballots.length,
    candidacies: parsed.snapshot.candidacies?.length ?? 0,
    ...applied,
    notes,
  };
}

function latestUpdate(ballots: readonly ApiBallot[]): string | null {
  let latest: string | null = null;
  for (const b of ballots)
    if (b.last_updated && (!latest || b.last_updated > latest)) latest = b.last_updated;
  return latest;
}
