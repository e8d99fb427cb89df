/**
 * The Monte Carlo kernel: simulates runs [runFrom, runTo) of the forecast model and adds what happened into
 * a tally. Each run has its own sfc32 stream derived from (seed, run index) alone, so the same seed gives the
 * same tally however the runs are split across threads. Each phase copies the generator's four words into
 * local integers, writes every draw out inline, and stores the words back when it ends: no allocation, no
 * closure and no call per draw.
 *
 * One run, per poll t (docs/forecast.md has the model in full):
 * 1. swings: national (Student-t random walk per party), regional and council-type (normal random walks),
 *    council (independent) shifts on the log-share scale, and one selection-climate shock;
 * 2. between polls: by-elections and defections, drawn by skipping geometrically to the next affected seat
 *    (the cost follows the number of events, not the number of seats);
 * 3. at the poll, for each ward with seats up: selection (retires, deselected, or stands) for each sitting
 *    councillor, then the election (ward noise shared by the ward's seats; first past the post, block vote
 *    with candidate noise, or D'Hondt for STV councils), then the new holders' factions;
 * 4. the tally: seats by party and faction, majorities, group control, faction-run councils, national counts.
 *    Seat counts go first into a small per-block buffer and reach the histograms a block at a time, so the
 *    histograms are walked in order instead of being hit at random once per council and run.
 */
import {
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  type ModelLayout,
  RECORDED,
} from './forecast.model.js';
import { NORMAL_TABLE, Z_MAX } from './normal.math.js';

const INV32 = 2.3283064365386963e-10;
/** Runs whose seat counts are buffered before they are added to the histograms. */
const BUFFER_RUNS = 32;

/** Optional record of one run's state after each poll (for calibration's synthetic histories). */
export interface SimulationTrace {
  seatParty: Int32Array[];
  seatFaction: Int32Array[];
  seatLocal: Int32Array[];
  national: Float64Array[];
  regional: Float64Array[];
  councilType: Float64Array[];
}

