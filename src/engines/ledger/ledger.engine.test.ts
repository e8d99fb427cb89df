import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { councilDirectory, parseCouncils } from '../ingest/councils.importer.js';
import { parseDcCandidates } from '../ingest/dc-candidates.importer.js';
import { parseDcResults } from '../ingest/dc-results.importer.js';
import { hasShared, readShared } from '../ingest/ingest.test-support.js';
import { inferCycle } from './cycle.engine.js';
import {
  incumbencyLedger,
  type LedgerBallot,
  type LedgerCandidacy,
  type LedgerInput,
  type LedgerPost,
  ledgerElectionDates,
} from './ledger.engine.js';
import { cycleInputFrom, ledgerInputFrom } from './ledger.input.js';

/** A candidacy: [person, party, votes, elected]. */
type C = [string, string | null, number, boolean];
const cand = ([personId, partyId, votes, elected]: C): LedgerCandidacy => ({
  personId,
  partyId,
  votes,
  elected,
});

function ballot(post: string, date: string, seats: number, cands: C[], byElection = false): LedgerBallot {
  return {
    id: `local.tst.${post}${byElection ? '.by' : ''}.${date}`,
    postId: post,
    date,
    byElection,
    seatsContested: seats,
    candidacies: cands.map(cand),
  };
}

const post = (id: string, seats: number): LedgerPost => ({ id, label: id.toUpperCase(), seats });

describe('incumbents by term rule', () => {
  // One three-seat ward electing by thirds, with an all-out poll in 2016 after a boundary review.
  const input: LedgerInput = {
    council: 'TST',
    posts: [post('x', 3)],
    ballots: [
      ballot('x', '2016-05-05', 3, [
        ['a', 'lab', 3000, true],
        ['b', 'lab', 2000, true],
        ['c', 'con', 1000, true],
        ['d', 'grn', 500, false],
      ]),
      ballot('x', '2018-05-03', 1, [['c', 'con', 1200, true]]),
      ballot('x', '2019-05-02', 1, [
        ['e', 'lab', 1300, true],
        ['b', 'ind', 900, false],
      ]),
      ballot('x', '2021-05-06', 1, [['a', 'lab', 1500, true]]),
      ballot('x', '2022-05-05', 1, [['f', 'lab', 1500, true]]),
    ],
  };

  it('after an all-out poll the lowest-placed winner is up first and the top-placed last', () => {
    const up = (d: string) => incumbencyLedger(input, d).seats[0]!.incumbents.map((i) => i.person);
    expect(up('2018-05-03')).toEqual(['c']);
    expect(up('2019-05-02')).toEqual(['b']);
    // 2020's poll was postponed to 2021: the 2016 top-placed winner's term ran five years.
    expect(up('2021-05-06')).toEqual(['a']);
    // Then the cycle resumes with the 2018 winner.
    expect(up('2022-05-05')).toEqual(['c']);
  });

  it('gives each incumbent an outcome, with the evidence', () => {
    const l = incumbencyLedger(input, '2019-05-02');
    expect(l.seats[0]!.incumbents[0]).toMatchObject({
      person: 'b',
      party: 'lab',
      outcome: 'changed-party',
      stood: { ballot: 'local.tst.x.2019-05-02', party: 'ind', elected: false },
      since: '2016-05-05',
    });
    expect(incumbencyLedger(input, '2022-05-05').seats[0]!.incumbents[0]!.outcome).toBe('stood-down');
    expect(incumbencyLedger(input, '2018-05-03').seats[0]!.incumbents[0]!.outcome).toBe('re-elected');
  });

  it('with history starting mid-cycle, seats won before it are unknown and come up first', () => {
    const partial: LedgerInput = {
      ...input,
      ballots: input.ballots.filter((b) => b.date === '2018-05-03' || b.date >= '2021-01-01'),
    };
    const l2021 = incumbencyLedger(partial, '2021-05-06');
    expect(l2021.seats[0]).toMatchObject({ incumbents: [], unknown: 1 });
    const l2022 = incumbencyLedger(partial, '2022-05-05');
    // The 2019 poll is missing too, so the replay still has a seat from before the history ahead of the 2018
    // winner's: it reports that seat as unknown rather than guess.
    expect(l2022.seats[0]).toMatchObject({ incumbents: [], unknown: 1 });
  });

  it('uses recorded terms over the ranking where the council records them', () => {
    const recorded = {
      ...input,
      termRule: {
        afterFullPoll: 'ranked-by-votes' as const,
        recorded: [
          { personId: 'a', postId: 'x', termEnds: '2018-05-03' },
          { personId: 'b', postId: 'x', termEnds: '2021-05-06' },
          { personId: 'c', postId: 'x', termEnds: '2019-05-02' },
        ],
      },
    };
    expect(incumbencyLedger(recorded, '2018-05-03').seats[0]!.incumbents.map((i) => i.person)).toEqual(['a']);
    expect(incumbencyLedger(recorded, '2019-05-02').seats[0]!.incumbents.map((i) => i.person)).toEqual(['c']);
  });

  it("under the 'all-full-term' rule, warns that a partial poll after a whole one contradicts it", () => {
    const l = incumbencyLedger({ ...input, termRule: { afterFullPoll: 'all-full-term' } }, '2019-05-02');
    expect(l.warnings).toEqual([
      "local.tst.x.2018-05-03: under 'all-full-term' seats won together serve equal terms, yet only some are up; assumed the lowest-placed",
    ]);
    expect(incumbencyLedger(input, '2019-05-02').warnings).toEqual([]);
  });

  it('lists the ordinary poll dates and refuses a date without one', () => {
    expect(ledgerElectionDates(input)).toEqual([
      '2016-05-05',
      '2018-05-03',
      '2019-05-02',
      '2021-05-06',
      '2022-05-05',
    ]);
    expect(() => incumbencyLedger(input, '2020-05-07')).toThrow(InvalidInputError);
    expect(() => incumbencyLedger(input, '2020-05-07')).toThrow(
      /no ordinary poll on 2020-05-07 for TST; ordinary polls in the data: 2016-05-05/,
    );
  });
});

