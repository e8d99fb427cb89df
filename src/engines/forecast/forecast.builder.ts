/**
 * Compiles plain registry facts (councils, wards with their last results and seats up per poll, sitting
 * councillors, local parties with their faction balance) into the typed ForecastModel, applying a scenario's
 * changes on the way. Pure: the app gathers the facts from the store.
 */
import type { IsoDate } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import { type ForecastModel, RECORDED } from './forecast.model.js';
import type { ForecastLabels } from './forecast.summary.js';

export const INDEPENDENT = 'independent';

export interface FactsCouncil {
  id: string;
  councilType: string | null;
  region: string | null;
  /** Single transferable vote (Scotland, Northern Ireland): seats allocated proportionally. */
  proportional: boolean;
}

export interface FactsWard {
  id: string;
  councilId: string;
  seats: number;
  /** Seats up at each poll of the horizon (0 where the council does not poll that day). */
  seatsUp: number[];
  /** Votes by party at the ward's last contest (null party = independents); empty when unknown. */
  result: Array<{ partyId: string | null; votes: number }>;
  /** The local party that selects each party's candidates here, where known. */
  localParties: Record<string, string>;
}

export interface FactsHolding {
  postId: string;
  partyId: string | null;
  factionId: string | null;
  /** Index into `polls` of the seat's next ordinary poll; -1 when it falls beyond the horizon; null when unknown. */
  nextPoll: number | null;
  /** What is recorded about the holder's selection for that poll. */
  recorded: 'retiring' | 'deselected' | 'reselected' | null;
}

export interface FactsLocalParty {
  id: string;
  partyId: string;
  /** Membership shares by faction (the rest is unaligned). */
  shares: Record<string, number>;
  /** Membership growth beyond the national trend over the past year, log scale. */
  growth: number;
}

export interface ForecastFacts {
  asOf: IsoDate;
  polls: IsoDate[];
  councils: FactsCouncil[];
  wards: FactsWard[];
  holdings: FactsHolding[];
  parties: string[];
  factions: Array<{ id: string; partyId: string }>;
  localParties: FactsLocalParty[];
  /** A party's faction balance where no local party is known (e.g. among its councillors nationally). */
  nationalShares: Record<string, Record<string, number>>;
}

/** A membership surge: `growth` (0.3 = 30% more members) in the listed local parties, joining `faction` (or spread as now). */
export interface SurgeChange {
  localParties: string[];
  growth: number;
  faction?: string | null;
}

export interface ModelChanges {
  surges?: SurgeChange[];
  /** Set a local party's faction shares outright. */
  factionShares?: Array<{ localParty: string; shares: Record<string, number> }>;
  /** Shift a party's log vote share everywhere (0.2 is about 22% more votes, relative). */
  partyShift?: Record<string, number>;
}

/** Shares of parties below this at a ward's last contest are dropped: they cannot win. */
const MIN_SHARE = 0.005;
/** A sitting party missing from the last result (e.g. it won at a by-election) keeps this share. */
const ABSENT_SHARE = 0.05;

function yearsBetween(from: IsoDate, to: IsoDate): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (365.25 * 86_400_000);
}

/** Checks a share vector (0..1 each, summing to at most 1), naming where it came from. */
function checkShares(shares: Record<string, number>, where: string): void {
  let sum = 0;
  for (const [k, v] of Object.entries(shares)) {
    if (!Number.isFinite(v) || v < 0 || v > 1) {
      throw new InvalidInputError(`expected a share from 0 to 1, got ${v}`, { where: `${where}.${k}` });
    }
    sum += v;
  }
  if (sum > 1 + 1e-9)
    throw new InvalidInputError(`expected shares summing to at most 1, got ${sum}`, { where });
}