export function emptyTrace(): SimulationTrace {
  return { seatParty: [], seatFaction: [], seatLocal: [], national: [], regional: [], councilType: [] };
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The sfc32 state of run `run` under `seed`, warmed up: distinct (seed, run) pairs start from distinct
 * states, because fmix32 is a bijection and the first two words carry the seed and the run separately.
 */
export function runState(seed: number, run: number, st: Int32Array): void {
  let a = fmix32((seed >>> 0) ^ 0x6a09e667);
  let b = fmix32((run >>> 0) ^ 0x3c6ef372);
  let c = fmix32(((seed >>> 0) + Math.imul(run >>> 0, 0x9e3779b9)) | 0);
  let d = 1;
  for (let i = 0; i < 12; i++) {
    let r = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    r = (r + d) | 0;
    c = (c + r) | 0;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
}

/** A faction for a new councillor from local party l's balance, leaving out `excl` (the deselected faction). */
export function drawFaction(m: ForecastModel, l: number, excl: number, u: number): number {
  if (l < 0) return -1;
  const p = m.localPartyOf[l]!;
  const f0 = m.partyFactionStart[p]!;
  const nf = m.partyFactionStart[p + 1]! - f0;
  const base = m.localShareStart[l]!;
  let x = u;
  if (excl >= 0) x *= 1 - m.localShares[base + excl - f0]!;
  for (let i = 0; i < nf; i++) {
    if (f0 + i === excl) continue;
    x -= m.localShares[base + i]!;
    if (x < 0) return f0 + i;
  }
  return -1;
}

/**
 * exp(-(intercept + slope * opposing share + growthSlope * growth)) for each local party and holder faction
 * (the party's factions, then unaligned). The opposing share is the largest share of any other faction. The
 * deselection test p = logistic(x + climate) > u becomes u * e * exp(-climate) < 1 - u, with no exp per seat.
 */
export function deselectionTable(
  m: ForecastModel,
  params: ForecastParameters,
): { start: Int32Array; values: Float64Array } {
  const start = new Int32Array(m.nLocals + 1);
  let n = 0;
  for (let l = 0; l < m.nLocals; l++) {
    start[l] = n;
    const p = m.localPartyOf[l]!;
    n += m.partyFactionStart[p + 1]! - m.partyFactionStart[p]! + 1;
  }
  start[m.nLocals] = n;
  const values = new Float64Array(n);
  for (let l = 0; l < m.nLocals; l++) {
    const p = m.localPartyOf[l]!;
    const nf = m.partyFactionStart[p + 1]! - m.partyFactionStart[p]!;
    const base = m.localShareStart[l]!;
    const growth = Math.max(0, m.localGrowth[l]!);
    for (let k = 0; k <= nf; k++) {
      let opposing = 0;
      for (let j = 0; j < nf; j++) if (j !== k) opposing = Math.max(opposing, m.localShares[base + j]!);
      const x =
        params.deselectionIntercept +
        params.deselectionSlope * opposing +
        params.deselectionGrowthSlope * growth;
      values[start[l]! + k] = Math.exp(-x);
    }
  }
  return { start, values };
}

/** One thread's simulator: the model, the parameters turned into constants, and scratch state for one run. */
class Simulator {
  readonly NT = NORMAL_TABLE;
  readonly nSeats: number;
  readonly nP: number;
  readonly nF: number;
  readonly nC: number;
  readonly IND: number;
  // Parameters and per-poll constants.
  readonly sdNat: number;
  readonly tScale: number;
  readonly nu: number;
  readonly halfNu: number;
  readonly sdReg: number;
  readonly sdType: number;
  readonly sdCouncil: number;
  readonly sdWard: number;
  readonly sdCand: number;
  readonly pRet: number;
  readonly invKeep: number;
  readonly sdClimate: number;
  readonly deselStart: Int32Array;
  readonly deselValues: Float64Array;
  readonly deselNoLocal: number;
  readonly sqrtDt: Float64Array;
  readonly hazardAny: Float64Array;
  readonly hazardInvLog: Float64Array;
  readonly defShare: number;
  readonly forcedSeats: Int32Array;
  readonly initialPartyCount: Int32Array;
  readonly initialFactionCount: Int32Array;
  // Run state.
  readonly party: Int32Array;
  readonly faction: Int32Array;
  readonly local: Int32Array;
  readonly fresh: Uint8Array;
  /** Each holder's deselection factor (deselectionTable's value for their local party and faction). */
  readonly seatE: Float64Array;
  readonly initialSeatE: Float64Array;
  readonly partyCount: Int32Array;
  readonly factionCount: Int32Array;
  readonly nat: Float64Array;
  readonly reg: Float64Array;
  readonly typ: Float64Array;
  readonly shift: Float64Array;
  /** Largest difference between two parties' shifts on each council at this poll. */
  readonly shiftSpread: Float64Array;
  climateFactor = 1;
  // Scratch.
  readonly value: Float64Array;
  readonly candValue: Float64Array;
  readonly won: Int32Array;
  readonly candSlot: Int32Array;
  readonly winners: Int32Array;
  readonly used: Uint8Array;
  readonly kept: Uint8Array;
  readonly stand: Uint8Array;
  readonly desel: Uint8Array;
  readonly factionRuns: Int32Array;
  readonly partyMajorities: Int32Array;
  readonly code: Uint32Array;
  /** Seat counts of the buffered runs: [run in buffer][poll][council-party slots, then council-faction slots]. */
  readonly obs: Uint16Array;
  readonly obsWidth: number;
  buffered = 0;

  constructor(
    readonly m: ForecastModel,
    readonly l: ModelLayout,
    params: ForecastParameters,
  ) {
    this.nSeats = m.nSeats;
    this.nP = m.nParties;
    this.nF = m.nFactions;
    this.nC = m.nCouncils;
    this.IND = m.independent;
    this.sdNat = params.nationalSwingSd;
    this.nu = params.swingDegreesOfFreedom;
    this.tScale = Math.sqrt((this.nu - 2) / this.nu);
    this.halfNu = this.nu >> 1;
    this.sdReg = params.regionalSwingSd;
    this.sdType = params.councilTypeSwingSd;
    this.sdCouncil = params.councilSwingSd;
    this.sdWard = params.wardNoiseSd;
    this.sdCand = params.candidateNoiseSd;
    this.pRet = params.retirementProbability;
    this.invKeep = this.pRet < 1 ? 1 / (1 - this.pRet) : 0;
    this.sdClimate = params.selectionClimateSd;
    const desel = deselectionTable(m, params);
    this.deselStart = desel.start;
    this.deselValues = desel.values;
    this.deselNoLocal = Math.exp(-params.deselectionIntercept);
    const rates = params.defectionRate + params.byElectionRate;
    this.defShare = rates > 0 ? params.defectionRate / rates : 0;
    this.sqrtDt = new Float64Array(m.nPolls);
    this.hazardAny = new Float64Array(m.nPolls);
    this.hazardInvLog = new Float64Array(m.nPolls);
    for (let t = 0; t < m.nPolls; t++) {
      const dt = m.pollYears[t]! - (t === 0 ? 0 : m.pollYears[t - 1]!);
      this.sqrtDt[t] = Math.sqrt(dt);
      const h = 1 - (1 - rates) ** dt;
      this.hazardAny[t] = h;
      this.hazardInvLog[t] = h > 0 && h < 1 ? 1 / Math.log(1 - h) : 0;
    }
    const forced: number[] = [];
    for (let s = 0; s < m.nSeats; s++) if (m.seatParty[s]! < 0 && (m.seatUp[s]! & 1) === 0) forced.push(s);
    this.forcedSeats = Int32Array.from(forced);
    this.initialPartyCount = new Int32Array(this.nC * this.nP);
    this.initialFactionCount = new Int32Array(Math.max(1, this.nC * this.nF));
    for (let s = 0; s < m.nSeats; s++) {
      const p = m.seatParty[s]!;
      if (p < 0) continue;
      const c = m.wardCouncil[m.seatWard[s]!]!;
      this.initialPartyCount[c * this.nP + p]! += 1;
      const f = m.seatFaction[s]!;
      if (f >= 0) this.initialFactionCount[c * this.nF + f]! += 1;
    }
    this.party = new Int32Array(m.nSeats);
    this.faction = new Int32Array(m.nSeats);
    this.local = new Int32Array(m.nSeats);
    this.fresh = new Uint8Array(m.nSeats);
    this.seatE = new Float64Array(m.nSeats);
    this.initialSeatE = new Float64Array(m.nSeats);
    for (let s = 0; s < m.nSeats; s++)
      this.initialSeatE[s] = this.deselFactor(m.seatParty[s]!, m.seatFaction[s]!, m.seatLocal[s]!);
    this.partyCount = new Int32Array(this.initialPartyCount.length);
    this.factionCount = new Int32Array(this.initialFactionCount.length);
    this.nat = new Float64Array(this.nP);
    this.reg = new Float64Array(m.nRegions * this.nP);
    this.typ = new Float64Array(m.nTypes * this.nP);
    this.shift = new Float64Array(this.nC * this.nP);
    this.shiftSpread = new Float64Array(this.nC);
    this.value = new Float64Array(l.maxCands);
    this.candValue = new Float64Array(l.maxCands * l.maxUp);
    this.won = new Int32Array(l.maxCands);
    this.candSlot = new Int32Array(l.maxCands * l.maxUp);
    this.winners = new Int32Array(l.maxUp);
    this.used = new Uint8Array(l.maxUp);
    this.kept = new Uint8Array(l.maxUp);
    this.stand = new Uint8Array(l.maxUp);
    this.desel = new Uint8Array(l.maxUp);
    this.factionRuns = new Int32Array(Math.max(1, this.nF));
    this.partyMajorities = new Int32Array(this.nP);
    this.code = new Uint32Array(this.nC);
    this.obsWidth = l.nCouncilParties + l.nCouncilFactions;
    this.obs = new Uint16Array(BUFFER_RUNS * m.nPolls * this.obsWidth);
  }

  /** The deselection factor of a holder of party p, faction f, selected by local party l. */
  deselFactor(p: number, f: number, l: number): number {
    if (p < 0) return 0;
    if (l < 0) return this.deselNoLocal;
    const f0 = this.m.partyFactionStart[p]!;
    return this.deselValues[this.deselStart[l]! + (f < 0 ? this.m.partyFactionStart[p + 1]! - f0 : f - f0)]!;
  }

  startRun(): void {
    this.seatE.set(this.initialSeatE);
    this.party.set(this.m.seatParty);
    this.faction.set(this.m.seatFaction);
    this.local.set(this.m.seatLocal);
    this.fresh.fill(1);
    this.partyCount.set(this.initialPartyCount);
    this.factionCount.set(this.initialFactionCount);
    this.nat.fill(0);
    this.reg.fill(0);
    this.typ.fill(0);
    this.code.fill(0);
  }

  /** Phase 1: national, regional, council-type and council swings, and the selection climate. */
  swings(st: Int32Array, t: number): void {
    const NT = this.NT;
    const nP = this.nP;
    const nat = this.nat;
    const reg = this.reg;
    const typ = this.typ;
    const shift = this.shift;
    const m = this.m;
    const sdt = this.sqrtDt[t]!;
    const natScale = this.sdNat * sdt * this.tScale;
    const halfNu = this.halfNu;
    const nu = this.nu;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let r = 0;
    // Student-t steps: z / sqrt(chi2 / nu), with chi2 of nu = 2k degrees drawn as -2 ln(U1 ... Uk).
    for (let j = 0; j < nP; j++) {
      let prod = 1;
      for (let k = 0; k < halfNu; k++) {
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        prod *= ((r >>> 0) + 1) * INV32;
      }
      r = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = (r + d) | 0;
      c = (c + r) | 0;
      nat[j]! += (natScale * NT[r >>> 20]!) / Math.sqrt((-2 * Math.log(prod)) / nu);
    }
    const sdReg = this.sdReg * sdt;
    for (let i = 0; i < reg.length; i += 2) {
      r = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = (r + d) | 0;
      c = (c + r) | 0;
      reg[i]! += sdReg * NT[r >>> 20]!;
      if (i + 1 < reg.length) reg[i + 1]! += sdReg * NT[r & 0xfff]!;
    }
    const sdType = this.sdType * sdt;
    for (let i = 0; i < typ.length; i += 2) {
      r = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = (r + d) | 0;
      c = (c + r) | 0;
      typ[i]! += sdType * NT[r >>> 20]!;
      if (i + 1 < typ.length) typ[i + 1]! += sdType * NT[r & 0xfff]!;
    }
    const sdCouncil = this.sdCouncil;
    const cps = m.councilPartyStart;
    const cparties = m.councilParties;
    const shiftSpread = this.shiftSpread;
    for (let cc = 0; cc < this.nC; cc++) {
      const ro = m.councilRegion[cc]! * nP;
      const to = m.councilType[cc]! * nP;
      const i0 = cps[cc]!;
      const i1 = cps[cc + 1]!;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = i0; i < i1; i += 2) {
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        const j = cparties[i]!;
        const x = nat[j]! + reg[ro + j]! + typ[to + j]! + sdCouncil * NT[r >>> 20]!;
        shift[cc * nP + j] = x;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        if (i + 1 < i1) {
          const j2 = cparties[i + 1]!;
          const x2 = nat[j2]! + reg[ro + j2]! + typ[to + j2]! + sdCouncil * NT[r & 0xfff]!;
          shift[cc * nP + j2] = x2;
          if (x2 < lo) lo = x2;
          if (x2 > hi) hi = x2;
        }
      }
      shiftSpread[cc] = hi - lo;
    }
    r = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    r = (r + d) | 0;
    c = (c + r) | 0;
    this.climateFactor = Math.exp(-this.sdClimate * NT[r >>> 20]!);
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  /** Moves seat s to party np, faction nf, local party nl, keeping the council's counts. */
  private setSeat(s: number, cc: number, np: number, nf: number, nl: number): void {
    const old = this.party[s]!;
    const oldF = this.faction[s]!;
    if (old >= 0) this.partyCount[cc * this.nP + old]! -= 1;
    if (oldF >= 0) this.factionCount[cc * this.nF + oldF]! -= 1;
    if (np >= 0) this.partyCount[cc * this.nP + np]! += 1;
    if (nf >= 0) this.factionCount[cc * this.nF + nf]! += 1;
    this.party[s] = np;
    this.faction[s] = nf;
    this.local[s] = nl;
    this.fresh[s] = 0;
    this.seatE[s] = this.deselFactor(np, nf, nl);
  }

  /** Phase 2: by-elections and defections between the previous poll and poll t. */
  hazards(st: Int32Array, t: number): void {
    const NT = this.NT;
    const m = this.m;
    const nSeats = this.nSeats;
    const nP = this.nP;
    const IND = this.IND;
    const party = this.party;
    const seatUp = m.seatUp;
    const seatWard = m.seatWard;
    const wardCouncil = m.wardCouncil;
    const wardCandStart = m.wardCandStart;
    const candBase = m.candBase;
    const candParty = m.candParty;
    const shift = this.shift;
    const sdWard = this.sdWard;
    const bit = 1 << t;
    const hAny = this.hazardAny[t]!;
    const invLog = this.hazardInvLog[t]!;
    const defShare = this.defShare;
    const forced = this.forcedSeats;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let r = 0;
    let forcedAt = t === 0 ? 0 : forced.length;
    let s = -1;
    for (;;) {
      let seat: number;
      let byElection: boolean;
      if (forcedAt < forced.length) {
        seat = forced[forcedAt++]!;
        byElection = true;
      } else {
        if (hAny <= 0) break;
        if (hAny >= 1) s += 1;
        else {
          r = (a + b) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = (r + d) | 0;
          c = (c + r) | 0;
          s += 1 + Math.floor(Math.log(((r >>> 0) + 1) * INV32) * invLog);
        }
        if (s >= nSeats) break;
        seat = s;
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        byElection = (r >>> 0) * INV32 >= defShare;
      }
      const w = seatWard[seat]!;
      const cc = wardCouncil[w]!;
      const old = party[seat]!;
      if (!byElection) {
        if (old >= 0 && old !== IND && IND >= 0) this.setSeat(seat, cc, IND, -1, -1);
        continue;
      }
      // No by-election for a seat whose ordinary poll is this one: the poll fills it.
      if ((seatUp[seat]! & bit) !== 0) continue;
      const k0 = wardCandStart[w]!;
      const k1 = wardCandStart[w + 1]!;
      let best = Number.NEGATIVE_INFINITY;
      let bk = k0;
      for (let k = k0; k < k1; k += 2) {
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        const v = candBase[k]! + shift[cc * nP + candParty[k]!]! + sdWard * NT[r >>> 20]!;
        if (v > best) {
          best = v;
          bk = k;
        }
        if (k + 1 < k1) {
          const v2 = candBase[k + 1]! + shift[cc * nP + candParty[k + 1]!]! + sdWard * NT[r & 0xfff]!;
          if (v2 > best) {
            best = v2;
            bk = k + 1;
          }
        }
      }
      r = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = (r + d) | 0;
      c = (c + r) | 0;
      const nl = m.candLocal[bk]!;
      this.setSeat(seat, cc, candParty[bk]!, drawFaction(m, nl, -1, (r >>> 0) * INV32), nl);
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  /** Phase 3: the poll: selections, then the election, in each ward with seats up. */
  poll(st: Int32Array, t: number): void {
    const NT = this.NT;
    const m = this.m;
    const l = this.l;
    const nP = this.nP;
    const IND = this.IND;
    const party = this.party;
    const faction = this.faction;
    const fresh = this.fresh;
    const local = this.local;
    const partyCount = this.partyCount;
    const factionCount = this.factionCount;
    const nF = this.nF;
    const partyFactionStart = m.partyFactionStart;
    const localShareStart = m.localShareStart;
    const localShares = m.localShares;
    const deselStart = this.deselStart;
    const deselValues = this.deselValues;
    const deselNoLocal = this.deselNoLocal;
    const candBase = m.candBase;
    const candParty = m.candParty;
    const candLocal = m.candLocal;
    const proportional = m.councilProportional;
    const upSeats = l.upSeats;
    const shift = this.shift;
    const value = this.value;
    const candValue = this.candValue;
    const won = this.won;
    const candSlot = this.candSlot;
    const winners = this.winners;
    const used = this.used;
    const kept = this.kept;
    const stand = this.stand;
    const desel = this.desel;
    const climateFactor = this.climateFactor;
    const shiftSpread = this.shiftSpread;
    const pRet = this.pRet;
    const invKeep = this.invKeep;
    const sdWard = this.sdWard;
    const sdCand = this.sdCand;
    // Noise of sd s moves a value by at most Z_MAX * s: a contest decided by more than that needs no draw.
    const wardReach = 2 * Z_MAX * sdWard;
    const blockReach = wardReach + 2 * Z_MAX * sdCand;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let r = 0;
    let u = 0;
    const info = l.upWardInfo;
    const upRecorded = l.upRecorded;
    const seatE = this.seatE;
    const iw1 = l.upWardStart[t + 1]!;
    for (let iw = l.upWardStart[t]!; iw < iw1; iw++) {
      const o = iw * 6;
      const cc = info[o + 1]!;
      const j0 = info[o + 2]!;
      const nUp = info[o + 3]!;
      const k0 = info[o + 4]!;
      const nK = info[o + 5]!;

      // Selection: each sitting councillor retires, is deselected, or stands again.
      for (let j = 0; j < nUp; j++) {
        const seat = upSeats[j0 + j]!;
        const p = party[seat]!;
        stand[j] = 0;
        desel[j] = 0;
        if (p < 0) continue;
        const rec = upRecorded[j0 + j]!;
        if (rec !== 0 && fresh[seat] === 1) {
          if (rec === RECORDED.deselected) desel[j] = 1;
          else if (rec === RECORDED.reselected) stand[j] = 1;
          continue;
        }
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        u = (r >>> 0) * INV32;
        if (u < pRet) continue;
        if (p === IND) {
          stand[j] = 1;
          continue;
        }
        u = (u - pRet) * invKeep;
        if (u * seatE[seat]! * climateFactor < 1 - u) desel[j] = 1;
        else stand[j] = 1;
      }

      // Election. Slots come sorted by base share, and no party's swing differs from another's on this council
      // by more than `spread`: once a slot's base falls that far (plus the noise's reach) below the first
      // slot's, it and every later slot can win nothing, except under proportional allocation.
      const so = cc * nP;
      const fso = cc * nF;
      const isProportional = proportional[cc] === 1 && nUp > 1;
      const cut = isProportional
        ? Number.NEGATIVE_INFINITY
        : candBase[k0]! - shiftSpread[cc]! - (nUp > 1 ? blockReach : wardReach);
      let nIn = 0;
      let top = 0;
      let topV = Number.NEGATIVE_INFINITY;
      let second = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < nK; k++) {
        const base = candBase[k0 + k]!;
        if (base < cut) break;
        const v = base + shift[so + candParty[k0 + k]!]!;
        value[k] = v;
        nIn++;
        if (v > topV) {
          second = topV;
          topV = v;
          top = k;
        } else if (v > second) second = v;
      }
      const lead = topV - second;
      if (isProportional && nK > 1) {
        // D'Hondt on the shares stands in for STV's transfers.
        let max = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < nIn; k += 2) {
          r = (a + b) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = (r + d) | 0;
          c = (c + r) | 0;
          value[k] = value[k]! + sdWard * NT[r >>> 20]!;
          if (value[k]! > max) max = value[k]!;
          if (k + 1 < nIn) {
            value[k + 1] = value[k + 1]! + sdWard * NT[r & 0xfff]!;
            if (value[k + 1]! > max) max = value[k + 1]!;
          }
        }
        for (let k = 0; k < nIn; k++) {
          value[k] = Math.exp(value[k]! - max);
          won[k] = 0;
        }
        for (let i = 0; i < nUp; i++) {
          let bk = 0;
          let bq = -1;
          for (let k = 0; k < nIn; k++) {
            const q = value[k]! / (won[k]! + 1);
            if (q > bq) {
              bq = q;
              bk = k;
            }
          }
          won[bk]! += 1;
          winners[i] = k0 + bk;
        }
      } else if (nIn === 1 || lead > (nUp > 1 ? blockReach : wardReach)) {
        // Decided before the noise: no draw can change the winner.
        for (let i = 0; i < nUp; i++) winners[i] = k0 + top;
      } else {
        // Ward noise for the parties in reach of the leader.
        const floor = topV - wardReach - (nUp > 1 ? 2 * Z_MAX * sdCand : 0);
        let best = Number.NEGATIVE_INFINITY;
        let runnerUp = Number.NEGATIVE_INFINITY;
        let bk = top;
        let odd = false;
        for (let k = 0; k < nIn; k++) {
          const v0 = value[k]!;
          if (v0 < floor) {
            value[k] = Number.NEGATIVE_INFINITY;
            continue;
          }
          if (!odd) {
            r = (a + b) | 0;
            a = b ^ (b >>> 9);
            b = (c + (c << 3)) | 0;
            c = (c << 21) | (c >>> 11);
            d = (d + 1) | 0;
            r = (r + d) | 0;
            c = (c + r) | 0;
            u = NT[r >>> 20]!;
          } else u = NT[r & 0xfff]!;
          odd = !odd;
          const v = v0 + sdWard * u;
          value[k] = v;
          if (v > best) {
            runnerUp = best;
            best = v;
            bk = k;
          } else if (v > runnerUp) runnerUp = v;
        }
        if (nUp === 1 || best - runnerUp > 2 * Z_MAX * sdCand) {
          for (let i = 0; i < nUp; i++) winners[i] = k0 + bk;
        } else {
          // Block vote: each party close to the leader runs nUp candidates around its share; the top nUp win.
          const near = best - 2 * Z_MAX * sdCand;
          let n = 0;
          for (let k = 0; k < nIn; k++) {
            const v = value[k]!;
            if (v < near) continue;
            for (let i = 0; i < nUp; i++) {
              if (!odd) {
                r = (a + b) | 0;
                a = b ^ (b >>> 9);
                b = (c + (c << 3)) | 0;
                c = (c << 21) | (c >>> 11);
                d = (d + 1) | 0;
                r = (r + d) | 0;
                c = (c + r) | 0;
                u = NT[r >>> 20]!;
              } else u = NT[r & 0xfff]!;
              odd = !odd;
              candValue[n] = v + sdCand * u;
              candSlot[n] = k;
              n++;
            }
          }
          for (let i = 0; i < nUp; i++) {
            let bi = 0;
            for (let x = 1; x < n; x++) if (candValue[x]! > candValue[bi]!) bi = x;
            candValue[bi] = Number.NEGATIVE_INFINITY;
            winners[i] = k0 + candSlot[bi]!;
          }
        }
      }

      // Standing councillors whose party won a seat keep theirs; the other seats go to newcomers.
      if (nUp === 1 && stand[0] === 1 && candParty[winners[0]!] === party[upSeats[j0]!]) continue;
      for (let i = 0; i < nUp; i++) used[i] = 0;
      for (let j = 0; j < nUp; j++) {
        kept[j] = 0;
        if (stand[j] === 0) continue;
        const p = party[upSeats[j0 + j]!]!;
        for (let i = 0; i < nUp; i++) {
          if (used[i] === 0 && candParty[winners[i]!] === p) {
            used[i] = 1;
            kept[j] = 1;
            break;
          }
        }
      }
      let next = 0;
      for (let j = 0; j < nUp; j++) {
        if (kept[j] === 1) continue;
        const seat = upSeats[j0 + j]!;
        while (used[next] === 1) next++;
        used[next] = 1;
        const k = winners[next]!;
        const np = candParty[k]!;
        const nl = candLocal[k]!;
        const old = party[seat]!;
        const oldF = faction[seat]!;
        let nf = -1;
        let e = deselNoLocal;
        if (nl >= 0) {
          r = (a + b) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = (r + d) | 0;
          c = (c + r) | 0;
          // The newcomer's faction from the local party's balance, leaving out a deselected councillor's own.
          const f0 = partyFactionStart[np]!;
          const nFac = partyFactionStart[np + 1]! - f0;
          const base = localShareStart[nl]!;
          const excl = desel[j] === 1 && old === np ? oldF : -1;
          let x = (r >>> 0) * INV32;
          if (excl >= 0) x *= 1 - localShares[base + excl - f0]!;
          for (let i = 0; i < nFac; i++) {
            if (f0 + i === excl) continue;
            x -= localShares[base + i]!;
            if (x < 0) {
              nf = f0 + i;
              break;
            }
          }
          e = deselValues[deselStart[nl]! + (nf < 0 ? nFac : nf - f0)]!;
        }
        if (old >= 0) partyCount[so + old]! -= 1;
        if (oldF >= 0) factionCount[fso + oldF]! -= 1;
        partyCount[so + np]! += 1;
        if (nf >= 0) factionCount[fso + nf]! += 1;
        party[seat] = np;
        faction[seat] = nf;
        local[seat] = nl;
        fresh[seat] = 0;
        seatE[seat] = e;
      }
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  /** Phase 4: majorities and control into the tally; seat counts into the buffer (row `row`). */
  count(t: number, row: number, tally: ForecastTally, withPathways: boolean): void {
    const m = this.m;
    const l = this.l;
    const nP = this.nP;
    const nF = this.nF;
    const nC = this.nC;
    const IND = this.IND;
    const partyCount = this.partyCount;
    const factionCount = this.factionCount;
    const cps = m.councilPartyStart;
    const cparties = m.councilParties;
    const cfs = l.councilFactionStart;
    const cfactions = l.councilFactions;
    const factionParty = m.factionParty;
    const threshold = m.councilThreshold;
    const majority = tally.majority;
    const controlsGroup = tally.controlsGroup;
    const runsCouncil = tally.runsCouncil;
    const nCP = l.nCouncilParties;
    const nCF = l.nCouncilFactions;
    const factionRuns = this.factionRuns;
    const partyMajorities = this.partyMajorities;
    const obs = this.obs;
    const code = this.code;
    const bits = l.pathwayBits;
    const base = (row * m.nPolls + t) * this.obsWidth;
    factionRuns.fill(0);
    partyMajorities.fill(0);
    for (let cc = 0; cc < nC; cc++) {
      const thr = threshold[cc]!;
      let maj = -1;
      const i1 = cps[cc + 1]!;
      for (let i = cps[cc]!; i < i1; i++) {
        const j = cparties[i]!;
        const n = partyCount[cc * nP + j]!;
        obs[base + i] = n;
        if (n >= thr && j !== IND) {
          maj = j;
          majority[t * nCP + i]! += 1;
        }
      }
      if (maj >= 0) partyMajorities[maj]! += 1;
      let runner = -1;
      const f1 = cfs[cc + 1]!;
      for (let i = cfs[cc]!; i < f1; i++) {
        const f = cfactions[i]!;
        const n = factionCount[cc * nF + f]!;
        obs[base + nCP + i] = n;
        const fp = factionParty[f]!;
        if (2 * n > partyCount[cc * nP + fp]!) {
          controlsGroup[t * nCF + i]! += 1;
          if (fp === maj) {
            runsCouncil[t * nCF + i]! += 1;
            factionRuns[f]! += 1;
            runner = f;
          }
        }
      }
      if (withPathways && t < l.pathwayPolls) {
        const state = runner >= 0 ? runner : maj >= 0 ? nF + maj : nF + nP;
        code[cc] = code[cc]! | (state << (bits * t));
      }
    }
    const natFR = tally.nationalFactionRuns;
    const natPM = tally.nationalPartyMajorities;
    for (let f = 0; f < nF; f++) natFR[(t * nF + f) * (nC + 1) + factionRuns[f]!]! += 1;
    for (let j = 0; j < nP; j++) natPM[(t * nP + j) * (nC + 1) + partyMajorities[j]!]! += 1;
  }

  /** Adds the buffered runs' seat counts to the histograms, one histogram at a time. */
  flush(tally: ForecastTally): void {
    const rows = this.buffered;
    if (rows === 0) return;
    const m = this.m;
    const l = this.l;
    const obs = this.obs;
    const width = this.obsWidth;
    const stride = m.nPolls * width;
    const nCP = l.nCouncilParties;
    const seatHist = tally.seatHist;
    const factionHist = tally.factionHist;
    for (let t = 0; t < m.nPolls; t++) {
      const rowBase = t * width;
      const ho = t * l.histPerPoll;
      for (let i = 0; i < nCP; i++) {
        const off = ho + l.cpHistOffset[i]!;
        for (let row = 0; row < rows; row++) seatHist[off + obs[row * stride + rowBase + i]!]! += 1;
      }
      const fo = t * l.factionHistPerPoll;
      for (let i = 0; i < l.nCouncilFactions; i++) {
        const off = fo + l.cfHistOffset[i]!;
        for (let row = 0; row < rows; row++) factionHist[off + obs[row * stride + rowBase + nCP + i]!]! += 1;
      }
    }
    this.buffered = 0;
  }

  trace(trace: SimulationTrace): void {
    trace.seatParty.push(this.party.slice());
    trace.seatFaction.push(this.faction.slice());
    trace.seatLocal.push(this.local.slice());
    trace.national.push(this.nat.slice());
    trace.regional.push(this.reg.slice());
    trace.councilType.push(this.typ.slice());
  }
}

/**
 * Simulates runs [runFrom, runTo) and adds them into `tally`. `pathways`, when given, receives one control
 * code per run and council (run-major, from runFrom); `trace`, when given, records the state after each poll
 * (meant for a single run).
 */
export function simulateBlock(
  m: ForecastModel,
  l: ModelLayout,
  params: ForecastParameters,
  seed: number,
  runFrom: number,
  runTo: number,
  tally: ForecastTally,
  pathways: Uint32Array | null = null,
  trace: SimulationTrace | null = null,
): void {
  const sim = new Simulator(m, l, params);
  const st = new Int32Array(4);
  const withPathways = pathways !== null && l.pathwayPolls > 0;
  for (let run = runFrom; run < runTo; run++) {
    runState(seed, run, st);
    sim.startRun();
    const row = sim.buffered;
    for (let t = 0; t < m.nPolls; t++) {
      sim.swings(st, t);
      sim.hazards(st, t);
      sim.poll(st, t);
      sim.count(t, row, tally, withPathways);
      if (trace) sim.trace(trace);
    }
    sim.buffered += 1;
    if (sim.buffered === BUFFER_RUNS) sim.flush(tally);
    if (withPathways) pathways!.set(sim.code, (run - runFrom) * m.nCouncils);
    tally.runs += 1;
  }
  sim.flush(tally);
}
