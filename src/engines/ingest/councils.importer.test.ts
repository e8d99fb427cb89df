import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import {
  councilDirectory,
  councilNameEntries,
  councilNameLookup,
  parseCouncilNames,
  parseCouncils,
  resolveCouncil,
} from './councils.importer.js';
import { hasShared, invalid, readShared } from './ingest.test-support.js';

const HEADER =
  'local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,local-authority-type,local-authority-type-name,former-gss-codes,alt-names,gov-uk-slug,wdtk-id';
const TEXT = [
  HEADER,
  'BIR,Birmingham City Council,Birmingham,E08000025,,,,England,West Midlands,MD,Metropolitan district,,"Birmingham,birmingham city council",birmingham,54.0',
  'ALL,Allerdale Borough Council,Allerdale,E07000026,,2023-04-01,"CBD,WAF",England,North West,NMD,Non-metropolitan district,,Allerdale,allerdale,',
  'CBD,Cumberland Council,Cumberland,E06000063,2023-04-01,,,England,North West,UA,Unitary authority,,,cumberland,',
  'LND,City of London Corporation,City of London,E09000001,,,,England,London,CC,City corporation,,,city-of-london,',
  'GMCA,Greater Manchester Combined Authority,Greater Manchester,E47000001,2011-04-01,,,England,North West,COMB,Combined authority,,,,',
  'EDH,City of Edinburgh Council,City of Edinburgh,S12000036,1996-04-01,,,Scotland,Scotland,SCO,Scottish unitary authority,S12000019,,edinburgh,',
].join('\n');

