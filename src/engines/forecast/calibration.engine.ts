/**
 * Calibration and backtest scoring. A forecast event is a yes/no outcome with a predicted probability (a party
 * holds a majority, a faction controls its group, a faction runs the council, at one council after one poll);
 * an interval event is a seat count with its forecast distribution. Scores: the Brier score, its skill against
 * a "no change" forecast (the state on the forecast's own day), a reliability table, 90% interval coverage and
 * randomized PIT coverage, each with a percentile bootstrap interval that resamples years and councils
 * (two-way cluster bootstrap), since the events of one year share a national swing and those of one council a
 * history.
 *
 * `syntheticCalibration` makes its own truth: it runs the model once per synthetic history with known
 * parameters (the "truth" run), then forecasts each history from earlier polls with the same parameters and
 * scores those forecasts against the truth.
 */
import { createRandom, type Random } from '../../domain/random.js';
import { emptyTrace, simulateBlock } from './forecast.engine.js';
import {
  emptyTally,
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  layoutOf,
  type ModelLayout,
} from './forecast.model.js';
import { runForecast } from './forecast.pool.js';
import { syntheticWorld, type WorldOptions } from './synthetic.world.js';

export interface ForecastEvent {
  p: number;
  observed: 0 | 1;
  /** The "no change" forecast: 1 if the outcome held on the forecast's own day. */
  baseline: 0 | 1;
  /** Cluster keys for the bootstrap. */
  year: string;
  council: string;
}

export interface IntervalEvent {
  /** Observed seats inside the forecast's 5th-95th percentile interval. */
  covered: boolean;
  /** Randomized probability integral transform of the observed seats (uniform when calibrated). */
  pit: number;
  year: string;
  council: string;
}

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  events: number;
  meanPredicted: number;
  observed: number;
  /** 95% bootstrap interval of the observed frequency. */
  low: number;
  high: number;
  /** The mean prediction lies within the observed frequency's interval. */
  within: boolean;
}

export interface Scores {
  events: number;
  intervals: number;
  brier: Estimate;
  baselineBrier: Estimate;
  brierSkill: Estimate;
  coverage90: Estimate;
  pitCoverage90: Estimate;
  reliability: ReliabilityBin[];
}

function quantile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i]!;
}

/** Weights of one two-way cluster bootstrap replicate: times each year and each council was drawn. */
function replicateWeights(keys: string[], rng: Random): Map<string, number> {
  const w = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[rng.int(keys.length)]!;
    w.set(k, (w.get(k) ?? 0) + 1);
  }
  return w;
}

const BINS = 10;

