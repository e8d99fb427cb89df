/**
 * What local party membership counts say to the forecast (pure):
 * - surges: a robust z-score of a unit's recent membership growth against its own history and the national
 *   trend of its party (docs/forecast.md, "Membership surges");
 * - faction shares: the balance of a local party's members between factions, estimated from whom its
 *   selections chose, shrunk towards the party's national balance, with a surge's new members given to the
 *   faction its recent selections favoured.
 */
import { addDays, type IsoDate, toDayNumber } from '../../domain/dates.js';

export interface CountSeries {
  localPartyId: string;
  partyId: string;
  /** Counts in date order. */
  points: ReadonlyArray<{ date: IsoDate; count: number }>;
}

export interface SurgeOptions {
  asOf: IsoDate;
  /** Days back from asOf that make the recent window (default 365: four quarters). */
  windowDays?: number;
  /** Quarterly steps of history needed before the window (default 8). */
  minHistory?: number;
  /** Robust z at or above which recent growth is a surge (default 3.5, after Iglewicz and Hoaglin). */
  threshold?: number;
  /** Smallest excess growth over the window, log scale, that counts (default ln 1.1: 10% beyond the trend). */
  minExcess?: number;
}

export interface SurgeScore {
  localPartyId: string;
  partyId: string;
  /** The latest count on or before asOf, and the count before the window began. */
  latest: { date: IsoDate; count: number } | null;
  before: { date: IsoDate; count: number } | null;
  /** Growth over the window (0.3 = +30%), and the party's national median growth over the same quarters. */
  growth: number;
  nationalGrowth: number;
  /** Window growth beyond the national trend and the unit's own usual drift, log scale. */
  excess: number;
  /** Robust z-score of the window's excess growth; null when the history is too short. */
  z: number | null;
  /** The largest single-quarter robust z in the window. */
  peakZ: number | null;
  /** The first quarter-end in the window whose own z passed 2: when the surge began. */
  since: IsoDate | null;
  surge: boolean;
  note: string | null;
}

interface Step {
  date: IsoDate;
  g: number;
}

const QUARTER_DAYS = 91.3;
const MAD_FLOOR = 0.01;

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Quarter-on-quarter log growth, scaled to a quarter when counts are a little irregular; gaps are skipped. */
function steps(points: CountSeries['points'], asOf: IsoDate): Step[] {
  const out: Step[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (b.date > asOf) break;
    const days = toDayNumber(b.date) - toDayNumber(a.date);
    if (days < 60 || days > 200 || a.count <= 0 || b.count <= 0) continue;
    out.push({ date: b.date, g: (Math.log(b.count / a.count) * QUARTER_DAYS) / days });
  }
  return out;
}

/**
 * Scores every unit: surgeScores(series, { asOf: '2026-11-25' }). Excess growth at a quarter is the unit's
 * log growth minus its party's median growth that quarter (when at least three units report it); the score is
 * the window's summed excess, less the unit's own median excess per quarter, over 1.4826 x its median absolute
 * deviation x sqrt(quarters in the window).
 */
