import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { parseDcResults } from './dc-results.importer.js';
import { DC_CURRENT, hasShared, invalid, readShared } from './ingest.test-support.js';

function candidate(
  person: [number, string],
  party: [string, string] | null,
  post: string,
  votes: unknown,
  winner: unknown,
) {
  return {
    id: person[0] * 10,
    is_winner: winner,
    membership: {
      elected: winner,
      election: { id: 'local.testshire.2018-05-03', name: 'Testshire local election' },
      on_behalf_of: party ? { id: party[0], name: party[1] } : null,
      person: { id: person[0], name: person[1] },
      post: { id: post, label: 'Stocksbridge & Upper Don', slug: post },
      role: 'Candidate',
    },
    num_ballots: votes,
  };
}

const DOC = {
  _source_urls: [],
  results: [
    {
      ballot_paper_id: 'local.testshire.stocksbridge-upper-don.2018-05-03',
      candidate_results: [
        candidate([1, 'Francyne Johnson'], ['party:53', 'Labour Party'], 'MTW:E05010881', 1814, true),
        candidate(
          [2, 'Andrew Brooker'],
          ['party:52', 'Conservative and Unionist Party'],
          'MTW:E05010881',
          1103,
          false,
        ),
        candidate([3, 'Sam Free'], ['ynmp-party:2', 'Independent'], 'MTW:E05010881', 50, false),
      ],
      num_turnout_reported: 34,
    },
    {
      ballot_paper_id: 'local.testshire.hill.by.2018-05-03',
      candidate_results: [
        candidate([4, 'Hana Hill'], ['party:63', 'Green Party'], 'gss:E05010882', 900, true),
        candidate(
          [1, 'Francyne Johnson'],
          ['joint-party:53-119', 'Labour and Co-operative Party'],
          'gss:E05010882',
          800,
          false,
        ),
      ],
    },
  ],
};
const TEXT = JSON.stringify(DOC, null, 1);

