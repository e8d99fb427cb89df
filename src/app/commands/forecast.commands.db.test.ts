import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaucusError, InvalidInputError } from '../../domain/errors.js';
import { emptySnapshot, type RegistrySnapshot } from '../../domain/model.js';
import { fixedClock } from '../../domain/ports.js';
import { generateSample } from '../../engines/sample/index.js';
import { openStore, type Store } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import type { AppContext } from '../context.js';
import {
  backtest,
  forecast,
  forecastCompare,
  forecastList,
  forecastShow,
  gatherFacts,
  parseScenario,
  surges,
} from './forecast.commands.js';

const TODAY = '2026-11-25';

/** The small sample, with one local party's membership doubled, then tripled, over the last two quarters. */
function sampleWithSurge(): { snapshot: RegistrySnapshot; surged: string } {
  const s = generateSample({ scale: 'small', seed: 1, today: TODAY });
  // The local party that chose the most sitting councillors: its surge decides selections that matter.
  const sittingBy = new Map<string, number>();
  const sel = new Map(s.selections.map((x) => [x.id, x]));
  for (const c of s.selectionCandidates) {
    const lp = sel.get(c.selectionId)?.localPartyId;
    if (c.sitting && lp) sittingBy.set(lp, (sittingBy.get(lp) ?? 0) + 1);
  }
  const surged = [...sittingBy.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const counts = s.membershipCounts
    .filter((c) => c.localPartyId === surged)
    .sort((a, b) => a.date.localeCompare(b.date));
  counts[counts.length - 2]!.count *= 2;
  counts[counts.length - 1]!.count *= 3;
  return { snapshot: s, surged };
}

for (const target of testTargets()) {
  describe(`forecast commands on ${target.name}`, () => {
    let store: Store;
    let ctx: AppContext;
    let fixture: ReturnType<typeof sampleWithSurge>;

    beforeAll(async () => {
      store = await openStore(await target.fresh());
      fixture = sampleWithSurge();
      ctx = { store, clock: fixedClock(TODAY) };
      await store.transaction((r) => r.registry.load(fixture.snapshot));
    });
    afterAll(async () => {
      await store.close();
      await target.cleanup();
    });

    it('forecasts every council with the JSON shape of the issue', async () => {
      const r = await forecast(ctx, { runs: 300, seed: 5, workers: 0 });
      expect(r.seed).toBe(5);
      expect(r.runs).toBe(300);
      expect(r.polls).toHaveLength(4);
      expect(r.polls.map((p) => p.date)).toEqual([...r.polls.map((p) => p.date)].sort());
      for (const poll of r.polls) {
        expect(poll.date > TODAY).toBe(true);
        expect(poll.councils.length).toBeGreaterThan(0);
        for (const c of poll.councils) {
          expect(Object.keys(c).sort()).toEqual(
            [
              'council',
              'factionSeats',
              'pFactionControlsGroup',
              'pFactionRunsCouncil',
              'pPartyMajority',
              'seats',
            ].sort(),
          );
          const total = Object.values(c.pPartyMajority).reduce((a, b) => a + b, 0);
          expect(total).toBeLessThanOrEqual(1.0001);
          for (const [f, p] of Object.entries(c.pFactionRunsCouncil))
            expect(p).toBeLessThanOrEqual(c.pFactionControlsGroup[f]! + 1e-9);
          for (const x of Object.values(c.seats)) {
            expect(x.p5).toBeLessThanOrEqual(x.p50);
            expect(x.p50).toBeLessThanOrEqual(x.p95);
          }
        }
        for (const x of Object.values(poll.national.factionRunCouncils)) {
          expect(x.p5).toBeLessThanOrEqual(x.p95);
          expect(x.p95).toBeLessThanOrEqual(poll.national.councils);
        }
      }
      expect(Object.keys(r.pathways).length).toBe(3);
    });

    it('gives the same forecast for the same seed, with any number of threads', async () => {
      const a = await forecast(ctx, { runs: 200, seed: 9, workers: 0, save: false });
      const b = await forecast(ctx, { runs: 200, seed: 9, workers: 2, save: false });
      expect(b.polls).toEqual(a.polls);
      expect(b.pathways).toEqual(a.pathways);
      const c = await forecast(ctx, { runs: 200, seed: 10, workers: 0, save: false });
      expect(c.polls).not.toEqual(a.polls);
    });

    it('saves forecasts with their inputs, lists them, shows them and compares them', async () => {
      const a = await forecast(ctx, { council: 'council:balklemie', runs: 200, seed: 1, workers: 0 });
      const b = await forecast(ctx, { council: 'council:balklemie', runs: 200, seed: 2, workers: 0 });
      const list = await forecastList(ctx);
      expect(list.forecasts.map((f) => f.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      const shown = await forecastShow(ctx, { id: a.id });
      expect(shown.polls).toEqual(a.polls);
      expect(shown.input).toMatchObject({ seed: 1, runs: 200, council: 'council:balklemie', asOf: TODAY });
      expect(shown.input.factsDigest).toMatch(/^[0-9a-f]{64}$/);
      const cmp = await forecastCompare(ctx, { a: a.id, b: b.id });
      expect(cmp.a.id).toBe(a.id);
      expect(cmp.national.length).toBeGreaterThan(0);
      await expect(forecastShow(ctx, { id: 'fc-nope' })).rejects.toMatchObject({ code: 'not-found' });
    });

    it('reads recorded selections, local parties and surges from the registry', async () => {
      const g = await gatherFacts(store, TODAY, { polls: 4 });
      expect(g.facts.polls).toHaveLength(4);
      expect(g.facts.holdings.length).toBeGreaterThan(100);
      expect(g.facts.wards.every((w) => w.seatsUp.length === 4)).toBe(true);
      expect(g.surges.find((s) => s.localPartyId === fixture.surged)!.surge).toBe(true);
      const surged = g.facts.localParties.find((l) => l.id === fixture.surged)!;
      expect(surged.growth).toBeGreaterThan(0.5);
      const sum = Object.values(surged.shares).reduce((a, b) => a + b, 0);
      expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    });

    it('lists surging local parties with the councillors whose selections they decide', async () => {
      const r = await surges(ctx, {});
      expect(r.surges.map((s) => s.localParty.id)).toContain(fixture.surged);
      const s = r.surges.find((x) => x.localParty.id === fixture.surged)!;
      expect(s.growth).toBeGreaterThan(1);
      expect(s.councillors.length).toBeGreaterThan(0);
      for (const c of s.councillors) {
        expect(c.nextPoll > TODAY).toBe(true);
        expect(c.selectionOpens <= c.selectionCloses).toBe(true);
      }
    });

    it('compares a membership-surge scenario against the baseline from the same seed', async () => {
      const g = await gatherFacts(store, TODAY, { polls: 4 });
      const lp = g.facts.localParties.find((l) => Object.keys(l.shares).length > 0)!;
      const faction = Object.keys(lp.shares)[0]!;
      const scenario = JSON.stringify({
        name: 'surge',
        surges: [{ localParties: [lp.id], growth: 0.3, faction }],
        parameters: { deselectionSlope: 6 },
      });
      const r = await forecast(ctx, {
        runs: 300,
        seed: 4,
        workers: 0,
        scenario,
        scenarioFile: 'surge.json',
        save: false,
      });
      expect(r.scenario!.name).toBe('surge');
      expect(r.parameters.deselectionSlope).toBe(6);
      const plain = await forecast(ctx, { runs: 300, seed: 4, workers: 0, save: false });
      expect(r.baseline!.polls).toEqual(plain.polls);
    });

    it('runs a party-shift scenario that reorders the parties in a ward', async () => {
      const plain = await forecast(ctx, { runs: 200, seed: 11, workers: 0, save: false });
      const seatsOf = (r: typeof plain, party: string) =>
        r.polls[0]!.councils.reduce((n, c) => n + (c.seats[party]?.p50 ?? 0), 0);
      const parties = [...new Set(plain.polls[0]!.councils.flatMap((c) => Object.keys(c.seats)))];
      // The weakest party, lifted far enough to overtake others in the wards it contests.
      const weakest = parties.sort((a, b) => seatsOf(plain, a) - seatsOf(plain, b))[0]!;
      const shifted = await forecast(ctx, {
        runs: 200,
        seed: 11,
        workers: 0,
        save: false,
        scenario: JSON.stringify({ name: 'shift', partyShift: { [weakest]: 2 } }),
        scenarioFile: 'shift.json',
      });
      expect(seatsOf(shifted, weakest)).toBeGreaterThan(seatsOf(plain, weakest));
    });

    it('backtests the registry against its own history', async () => {
      const r = await backtest(ctx, { asOf: '2021-06-01', polls: 3, runs: 300, workers: 0 });
      expect(r.polls.length).toBeGreaterThan(0);
      expect(r.events).toBeGreaterThan(10);
      expect(r.brier.value).toBeGreaterThanOrEqual(0);
      expect(r.brier.value).toBeLessThanOrEqual(1);
      expect(r.reliability).toHaveLength(10);
    });

    it('names the bad option or parameter', async () => {
      const bad = async (raw: Record<string, unknown>, where: RegExp) => {
        const err = await forecast(ctx, { workers: 0, save: false, ...raw }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InvalidInputError);
        expect((err as CaucusError).message).toMatch(where);
      };
      await bad({ runs: 0 }, /^--runs: expected at least 1 run/);
      await bad({ polls: 0 }, /^--polls/);
      await bad({ council: 'council:balklemie', national: true }, /^--national/);
      await bad({ scenario: '{ not json', scenarioFile: 's.json' }, /^s\.json: is not valid JSON/);
      await bad(
        { scenario: '{"surges":[{"localParties":["x"],"growth":-2}]}', scenarioFile: 's.json' },
        /^s\.json: surges\.0\.growth/,
      );
      await bad(
        { scenario: '{"parameters":{"retirementProbability":1.5}}', scenarioFile: 's.json' },
        /^s\.json: parameters\.retirementProbability: expected a probability from 0 to 1/,
      );
      await bad(
        { scenario: '{"parameters":{"byElectionRate":-0.1}}', scenarioFile: 's.json' },
        /^s\.json: parameters\.byElectionRate: expected a rate/,
      );
      await bad({ scenario: '{"parameters":{"swing":1}}', scenarioFile: 's.json' }, /^s\.json: parameters/);
      await bad(
        {
          scenario: '{"surges":[{"localParties":["local-party:nowhere"],"growth":0.3}]}',
          scenarioFile: 's.json',
        },
        /surges\.0\.localParties\.0: no local party/,
      );
      await bad({ asOf: '2051-01-01' }, /no ordinary polls are due after 2051-01-01/);
      await expect(forecast(ctx, { council: 'council:nowhere', workers: 0 })).rejects.toMatchObject({
        code: 'not-found',
      });
    });

    it("respects a recorded deselection for the seat's next poll (last: it adds a selection)", async () => {
      const before = await gatherFacts(store, TODAY, { polls: 4 });
      const i = before.sitting.findIndex(
        (h) => h.partyId && h.nextPoll && before.facts.holdings[before.sitting.indexOf(h)]!.nextPoll === 0,
      );
      const h = before.sitting[i]!;
      expect(before.facts.holdings[i]!.recorded).toBeNull();
      const extra = emptySnapshot();
      extra.selections.push({
        id: 'selection:test-deselection',
        sourceId: fixture.snapshot.sources[0]!.id,
        partyId: h.partyId!,
        localPartyId: null,
        councilId: h.councilId,
        postId: h.postId,
        pollDate: h.nextPoll!,
        date: '2026-10-01',
        method: 'trigger',
      });
      extra.selectionCandidates.push({
        selectionId: 'selection:test-deselection',
        personId: h.personId,
        sitting: true,
        soughtReselection: true,
        chosen: false,
        votes: null,
      });
      await store.transaction((r) => r.registry.load(extra));
      const after = await gatherFacts(store, TODAY, { polls: 4 });
      const j = after.sitting.findIndex((x) => x.personId === h.personId && x.postId === h.postId);
      expect(after.facts.holdings[j]!.recorded).toBe('deselected');
    });

    it('says so when the registry has no councils', async () => {
      const empty = await openStore(await target.fresh());
      try {
        await expect(forecast({ store: empty, clock: fixedClock(TODAY) }, { workers: 0 })).rejects.toThrow(
          /holds no councils/,
        );
      } finally {
        await empty.close();
      }
    });
  });
}

describe('parseScenario', () => {
  it('fills in default parameters and keeps the changes', () => {
    const s = parseScenario({ surges: [{ localParties: ['a'], growth: 0.3 }] });
    expect(s.name).toBe('scenario');
    expect(s.parameters.byElectionRate).toBeGreaterThan(0);
    expect(s.changes.surges![0]).toEqual({ localParties: ['a'], growth: 0.3, faction: null });
  });
});