/** Scores events with bootstrap intervals: scoreEvents(events, intervals, { replicates: 200, seed: 1 }). */
export function scoreEvents(
  events: readonly ForecastEvent[],
  intervals: readonly IntervalEvent[],
  options: { replicates?: number; seed?: number } = {},
): Scores {
  const replicates = options.replicates ?? 200;
  const rng = createRandom(options.seed ?? 1);
  const years = [...new Set([...events.map((e) => e.year), ...intervals.map((e) => e.year)])];
  const councils = [...new Set([...events.map((e) => e.council), ...intervals.map((e) => e.council)])];
  const binOf = (p: number) => Math.min(BINS - 1, Math.floor(p * BINS));

  const measure = (wy: (k: string) => number, wc: (k: string) => number) => {
    let n = 0;
    let brier = 0;
    let base = 0;
    const binN = new Array<number>(BINS).fill(0);
    const binObs = new Array<number>(BINS).fill(0);
    for (const e of events) {
      const w = wy(e.year) * wc(e.council);
      if (w === 0) continue;
      n += w;
      brier += w * (e.p - e.observed) ** 2;
      base += w * (e.baseline - e.observed) ** 2;
      const b = binOf(e.p);
      binN[b]! += w;
      binObs[b]! += w * e.observed;
    }
    let m = 0;
    let cover = 0;
    let pit = 0;
    for (const e of intervals) {
      const w = wy(e.year) * wc(e.council);
      if (w === 0) continue;
      m += w;
      if (e.covered) cover += w;
      if (e.pit >= 0.05 && e.pit <= 0.95) pit += w;
    }
    return {
      brier: n ? brier / n : Number.NaN,
      base: n ? base / n : Number.NaN,
      skill: n && base > 0 ? 1 - brier / base : Number.NaN,
      cover: m ? cover / m : Number.NaN,
      pit: m ? pit / m : Number.NaN,
      binObs: binObs.map((o, i) => (binN[i]! > 0 ? o / binN[i]! : Number.NaN)),
    };
  };

  const point = measure(
    () => 1,
    () => 1,
  );
  const reps: Array<ReturnType<typeof measure>> = [];
  for (let r = 0; r < replicates; r++) {
    const wy = replicateWeights(years, rng);
    const wc = replicateWeights(councils, rng);
    reps.push(
      measure(
        (k) => wy.get(k) ?? 0,
        (k) => wc.get(k) ?? 0,
      ),
    );
  }
  const est = (value: number, pick: (x: ReturnType<typeof measure>) => number): Estimate => {
    const xs = reps
      .map(pick)
      .filter((x) => Number.isFinite(x))
      .sort((a, b) => a - b);
    return { value, low: quantile(xs, 0.025), high: quantile(xs, 0.975) };
  };

  const reliability: ReliabilityBin[] = [];
  for (let b = 0; b < BINS; b++) {
    const inBin = events.filter((e) => binOf(e.p) === b);
    const meanPredicted = inBin.length ? inBin.reduce((s, e) => s + e.p, 0) / inBin.length : Number.NaN;
    const ci = est(point.binObs[b]!, (x) => x.binObs[b]!);
    reliability.push({
      from: b / BINS,
      to: (b + 1) / BINS,
      events: inBin.length,
      meanPredicted: round(meanPredicted),
      observed: round(point.binObs[b]!),
      low: round(ci.low),
      high: round(ci.high),
      within: inBin.length > 0 && meanPredicted >= ci.low - 1e-9 && meanPredicted <= ci.high + 1e-9,
    });
  }
  const r4 = (e: Estimate): Estimate => ({ value: round(e.value), low: round(e.low), high: round(e.high) });
  return {
    events: events.length,
    intervals: intervals.length,
    brier: r4(est(point.brier, (x) => x.brier)),
    baselineBrier: r4(est(point.base, (x) => x.base)),
    brierSkill: r4(est(point.skill, (x) => x.skill)),
    coverage90: r4(est(point.cover, (x) => x.cover)),
    pitCoverage90: r4(est(point.pit, (x) => x.pit)),
    reliability,
  };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10000) / 10000 : x;
}

/** Control on one council at one moment: seats by party and faction, as the engine counts them. */
export interface CouncilState {
  partySeats: Map<number, number>;
  factionSeats: Map<number, number>;
  majority: number;
}

/** The state of every council from per-seat parties and factions. */
export function statesOf(m: ForecastModel, party: Int32Array, faction: Int32Array): CouncilState[] {
  const out: CouncilState[] = Array.from({ length: m.nCouncils }, () => ({
    partySeats: new Map<number, number>(),
    factionSeats: new Map<number, number>(),
    majority: -1,
  }));
  for (let s = 0; s < m.nSeats; s++) {
    const c = m.wardCouncil[m.seatWard[s]!]!;
    const p = party[s]!;
    if (p >= 0) out[c]!.partySeats.set(p, (out[c]!.partySeats.get(p) ?? 0) + 1);
    const f = faction[s]!;
    if (f >= 0) out[c]!.factionSeats.set(f, (out[c]!.factionSeats.get(f) ?? 0) + 1);
  }
  out.forEach((st, c) => {
    for (const [p, n] of st.partySeats)
      if (p !== m.independent && n >= m.councilThreshold[c]!) st.majority = p;
  });
  return out;
}

/** Outcome flags of a state: party majority, faction controls group, faction runs council. */
function outcomes(
  m: ForecastModel,
  st: CouncilState,
  party: number,
  faction: number,
): [number, number, number] {
  if (faction < 0) return [st.majority === party ? 1 : 0, 0, 0];
  const fp = m.factionParty[faction]!;
  const controls = 2 * (st.factionSeats.get(faction) ?? 0) > (st.partySeats.get(fp) ?? 0) ? 1 : 0;
  return [0, controls, controls && st.majority === fp ? 1 : 0];
}

/**
 * The events of one forecast (its tally over horizon polls 0..H-1) against observed states after each poll,
 * with the "no change" baseline from the state on the forecast's own day. `councils` limits the councils
 * scored at each poll (e.g. those polling); `rng` draws the randomized PIT.
 */
