/**
 * Local party units (constituency parties, associations, branches) and their quarterly membership counts.
 * A unit's count follows its party's national membership, a little local noise, and now and then a local
 * surge: a sudden rise, often carried by one faction, that later shows in selections as deselections.
 * Counts are aggregates only: the sample never invents individual members.
 */
import { fromDayNumber, toDayNumber } from '../../domain/dates.js';
import type { Nation } from '../../domain/model.js';
import { normal, pickWeighted, type Random } from '../../domain/random.js';
import type { CouncilPlan } from './geography.generator.js';
import {
  NATION_UNIT_PARTIES,
  NATIONAL_MEMBERSHIP,
  PARTY_BY_KEY,
  type PartyDef,
  type PartyKey,
} from './parties.data.js';

export interface Surge {
  startDay: number;
  peakDay: number;
  factor: number;
  /** Index into the party's factions, when one faction carried the surge. */
  faction: number | null;
}

export interface LocalUnit {
  id: string;
  party: PartyDef;
  areaSlug: string;
  areaId: string;
  name: string;
  foundingDay: number | null;
  quarters: number[];
  counts: number[];
  localFactor: number[];
  surges: Surge[];
  /** Local lean of members towards each faction of the party (multiplies the national weights). */
  factionTilt: number[];
}

/** Share of a GB party's members in each nation, and real seats there, to scale counts per seat. */
const NATION_FRACTION: Record<Nation, number> = {
  england: 0.84,
  wales: 0.05,
  scotland: 0.11,
  'northern-ireland': 1,
};
const NATION_SEATS: Record<Nation, number> = {
  england: 15000,
  wales: 1230,
  scotland: 1227,
  'northern-ireland': 462,
};

const SURGE_RATE: Partial<Record<PartyKey, number>> = {
  lab: 0.55,
  con: 0.25,
  ld: 0.3,
  grn: 0.45,
  snp: 0.3,
  sgp: 0.2,
  ref: 0.5,
  pc: 0.2,
};

/** Linear interpolation through dated anchors, flat beyond the ends. */
export function interpolateDated(anchors: ReadonlyArray<readonly [number, number]>, day: number): number {
  const first = anchors[0]!;
  if (day <= first[0]) return first[1];
  for (let i = 1; i < anchors.length; i++) {
    const hi = anchors[i]!;
    if (day <= hi[0]) {
      const lo = anchors[i - 1]!;
      return lo[1] + ((hi[1] - lo[1]) * (day - lo[0])) / (hi[0] - lo[0]);
    }
  }
  return anchors[anchors.length - 1]![1];
}

const NATIONAL_DAYS: Record<PartyKey, Array<readonly [number, number]>> = Object.fromEntries(
  Object.entries(NATIONAL_MEMBERSHIP).map(([k, rows]) => [
    k,
    rows.map(([d, v]) => [toDayNumber(d), v] as const),
  ]),
) as Record<PartyKey, Array<readonly [number, number]>>;

/** National membership of a party on a day, in members. */
export function nationalMembership(party: PartyKey, day: number): number {
  return interpolateDated(NATIONAL_DAYS[party], day) * 1000;
}

/** Quarter-end days from the first quarter of 2012 up to and including `today`. */
export function quarterEnds(todayDay: number): number[] {
  const out: number[] = [];
  for (let y = 2012; ; y++) {
    for (const md of ['03-31', '06-30', '09-30', '12-31']) {
      const d = toDayNumber(`${y}-${md}`);
      if (d > todayDay) return out;
      out.push(d);
    }
  }
}

function inWindow(rng: Random, from: string, to: string): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  return a + rng.int(b - a + 1);
}

function surgeStart(rng: Random, party: PartyKey, first: number, last: number): number {
  const r = rng.next();
  if (party === 'lab' && r < 0.5) return inWindow(rng, '2015-07-01', '2017-12-31');
  if (party === 'ref' && r < 0.6) return inWindow(rng, '2024-01-01', '2025-12-31');
  if (party === 'grn' && r < 0.3) return inWindow(rng, '2014-09-01', '2015-06-30');
  if (party === 'grn' && r < 0.7) return inWindow(rng, '2025-06-01', '2026-09-30');
  if (party === 'snp' && r < 0.5) return inWindow(rng, '2014-09-19', '2015-06-30');
  return first + rng.int(Math.max(1, last - first));
}

/** Which faction carried a surge: the left in Labour's 2015-19 wave, and so on; otherwise by national weight. */
function surgeFaction(rng: Random, party: PartyDef, day: number): number | null {
  if (party.factions.length === 0) return null;
  const year = Number(fromDayNumber(day).slice(0, 4));
  const favoured: Partial<Record<PartyKey, [number, number, number]>> = {
    lab: [2015, 2019, 0],
    con: [2016, 2019, 0],
    grn: [2024, 2030, 0],
    snp: [2014, 2016, 0],
  };
  const f = favoured[party.key];
  if (f && year >= f[0] && year <= f[1] && rng.next() < 0.75) return f[2];
  if (rng.next() < 0.25) return null;
  const weights = party.factions.map((fd, i) => [i, factionWeight(fd.weights, day)] as const);
  return weights.some(([, w]) => w > 0) ? pickWeighted(rng, weights) : null;
}

