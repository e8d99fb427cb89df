/**
 * The Monte Carlo kernel: simulates runs [runFrom, runTo) of the forecast model and adds what happened into
 * a tally. Each run has its own sfc32 stream derived from (seed, run index) alone, so the same seed gives the
 * same tally however the runs are split across threads. The generator's state lives in four local integers
 * and each draw is written out inline: no allocation, no closure, no call per draw in the hot loops.
 *
 * One run, per poll t (docs/forecast.md has the model in full):
 * 1. swings: national (Student-t random walk per party), regional and council-type (normal random walks),
 *    council (independent) shifts on the log-share scale, and one selection-climate shock;
 * 2. between polls: by-elections and defections, drawn by skipping geometrically to the next affected seat
 *    (the cost follows the number of events, not the number of seats);
 * 3. at the poll, for each ward with seats up: selection (retire, deselected, or stands) for each sitting
 *    councillor, then the election (ward noise shared by the ward's seats; first past the post, block vote
 *    with candidate noise, or D'Hondt for STV councils), then the new holders' factions;
 * 4. the tally: seats by party and faction, majorities, group control, faction-run councils, national counts.
 */
import {
  type ForecastModel,
  type ForecastParameters,
  type ForecastTally,
  type ModelLayout,
  RECORDED,
} from './forecast.model.js';
import { NORMAL_TABLE } from './normal.math.js';

const INV32 = 2.3283064365386963e-10;

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

/** The initial sfc32 state of run `run` under `seed`: distinct runs get distinct states (fmix32 is a bijection). */
export function runState(seed: number, run: number, out: Int32Array): void {
  out[0] = fmix32((seed >>> 0) ^ 0x6a09e667);
  out[1] = fmix32((run >>> 0) ^ 0x3c6ef372);
  out[2] = fmix32(((seed >>> 0) + Math.imul(run >>> 0, 0x9e3779b9)) | 0);
  out[3] = 1;
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
 * (the party's factions, then unaligned): the deselection test is then u * e * exp(-climate) < 1 - u.
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
        params.deselectionIntercept + params.deselectionSlope * opposing + params.deselectionGrowthSlope * growth;
      values[start[l]! + k] = Math.exp(-x);
    }
  }
  return { start, values };
}