describe('every outcome on a hand-built history', () => {
  // Seven one-seat wards elected all-out in 2018 and again in 2022.
  const wards = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const elected2018: Record<string, C> = {
    a: ['p1', 'lab', 900, true],
    b: ['p2', 'con', 800, true],
    c: ['p3', 'lab', 700, true],
    d: ['p5', 'lab', 600, true],
    e: ['p6', 'lab', 650, true],
    f: ['p7', 'con', 640, true],
    g: ['p8', 'lab', 630, true],
    h: ['p9', 'lab', 620, true],
  };
  const input: LedgerInput = {
    council: 'TST',
    posts: wards.map((w) => post(w, 1)),
    ballots: [
      ...wards.map((w) => ballot(w, '2018-05-03', 1, [elected2018[w]!, [`loser-${w}`, 'grn', 100, false]])),
      // p3 resigned; p4 (Green) won the by-election for the rest of the term.
      ballot(
        'c',
        '2019-09-12',
        1,
        [
          ['p4', 'grn', 700, true],
          ['q', 'lab', 600, false],
        ],
        true,
      ),
      ballot('a', '2022-05-05', 1, [
        ['p1', 'lab', 1000, true],
        ['p4', 'grn', 900, false],
      ]),
      ballot('b', '2022-05-05', 1, [
        ['p2', 'con', 500, false],
        ['r', 'lab', 800, true],
      ]),
      ballot('c', '2022-05-05', 1, [['s', 'lab', 800, true]]),
      ballot('d', '2022-05-05', 1, [
        ['p5', null, 400, false],
        ['t', 'lab', 800, true],
      ]),
      ballot('e', '2022-05-05', 1, [['u', 'lab', 800, true]]),
      ballot('f', '2022-05-05', 1, [['v', 'con', 800, true]]),
      ballot('g', '2022-05-05', 1, [['w', 'lab', 800, true]]),
      ballot('h', '2022-05-05', 1, [['y', 'lab', 800, true]]),
    ],
    events: [
      { id: 'ev:resign', type: 'resignation', date: '2019-07-01', personId: 'p3', details: {} },
      {
        id: 'ev:defect',
        type: 'defection',
        date: '2020-03-01',
        personId: 'p5',
        details: { fromPartyId: 'lab', toPartyId: null },
      },
      { id: 'ev:desel', type: 'deselection', date: '2021-11-20', personId: 'p8', details: {} },
    ],
    selections: [
      {
        id: 'sel:e',
        partyId: 'lab',
        postId: 'e',
        pollDate: '2022-05-05',
        candidates: [
          { personId: 'p6', sitting: true, soughtReselection: true, chosen: false },
          { personId: 'u', sitting: false, soughtReselection: false, chosen: true },
        ],
      },
      {
        // p9 retired: in the selection but did not seek reselection.
        id: 'sel:h',
        partyId: 'lab',
        postId: 'h',
        pollDate: '2022-05-05',
        candidates: [
          { personId: 'p9', sitting: true, soughtReselection: false, chosen: false },
          { personId: 'y', sitting: false, soughtReselection: false, chosen: true },
        ],
      },
    ],
  };
  const l = incumbencyLedger(input, '2022-05-05');
  const outcome = (ward: string) =>
    l.seats.find((s) => s.post === ward)!.incumbents.map((i) => [i.person, i.outcome, i.evidence]);

  it('re-elected, lost, moved, changed-party', () => {
    expect(outcome('a')).toEqual([['p1', 're-elected', 'candidacy on local.tst.a.2022-05-05']]);
    expect(outcome('b')).toEqual([['p2', 'lost', 'candidacy on local.tst.b.2022-05-05']]);
    // The by-election winner is the incumbent of ward c, and stood in ward a for the same party.
    expect(outcome('c')).toEqual([['p4', 'moved', 'candidacy on local.tst.a.2022-05-05']]);
    expect(l.seats.find((s) => s.post === 'c')!.incumbents[0]).toMatchObject({
      via: 'by-election',
      since: '2019-09-12',
    });
    // Elected Labour, defected, stood as an independent.
    expect(outcome('d')).toEqual([['p5', 'changed-party', 'candidacy on local.tst.d.2022-05-05']]);
    expect(l.seats.find((s) => s.post === 'd')!.incumbents[0]).toMatchObject({
      party: 'lab',
      currentParty: null,
    });
  });

  it('deselected only on a recorded selection or a sourced event; otherwise stood-down', () => {
    expect(outcome('e')).toEqual([['p6', 'deselected', 'selection sel:e']]);
    expect(outcome('g')).toEqual([['p8', 'deselected', 'event ev:desel']]);
    expect(outcome('f')).toEqual([['p7', 'stood-down', 'no candidacy on this day']]);
    expect(outcome('h')).toEqual([['p9', 'stood-down', 'no candidacy on this day']]);
  });

  it('totals every outcome, zeros included, in the issue’s JSON shape', () => {
    expect(l.totals).toEqual({
      're-elected': 1,
      lost: 1,
      'changed-party': 1,
      moved: 1,
      'stood-down': 2,
      deselected: 2,
    });
    expect(l).toMatchObject({ council: 'TST', election: '2022-05-05' });
    expect(l.seats[0]).toMatchObject({ ward: 'A', seatsUp: 1, vacant: 0, unknown: 0 });
    expect(l.warnings).toEqual([]);
  });

  it('counts a seat left vacant and not filled as vacant, not as an incumbent', () => {
    const noBy = { ...input, ballots: input.ballots.filter((b) => !b.byElection) };
    const seat = incumbencyLedger(noBy, '2022-05-05').seats.find((s) => s.post === 'c')!;
    expect(seat).toMatchObject({ incumbents: [], vacant: 1, unknown: 0 });
  });

  it('says when it had to assume whose seat a by-election filled', () => {
    const noEvent = { ...input, events: input.events!.filter((e) => e.id !== 'ev:resign') };
    const l2 = incumbencyLedger(noEvent, '2022-05-05');
    expect(l2.seats.find((s) => s.post === 'c')!.incumbents[0]!.person).toBe('p4');
    expect(l2.warnings).toEqual([
      "local.tst.c.by.2019-09-12: the vacancy is not recorded; assumed it was p3's seat (elected 2018-05-03), the next due for election",
    ]);
  });

  it('marks seats whose previous winner the history lacks as unknown', () => {
    const first = incumbencyLedger(input, '2018-05-03');
    expect(first.seats.every((s) => s.incumbents.length === 0 && s.unknown === 1)).toBe(true);
    expect(Object.values(first.totals).every((n) => n === 0)).toBe(true);
  });
});

