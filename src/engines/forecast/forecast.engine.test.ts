import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, type ForecastFacts } from './forecast.builder.js';
import { countDraws, emptyTrace, simulateBlock } from './forecast.engine.js';
import {
  DEFAULT_PARAMETERS,
  emptyTally,
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  layoutOf,
  mergeTally,
  resolveParameters,
} from './forecast.model.js';
import { summarize, topPathways } from './forecast.summary.js';
import { logistic } from './normal.math.js';
import { syntheticWorld } from './synthetic.world.js';

const QUIET: ForecastParameters = resolveParameters({
  nationalSwingSd: 0,
  regionalSwingSd: 0,
  councilTypeSwingSd: 0,
  councilSwingSd: 0,
  wardNoiseSd: 0,
  candidateNoiseSd: 0,
  byElectionRate: 0,
  defectionRate: 0,
  retirementProbability: 0,
  selectionClimateSd: 0,
});

function run(model: ForecastModel, params: ForecastParameters, seed: number, from: number, to: number) {
  const l = layoutOf(model);
  const tally = emptyTally(model, l);
  const codes = new Uint32Array((to - from) * model.nCouncils);
  simulateBlock(model, l, params, seed, from, to, tally, codes);
  return { tally, codes, layout: l };
}

function same(a: ForecastTally, b: ForecastTally): boolean {
  if (a.runs !== b.runs) return false;
  for (const k of [
    'seatHist',
    'factionHist',
    'majority',
    'controlsGroup',
    'runsCouncil',
    'nationalFactionRuns',
  ] as const) {
    const x = a[k];
    const y = b[k];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** One council of `wards` single-seat wards, all held by party A (faction a1) and all up at the one poll. */
function oneCouncil(
  wards: number,
  opts: {
    baseB?: number;
    shares?: Record<string, number>;
    recorded?: ForecastFacts['holdings'][number]['recorded'];
  } = {},
): ForecastFacts {
  return {
    asOf: '2026-11-25',
    polls: ['2027-05-06'],
    councils: [{ id: 'c', councilType: 'NMD', region: 'r', proportional: false }],
    wards: Array.from({ length: wards }, (_, i) => ({
      id: `w${i}`,
      councilId: 'c',
      seats: 1,
      seatsUp: [1],
      result: [
        { partyId: 'A', votes: 900 },
        { partyId: 'B', votes: opts.baseB ?? 100 },
      ],
      localParties: { A: 'lpA' },
    })),
    holdings: Array.from({ length: wards }, (_, i) => ({
      postId: `w${i}`,
      partyId: 'A',
      factionId: 'a1',
      nextPoll: 0,
      recorded: i === 0 ? (opts.recorded ?? null) : null,
    })),
    parties: ['A', 'B'],
    factions: [
      { id: 'a1', partyId: 'A' },
      { id: 'a2', partyId: 'A' },
    ],
    localParties: [{ id: 'lpA', partyId: 'A', shares: opts.shares ?? { a1: 0.3, a2: 0.6 }, growth: 0 }],
    nationalShares: { A: { a1: 0.5, a2: 0.3 } },
  };
}

describe('forecast engine', () => {
  const world = syntheticWorld({ councils: 6, wardsPerCouncil: 5, polls: 5, seed: 4 });

  it('gives identical tallies for the same seed and different ones for another seed', () => {
    const a = run(world.model, DEFAULT_PARAMETERS, 11, 0, 60);
    const b = run(world.model, DEFAULT_PARAMETERS, 11, 0, 60);
    const c = run(world.model, DEFAULT_PARAMETERS, 12, 0, 60);
    expect(same(a.tally, b.tally)).toBe(true);
    expect([...a.codes]).toEqual([...b.codes]);
    expect(same(a.tally, c.tally)).toBe(false);
  });

  it('gives the same result however the runs are split into blocks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 39 }), fc.integer({ min: 0, max: 1000 }), (cut, seed) => {
        const whole = run(world.model, DEFAULT_PARAMETERS, seed, 0, 40);
        const first = run(world.model, DEFAULT_PARAMETERS, seed, 0, cut);
        const second = run(world.model, DEFAULT_PARAMETERS, seed, cut, 40);
        mergeTally(first.tally, second.tally);
        const codes = new Uint32Array(whole.codes.length);
        codes.set(first.codes, 0);
        codes.set(second.codes, first.codes.length);
        return same(whole.tally, first.tally) && codes.every((v, i) => v === whole.codes[i]);
      }),
      { numRuns: 8 },
    );
  });

  it('carries nothing over from one block to the next when the same model, layout and parameters come back', () => {
    // The simulator is reused across blocks with the same inputs (a worker's blocks): later blocks must not see
    // the state an earlier one left behind, and must match a run made from scratch.
    const l = layoutOf(world.model);
    const first = emptyTally(world.model, l);
    const again = emptyTally(world.model, l);
    simulateBlock(world.model, l, DEFAULT_PARAMETERS, 21, 0, 50, first);
    simulateBlock(world.model, l, DEFAULT_PARAMETERS, 21, 0, 50, again);
    expect(same(first, again)).toBe(true);
    expect(same(first, run(world.model, DEFAULT_PARAMETERS, 21, 0, 50).tally)).toBe(true);
  });

  it('counts the draws each run takes, more when the noise has more to decide', () => {
    const l = layoutOf(world.model);
    const draws = countDraws(world.model, l, DEFAULT_PARAMETERS, 5, 0, 20);
    const quiet = countDraws(world.model, l, QUIET, 5, 0, 20);
    expect(draws).toBeGreaterThan(quiet);
    expect(quiet).toBeGreaterThan(0);
  });

  it('refuses a ward with more seats up at one poll than it can track, naming the limit', () => {
    const facts = oneCouncil(1);
    facts.wards[0]!.seats = 33;
    facts.wards[0]!.seatsUp = [33];
    const { model } = buildModel(facts);
    expect(() =>
      simulateBlock(model, layoutOf(model), QUIET, 1, 0, 1, emptyTally(model, layoutOf(model))),
    ).toThrow(/at most 32 seats up in one ward at one poll, got 33/);
  });

  it('keeps every histogram summing to the runs, and national counts consistent with council counts', () => {
    const { tally, layout: l } = run(world.model, DEFAULT_PARAMETERS, 3, 0, 80);
    const m = world.model;
    for (let t = 0; t < m.nPolls; t++) {
      for (let c = 0; c < m.nCouncils; c++) {
        for (let i = m.councilPartyStart[c]!; i < m.councilPartyStart[c + 1]!; i++) {
          let n = 0;
          for (let s = 0; s <= m.councilSeats[c]!; s++)
            n += tally.seatHist[t * l.histPerPoll + l.cpHistOffset[i]! + s]!;
          expect(n).toBe(80);
        }
      }
      for (let f = 0; f < m.nFactions; f++) {
        // The national histogram of faction-run councils must add up to the council-level counts.
        let national = 0;
        for (let k = 0; k <= m.nCouncils; k++)
          national += k * tally.nationalFactionRuns[(t * m.nFactions + f) * (m.nCouncils + 1) + k]!;
        let councils = 0;
        for (let i = 0; i < l.nCouncilFactions; i++)
          if (l.councilFactions[i] === f) councils += tally.runsCouncil[t * l.nCouncilFactions + i]!;
        expect(national).toBe(councils);
      }
    }
  });

  it('elects the leading party everywhere when nothing is uncertain', () => {
    const facts = oneCouncil(7);
    facts.wards[2]!.result = [
      { partyId: 'A', votes: 100 },
      { partyId: 'B', votes: 900 },
    ];
    const { model, labels } = buildModel(facts);
    const { tally, layout } = run(model, QUIET, 1, 0, 20);
    const [poll] = summarize(model, layout, tally, labels);
    expect(poll!.councils[0]!.seats.A).toEqual({ p5: 6, p50: 6, p95: 6 });
    expect(poll!.councils[0]!.seats.B).toEqual({ p5: 1, p50: 1, p95: 1 });
    expect(poll!.councils[0]!.pPartyMajority.A).toBe(1);
  });

  it('deselects at the logistic rate set by the opposing faction share', () => {
    const facts = oneCouncil(400, { shares: { a1: 0.3, a2: 0.6 } });
    const { model } = buildModel(facts);
    const l = layoutOf(model);
    const runs = 40;
    let changed = 0;
    for (let r = 0; r < runs; r++) {
      const t = emptyTrace();
      simulateBlock(model, l, QUIET, 5, r, r + 1, emptyTally(model, l), null, t);
      for (const f of t.seatFaction[0]!) if (f !== 0) changed++;
    }
    const p = logistic(QUIET.deselectionIntercept + QUIET.deselectionSlope * 0.6);
    const n = runs * 400;
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(changed / n - p)).toBeLessThan(4 * se);
  });

  it('respects recorded selections: a reselected councillor keeps the seat, a deselected one never does', () => {
    const sure = resolveParameters({ ...QUIET, deselectionIntercept: 30 });
    for (const [recorded, keeps] of [
      ['reselected', true],
      ['deselected', false],
      [null, false],
    ] as const) {
      const { model } = buildModel(oneCouncil(3, { recorded, shares: { a1: 0.3, a2: 0.7 } }));
      const l = layoutOf(model);
      for (let r = 0; r < 10; r++) {
        const t = emptyTrace();
        simulateBlock(
          model,
          l,
          recorded === 'deselected' ? QUIET : sure,
          9,
          r,
          r + 1,
          emptyTally(model, l),
          null,
          t,
        );
        // Seat 0 holds the recorded councillor, of faction index 0 ("a1"); a deselected one's successor is never a1.
        expect(t.seatFaction[0]![0] === 0).toBe(keeps);
      }
    }
  });

  it('defects at about the yearly rate between polls', () => {
    const facts = oneCouncil(500);
    facts.polls = ['2027-11-25'];
    facts.asOf = '2026-11-25';
    const params = resolveParameters({ ...QUIET, defectionRate: 0.1 });
    const { model, labels } = buildModel(facts);
    const { tally, layout } = run(model, params, 2, 0, 30);
    const [poll] = summarize(model, layout, tally, labels);
    // About a tenth defect during the year; the poll then re-elects A in every ward.
    expect(poll!.councils[0]!.seats.A!.p50).toBe(500);
    const t = emptyTrace();
    for (const w of facts.wards) w.seatsUp = [0];
    for (const h of facts.holdings) h.nextPoll = null;
    const quiet = buildModel(facts).model;
    simulateBlock(quiet, layoutOf(quiet), params, 2, 0, 1, emptyTally(quiet, layoutOf(quiet)), null, t);
    const independents = t.seatParty[0]!.filter((p) => p === quiet.independent).length;
    expect(independents).toBeGreaterThan(25);
    expect(independents).toBeLessThan(80);
  });

  it('splits an STV ward proportionally and a block-vote ward mostly to the leader', () => {
    const facts = oneCouncil(1);
    facts.wards = [
      {
        id: 'w0',
        councilId: 'c',
        seats: 4,
        seatsUp: [4],
        result: [
          { partyId: 'A', votes: 500 },
          { partyId: 'B', votes: 480 },
        ],
        localParties: {},
      },
    ];
    facts.holdings = [];
    const params = resolveParameters({ ...QUIET, wardNoiseSd: 0.01, candidateNoiseSd: 0.01 });
    const stv = buildModel({ ...facts, councils: [{ ...facts.councils[0]!, proportional: true }] });
    const block = buildModel(facts);
    const s = run(stv.model, params, 1, 0, 50);
    const b = run(block.model, params, 1, 0, 50);
    const [sp] = summarize(stv.model, s.layout, s.tally, stv.labels);
    const [bp] = summarize(block.model, b.layout, b.tally, block.labels);
    expect(sp!.councils[0]!.seats.A!.p50).toBe(2);
    expect(bp!.councils[0]!.seats.A!.p50).toBe(4);
  });

  it('reports pathways that add up to at most one and name real states', () => {
    const { tally, codes, layout } = run(world.model, DEFAULT_PARAMETERS, 8, 0, 200);
    expect(tally.runs).toBe(200);
    const paths = topPathways(world.model, layout, world.labels, codes, 0, 5);
    const total = paths.reduce((n, p) => n + p.p, 0);
    expect(total).toBeLessThanOrEqual(1.0001);
    expect(paths[0]!.p).toBeGreaterThan(0);
    const states = new Set([...world.labels.factions, ...world.labels.parties, 'noc']);
    for (const p of paths) for (const s of p.path) expect(states.has(s)).toBe(true);
  });
});
