/**
 * The Local Government Association's election results CSV, which councils publish after each count (one row per
 * candidate, 33 columns: PublicationDate, OrganisationURI, OrganisationLabel, ..., ElectionDate, TypeofElection,
 * ElectoralAreaURI, ElectoralAreaLabel, CandidateSurname, CandidateForenames, CommonlyUsedSurname,
 * CommonlyUsedForenames, PoliticalPartyURI, PoliticalPartyLabel, CandidatesDescription, VotesWon, Elected,
 * VotesCast, EligibleElectorate, ...). Columns are matched by name. Real files write surnames in capitals, link
 * parties to the Electoral Commission register and wards to their GSS codes, and mix ordinary elections,
 * by-elections and other polls (parish, mayor, PCC) in one file: only council ballots are imported.
 */
import { type IsoDate, isIsoDate, isoFromParts } from '../../domain/dates.js';
import { readCsv } from './csv.reader.js';
import type { ResultsImportOptions } from './dc-candidates.importer.js';
import { buildElectionId, parseElectionId, slugify } from './dc-election-id.js';
import { detectFormat } from './format.detector.js';
import {
  ColumnMap,
  datasetSource,
  eachRow,
  type ImportResult,
  type Reject,
  RowReader,
  SnapshotBuilder,
  wrongFormat,
} from './import.common.js';
import { ecIdFromUri, type PartyRef, partyNameFor, resolvePartyLabel } from './party-label.resolver.js';
import { type CandidacyFacts, ElectionRecords } from './results.builder.js';

export const LGA_REQUIRED = [
  'ElectionDate',
  'ElectoralAreaLabel',
  'CandidateSurname',
  'CandidateForenames',
  'VotesWon',
  'Elected',
] as const;

/**
 * The column list of the LGA schema as councils publish it, in order. Caucus matches by name; this list is for
 * documentation, exports and test fixtures.
 */
export const LGA_COLUMNS = [
  'PublicationDate',
  'OrganisationURI',
  'OrganisationLabel',
  'ElectionTitle',
  'ElectionWebpage',
  'ElectionDate',
  'TypeofElection',
  'ElectoralAreaURI',
  'ElectoralAreaLabel',
  'NumberOfSeats',
  'CandidateSurname',
  'CandidateForenames',
  'CommonlyUsedSurname',
  'CommonlyUsedForenames',
  'CandidateAddress',
  'PoliticalPartyURI',
  'PoliticalPartyLabel',
  'CandidatesDescription',
  'VotesWon',
  'Elected',
  'VotesCast',
  'EligibleElectorate',
  'PercentageTurnout',
  'BallotPapersIssued',
  'BallotPapersRejected',
  'RejectedNoOfficialMark',
  'RejectedTooManyVotes',
  'RejectedIdentifyingMark',
  'RejectedUnmarkedOrVoid',
  'PostalVotesIssued',
  'PostalVotesReturned',
  'ResultDeclared',
  'Notes',
] as const;

/** How a TypeofElection value is treated. */
export type LgaPoll = { kind: 'council'; byElection: boolean } | { kind: 'other'; label: string };

const OTHER_POLLS: ReadonlyArray<[RegExp, string]> = [
  [/parish|town|community|neighbourhood/, 'parish, town or community council'],
  [/mayor/, 'mayoral'],
  [/police|pcc|crimecommissioner/, 'police and crime commissioner'],
  [/parliament|general|westminster|ukparl/, 'parliamentary'],
  [/europe/, 'European Parliament'],
  [/referend/, 'referendum'],
  [/assembly|senedd|greaterlondon/, 'assembly'],
];
const COUNCIL_POLLS =
  /districtandborough|district|borough|county|unitary|metropolitan|london|local|city|council|principal|ward|division/;

/** Classifies a TypeofElection value: a council poll (ordinary or by-election) or another kind of poll. */
export function classifyLgaPoll(value: string): LgaPoll | null {
  const key = value.toLowerCase().replace(/[^a-z]/g, '');
  const byElection = /byelection|bypoll|casualvacancy/.test(key);
  for (const [re, label] of OTHER_POLLS) if (re.test(key)) return { kind: 'other', label };
  if (key === '' || key === 'byelection' || key === 'ordinary' || COUNCIL_POLLS.test(key))
    return { kind: 'council', byElection };
  return null;
}