/** Applies a scenario's surges and share changes to the local parties (returns new records). */
export function applyChanges(
  facts: ForecastFacts,
  changes: ModelChanges,
): { localParties: FactsLocalParty[]; partyShift: Record<string, number> } {
  const byId = new Map(facts.localParties.map((lp) => [lp.id, { ...lp, shares: { ...lp.shares } }]));
  const factionParty = new Map(facts.factions.map((f) => [f.id, f.partyId]));
  (changes.factionShares ?? []).forEach((fs, i) => {
    const lp = byId.get(fs.localParty);
    if (!lp)
      throw new InvalidInputError(`no local party "${fs.localParty}" in the forecast`, {
        where: `factionShares.${i}.localParty`,
      });
    for (const f of Object.keys(fs.shares)) {
      if (factionParty.get(f) !== lp.partyId)
        throw new InvalidInputError(`"${f}" is not a faction of ${lp.partyId}`, {
          where: `factionShares.${i}.shares.${f}`,
        });
    }
    checkShares(fs.shares, `factionShares.${i}.shares`);
    lp.shares = { ...fs.shares };
  });
  (changes.surges ?? []).forEach((s, i) => {
    if (!(s.growth > -1) || !Number.isFinite(s.growth))
      throw new InvalidInputError(`expected growth above -1 (e.g. 0.3 for 30%), got ${s.growth}`, {
        where: `surges.${i}.growth`,
      });
    s.localParties.forEach((id, k) => {
      const lp = byId.get(id);
      if (!lp)
        throw new InvalidInputError(`no local party "${id}" in the forecast`, {
          where: `surges.${i}.localParties.${k}`,
        });
      if (s.faction && factionParty.get(s.faction) !== lp.partyId)
        throw new InvalidInputError(`"${s.faction}" is not a faction of ${lp.partyId}`, {
          where: `surges.${i}.faction`,
        });
      const g = s.growth;
      if (s.faction) {
        // New members all join one faction: its share of the enlarged membership rises, the others fall.
        const next: Record<string, number> = {};
        for (const [f, v] of Object.entries(lp.shares)) next[f] = v / (1 + g);
        next[s.faction] = ((lp.shares[s.faction] ?? 0) + Math.max(0, g)) / (1 + g);
        lp.shares = next;
      }
      lp.growth += Math.log1p(g);
    });
  });
  for (const [p, v] of Object.entries(changes.partyShift ?? {})) {
    if (!facts.parties.includes(p))
      throw new InvalidInputError(`no party "${p}" in the forecast`, { where: `partyShift.${p}` });
    if (!Number.isFinite(v) || Math.abs(v) > 5)
      throw new InvalidInputError(`expected a shift from -5 to 5 (log share), got ${v}`, {
        where: `partyShift.${p}`,
      });
  }
  return { localParties: [...byId.values()], partyShift: { ...(changes.partyShift ?? {}) } };
}

