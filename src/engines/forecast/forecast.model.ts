/**
 * The forecast engine's input: a registry compiled into typed arrays (councils, wards, seats, candidate
 * parties, local parties and their faction balance), and the model's parameters with their defaults.
 * Plain data only, so a model can be copied to worker threads and saved beside its results.
 */
import { InvalidInputError } from '../../domain/errors.js';

/** Facts recorded about a sitting councillor's selection for the seat's next poll. */
export const RECORDED = { none: 0, retiring: 1, deselected: 2, reselected: 3 } as const;

/**
 * Everything the simulation reads. Indexes are dense from 0; "-1" means none (a vacant seat's party, an
 * unaligned councillor's faction, a ward with no local party). Seats are grouped by ward and wards by council.
 */
export interface ForecastModel {
  nPolls: number;
  /** Years from the as-of day to each poll, strictly increasing. */
  pollYears: Float64Array;
  nParties: number;
  /** The index standing for independents (no party): never a majority party; -1 if none. */
  independent: number;
  nFactions: number;
  /** Party of each faction; factions are sorted by party. */
  factionParty: Int32Array;
  /** Factions of party p are partyFactionStart[p] .. partyFactionStart[p+1]-1. */
  partyFactionStart: Int32Array;
  nRegions: number;
  nTypes: number;
  nCouncils: number;
  /** Seats on each council, vacancies included (as in law). */
  councilSeats: Int32Array;
  councilThreshold: Int32Array;
  councilRegion: Int32Array;
  councilType: Int32Array;
  /** 1 where seats are allocated proportionally (single transferable vote, approximated by D'Hondt). */
  councilProportional: Uint8Array;
  /** Parties that may hold a seat on council c: councilParties[councilPartyStart[c] .. [c+1]-1]. */
  councilPartyStart: Int32Array;
  councilParties: Int32Array;
  nWards: number;
  wardCouncil: Int32Array;
  /** Seats of ward w are wardSeatStart[w] .. wardSeatStart[w+1]-1. */
  wardSeatStart: Int32Array;
  /** Candidate parties of ward w are candidate slots wardCandStart[w] .. wardCandStart[w+1]-1. */
  wardCandStart: Int32Array;
  candParty: Int32Array;
  /** Log vote share of the slot's party in the ward at its last contest (the baseline before any swing); a ward's slots are in descending order of it. */
  candBase: Float64Array;
  /** The local party that selects the slot's candidates; -1 for parties without factions. */
  candLocal: Int32Array;
  nSeats: number;
  seatWard: Int32Array;
  /** Holder's party on the as-of day; -1 for a vacant seat. */
  seatParty: Int32Array;
  /** Holder's faction; -1 unaligned or vacant. */
  seatFaction: Int32Array;
  /** The local party that selects the holder; -1 when none. */
  seatLocal: Int32Array;
  /** Bit t is set when the seat is up at ordinary poll t. */
  seatUp: Uint32Array;
  /** RECORDED value for the seat's first poll in the horizon. */
  seatRecorded: Uint8Array;
  nLocals: number;
  localPartyOf: Int32Array;
  /** Membership shares of the local party's factions, in the order of its party's factions; the rest is unaligned. */
  localShares: Float64Array;
  /** localShares index of local l's first faction (its party's first faction). */
  localShareStart: Int32Array;
  /** Membership growth beyond the national trend over the past year (log scale; 0 when unremarkable). */
  localGrowth: Float64Array;
}

export interface ForecastParameters {
  /** Standard deviation per year of the national random walk in each party's log vote share. */
  nationalSwingSd: number;
  /** Degrees of freedom of the Student-t that national steps follow (fat tails); an even integer, 4 to 60. */
  swingDegreesOfFreedom: number;
  /** Standard deviation per year of each region's own random walk, per party. */
  regionalSwingSd: number;
  /** Standard deviation per year of each council type's own random walk, per party. */
  councilTypeSwingSd: number;
  /** Standard deviation of a council's own shift at a poll, per party. */
  councilSwingSd: number;
  /** Standard deviation of the ward's shift at a poll, per party, shared by all its seats up. */
  wardNoiseSd: number;
  /** Standard deviation of each candidate's own vote in a multi-member ward (splits close wards). */
  candidateNoiseSd: number;
  /** By-elections per seat per year (deaths, resignations, disqualifications). */
  byElectionRate: number;
  /** Defections (to sitting as an independent) per councillor per year. */
  defectionRate: number;
  /** Chance a sitting councillor stands down at their seat's poll. */
  retirementProbability: number;
  /** Deselection log-odds with no opposing faction, no surge and a neutral climate. */
  deselectionIntercept: number;
  /** Added log-odds per unit of the opposing faction's membership share. */
  deselectionSlope: number;
  /** Added log-odds per unit of membership growth beyond the national trend. */
  deselectionGrowthSlope: number;
  /** Standard deviation of the national selection-climate shock, one per poll year, in log-odds. */
  selectionClimateSd: number;
}

