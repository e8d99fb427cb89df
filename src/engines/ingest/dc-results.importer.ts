/**
 * Democracy Club result sets JSON (YNR API v0.9 `/result_sets/`): `{ results: [ { ballot_paper_id,
 * candidate_results: [ { num_ballots, is_winner, membership: { person, on_behalf_of, post, election } } ] } ] }`,
 * or a bare array of result sets. Post ids are old (`MTW:E05010881`) or new (`gss:E05010881`). A bad candidate
 * result rejects its whole result set, so a ballot is never half imported.
 */
import { InvalidInputError } from '../../domain/errors.js';
import { parseJsonText } from '../popolo/json-text.parser.js';
import type { ResultsImportOptions } from './dc-candidates.importer.js';
import { organisationElectionId, tryParseElectionId } from './dc-election-id.js';
import { detectFormat } from './format.detector.js';
import type { ImportResult } from './import.common.js';
import { datasetSource, type Reject, SnapshotBuilder, shown, wrongFormat } from './import.common.js';
import { parsePartyId, resolvePartyLabel } from './party-label.resolver.js';
import { type CandidacyFacts, ElectionRecords, gssFromPostId } from './results.builder.js';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Line of a result set in the text, found by its ballot id (the API writes each key once per set). */
function lineOf(text: string, ballotId: string | null): number {
  if (!ballotId) return 0;
  const escaped = ballotId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`"ballot_paper_id"\\s*:\\s*"${escaped}"`).exec(text);
  if (!m) return 0;
  let line = 1;
  for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

