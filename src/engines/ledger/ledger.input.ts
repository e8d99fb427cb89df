/**
 * Registry records (as the store returns them, or as importers produce them) to the plain inputs of the ledger
 * and cycle engines for one council.
 */
import type {
  Ballot,
  Candidacy,
  CaucusEvent,
  Election,
  Post,
  Selection,
  SelectionCandidate,
} from '../../domain/model.js';
import type { CycleInput } from './cycle.engine.js';
import type { LedgerBallot, LedgerInput, LedgerSelection, TermRule } from './ledger.engine.js';

/** The fields of registry records the ledger and cycle read (whole records from the store or importers fit). */
export interface HistoryInput {
  posts?: ReadonlyArray<Pick<Post, 'id' | 'councilId' | 'label' | 'seats'>>;
  elections?: ReadonlyArray<Pick<Election, 'id' | 'councilId'>>;
  ballots?: ReadonlyArray<
    Pick<Ballot, 'id' | 'postId' | 'electionId' | 'date' | 'byElection' | 'seatsContested'>
  >;
  candidacies?: ReadonlyArray<Pick<Candidacy, 'ballotId' | 'personId' | 'partyId' | 'votes' | 'elected'>>;
  selections?: ReadonlyArray<Pick<Selection, 'id' | 'councilId' | 'partyId' | 'postId' | 'pollDate'>>;
  selectionCandidates?: ReadonlyArray<
    Pick<SelectionCandidate, 'selectionId' | 'personId' | 'sitting' | 'soughtReselection' | 'chosen'>
  >;
  events?: ReadonlyArray<Pick<CaucusEvent, 'id' | 'type' | 'date' | 'personId' | 'councilId' | 'details'>>;
}
type Records = HistoryInput;

/** The council's posts and ballots with their candidacies. Cancelled (uncontested) ballots stay: their candidates were returned unopposed. */
function councilBallots(
  records: Records,
  councilId: string,
): { posts: LedgerInput['posts']; ballots: LedgerBallot[] } {
  const posts = (records.posts ?? []).filter((p) => p.councilId === councilId);
  const postIds = new Set(posts.map((p) => p.id));
  const elections = new Set(
    (records.elections ?? []).filter((e) => e.councilId === councilId).map((e) => e.id),
  );
  const ballots = (records.ballots ?? []).filter((b) => postIds.has(b.postId) || elections.has(b.electionId));
  const byBallot = new Map<string, LedgerBallot['candidacies'][number][]>();
  for (const c of records.candidacies ?? []) {
    const list = byBallot.get(c.ballotId);
    const entry = { personId: c.personId, partyId: c.partyId, votes: c.votes, elected: c.elected };
    if (list) list.push(entry);
    else byBallot.set(c.ballotId, [entry]);
  }
  return {
    posts: posts.map((p) => ({ id: p.id, label: p.label, seats: p.seats })),
    ballots: ballots.map((b) => ({
      id: b.id,
      postId: b.postId,
      date: b.date,
      byElection: b.byElection,
      seatsContested: b.seatsContested,
      candidacies: byBallot.get(b.id) ?? [],
    })),
  };
}

/** The ledger input for one council from registry records: ledgerInputFrom(snapshot, 'SHF'). */
export function ledgerInputFrom(records: Records, councilId: string, termRule?: TermRule): LedgerInput {
  const { posts, ballots } = councilBallots(records, councilId);
  const candidatesBySelection = new Map<string, LedgerSelection['candidates'][number][]>();
  for (const sc of records.selectionCandidates ?? []) {
    const list = candidatesBySelection.get(sc.selectionId);
    const entry = {
      personId: sc.personId,
      sitting: sc.sitting,
      soughtReselection: sc.soughtReselection,
      chosen: sc.chosen,
    };
    if (list) list.push(entry);
    else candidatesBySelection.set(sc.selectionId, [entry]);
  }
  const selections = (records.selections ?? [])
    .filter((s) => s.councilId === councilId)
    .map((s) => ({
      id: s.id,
      partyId: s.partyId,
      postId: s.postId,
      pollDate: s.pollDate,
      candidates: candidatesBySelection.get(s.id) ?? [],
    }));
  // Events about people matter wherever they were filed (a defection may carry the party's id, not the council's).
  const people = new Set(ballots.flatMap((b) => b.candidacies.map((c) => c.personId)));
  const events = (records.events ?? [])
    .filter((e) => e.councilId === councilId || (e.personId !== null && people.has(e.personId)))
    .map((e) => ({ id: e.id, type: e.type, date: e.date, personId: e.personId, details: e.details }));
  return { council: councilId, posts, ballots, selections, events, ...(termRule ? { termRule } : {}) };
}

/** The cycle input for one council from registry records. */
export function cycleInputFrom(records: Records, councilId: string, termYears?: number): CycleInput {
  const { posts, ballots } = councilBallots(records, councilId);
  return { council: councilId, posts, ballots, ...(termYears ? { termYears } : {}) };
}