describe('casual vacancies and stale deselections', () => {
  // Three seats by thirds from 2014 (all-out). a resigns in 2015; the 2016 poll fills the due seat and a's.
  const input: LedgerInput = {
    council: 'TST',
    posts: [post('x', 3)],
    ballots: [
      ballot('x', '2014-05-22', 3, [
        ['a', 'con', 1100, true],
        ['b', 'con', 1050, true],
        ['c', 'con', 1000, true],
      ]),
      ballot('x', '2015-05-07', 1, [['c2', 'con', 3000, true]]),
      ballot('x', '2016-05-05', 2, [
        ['d', 'con', 1200, true],
        ['e', 'lab', 1100, true],
      ]),
      ballot('x', '2018-05-03', 1, [['f', 'con', 1500, true]]),
      ballot('x', '2019-05-02', 1, [['g', 'lab', 1500, true]]),
    ],
    events: [
      { id: 'ev:a', type: 'resignation', date: '2015-11-18', personId: 'a', details: {} },
      // e's deselection was for the 2018 poll: it says nothing about 2019.
      {
        id: 'ev:e',
        type: 'deselection',
        date: '2017-11-17',
        personId: 'e',
        details: { pollDate: '2018-05-03' },
      },
    ],
  };

  it("gives the lowest-placed winner at an ordinary poll the rest of a vacated seat's term", () => {
    // After 2015 the seats fall due: b (2016), a (2018, vacated), c2 (2019). In 2016 d takes b's seat for a
    // full term and e, placed lower, a's seat until 2018.
    const l2018 = incumbencyLedger(input, '2018-05-03');
    expect(l2018.seats[0]!.incumbents.map((i) => [i.person, i.outcome, i.evidence])).toEqual([
      ['e', 'deselected', 'event ev:e'],
    ]);
    const l2019 = incumbencyLedger(input, '2019-05-02');
    expect(l2019.seats[0]!.incumbents.map((i) => i.person)).toEqual(['c2']);
  });

  it('counts a deselection event only for the poll it names', () => {
    const shifted: LedgerInput = {
      ...input,
      // Without the vacancy on record, e's seat is taken to run to 2020: the 2018 event must not make e deselected later.
      events: input.events!.filter((e) => e.type === 'deselection'),
      ballots: [...input.ballots, ballot('x', '2020-05-07', 1, [['h', 'lab', 900, true]])],
    };
    for (const date of ['2019-05-02', '2020-05-07']) {
      const l = incumbencyLedger(shifted, date);
      expect(l.totals.deselected).toBe(0);
    }
  });
});

