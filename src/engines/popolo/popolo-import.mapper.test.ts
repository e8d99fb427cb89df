import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { toPopolo } from './popolo-export.mapper.js';
import { fromPopolo, importPopoloText, popoloDateToIso } from './popolo-import.mapper.js';
import { sampleSnapshot } from './sample-snapshot.test-support.js';

function importError(doc: unknown, file = 'in.json'): InvalidInputError {
  try {
    fromPopolo(doc, file);
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error('expected the import to fail');
}

/** A fresh copy of the sample export, to break one field at a time. */
function exported(): Record<string, Record<string, unknown>[]> {
  return JSON.parse(JSON.stringify(toPopolo(sampleSnapshot())));
}

describe('fromPopolo: bad input names the file, the JSON path and the rule', () => {
  it('an unknown person in a membership', () => {
    const doc = exported();
    doc.memberships![2]!.person_id = 'p9';
    const e = importError(doc, 'data/registry.json');
    expect(e.message).toBe('data/registry.json: memberships[2].person_id: refers to unknown person "p9"');
    expect(e.code).toBe('invalid-input');
    expect(e.details).toMatchObject({
      rule: 'reference',
      file: 'data/registry.json',
      path: 'memberships[2].person_id',
    });
  });

  it('a bad date, with the expected form', () => {
    const doc = exported();
    doc.memberships![0]!.start_date = '2018-13-03';
    expect(importError(doc).message).toBe(
      'in.json: memberships[0].start_date: expected a date YYYY-MM-DD, got "2018-13-03"',
    );
    const doc2 = exported();
    doc2['caucus:elections']![1]!.date = '2019-04';
    expect(importError(doc2).message).toBe(
      'in.json: caucus:elections[1].date: expected a date YYYY-MM-DD, got "2019-04"',
    );
  });

  it('a missing required field', () => {
    const doc = exported();
    delete doc.persons![1]!.name;
    expect(importError(doc).message).toBe('in.json: persons[1].name: required');
    const doc2 = exported();
    doc2.posts![0]!.area_id = null;
    expect(importError(doc2).details).toMatchObject({ path: 'posts[0].area_id', rule: 'required' });
  });

  it('a duplicate id', () => {
    const doc = exported();
    doc.areas![2]!.id = doc.areas![0]!.id;
    expect(importError(doc).message).toBe('in.json: areas[2].id: duplicate id "area-oak"');
  });

  it('a wrong type, a value outside a list, a negative count', () => {
    const doc = exported();
    doc.persons![0]!.given_name = 7;
    expect(importError(doc).message).toBe(
      'in.json: persons[0].given_name: expected a string or null, got number 7',
    );
    const doc2 = exported();
    doc2.organizations![0]!['caucus:nation'] = 'france';
    expect(importError(doc2).message).toMatch(
      /organizations\[0\]\.caucus:nation: expected one of england, wales, scotland, northern-ireland; got "france"$/,
    );
    const doc3 = exported();
    doc3['caucus:membership_counts']![0]!.count = -4;
    expect(importError(doc3).details).toMatchObject({
      path: 'caucus:membership_counts[0].count',
      rule: 'range',
    });
    const doc4 = exported();
    doc4['caucus:ballots']![0]!.by_election = 'no';
    expect(importError(doc4).details).toMatchObject({ path: 'caucus:ballots[0].by_election', rule: 'type' });
  });

  it('a reference to an unknown source, a citation of an unknown fact', () => {
    const doc = exported();
    doc.events![1]!['caucus:source_id'] = 'src-nowhere';
    expect(importError(doc).message).toBe(
      'in.json: events[1].caucus:source_id: refers to unknown source "src-nowhere"',
    );
    const doc2 = exported();
    doc2['caucus:citations']![0]!.fact_id = 'gone';
    expect(importError(doc2).details).toMatchObject({
      rule: 'reference',
      path: 'caucus:citations[0].fact_id',
    });
  });

  it('a reference to a record read later is fine; of two unknown ones, the first in the file is named', () => {
    const doc = exported();
    const expected = fromPopolo(exported(), 'in.json');
    // Children before their parents: references forward in the same list must still resolve.
    doc.organizations!.reverse();
    doc.areas!.reverse();
    const read = fromPopolo(doc, 'in.json');
    expect(read.organizations).toEqual([...expected.organizations].reverse());
    expect(read.areas).toEqual([...expected.areas].reverse());
    doc.organizations![0]!.parent_id = 'org-nowhere';
    doc.memberships![0]!.person_id = 'p9';
    expect(importError(doc).message).toBe(
      'in.json: organizations[0].parent_id: refers to unknown organization "org-nowhere"',
    );
  });

  it("an alias's unknown source, an alias without a name", () => {
    const doc = exported();
    const ada = doc.persons!.find((p) => p.id === 'person-ada')! as {
      other_names: Record<string, unknown>[];
    };
    ada.other_names[1]!['caucus:source_id'] = 'src-nowhere';
    expect(importError(doc).message).toBe(
      'in.json: persons[0].other_names[1].caucus:source_id: refers to unknown source "src-nowhere"',
    );
    const doc2 = exported();
    (doc2.areas![1] as { 'caucus:other_names': Record<string, unknown>[] })['caucus:other_names'][0]!.name =
      '';
    expect(importError(doc2).details).toMatchObject({
      rule: 'required',
      path: 'areas[1].caucus:other_names[0].name',
    });
  });

  it('a document that is not an object, a collection that is not an array, a record that is not an object', () => {
    expect(importError([1, 2]).message).toMatch(/^in\.json: \(root\): expected a JSON object/);
    expect(importError({ persons: {} }).message).toBe('in.json: persons: expected an array');
    expect(importError({ persons: ['x'] }).message).toBe('in.json: persons[0]: expected an object');
    expect(importError({ persons: [{ id: 'a', name: 'A', identifiers: [{ scheme: 'x' }] }] }).message).toBe(
      'in.json: persons[0].identifiers[0].identifier: required',
    );
  });

  it('a newer extension version', () => {
    expect(importError({ 'caucus:version': 2 }).details).toMatchObject({
      path: 'caucus:version',
      rule: 'version',
    });
  });

  it('malformed JSON text, with line and column', () => {
    expect(() => importPopoloText('{"persons": [\n  {"id": "a",}\n]}', 'bad.json')).toThrow(
      /^bad\.json: line 2, column 14: invalid JSON: trailing comma before "}"$/,
    );
  });
});

describe('fromPopolo: third-party Popolo', () => {
  const doc = {
    persons: [
      {
        id: 'p1',
        name: 'Ann Ash',
        other_names: [{ name: 'Annie Ash', note: 'Nickname', start_date: '2010' }],
        sources: [{ url: 'https://council.example/ann' }, { url: 'https://paper.example/x', note: 'News' }],
      },
      {
        id: 'p2',
        given_name: 'Ben',
        family_name: 'Birch',
        identifiers: [{ identifier: '42' }, { scheme: 'wikidata', identifier: 'Q1' }],
      },
    ],
    organizations: [
      { id: 'legislature/x', name: 'X Council', classification: 'legislature' },
      {
        id: 'party/y',
        name: 'Y Party',
        classification: 'party',
        other_names: [{ name: 'YP', note: 'Short name' }, { name: 'The Y Party' }],
      },
      { id: 'com/z', name: 'Z Committee', classification: 'committee', founding_date: '1990' },
      {
        id: 'uk/oak',
        name: 'Oak Council',
        classification: 'council',
        identifiers: [{ scheme: 'gss', identifier: 'W06000015' }],
      },
    ],
    areas: [
      {
        id: 'a1',
        name: 'Ward 1',
        classification: 'Ward',
        identifier: 'ocd-division/country:xx/ward:1',
        other_names: [{ name: 'Ward One' }],
      },
    ],
    posts: [{ id: 'seat-1', label: 'Ward 1 seat', organization_id: 'legislature/x', area_id: 'a1' }],
    memberships: [
      {
        person_id: 'p1',
        organization_id: 'legislature/x',
        role: 'councillor',
        on_behalf_of_id: 'party/y',
        start_date: '2014-05',
      },
      { person_id: 'p1', organization_id: 'legislature/x', role: 'Deputy Mayor', end_date: '2016' },
      {
        person_id: 'p2',
        organization_id: 'legislature/x',
        role: 'Chief Whip',
        start_date: '2015-03-02T09:00:00Z',
      },
      { id: 'membership:p2:party/y:member', person_id: 'p2', organization_id: 'party/y' },
      { person_id: 'p2', organization_id: 'party/y' },
    ],
    events: [
      {
        id: 'e1',
        name: 'Session',
        classification: 'legislative session',
        start_date: '2011-06-02',
        description: 'First',
      },
    ],
    warnings: { skipped: ['ward'] },
  };
  const snap = fromPopolo(doc, '/data/imports/xx_councils.json');

  it('maps classifications, keeping an unknown one as the subtype of "other"', () => {
    expect(snap.organizations.map((o) => [o.id, o.classification, o.subtype])).toEqual([
      ['legislature/x', 'council', null],
      ['party/y', 'party', null],
      ['com/z', 'other', 'committee'],
      ['uk/oak', 'council', null],
    ]);
    expect(snap.organizations[1]!.shortName).toBe('YP');
    expect(snap.organizations[2]!.foundingDate).toBe('1990-01-01');
  });

  it('leaves nation and council type null outside the UK, and reads them from a UK GSS code', () => {
    expect(snap.organizations[0]).toMatchObject({ nation: null, councilType: null, gss: null });
    expect(snap.organizations[3]).toMatchObject({ nation: 'wales', councilType: 'WPA', gss: 'W06000015' });
  });

  it('maps roles, keeping the original words as the label when Caucus has no such role', () => {
    expect(snap.memberships.map((m) => [m.role, m.label])).toEqual([
      ['councillor', null],
      ['member', 'Deputy Mayor'],
      ['whip', 'Chief Whip'],
      ['member', null],
      ['member', null],
    ]);
  });

  it('invents stable membership ids that never take an id the file uses', () => {
    expect(snap.memberships.map((m) => m.id)).toEqual([
      'membership:p1:legislature/x:councillor:2014-05-01',
      'membership:p1:legislature/x:deputy-mayor',
      'membership:p2:legislature/x:chief-whip:2015-03-02',
      'membership:p2:party/y:member',
      'membership:p2:party/y:member#2',
    ]);
  });

  it('widens partial dates and takes the day of a date-time', () => {
    expect(snap.memberships[0]!.startDate).toBe('2014-05-01');
    expect(snap.memberships[1]!.endDate).toBe('2016-12-31');
    expect(snap.memberships[2]!.startDate).toBe('2015-03-02');
  });

  it('turns source links into sources and citations, and invents one dataset source for the rest', () => {
    const ann = snap.persons.find((p) => p.id === 'p1')!;
    const source = snap.sources.find((s) => s.id === ann.sourceId)!;
    expect(source).toMatchObject({ kind: 'url', url: 'https://council.example/ann', title: null });
    expect(snap.citations).toEqual([
      {
        factType: 'person',
        factId: 'p1',
        sourceId: 'url:https://paper.example/x',
        quote: null,
        quoteStart: null,
        quoteEnd: null,
      },
    ]);
    const datasets = snap.sources.filter((s) => s.kind === 'dataset');
    expect(datasets).toEqual([
      {
        id: 'dataset:xx_councils.json',
        kind: 'dataset',
        url: null,
        title: 'Popolo file xx_councils.json',
        publisher: null,
        publishedOn: null,
      },
    ]);
    expect(snap.persons.find((p) => p.id === 'p2')!.sourceId).toBe('dataset:xx_councils.json');
  });

  it('builds a name from given and family names, and keeps identifiers', () => {
    expect(snap.persons[1]).toMatchObject({ name: 'Ben Birch', givenName: 'Ben', familyName: 'Birch' });
    expect(snap.identifiers).toEqual([
      {
        ownerType: 'area',
        ownerId: 'a1',
        scheme: 'identifier',
        identifier: 'ocd-division/country:xx/ward:1',
      },
      { ownerType: 'person', ownerId: 'p2', scheme: '', identifier: '42' },
      { ownerType: 'person', ownerId: 'p2', scheme: 'wikidata', identifier: 'Q1' },
    ]);
  });

  it('maps areas, posts and events, keeping what an unknown event type said in details', () => {
    expect(snap.areas[0]).toMatchObject({ type: 'ward', gss: null, validFrom: null });
    expect(snap.posts[0]).toMatchObject({ councilId: 'legislature/x', areaId: 'a1', seats: 1 });
    expect(snap.events[0]).toMatchObject({
      type: 'other',
      date: '2011-06-02',
      title: 'Session',
      details: { description: 'First', classification: 'legislative session' },
    });
  });

  it("reads other names (but the short name) as aliases, credited to the owner's source", () => {
    expect(snap.aliases).toEqual([
      { ownerType: 'area', ownerId: 'a1', alias: 'Ward One', sourceId: 'dataset:xx_councils.json' },
      {
        ownerType: 'organization',
        ownerId: 'party/y',
        alias: 'The Y Party',
        sourceId: 'dataset:xx_councils.json',
      },
      { ownerType: 'person', ownerId: 'p1', alias: 'Annie Ash', sourceId: 'url:https://council.example/ann' },
    ]);
    expect(snap.organizations.find((o) => o.id === 'party/y')!.shortName).toBe('YP');
  });

  it('exports and re-imports what it read without change', () => {
    const again = fromPopolo(JSON.parse(JSON.stringify(toPopolo(snap))), 'again.json');
    expect(JSON.stringify(toPopolo(again))).toBe(JSON.stringify(toPopolo(snap)));
  });
});

describe('popoloDateToIso', () => {
  it.each([
    ['2024-02-29', 'exact', '2024-02-29'],
    ['2023-02-29', 'start', null],
    ['2024-02', 'end', '2024-02-29'],
    ['2024-02', 'exact', null],
    ['1999', 'start', '1999-01-01'],
    ['2024-13', 'start', null],
    ['2011-06-02T10:00+01:00', 'start', '2011-06-02'],
    ['02/06/2011', 'start', null],
  ] as const)('%s (%s) -> %s', (raw, side, expected) => {
    expect(popoloDateToIso(raw, side)).toBe(expected);
  });
});

const TAS = fileURLToPath(
  new URL('../../../../shared/data/popolo/au_tas_local_councillor_popolo.json', import.meta.url),
);

const TAS_TITLE = existsSync(TAS)
  ? 'the real Tasmanian councillors file'
  : 'the real Tasmanian councillors file: skipped because ../shared is absent';

describe.skipIf(!existsSync(TAS))(TAS_TITLE, () => {
  const text = existsSync(TAS) ? readFileSync(TAS, 'utf8') : '{}';
  const snap = importPopoloText(text, TAS);

  it('imports every person, organization and membership', () => {
    expect(snap.persons).toHaveLength(263);
    expect(snap.organizations).toHaveLength(33);
    expect(snap.memberships).toHaveLength(317);
  });

  it('reads legislatures as councils and parties as parties, with no UK fields', () => {
    const councils = snap.organizations.filter((o) => o.classification === 'council');
    const parties = snap.organizations.filter((o) => o.classification === 'party');
    expect(councils.length + parties.length).toBe(33);
    expect(councils.every((o) => o.id.startsWith('legislature/'))).toBe(true);
    expect(parties.every((o) => o.id.startsWith('party/'))).toBe(true);
    expect(snap.organizations.every((o) => o.nation === null && o.councilType === null)).toBe(true);
  });

  it('reads councillor memberships with the party they stood for', () => {
    const councillors = snap.memberships.filter((m) => m.role === 'councillor');
    expect(councillors).toHaveLength(263);
    expect(councillors.every((m) => m.organizationId.startsWith('legislature/'))).toBe(true);
    expect(councillors.every((m) => m.onBehalfOfId?.startsWith('party/'))).toBe(true);
    const mayors = snap.memberships.filter((m) => m.role === 'mayor' || m.role === 'lord-mayor');
    expect(mayors.length).toBeGreaterThan(0);
    expect(new Set(snap.memberships.map((m) => m.id)).size).toBe(317);
  });

  it('gives every record a source: the person page where there is one, else the file', () => {
    const dataset = snap.sources.find((s) => s.kind === 'dataset');
    expect(dataset?.title).toBe('Popolo file au_tas_local_councillor_popolo.json');
    const withPages = snap.persons.filter((p) => p.sourceId.startsWith('url:'));
    expect(withPages.length).toBeGreaterThan(0);
    const sourceIds = new Set(snap.sources.map((s) => s.id));
    for (const rows of [snap.persons, snap.organizations, snap.memberships]) {
      expect(rows.every((r) => sourceIds.has(r.sourceId))).toBe(true);
    }
  });

  it('round-trips through a Caucus export', () => {
    const first = toPopolo(snap);
    const again = fromPopolo(JSON.parse(JSON.stringify(first)), 'export.json');
    expect(JSON.stringify(toPopolo(again))).toBe(JSON.stringify(first));
  });
});
