/**
 * Small hand-written files in the real formats for the import, people, ledger and export tests: a council
 * register row, a ward list and an LGA results file for the fictional Testshire (2019 and 2023 ordinary polls,
 * a 2021 by-election), and helpers to count what a store holds.
 */
import { LGA_COLUMNS } from '../../engines/ingest/index.js';
import type { TableName } from '../../store/schema.js';
import type { Store } from '../../store/store.js';

export {
  DC_CURRENT,
  DC_HEADER,
  DC_LEGACY,
  hasShared,
  readShared,
  sharedPath,
} from '../../engines/ingest/ingest.test-support.js';

export const SY_2021 = 'results/derived_dc_candidates_style_south_yorkshire_2021.csv';
export const SHEFFIELD_2018 = 'results/dc_api_v0.9_result_sets_sheffield_2018.json';
export const COUNCILS = 'councils/mysociety_uk_local_authorities_current.csv';
export const SHARED_ABSENT =
  'skipped: ../shared is absent (the staged real data files are not available here)';

/** mySociety's register, one fictional council: Testshire (TST), a district electing by thirds. */
export const TESTSHIRE_COUNCILS = [
  'local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,local-authority-type',
  'TST,Testshire District Council,Testshire,E07000999,,,,England,North West,NMD',
].join('\n');

/** A Democracy Club ward list for Testshire: North has three seats, South one. */
export const TESTSHIRE_WARDS = [
  'ward_seats,ward_name,council_gss,council_name,council_code_type,ward_gss',
  '3,North,E07000999,Testshire,DIS,E05000101',
  '1,South,E07000999,Testshire,DIS,E05000102',
].join('\n');

interface LgaCandidate {
  date: string;
  type?: string;
  ward: 'North' | 'South';
  seats: number;
  surname: string;
  forenames: string;
  party: string | null;
  ec?: string;
  votes: number;
  elected: boolean;
}

function lgaLine(c: LgaCandidate): string {
  const cells: Record<string, string> = {
    OrganisationURI: 'http://statistics.data.gov.uk/id/statistical-geography/E07000999',
    OrganisationLabel: 'Testshire District Council',
    ElectionDate: c.date.split('-').reverse().join('/'),
    TypeofElection: c.type ?? 'DistrictAndBorough',
    ElectoralAreaURI: `http://statistics.data.gov.uk/id/statistical-geography/${c.ward === 'North' ? 'E05000101' : 'E05000102'}`,
    ElectoralAreaLabel: c.ward,
    NumberOfSeats: String(c.seats),
    CandidateSurname: c.surname,
    CandidateForenames: c.forenames,
    PoliticalPartyURI: c.ec ? `http://search.electoralcommission.org.uk/English/Registrations/${c.ec}` : '',
    PoliticalPartyLabel: c.party ?? 'Independent',
    VotesWon: String(c.votes),
    Elected: c.elected ? 'Elected' : 'Not elected',
  };
  return LGA_COLUMNS.map((k) => cells[k] ?? '').join(',');
}

const LAB = { party: 'Labour Party', ec: 'PP53' };
const CON = { party: 'Conservative and Unionist Party', ec: 'PP52' };
const GRN = { party: 'Green Party', ec: 'PP63' };

/**
 * Testshire's results as a council would publish them (surnames in capitals). Thirds: North elects one of its
 * three seats a year, South its one seat every fourth year; 2020's poll was held in 2021. 2019: Smith wins North,
 * Patel South. 2021: Wilson wins North; a by-election in South (Patel resigned) is won by Khan. 2022: Jones wins
 * North at her third attempt. 2023: North's 2019 seat: Smith re-elected; South: Khan loses to "R Patel", who may
 * or may not be Ravi Patel (a review, not a merge).
 */
export const TESTSHIRE_LGA = [
  LGA_COLUMNS.join(','),
  lgaLine({
    date: '2019-05-02',
    ward: 'North',
    seats: 1,
    surname: 'SMITH',
    forenames: 'John',
    ...LAB,
    votes: 900,
    elected: true,
  }),
  lgaLine({
    date: '2019-05-02',
    ward: 'North',
    seats: 1,
    surname: 'JONES',
    forenames: 'Mary',
    ...CON,
    votes: 850,
    elected: false,
  }),
  lgaLine({
    date: '2019-05-02',
    ward: 'South',
    seats: 1,
    surname: 'PATEL',
    forenames: 'Ravi',
    ...LAB,
    votes: 700,
    elected: true,
  }),
  lgaLine({
    date: '2019-05-02',
    ward: 'South',
    seats: 1,
    surname: 'KHAN',
    forenames: 'Sara',
    ...CON,
    votes: 500,
    elected: false,
  }),
  lgaLine({
    date: '2021-05-06',
    ward: 'North',
    seats: 1,
    surname: 'WILSON',
    forenames: 'Amy',
    ...LAB,
    votes: 760,
    elected: true,
  }),
  lgaLine({
    date: '2021-05-06',
    ward: 'North',
    seats: 1,
    surname: 'JONES',
    forenames: 'Mary',
    ...CON,
    votes: 700,
    elected: false,
  }),
  lgaLine({
    date: '2021-05-06',
    type: 'By-election',
    ward: 'South',
    seats: 1,
    surname: 'KHAN',
    forenames: 'Sara',
    ...CON,
    votes: 640,
    elected: true,
  }),
  lgaLine({
    date: '2021-05-06',
    type: 'By-election',
    ward: 'South',
    seats: 1,
    surname: 'BROWN',
    forenames: 'Ann',
    ...GRN,
    votes: 410,
    elected: false,
  }),
  lgaLine({
    date: '2022-05-05',
    ward: 'North',
    seats: 1,
    surname: 'JONES',
    forenames: 'Mary',
    ...CON,
    votes: 990,
    elected: true,
  }),
  lgaLine({
    date: '2022-05-05',
    ward: 'North',
    seats: 1,
    surname: "O'BRIEN",
    forenames: 'Liam',
    ...LAB,
    votes: 720,
    elected: false,
  }),
  lgaLine({
    date: '2023-05-04',
    ward: 'North',
    seats: 1,
    surname: 'SMITH',
    forenames: 'John',
    ...LAB,
    votes: 1010,
    elected: true,
  }),
  lgaLine({
    date: '2023-05-04',
    ward: 'North',
    seats: 1,
    surname: 'WILLIAMS',
    forenames: 'Tom',
    ...CON,
    votes: 600,
    elected: false,
  }),
  lgaLine({
    date: '2023-05-04',
    ward: 'South',
    seats: 1,
    surname: 'PATEL',
    forenames: 'R',
    ...LAB,
    votes: 880,
    elected: true,
  }),
  lgaLine({
    date: '2023-05-04',
    ward: 'South',
    seats: 1,
    surname: 'KHAN',
    forenames: 'Sara',
    ...CON,
    votes: 700,
    elected: false,
  }),
  // Another kind of poll in the same file: skipped and counted.
  lgaLine({
    date: '2023-05-04',
    type: 'Parish',
    ward: 'North',
    seats: 1,
    surname: 'GREEN',
    forenames: 'Pat',
    party: null,
    votes: 50,
    elected: true,
  }),
].join('\r\n');

/** Registry counts of every snapshot table. */
export async function counts(store: Store): Promise<Record<TableName, number>> {
  return store.registry.counts();
}

/** Every table of the registry and the import tables, as stored (for "nothing changed" checks). */
export async function everything(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await store.dump.tables()) {
    const rows = await store.dump.rows(t);
    out[t] = rows
      .map((r) =>
        JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))),
      )
      .sort();
  }
  return out;
}
