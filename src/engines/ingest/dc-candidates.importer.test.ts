import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { councilDirectory, parseCouncils } from './councils.importer.js';
import { parseDcCandidates } from './dc-candidates.importer.js';
import { DC_CURRENT, DC_HEADER, DC_LEGACY, hasShared, invalid, readShared } from './ingest.test-support.js';

describe('parseDcCandidates: current layout', () => {
  const r = parseDcCandidates(DC_CURRENT, 'cands.csv');

  it('builds ballots, elections, posts, persons and candidacies with stable ids', () => {
    expect(r.snapshot.ballots!.map((b) => [b.id, b.seatsContested, b.byElection, b.postId])).toEqual([
      ['local.testshire.north.2022-05-05', 2, false, 'post:testshire:E05000001'],
      ['local.testshire.south-and-east.by.2022-05-05', 1, true, 'post:testshire:E05000002'],
    ]);
    expect(r.snapshot.elections).toEqual([
      {
        id: 'local.testshire.2022-05-05',
        sourceId: r.source.id,
        councilId: 'council:testshire',
        date: '2022-05-05',
        ordinary: true,
      },
    ]);
    expect(r.snapshot.candidacies!.find((c) => c.personId === 'dc-person:101')).toEqual({
      id: 'local.testshire.north.2022-05-05:dc-person:101',
      sourceId: r.source.id,
      ballotId: 'local.testshire.north.2022-05-05',
      personId: 'dc-person:101',
      partyId: 'party:PP53',
      votes: 1200,
      elected: true,
    });
    expect(r.snapshot.identifiers).toContainEqual({
      ownerType: 'person',
      ownerId: 'dc-person:104',
      scheme: 'democracy-club-person',
      identifier: '104',
    });
    expect(r.snapshot.areas!.map((a) => [a.id, a.name, a.type])).toEqual([
      ['E05000001', 'North', 'ward'],
      ['E05000002', 'South & East', 'ward'],
    ]);
  });

  it('maps ynmp-party:2 to no party and Labour and Co-operative to Labour', () => {
    const byPerson = new Map(r.snapshot.candidacies!.map((c) => [c.personId, c.partyId]));
    expect(byPerson.get('dc-person:104')).toBeNull();
    expect(byPerson.get('dc-person:105')).toBe('party:PP53');
    expect(
      r.snapshot
        .organizations!.filter((o) => o.classification === 'party')
        .map((o) => [o.id, o.ecId, o.name]),
    ).toEqual([
      ['party:PP53', 'PP53', 'Labour Party'],
      ['party:PP52', 'PP52', 'Conservative and Unionist Party'],
      ['party:PP63', 'PP63', 'Green Party'],
    ]);
  });

  it('skips other polls, saying so, and marks placeholder records', () => {
    expect(r.rows).toBe(6);
    expect(r.snapshot.candidacies).toHaveLength(5);
    expect(r.notes[0]).toBe('skipped rows for polls other than local councils: 1 parl');
    expect(r.references.organizations).toEqual(['council:testshire']);
    expect(r.references.posts).toEqual(['post:testshire:E05000001', 'post:testshire:E05000002']);
    expect(r.source).toMatchObject({
      id: 'dataset:dc-candidates:cands.csv',
      kind: 'dataset',
      publisher: 'Democracy Club',
    });
    expect(r.source.title).toContain('cands.csv');
    for (const table of Object.values(r.snapshot))
      for (const rec of table as Array<{ sourceId?: string }>)
        if ('sourceId' in rec) expect(rec.sourceId).toBe(r.source.id);
  });

  it('uses the councils directory for council ids when given one', () => {
    const councils = parseCouncils(
      'local-authority-code,official-name,nice-name,gss-code,local-authority-type,nation,start-date,end-date\nTST,Testshire County Council,Testshire,E10000099,CTY,England,,\n',
      'la.csv',
    );
    const withDir = parseDcCandidates(DC_CURRENT, 'cands.csv', {
      councils: councilDirectory(councils.snapshot),
    });
    expect(withDir.snapshot.elections![0]!.councilId).toBe('TST');
    expect(withDir.snapshot.posts![0]!.councilId).toBe('TST');
    expect(withDir.snapshot.areas![0]!.parentId).toBe('E10000099');
    expect(withDir.references.organizations).toEqual([]);
    // Post and ballot ids do not depend on the directory, so an import before and after councils agree.
    expect(withDir.snapshot.posts!.map((p) => p.id)).toEqual(r.snapshot.posts!.map((p) => p.id));
  });

  it('is idempotent: the same text gives deep-equal records', () => {
    expect(parseDcCandidates(DC_CURRENT, 'cands.csv')).toEqual(r);
  });
});

