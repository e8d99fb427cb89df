import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromParts } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import {
  buildElectionId,
  ELECTION_TYPES,
  electionIdLevel,
  formatElectionId,
  isElectionId,
  isSlug,
  organisationElectionId,
  parseElectionId,
  slugify,
  tryParseElectionId,
} from './dc-election-id.js';

describe('parseElectionId', () => {
  it('parses the four shapes of a local id', () => {
    expect(parseElectionId('local.2018-05-03')).toEqual({
      type: 'local',
      subtype: null,
      organisation: null,
      division: null,
      byElection: false,
      date: '2018-05-03',
    });
    expect(parseElectionId('local.birmingham.2018-05-03')).toMatchObject({
      organisation: 'birmingham',
      division: null,
    });
    expect(parseElectionId('local.birmingham.hodge-hill.2018-05-03')).toMatchObject({
      organisation: 'birmingham',
      division: 'hodge-hill',
      byElection: false,
    });
    expect(parseElectionId('local.rugby.rokeby-and-overslade.by.2019-08-22')).toMatchObject({
      organisation: 'rugby',
      division: 'rokeby-and-overslade',
      byElection: true,
      date: '2019-08-22',
    });
  });

  it('knows which types take subtypes, organisations and divisions', () => {
    expect(parseElectionId('sp.c.shetland-islands.by.2019-08-29')).toMatchObject({
      type: 'sp',
      subtype: 'c',
      organisation: null,
      division: 'shetland-islands',
      byElection: true,
    });
    expect(parseElectionId('senedd.r.mid-and-west-wales.2021-05-06')).toMatchObject({
      subtype: 'r',
      division: 'mid-and-west-wales',
    });
    expect(parseElectionId('naw.r.2016-05-05')).toMatchObject({ subtype: 'r', division: null });
    expect(parseElectionId('gla.a.2016-05-05')).toMatchObject({ subtype: 'a' });
    expect(parseElectionId('parl.aberdeen-south.2017-06-08')).toMatchObject({
      organisation: null,
      division: 'aberdeen-south',
    });
    expect(parseElectionId('nia.fermanagh-and-south-tyrone.by.2017-03-02').byElection).toBe(true);
    expect(parseElectionId('mayor.bedford.2019-05-02')).toMatchObject({
      organisation: 'bedford',
      division: null,
    });
    expect(parseElectionId('pcc.northumbria.by.2019-07-18')).toMatchObject({
      organisation: 'northumbria',
      byElection: true,
    });
    expect(parseElectionId('ref.croydon.2021-10-07')).toMatchObject({ organisation: 'croydon' });
  });

  it.each([
    ['foobar.2019-01-10', /unknown election type "foobar"/],
    ['foo.bar', /real date/],
    ['local.2019-02-31', /real date/],
    ['local.we$tward-ho!.2019-01-10', /not a slug/],
    ['parl.c.aberavon.2019-01-01', /too many parts/],
    ['naw.aberavon.2019-01-01', /needs a subtype c or r/],
    ['gla.r.barnet-and-camden.2016-05-05', /needs a subtype c or a/],
    ['gla.a.barnet.2016-05-05', /no organisation or division/],
    ['ref.croydon.by.2021-10-07', /no by-elections/],
    ['mayor.bedford.centre.2019-05-02', /no division/],
    ['local.rugby.rokeby.extra.2019-08-22', /too many parts/],
    ['local.by.2019-08-22', /must follow/],
    ['local.Rugby.2019-08-22', /not a slug/],
  ])('rejects %s', (id, reason) => {
    const r = tryParseElectionId(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
    expect(isElectionId(id)).toBe(false);
  });

  it('throws InvalidInputError naming where the id came from', () => {
    expect(() => parseElectionId('local.2019-13-01', 'row 4')).toThrow(InvalidInputError);
    expect(() => parseElectionId('local.2019-13-01', 'row 4')).toThrow(
      /^row 4: "local.2019-13-01" is not a Democracy Club election id/,
    );
  });

  it('gives the level and the organisation election of a ballot', () => {
    expect(electionIdLevel(parseElectionId('local.2018-05-03'))).toBe('group');
    expect(electionIdLevel(parseElectionId('local.birmingham.2018-05-03'))).toBe('organisation');
    expect(electionIdLevel(parseElectionId('local.birmingham.hodge-hill.2018-05-03'))).toBe('ballot');
    expect(electionIdLevel(parseElectionId('mayor.bedford.2019-05-02'))).toBe('ballot');
    expect(electionIdLevel(parseElectionId('parl.2017-06-08'))).toBe('group');
    expect(electionIdLevel(parseElectionId('gla.a.2016-05-05'))).toBe('ballot');
    expect(organisationElectionId(parseElectionId('local.rugby.rokeby-and-overslade.by.2019-08-22'))).toBe(
      'local.rugby.2019-08-22',
    );
  });
});

describe('buildElectionId', () => {
  it('builds and validates', () => {
    expect(
      buildElectionId({
        type: 'local',
        organisation: 'rugby',
        division: 'rokeby-and-overslade',
        byElection: true,
        date: '2019-08-22',
      }),
    ).toBe('local.rugby.rokeby-and-overslade.by.2019-08-22');
    expect(buildElectionId({ type: 'sp', subtype: 'c', division: 'orkney', date: '2021-05-06' })).toBe(
      'sp.c.orkney.2021-05-06',
    );
    expect(() => buildElectionId({ type: 'local', division: 'hodge-hill', date: '2018-05-03' })).toThrow(
      /cannot have no organisation/,
    );
    expect(() => buildElectionId({ type: 'parl', organisation: 'x', date: '2018-05-03' })).toThrow(
      InvalidInputError,
    );
    expect(() => buildElectionId({ type: 'local', organisation: 'Bad Slug', date: '2018-05-03' })).toThrow(
      /not a slug/,
    );
  });

  const slugArb = fc
    .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 })
    .map((xs) => xs.join('-'));
  const dateArb = fc
    .record({
      y: fc.integer({ min: 1990, max: 2040 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => isoFromParts(y, m, d));
  const idArb = fc
    .record({
      type: fc.constantFrom(...Object.keys(ELECTION_TYPES)),
      sub: fc.nat(),
      org: fc.option(slugArb, { nil: null }),
      div: fc.option(slugArb, { nil: null }),
      by: fc.boolean(),
      date: dateArb,
    })
    .map(({ type, sub, org, div, by, date }) => {
      const rule = ELECTION_TYPES[type]!;
      const subtype = rule.subtypes.length ? (rule.subtypes[sub % rule.subtypes.length] ?? null) : null;
      return [type, subtype, org, div, by, date]
        .filter((x) => x !== null && x !== false)
        .map((x) => (x === true ? 'by' : x))
        .join('.');
    });

  it('round-trips: build(parse(id)) === id for every valid id', () => {
    let valid = 0;
    fc.assert(
      fc.property(idArb, (id) => {
        const r = tryParseElectionId(id);
        if (!r.ok) return;
        valid++;
        expect(formatElectionId(r.value)).toBe(id);
        expect(buildElectionId(r.value)).toBe(id);
      }),
      { numRuns: 500 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it('never throws anything but InvalidInputError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          parseElectionId(s);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
        }
      }),
    );
  });
});

describe('slugify', () => {
  it.each([
    ["St. Helen's", 'st-helens'],
    ['Westward Ho!', 'westward-ho'],
    ['Ynys Môn', 'ynys-mon'],
    ["Eilean a' Cheò", 'eilean-a-cheo'],
    ['   foo \t ', 'foo'],
    ['Rokeby & Overslade', 'rokeby-and-overslade'],
    ['Brighton and Hove', 'brighton-and-hove'],
    ['Bishop’s Cleeve -- North', 'bishops-cleeve-north'],
    ['Clare, Hundon & Kedington', 'clare-hundon-and-kedington'],
    ['Ŵyddgrug (Mold) East', 'wyddgrug-mold-east'],
  ])('%s -> %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("reproduces Democracy Club's live ward slugs, which drop '&'", () => {
    expect(slugify('Stocksbridge & Upper Don', { ampersand: 'drop' })).toBe('stocksbridge-upper-don');
  });

  it('is idempotent and yields a slug or nothing', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = slugify(s);
        expect(slugify(once)).toBe(once);
        if (once !== '') expect(isSlug(once)).toBe(true);
      }),
    );
  });
});
