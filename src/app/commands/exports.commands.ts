/**
 * Open exports, produced a page at a time so that memory stays flat however large the registry is:
 * the whole registry as Popolo JSON (table by table, through the Popolo mapper) and a Democracy
 * Club-style candidates CSV, whole or for one council.
 */
import { z } from 'zod';
import {
  type AliasOwnerType,
  emptySnapshot,
  type FactType,
  type SnapshotWithAliases,
} from '../../domain/model.js';
import { toPopolo } from '../../engines/popolo/index.js';
import type { KeyValue, SnapshotTable } from '../../store/repositories/catalog.repo.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';
import { resolveCouncil } from './catalog.commands.js';

const PAGE = 500;

/** Popolo document keys in the mapper's order, the table each comes from, and its fact type for sources. */
const POPOLO_SECTIONS: ReadonlyArray<[string, SnapshotTable, FactType | null]> = [
  ['persons', 'persons', 'person'],
  ['organizations', 'organizations', 'organization'],
  ['memberships', 'memberships', 'membership'],
  ['posts', 'posts', 'post'],
  ['areas', 'areas', 'area'],
  ['events', 'events', 'event'],
  ['caucus:sources', 'sources', null],
  ['caucus:citations', 'citations', null],
  ['caucus:elections', 'elections', 'election'],
  ['caucus:ballots', 'ballots', 'ballot'],
  ['caucus:candidacies', 'candidacies', 'candidacy'],
  ['caucus:selections', 'selections', 'selection'],
  ['caucus:selection_candidates', 'selectionCandidates', null],
  ['caucus:membership_counts', 'membershipCounts', 'membership-count'],
];

/** The tables whose records carry aliases (as Popolo other names). */
const ALIAS_OWNERS: Partial<Record<SnapshotTable, AliasOwnerType>> = {
  persons: 'person',
  organizations: 'organization',
  areas: 'area',
};

/**
 * The whole registry as a Popolo JSON document, in chunks of text: each page of each table is mapped
 * with only the sources, citations, identifiers and aliases its records need. Concatenated, the chunks
 * are one JSON document with the same arrays as `toPopolo` of the whole registry and its aliases.
 */
export async function* popoloChunks(ctx: AppContext): AsyncGenerator<string> {
  const { catalog, query, linking } = ctx.store;
  yield `{"caucus:version":${JSON.stringify(toPopolo(emptySnapshot())['caucus:version'])}`;
  for (const [key, table, factType] of POPOLO_SECTIONS) {
    yield `,\n${JSON.stringify(key)}:[`;
    let after: KeyValue[] | null = null;
    let first = true;
    for (;;) {
      const page: Array<{ record: { id?: string; sourceId?: string }; key: KeyValue[] }> =
        await catalog.tablePage<{ id?: string; sourceId?: string }>(table, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.key;
      const partial: SnapshotWithAliases = emptySnapshot();
      (partial[table] as unknown[]) = page.map((p) => p.record);
      if (factType) {
        const ids = page.map((p) => p.record.id!);
        partial.identifiers = await catalog.identifiersOf(factType, ids);
        partial.citations = await query.citations(factType, ids);
        partial.sources = await query.sources([
          ...page.map((p) => p.record.sourceId!),
          ...partial.citations.map((c) => c.sourceId),
        ]);
        const owner = ALIAS_OWNERS[table];
        if (owner) partial.aliases = await linking.aliasRecordsOf(owner, ids);
      }
      const items = (toPopolo(partial) as unknown as Record<string, unknown[]>)[key]!;
      yield (first ? '\n' : ',\n') + items.map((i) => JSON.stringify(i)).join(',\n');
      first = false;
      if (page.length < PAGE) break;
    }
    yield first ? ']' : '\n]';
  }
  yield '\n}\n';
}

export const candidatesCsvInput = z.strictObject({ council: z.string().trim().min(1).max(200).optional() });

export const CANDIDATES_CSV_COLUMNS = [
  'person_id',
  'person_name',
  'election_id',
  'ballot_paper_id',
  'election_date',
  'party_id',
  'party_name',
  'post_label',
  'gss',
  'votes_cast',
  'elected',
] as const;

/** A CSV cell (RFC 4180); text that a spreadsheet would run as a formula is prefixed with a quote mark. */
export function csvCell(value: string | number | null, text = true): string {
  if (value === null) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The candidates CSV (Democracy Club's column names), whole or for one council. The council is looked up
 * before any row is produced, so an unknown council is an error rather than an empty file.
 */
export async function candidatesCsv(
  ctx: AppContext,
  raw: unknown,
): Promise<{ council: { id: string; name: string } | null; chunks: AsyncGenerator<string> }> {
  const input = parseInput(candidatesCsvInput, raw);
  const council = input.council ? await resolveCouncil(ctx.store.query, input.council) : undefined;
  const catalog = ctx.store.catalog;
  async function* chunks(): AsyncGenerator<string> {
    yield `${CANDIDATES_CSV_COLUMNS.join(',')}\r\n`;
    let after: string | null = null;
    for (;;) {
      const rows = await catalog.candidateRows({ councilId: council?.id }, after, PAGE * 2);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.candidacyId;
      yield rows
        .map(
          (r) =>
            `${[
              csvCell(r.personId),
              csvCell(r.personName),
              csvCell(r.electionId),
              csvCell(r.ballotId),
              csvCell(r.date),
              // Democracy Club's id for independents, where the candidate stood for no registered party.
              csvCell(r.partyId ? (r.partyEcId ?? r.partyId) : 'ynmp-party:2'),
              csvCell(r.partyId ? (r.partyName ?? r.partyId) : 'Independent'),
              csvCell(r.postLabel),
              csvCell(r.gss),
              csvCell(r.votes, false),
              r.elected ? 'True' : 'False',
            ].join(',')}\r\n`,
        )
        .join('');
      if (rows.length < PAGE * 2) return;
    }
  }
  return { council: council ? { id: council.id, name: council.name } : null, chunks: chunks() };
}
