/**
 * Results out in the formats they came in: `caucus export dc-candidates` (Democracy Club's candidates CSV
 * columns, plus the council's GSS code and votes) and `caucus export lga-results` (the LGA's 33 columns). Both
 * read back with `caucus import` into the same records, and are produced a page at a time.
 */
import { z } from 'zod';
import type { Organization } from '../../domain/model.js';
import { LGA_COLUMNS } from '../../engines/ingest/index.js';
import type { ResultRow } from '../../store/repositories/history.repo.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';
import { findCouncil } from './control.commands.js';
import { csvCell } from './exports.commands.js';

const PAGE = 2000;

/** The Democracy Club candidates CSV columns Caucus writes, in order; `council_gss` is Caucus's addition. */
export const DC_EXPORT_COLUMNS = [
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
  'gss',
  'post_id',
  'council_gss',
] as const;

export const resultsExportInput = z.strictObject({ council: z.string().trim().min(1).max(200).optional() });

export interface ResultsExport {
  council: { id: string; name: string } | null;
  /** Rows written so far (final once `chunks` is exhausted). */
  stats: { rows: number; withoutDcPersonId: number };
  chunks: AsyncGenerator<string>;
}

const bool = (b: boolean) => (b ? 'True' : 'False');

/** Democracy Club's id for candidates standing for no registered party. */
const INDEPENDENT_ID = 'ynmp-party:2';

function dcLine(r: ResultRow): string {
  return [
    csvCell(r.dcPersonId),
    csvCell(r.personName),
    csvCell(r.electionId),
    csvCell(r.ballotId),
    csvCell(r.date),
    '',
    csvCell(r.partyId ? (r.partyName ?? r.partyId) : 'Independent'),
    // A party known only by its label has no id: the label is re-read on import and gives the same party.
    csvCell(r.partyId ? r.partyEcId : INDEPENDENT_ID),
    csvCell(r.postLabel),
    bool(r.cancelled),
    String(r.seatsContested),
    csvCell(r.votes, false),
    bool(r.elected),
    csvCell(r.wardGss),
    csvCell(r.wardGss ? `gss:${r.wardGss}` : null),
    csvCell(r.councilGss),
  ].join(',');
}

const LGA_TYPES: Readonly<Record<string, string>> = {
  CTY: 'County',
  NMD: 'DistrictAndBorough',
  MD: 'Metropolitan',
  LBO: 'LondonBorough',
  UA: 'Unitary',
};
const GSS_URI = 'http://statistics.data.gov.uk/id/statistical-geography/';
const EC_URI = 'http://search.electoralcommission.org.uk/English/Registrations/';

/** Official and commonly used names, so the importer rebuilds the same person: name = used forenames + surname. */
function lgaNames(r: ResultRow): {
  surname: string;
  forenames: string;
  usedSurname: string;
  usedForenames: string;
} {
  const words = r.personName.trim().split(/\s+/);
  const surname = r.familyName ?? words[words.length - 1] ?? '';
  const forenames = r.givenName ?? (r.familyName ? '' : words.slice(0, -1).join(' '));
  const official = [forenames, surname].filter(Boolean).join(' ');
  if (official === r.personName) return { surname, forenames, usedSurname: '', usedForenames: '' };
  const usedSurname =
    r.personName.endsWith(` ${surname}`) || r.personName === surname ? surname : (words.at(-1) ?? '');
  const usedForenames = r.personName.slice(0, r.personName.length - usedSurname.length).trim();
  return { surname, forenames, usedSurname, usedForenames };
}

function lgaLine(r: ResultRow): string {
  const n = lgaNames(r);
  const cells: Record<(typeof LGA_COLUMNS)[number], string> = {
    PublicationDate: '',
    OrganisationURI: r.councilGss ? `${GSS_URI}${r.councilGss}` : '',
    OrganisationLabel: csvCell(r.councilName),
    ElectionTitle: csvCell(`${r.councilName} ${r.byElection ? 'by-election' : 'election'}`),
    ElectionWebpage: '',
    ElectionDate: r.date,
    TypeofElection: r.byElection ? 'By-election' : (LGA_TYPES[r.councilType ?? ''] ?? 'Local'),
    ElectoralAreaURI: r.wardGss ? `${GSS_URI}${r.wardGss}` : '',
    ElectoralAreaLabel: csvCell(r.postLabel),
    NumberOfSeats: String(r.seatsContested),
    CandidateSurname: csvCell(n.surname),
    CandidateForenames: csvCell(n.forenames),
    CommonlyUsedSurname: csvCell(n.usedSurname),
    CommonlyUsedForenames: csvCell(n.usedForenames),
    CandidateAddress: '',
    PoliticalPartyURI: r.partyEcId ? `${EC_URI}${r.partyEcId}` : '',
    PoliticalPartyLabel: csvCell(r.partyId ? (r.partyName ?? r.partyId) : 'Independent'),
    CandidatesDescription: '',
    VotesWon: csvCell(r.votes, false),
    Elected: r.elected ? 'Yes' : 'No',
    VotesCast: '',
    EligibleElectorate: '',
    PercentageTurnout: '',
    BallotPapersIssued: '',
    BallotPapersRejected: '',
    RejectedNoOfficialMark: '',
    RejectedTooManyVotes: '',
    RejectedIdentifyingMark: '',
    RejectedUnmarkedOrVoid: '',
    PostalVotesIssued: '',
    PostalVotesReturned: '',
    ResultDeclared: '',
    Notes: '',
  };
  return LGA_COLUMNS.map((c) => cells[c]).join(',');
}

async function resultsExport(
  ctx: AppContext,
  raw: unknown,
  header: readonly string[],
  line: (r: ResultRow) => string,
): Promise<ResultsExport> {
  const input = parseInput(resultsExportInput, raw, { council: '--council' });
  // Looked up before any row, so an unknown council is an error rather than an empty file.
  const council: Organization | undefined = input.council
    ? await findCouncil(ctx.store.query, input.council)
    : undefined;
  const history = ctx.store.history;
  const stats = { rows: 0, withoutDcPersonId: 0 };
  async function* chunks(): AsyncGenerator<string> {
    yield `${header.join(',')}\r\n`;
    let after: string | null = null;
    for (;;) {
      const rows = await history.resultRows({ councilId: council?.id }, after, PAGE);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.candidacyId;
      stats.rows += rows.length;
      stats.withoutDcPersonId += rows.filter((r) => r.dcPersonId === null).length;
      yield rows.map((r) => `${line(r)}\r\n`).join('');
      if (rows.length < PAGE) return;
    }
  }
  return { council: council ? { id: council.id, name: council.name } : null, stats, chunks: chunks() };
}

/**
 * The Democracy Club candidates CSV of the registry's results, whole or for one council. People without a
 * Democracy Club person id are written with an empty `person_id` (counted in `stats.withoutDcPersonId`).
 */
export function exportDcCandidates(ctx: AppContext, raw: unknown): Promise<ResultsExport> {
  return resultsExport(ctx, raw, DC_EXPORT_COLUMNS, dcLine);
}

/** The LGA election results CSV (33 columns) of the registry's results, whole or for one council. */
export function exportLgaResults(ctx: AppContext, raw: unknown): Promise<ResultsExport> {
  return resultsExport(ctx, raw, LGA_COLUMNS, lgaLine);
}