/** The defaults; docs/forecast.md gives the reasoning for each. */
export const DEFAULT_PARAMETERS: Readonly<ForecastParameters> = Object.freeze({
  nationalSwingSd: 0.12,
  swingDegreesOfFreedom: 4,
  regionalSwingSd: 0.05,
  councilTypeSwingSd: 0.04,
  councilSwingSd: 0.08,
  wardNoiseSd: 0.15,
  candidateNoiseSd: 0.04,
  byElectionRate: 0.012,
  defectionRate: 0.008,
  retirementProbability: 0.2,
  deselectionIntercept: -3.6,
  deselectionSlope: 3,
  deselectionGrowthSlope: 2,
  selectionClimateSd: 0.3,
});

type Rule = 'sd' | 'probability' | 'rate' | 'real' | 'dof';
const RULES: Record<keyof ForecastParameters, Rule> = {
  nationalSwingSd: 'sd',
  swingDegreesOfFreedom: 'dof',
  regionalSwingSd: 'sd',
  councilTypeSwingSd: 'sd',
  councilSwingSd: 'sd',
  wardNoiseSd: 'sd',
  candidateNoiseSd: 'sd',
  byElectionRate: 'rate',
  defectionRate: 'rate',
  retirementProbability: 'probability',
  deselectionIntercept: 'real',
  deselectionSlope: 'real',
  deselectionGrowthSlope: 'real',
  selectionClimateSd: 'sd',
};

export const PARAMETER_NAMES = Object.keys(RULES) as Array<keyof ForecastParameters>;

/**
 * Fills in defaults and checks every parameter, naming the bad one:
 * resolveParameters({ byElectionRate: -1 }) throws "byElectionRate: expected a rate from 0 to 1 per year".
 */
export function resolveParameters(
  overrides: Partial<Record<string, unknown>> = {},
  prefix = '',
): ForecastParameters {
  const out = { ...DEFAULT_PARAMETERS } as ForecastParameters;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const rule = RULES[key as keyof ForecastParameters];
    const where = `${prefix}${key}`;
    if (!rule) {
      throw new InvalidInputError(`unknown parameter; expected one of ${PARAMETER_NAMES.join(', ')}`, {
        where,
        rule: 'parameter',
      });
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidInputError(`expected a finite number, got ${JSON.stringify(value)}`, {
        where,
        rule: 'number',
      });
    }
    const bad =
      rule === 'sd'
        ? value < 0 || value > 5
          ? 'expected a standard deviation from 0 to 5'
          : null
        : rule === 'probability'
          ? value < 0 || value > 1
            ? 'expected a probability from 0 to 1'
            : null
          : rule === 'rate'
            ? value < 0 || value > 1
              ? 'expected a rate from 0 to 1 per year'
              : null
            : rule === 'dof'
              ? !Number.isInteger(value) || value % 2 !== 0 || value < 4 || value > 60
                ? 'expected an even integer from 4 to 60'
                : null
              : Math.abs(value) > 50
                ? 'expected a number from -50 to 50'
                : null;
    if (bad) throw new InvalidInputError(`${bad}, got ${value}`, { where, rule: `parameter-${rule}` });
    out[key as keyof ForecastParameters] = value;
  }
  if (out.byElectionRate + out.defectionRate >= 1) {
    throw new InvalidInputError('expected byElectionRate + defectionRate to be below 1 per year', {
      where: `${prefix}defectionRate`,
      rule: 'parameter-rate',
    });
  }
  return out;
}

/** Offsets into the tallies, derived from a model (the same on every thread). */
export interface ModelLayout {
  /** Council-party slots: councilPartyStart is the slot of council c's first listed party. */
  nCouncilParties: number;
  /** Offset of each council-party slot's seat histogram (councilSeats + 1 cells) within one poll. */
  cpHistOffset: Int32Array;
  histPerPoll: number;
  /** Council-faction slots: the factions of each council's listed parties. */
  councilFactionStart: Int32Array;
  councilFactions: Int32Array;
  nCouncilFactions: number;
  cfHistOffset: Int32Array;
  factionHistPerPoll: number;
  /** Bits per poll in a pathway code and how many polls a code covers (0 when pathways are off). */
  pathwayBits: number;
  pathwayPolls: number;
  /** Seats up at poll t: upWards[upWardStart[t] .. [t+1]-1] lists wards; their seats up are upSeats[upSeatStart[i] ..]. */
  upWardStart: Int32Array;
  upWards: Int32Array;
  upSeatStart: Int32Array;
  upSeats: Int32Array;
  /** Per up-ward entry i, six integers: ward, council, first index into upSeats, seats up, first candidate slot, slots. */
  upWardInfo: Int32Array;
  /** Aligned with upSeats: the seat's RECORDED value when this is its first poll in the horizon, else 0. */
  upRecorded: Uint8Array;
  /** Largest number of seats up in one ward at one poll, and of candidate slots in one ward. */
  maxUp: number;
  maxCands: number;
  /** The first poll at which each seat is up (-1 if never in the horizon). */
  seatFirstUp: Int32Array;
}