const yearDayCache = new Map<number, number>();
function mayDay(year: number): number {
  let d = yearDayCache.get(year);
  if (d === undefined) {
    d = toDayNumber(`${year}-05-05`);
    yearDayCache.set(year, d);
  }
  return d;
}

const anchorCache = new WeakMap<Record<number, number>, Array<readonly [number, number]>>();

/** A faction's national weight on a day, interpolated between its yearly anchors. */
export function factionWeight(weights: Record<number, number>, day: number): number {
  let anchors = anchorCache.get(weights);
  if (!anchors) {
    anchors = Object.entries(weights)
      .map(([y, w]) => [mayDay(Number(y)), w] as const)
      .sort((a, b) => a[0] - b[0]);
    anchorCache.set(weights, anchors);
  }
  return interpolateDated(anchors, day);
}

function surgeMultiplier(s: Surge, day: number): number {
  if (day < s.startDay) return 1;
  if (day < s.peakDay) return 1 + ((s.factor - 1) * (day - s.startDay)) / (s.peakDay - s.startDay);
  // Some of the new members stay for good; the rest drift away over a couple of years.
  return 1 + (s.factor - 1) * (0.35 + 0.65 * Math.exp(-(day - s.peakDay) / 700));
}

/** Local party units for every council except counties (whose divisions use their districts' units). */
export function buildLocalUnits(plans: readonly CouncilPlan[], rng: Random, todayDay: number): LocalUnit[] {
  const quarters = quarterEnds(todayDay);
  const firstDay = toDayNumber('2012-06-01');
  const units: LocalUnit[] = [];
  for (const plan of plans) {
    if (plan.type === 'CTY') continue;
    for (const key of NATION_UNIT_PARTIES[plan.nation]) {
      const party = PARTY_BY_KEY[key];
      const from = party.from ? toDayNumber(party.from) : null;
      const foundingDay = from === null ? null : from + rng.int(900);
      // Drawn before the check so that the stream, and so every later unit, does not depend on `today`.
      if (foundingDay !== null && foundingDay > todayDay) continue;
      const surges: Surge[] = [];
      let expected = SURGE_RATE[key] ?? 0.1;
      while (rng.next() < expected) {
        const startDay = Math.max(surgeStart(rng, key, firstDay, todayDay - 60), foundingDay ?? 0);
        surges.push({
          startDay,
          peakDay: startDay + 60 + rng.int(150),
          factor: 1.5 + 1.6 * rng.next(),
          faction: surgeFaction(rng, party, startDay),
        });
        expected *= 0.45;
      }
      const perSeat =
        ((party.nations.length > 1 ? NATION_FRACTION[plan.nation] : 1) / NATION_SEATS[plan.nation]) *
        plan.seats *
        plan.lean[key] ** 0.8 *
        Math.exp(0.3 * normal(rng));
      const counts: number[] = [];
      const localFactor: number[] = [];
      const unitQuarters: number[] = [];
      let drift = 0;
      for (const q of quarters) {
        drift = 0.85 * drift + 0.04 * normal(rng);
        if (foundingDay !== null && q < foundingDay) continue;
        let local = Math.exp(drift);
        for (const s of surges) local *= surgeMultiplier(s, q);
        unitQuarters.push(q);
        localFactor.push(local);
        counts.push(Math.max(3, Math.round(nationalMembership(key, q) * perSeat * local)));
      }
      units.push({
        id: `local-party:${party.slug}.${plan.slug}`,
        party,
        areaSlug: plan.slug,
        areaId: plan.areaId,
        name: party.unitName(plan.placeName),
        foundingDay,
        quarters: unitQuarters,
        counts,
        localFactor,
        surges,
        factionTilt: party.factions.map(() => Math.exp(0.5 * normal(rng))),
      });
    }
  }
  return units;
}

export interface SurgeState {
  /** Growth of the local factor over the past year (national swings excluded). */
  localGrowth: number;
  /** The faction that carried a surge begun in the last 18 months, if any. */
  faction: number | null;
}

/** How a unit's membership moved in the year before `day`. */
export function surgeAt(unit: LocalUnit, day: number): SurgeState {
  let q = -1;
  for (let i = unit.quarters.length - 1; i >= 0; i--) {
    if (unit.quarters[i]! <= day) {
      q = i;
      break;
    }
  }
  if (q < 0) return { localGrowth: 0, faction: null };
  const prev = Math.max(0, q - 4);
  const localGrowth = unit.localFactor[q]! / unit.localFactor[prev]! - 1;
  let faction: number | null = null;
  for (const s of unit.surges) {
    if (s.faction !== null && s.startDay <= day && day - s.startDay <= 540) faction = s.faction;
  }
  return { localGrowth, faction };
}