describe('parseDcCandidates: legacy layout and quirks', () => {
  it('reads legacy party ids, old post ids and missing seat counts', () => {
    const r = parseDcCandidates(DC_LEGACY, 'legacy.csv');
    expect(r.snapshot.candidacies!.map((c) => [c.personId, c.partyId, c.elected])).toEqual([
      ['dc-person:12318', 'party:PP90', true],
      ['dc-person:12567', 'party:PP53', false],
      ['dc-person:555', null, false],
    ]);
    // MTW:E05010867 and gss:E05010867 are the same ward.
    expect(r.snapshot.posts!.map((p) => p.id)).toEqual(['post:sheffield:E05010867']);
    expect(r.snapshot.ballots![0]!.seatsContested).toBe(1);
    expect(r.notes).toContain(
      '1 ballot(s) without a seats count: seats contested taken as the number elected (at least 1)',
    );
  });

  it('reads a file with a BOM, CR-only line endings and stray whitespace', () => {
    const messy = `\uFEFF${DC_LEGACY.split('\n')
      .map((l) =>
        l
          .split(',')
          .map((c) => ` ${c}  `)
          .join(','),
      )
      .join('\r')}\r`;
    const clean = parseDcCandidates(DC_LEGACY, 'legacy.csv');
    const r = parseDcCandidates(messy, 'legacy.csv');
    expect(r.snapshot).toEqual(clean.snapshot);
  });

  it('finds columns by name whatever their order', () => {
    const lines = DC_LEGACY.split('\n').map((l) => l.split(',').reverse().join(','));
    expect(parseDcCandidates(lines.join('\n'), 'legacy.csv').snapshot).toEqual(
      parseDcCandidates(DC_LEGACY, 'legacy.csv').snapshot,
    );
  });
});

