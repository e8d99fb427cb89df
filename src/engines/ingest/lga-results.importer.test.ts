import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { DC_CURRENT, invalid } from './ingest.test-support.js';
import {
  classifyLgaPoll,
  LGA_COLUMNS,
  nameCase,
  parseLgaDate,
  parseLgaResults,
} from './lga-results.importer.js';

type Row = Partial<Record<(typeof LGA_COLUMNS)[number], string>>;

const ORG = {
  PublicationDate: '2022-05-09',
  OrganisationURI: 'http://statistics.data.gov.uk/id/statistical-geography/E07000999',
  OrganisationLabel: 'Testford Borough Council',
  ElectionTitle: 'Testford Borough Council elections 5 May 2022',
  ElectionWebpage: 'https://www.testford.gov.uk/elections',
};

function row(r: Row): string {
  const cells = LGA_COLUMNS.map((c) => r[c] ?? (ORG as Row)[c] ?? '');
  return cells.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

const ward = (n: string, gss: string) => ({
  ElectoralAreaURI: `http://statistics.data.gov.uk/id/statistical-geography/${gss}`,
  ElectoralAreaLabel: n,
});
const ec = (id: string) => `http://search.electoralcommission.org.uk/English/Registrations/${id}`;

/** One council's results sheet: an ordinary poll in two wards, a by-election, a parish and a mayoral poll. */
const FIXTURE = [
  LGA_COLUMNS.join(','),
  row({
    ElectionDate: '2022-05-05',
    TypeofElection: 'DistrictAndBorough',
    ...ward('Abbey & Bridge', 'E05000901'),
    NumberOfSeats: '2',
    CandidateSurname: "O'BRIEN",
    CandidateForenames: 'MARY ANNE',
    CommonlyUsedForenames: 'Mary',
    PoliticalPartyURI: ec('PP53'),
    PoliticalPartyLabel: 'Labour Party',
    CandidatesDescription: 'Labour and Co-operative Party',
    VotesWon: '1,402',
    Elected: 'ELECTED',
    VotesCast: '3120',
    EligibleElectorate: '9800',
  }),
  row({
    ElectionDate: '2022-05-05',
    TypeofElection: 'DistrictAndBorough',
    ...ward('Abbey & Bridge', 'E05000901'),
    NumberOfSeats: '2',
    CandidateSurname: 'MCDONALD-SMITH',
    CandidateForenames: 'JAMES',
    PoliticalPartyURI: ec('PP52'),
    PoliticalPartyLabel: 'Conservative and Unionist Party',
    VotesWon: '1210',
    Elected: 'ELECTED',
  }),
  row({
    ElectionDate: '2022-05-05',
    TypeofElection: 'DistrictAndBorough',
    ...ward('Abbey & Bridge', 'E05000901'),
    NumberOfSeats: '2',
    CandidateSurname: 'Green',
    CandidateForenames: 'Pat',
    PoliticalPartyLabel: 'THE GREEN PARTY CANDIDATE',
    VotesWon: '508',
    Elected: 'NOT ELECTED',
  }),
  row({
    ElectionDate: '05/05/2022',
    TypeofElection: 'DistrictAndBorough',
    ...ward('Castle', 'E05000902'),
    CandidateSurname: 'STONE',
    CandidateForenames: 'ROSE',
    PoliticalPartyLabel: 'Testford Residents',
    VotesWon: '800',
    Elected: 'ELECTED',
  }),
  row({
    ElectionDate: '2022-05-05T00:00:00',
    TypeofElection: 'DistrictAndBorough',
    ...ward('Castle', 'E05000902'),
    CandidateSurname: 'WEST',
    CandidateForenames: 'TOM',
    PoliticalPartyLabel: 'Independent',
    VotesWon: '350',
    Elected: 'NOT ELECTED',
  }),
  row({
    ElectionDate: '2022-05-05',
    TypeofElection: 'DistrictAndBoroughByElection',
    ...ward('Castle', 'E05000902'),
    CandidateSurname: 'KING',
    CandidateForenames: 'ALI',
    PoliticalPartyURI: ec('PP90'),
    PoliticalPartyLabel: 'Liberal Democrats',
    VotesWon: '900',
    Elected: 'ELECTED',
  }),
  row({
    ElectionDate: '2022-05-05',
    TypeofElection: 'Parish',
    ElectoralAreaLabel: 'Little Testing Parish',
    CandidateSurname: 'PARR',
    CandidateForenames: 'IAN',
    VotesWon: '',
    Elected: 'ELECTED',
  }),
  row({
    ElectionDate: '2022-05-05',
    TypeofElection: 'Mayor',
    ElectoralAreaLabel: 'Testford',
    CandidateSurname: 'MAYOR',
    CandidateForenames: 'MAY',
    VotesWon: '20000',
    Elected: 'ELECTED',
  }),
].join('\r\n');

describe('parseLgaResults', () => {
  const r = parseLgaResults(FIXTURE, 'testford-2022.csv');

  it('builds Democracy Club style ballots, ordinary and by-election, and skips other polls', () => {
    expect(r.rows).toBe(8);
    expect(r.snapshot.ballots!.map((b) => [b.id, b.seatsContested, b.byElection, b.postId])).toEqual([
      ['local.testford.abbey-bridge.2022-05-05', 2, false, 'post:testford:E05000901'],
      ['local.testford.castle.2022-05-05', 1, false, 'post:testford:E05000902'],
      ['local.testford.castle.by.2022-05-05', 1, true, 'post:testford:E05000902'],
    ]);
    expect(r.snapshot.elections).toEqual([
      {
        id: 'local.testford.2022-05-05',
        sourceId: r.source.id,
        councilId: 'council:testford',
        date: '2022-05-05',
        ordinary: true,
      },
    ]);
    expect(r.notes[0]).toBe('skipped rows for other polls: 1 parish, town or community council, 1 mayoral');
  });

  it('normalises capitals in names and keeps official and used names', () => {
    expect(r.snapshot.persons!.map((p) => [p.name, p.givenName, p.familyName])).toEqual([
      ["Mary O'Brien", 'Mary Anne', "O'Brien"],
      ['James McDonald-Smith', 'James', 'McDonald-Smith'],
      ['Pat Green', 'Pat', 'Green'],
      ['Rose Stone', 'Rose', 'Stone'],
      ['Tom West', 'Tom', 'West'],
      ['Ali King', 'Ali', 'King'],
    ]);
    expect(r.snapshot.persons![0]!.id).toBe('lga-person:testford:2022-05-05:mary-anne-obrien');
  });

  it('takes parties from EC ids in URIs, then from labels; unknown labels are kept, independents have none', () => {
    expect(
      r.snapshot.candidacies!.map((c) => [c.personId.split(':').pop(), c.partyId, c.votes, c.elected]),
    ).toEqual([
      ['mary-anne-obrien', 'party:PP53', 1402, true],
      ['james-mcdonald-smith', 'party:PP52', 1210, true],
      ['pat-green', 'party:PP63', 508, false],
      ['rose-stone', 'party:label:testford-residents', 800, true],
      ['tom-west', null, 350, false],
      ['ali-king', 'party:PP90', 900, true],
    ]);
    expect(r.references.organizations).toContain('party:label:testford-residents');
    expect(r.notes.some((n) => n.includes('Testford Residents'))).toBe(true);
  });

  it('keys wards by the GSS code in their URI', () => {
    expect(r.snapshot.areas!.map((a) => [a.id, a.name])).toEqual([
      ['E05000901', 'Abbey & Bridge'],
      ['E05000902', 'Castle'],
    ]);
  });

  it('is idempotent', () => {
    expect(parseLgaResults(FIXTURE, 'testford-2022.csv')).toEqual(r);
  });

  it('reports a bad row with FILE:LINE and column', () => {
    const text = `${FIXTURE}\r\n${row({ ElectionDate: '2022-05-05', TypeofElection: 'DistrictAndBorough', ...ward('Castle', 'E05000902'), CandidateSurname: 'X', CandidateForenames: 'Y', VotesWon: 'ten', Elected: 'NOT ELECTED' })}`;
    expect(invalid(() => parseLgaResults(text, 't.csv')).message).toBe(
      't.csv:10: column VotesWon: expected a number of votes (0 or more) or nothing for an uncontested seat, got "ten"',
    );
    const skipped = parseLgaResults(text, 't.csv', { skipInvalid: true });
    expect(skipped.rejects.map((x) => x.line)).toEqual([10]);
    expect(skipped.snapshot.candidacies).toHaveLength(6);
    const badType = `${FIXTURE}\r\n${row({ ElectionDate: '2022-05-05', TypeofElection: 'Cheese', ...ward('Castle', 'E05000902'), CandidateSurname: 'X', CandidateForenames: 'Y', VotesWon: '1', Elected: 'Yes' })}`;
    expect(invalid(() => parseLgaResults(badType, 't.csv')).message).toMatch(
      /^t\.csv:10: column TypeofElection: expected a type of election/,
    );
    const badDate = FIXTURE.replace('05/05/2022', '31/02/2022');
    expect(invalid(() => parseLgaResults(badDate, 't.csv')).message).toBe(
      't.csv:5: column ElectionDate: expected a date such as 2021-05-06 or 06/05/2021, got "31/02/2022"',
    );
  });

  it('names a Democracy Club file given as LGA results', () => {
    expect(invalid(() => parseLgaResults(DC_CURRENT, 'dc.csv')).message).toBe(
      'dc.csv: this looks like a Democracy Club candidates CSV, not LGA results',
    );
  });

  it('throws nothing but InvalidInputError on mutated files', () => {
    fc.assert(
      fc.property(fc.nat(FIXTURE.length), fc.string({ unit: 'binary', maxLength: 10 }), (at, s) => {
        for (const text of [FIXTURE.slice(0, at), FIXTURE.slice(0, at) + s + FIXTURE.slice(at)]) {
          try {
            parseLgaResults(text, 'm.csv', { skipInvalid: at % 3 === 0 });
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidInputError);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('LGA helpers', () => {
  it.each([
    ['SMITH', 'Smith'],
    ['MCDONALD', 'McDonald'],
    ["O'NEILL-JONES", "O'Neill-Jones"],
    ['JEAN-PAUL', 'Jean-Paul'],
    ['van Dyke', 'van Dyke'],
    ['ÉLODIE', 'Élodie'],
    ['  ANN   MARIE ', 'Ann Marie'],
  ])('nameCase(%s) = %s', (input, output) => {
    expect(nameCase(input)).toBe(output);
  });

  it('classifies types of election', () => {
    expect(classifyLgaPoll('DistrictAndBorough')).toEqual({ kind: 'council', byElection: false });
    expect(classifyLgaPoll('County By-election')).toEqual({ kind: 'council', byElection: true });
    expect(classifyLgaPoll('Parish')).toEqual({ kind: 'other', label: 'parish, town or community council' });
    expect(classifyLgaPoll('Police and Crime Commissioner')).toMatchObject({ kind: 'other' });
    expect(classifyLgaPoll('Greater London Assembly')).toMatchObject({ kind: 'other' });
    expect(classifyLgaPoll('Cheese')).toBeNull();
  });

  it('parses the date forms', () => {
    expect(parseLgaDate('2022-05-05')).toBe('2022-05-05');
    expect(parseLgaDate('2022-05-05T00:00:00Z')).toBe('2022-05-05');
    expect(parseLgaDate('5/5/2022')).toBe('2022-05-05');
    expect(parseLgaDate('2022-13-05')).toBeNull();
  });
});
