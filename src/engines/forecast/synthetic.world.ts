/**
 * A synthetic world for tests and calibration: councils of wards with known vote shares, local parties
 * with known faction balances, and a regular timetable (all-out every four years, or thirds with a fallow
 * year). Pure and seeded: the same options give the same model.
 */
import { InvalidInputError } from '../../domain/errors.js';
import { createRandom, normal } from '../../domain/random.js';
import type { ForecastModel } from './forecast.model.js';
import type { ForecastLabels } from './forecast.summary.js';

export interface WorldOptions {
  councils: number;
  wardsPerCouncil: number;
  /** Seats per ward (thirds councils get 3 whatever this says). */
  seatsPerWard: number;
  /** Parties, not counting independents (who are added as the last party). */
  parties: number;
  factionsPerParty: number;
  polls: number;
  /** Share of councils electing by thirds; the rest elect all-out every four years. */
  thirdsShare: number;
  regions: number;
  types: number;
  seed: number;
}

export const DEFAULT_WORLD: WorldOptions = {
  councils: 24,
  wardsPerCouncil: 12,
  seatsPerWard: 2,
  parties: 3,
  factionsPerParty: 2,
  polls: 8,
  thirdsShare: 0.5,
  regions: 4,
  types: 2,
  seed: 1,
};

