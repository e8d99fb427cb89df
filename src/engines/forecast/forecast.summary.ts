/**
 * From tallies to the forecast's JSON: probabilities, seat intervals (5th, 50th and 95th percentiles) and
 * the national count of faction-run councils, per poll; and the most likely control pathways.
 */
import type { IsoDate } from '../../domain/dates.js';
import type { ForecastModel, ForecastTally, ModelLayout } from './forecast.model.js';

/** Names for the model's indexes, and which councils poll on each date. */
export interface ForecastLabels {
  polls: IsoDate[];
  councils: string[];
  parties: string[];
  factions: string[];
}

export interface Interval {
  p5: number;
  p50: number;
  p95: number;
}

export interface CouncilForecast {
  council: string;
  pPartyMajority: Record<string, number>;
  pFactionControlsGroup: Record<string, number>;
  pFactionRunsCouncil: Record<string, number>;
  seats: Record<string, Interval>;
  factionSeats: Record<string, Interval>;
}

export interface PollForecast {
  date: IsoDate;
  councils: CouncilForecast[];
  national: {
    councils: number;
    factionRunCouncils: Record<string, Interval>;
    partyMajorityCouncils: Record<string, Interval>;
  };
}

/** A sequence of control states, one per poll: a faction id (it runs the council), a party id (majority, no faction in control) or "noc". */
export interface Pathway {
  path: string[];
  p: number;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** The p-quantile of a histogram hist[off .. off+len-1] holding `total` observations. */
export function histQuantile(hist: Int32Array, off: number, len: number, total: number, p: number): number {
  const need = p * total;
  let cum = 0;
  for (let n = 0; n < len; n++) {
    cum += hist[off + n]!;
    if (cum >= need && cum > 0) return n;
  }
  return len - 1;
}

function interval(hist: Int32Array, off: number, len: number, total: number): Interval {
  return {
    p5: histQuantile(hist, off, len, total, 0.05),
    p50: histQuantile(hist, off, len, total, 0.5),
    p95: histQuantile(hist, off, len, total, 0.95),
  };
}

/** Which councils have seats up at each poll. */
export function pollingCouncils(m: ForecastModel, l: ModelLayout): Array<Set<number>> {
  const out: Array<Set<number>> = [];
  for (let t = 0; t < m.nPolls; t++) {
    const set = new Set<number>();
    for (let i = l.upWardStart[t]!; i < l.upWardStart[t + 1]!; i++) set.add(m.wardCouncil[l.upWards[i]!]!);
    out.push(set);
  }
  return out;
}

/**
 * The forecast per poll: each council polling that day (or every council with `allCouncils`), and the
 * national counts over all councils in the model.
 */
export function summarize(
  m: ForecastModel,
  l: ModelLayout,
  tally: ForecastTally,
  labels: ForecastLabels,
  options: { allCouncils?: boolean } = {},
): PollForecast[] {
  const runs = tally.runs;
  const polling = pollingCouncils(m, l);
  const out: PollForecast[] = [];
  for (let t = 0; t < m.nPolls; t++) {
    const councils: CouncilForecast[] = [];
    for (let c = 0; c < m.nCouncils; c++) {
      if (!options.allCouncils && !polling[t]!.has(c)) continue;
      const seatsLen = m.councilSeats[c]! + 1;
      const pPartyMajority: Record<string, number> = {};
      const seats: Record<string, Interval> = {};
      for (let i = m.councilPartyStart[c]!; i < m.councilPartyStart[c + 1]!; i++) {
        const j = m.councilParties[i]!;
        const id = labels.parties[j]!;
        if (j !== m.independent)
          pPartyMajority[id] = round(tally.majority[t * l.nCouncilParties + i]! / runs);
        seats[id] = interval(tally.seatHist, t * l.histPerPoll + l.cpHistOffset[i]!, seatsLen, runs);
      }
      const pFactionControlsGroup: Record<string, number> = {};
      const pFactionRunsCouncil: Record<string, number> = {};
      const factionSeats: Record<string, Interval> = {};
      for (let i = l.councilFactionStart[c]!; i < l.councilFactionStart[c + 1]!; i++) {
        const id = labels.factions[l.councilFactions[i]!]!;
        pFactionControlsGroup[id] = round(tally.controlsGroup[t * l.nCouncilFactions + i]! / runs);
        pFactionRunsCouncil[id] = round(tally.runsCouncil[t * l.nCouncilFactions + i]! / runs);
        factionSeats[id] = interval(
          tally.factionHist,
          t * l.factionHistPerPoll + l.cfHistOffset[i]!,
          seatsLen,
          runs,
        );
      }
      councils.push({
        council: labels.councils[c]!,
        pPartyMajority,
        pFactionControlsGroup,
        pFactionRunsCouncil,
        seats,
        factionSeats,
      });
    }
    const factionRunCouncils: Record<string, Interval> = {};
    for (let f = 0; f < m.nFactions; f++) {
      factionRunCouncils[labels.factions[f]!] = interval(
        tally.nationalFactionRuns,
        (t * m.nFactions + f) * (m.nCouncils + 1),
        m.nCouncils + 1,
        runs,
      );
    }
    const partyMajorityCouncils: Record<string, Interval> = {};
    for (let j = 0; j < m.nParties; j++) {
      if (j === m.independent) continue;
      partyMajorityCouncils[labels.parties[j]!] = interval(
        tally.nationalPartyMajorities,
        (t * m.nParties + j) * (m.nCouncils + 1),
        m.nCouncils + 1,
        runs,
      );
    }
    out.push({
      date: labels.polls[t]!,
      councils,
      national: { councils: m.nCouncils, factionRunCouncils, partyMajorityCouncils },
    });
  }
  return out;
}

/** Decodes a pathway code into one state label per poll. */
export function decodePathway(
  m: ForecastModel,
  l: ModelLayout,
  labels: ForecastLabels,
  code: number,
): string[] {
  const mask = (1 << l.pathwayBits) - 1;
  const out: string[] = [];
  for (let t = 0; t < l.pathwayPolls; t++) {
    const state = (code >>> (l.pathwayBits * t)) & mask;
    out.push(
      state < m.nFactions
        ? labels.factions[state]!
        : state < m.nFactions + m.nParties
          ? labels.parties[state - m.nFactions]!
          : 'noc',
    );
  }
  return out;
}

/** The `top` most frequent control pathways of council c over the runs (codes are run-major). */
export function topPathways(
  m: ForecastModel,
  l: ModelLayout,
  labels: ForecastLabels,
  codes: Uint32Array,
  c: number,
  top = 3,
): Pathway[] {
  const runs = codes.length / m.nCouncils;
  const column = new Uint32Array(runs);
  for (let r = 0; r < runs; r++) column[r] = codes[r * m.nCouncils + c]!;
  column.sort();
  const found: Array<{ code: number; n: number }> = [];
  for (let i = 0; i < runs; ) {
    let j = i;
    while (j < runs && column[j] === column[i]) j++;
    found.push({ code: column[i]!, n: j - i });
    i = j;
  }
  found.sort((x, y) => y.n - x.n || x.code - y.code);
  return found
    .slice(0, top)
    .map((f) => ({ path: decodePathway(m, l, labels, f.code), p: round(f.n / runs) }));
}
