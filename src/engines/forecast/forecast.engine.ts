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
 *
 * Laid out for V8, which on every typed-array access in a loop reloads the array's map, length and data
 * pointer, and spills to the stack whatever does not fit in registers: everything the phases touch lives in two
 * typed arrays, F (doubles) and I (32-bit integers), as fixed-size records whose fields hold the absolute
 * offsets of the records they point to, so the hot loops use few arrays and few variables. Constants in hot
 * loops are literals (a module-level constant is loaded and checked on every use; 2.3283064365386963e-10 is
 * 2^-32), and the sfc32 step is written `((a | 0) + (b | 0)) | 0` and `Math.imul(c, 9)` (= c + (c << 3)) so
 * that it compiles to integer instructions rather than to float additions truncated back to 32 bits. None of
 * this changes a draw: the same seed gives the same tally as the straightforward code.
 */
import { InvalidInputError } from '../../domain/errors.js';
import {
  emptyTally,
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  type ModelLayout,
  RECORDED,
} from './forecast.model.js';
import { NORMAL_TABLE, NORMAL_TABLE_SIZE, Z_MAX } from './normal.math.js';

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
    let r = ((a | 0) + (b | 0)) | 0;
    a = b ^ (b >>> 9);
    b = Math.imul(c, 9);
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    r = ((r | 0) + (d | 0)) | 0;
    c = ((c | 0) + (r | 0)) | 0;
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

/** Most seats up in one ward at one poll: who stands, who is deselected and which seats are taken are bit masks. */
const MAX_UP = 32;

/**
 * One thread's simulator: the model, the parameters turned into constants, and the state of one run, in two
 * typed arrays F (doubles) and I (integers). Records (offsets in them are absolute indexes into F or I):
 * - F: the normal table at 0 and one ward's candidate values right after it (F[4096 + k]), block-vote
 *   candidates, parameters (fPar: retirement probability, 1 / (1 - it), ward and candidate noise sd, their
 *   reaches 2 Z_MAX sd and the sum, and this poll's exp(-climate)), each slot's base log share, per council
 *   [largest shift, shift of each party], local parties' faction shares, deselection factors ([0] vacant,
 *   [1] no local party, then deselectionTable's), national, regional and council-type random walks.
 * - I: one ward's winners at 0 (slot-record offsets), block-vote scratch, per slot [shift's F offset, party,
 *   local party], per up-ward [proportional, council counts' offset, council shift record, first up-seat
 *   entry, seats up, F offset of the first slot's base, first slot record, slots], per up-seat entry the seat
 *   record's offset | RECORDED value << 28, per seat [party, faction, local party, deselection index | FRESH
 *   (bit 30: the as-of day's holder, so recorded selections apply), council counts' offset, bits of the polls
 *   it is up at, first and end slot of its ward] and the starting image of those records, per council [seats
 *   of each party, then of each faction] and its image, per council-party and council-faction slot the
 *   offsets the count reads, then party, local-party and deselection tables.
 */
