import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { councilDirectory, parseCouncils } from './councils.importer.js';
import { hasShared, invalid, readShared } from './ingest.test-support.js';
import { parseWards, wardLayout } from './wards.importer.js';

const DC_LIST = [
  'ward_seats,ward_name,council_gss,council_name,council_code_type,ward_gss,have_ward_boundaries',
  '3,"Ackworth, North Elmsall and Upton",E08000036,Wakefield,MTD,E05001444,',
  '1,Burstow,E07000215,Tandridge,DIS,E05007410,',
].join('\n');

const EE_SET = [
  'Start Date,End Date,Name,official_identifier,geography_curie,seats_total,Boundary Commission Consultation URL,Legislation URL,Short Title,Notes,Mapit Generation URI,Organisation ID,Organisation ID type,Territory Code',
  ',,Abbeygate,,,2,,,The West Suffolk (Electoral Changes) Order 2018,,,WSK,local-authority-eng,ENG',
  ',,"Clare, Hundon & Kedington",,,3,,,The West Suffolk (Electoral Changes) Order 2018,,,WSK,local-authority-eng,ENG',
  '2019-05-02,2023-05-03,Barrow,gss:E05012345,,1,,,,,,WSK,local-authority-eng,ENG',
].join('\n');

const EE_JSON = JSON.stringify([
  {
    model: 'organisations.organisation',
    pk: 1,
    fields: { official_identifier: 'CRY', slug: 'croydon', official_name: 'London Borough of Croydon' },
  },
  {
    model: 'organisations.organisationdivisionset',
    pk: 10,
    fields: { organisation: 1, start_date: '2004-12-02', end_date: '2018-05-02' },
  },
  {
    model: 'organisations.organisationdivisionset',
    pk: 11,
    fields: { organisation: 1, start_date: '2018-05-03', end_date: null },
  },
  {
    model: 'organisations.organisationdivision',
    pk: 100,
    fields: {
      divisionset: 10,
      name: 'Fairfield',
      official_identifier: 'gss:E05000153',
      division_type: 'LBW',
      seats_total: null,
    },
  },
  {
    model: 'organisations.organisationdivision',
    pk: 101,
    fields: {
      divisionset: 11,
      name: 'Fairfield',
      official_identifier: 'gss:E05011470',
      division_type: 'LBW',
      seats_total: 3,
    },
  },
]);