describe('parseDcResults', () => {
  const r = parseDcResults(TEXT, 'results.json');

  it('reads result sets into ballots and candidacies with votes and winners', () => {
    expect(r.rows).toBe(2);
    expect(r.snapshot.ballots!.map((b) => [b.id, b.postId, b.byElection, b.seatsContested])).toEqual([
      ['local.testshire.stocksbridge-upper-don.2018-05-03', 'post:testshire:E05010881', false, 1],
      ['local.testshire.hill.by.2018-05-03', 'post:testshire:E05010882', true, 1],
    ]);
    expect(r.snapshot.candidacies!.map((c) => [c.personId, c.partyId, c.votes, c.elected])).toEqual([
      ['dc-person:1', 'party:PP53', 1814, true],
      ['dc-person:2', 'party:PP52', 1103, false],
      ['dc-person:3', null, 50, false],
      ['dc-person:4', 'party:PP63', 900, true],
      ['dc-person:1', 'party:PP53', 800, false],
    ]);
    // One person standing in two ballots is one person record.
    expect(r.snapshot.persons!.map((p) => p.id)).toEqual([
      'dc-person:1',
      'dc-person:2',
      'dc-person:3',
      'dc-person:4',
    ]);
    expect(r.snapshot.areas!.map((a) => a.id)).toEqual(['E05010881', 'E05010882']);
  });

  it('is idempotent and accepts a bare array of result sets', () => {
    expect(parseDcResults(TEXT, 'results.json')).toEqual(r);
    expect(parseDcResults(JSON.stringify(DOC.results), 'results.json').snapshot).toEqual(r.snapshot);
  });

  it('names the field, with the line of the result set, for a bad value', () => {
    const bad = structuredClone(DOC);
    bad.results[1]!.candidate_results[0]!.num_ballots = 'many';
    const text = JSON.stringify(bad, null, 1);
    const line = text.split('\n').findIndex((l) => l.includes('"local.testshire.hill.by.2018-05-03"')) + 1;
    const e = invalid(() => parseDcResults(text, 'results.json'));
    expect(e.message).toBe(
      `results.json:${line}: field results[1].candidate_results[0].num_ballots: expected a whole number of votes (0 or more) or null, got "many"`,
    );
  });

  it('with skipInvalid, rejects the whole result set and keeps the rest', () => {
    const bad = structuredClone(DOC);
    (bad.results[0]!.candidate_results[1]!.membership as { person: unknown }).person = {
      id: 'x7',
      name: 'Who',
    };
    const r2 = parseDcResults(JSON.stringify(bad), 'results.json', { skipInvalid: true });
    expect(r2.rejects).toHaveLength(1);
    expect(r2.rejects[0]!.reason).toMatch(
      /results\[0\]\.candidate_results\[1\]\.membership\.person\.id: expected a whole number, got "x7"/,
    );
    expect(r2.snapshot.ballots!.map((b) => b.id)).toEqual(['local.testshire.hill.by.2018-05-03']);
    expect(JSON.parse(r2.rejects[0]!.raw).ballot_paper_id).toBe(
      'local.testshire.stocksbridge-upper-don.2018-05-03',
    );
  });

  it('rejects a membership election that is not the ballot’s', () => {
    const bad = structuredClone(DOC);
    bad.results[0]!.candidate_results[0]!.membership.election.id = 'local.other.2018-05-03';
    expect(invalid(() => parseDcResults(JSON.stringify(bad), 'r.json')).message).toMatch(
      /membership\.election\.id: expected "local\.testshire\.2018-05-03"/,
    );
  });

  it('says when the file is a CSV or not JSON result sets', () => {
    expect(invalid(() => parseDcResults(DC_CURRENT, 'c.csv')).message).toBe(
      'c.csv: this looks like a Democracy Club candidates CSV, not Democracy Club result sets',
    );
    expect(
      invalid(() => parseDcResults('{"ballot_paper_id": 1, "candidate_results": ', 'r.json')).message,
    ).toMatch(/^r\.json: line 1, column \d+: invalid JSON/);
  });

  it('throws nothing but InvalidInputError on mutated JSON', () => {
    fc.assert(
      fc.property(fc.nat(TEXT.length), fc.string({ unit: 'binary', maxLength: 6 }), (at, s) => {
        for (const text of [TEXT.slice(0, at), TEXT.slice(0, at) + s + TEXT.slice(at)]) {
          try {
            parseDcResults(text, 'm.json', { skipInvalid: at % 2 === 0 });
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidInputError);
          }
        }
      }),
      { numRuns: 200 },
    );
    // Structurally wrong but valid JSON.
    for (const v of [
      [1],
      { results: [{ ballot_paper_id: 'local.a.b.2018-05-03', candidate_results: [null] }] },
      { results: 3 },
    ])
      expect(() =>
        parseDcResults(JSON.stringify({ ...v, x: '"candidate_results": "ballot_paper_id":' }), 'w.json'),
      ).toThrow(InvalidInputError);
  });
});

const SHEFFIELD = 'results/dc_api_v0.9_result_sets_sheffield_2018.json';
describe.skipIf(!hasShared(SHEFFIELD))(
  'the Sheffield 2018 result sets (skipped: ../shared is absent)',
  () => {
    const text = hasShared(SHEFFIELD) ? readShared(SHEFFIELD) : '';
    it('imports the 49 ballots and every candidate result', () => {
      const r = parseDcResults(text, 'dc_api_v0.9_result_sets_sheffield_2018.json');
      const doc = JSON.parse(text) as { results: Array<{ candidate_results: unknown[] }> };
      expect(r.rejects).toEqual([]);
      expect(r.snapshot.ballots).toHaveLength(49);
      expect(r.snapshot.candidacies).toHaveLength(
        doc.results.reduce((n, s) => n + s.candidate_results.length, 0),
      );
      // Old MTW: post ids still give GSS-keyed wards.
      expect(r.snapshot.areas!.every((a) => /^E05\d{6}$/.test(a.id))).toBe(true);
      expect(r.snapshot.organizations!.filter((o) => o.id.startsWith('party:label:'))).toEqual([]);
      expect(parseDcResults(text, 'x.json')).toEqual(parseDcResults(text, 'x.json'));
    });
  },
);