class Simulator {
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
  readonly sqrtDt: Float64Array;
  readonly hazardAny: Float64Array;
  readonly hazardInvLog: Float64Array;
  readonly defShare: number;
  readonly nForced: number;
  readonly F: Float64Array;
  readonly I: Int32Array;
  readonly fCand: number;
  /** ln(n) at fLn + n, for n = 1 .. MAX_UP + 1 (D'Hondt divisors). */
  readonly fLn: number;
  /** Parameters as raw doubles: a double kept in an object field is boxed and checked on every use. */
  readonly fPar: number;
  readonly fBase: number;
  readonly fShift: number;
  readonly fShares: number;
  readonly fE: number;
  readonly fNat: number;
  readonly fReg: number;
  readonly fTyp: number;
  readonly fEnd: number;
  readonly iSlotScratch: number;
  readonly iWon: number;
  readonly iSlotRec: number;
  readonly iInfo: number;
  readonly iUpSeat: number;
  readonly iSeat: number;
  readonly iSeat0: number;
  readonly iCnt: number;
  readonly iCnt0: number;
  /** Per council-party slot: [its seat count's offset, its party or -1 for independents]. */
  readonly iCP: number;
  /** Per council-faction slot: [its seat count's offset, its party's seat count's offset, faction, party]. */
  readonly iCF: number;
  readonly iPFS: number;
  readonly iLSS: number;
  readonly iLPO: number;
  readonly iDS: number;
  readonly iForced: number;
  /**
   * Per poll, 4,096 entries by the top 12 bits of the draw: the geometric skip to the next by-election or
   * defection, floor(ln(u) / ln(1 - h)), when it is the same for every draw in that bucket, else -1 (then
   * Math.log decides). Built with the very expression it stands for, so it gives the same skips.
   */
  readonly iSkip: number;
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
    readonly params: ForecastParameters,
  ) {
    if (l.maxUp > MAX_UP) {
      throw new InvalidInputError(
        `expected at most ${MAX_UP} seats up in one ward at one poll, got ${l.maxUp}`,
        {
          where: 'forecast model',
          rule: 'model',
        },
      );
    }
    // The poll writes one ward's candidate values at F[4096 + k], just past the normal table.
    if (NORMAL_TABLE_SIZE !== 4096) throw new Error('the simulator expects a normal table of 4,096 entries');
    const nP = m.nParties;
    const nF = m.nFactions;
    const nC = m.nCouncils;
    this.nSeats = m.nSeats;
    this.nP = nP;
    this.nF = nF;
    this.nC = nC;
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
    this.nForced = forced.length;
    const desel = deselectionTable(m, params);
    const nSlots = m.wardCandStart[m.nWards]!;
    const nUpSeats = l.upSeats.length;
    const nUpWards = l.upWards.length;
    const rec = nP + nF;

    let fn = NORMAL_TABLE_SIZE + l.maxCands;
    const fAt = (n: number) => {
      const at = fn;
      fn += n;
      return at;
    };
    this.fCand = fAt(l.maxCands * l.maxUp);
    this.fLn = fAt(MAX_UP + 2);
    this.fPar = fAt(8);
    this.fBase = fAt(nSlots);
    this.fShift = fAt(nC * (nP + 1));
    this.fShares = fAt(m.localShares.length);
    this.fE = fAt(desel.values.length + 2);
    this.fNat = fAt(nP);
    this.fReg = fAt(m.nRegions * nP);
    this.fTyp = fAt(m.nTypes * nP);
    this.fEnd = fn;
    const F = new Float64Array(fn);
    F.set(NORMAL_TABLE, 0);
    const wardReach = 2 * Z_MAX * this.sdWard;
    const candReach = 2 * Z_MAX * this.sdCand;
    F.set(
      [this.pRet, this.invKeep, this.sdWard, this.sdCand, wardReach, candReach, wardReach + candReach, 1],
      this.fPar,
    );
    for (let k = 1; k < MAX_UP + 2; k++) F[this.fLn + k] = Math.log(k);
    F.set(m.candBase, this.fBase);
    F.set(m.localShares, this.fShares);
    F[this.fE + 1] = Math.exp(-params.deselectionIntercept);
    F.set(desel.values, this.fE + 2);
    this.F = F;

    let n = MAX_UP;
    const iAt = (k: number) => {
      const at = n;
      n += k;
      return at;
    };
    this.iSlotScratch = iAt(l.maxCands * l.maxUp);
    this.iWon = iAt(l.maxCands);
    this.iSlotRec = iAt(nSlots * 3);
    this.iInfo = iAt(nUpWards * 8);
    this.iUpSeat = iAt(nUpSeats);
    this.iSeat = iAt(m.nSeats * 8);
    this.iSeat0 = iAt(m.nSeats * 8);
    this.iCnt = iAt(nC * rec);
    this.iCnt0 = iAt(nC * rec);
    this.iCP = iAt(l.nCouncilParties * 2);
    this.iCF = iAt(l.nCouncilFactions * 4);
    this.iPFS = iAt(m.partyFactionStart.length);
    this.iLSS = iAt(m.localShareStart.length);
    this.iLPO = iAt(m.localPartyOf.length);
    this.iDS = iAt(desel.start.length);
    this.iForced = iAt(forced.length);
    this.iSkip = iAt(m.nPolls * 4096);
    if (n > 0x0fffffff) {
      throw new InvalidInputError('expected a model of under 2^28 integers of simulator state', {
        where: 'forecast model',
        rule: 'model',
      });
    }
    const I = new Int32Array(n);
    this.I = I;
    I.set(m.partyFactionStart, this.iPFS);
    I.set(m.localShareStart, this.iLSS);
    I.set(m.localPartyOf, this.iLPO);
    I.set(desel.start, this.iDS);
    I.set(forced, this.iForced);
    for (let t = 0; t < m.nPolls; t++) {
      const invLog = this.hazardInvLog[t]!;
      const skip = (x: number) => Math.floor(Math.log(x * 2.3283064365386963e-10) * invLog);
      for (let k = 0; k < 4096; k++) {
        // Draws r with r >>> 20 === k take x = r + 1 from k * 2^20 + 1 to (k + 1) * 2^20.
        const most = skip(k * 1048576 + 1);
        const least = skip((k + 1) * 1048576);
        I[this.iSkip + t * 4096 + k] = most === least && most < 0x40000000 ? most : -1;
      }
    }
    for (let c = 0; c < nC; c++) {
      for (let i = m.councilPartyStart[c]!; i < m.councilPartyStart[c + 1]!; i++) {
        const j = m.councilParties[i]!;
        I[this.iCP + i * 2] = this.iCnt + c * rec + j;
        I[this.iCP + i * 2 + 1] = j === m.independent ? -1 : j;
      }
      for (let i = l.councilFactionStart[c]!; i < l.councilFactionStart[c + 1]!; i++) {
        const f = l.councilFactions[i]!;
        const fp = m.factionParty[f]!;
        I[this.iCF + i * 4] = this.iCnt + c * rec + nP + f;
        I[this.iCF + i * 4 + 1] = this.iCnt + c * rec + fp;
        I[this.iCF + i * 4 + 2] = f;
        I[this.iCF + i * 4 + 3] = fp;
      }
    }
    for (let w = 0; w < m.nWards; w++) {
      const c = m.wardCouncil[w]!;
      for (let k = m.wardCandStart[w]!; k < m.wardCandStart[w + 1]!; k++) {
        const o = this.iSlotRec + k * 3;
        I[o] = this.fShift + c * (nP + 1) + 1 + m.candParty[k]!;
        I[o + 1] = m.candParty[k]!;
        I[o + 2] = m.candLocal[k]!;
      }
    }
    for (let e = 0; e < nUpWards; e++) {
      const o = this.iInfo + e * 8;
      const c = l.upWardInfo[e * 6 + 1]!;
      const nUp = l.upWardInfo[e * 6 + 3]!;
      const k0 = l.upWardInfo[e * 6 + 4]!;
      I[o] = m.councilProportional[c] === 1 && nUp > 1 ? 1 : 0;
      I[o + 1] = this.iCnt + c * rec;
      I[o + 2] = this.fShift + c * (nP + 1);
      I[o + 3] = this.iUpSeat + l.upWardInfo[e * 6 + 2]!;
      I[o + 4] = nUp;
      I[o + 5] = this.fBase + k0;
      I[o + 6] = this.iSlotRec + k0 * 3;
      I[o + 7] = l.upWardInfo[e * 6 + 5]!;
    }
    for (let e = 0; e < nUpSeats; e++)
      I[this.iUpSeat + e] = (this.iSeat + l.upSeats[e]! * 8) | (l.upRecorded[e]! << 28);
    for (let s = 0; s < m.nSeats; s++) {
      const w = m.seatWard[s]!;
      const c = m.wardCouncil[w]!;
      const sc = this.iSeat0 + s * 8 + 4;
      I[sc] = this.iCnt + c * rec;
      I[sc + 1] = m.seatUp[s]!;
      I[sc + 2] = m.wardCandStart[w]!;
      I[sc + 3] = m.wardCandStart[w + 1]!;
      const p = m.seatParty[s]!;
      const f = m.seatFaction[s]!;
      const o = this.iSeat0 + s * 8;
      I[o] = p;
      I[o + 1] = f;
      I[o + 2] = m.seatLocal[s]!;
      I[o + 3] = this.deselIndex(p, f, m.seatLocal[s]!) | 0x40000000;
      if (p < 0) continue;
      I[this.iCnt0 + c * rec + p]! += 1;
      if (f >= 0) I[this.iCnt0 + c * rec + nP + f]! += 1;
    }
    this.factionRuns = new Int32Array(Math.max(1, nF));
    this.partyMajorities = new Int32Array(nP);
    this.code = new Uint32Array(nC);
    this.obsWidth = l.nCouncilParties + l.nCouncilFactions;
    this.obs = new Uint16Array(BUFFER_RUNS * m.nPolls * this.obsWidth);
  }

  /** Index into the deselection factors (F at fE) of a holder of party p, faction f, selected by local party l. */
  deselIndex(p: number, f: number, l: number): number {
    if (p < 0) return 0;
    if (l < 0) return 1;
    const I = this.I;
    const f0 = I[this.iPFS + p]!;
    return 2 + I[this.iDS + l]! + (f < 0 ? I[this.iPFS + p + 1]! - f0 : f - f0);
  }

  /** Resets the state to the as-of day's. */
  startRun(): void {
    const I = this.I;
    I.copyWithin(this.iSeat, this.iSeat0, this.iSeat0 + this.nSeats * 8);
    I.copyWithin(this.iCnt, this.iCnt0, this.iCnt0 + this.nC * (this.nP + this.nF));
    this.F.fill(0, this.fNat, this.fEnd);
    this.code.fill(0);
  }

  /** Phase 1: national, regional, council-type and council swings, and the selection climate. */
  swings(st: Int32Array, t: number): void {
    const F = this.F;
    const nP = this.nP;
    const m = this.m;
    const fNat = this.fNat;
    const fReg = this.fReg;
    const fTyp = this.fTyp;
    const sdt = this.sqrtDt[t]!;
    const natScale = this.sdNat * sdt * this.tScale;
    const halfNu = this.halfNu;
    const nu = this.nu;
    const nReg = m.nRegions * nP;
    const nTyp = m.nTypes * nP;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let r = 0;
    // Student-t steps: z / sqrt(chi2 / nu), with chi2 of nu = 2k degrees drawn as -2 ln(U1 ... Uk).
    for (let j = 0; j < nP; j++) {
      let prod = 1;
      for (let k = 0; k < halfNu; k++) {
        r = ((a | 0) + (b | 0)) | 0;
        a = b ^ (b >>> 9);
        b = Math.imul(c, 9);
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = ((r | 0) + (d | 0)) | 0;
        c = ((c | 0) + (r | 0)) | 0;
        prod *= ((r >>> 0) + 1) * 2.3283064365386963e-10;
      }
      r = ((a | 0) + (b | 0)) | 0;
      a = b ^ (b >>> 9);
      b = Math.imul(c, 9);
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = ((r | 0) + (d | 0)) | 0;
      c = ((c | 0) + (r | 0)) | 0;
      F[fNat + j]! += (natScale * F[r >>> 20]!) / Math.sqrt((-2 * Math.log(prod)) / nu);
    }
    const sdReg = this.sdReg * sdt;
    for (let i = 0; i < nReg; i += 2) {
      r = ((a | 0) + (b | 0)) | 0;
      a = b ^ (b >>> 9);
      b = Math.imul(c, 9);
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = ((r | 0) + (d | 0)) | 0;
      c = ((c | 0) + (r | 0)) | 0;
      F[fReg + i]! += sdReg * F[r >>> 20]!;
      if (i + 1 < nReg) F[fReg + i + 1]! += sdReg * F[r & 0xfff]!;
    }
    const sdType = this.sdType * sdt;
    for (let i = 0; i < nTyp; i += 2) {
      r = ((a | 0) + (b | 0)) | 0;
      a = b ^ (b >>> 9);
      b = Math.imul(c, 9);
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = ((r | 0) + (d | 0)) | 0;
      c = ((c | 0) + (r | 0)) | 0;
      F[fTyp + i]! += sdType * F[r >>> 20]!;
      if (i + 1 < nTyp) F[fTyp + i + 1]! += sdType * F[r & 0xfff]!;
    }
    const sdCouncil = this.sdCouncil;
    const cps = m.councilPartyStart;
    const cparties = m.councilParties;
    const councilRegion = m.councilRegion;
    const councilType = m.councilType;
    for (let cc = 0; cc < this.nC; cc++) {
      const ro = fReg + councilRegion[cc]! * nP;
      const to = fTyp + councilType[cc]! * nP;
      // The council's record: its largest shift, then each party's.
      const so = this.fShift + cc * (nP + 1);
      const i0 = cps[cc]!;
      const i1 = cps[cc + 1]!;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = i0; i < i1; i += 2) {
        r = ((a | 0) + (b | 0)) | 0;
        a = b ^ (b >>> 9);
        b = Math.imul(c, 9);
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = ((r | 0) + (d | 0)) | 0;
        c = ((c | 0) + (r | 0)) | 0;
        const j = cparties[i]!;
        const x = F[fNat + j]! + F[ro + j]! + F[to + j]! + sdCouncil * F[r >>> 20]!;
        F[so + 1 + j] = x;
        if (x > hi) hi = x;
        if (i + 1 < i1) {
          const j2 = cparties[i + 1]!;
          const x2 = F[fNat + j2]! + F[ro + j2]! + F[to + j2]! + sdCouncil * F[r & 0xfff]!;
          F[so + 1 + j2] = x2;
          if (x2 > hi) hi = x2;
        }
      }
      F[so] = hi;
    }
    r = ((a | 0) + (b | 0)) | 0;
    a = b ^ (b >>> 9);
    b = Math.imul(c, 9);
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    r = ((r | 0) + (d | 0)) | 0;
    c = ((c | 0) + (r | 0)) | 0;
    F[this.fPar + 7] = Math.exp(-this.sdClimate * F[r >>> 20]!);
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  /** Moves the seat whose state is at I[so4] to party np, faction nf, local party nl, keeping the counts at I[cnt]. */
  private setSeat(so4: number, cnt: number, np: number, nf: number, nl: number): void {
    const I = this.I;
    const nP = this.nP;
    const old = I[so4]!;
    const oldF = I[so4 + 1]!;
    if (old >= 0) I[cnt + old]! -= 1;
    if (oldF >= 0) I[cnt + nP + oldF]! -= 1;
    if (np >= 0) I[cnt + np]! += 1;
    if (nf >= 0) I[cnt + nP + nf]! += 1;
    I[so4] = np;
    I[so4 + 1] = nf;
    I[so4 + 2] = nl;
    I[so4 + 3] = this.deselIndex(np, nf, nl);
  }

  /** Phase 2: by-elections and defections between the previous poll and poll t. */
  hazards(st: Int32Array, t: number): void {
    const F = this.F;
    const I = this.I;
    const fBase = this.fBase;
    const fShares = this.fShares;
    const iSeat = this.iSeat;
    const iSlotRec = this.iSlotRec;
    const iPFS = this.iPFS;
    const iLSS = this.iLSS;
    const iLPO = this.iLPO;
    const iForced = this.iForced;
    const nForced = this.nForced;
    const nSeats = this.nSeats;
    const IND = this.IND;
    const sdWard = F[this.fPar + 2]!;
    const bit = 1 << t;
    const hAny = this.hazardAny[t]!;
    const invLog = this.hazardInvLog[t]!;
    const iSkip = this.iSkip + t * 4096;
    const defShare = this.defShare;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let r = 0;
    let forcedAt = t === 0 ? 0 : nForced;
    let s = -1;
    for (;;) {
      let seat: number;
      let byElection: boolean;
      if (forcedAt < nForced) {
        seat = I[iForced + forcedAt++]!;
        byElection = true;
      } else {
        if (hAny <= 0) break;
        if (hAny >= 1) s += 1;
        else {
          r = ((a | 0) + (b | 0)) | 0;
          a = b ^ (b >>> 9);
          b = Math.imul(c, 9);
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = ((r | 0) + (d | 0)) | 0;
          c = ((c | 0) + (r | 0)) | 0;
          const skip = I[iSkip + (r >>> 20)]!;
          s +=
            1 + (skip >= 0 ? skip : Math.floor(Math.log(((r >>> 0) + 1) * 2.3283064365386963e-10) * invLog));
        }
        if (s >= nSeats) break;
        seat = s;
        r = ((a | 0) + (b | 0)) | 0;
        a = b ^ (b >>> 9);
        b = Math.imul(c, 9);
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = ((r | 0) + (d | 0)) | 0;
        c = ((c | 0) + (r | 0)) | 0;
        byElection = (r >>> 0) * 2.3283064365386963e-10 >= defShare;
      }
      const so4 = iSeat + seat * 8;
      const sc = so4 + 4;
      if (!byElection) {
        const old = I[so4]!;
        if (old >= 0 && old !== IND && IND >= 0) this.setSeat(so4, I[sc]!, IND, -1, -1);
        continue;
      }
      // No by-election for a seat whose ordinary poll is this one: the poll fills it.
      if ((I[sc + 1]! & bit) !== 0) continue;
      const k0 = I[sc + 2]!;
      const k1 = I[sc + 3]!;
      let best = Number.NEGATIVE_INFINITY;
      let bk = k0;
      for (let k = k0; k < k1; k += 2) {
        r = ((a | 0) + (b | 0)) | 0;
        a = b ^ (b >>> 9);
        b = Math.imul(c, 9);
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = ((r | 0) + (d | 0)) | 0;
        c = ((c | 0) + (r | 0)) | 0;
        const v = F[fBase + k]! + F[I[iSlotRec + k * 3]!]! + sdWard * F[r >>> 20]!;
        if (v > best) {
          best = v;
          bk = k;
        }
        if (k + 1 < k1) {
          const v2 = F[fBase + k + 1]! + F[I[iSlotRec + k * 3 + 3]!]! + sdWard * F[r & 0xfff]!;
          if (v2 > best) {
            best = v2;
            bk = k + 1;
          }
        }
      }
      r = ((a | 0) + (b | 0)) | 0;
      a = b ^ (b >>> 9);
      b = Math.imul(c, 9);
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = ((r | 0) + (d | 0)) | 0;
      c = ((c | 0) + (r | 0)) | 0;
      const np = I[iSlotRec + bk * 3 + 1]!;
      const nl = I[iSlotRec + bk * 3 + 2]!;
      // The winner's faction from the local party's balance (drawFaction, over the flat arrays).
      let nf = -1;
      if (nl >= 0) {
        const lp = I[iLPO + nl]!;
        const f0 = I[iPFS + lp]!;
        const nFac = I[iPFS + lp + 1]! - f0;
        const base = fShares + I[iLSS + nl]!;
        let x = (r >>> 0) * 2.3283064365386963e-10;
        for (let i = 0; i < nFac; i++) {
          x -= F[base + i]!;
          if (x < 0) {
            nf = f0 + i;
            break;
          }
        }
      }
      this.setSeat(so4, I[sc]!, np, nf, nl);
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  /**
   * Phase 3: the poll: selections, then the election, in each ward with seats up. One ward's candidate values
   * are F[4096 + k] (NORMAL_TABLE_SIZE + k) and its winners I[0 .. nUp - 1], as slot-record offsets.
   */
  poll(st: Int32Array, t: number): void {
    const F = this.F;
    const I = this.I;
    const nP = this.nP;
    const IND = this.IND;
    const fShares = this.fShares;
    const fE = this.fE;
    const iPFS = this.iPFS;
    const iLSS = this.iLSS;
    const iDS = this.iDS;
    const fPar = this.fPar;
    const pRet = F[fPar]!;
    const invKeep = F[fPar + 1]!;
    const sdWard = F[fPar + 2]!;
    const sdCand = F[fPar + 3]!;
    // Noise of sd s moves a value by at most Z_MAX * s: a contest decided by more than that needs no draw.
    const wardReach = F[fPar + 4]!;
    const candReach = F[fPar + 5]!;
    const blockReach = F[fPar + 6]!;
    const climateFactor = F[fPar + 7]!;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let r = 0;
    let u = 0;
    const o1 = this.iInfo + this.l.upWardStart[t + 1]! * 8;
    for (let o = this.iInfo + this.l.upWardStart[t]! * 8; o < o1; o += 8) {
      const proportional = I[o]! === 1;
      const cnt = I[o + 1]!;
      const shiftRec = I[o + 2]!;
      const up = I[o + 3]!;
      const nUp = I[o + 4]!;
      const bOff = I[o + 5]!;
      const sOff = I[o + 6]!;
      const nK = I[o + 7]!;

      // Selection: each sitting councillor retires, is deselected (bit j of deselM) or stands (bit j of standM).
      let standM = 0;
      let deselM = 0;
      for (let j = 0; j < nUp; j++) {
        const us = I[up + j]!;
        const so4 = us & 0x0fffffff;
        const p = I[so4]!;
        if (p < 0) continue;
        const dx = I[so4 + 3]!;
        const rec = us >>> 28;
        // A recorded selection applies while its councillor still holds the seat (FRESH, bit 30).
        if (rec !== 0 && (dx & 0x40000000) !== 0) {
          if (rec === RECORDED.deselected) deselM |= 1 << j;
          else if (rec === RECORDED.reselected) standM |= 1 << j;
          continue;
        }
        r = ((a | 0) + (b | 0)) | 0;
        a = b ^ (b >>> 9);
        b = Math.imul(c, 9);
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = ((r | 0) + (d | 0)) | 0;
        c = ((c | 0) + (r | 0)) | 0;
        u = (r >>> 0) * 2.3283064365386963e-10;
        if (u < pRet) continue;
        if (p === IND) {
          standM |= 1 << j;
          continue;
        }
        u = (u - pRet) * invKeep;
        if (u * F[fE + (dx & 0x3fffffff)]! * climateFactor < 1 - u) deselM |= 1 << j;
        else standM |= 1 << j;
      }

      // Election. Slots come sorted by base share and no party's shift on this council exceeds the record's
      // first value: once a slot's base plus that falls short of the leader so far by more than the noise's
      // reach (and a margin for rounding), it and every later slot can win nothing, except under proportional
      // allocation.
      const reach = nUp > 1 ? blockReach : wardReach;
      const cutFromTop = proportional ? Number.POSITIVE_INFINITY : F[shiftRec]! + reach + 1e-9;
      let nIn = 0;
      let top = 0;
      let topV = Number.NEGATIVE_INFINITY;
      let second = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < nK; k++) {
        const base = F[bOff + k]!;
        if (base < topV - cutFromTop) break;
        const v = base + F[I[sOff + k * 3]!]!;
        F[4096 + k] = v;
        nIn++;
        if (v > topV) {
          second = topV;
          topV = v;
          top = k;
        } else if (v > second) second = v;
      }
      if (proportional && nK > 1) {
        // D'Hondt on the shares stands in for STV's transfers. The quotient share / (seats won + 1) is compared
        // on the log scale, value - ln(seats won + 1), from a table of logarithms: no exp per candidate.
        const iWon = this.iWon;
        const fLn = this.fLn;
        for (let k = 0; k < nIn; k += 2) {
          r = ((a | 0) + (b | 0)) | 0;
          a = b ^ (b >>> 9);
          b = Math.imul(c, 9);
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = ((r | 0) + (d | 0)) | 0;
          c = ((c | 0) + (r | 0)) | 0;
          F[4096 + k] = F[4096 + k]! + sdWard * F[r >>> 20]!;
          I[iWon + k] = 0;
          if (k + 1 < nIn) {
            F[4096 + k + 1] = F[4096 + k + 1]! + sdWard * F[r & 0xfff]!;
            I[iWon + k + 1] = 0;
          }
        }
        for (let i = 0; i < nUp; i++) {
          let bk = 0;
          let bq = Number.NEGATIVE_INFINITY;
          for (let k = 0; k < nIn; k++) {
            const q = F[4096 + k]! - F[fLn + I[iWon + k]! + 1]!;
            if (q > bq) {
              bq = q;
              bk = k;
            }
          }
          I[iWon + bk]! += 1;
          I[i] = sOff + bk * 3;
        }
      } else if (nIn === 1 || topV - second > reach) {
        // Decided before the noise: no draw can change the winner.
        for (let i = 0; i < nUp; i++) I[i] = sOff + top * 3;
      } else {
        // Ward noise for the parties in reach of the leader.
        const floor = topV - wardReach - (nUp > 1 ? candReach : 0);
        let best = Number.NEGATIVE_INFINITY;
        let runnerUp = Number.NEGATIVE_INFINITY;
        let bk = top;
        let odd = false;
        for (let k = 0; k < nIn; k++) {
          const v0 = F[4096 + k]!;
          if (v0 < floor) {
            F[4096 + k] = Number.NEGATIVE_INFINITY;
            continue;
          }
          if (!odd) {
            r = ((a | 0) + (b | 0)) | 0;
            a = b ^ (b >>> 9);
            b = Math.imul(c, 9);
            c = (c << 21) | (c >>> 11);
            d = (d + 1) | 0;
            r = ((r | 0) + (d | 0)) | 0;
            c = ((c | 0) + (r | 0)) | 0;
            u = F[r >>> 20]!;
          } else u = F[r & 0xfff]!;
          odd = !odd;
          const v = v0 + sdWard * u;
          F[4096 + k] = v;
          if (v > best) {
            runnerUp = best;
            best = v;
            bk = k;
          } else if (v > runnerUp) runnerUp = v;
        }
        if (nUp === 1 || best - runnerUp > candReach) {
          for (let i = 0; i < nUp; i++) I[i] = sOff + bk * 3;
        } else {
          // Block vote: each party close to the leader runs nUp candidates around its share; the top nUp win.
          const fCand = this.fCand;
          const iSlot = this.iSlotScratch;
          const near = best - candReach;
          let n = 0;
          for (let k = 0; k < nIn; k++) {
            const v = F[4096 + k]!;
            if (v < near) continue;
            for (let i = 0; i < nUp; i++) {
              if (!odd) {
                r = ((a | 0) + (b | 0)) | 0;
                a = b ^ (b >>> 9);
                b = Math.imul(c, 9);
                c = (c << 21) | (c >>> 11);
                d = (d + 1) | 0;
                r = ((r | 0) + (d | 0)) | 0;
                c = ((c | 0) + (r | 0)) | 0;
                u = F[r >>> 20]!;
              } else u = F[r & 0xfff]!;
              odd = !odd;
              F[fCand + n] = v + sdCand * u;
              I[iSlot + n] = k;
              n++;
            }
          }
          for (let i = 0; i < nUp; i++) {
            let bi = 0;
            for (let x = 1; x < n; x++) if (F[fCand + x]! > F[fCand + bi]!) bi = x;
            F[fCand + bi] = Number.NEGATIVE_INFINITY;
            I[i] = sOff + I[iSlot + bi]! * 3;
          }
        }
      }

      // Standing councillors whose party won a seat keep theirs; the other seats go to newcomers.
      if (nUp === 1 && standM === 1 && I[I[0]! + 1] === I[I[up]! & 0x0fffffff]) continue;
      let usedM = 0;
      let keptM = 0;
      for (let j = 0; j < nUp; j++) {
        if (((standM >>> j) & 1) === 0) continue;
        const p = I[I[up + j]! & 0x0fffffff]!;
        for (let i = 0; i < nUp; i++) {
          if (((usedM >>> i) & 1) === 0 && I[I[i]! + 1] === p) {
            usedM |= 1 << i;
            keptM |= 1 << j;
            break;
          }
        }
      }
      let next = 0;
      for (let j = 0; j < nUp; j++) {
        if (((keptM >>> j) & 1) === 1) continue;
        const so4 = I[up + j]! & 0x0fffffff;
        while (((usedM >>> next) & 1) === 1) next++;
        usedM |= 1 << next;
        const w = I[next]!;
        const np = I[w + 1]!;
        const nl = I[w + 2]!;
        const old = I[so4]!;
        const oldF = I[so4 + 1]!;
        let nf = -1;
        let e = 1;
        if (nl >= 0) {
          r = ((a | 0) + (b | 0)) | 0;
          a = b ^ (b >>> 9);
          b = Math.imul(c, 9);
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = ((r | 0) + (d | 0)) | 0;
          c = ((c | 0) + (r | 0)) | 0;
          // The newcomer's faction from the local party's balance, leaving out a deselected councillor's own.
          const f0 = I[iPFS + np]!;
          const nFac = I[iPFS + np + 1]! - f0;
          const base = fShares + I[iLSS + nl]!;
          const excl = ((deselM >>> j) & 1) === 1 && old === np ? oldF : -1;
          let x = (r >>> 0) * 2.3283064365386963e-10;
          if (excl >= 0) x *= 1 - F[base + excl - f0]!;
          for (let i = 0; i < nFac; i++) {
            if (f0 + i === excl) continue;
            x -= F[base + i]!;
            if (x < 0) {
              nf = f0 + i;
              break;
            }
          }
          e = 2 + I[iDS + nl]! + (nf < 0 ? nFac : nf - f0);
        }
        if (old >= 0) I[cnt + old]! -= 1;
        if (oldF >= 0) I[cnt + nP + oldF]! -= 1;
        I[cnt + np]! += 1;
        if (nf >= 0) I[cnt + nP + nf]! += 1;
        I[so4] = np;
        I[so4 + 1] = nf;
        I[so4 + 2] = nl;
        I[so4 + 3] = e;
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
    const I = this.I;
    const iCP = this.iCP;
    const iCF = this.iCF;
    const cps = m.councilPartyStart;
    const cfs = l.councilFactionStart;
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
        const o = iCP + i * 2;
        const n = I[I[o]!]!;
        obs[base + i] = n;
        if (n >= thr && I[o + 1]! >= 0) {
          maj = I[o + 1]!;
          majority[t * nCP + i]! += 1;
        }
      }
      if (maj >= 0) partyMajorities[maj]! += 1;
      let runner = -1;
      const f1 = cfs[cc + 1]!;
      for (let i = cfs[cc]!; i < f1; i++) {
        const o = iCF + i * 4;
        const n = I[I[o]!]!;
        obs[base + nCP + i] = n;
        if (2 * n > I[I[o + 1]!]!) {
          controlsGroup[t * nCF + i]! += 1;
          if (I[o + 3] === maj) {
            const f = I[o + 2]!;
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

  /** Records the run's state after a poll. */
  trace(trace: SimulationTrace): void {
    const I = this.I;
    const field = (k: number) =>
      Int32Array.from({ length: this.nSeats }, (_, s) => I[this.iSeat + s * 8 + k]!);
    trace.seatParty.push(field(0));
    trace.seatFaction.push(field(1));
    trace.seatLocal.push(field(2));
    trace.national.push(this.F.slice(this.fNat, this.fReg));
    trace.regional.push(this.F.slice(this.fReg, this.fTyp));
    trace.councilType.push(this.F.slice(this.fTyp, this.fEnd));
  }
}

/** The last simulator made, reused while the same model, layout and parameters come back (a worker's blocks). */
let lastSimulator: Simulator | null = null;

function simulatorFor(m: ForecastModel, l: ModelLayout, params: ForecastParameters): Simulator {
  const s = lastSimulator;
  if (s !== null && s.m === m && s.l === l && s.params === params) {
    s.buffered = 0;
    return s;
  }
  lastSimulator = new Simulator(m, l, params);
  return lastSimulator;
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
  const sim = simulatorFor(m, l, params);
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

/**
 * The random draws (32-bit words) that runs [runFrom, runTo) take from their generators, summed: sfc32's
 * fourth word counts its steps. For the benchmark's "same shape" kernel, which must draw as the model does.
 */
export function countDraws(
  m: ForecastModel,
  l: ModelLayout,
  params: ForecastParameters,
  seed: number,
  runFrom: number,
  runTo: number,
): number {
  const sim = simulatorFor(m, l, params);
  const tally = emptyTally(m, l);
  const st = new Int32Array(4);
  let draws = 0;
  for (let run = runFrom; run < runTo; run++) {
    runState(seed, run, st);
    const d0 = st[3]!;
    sim.startRun();
    for (let t = 0; t < m.nPolls; t++) {
      sim.swings(st, t);
      sim.hazards(st, t);
      sim.poll(st, t);
      sim.count(t, 0, tally, false);
    }
    draws += (st[3]! - d0) >>> 0;
  }
  sim.buffered = 0;
  return draws;
}