/** Checks the model's shape so that a bad builder fails here, not deep in a worker. */
export function checkModel(m: ForecastModel): void {
  const fail = (what: string) => {
    throw new InvalidInputError(what, { where: 'forecast model', rule: 'model' });
  };
  if (m.nPolls < 1 || m.nPolls > 32) fail(`expected 1 to 32 polls, got ${m.nPolls}`);
  if (m.pollYears.length !== m.nPolls) fail('pollYears has the wrong length');
  for (let t = 0; t < m.nPolls; t++) {
    const prev = t === 0 ? 0 : m.pollYears[t - 1]!;
    if (!(m.pollYears[t]! >= prev)) fail('pollYears must be non-negative and increasing');
  }
  if (m.nParties < 1 || m.nParties > 250) fail(`expected 1 to 250 parties, got ${m.nParties}`);
  if (m.wardSeatStart[m.nWards] !== m.nSeats) fail('wardSeatStart does not end at nSeats');
  for (let w = 0; w < m.nWards; w++) {
    if (m.wardCandStart[w + 1]! <= m.wardCandStart[w]!) fail(`ward ${w} has no candidate party`);
    for (let k = m.wardCandStart[w]! + 1; k < m.wardCandStart[w + 1]!; k++)
      if (m.candBase[k]! > m.candBase[k - 1]!)
        fail(`ward ${w}: candidate slots must be in descending order of base share`);
  }
  for (let s = 0; s < m.nSeats; s++) {
    const p = m.seatParty[s]!;
    if (p < -1 || p >= m.nParties) fail(`seat ${s} has party index ${p}`);
  }
  for (let c = 0; c < m.nCouncils; c++) {
    if (m.councilThreshold[c]! < 1) fail(`council ${c} has no seats`);
  }
}