/** syntheticWorld({ ...DEFAULT_WORLD, seed: 3 }) builds a model of 24 councils over 8 yearly polls. */
export function syntheticWorld(options: Partial<WorldOptions> = {}): {
  model: ForecastModel;
  labels: ForecastLabels;
} {
  const o = { ...DEFAULT_WORLD, ...options };
  for (const k of Object.keys(DEFAULT_WORLD) as Array<keyof WorldOptions>) {
    const v = o[k];
    if (!Number.isInteger(v) && k !== 'thirdsShare') {
      throw new InvalidInputError(`expected an integer, got ${v}`, { where: k, rule: 'integer' });
    }
  }
  if (
    o.councils < 1 ||
    o.wardsPerCouncil < 1 ||
    o.seatsPerWard < 1 ||
    o.parties < 1 ||
    o.polls < 1 ||
    o.polls > 32
  )
    throw new InvalidInputError('expected at least one council, ward, seat and party, and 1 to 32 polls', {
      where: 'world',
    });
  const rng = createRandom(o.seed);
  const nP = o.parties + 1;
  const IND = o.parties;
  const factionParty: number[] = [];
  const partyFactionStart = new Int32Array(nP + 1);
  for (let p = 0; p < nP; p++) {
    partyFactionStart[p] = factionParty.length;
    if (p !== IND) for (let f = 0; f < o.factionsPerParty; f++) factionParty.push(p);
  }
  partyFactionStart[nP] = factionParty.length;
  const nF = factionParty.length;

  const councilSeats: number[] = [];
  const councilRegion: number[] = [];
  const councilType: number[] = [];
  const wardCouncil: number[] = [];
  const wardSeatStart: number[] = [0];
  const wardCandStart: number[] = [0];
  const candParty: number[] = [];
  const candBase: number[] = [];
  const candLocal: number[] = [];
  const seatWard: number[] = [];
  const seatParty: number[] = [];
  const seatFaction: number[] = [];
  const seatLocal: number[] = [];
  const seatUp: number[] = [];
  const localPartyOf: number[] = [];
  const localShareStart: number[] = [];
  const localShares: number[] = [];
  const localGrowth: number[] = [];
  const councilPartyStart: number[] = [];
  const councilParties: number[] = [];

  for (let c = 0; c < o.councils; c++) {
    councilRegion.push(c % o.regions);
    councilType.push(Math.floor(c / o.regions) % o.types);
    const thirds = rng.next() < o.thirdsShare;
    const offset = rng.int(4);
    const lean = Array.from({ length: nP }, (_, p) => (p === IND ? -2.2 : 0.5 * normal(rng)));
    const locals: number[] = [];
    for (let p = 0; p < nP; p++) {
      const nf = partyFactionStart[p + 1]! - partyFactionStart[p]!;
      if (nf === 0) {
        locals.push(-1);
        continue;
      }
      locals.push(localPartyOf.length);
      localPartyOf.push(p);
      localShareStart.push(localShares.length);
      const w = Array.from({ length: nf + 1 }, () => Math.exp(0.8 * normal(rng)));
      const sum = w.reduce((x, y) => x + y, 0);
      for (let f = 0; f < nf; f++) localShares.push(w[f]! / sum);
      localGrowth.push(rng.next() < 0.15 ? 0.3 * rng.next() : 0);
    }
    councilPartyStart.push(councilParties.length);
    for (let p = 0; p < nP; p++) councilParties.push(p);
    const seatsPerWard = thirds ? 3 : o.seatsPerWard;
    let seats = 0;
    for (let w = 0; w < o.wardsPerCouncil; w++) {
      const wi = wardCouncil.length;
      wardCouncil.push(c);
      const logShares = lean.map((x) => x + 0.6 * normal(rng));
      const max = Math.max(...logShares);
      const norm = Math.log(logShares.reduce((s, x) => s + Math.exp(x - max), 0)) + max;
      let winner = 0;
      for (let p = 0; p < nP; p++) if (logShares[p]! > logShares[winner]!) winner = p;
      // Slots in descending order of base share, as the engine expects.
      const order = Array.from({ length: nP }, (_, p) => p).sort(
        (x, y) => logShares[y]! - logShares[x]! || x - y,
      );
      for (const p of order) {
        candParty.push(p);
        candBase.push(logShares[p]! - norm);
        candLocal.push(locals[p]!);
      }
      wardCandStart.push(candParty.length);
      for (let i = 0; i < seatsPerWard; i++) {
        seatWard.push(wi);
        seatParty.push(winner);
        const l = locals[winner]!;
        let f = -1;
        if (l >= 0) {
          let x = rng.next();
          const nf = partyFactionStart[winner + 1]! - partyFactionStart[winner]!;
          for (let k = 0; k < nf; k++) {
            x -= localShares[localShareStart[l]! + k]!;
            if (x < 0) {
              f = partyFactionStart[winner]! + k;
              break;
            }
          }
        }
        seatFaction.push(f);
        seatLocal.push(l);
        let mask = 0;
        for (let t = 0; t < o.polls; t++) {
          const phase = (t + offset) % 4;
          if (thirds ? phase === i : phase === 0) mask |= 1 << t;
        }
        seatUp.push(mask >>> 0);
        seats++;
      }
      wardSeatStart.push(seatWard.length);
    }
    councilSeats.push(seats);
  }
  councilPartyStart.push(councilParties.length);
  localShareStart.push(localShares.length);

  const model: ForecastModel = {
    nPolls: o.polls,
    pollYears: Float64Array.from({ length: o.polls }, (_, t) => 0.5 + t),
    nParties: nP,
    independent: IND,
    nFactions: nF,
    factionParty: Int32Array.from(factionParty),
    partyFactionStart,
    nRegions: o.regions,
    nTypes: o.types,
    nCouncils: o.councils,
    councilSeats: Int32Array.from(councilSeats),
    councilThreshold: Int32Array.from(councilSeats, (s) => Math.floor(s / 2) + 1),
    councilRegion: Int32Array.from(councilRegion),
    councilType: Int32Array.from(councilType),
    councilProportional: new Uint8Array(o.councils),
    councilPartyStart: Int32Array.from(councilPartyStart),
    councilParties: Int32Array.from(councilParties),
    nWards: wardCouncil.length,
    wardCouncil: Int32Array.from(wardCouncil),
    wardSeatStart: Int32Array.from(wardSeatStart),
    wardCandStart: Int32Array.from(wardCandStart),
    candParty: Int32Array.from(candParty),
    candBase: Float64Array.from(candBase),
    candLocal: Int32Array.from(candLocal),
    nSeats: seatWard.length,
    seatWard: Int32Array.from(seatWard),
    seatParty: Int32Array.from(seatParty),
    seatFaction: Int32Array.from(seatFaction),
    seatLocal: Int32Array.from(seatLocal),
    seatUp: Uint32Array.from(seatUp),
    seatRecorded: new Uint8Array(seatWard.length),
    nLocals: localPartyOf.length,
    localPartyOf: Int32Array.from(localPartyOf),
    localShares: Float64Array.from(localShares),
    localShareStart: Int32Array.from(localShareStart),
    localGrowth: Float64Array.from(localGrowth),
  };
  const labels: ForecastLabels = {
    polls: Array.from({ length: o.polls }, (_, t) => `${2027 + t}-05-06`),
    councils: Array.from({ length: o.councils }, (_, c) => `council:${c}`),
    parties: Array.from({ length: nP }, (_, p) => (p === IND ? 'independent' : `party:${p}`)),
    factions: factionParty.map((p, f) => `faction:${p}.${f - partyFactionStart[p]!}`),
  };
  return { model, labels };
}
