import { describe, expect, it } from 'vitest';
import { detectFormat } from './format.detector.js';
import { importText } from './index.js';
import { DC_CURRENT, DC_LEGACY, hasShared, invalid, readShared } from './ingest.test-support.js';

describe('detectFormat', () => {
  it('knows each format by its header or JSON shape, through a BOM and stray spaces', () => {
    expect(detectFormat(DC_CURRENT)).toBe('dc-candidates');
    expect(detectFormat(`\uFEFF  ${DC_LEGACY.replace(/,/g, ' , ')}`)).toBe('dc-candidates');
    expect(detectFormat('{"results": [{"ballot_paper_id": "x", "candidate_results": []}]}')).toBe(
      'dc-results',
    );
    expect(
      detectFormat('PublicationDate,OrganisationLabel,ElectionDate,ElectoralAreaLabel,CandidateSurname\n'),
    ).toBe('lga-results');
    expect(detectFormat('local-authority-code,official-name,nice-name\n')).toBe('councils');
    expect(detectFormat('la-name,local-authority-code\n')).toBe('council-names');
    expect(detectFormat('ward_seats,ward_name,ward_gss\n')).toBe('wards');
    expect(detectFormat('Start Date,Name,seats_total,Organisation ID\n')).toBe('wards');
    expect(detectFormat('[{"model": "organisations.organisationdivision"}]')).toBe('wards');
    expect(detectFormat('')).toBeNull();
    expect(detectFormat('a,b,c\n1,2,3')).toBeNull();
    expect(detectFormat('{"persons": []}')).toBeNull();
  });

  it('importText dispatches by format and refuses a mismatch', () => {
    expect(importText('dc-candidates', DC_CURRENT, 'c.csv').format).toBe('dc-candidates');
    expect(invalid(() => importText('councils', DC_CURRENT, 'c.csv')).message).toBe(
      'c.csv: this looks like a Democracy Club candidates CSV, not a mySociety local authorities CSV',
    );
  });
});

const FILES: Array<[string, ReturnType<typeof detectFormat>]> = [
  ['results/derived_dc_candidates_style_south_yorkshire_2021.csv', 'dc-candidates'],
  ['results/dc_api_v0.9_result_sets_sheffield_2018.json', 'dc-results'],
  ['councils/mysociety_uk_local_authorities_current.csv', 'councils'],
  ['councils/mysociety_uk_local_authorities_future.csv', 'councils'],
  ['councils/mysociety_lookup_name_to_registry.csv', 'council-names'],
  ['wards/ynr_2016-local-elections-wards.csv', 'wards'],
  ['wards/ee_fixture_west_suffolk_eco_divisionset.csv', 'wards'],
  ['wards/ee_fixture_croydon-metadata-gsscodes.json', 'wards'],
  ['councils/ee_local-authorities-eng.tsv', null],
  ['councillors/odm_LPP_LAD_ECID_2018.csv', null],
  ['popolo/au_tas_local_councillor_popolo.json', null],
];
describe.skipIf(!FILES.every(([f]) => hasShared(f)))(
  'the staged files (skipped: ../shared is absent)',
  () => {
    it.each(FILES)('%s is %s', (file, format) => {
      expect(detectFormat(readShared(file))).toBe(format);
    });
  },
);