/**
 * Simulates runs [runFrom, runTo) and adds them into `tally`. `pathways`, when given, receives one control
 * code per run and council (run-major); `trace`, when given, records the state after each poll (meant for a
 * single run).
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
  const NT = NORMAL_TABLE;
  const nSeats = m.nSeats;
  const nP = m.nParties;
  const nF = m.nFactions;
  const nC = m.nCouncils;
  const nPolls = m.nPolls;
  const IND = m.independent;
  const seatUp = m.seatUp;
  const seatWard = m.seatWard;
  const wardCouncil = m.wardCouncil;
  const wardCandStart = m.wardCandStart;
  const candParty = m.candParty;
  const candBase = m.candBase;
  const candLocal = m.candLocal;
  const councilPartyStart = m.councilPartyStart;
  const councilParties = m.councilParties;
  const councilRegion = m.councilRegion;
  const councilType = m.councilType;
  const councilProportional = m.councilProportional;
  const councilThreshold = m.councilThreshold;
  const factionParty = m.factionParty;
  const partyFactionStart = m.partyFactionStart;
  const seatRecorded = m.seatRecorded;
  const seatFirstUp = l.seatFirstUp;
  const upWardStart = l.upWardStart;
  const upWards = l.upWards;
  const upSeatStart = l.upSeatStart;
  const upSeats = l.upSeats;
  const councilFactionStart = l.councilFactionStart;
  const councilFactions = l.councilFactions;
  const cpHistOffset = l.cpHistOffset;
  const cfHistOffset = l.cfHistOffset;
  const histPerPoll = l.histPerPoll;
  const fHistPerPoll = l.factionHistPerPoll;
  const nCP = l.nCouncilParties;
  const nCF = l.nCouncilFactions;
  const pathwayBits = l.pathwayBits;
  const pathwayPolls = pathways ? l.pathwayPolls : 0;

  const sdNat = params.nationalSwingSd;
  const nu = params.swingDegreesOfFreedom;
  const tScale = Math.sqrt((nu - 2) / nu);
  const halfNu = nu >> 1;
  const sdReg = params.regionalSwingSd;
  const sdType = params.councilTypeSwingSd;
  const sdCouncil = params.councilSwingSd;
  const sdWard = params.wardNoiseSd;
  const sdCand = params.candidateNoiseSd;
  const pRet = params.retirementProbability;
  const invKeep = pRet < 1 ? 1 / (1 - pRet) : 0;
  const sdClimate = params.selectionClimateSd;
  const desel = deselectionTable(m, params);
  const deselStart = desel.start;
  const deselValues = desel.values;
  const deselNoLocal = Math.exp(-params.deselectionIntercept);

  // Hazards between polls: P(any event) and the share of events that are defections, per poll interval.
  const hazardInvLog = new Float64Array(nPolls);
  const hazardAny = new Float64Array(nPolls);
  const defShare = params.defectionRate + params.byElectionRate > 0
    ? params.defectionRate / (params.defectionRate + params.byElectionRate)
    : 0;
  const sqrtDt = new Float64Array(nPolls);
  for (let t = 0; t < nPolls; t++) {
    const dt = m.pollYears[t]! - (t === 0 ? 0 : m.pollYears[t - 1]!);
    sqrtDt[t] = Math.sqrt(dt);
    const h = 1 - (1 - params.defectionRate - params.byElectionRate) ** dt;
    hazardAny[t] = h;
    hazardInvLog[t] = h > 0 && h < 1 ? 1 / Math.log(1 - h) : 0;
  }
  const forced: number[] = [];
  for (let s = 0; s < nSeats; s++) if (m.seatParty[s]! < 0 && (seatUp[s]! & 1) === 0) forced.push(s);
  const nForced = forced.length;
  const forcedSeats = Int32Array.from(forced);

  const party = new Int32Array(nSeats);
  const faction = new Int32Array(nSeats);
  const local = new Int32Array(nSeats);
  const fresh = new Uint8Array(nSeats);
  const stand = new Uint8Array(nSeats);
  const deselected = new Uint8Array(nSeats);
  const partyCount = new Int32Array(nC * nP);
  const factionCount = new Int32Array(Math.max(1, nC * nF));
  const nat = new Float64Array(nP);
  const reg = new Float64Array(m.nRegions * nP);
  const typ = new Float64Array(m.nTypes * nP);
  const shift = new Float64Array(nC * nP);
  const maxUp = l.maxUp;
  const maxCands = l.maxCands;
  const value = new Float64Array(maxCands);
  const candValue = new Float64Array(maxCands * maxUp);
  const won = new Int32Array(maxCands);
  const winners = new Int32Array(maxUp);
  const used = new Uint8Array(maxUp);
  const kept = new Uint8Array(maxUp);
  const factionRuns = new Int32Array(Math.max(1, nF));
  const partyMajorities = new Int32Array(nP);
  const code = new Uint32Array(nC);
  const st = new Int32Array(4);

  const seatHist = tally.seatHist;
  const factionHist = tally.factionHist;
  const majority = tally.majority;
  const controlsGroup = tally.controlsGroup;
  const runsCouncil = tally.runsCouncil;
  const natFR = tally.nationalFactionRuns;
  const natPM = tally.nationalPartyMajorities;

  for (let run = runFrom; run < runTo; run++) {
    runState(seed, run, st);
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    let r = 0;
    let u = 0;
    for (let i = 0; i < 12; i++) {
      r = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = (r + d) | 0;
      c = (c + r) | 0;
    }

    party.set(m.seatParty);
    faction.set(m.seatFaction);
    local.set(m.seatLocal);
    fresh.fill(1);
    partyCount.fill(0);
    factionCount.fill(0);
    for (let s = 0; s < nSeats; s++) {
      const p = party[s]!;
      if (p < 0) continue;
      const cc = wardCouncil[seatWard[s]!]!;
      partyCount[cc * nP + p]! += 1;
      const f = faction[s]!;
      if (f >= 0) factionCount[cc * nF + f]! += 1;
    }
    nat.fill(0);
    reg.fill(0);
    typ.fill(0);
    code.fill(0);

    for (let t = 0; t < nPolls; t++) {
      const bit = 1 << t;
      const sdt = sqrtDt[t]!;

      // 1. Swings. National steps are Student-t: z / sqrt(chi2 / nu), chi2 with nu = 2k drawn as -2 ln(U1..Uk).
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
        const z = NT[r >>> 16]! ;
        nat[j]! += sdNat * sdt * tScale * z / Math.sqrt((-2 * Math.log(prod)) / nu);
      }
      for (let i = 0; i < reg.length; i += 2) {
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        reg[i]! += sdReg * sdt * NT[r >>> 16]!;
        if (i + 1 < reg.length) reg[i + 1]! += sdReg * sdt * NT[r & 0xffff]!;
      }
      for (let i = 0; i < typ.length; i += 2) {
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        typ[i]! += sdType * sdt * NT[r >>> 16]!;
        if (i + 1 < typ.length) typ[i + 1]! += sdType * sdt * NT[r & 0xffff]!;
      }
      for (let cc = 0; cc < nC; cc++) {
        const ro = councilRegion[cc]! * nP;
        const to = councilType[cc]! * nP;
        const i1 = councilPartyStart[cc + 1]!;
        for (let i = councilPartyStart[cc]!; i < i1; i++) {
          const j = councilParties[i]!;
          if (((i - councilPartyStart[cc]!) & 1) === 0) {
            r = (a + b) | 0;
            a = b ^ (b >>> 9);
            b = (c + (c << 3)) | 0;
            c = (c << 21) | (c >>> 11);
            d = (d + 1) | 0;
            r = (r + d) | 0;
            c = (c + r) | 0;
            u = NT[r >>> 16]!;
          } else u = NT[r & 0xffff]!;
          shift[cc * nP + j] = nat[j]! + reg[ro + j]! + typ[to + j]! + sdCouncil * u;
        }
      }
      r = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      r = (r + d) | 0;
      c = (c + r) | 0;
      const climateFactor = Math.exp(-sdClimate * NT[r >>> 16]!);

      // 2. By-elections and defections before the poll; vacancies at the start are filled at once.
      const hAny = hazardAny[t]!;
      const invLog = hazardInvLog[t]!;
      let forcedAt = t === 0 ? 0 : nForced;
      let s = -1;
      for (;;) {
        let seat: number;
        let byElection: boolean;
        if (forcedAt < nForced) {
          seat = forcedSeats[forcedAt++]!;
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
        const oldF = faction[seat]!;
        if (!byElection) {
          if (old < 0 || old === IND || IND < 0) continue;
          partyCount[cc * nP + old]! -= 1;
          partyCount[cc * nP + IND]! += 1;
          if (oldF >= 0) factionCount[cc * nF + oldF]! -= 1;
          party[seat] = IND;
          faction[seat] = -1;
          local[seat] = -1;
          fresh[seat] = 0;
          continue;
        }
        if ((seatUp[seat]! & bit) !== 0) continue;
        const k0 = wardCandStart[w]!;
        const k1 = wardCandStart[w + 1]!;
        let best = Number.NEGATIVE_INFINITY;
        let bk = k0;
        for (let k = k0; k < k1; k++) {
          if (((k - k0) & 1) === 0) {
            r = (a + b) | 0;
            a = b ^ (b >>> 9);
            b = (c + (c << 3)) | 0;
            c = (c << 21) | (c >>> 11);
            d = (d + 1) | 0;
            r = (r + d) | 0;
            c = (c + r) | 0;
            u = NT[r >>> 16]!;
          } else u = NT[r & 0xffff]!;
          const v = candBase[k]! + shift[cc * nP + candParty[k]!]! + sdWard * u;
          if (v > best) {
            best = v;
            bk = k;
          }
        }
        r = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        r = (r + d) | 0;
        c = (c + r) | 0;
        const np = candParty[bk]!;
        const nl = candLocal[bk]!;
        const nf = drawFaction(m, nl, -1, (r >>> 0) * INV32);
        if (old >= 0) partyCount[cc * nP + old]! -= 1;
        if (oldF >= 0) factionCount[cc * nF + oldF]! -= 1;
        partyCount[cc * nP + np]! += 1;
        if (nf >= 0) factionCount[cc * nF + nf]! += 1;
        party[seat] = np;
        faction[seat] = nf;
        local[seat] = nl;
        fresh[seat] = 0;
      }

      // 3. The poll: selections, then the election, ward by ward.
      const iw1 = upWardStart[t + 1]!;
      for (let iw = upWardStart[t]!; iw < iw1; iw++) {
        const w = upWards[iw]!;
        const cc = wardCouncil[w]!;
        const j0 = upSeatStart[iw]!;
        const j1 = upSeatStart[iw + 1]!;
        const nUp = j1 - j0;
        for (let j = j0; j < j1; j++) {
          const seat = upSeats[j]!;
          const p = party[seat]!;
          stand[seat] = 0;
          deselected[seat] = 0;
          if (p < 0) continue;
          const rec = fresh[seat] === 1 && seatFirstUp[seat] === t ? seatRecorded[seat]! : 0;
          if (rec === RECORDED.retiring) continue;
          if (rec === RECORDED.deselected) {
            deselected[seat] = 1;
            continue;
          }
          if (rec === RECORDED.reselected) {
            stand[seat] = 1;
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
            stand[seat] = 1;
            continue;
          }
          u = (u - pRet) * invKeep;
          const lp = local[seat]!;
          let e = deselNoLocal;
          if (lp >= 0) {
            const f = faction[seat]!;
            const f0 = partyFactionStart[p]!;
            e = deselValues[deselStart[lp]! + (f < 0 ? partyFactionStart[p + 1]! - f0 : f - f0)]!;
          }
          if (u * e * climateFactor < 1 - u) deselected[seat] = 1;
          else stand[seat] = 1;
        }

        const k0 = wardCandStart[w]!;
        const k1 = wardCandStart[w + 1]!;
        const nK = k1 - k0;
        for (let k = k0; k < k1; k++) {
          if (((k - k0) & 1) === 0) {
            r = (a + b) | 0;
            a = b ^ (b >>> 9);
            b = (c + (c << 3)) | 0;
            c = (c << 21) | (c >>> 11);
            d = (d + 1) | 0;
            r = (r + d) | 0;
            c = (c + r) | 0;
            u = NT[r >>> 16]!;
          } else u = NT[r & 0xffff]!;
          value[k - k0] = candBase[k]! + shift[cc * nP + candParty[k]!]! + sdWard * u;
        }
        if (nUp === 1 || nK === 1) {
          let bk = 0;
          for (let k = 1; k < nK; k++) if (value[k]! > value[bk]!) bk = k;
          for (let i = 0; i < nUp; i++) winners[i] = k0 + bk;
        } else if (councilProportional[cc] === 1) {
          // D'Hondt on the shares stands in for STV's transfers.
          let max = value[0]!;
          for (let k = 1; k < nK; k++) if (value[k]! > max) max = value[k]!;
          for (let k = 0; k < nK; k++) {
            value[k] = Math.exp(value[k]! - max);
            won[k] = 0;
          }
          for (let i = 0; i < nUp; i++) {
            let bk = 0;
            let bq = -1;
            for (let k = 0; k < nK; k++) {
              const q = value[k]! / (won[k]! + 1);
              if (q > bq) {
                bq = q;
                bk = k;
              }
            }
            won[bk]! += 1;
            winners[i] = k0 + bk;
          }
        } else {
          // Block vote: each party runs nUp candidates around its share; the top nUp candidates win.
          const n = nK * nUp;
          for (let i = 0; i < n; i++) {
            if ((i & 1) === 0) {
              r = (a + b) | 0;
              a = b ^ (b >>> 9);
              b = (c + (c << 3)) | 0;
              c = (c << 21) | (c >>> 11);
              d = (d + 1) | 0;
              r = (r + d) | 0;
              c = (c + r) | 0;
              u = NT[r >>> 16]!;
            } else u = NT[r & 0xffff]!;
            candValue[i] = value[(i / nUp) | 0]! + sdCand * u;
          }
          for (let i = 0; i < nUp; i++) {
            let bi = 0;
            for (let x = 1; x < n; x++) if (candValue[x]! > candValue[bi]!) bi = x;
            candValue[bi] = Number.NEGATIVE_INFINITY;
            winners[i] = k0 + ((bi / nUp) | 0);
          }
        }

        // Standing councillors whose party won a seat keep theirs; the other seats go to newcomers.
        for (let i = 0; i < nUp; i++) used[i] = 0;
        for (let j = j0; j < j1; j++) {
          const seat = upSeats[j]!;
          kept[j - j0] = 0;
          if (stand[seat] === 0) continue;
          const p = party[seat]!;
          for (let i = 0; i < nUp; i++) {
            if (used[i] === 0 && candParty[winners[i]!] === p) {
              used[i] = 1;
              kept[j - j0] = 1;
              break;
            }
          }
        }
        let next = 0;
        for (let j = j0; j < j1; j++) {
          if (kept[j - j0] === 1) continue;
          const seat = upSeats[j]!;
          while (used[next] === 1) next++;
          used[next] = 1;
          const k = winners[next]!;
          const np = candParty[k]!;
          const nl = candLocal[k]!;
          const old = party[seat]!;
          const oldF = faction[seat]!;
          r = (a + b) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (c << 21) | (c >>> 11);
          d = (d + 1) | 0;
          r = (r + d) | 0;
          c = (c + r) | 0;
          const excl = deselected[seat] === 1 && old === np ? oldF : -1;
          const nf = drawFaction(m, nl, excl, (r >>> 0) * INV32);
          if (old >= 0) partyCount[cc * nP + old]! -= 1;
          if (oldF >= 0) factionCount[cc * nF + oldF]! -= 1;
          partyCount[cc * nP + np]! += 1;
          if (nf >= 0) factionCount[cc * nF + nf]! += 1;
          party[seat] = np;
          faction[seat] = nf;
          local[seat] = nl;
          fresh[seat] = 0;
        }
      }

      // 4. The tally.
      const ho = t * histPerPoll;
      const fo = t * fHistPerPoll;
      for (let f = 0; f < nF; f++) factionRuns[f] = 0;
      for (let j = 0; j < nP; j++) partyMajorities[j] = 0;
      for (let cc = 0; cc < nC; cc++) {
        const thr = councilThreshold[cc]!;
        let maj = -1;
        const i1 = councilPartyStart[cc + 1]!;
        for (let i = councilPartyStart[cc]!; i < i1; i++) {
          const j = councilParties[i]!;
          const n = partyCount[cc * nP + j]!;
          seatHist[ho + cpHistOffset[i]! + n]! += 1;
          if (n >= thr && j !== IND) {
            maj = j;
            majority[t * nCP + i]! += 1;
          }
        }
        if (maj >= 0) partyMajorities[maj]! += 1;
        let runner = -1;
        const f1 = councilFactionStart[cc + 1]!;
        for (let i = councilFactionStart[cc]!; i < f1; i++) {
          const f = councilFactions[i]!;
          const n = factionCount[cc * nF + f]!;
          factionHist[fo + cfHistOffset[i]! + n]! += 1;
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
        if (t < pathwayPolls) {
          const state = runner >= 0 ? runner : maj >= 0 ? nF + maj : nF + nP;
          code[cc] = code[cc]! | (state << (pathwayBits * t));
        }
      }
      for (let f = 0; f < nF; f++) natFR[(t * nF + f) * (nC + 1) + factionRuns[f]!]! += 1;
      for (let j = 0; j < nP; j++) natPM[(t * nP + j) * (nC + 1) + partyMajorities[j]!]! += 1;

      if (trace) {
        trace.seatParty.push(party.slice());
        trace.seatFaction.push(faction.slice());
        trace.seatLocal.push(local.slice());
        trace.national.push(nat.slice());
        trace.regional.push(reg.slice());
        trace.councilType.push(typ.slice());
      }
    }
    if (pathways && pathwayPolls > 0) pathways.set(code, (run - runFrom) * nC);
    tally.runs += 1;
  }
}