describe('boundary reviews', () => {
  it('lists incumbents of abolished wards, and standing in a new ward is not a move', () => {
    const input: LedgerInput = {
      council: 'TST',
      posts: [post('old1', 1), post('old2', 1), post('new', 2)],
      ballots: [
        ballot('old1', '2018-05-03', 1, [['z', 'lab', 900, true]]),
        ballot('old2', '2018-05-03', 1, [['k', 'con', 900, true]]),
        ballot('new', '2022-05-05', 2, [
          ['z', 'lab', 1500, true],
          ['k', 'con', 900, false],
          ['m', 'lab', 1400, true],
        ]),
      ],
    };
    const l = incumbencyLedger(input, '2022-05-05');
    expect(l.seats.map((s) => [s.post, s.ballot, s.incumbents.map((i) => [i.person, i.outcome])])).toEqual([
      ['new', 'local.tst.new.2022-05-05', []],
      ['old1', null, [['z', 're-elected']]],
      ['old2', null, [['k', 'lost']]],
    ]);
    expect(l.seats[0]!.unknown).toBe(2);
  });
});

describe('an all-out council', () => {
  it('has every sitting member up at each poll', () => {
    const input: LedgerInput = {
      council: 'TST',
      posts: [post('x', 2)],
      ballots: [
        ballot('x', '2015-05-07', 2, [
          ['a', 'lab', 100, true],
          ['b', 'lab', 90, true],
        ]),
        ballot('x', '2016-10-06', 1, [['c', 'con', 80, true]], true),
        ballot('x', '2019-05-02', 2, [
          ['a', 'lab', 100, true],
          ['c', 'con', 70, false],
          ['d', 'lab', 95, true],
        ]),
      ],
      events: [
        { id: 'e1', type: 'resignation', date: '2016-08-01', personId: 'b', details: { reason: 'died' } },
      ],
    };
    const l = incumbencyLedger(input, '2019-05-02');
    // Listed next-due first: c holds the seat of b (fewer votes in 2015), filled at the by-election.
    expect(l.seats[0]!.incumbents.map((i) => [i.person, i.outcome, i.via])).toEqual([
      ['c', 'lost', 'by-election'],
      ['a', 're-elected', 'election'],
    ]);
  });
});