export function eventsOf(
  m: ForecastModel,
  l: ModelLayout,
  tally: ForecastTally,
  origin: CouncilState[],
  observed: CouncilState[][],
  keys: { year: (t: number) => string; council: (c: number) => string },
  rng: Random,
  councils?: Array<Set<number>>,
): { events: ForecastEvent[]; intervals: IntervalEvent[] } {
  const events: ForecastEvent[] = [];
  const intervals: IntervalEvent[] = [];
  const runs = tally.runs;
  for (let t = 0; t < observed.length; t++) {
    for (let c = 0; c < m.nCouncils; c++) {
      if (councils && !councils[t]!.has(c)) continue;
      const obs = observed[t]![c]!;
      const base = origin[c]!;
      const year = keys.year(t);
      const council = keys.council(c);
      const len = m.councilSeats[c]! + 1;
      for (let i = m.councilPartyStart[c]!; i < m.councilPartyStart[c + 1]!; i++) {
        const j = m.councilParties[i]!;
        if (j !== m.independent) {
          events.push({
            p: tally.majority[t * l.nCouncilParties + i]! / runs,
            observed: obs.majority === j ? 1 : 0,
            baseline: base.majority === j ? 1 : 0,
            year,
            council,
          });
        }
        const off = t * l.histPerPoll + l.cpHistOffset[i]!;
        const y = obs.partySeats.get(j) ?? 0;
        let below = 0;
        for (let n = 0; n < Math.min(y, len); n++) below += tally.seatHist[off + n]!;
        const at = y < len ? tally.seatHist[off + y]! : 0;
        let cum = 0;
        let p5 = -1;
        let p95 = len - 1;
        for (let n = 0; n < len; n++) {
          cum += tally.seatHist[off + n]!;
          if (p5 < 0 && cum >= 0.05 * runs && cum > 0) p5 = n;
          if (cum >= 0.95 * runs) {
            p95 = n;
            break;
          }
        }
        // A forecast certain of the seat count says nothing about interval calibration: leave it out.
        let top = 0;
        for (let n = 0; n < len; n++) top = Math.max(top, tally.seatHist[off + n]!);
        if (top === runs) continue;
        intervals.push({
          covered: y >= p5 && y <= p95,
          pit: (below + rng.next() * at) / runs,
          year,
          council,
        });
      }
      for (let i = l.councilFactionStart[c]!; i < l.councilFactionStart[c + 1]!; i++) {
        const f = l.councilFactions[i]!;
        const [, oControls, oRuns] = outcomes(m, obs, -1, f);
        const [, bControls, bRuns] = outcomes(m, base, -1, f);
        events.push({
          p: tally.controlsGroup[t * l.nCouncilFactions + i]! / runs,
          observed: oControls as 0 | 1,
          baseline: bControls as 0 | 1,
          year,
          council,
        });
        events.push({
          p: tally.runsCouncil[t * l.nCouncilFactions + i]! / runs,
          observed: oRuns as 0 | 1,
          baseline: bRuns as 0 | 1,
          year,
          council,
        });
      }
    }
  }
  return { events, intervals };
}

/** The model as it stands after poll k-1 of a traced run, forecasting polls k .. k+horizon-1. */
export function modelFrom(
  m: ForecastModel,
  trace: ReturnType<typeof emptyTrace>,
  k: number,
  horizon: number,
): ForecastModel {
  const prev = k - 1;
  const nP = m.nParties;
  const candBase = Float64Array.from(m.candBase);
  const candParty = Int32Array.from(m.candParty);
  const candLocal = Int32Array.from(m.candLocal);
  if (prev >= 0) {
    const nat = trace.national[prev]!;
    const reg = trace.regional[prev]!;
    const typ = trace.councilType[prev]!;
    for (let w = 0; w < m.nWards; w++) {
      const c = m.wardCouncil[w]!;
      const slots: Array<{ base: number; party: number; local: number }> = [];
      for (let s = m.wardCandStart[w]!; s < m.wardCandStart[w + 1]!; s++) {
        const j = m.candParty[s]!;
        const swing = nat[j]! + reg[m.councilRegion[c]! * nP + j]! + typ[m.councilType[c]! * nP + j]!;
        slots.push({ base: m.candBase[s]! + swing, party: j, local: m.candLocal[s]! });
      }
      // The swings so far become part of the base, and the slots are put back in order of it.
      slots.sort((x, y) => y.base - x.base || x.party - y.party);
      slots.forEach((x, k) => {
        const s = m.wardCandStart[w]! + k;
        candBase[s] = x.base;
        candParty[s] = x.party;
        candLocal[s] = x.local;
      });
    }
  }
  const t0 = prev >= 0 ? m.pollYears[prev]! : 0;
  const mask = horizon >= 32 ? 0xffffffff : (1 << horizon) - 1;
  return {
    ...m,
    nPolls: horizon,
    pollYears: Float64Array.from({ length: horizon }, (_, h) => m.pollYears[k + h]! - t0),
    candBase,
    candParty,
    candLocal,
    seatParty: prev >= 0 ? trace.seatParty[prev]!.slice() : m.seatParty.slice(),
    seatFaction: prev >= 0 ? trace.seatFaction[prev]!.slice() : m.seatFaction.slice(),
    seatLocal: prev >= 0 ? trace.seatLocal[prev]!.slice() : m.seatLocal.slice(),
    seatUp: Uint32Array.from(m.seatUp, (u) => (u >>> k) & mask),
    seatRecorded: new Uint8Array(m.nSeats),
  };
}