class FieldError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${path}: expected ${expected}, got ${got}`);
  }
}

function describe(v: Json): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return shown(v);
  return shown(JSON.stringify(v) ?? String(v));
}

/** Parses Democracy Club result sets into the same records as the candidates CSV, with votes and winners. */
export function parseDcResults(text: string, file: string, options: ResultsImportOptions = {}): ImportResult {
  const detected = detectFormat(text);
  if (detected !== 'dc-results')
    wrongFormat(file, 'dc-results', detected, ['results[].ballot_paper_id', 'results[].candidate_results']);
  const doc = parseJsonText(text, file);
  const sets: Json = Array.isArray(doc) ? doc : isObject(doc) ? doc.results : undefined;
  if (!Array.isArray(sets))
    throw new InvalidInputError(
      'expected an object with a "results" array of result sets (or such an array)',
      {
        where: file,
        rule: 'format',
      },
    );
  const source = datasetSource('dc-results', file, options.publishedOn ?? null);
  const b = new SnapshotBuilder();
  const records = new ElectionRecords(b, source, options.councils);
  const rejects: Reject[] = [];
  const skipped = new Map<string, number>();

  sets.forEach((set, i) => {
    const path = Array.isArray(doc) ? `[${i}]` : `results[${i}]`;
    const ballotId = isObject(set) && typeof set.ballot_paper_id === 'string' ? set.ballot_paper_id : null;
    try {
      const facts = readSet(set, path, skipped);
      const seen = new Set<string>();
      for (const [j, f] of facts.entries()) {
        const id = f.person.id;
        if (seen.has(id) || records.hasCandidacy(f))
          throw new FieldError(
            `${path}.candidate_results[${j}].membership.person.id`,
            'each person once per ballot',
            shown(f.person.id),
          );
        seen.add(id);
      }
      for (const f of facts) records.add(f);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const line = lineOf(text, ballotId);
      const err = new InvalidInputError(`field ${e.path}: expected ${e.expected}, got ${e.got}`, {
        where: line ? `${file}:${line}` : file,
        rule: 'row',
        file,
        line,
        path: e.path,
      });
      if (!options.skipInvalid) throw err;
      rejects.push({ line, reason: err.message, raw: JSON.stringify(set) ?? '' });
    }
  });

  const notes = records.finish();
  if (skipped.size)
    notes.unshift(
      `skipped result sets for polls other than local councils: ${[...skipped].map(([t, n]) => `${n} ${t}`).join(', ')}`,
    );
  const { snapshot, references } = b.build(source);
  return { format: 'dc-results', source, snapshot, rejects, references, notes, rows: sets.length };
}

function str(v: Json, path: string, expected: string, optional = false): string {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (optional && (v === undefined || v === null || v === '')) return '';
  throw new FieldError(path, expected, describe(v));
}

function readSet(set: Json, path: string, skipped: Map<string, number>): CandidacyFacts[] {
  if (!isObject(set)) throw new FieldError(path, 'a result set object', describe(set));
  const ballotId = str(set.ballot_paper_id, `${path}.ballot_paper_id`, 'a Democracy Club ballot id');
  const parsed = tryParseElectionId(ballotId);
  if (!parsed.ok)
    throw new FieldError(
      `${path}.ballot_paper_id`,
      `a Democracy Club ballot id (${parsed.reason})`,
      shown(ballotId),
    );
  const ballot = parsed.value;
  if (ballot.type !== 'local') {
    skipped.set(ballot.type, (skipped.get(ballot.type) ?? 0) + 1);
    return [];
  }
  if (ballot.division === null)
    throw new FieldError(
      `${path}.ballot_paper_id`,
      'a ballot id naming a ward (local.COUNCIL.WARD[.by].DATE)',
      shown(ballotId),
    );
  const results = set.candidate_results;
  if (!Array.isArray(results))
    throw new FieldError(`${path}.candidate_results`, 'an array', describe(results));
  const winners = results.filter((c) => isObject(c) && c.is_winner === true).length;
  return results.map((c, j): CandidacyFacts => {
    const cp = `${path}.candidate_results[${j}]`;
    if (!isObject(c)) throw new FieldError(cp, 'a candidate result object', describe(c));
    const m = c.membership;
    if (!isObject(m)) throw new FieldError(`${cp}.membership`, 'an object', describe(m));
    const person = m.person;
    if (!isObject(person))
      throw new FieldError(`${cp}.membership.person`, 'an object with id and name', describe(person));
    const personId = str(person.id, `${cp}.membership.person.id`, 'a Democracy Club person id');
    if (!/^\d+$/.test(personId))
      throw new FieldError(`${cp}.membership.person.id`, 'a whole number', describe(person.id));
    const name = str(person.name, `${cp}.membership.person.name`, "the candidate's name").replace(
      /\s+/g,
      ' ',
    );

    const votes = c.num_ballots;
    if (votes !== null && votes !== undefined && !(Number.isSafeInteger(votes) && (votes as number) >= 0))
      throw new FieldError(
        `${cp}.num_ballots`,
        'a whole number of votes (0 or more) or null',
        describe(votes),
      );
    const isWinner = c.is_winner ?? m.elected ?? false;
    if (typeof isWinner !== 'boolean')
      throw new FieldError(`${cp}.is_winner`, 'true or false', describe(isWinner));

    const election = m.election;
    if (isObject(election) && election.id !== undefined) {
      const eid = str(election.id, `${cp}.membership.election.id`, 'an election id');
      if (eid !== organisationElectionId(ballot))
        throw new FieldError(
          `${cp}.membership.election.id`,
          `"${organisationElectionId(ballot)}" (the election of ${ballotId})`,
          shown(eid),
        );
    }

    const post = m.post;
    let gss: string | null = null;
    let label = ballot.division!;
    if (isObject(post)) {
      const postId = str(post.id, `${cp}.membership.post.id`, 'a post id such as gss:E05010881', true);
      gss = postId ? gssFromPostId(postId) : null;
      const l = str(post.label, `${cp}.membership.post.label`, 'a ward name', true);
      if (l) label = l;
    } else if (post !== undefined && post !== null)
      throw new FieldError(`${cp}.membership.post`, 'an object', describe(post));

    const behalf = m.on_behalf_of;
    let party: CandidacyFacts['party'];
    if (isObject(behalf)) {
      const pid = str(behalf.id, `${cp}.membership.on_behalf_of.id`, 'a party id', true);
      const pname = str(behalf.name, `${cp}.membership.on_behalf_of.name`, 'a party name', true);
      if (pid) {
        const p = parsePartyId(pid, pname);
        if (!p)
          throw new FieldError(
            `${cp}.membership.on_behalf_of.id`,
            'a party id such as party:53, PP53 or ynmp-party:2',
            shown(pid),
          );
        party = p;
      } else party = resolvePartyLabel(pname) ?? { kind: 'label', label: pname };
    } else if (behalf === null || behalf === undefined) party = { kind: 'independent' };
    else throw new FieldError(`${cp}.membership.on_behalf_of`, 'an object or null', describe(behalf));

    return {
      person: { id: `dc-person:${personId}`, name, dcPersonId: personId },
      ballotId,
      ballot,
      // Result sets do not carry the seats up; the number of winners is the best evidence of it.
      seatsContested: winners > 0 ? winners : null,
      cancelled: false,
      post: { label, gss },
      party,
      votes: (votes as number | null | undefined) ?? null,
      elected: isWinner,
    };
  });
}