describe('parseDcCandidates: bad input', () => {
  const bad = `${DC_HEADER}\n101,Ann Able,local.x.2022-05-05,local.x.north.2022-05-05,2022-05-05,False,Labour Party,PP53,North,False,1,lots,True,,\n`;

  it('stops at the first bad row with FILE:LINE, the column, what was expected and what was found', () => {
    const e = invalid(() => parseDcCandidates(bad, 'cands.csv'));
    expect(e.message).toBe(
      'cands.csv:2: column votes_cast: expected a number of votes (0 or more) or nothing, got "lots"',
    );
    expect(e.details).toMatchObject({ file: 'cands.csv', line: 2, column: 'votes_cast' });
  });

  it.each([
    ['ballot_paper_id', 'local.x.2022-05-05', /column ballot_paper_id: expected a ballot id naming a ward/],
    [
      'ballot_paper_id',
      'local.x.north.2022-02-30',
      /column ballot_paper_id: expected a Democracy Club ballot id \(does not end with a real date/,
    ],
    ['election_id', 'local.y.2022-05-05', /column election_id: expected "local.x.2022-05-05"/],
    ['party_id', 'labour', /column party_id: expected a party id such as PP53/],
    ['person_id', 'abc', /column person_id: expected a Democracy Club person id/],
    ['elected', 'maybe', /column elected: expected true or false/],
    ['gss', 'E0500', /column gss: expected a GSS code/],
    ['seats_contested', '0', /column seats_contested: expected a number of seats/],
  ])('rejects a bad %s (%s)', (column, value, message) => {
    const cols = DC_HEADER.split(',');
    const cells =
      '101,Ann Able,local.x.2022-05-05,local.x.north.2022-05-05,2022-05-05,False,Labour Party,PP53,North,False,1,10,True,,'.split(
        ',',
      );
    cells[cols.indexOf(column)] = value;
    const e = invalid(() => parseDcCandidates(`${DC_HEADER}\n${cells.join(',')}`, 'c.csv'));
    expect(e.message).toMatch(/^c\.csv:2: /);
    expect(e.message).toMatch(message);
  });

  it('rejects a truncated row and a duplicate candidacy', () => {
    const truncated = `${DC_HEADER}\n101,Ann Able,local.x.2022-05-05`;
    expect(invalid(() => parseDcCandidates(truncated, 'c.csv')).message).toBe(
      'c.csv:2: column ballot_paper_id: expected a Democracy Club ballot id such as local.sheffield.ecclesall.2021-05-06, got nothing (the row has 3 of 15 cells)',
    );
    const row =
      '101,Ann Able,local.x.2022-05-05,local.x.north.2022-05-05,2022-05-05,False,Labour Party,PP53,North,False,1,10,True,,';
    expect(invalid(() => parseDcCandidates(`${DC_HEADER}\n${row}\n${row}`, 'c.csv')).message).toMatch(
      /^c\.csv:3: column person_id: expected one row per person per ballot/,
    );
  });

  it('with skipInvalid, imports the good rows and lists the bad ones with reasons and raw text', () => {
    const text = `${DC_CURRENT}\n999,Bad Row,local.testshire.2022-05-05,local.testshire.north.2022-05-05,2022-05-05,False,Labour Party,PP53,North,False,2,-5,False,,\n`;
    const r = parseDcCandidates(text, 'cands.csv', { skipInvalid: true });
    expect(r.snapshot.candidacies).toHaveLength(5);
    expect(r.rejects).toEqual([
      {
        line: 8,
        reason: 'cands.csv:8: column votes_cast: expected a number of votes (0 or more) or nothing, got "-5"',
        raw: '999,Bad Row,local.testshire.2022-05-05,local.testshire.north.2022-05-05,2022-05-05,False,Labour Party,PP53,North,False,2,-5,False,,',
      },
    ]);
    expect(r.snapshot.persons!.some((p) => p.id === 'dc-person:999')).toBe(false);
  });

  it('names a file in the wrong format', () => {
    const lga =
      'OrganisationLabel,ElectionDate,ElectoralAreaLabel,CandidateSurname,CandidateForenames,VotesWon,Elected\nX,2022-05-05,North,SMITH,Ann,1,ELECTED';
    expect(invalid(() => parseDcCandidates(lga, 'x.csv')).message).toBe(
      'x.csv: this looks like an LGA election results CSV, not a Democracy Club candidates CSV',
    );
    expect(invalid(() => parseDcCandidates('a,b\n1,2', 'x.csv')).message).toBe(
      'x.csv: this is not a Democracy Club candidates CSV: missing column(s) person_id, person_name, ballot_paper_id',
    );
  });

  it('throws nothing but InvalidInputError on mutated files', () => {
    const lines = DC_CURRENT.split('\n');
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(DC_CURRENT.length) }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(DC_CURRENT.length),
        s: fc.string({ unit: 'binary', maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant('swap' as const),
        line: fc.nat(lines.length - 1),
        a: fc.nat(14),
        b: fc.nat(14),
      }),
      fc.record({ kind: fc.constant('bytes' as const), s: fc.string({ unit: 'binary', maxLength: 200 }) }),
    );
    fc.assert(
      fc.property(mutation, (m) => {
        let text: string;
        if (m.kind === 'truncate') text = DC_CURRENT.slice(0, m.at);
        else if (m.kind === 'insert') text = DC_CURRENT.slice(0, m.at) + m.s + DC_CURRENT.slice(m.at);
        else if (m.kind === 'swap') {
          const ls = [...lines];
          const cells = ls[m.line]!.split(',');
          [cells[m.a], cells[m.b]] = [cells[m.b] ?? '', cells[m.a] ?? ''];
          ls[m.line] = cells.join(',');
          text = ls.join('\n');
        } else text = m.s;
        try {
          parseDcCandidates(text, 'm.csv');
          parseDcCandidates(text, 'm.csv', { skipInvalid: true });
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const SY = 'results/derived_dc_candidates_style_south_yorkshire_2021.csv';
describe.skipIf(!hasShared(SY))('the South Yorkshire 2021 sample (skipped: ../shared is absent)', () => {
  const text = hasShared(SY) ? readShared(SY) : '';

  it('imports all 633 candidacies without an error', () => {
    const r = parseDcCandidates(text, 'derived_dc_candidates_style_south_yorkshire_2021.csv');
    expect(r.rejects).toEqual([]);
    expect(r.rows).toBe(633);
    expect(r.snapshot.candidacies).toHaveLength(633);
    expect(r.snapshot.elections!.map((e) => e.id).sort()).toEqual([
      'local.barnsley.2021-05-06',
      'local.doncaster.2021-05-06',
      'local.rotherham.2021-05-06',
      'local.sheffield.2021-05-06',
    ]);
    const ballots = new Set(
      text
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',')[3]),
    );
    expect(r.snapshot.ballots).toHaveLength(ballots.size);
    // Every party id in the file is a registered party or an independent: none left as an unknown label.
    expect(r.snapshot.organizations!.filter((o) => o.id.startsWith('party:label:'))).toEqual([]);
    const elected = r.snapshot.candidacies!.filter((c) => c.elected).length;
    expect(elected).toBe(text.split('\n').filter((l) => l.trim().endsWith(',True')).length);
  });

  it('is idempotent on the real file', () => {
    expect(parseDcCandidates(text, 'sy.csv')).toEqual(parseDcCandidates(text, 'sy.csv'));
  });
});