/** Offsets and the lists of seats up at each poll. */
export function layoutOf(m: ForecastModel): ModelLayout {
  const nCP = m.councilPartyStart[m.nCouncils]!;
  const cpHistOffset = new Int32Array(nCP);
  let off = 0;
  for (let c = 0; c < m.nCouncils; c++) {
    for (let i = m.councilPartyStart[c]!; i < m.councilPartyStart[c + 1]!; i++) {
      cpHistOffset[i] = off;
      off += m.councilSeats[c]! + 1;
    }
  }
  const histPerPoll = off;
  const councilFactionStart = new Int32Array(m.nCouncils + 1);
  const cf: number[] = [];
  for (let c = 0; c < m.nCouncils; c++) {
    councilFactionStart[c] = cf.length;
    for (let i = m.councilPartyStart[c]!; i < m.councilPartyStart[c + 1]!; i++) {
      const p = m.councilParties[i]!;
      for (let f = m.partyFactionStart[p]!; f < m.partyFactionStart[p + 1]!; f++) cf.push(f);
    }
  }
  councilFactionStart[m.nCouncils] = cf.length;
  const councilFactions = Int32Array.from(cf);
  const cfHistOffset = new Int32Array(cf.length);
  off = 0;
  for (let c = 0; c < m.nCouncils; c++) {
    for (let i = councilFactionStart[c]!; i < councilFactionStart[c + 1]!; i++) {
      cfHistOffset[i] = off;
      off += m.councilSeats[c]! + 1;
    }
  }
  const states = m.nFactions + m.nParties + 1;
  const pathwayBits = Math.ceil(Math.log2(states));
  const pathwayPolls = pathwayBits > 0 ? Math.min(m.nPolls, Math.floor(32 / pathwayBits)) : 0;

  const upWardStart = new Int32Array(m.nPolls + 1);
  const upWards: number[] = [];
  const upSeatStart: number[] = [];
  const upSeats: number[] = [];
  let maxUp = 1;
  for (let t = 0; t < m.nPolls; t++) {
    upWardStart[t] = upWards.length;
    const bit = 1 << t;
    for (let w = 0; w < m.nWards; w++) {
      const first = upSeats.length;
      for (let s = m.wardSeatStart[w]!; s < m.wardSeatStart[w + 1]!; s++)
        if (m.seatUp[s]! & bit) upSeats.push(s);
      if (upSeats.length > first) {
        upWards.push(w);
        upSeatStart.push(first);
        maxUp = Math.max(maxUp, upSeats.length - first);
      }
    }
  }
  upWardStart[m.nPolls] = upWards.length;
  upSeatStart.push(upSeats.length);
  let maxCands = 1;
  for (let w = 0; w < m.nWards; w++)
    maxCands = Math.max(maxCands, m.wardCandStart[w + 1]! - m.wardCandStart[w]!);
  const seatFirstUp = new Int32Array(m.nSeats).fill(-1);
  for (let s = 0; s < m.nSeats; s++) {
    const up = m.seatUp[s]!;
    if (up !== 0) seatFirstUp[s] = 31 - Math.clz32(up & -up);
  }
  const upWardInfo = new Int32Array(upWards.length * 6);
  const upRecorded = new Uint8Array(upSeats.length);
  for (let t = 0; t < m.nPolls; t++) {
    for (let i = upWardStart[t]!; i < upWardStart[t + 1]!; i++) {
      const w = upWards[i]!;
      upWardInfo.set(
        [
          w,
          m.wardCouncil[w]!,
          upSeatStart[i]!,
          upSeatStart[i + 1]! - upSeatStart[i]!,
          m.wardCandStart[w]!,
          m.wardCandStart[w + 1]! - m.wardCandStart[w]!,
        ],
        i * 6,
      );
      for (let j = upSeatStart[i]!; j < upSeatStart[i + 1]!; j++) {
        const seat = upSeats[j]!;
        if (seatFirstUp[seat] === t) upRecorded[j] = m.seatRecorded[seat]!;
      }
    }
  }
  return {
    nCouncilParties: nCP,
    cpHistOffset,
    histPerPoll,
    councilFactionStart,
    councilFactions,
    nCouncilFactions: cf.length,
    cfHistOffset,
    factionHistPerPoll: off,
    pathwayBits,
    pathwayPolls,
    upWardStart,
    upWards: Int32Array.from(upWards),
    upSeatStart: Int32Array.from(upSeatStart),
    upSeats: Int32Array.from(upSeats),
    upWardInfo,
    upRecorded,
    maxUp,
    maxCands,
    seatFirstUp,
  };
}

/** Counts summed over runs: additive, so blocks of runs on any number of threads merge exactly. */
export interface ForecastTally {
  runs: number;
  /** [poll][council-party slot] seat histograms (cpHistOffset). */
  seatHist: Int32Array;
  /** [poll][council-faction slot] seat histograms (cfHistOffset). */
  factionHist: Int32Array;
  /** [poll][council-party slot]: runs in which the party has a majority. */
  majority: Int32Array;
  /** [poll][council-faction slot]: runs in which the faction holds more than half its group's seats. */
  controlsGroup: Int32Array;
  /** [poll][council-faction slot]: runs in which the faction controls the majority group. */
  runsCouncil: Int32Array;
  /** [poll][faction][0..nCouncils]: runs by the number of councils the faction runs. */
  nationalFactionRuns: Int32Array;
  /** [poll][party][0..nCouncils]: runs by the number of councils the party holds with a majority. */
  nationalPartyMajorities: Int32Array;
}

export function emptyTally(m: ForecastModel, l: ModelLayout): ForecastTally {
  const P = m.nPolls;
  return {
    runs: 0,
    seatHist: new Int32Array(P * l.histPerPoll),
    factionHist: new Int32Array(P * l.factionHistPerPoll),
    majority: new Int32Array(P * l.nCouncilParties),
    controlsGroup: new Int32Array(P * l.nCouncilFactions),
    runsCouncil: new Int32Array(P * l.nCouncilFactions),
    nationalFactionRuns: new Int32Array(P * m.nFactions * (m.nCouncils + 1)),
    nationalPartyMajorities: new Int32Array(P * m.nParties * (m.nCouncils + 1)),
  };
}

const TALLY_ARRAYS = [
  'seatHist',
  'factionHist',
  'majority',
  'controlsGroup',
  'runsCouncil',
  'nationalFactionRuns',
  'nationalPartyMajorities',
] as const;

/** Adds b into a (integer sums, so the order of blocks never matters). */
export function mergeTally(a: ForecastTally, b: ForecastTally): void {
  a.runs += b.runs;
  for (const k of TALLY_ARRAYS) {
    const x = a[k];
    const y = b[k];
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + y[i]!;
  }
}

export function tallyBuffers(t: ForecastTally): ArrayBuffer[] {
  return TALLY_ARRAYS.map((k) => t[k].buffer as ArrayBuffer);
}