/**
 * Name case for names written in capitals, leaving mixed-case names alone:
 * nameCase('MCDONALD-SMITH') === 'McDonald-Smith', nameCase("O'BRIEN") === "O'Brien", nameCase('van Dyke') unchanged.
 */
export function nameCase(name: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  if (/[a-z]/.test(n) || !/[A-Z]/.test(n)) return n;
  return n
    .toLowerCase()
    .replace(/(^|[\s\-'\u2019(])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/\bMc(\p{L})/gu, (_, ch: string) => `Mc${ch.toUpperCase()}`);
}

/** A date in the forms LGA files use: 2021-05-06, 2021-05-06T00:00:00, 06/05/2021. */
export function parseLgaDate(v: string): IsoDate | null {
  let m = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?$/.exec(v);
  if (m && isIsoDate(m[1]!)) return m[1]!;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) {
    const iso = isoFromParts(Number(m[3]), Number(m[2]), Number(m[1]));
    if (isIsoDate(iso)) return iso;
  }
  return null;
}

const GSS_IN = /(?:^|[^A-Za-z0-9])([EWSN]\d{8})(?:$|[^0-9])/;

// Words around a council's place name, dropped to make its slug when the councils directory does not know it.
const COUNCIL_WORDS =
  /^(?:the |london borough of |royal borough of |city and county of |county borough of |city of |borough of )+|(?: metropolitan borough| metropolitan district| county borough| city| borough| district| county)?(?: council)$/i;

interface Group {
  key: string;
  seats: number | null;
}

/** Parses an LGA election results CSV into the same records as the Democracy Club importers. */
export function parseLgaResults(
  text: string,
  file: string,
  options: ResultsImportOptions = {},
): ImportResult {
  const detected = detectFormat(text);
  if (detected !== 'lga-results') wrongFormat(file, 'lga-results', detected, [...LGA_REQUIRED]);
  const table = readCsv(text, file, { delimiter: 'auto' });
  const cols = new ColumnMap(table.header);
  const missing = cols.missing(LGA_REQUIRED);
  if (cols.index('OrganisationLabel') === undefined && cols.index('OrganisationURI') === undefined)
    missing.push('OrganisationLabel');
  if (missing.length) wrongFormat(file, 'lga-results', null, missing);
  const source = datasetSource('lga-results', file, options.publishedOn ?? null);
  const b = new SnapshotBuilder();
  const records = new ElectionRecords(b, source, options.councils);
  const rejects: Reject[] = [];
  const skipped = new Map<string, number>();
  const groups = new Map<string, Group>();

  eachRow(table, options, rejects, (row) => {
    const r: RowReader = new RowReader(file, row, cols);
    r.checkWidth();
    const facts = readRow(r, options, skipped, groups);
    if (!facts) return;
    if (records.hasCandidacy(facts))
      r.fail(
        'CandidateSurname',
        `one row per candidate per ballot (${facts.person.name} is already on ${facts.ballotId})`,
      );
    records.add(facts);
  });

  const notes = records.finish();
  if (skipped.size)
    notes.unshift(`skipped rows for other polls: ${[...skipped].map(([t, n]) => `${n} ${t}`).join(', ')}`);
  notes.push(
    'LGA files carry no person ids: each candidate is a person per council and poll day until person matching merges them',
  );
  const { snapshot, references } = b.build(source);
  return { format: 'lga-results', source, snapshot, rejects, references, notes, rows: table.rows.length };
}

function councilSlug(r: RowReader, options: ResultsImportOptions, date: IsoDate): string {
  const uri = r.get('OrganisationURI');
  const label = r.get('OrganisationLabel');
  const gss = GSS_IN.exec(uri)?.[1] ?? null;
  const found =
    (gss ? options.councils?.byGss(gss) : null) ?? (label ? options.councils?.byName(label, date) : null);
  if (found) return found.slug;
  const fromLabel = slugify(label.replace(COUNCIL_WORDS, '').trim() || label, { ampersand: 'drop' });
  if (fromLabel) return fromLabel;
  const tail = slugify(uri.split(/[/#]/).filter(Boolean).pop() ?? '');
  if (tail) return tail;
  return r.fail('OrganisationLabel', 'the name of the council holding the poll');
}

function readRow(
  r: RowReader,
  options: ResultsImportOptions,
  skipped: Map<string, number>,
  groups: Map<string, Group>,
): CandidacyFacts | null {
  const typeCell = r.get('TypeofElection');
  const poll = classifyLgaPoll(typeCell);
  if (!poll)
    r.fail(
      'TypeofElection',
      'a type of election such as DistrictAndBorough, County, Parish, Mayor or a by-election',
    );
  if (poll.kind === 'other') {
    skipped.set(poll.label, (skipped.get(poll.label) ?? 0) + 1);
    return null;
  }
  const date = parseLgaDate(r.required('ElectionDate', 'a date such as 2021-05-06 or 06/05/2021'));
  if (!date) r.fail('ElectionDate', 'a date such as 2021-05-06 or 06/05/2021');

  let wardLabel = r.required('ElectoralAreaLabel', 'the ward or division name').replace(/\s+/g, ' ');
  // Some councils mark a by-election in the ward label rather than the type: "Park (by-election)".
  let byElection = poll.byElection;
  const marked = /\s*[([]?\s*by[\s-]?election\s*[)\]]?\s*$/i;
  if (marked.test(wardLabel)) {
    byElection = true;
    wardLabel = wardLabel.replace(marked, '').trim();
  }
  const flag = r.has('ByElection') ? r.bool('ByElection', null) : null;
  if (flag !== null) byElection = flag;
  const areaUri = r.get('ElectoralAreaURI');
  const gss = GSS_IN.exec(areaUri)?.[1] ?? null;
  if (areaUri && !gss && /\d{6}/.test(areaUri))
    r.fail('ElectoralAreaURI', 'a URI ending in a GSS code such as E05000650');

  const orgSlug = councilSlug(r, options, date);
  const wardSlug = slugify(wardLabel, { ampersand: 'drop' });
  if (!wardSlug) r.fail('ElectoralAreaLabel', 'a ward name with letters or digits');
  const ballotId = buildElectionId({
    type: 'local',
    organisation: orgSlug,
    division: wardSlug,
    byElection,
    date,
  });

  const surnameRaw = r.required('CandidateSurname', "the candidate's surname");
  const forenamesRaw = r.get('CandidateForenames');
  const surname = nameCase(surnameRaw);
  const forenames = nameCase(forenamesRaw);
  const usedSurname = nameCase(r.get('CommonlyUsedSurname')) || surname;
  const usedForenames = nameCase(r.get('CommonlyUsedForenames')) || forenames;
  const name = [usedForenames, usedSurname].filter(Boolean).join(' ');

  const votes = r.int('VotesWon', 'a number of votes (0 or more) or nothing for an uncontested seat', {
    min: 0,
  });
  const elected = r.bool('Elected', false)!;
  r.int('VotesCast', 'a number of ballots (0 or more) or nothing', { min: 0 });
  r.int('EligibleElectorate', 'a number of electors (0 or more) or nothing', { min: 0 });
  const seatsCell = r.has('NumberOfSeats')
    ? r.int('NumberOfSeats', 'a number of seats (1 or more) or nothing', { min: 1 })
    : null;

  let party: CandidacyFacts['party'];
  const ecId = ecIdFromUri(r.get('PoliticalPartyURI'));
  const label = r.get('PoliticalPartyLabel');
  const description = r.get('CandidatesDescription');
  if (ecId) party = { kind: 'party', ecId, name: partyNameFor(ecId) ?? (label || ecId), joint: null };
  else {
    const byLabel: PartyRef | null =
      resolvePartyLabel(label) ?? (description ? resolvePartyLabel(description) : null);
    party = byLabel ?? { kind: 'label', label: label || description };
  }

  const groupKey = ballotId;
  const g = groups.get(groupKey);
  if (!g) groups.set(groupKey, { key: groupKey, seats: seatsCell });
  else if (seatsCell !== null && g.seats !== null && g.seats !== seatsCell)
    r.fail('NumberOfSeats', `${g.seats} (as on earlier rows of this ballot)`);

  const personKey = slugify(`${forenames || usedForenames} ${surname}`) || slugify(name);
  return {
    person: {
      // No person ids in LGA files: one person per council, poll day and name; person matching links them over time.
      id: `lga-person:${orgSlug}:${date}:${personKey}`,
      name,
      givenName: forenames || null,
      familyName: surname,
    },
    ballotId,
    ballot: parseElectionId(ballotId),
    seatsContested: seatsCell,
    cancelled: false,
    post: { label: wardLabel, gss },
    party,
    votes,
    elected,
  };
}