describe('parseCouncils', () => {
  const r = parseCouncils(TEXT, 'la.csv');

  it('makes one council organization and one council area per row', () => {
    expect(
      r.snapshot.organizations!.map((o) => [o.id, o.classification, o.councilType, o.nation, o.areaId]),
    ).toEqual([
      ['BIR', 'council', 'MD', 'england', 'E08000025'],
      ['ALL', 'council', 'NMD', 'england', 'E07000026'],
      ['CBD', 'council', 'UA', 'england', 'E06000063'],
      ['LND', 'council', 'LBO', 'england', 'E09000001'],
      ['GMCA', 'other', null, 'england', 'E47000001'],
      ['EDH', 'council', 'SCO', 'scotland', 'S12000036'],
    ]);
    expect(r.snapshot.areas![1]).toEqual({
      id: 'E07000026',
      sourceId: r.source.id,
      type: 'council-area',
      name: 'Allerdale',
      gss: 'E07000026',
      parentId: null,
      validFrom: null,
      validTo: '2023-04-01',
    });
    expect(r.snapshot.organizations![1]).toMatchObject({
      dissolutionDate: '2023-04-01',
      region: 'North West',
      shortName: 'Allerdale',
    });
  });

  it('records replacements as a dated event and in the result', () => {
    expect(r.replacements).toEqual([{ from: 'ALL', to: ['CBD', 'WAF'], date: '2023-04-01' }]);
    expect(r.snapshot.events).toEqual([
      {
        id: 'event:reorganisation:ALL',
        sourceId: r.source.id,
        type: 'other',
        date: '2023-04-01',
        title: 'Allerdale Borough Council replaced by CBD and WAF',
        councilId: 'ALL',
        organizationId: null,
        personId: null,
        details: { kind: 'reorganisation', replacedBy: ['CBD', 'WAF'] },
      },
    ]);
  });

  it('keeps identifiers: Democracy Club slug, former GSS codes, alternative names, cleaned numeric ids', () => {
    const ids = r.snapshot.identifiers!;
    expect(ids).toContainEqual({
      ownerType: 'organization',
      ownerId: 'EDH',
      scheme: 'dc-slug',
      identifier: 'edinburgh',
    });
    expect(ids).toContainEqual({
      ownerType: 'organization',
      ownerId: 'BIR',
      scheme: 'dc-slug',
      identifier: 'birmingham',
    });
    expect(ids).toContainEqual({
      ownerType: 'organization',
      ownerId: 'EDH',
      scheme: 'gss-former',
      identifier: 'S12000019',
    });
    expect(ids).toContainEqual({
      ownerType: 'organization',
      ownerId: 'BIR',
      scheme: 'wdtk-id',
      identifier: '54',
    });
    expect(ids).toContainEqual({
      ownerType: 'organization',
      ownerId: 'BIR',
      scheme: 'name',
      identifier: 'birmingham city council',
    });
  });

  it('resolves a slug, a GSS code (old or new), a code and a name through the directory', () => {
    const dir = councilDirectory(r.snapshot);
    expect(dir.bySlug('edinburgh')?.id).toBe('EDH');
    expect(dir.byGss('S12000019')?.id).toBe('EDH');
    expect(dir.byCode('bir')?.id).toBe('BIR');
    expect(dir.byName('Birmingham City Council')?.id).toBe('BIR');
    expect(dir.byName('City of Edinburgh Council')?.id).toBe('EDH');
    // Combined authorities are not councils.
    expect(dir.byCode('GMCA')).toBeNull();
  });

  it('is idempotent', () => {
    expect(parseCouncils(TEXT, 'la.csv')).toEqual(r);
  });

  it('reports bad rows precisely, or collects them', () => {
    const bad = `${TEXT}\nXYZ,X Council,X,E0800,,,,England,,MD,,,,,`;
    expect(invalid(() => parseCouncils(bad, 'la.csv')).message).toBe(
      'la.csv:8: column gss-code: expected a GSS code such as E08000025 or nothing, got "E0800"',
    );
    const typo = TEXT.replace(',MD,Metropolitan', ',MET,Metropolitan');
    expect(invalid(() => parseCouncils(typo, 'la.csv')).message).toMatch(
      /^la\.csv:2: column local-authority-type: expected a type \(CTY, NMD/,
    );
    const skipped = parseCouncils(bad, 'la.csv', { skipInvalid: true });
    expect(skipped.snapshot.organizations).toHaveLength(6);
    expect(skipped.rejects).toEqual([
      expect.objectContaining({ line: 8, raw: 'XYZ,X Council,X,E0800,,,,England,,MD,,,,,' }),
    ]);
  });

  it('names other formats', () => {
    expect(
      invalid(() => parseCouncils('la-name,local-authority-code\nBirmingham,BIR', 'x.csv')).message,
    ).toBe(
      'x.csv: this looks like a mySociety council name lookup CSV, not a mySociety local authorities CSV',
    );
  });

  it('throws nothing but InvalidInputError on mutated files', () => {
    fc.assert(
      fc.property(fc.nat(TEXT.length), fc.string({ unit: 'binary', maxLength: 10 }), (at, s) => {
        try {
          parseCouncils(TEXT.slice(0, at) + s + TEXT.slice(at + s.length), 'm.csv', {
            skipInvalid: at % 2 === 0,
          });
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseCouncilNames', () => {
  const NAMES =
    'la-name,local-authority-code\n"Birmingham City Council",BIR\nbirmingham,BIR\n"Armagh City, Banbridge and Craigavon",ABC\n';

  it('turns each name into a name identifier of its council', () => {
    const r = parseCouncilNames(NAMES, 'names.csv');
    expect(r.snapshot.identifiers).toEqual([
      { ownerType: 'organization', ownerId: 'BIR', scheme: 'name', identifier: 'Birmingham City Council' },
      { ownerType: 'organization', ownerId: 'BIR', scheme: 'name', identifier: 'birmingham' },
      {
        ownerType: 'organization',
        ownerId: 'ABC',
        scheme: 'name',
        identifier: 'Armagh City, Banbridge and Craigavon',
      },
    ]);
    expect(
      resolveCouncil('Armagh City, Banbridge & Craigavon', councilNameLookup(councilNameEntries(r.snapshot))),
    ).toBe('ABC');
  });

  it('reports a bad code and throws nothing but InvalidInputError on mutated files', () => {
    expect(invalid(() => parseCouncilNames(`${NAMES}Nowhere,nowhere\n`, 'names.csv')).message).toBe(
      'names.csv:5: column local-authority-code: expected a local-authority code such as BIR, GMCA or NIR-A, got "nowhere"',
    );
    fc.assert(
      fc.property(fc.nat(NAMES.length), fc.string({ unit: 'binary', maxLength: 6 }), (at, s) => {
        try {
          parseCouncilNames(NAMES.slice(0, at) + s + NAMES.slice(at), 'm.csv', { skipInvalid: at % 2 === 1 });
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('resolveCouncil', () => {
  const lookup = councilNameLookup([
    ['Birmingham City Council', 'BIR'],
    ['Birmingham', 'BIR'],
    ['Royal Borough of Kensington and Chelsea', 'KEC'],
    ['Newcastle upon Tyne City Council', 'NET'],
    ['Newcastle-under-Lyme Borough Council', 'NEW'],
  ]);

  it('resolves names, names without the council words, and codes', () => {
    expect(resolveCouncil('Birmingham', lookup)).toBe('BIR');
    expect(resolveCouncil('BIRMINGHAM CITY COUNCIL', lookup)).toBe('BIR');
    expect(resolveCouncil('BIR', lookup)).toBe('BIR');
    expect(resolveCouncil('bir', lookup)).toBe('BIR');
    expect(resolveCouncil('Kensington & Chelsea', lookup)).toBe('KEC');
    expect(resolveCouncil('Newcastle upon Tyne', lookup)).toBe('NET');
    expect(resolveCouncil('Newcastle under Lyme', lookup)).toBe('NEW');
    expect(resolveCouncil('Newcastle', lookup)).toBeNull();
    expect(resolveCouncil('Atlantis', lookup)).toBeNull();
  });
});

const LA = 'councils/mysociety_uk_local_authorities_current.csv';
const NAMES = 'councils/mysociety_lookup_name_to_registry.csv';
const LGSF = 'councils/lgsf_council_cms_metadata.csv';
describe.skipIf(!hasShared(LA) || !hasShared(NAMES))(
  'the mySociety register (skipped: ../shared is absent)',
  () => {
    const la = hasShared(LA)
      ? parseCouncils(readShared(LA), 'mysociety_uk_local_authorities_current.csv')
      : null;

    it('imports all 470 authorities without an error', () => {
      expect(la!.rejects).toEqual([]);
      expect(la!.snapshot.organizations).toHaveLength(470);
      expect(la!.snapshot.areas).toHaveLength(470);
      const councils = la!.snapshot.organizations!.filter((o) => o.classification === 'council');
      expect(councils.length).toBe(470 - 15); // 14 combined authorities and the Greater London Authority
      expect(la!.replacements.length).toBeGreaterThan(0);
    });

    it('resolves "Birmingham", "Birmingham City Council" and "BIR" to one council, and every lookup name', () => {
      const names = parseCouncilNames(readShared(NAMES), 'mysociety_lookup_name_to_registry.csv');
      expect(names.rejects).toEqual([]);
      const lookup = councilNameLookup(councilNameEntries(names.snapshot));
      for (const n of ['Birmingham', 'Birmingham City Council', 'BIR', 'birmingham district'])
        expect(resolveCouncil(n, lookup)).toBe('BIR');
      const ids = names.snapshot.identifiers!;
      expect(names.rows).toBe(1750);
      expect(ids.length).toBeGreaterThan(1740); // repeated (name, code) pairs are kept once
      for (const i of ids) expect(resolveCouncil(i.identifier, lookup), i.identifier).toBe(i.ownerId);
    });

    it('with the register too, a name two councils shared resolves by date and never by guess', () => {
      const names = parseCouncilNames(readShared(NAMES), 'mysociety_lookup_name_to_registry.csv');
      const lookup = councilNameLookup([
        ...councilNameEntries(la!.snapshot),
        ...councilNameEntries(names.snapshot),
      ]);
      // Without a date, mySociety's lookup means the council of today.
      expect(resolveCouncil('Dorset', lookup)).toBe('DST');
      const dir = councilDirectory(la!.snapshot, councilNameEntries(names.snapshot));
      expect(dir.byName('Dorset', '2017-05-04')?.id).toBe('DOR');
      expect(dir.byName('Dorset', '2024-05-02')?.id).toBe('DST');
      // The combined authority shares Newcastle's name but is not a council.
      expect(dir.byName('Newcastle upon Tyne')?.id).toBe('NET');
    });

    it.skipIf(!hasShared(LGSF))(
      "derives Every Election's organisation slug for every council it lists",
      () => {
        const dir = councilDirectory(la!.snapshot);
        const lines = readShared(LGSF).split('\n').slice(1).filter(Boolean);
        let checked = 0;
        for (const line of lines) {
          const m =
            /^[^,]*,([A-Z]{3}),(?:"[^"]*"|[^,]*),(?:"[^"]*"|[^,]*),[^,]*,[^,]*,([a-z0-9-]+),([\d-]*),/.exec(
              line,
            );
          if (!m) continue;
          const [, code, slug, start] = m;
          if (!dir.byCode(code!)) continue;
          checked++;
          expect(dir.bySlug(slug!, start || null)?.id, `${code} ${slug}`).toBe(code);
        }
        expect(checked).toBeGreaterThan(400);
      },
    );
  },
);
