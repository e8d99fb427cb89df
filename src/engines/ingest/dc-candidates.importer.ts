/**
 * Democracy Club candidates CSV (candidates.democracyclub.org.uk data exports), matched by column name so the
 * current and the legacy layouts both read: `person_id, person_name, election_id, ballot_paper_id, election_date,
 * election_current, party_name, party_id, post_label, cancelled_poll, seats_contested`, optionally `votes_cast,
 * elected, gss, post_id`. Party ids come as `PP53`, legacy `party:53`, `joint-party:53-119` or `ynmp-party:2`.
 * Only local-council ballots are imported; rows for other polls (parl, mayor, pcc...) are counted in the notes.
 */
import type { CouncilDirectory } from './councils.importer.js';
import { type ElectionId, organisationElectionId, tryParseElectionId } from './dc-election-id.js';
import { detectFormat } from './format.detector.js';
import {
  ColumnMap,
  datasetSource,
  type ImportOptions,
  type ImportResult,
  type Reject,
  RowReader,
  SnapshotBuilder,
  streamRows,
  wrongFormat,
} from './import.common.js';
import { parsePartyId, resolvePartyLabel } from './party-label.resolver.js';
import { type CandidacyFacts, ElectionRecords, gssFromPostId } from './results.builder.js';

export const DC_CANDIDATES_REQUIRED = ['person_id', 'person_name', 'ballot_paper_id'] as const;

export interface ResultsImportOptions extends ImportOptions {
  /** Turns Democracy Club slugs, GSS codes and names into registry council ids; without it councils are placeholders. */
  councils?: CouncilDirectory;
}

const GSS = /^[EWSN]\d{8}$/;

/** Parses a Democracy Club candidates CSV into persons, elections, ballots, posts, wards, parties and candidacies. */
export function parseDcCandidates(
  text: string,
  file: string,
  options: ResultsImportOptions = {},
): ImportResult {
  const detected = detectFormat(text);
  if (detected !== 'dc-candidates') wrongFormat(file, 'dc-candidates', detected, [...DC_CANDIDATES_REQUIRED]);
  const source = datasetSource('dc-candidates', file, options.publishedOn ?? null);
  const b = new SnapshotBuilder();
  const records = new ElectionRecords(b, source, options.councils);
  const rejects: Reject[] = [];
  const skipped = new Map<string, number>();
  const ids = new BallotIds();

  let cols = new ColumnMap([]);
  const start = (header: string[]) => {
    cols = new ColumnMap(header);
    const missing = cols.missing(DC_CANDIDATES_REQUIRED);
    if (missing.length) wrongFormat(file, 'dc-candidates', null, missing);
  };
  // Streamed: a national export has hundreds of thousands of rows.
  const rows = streamRows(text, file, {}, options, rejects, start, (row) => {
    const r: RowReader = new RowReader(file, row, cols);
    r.checkWidth();
    const facts = readRow(r, skipped, ids);
    if (!facts) return;
    if (records.hasCandidacy(facts))
      r.fail('person_id', `one row per person per ballot (this person is already on ${facts.ballotId})`);
    records.add(facts);
  });

  const notes = records.finish();
  if (skipped.size)
    notes.unshift(
      `skipped rows for polls other than local councils: ${[...skipped].map(([t, n]) => `${n} ${t}`).join(', ')}`,
    );
  const { snapshot, references } = b.build(source);
  return { format: 'dc-candidates', source, snapshot, rejects, references, notes, rows };
}

type ParsedBallot =
  | { ok: true; id: string; value: ElectionId; election: string }
  | { ok: false; reason: string };

/**
 * Ballot ids repeat on every row of a ballot: parse each once. The answer carries the first-seen id string,
 * which the records then share (one string per ballot instead of one per row, its hash computed once), and
 * the last ballot is checked first since a ballot's rows usually come together.
 */
class BallotIds {
  private readonly cache = new Map<string, ParsedBallot>();
  private last: ParsedBallot | null = null;
  private lastId = '';

  parse(id: string): ParsedBallot {
    if (id === this.lastId && this.last) return this.last;
    let p = this.cache.get(id);
    if (!p) {
      const r = tryParseElectionId(id);
      p = r.ok ? { ok: true, id, value: r.value, election: organisationElectionId(r.value) } : r;
      this.cache.set(id, p);
    }
    this.last = p;
    this.lastId = id;
    return p;
  }
}

function readRow(r: RowReader, skipped: Map<string, number>, ids: BallotIds): CandidacyFacts | null {
  const cell = r.required(
    'ballot_paper_id',
    'a Democracy Club ballot id such as local.sheffield.ecclesall.2021-05-06',
  );
  const parsed = ids.parse(cell);
  if (!parsed.ok) r.fail('ballot_paper_id', `a Democracy Club ballot id (${parsed.reason})`);
  const ballot = parsed.value;
  const ballotId = parsed.id;
  if (ballot.type !== 'local') {
    skipped.set(ballot.type, (skipped.get(ballot.type) ?? 0) + 1);
    return null;
  }
  if (ballot.division === null)
    r.fail(
      'ballot_paper_id',
      'a ballot id naming a ward (local.COUNCIL.WARD[.by].DATE), not a whole election',
    );

  const electionId = r.get('election_id');
  const expectedElection = parsed.election;
  if (electionId !== '' && electionId !== expectedElection)
    r.fail('election_id', `"${expectedElection}" (the election of ${ballotId})`);
  const electionDate = r.get('election_date');
  if (electionDate !== '' && electionDate !== ballot.date)
    r.fail('election_date', `${ballot.date} (the date in ${ballotId})`);

  const personId = r.required('person_id', 'a Democracy Club person id (a whole number)');
  if (!/^\d+$/.test(personId)) r.fail('person_id', 'a Democracy Club person id (a whole number)');
  const rawName = r.required('person_name', "the candidate's name");
  // Collapse runs of whitespace, without building a new string for the usual single spaces.
  const name = /\s\s|[\t\n\r]/.test(rawName) ? rawName.replace(/\s+/g, ' ') : rawName;

  const partyIdCell = r.get('party_id');
  const partyName = r.get('party_name');
  let party: CandidacyFacts['party'];
  if (partyIdCell !== '') {
    const p = parsePartyId(partyIdCell, partyName);
    if (!p) r.fail('party_id', 'a party id such as PP53, party:53, joint-party:53-119 or ynmp-party:2');
    party = p;
  } else {
    party = resolvePartyLabel(partyName) ?? { kind: 'label', label: partyName };
  }

  const gssCell = r.get('gss');
  if (gssCell !== '' && !GSS.test(gssCell)) r.fail('gss', 'a GSS code such as E05010867 or nothing');
  const postIdCell = r.get('post_id');
  const gss = gssCell || (postIdCell ? gssFromPostId(postIdCell) : null);
  if (gssCell && postIdCell) {
    const fromPost = gssFromPostId(postIdCell);
    if (fromPost && fromPost !== gssCell) r.fail('gss', `${fromPost} (the code in post_id ${postIdCell})`);
  }

  const seats = r.int('seats_contested', 'a number of seats (1 or more) or nothing', { min: 1 });
  const votes = r.int('votes_cast', 'a number of votes (0 or more) or nothing', { min: 0 });
  const elected = r.bool('elected', false)!;
  const cancelled = r.bool('cancelled_poll', false)!;
  r.bool('election_current', null);

  return {
    person: { id: `dc-person:${personId}`, name, dcPersonId: personId },
    ballotId,
    ballot,
    seatsContested: seats,
    cancelled,
    post: { label: r.get('post_label') || ballot.division!, gss },
    party,
    votes,
    elected,
  };
}