const SY = 'results/derived_dc_candidates_style_south_yorkshire_2021.csv';
const SHEFFIELD = 'results/dc_api_v0.9_result_sets_sheffield_2018.json';
const LA = 'councils/mysociety_uk_local_authorities_current.csv';
describe.skipIf(!hasShared(SY) || !hasShared(SHEFFIELD) || !hasShared(LA))(
  'Sheffield from the real files (skipped: ../shared is absent)',
  () => {
    it('imports 2018 and 2021, then infers thirds with the postponement and reports unknown incumbents honestly', () => {
      const councils = councilDirectory(parseCouncils(readShared(LA), 'la.csv').snapshot);
      const y2018 = parseDcResults(readShared(SHEFFIELD), 'sheffield-2018.json', { councils }).snapshot;
      const y2021 = parseDcCandidates(readShared(SY), 'sy-2021.csv', { councils }).snapshot;
      const merged = {
        // Sheffield's 28 wards have three councillors each; result files only show the seats contested.
        posts: [
          ...new Map([...y2018.posts!, ...y2021.posts!].map((p) => [p.id, { ...p, seats: 3 }])).values(),
        ],
        ballots: [...y2018.ballots!, ...y2021.ballots!],
        candidacies: [...y2018.candidacies!, ...y2021.candidacies!],
        elections: [...y2018.elections!, ...y2021.elections!],
      };
      const input = ledgerInputFrom(merged, 'SHF');
      expect(input.posts).toHaveLength(28);
      expect(ledgerElectionDates(input)).toEqual(['2018-05-03', '2021-05-06']);
      const cycle = inferCycle(cycleInputFrom(merged, 'SHF'));
      expect(cycle).toMatchObject({
        scheme: 'thirds',
        seatsPerPoll: 28,
        postponed: [{ from: '2020-05-07', to: '2021-05-06' }],
      });
      // 2016 and 2019 are not in the data: the seats up in 2021 were won before it, so nobody is named.
      const l = incumbencyLedger(input, '2021-05-06');
      expect(l.seats).toHaveLength(28);
      expect(l.seats.every((s) => s.incumbents.length === 0 && s.unknown === s.seatsUp)).toBe(true);
      expect(l.seats.some((s) => s.seatsUp === 2)).toBe(true); // a vacancy filled on the same day
      // With the 2018 winners' seats assumed up in 2021 (a one-seat ward model), every outcome is grounded in a candidacy or its absence.
      const naive = incumbencyLedger(
        ledgerInputFrom({ ...merged, posts: merged.posts.map((p) => ({ ...p, seats: 1 })) }, 'SHF'),
        '2021-05-06',
      );
      const n = Object.values(naive.totals).reduce((a, b) => a + b, 0);
      expect(n).toBe(28);
      expect(naive.totals.deselected).toBe(0);
    });
  },
);