describe('parseWards', () => {
  it('tells the three layouts apart', () => {
    expect(wardLayout(DC_LIST)).toBe('dc-ward-list');
    expect(wardLayout(EE_SET)).toBe('ee-division-set-csv');
    expect(wardLayout(EE_JSON)).toBe('ee-divisions-json');
    expect(wardLayout('a,b\n1,2')).toBeNull();
  });

  it('reads a Democracy Club ward list into GSS-keyed areas and posts', () => {
    const r = parseWards(DC_LIST, 'wards.csv');
    expect(r.snapshot.posts!.map((p) => [p.id, p.councilId, p.seats, p.label])).toEqual([
      ['post:wakefield:E05001444', 'council:wakefield', 3, 'Ackworth, North Elmsall and Upton'],
      ['post:tandridge:E05007410', 'council:tandridge', 1, 'Burstow'],
    ]);
    expect(r.snapshot.areas!.map((a) => [a.id, a.type])).toEqual([
      ['E05001444', 'ward'],
      ['E05007410', 'ward'],
    ]);
    expect(r.references.organizations).toEqual(['council:wakefield', 'council:tandridge']);
  });

  it('fills a division set without dates from the order’s first poll, and turns inclusive end dates into the day after', () => {
    const r = parseWards(EE_SET, 'west_suffolk.csv', { validFrom: '2019-05-02' });
    expect(r.snapshot.posts!.map((p) => [p.id, p.seats, p.validFrom, p.validTo])).toEqual([
      ['post:wsk:abbeygate', 2, '2019-05-02', null],
      ['post:wsk:clare-hundon-and-kedington', 3, '2019-05-02', null],
      ['post:wsk:E05012345', 1, '2019-05-02', '2023-05-04'],
    ]);
    expect(parseWards(EE_SET, 'west_suffolk.csv').notes[0]).toMatch(/no start date/);
  });

  it('reads Every Election JSON with its ward sets; wards without seats are areas only', () => {
    const r = parseWards(EE_JSON, 'croydon.json');
    expect(r.snapshot.areas!.map((a) => [a.id, a.validFrom, a.validTo])).toEqual([
      ['E05000153', '2004-12-02', '2018-05-03'],
      ['E05011470', '2018-05-03', null],
    ]);
    expect(r.snapshot.posts!.map((p) => [p.id, p.seats])).toEqual([['post:croydon:E05011470', 3]]);
    expect(r.notes[0]).toBe('1 ward(s) without a seat count: areas only, no posts (Fairfield)');
  });

  it('uses the councils directory and is idempotent', () => {
    const la = parseCouncils(
      'local-authority-code,official-name,nice-name,gss-code,local-authority-type,nation\nWKF,Wakefield City Council,Wakefield,E08000036,MD,England\n',
      'la.csv',
    );
    const r = parseWards(DC_LIST, 'wards.csv', { councils: councilDirectory(la.snapshot) });
    expect(r.snapshot.posts![0]!.councilId).toBe('WKF');
    expect(r.snapshot.areas![0]!.parentId).toBe('E08000036');
    expect(r.references.organizations).toEqual(['council:tandridge']);
    expect(parseWards(DC_LIST, 'wards.csv')).toEqual(parseWards(DC_LIST, 'wards.csv'));
  });

  it('reports bad rows and names other formats', () => {
    expect(invalid(() => parseWards(DC_LIST.replace(',E05007410,', ',E0500741,'), 'w.csv')).message).toBe(
      'w.csv:3: column ward_gss: expected the ward GSS code such as E05001444, got "E0500741"',
    );
    expect(
      invalid(() => parseWards(EE_SET.replace(',,Abbeygate,,,2,', ',,Abbeygate,,,two,'), 'w.csv')).message,
    ).toBe('w.csv:2: column seats_total: expected a number of seats (1 or more), got "two"');
    const skipped = parseWards(`${DC_LIST}\nx,Bad,E08000036,Wakefield,MTD,E05001445,`, 'w.csv', {
      skipInvalid: true,
    });
    expect(skipped.rejects.map((x) => x.line)).toEqual([4]);
    expect(
      invalid(() => parseWards('person_id,person_name,ballot_paper_id\n1,A,local.x.y.2020-01-01', 'w.csv'))
        .message,
    ).toBe('w.csv: this looks like a Democracy Club candidates CSV, not a ward list');
    expect(() => parseWards(EE_JSON.replace('"divisionset":11', '"divisionset":12'), 'c.json')).toThrow(
      /\[4\]\.fields\.divisionset: expected the pk of a division set in this file, got "12"/,
    );
  });

  it('throws nothing but InvalidInputError on mutated files', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(DC_LIST, EE_SET, EE_JSON),
        fc.nat(2000),
        fc.string({ unit: 'binary', maxLength: 8 }),
        (text, at, s) => {
          const i = at % (text.length + 1);
          for (const t of [text.slice(0, i), text.slice(0, i) + s + text.slice(i)]) {
            try {
              parseWards(t, 'm', { skipInvalid: at % 2 === 0 });
            } catch (e) {
              expect(e).toBeInstanceOf(InvalidInputError);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

const YNR = 'wards/ynr_2016-local-elections-wards.csv';
const WSK = 'wards/ee_fixture_west_suffolk_eco_divisionset.csv';
const CRY = 'wards/ee_fixture_croydon-metadata-gsscodes.json';
describe.skipIf(!hasShared(YNR) || !hasShared(WSK) || !hasShared(CRY))(
  'the staged ward files (skipped: ../shared is absent)',
  () => {
    it('reads the 2016 ward list: 2,177 wards', () => {
      const r = parseWards(readShared(YNR), 'ynr_2016-local-elections-wards.csv');
      expect(r.rejects).toEqual([]);
      expect(r.snapshot.posts).toHaveLength(2177);
      expect(new Set(r.snapshot.posts!.map((p) => p.seats))).toEqual(new Set([1, 2, 3]));
    });

    it('reads the West Suffolk order with its first poll as the start date', () => {
      const r = parseWards(readShared(WSK), 'west_suffolk_eco.csv', { validFrom: '2019-05-02' });
      expect(r.rejects).toEqual([]);
      const lines =
        readShared(WSK)
          .split('\n')
          .filter((l) => l.trim()).length - 1;
      expect(r.snapshot.posts).toHaveLength(lines);
      expect(r.snapshot.posts!.every((p) => p.validFrom === '2019-05-02' && p.seats >= 1)).toBe(true);
      const seats = r.snapshot.posts!.reduce((n, p) => n + p.seats, 0);
      expect(seats).toBe(64); // West Suffolk Council has 64 councillors
    });

    it('reads the Croydon dump: 24 old wards (no seat counts) and 28 new ones from 2018', () => {
      const r = parseWards(readShared(CRY), 'croydon.json');
      expect(r.snapshot.areas).toHaveLength(52);
      expect(r.snapshot.posts).toHaveLength(28);
      expect(r.snapshot.posts!.every((p) => p.validFrom === '2018-05-03' && p.validTo === null)).toBe(true);
      expect(r.snapshot.posts!.reduce((n, p) => n + p.seats, 0)).toBe(70); // Croydon's 70 councillors from 2018
      expect(r.snapshot.areas!.filter((a) => a.validTo === '2018-05-03')).toHaveLength(24);
    });
  },
);