export function surgeScores(series: readonly CountSeries[], options: SurgeOptions): SurgeScore[] {
  const asOf = options.asOf;
  const windowStart = addDays(asOf, -(options.windowDays ?? 365));
  const minHistory = options.minHistory ?? 8;
  const threshold = options.threshold ?? 3.5;
  const minExcess = options.minExcess ?? Math.log(1.1);
  const stepsOf = series.map((s) => steps(s.points, asOf));
  const national = new Map<string, Map<IsoDate, number>>();
  const pooled = new Map<string, Map<IsoDate, number[]>>();
  series.forEach((s, i) => {
    const byDate = pooled.get(s.partyId) ?? new Map<IsoDate, number[]>();
    for (const st of stepsOf[i]!) byDate.set(st.date, [...(byDate.get(st.date) ?? []), st.g]);
    pooled.set(s.partyId, byDate);
  });
  for (const [party, byDate] of pooled) {
    const m = new Map<IsoDate, number>();
    for (const [date, gs] of byDate) m.set(date, gs.length >= 3 ? median(gs) : 0);
    national.set(party, m);
  }
  return series.map((s, i) => {
    const nat = national.get(s.partyId)!;
    const all = stepsOf[i]!.map((st) => ({
      date: st.date,
      e: st.g - (nat.get(st.date) ?? 0),
      n: nat.get(st.date) ?? 0,
    }));
    const history = all.filter((x) => x.date <= windowStart).map((x) => x.e);
    const recent = all.filter((x) => x.date > windowStart);
    const upTo = s.points.filter((p) => p.date <= asOf);
    const latest = upTo[upTo.length - 1] ?? null;
    const before = [...upTo].reverse().find((p) => p.date <= windowStart) ?? null;
    const growth = latest && before ? latest.count / before.count - 1 : 0;
    const nationalGrowth = Math.exp(recent.reduce((n, x) => n + x.n, 0)) - 1;
    const base = {
      localPartyId: s.localPartyId,
      partyId: s.partyId,
      latest: latest && { date: latest.date, count: latest.count },
      before: before && { date: before.date, count: before.count },
      growth,
      nationalGrowth,
    };
    if (history.length < minHistory || recent.length === 0) {
      return {
        ...base,
        excess: 0,
        z: null,
        peakZ: null,
        since: null,
        surge: false,
        note:
          recent.length === 0
            ? 'no counts in the recent window'
            : `history too short (${history.length} quarters)`,
      };
    }
    const med = median(history);
    const mad = Math.max(MAD_FLOOR, median(history.map((e) => Math.abs(e - med))));
    const scale = 1.4826 * mad;
    const excess = recent.reduce((n, x) => n + x.e - med, 0);
    const z = excess / (scale * Math.sqrt(recent.length));
    let peakZ = Number.NEGATIVE_INFINITY;
    let since: IsoDate | null = null;
    for (const x of recent) {
      const zq = (x.e - med) / scale;
      if (zq > peakZ) peakZ = zq;
      if (since === null && zq > 2) since = x.date;
    }
    const surge = z >= threshold && excess >= minExcess;
    return { ...base, excess, z, peakZ, since, surge, note: null };
  });
}

/** A chosen candidate in one of the local party's selections: their faction now, and how much it says. */
export interface ChosenCandidate {
  factionId: string | null;
  /** 2 for a contested selection (someone was turned down), 1 otherwise. */
  weight: number;
}

/**
 * Faction shares of a local party's members: (kappa x national share + weighted chosen candidates of the
 * faction) / (kappa + total weight); unaligned candidates count towards the unaligned remainder.
 * estimateShares({ a: 0.4, b: 0.2 }, [{ factionId: 'a', weight: 2 }], 6) gives a 0.55, b 0.15.
 */
export function estimateShares(
  national: Readonly<Record<string, number>>,
  chosen: readonly ChosenCandidate[],
  kappa = 6,
): Record<string, number> {
  let total = kappa;
  const sums: Record<string, number> = {};
  for (const [f, v] of Object.entries(national)) sums[f] = kappa * v;
  for (const c of chosen) {
    total += c.weight;
    if (c.factionId !== null && c.factionId in sums) sums[c.factionId] = sums[c.factionId]! + c.weight;
  }
  const out: Record<string, number> = {};
  for (const [f, v] of Object.entries(sums)) out[f] = v / total;
  return out;
}

/**
 * Gives a surge's new members to one faction: with log excess growth x, a share 1 - e^-x of today's members
 * are new. attributeSurge({ a: 0.3, b: 0.3 }, 'b', Math.log(2)) gives a 0.15, b 0.65.
 */
export function attributeSurge(
  shares: Readonly<Record<string, number>>,
  faction: string,
  excess: number,
): Record<string, number> {
  const x = Math.min(1, Math.max(0, 1 - Math.exp(-excess)));
  const out: Record<string, number> = {};
  for (const [f, v] of Object.entries(shares)) out[f] = (1 - x) * v;
  out[faction] = (out[faction] ?? 0) + x;
  return out;
}