export interface CalibrationOptions {
  histories: number;
  runs: number;
  seed: number;
  workers?: number;
  /** Polls forecast from each origin. */
  horizon: number;
  /** Origins: forecasts are made after poll k-1 for each k listed. */
  origins: number[];
  world: Partial<WorldOptions>;
  replicates: number;
  /** Parameters the histories are made with, when they differ from the forecast's (a test of the test). */
  truth?: ForecastParameters;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export const DEFAULT_CALIBRATION: CalibrationOptions = {
  histories: 40,
  runs: 400,
  seed: 1,
  horizon: 3,
  origins: [2, 3, 4, 5],
  world: { councils: 16, wardsPerCouncil: 10, polls: 8, seatsPerWard: 2, parties: 3, factionsPerParty: 2 },
  replicates: 200,
};

/**
 * Synthetic histories from known parameters, forecast from earlier polls with the same parameters, scored
 * against what the histories did. A calibrated model should show observed frequencies within each bin's
 * interval and about 90% coverage of its 90% intervals.
 */
export async function syntheticCalibration(
  params: ForecastParameters,
  options: Partial<CalibrationOptions> = {},
): Promise<Scores & { histories: number; forecasts: number }> {
  const o = { ...DEFAULT_CALIBRATION, ...options, world: { ...DEFAULT_CALIBRATION.world, ...options.world } };
  const polls = o.world.polls ?? 8;
  const origins = o.origins.filter((k) => k >= 1 && k + o.horizon <= polls);
  const rng = createRandom(o.seed ^ 0x5bd1e995);
  const events: ForecastEvent[] = [];
  const intervals: IntervalEvent[] = [];
  const total = o.histories * origins.length;
  let done = 0;
  for (let h = 0; h < o.histories; h++) {
    const { model } = syntheticWorld({ ...o.world, seed: (o.seed * 7919 + h) >>> 0 });
    const layout = layoutOf(model);
    const trace = emptyTrace();
    simulateBlock(
      model,
      layout,
      o.truth ?? params,
      (o.seed * 104729 + h * 31 + 17) >>> 0,
      0,
      1,
      emptyTally(model, layout),
      null,
      trace,
    );
    const truth = trace.seatParty.map((p, t) => statesOf(model, p, trace.seatFaction[t]!));
    for (const k of origins) {
      const fm = modelFrom(model, trace, k, o.horizon);
      const fl = layoutOf(fm);
      const r = await runForecast(fm, params, {
        runs: o.runs,
        seed: (o.seed * 65537 + h * 257 + k) >>> 0,
        workers: o.workers,
        signal: o.signal,
      });
      const e = eventsOf(
        fm,
        fl,
        r.tally,
        truth[k - 1]!,
        truth.slice(k, k + o.horizon),
        { year: (t) => `h${h}:y${k + t}`, council: (c) => `h${h}:c${c}` },
        rng,
      );
      events.push(...e.events);
      intervals.push(...e.intervals);
      done++;
      o.onProgress?.(done, total);
    }
  }
  return {
    ...scoreEvents(events, intervals, { replicates: o.replicates, seed: o.seed }),
    histories: o.histories,
    forecasts: total,
  };
}