/** Builds the typed model and the labels that name its indexes. */
export function buildModel(
  facts: ForecastFacts,
  changes: ModelChanges = {},
): { model: ForecastModel; labels: ForecastLabels } {
  const nPolls = facts.polls.length;
  if (nPolls === 0)
    throw new InvalidInputError('no upcoming polls to forecast', { where: 'polls', rule: 'no-polls' });
  const { localParties, partyShift } = applyChanges(facts, changes);

  const parties = [...facts.parties.filter((p) => p !== INDEPENDENT), INDEPENDENT];
  const partyIndex = new Map(parties.map((p, i) => [p, i]));
  const IND = partyIndex.get(INDEPENDENT)!;
  const factions = facts.factions
    .filter((f) => partyIndex.has(f.partyId))
    .sort((a, b) => partyIndex.get(a.partyId)! - partyIndex.get(b.partyId)! || a.id.localeCompare(b.id));
  const factionIndex = new Map(factions.map((f, i) => [f.id, i]));
  const partyFactionStart = new Int32Array(parties.length + 1);
  for (let p = 0, f = 0; p <= parties.length; p++) {
    while (f < factions.length && partyIndex.get(factions[f]!.partyId)! < p) f++;
    partyFactionStart[p] = f;
  }
  const factionsOf = (p: number) => factions.slice(partyFactionStart[p]!, partyFactionStart[p + 1]!);

  // Local parties, plus one national stand-in per party with factions.
  const localPartyOf: number[] = [];
  const localShares: number[] = [];
  const localShareStart: number[] = [];
  const localGrowth: number[] = [];
  const localIndex = new Map<string, number>();
  const addLocal = (id: string, p: number, shares: Record<string, number>, growth: number) => {
    localIndex.set(id, localPartyOf.length);
    localPartyOf.push(p);
    localShareStart.push(localShares.length);
    let sum = 0;
    for (const f of factionsOf(p)) sum += Math.max(0, shares[f.id] ?? 0);
    const scale = sum > 1 ? 1 / sum : 1;
    for (const f of factionsOf(p)) localShares.push(Math.max(0, shares[f.id] ?? 0) * scale);
    localGrowth.push(growth);
  };
  for (const lp of localParties) {
    const p = partyIndex.get(lp.partyId);
    if (p === undefined || factionsOf(p).length === 0) continue;
    addLocal(lp.id, p, lp.shares, lp.growth);
  }
  for (let p = 0; p < parties.length; p++) {
    if (factionsOf(p).length === 0) continue;
    addLocal(`national:${parties[p]}`, p, facts.nationalShares[parties[p]!] ?? {}, 0);
  }
  localShareStart.push(localShares.length);
  const localFor = (wardLocals: Record<string, string>, p: number): number => {
    if (factionsOf(p).length === 0) return -1;
    const id = wardLocals[parties[p]!];
    return (id !== undefined ? localIndex.get(id) : undefined) ?? localIndex.get(`national:${parties[p]}`)!;
  };

  const councilIndex = new Map(facts.councils.map((c, i) => [c.id, i]));
  const regions = new Map<string, number>();
  const types = new Map<string, number>();
  const councilRegion = facts.councils.map((c) => {
    const k = c.region ?? 'unknown';
    if (!regions.has(k)) regions.set(k, regions.size);
    return regions.get(k)!;
  });
  const councilType = facts.councils.map((c) => {
    const k = c.councilType ?? 'unknown';
    if (!types.has(k)) types.set(k, types.size);
    return types.get(k)!;
  });

  const holdingsByWard = new Map<string, FactsHolding[]>();
  for (const h of facts.holdings) {
    const list = holdingsByWard.get(h.postId) ?? [];
    list.push(h);
    holdingsByWard.set(h.postId, list);
  }
  const partyOf = (id: string | null) => (id === null ? IND : (partyIndex.get(id) ?? IND));

  // Wards grouped by council, in council order.
  const wards = facts.wards
    .filter((w) => councilIndex.has(w.councilId))
    .sort((a, b) => councilIndex.get(a.councilId)! - councilIndex.get(b.councilId)!);
  // Council-wide shares, for wards with no result of their own.
  const councilVotes = facts.councils.map(() => new Map<number, number>());
  for (const w of wards) {
    const total = w.result.reduce((n, r) => n + Math.max(0, r.votes), 0);
    if (total <= 0) continue;
    const cv = councilVotes[councilIndex.get(w.councilId)!]!;
    for (const r of w.result) cv.set(partyOf(r.partyId), (cv.get(partyOf(r.partyId)) ?? 0) + r.votes / total);
  }

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
  const seatRecorded: number[] = [];
  const councilSeats = new Array<number>(facts.councils.length).fill(0);
  const councilPartySets = facts.councils.map(() => new Set<number>([IND]));

  wards.forEach((w, wi) => {
    const c = councilIndex.get(w.councilId)!;
    wardCouncil.push(c);
    const holders = holdingsByWard.get(w.id) ?? [];
    // Candidate parties and their shares at the last contest (or the council's, or the holders').
    const shares = new Map<number, number>();
    const total = w.result.reduce((n, r) => n + Math.max(0, r.votes), 0);
    if (total > 0) {
      for (const r of w.result) {
        const p = partyOf(r.partyId);
        shares.set(p, (shares.get(p) ?? 0) + Math.max(0, r.votes) / total);
      }
    } else {
      const cv = councilVotes[c]!;
      const sum = [...cv.values()].reduce((x, y) => x + y, 0);
      for (const [p, v] of cv) shares.set(p, v / sum);
    }
    for (const h of holders) {
      const p = partyOf(h.partyId);
      if ((shares.get(p) ?? 0) < ABSENT_SHARE) shares.set(p, ABSENT_SHARE);
    }
    if (shares.size === 0) shares.set(IND, 1);
    const filtered = [...shares.entries()]
      .filter(([, v]) => v >= MIN_SHARE)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const sum = filtered.reduce((n, [, v]) => n + v, 0);
    // The engine wants slots in descending order of base share, and a scenario's party shift can reorder them.
    const kept = filtered
      .map(([p, v]) => [p, Math.log(v / sum) + (partyShift[parties[p]!] ?? 0)] as const)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (const [p, base] of kept) {
      candParty.push(p);
      candBase.push(base);
      candLocal.push(localFor(w.localParties, p));
      councilPartySets[c]!.add(p);
    }
    wardCandStart.push(candParty.length);

    // Seats: the holders first, then vacancies; which polls each seat is up at.
    const seats = Math.max(w.seats, holders.length);
    const cap = facts.polls.map((_, t) => w.seatsUp[t] ?? 0);
    const masks: number[] = [];
    const latest: number[] = [];
    const first = (after: number) => {
      for (let t = after + 1; t < nPolls; t++) if (cap[t]! > 0) return t;
      return -1;
    };
    for (let i = 0; i < seats; i++) {
      const h = holders[i];
      // A holder's known next poll, or for a vacancy or an unknown term the first poll with a seat to spare.
      const t = !h || h.nextPoll === null ? first(-1) : h.nextPoll < nPolls ? h.nextPoll : -1;
      if (t >= 0) cap[t]! -= 1;
      masks.push(t >= 0 ? 1 << t : 0);
      latest.push(t);
    }
    for (let t = 0; t < nPolls; t++) {
      for (let i = 0; i < seats; i++) {
        if (latest[i] !== t) continue;
        const n = first(t);
        if (n >= 0) {
          cap[n]! -= 1;
          masks[i] = masks[i]! | (1 << n);
          latest[i] = n;
        }
      }
    }
    for (let i = 0; i < seats; i++) {
      const h = holders[i];
      seatWard.push(wi);
      seatUp.push(masks[i]! >>> 0);
      if (h) {
        const p = partyOf(h.partyId);
        const f = h.factionId === null ? -1 : (factionIndex.get(h.factionId) ?? -1);
        seatParty.push(p);
        seatFaction.push(f >= 0 && factions[f]!.partyId === parties[p] ? f : -1);
        seatLocal.push(p === IND ? -1 : localFor(w.localParties, p));
        seatRecorded.push(h.recorded === null ? RECORDED.none : RECORDED[h.recorded]);
        councilPartySets[c]!.add(p);
      } else {
        seatParty.push(-1);
        seatFaction.push(-1);
        seatLocal.push(-1);
        seatRecorded.push(RECORDED.none);
      }
    }
    councilSeats[c] = councilSeats[c]! + seats;
    wardSeatStart.push(seatWard.length);
  });

  const councilPartyStart: number[] = [];
  const councilParties: number[] = [];
  for (let c = 0; c < facts.councils.length; c++) {
    councilPartyStart.push(councilParties.length);
    councilParties.push(...[...councilPartySets[c]!].sort((x, y) => x - y));
  }
  councilPartyStart.push(councilParties.length);

  const model: ForecastModel = {
    nPolls,
    pollYears: Float64Array.from(facts.polls, (d) => Math.max(0, yearsBetween(facts.asOf, d))),
    nParties: parties.length,
    independent: IND,
    nFactions: factions.length,
    factionParty: Int32Array.from(factions, (f) => partyIndex.get(f.partyId)!),
    partyFactionStart,
    nRegions: Math.max(1, regions.size),
    nTypes: Math.max(1, types.size),
    nCouncils: facts.councils.length,
    councilSeats: Int32Array.from(councilSeats),
    councilThreshold: Int32Array.from(councilSeats, (s) => Math.floor(s / 2) + 1),
    councilRegion: Int32Array.from(councilRegion),
    councilType: Int32Array.from(councilType),
    councilProportional: Uint8Array.from(facts.councils, (c) => (c.proportional ? 1 : 0)),
    councilPartyStart: Int32Array.from(councilPartyStart),
    councilParties: Int32Array.from(councilParties),
    nWards: wards.length,
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
    seatRecorded: Uint8Array.from(seatRecorded),
    nLocals: localPartyOf.length,
    localPartyOf: Int32Array.from(localPartyOf),
    localShares: Float64Array.from(localShares),
    localShareStart: Int32Array.from(localShareStart),
    localGrowth: Float64Array.from(localGrowth),
  };
  const labels: ForecastLabels = {
    polls: [...facts.polls],
    councils: facts.councils.map((c) => c.id),
    parties,
    factions: factions.map((f) => f.id),
  };
  return { model, labels };
}
