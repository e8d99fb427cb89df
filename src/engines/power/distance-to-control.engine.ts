/**
 * Distance to control (the pure part of `caucus takeover`). A faction F in party P's group controls the
 * group when it holds a strict majority of the group, and controls the council through it when, at the same
 * time, the group holds a strict majority of the council.
 *
 * Two ways to gain a seat: deselection (a P councillor of another faction is replaced by an F candidate,
 * who holds the seat for P: F + 1, group unchanged) and winning a seat from another party or a vacancy
 * (F + 1, group + 1). With F, G the faction's and group's seats, d deselections and w wins, the faction
 * controls the group when 2(F + d + w) > G + w, i.e. 2F + 2d + w > G, and the group controls a council of
 * C seats when G + w > C / 2. A deselection moves the group margin by two and a win by one, so the fewest
 * gains take the fewest wins the council needs and make up the rest by deselection, while deselectable
 * seats last; the solver below simply tries every feasible w, which also covers the limits.
 *
 * With a timetable of future polls (which seats come up when, and who holds them), the earliest poll by
 * which the gains are possible is the first whose cumulative seats up for election offer enough
 * deselections and wins; the pathway takes seats in poll order. It assumes P holds the seats it defends.
 */
import { InvalidInputError } from '../../domain/errors.js';
import { joinAnd } from './leader-dependence.engine.js';

export interface ControlPosition {
  faction: string;
  party: string;
  /** Seats of the party's group by faction (unaligned members under their own key, e.g. 'unaligned'). */
  groupSeats: Readonly<Record<string, number>>;
  /** Seats by party on the council, including `party`, whose total must equal the group's. */
  councilSeats: Readonly<Record<string, number>>;
  /** Council size including vacancies; default the sum of councilSeats. */
  totalSeats?: number;
}

export interface Gains {
  total: number;
  deselections: number;
  wins: number;
}

export interface DistanceToControl {
  faction: string;
  party: string;
  factionSeats: number;
  groupSeats: number;
  totalSeats: number;
  controlsGroup: boolean;
  controlsCouncil: boolean;
  /** Fewest gains for a strict majority of the group. */
  toControlGroup: Gains;
  /** Fewest gains for a group majority of the council with a faction majority of the group. */
  toControlCouncil: Gains;
  explanation: string;
}

interface Normalised {
  F: number;
  G: number;
  C: number;
  /** Seats in the group held by other factions (deselectable). */
  D: number;
  /** Seats not held by the party (winnable). */
  O: number;
}

function checkSeats(record: Readonly<Record<string, number>>, where: string): number {
  let total = 0;
  for (const [k, v] of Object.entries(record)) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new InvalidInputError(`${k} has ${v} seats; seats must be whole numbers, 0 or more`, {
        where,
        rule: 'non-negative-integer',
      });
    }
    total += v;
  }
  return total;
}

function normalise(pos: ControlPosition): Normalised {
  const G = checkSeats(pos.groupSeats, 'groupSeats');
  const held = checkSeats(pos.councilSeats, 'councilSeats');
  const partySeats = pos.councilSeats[pos.party] ?? 0;
  if (partySeats !== G) {
    throw new InvalidInputError(
      `the group's factions hold ${G} seats but the council lists ${partySeats} for ${pos.party}`,
      { where: 'groupSeats', rule: 'matches-council' },
    );
  }
  const C = pos.totalSeats ?? held;
  if (!Number.isSafeInteger(C) || C < held || C <= 0) {
    throw new InvalidInputError(`total seats ${C} must be at least the ${held} seats held, and above 0`, {
      where: 'totalSeats',
      rule: 'at-least-held',
    });
  }
  const F = pos.groupSeats[pos.faction] ?? 0;
  return { F, G, C, D: G - F, O: C - G };
}

/** Fewest d + w with w >= wMin, d <= D, w <= O and 2F + 2d + w > G; null when impossible. */
function cheapest(F: number, G: number, D: number, O: number, wMin: number): Gains | null {
  let best: Gains | null = null;
  for (let w = wMin; w <= O; w++) {
    const gap = G - 2 * F - w;
    const d = gap >= 0 ? Math.floor(gap / 2) + 1 : 0;
    if (d > D) continue;
    if (!best || d + w < best.total) best = { total: d + w, deselections: d, wins: w };
    if (d === 0) break;
  }
  return best;
}

function councilWinsNeeded(n: Normalised): number {
  return Math.max(0, Math.floor(n.C / 2) + 1 - n.G);
}

function describe(g: Gains): string {
  const parts: string[] = [];
  if (g.deselections) parts.push(`${g.deselections} by deselection`);
  if (g.wins) parts.push(`${g.wins} won from other parties`);
  return `${g.total} seat${g.total === 1 ? '' : 's'} (${joinAnd(parts)})`;
}

/**
 * distanceToControl({ faction: 'left', party: 'lab', groupSeats: { left: 12, right: 14, unaligned: 4 },
 * councilSeats: { lab: 30, con: 25, ld: 5 } }).toControlGroup.total === 4.
 */
export function distanceToControl(pos: ControlPosition): DistanceToControl {
  const n = normalise(pos);
  const { F, G, C, D, O } = n;
  // Always possible: deselecting every other member gives F = G, and winning every other seat gives C.
  const group = cheapest(F, G, D, O, 0)!;
  const council = cheapest(F, G, D, O, councilWinsNeeded(n))!;
  const controlsGroup = 2 * F > G;
  const controlsCouncil = controlsGroup && 2 * G > C;
  const lines = [
    `${pos.faction} holds ${F} of ${pos.party}'s ${G} seats; the group holds ${G} of the council's ${C}.`,
    controlsGroup
      ? `${pos.faction} already holds a majority of the group.`
      : `To control the group it needs ${describe(group)}: a majority of the group is more than half of its seats.`,
    controlsCouncil
      ? `Through the group it already controls the council.`
      : `To control the council through the group it needs ${describe(council)}: the group must hold more than ${Math.floor(C / 2)} seats with ${pos.faction} holding more than half of them.`,
  ];
  return {
    faction: pos.faction,
    party: pos.party,
    factionSeats: F,
    groupSeats: G,
    totalSeats: C,
    controlsGroup,
    controlsCouncil,
    toControlGroup: group,
    toControlCouncil: council,
    explanation: lines.join(' '),
  };
}

export interface SeatUp {
  /** A stable id for the seat (post id plus seat number), so a seat up twice is counted once. */
  seat: string;
  /** Holder's party now, or null for a vacancy. */
  party: string | null;
  /** Holder's faction now, or null when unaligned or unknown. */
  faction: string | null;
}

export interface UpcomingPoll {
  id: string;
  date?: string;
  seats: readonly SeatUp[];
}

export interface PathwayStep {
  poll: string;
  date?: string;
  deselections: { seat: string; from: string | null }[];
  wins: { seat: string; from: string | null }[];
}

export interface ControlPathway {
  target: 'group' | 'council';
  possible: boolean;
  /** Already in control: no poll needed. */
  already: boolean;
  /** The earliest poll by which the gains are possible. */
  byPoll: { id: string; date?: string } | null;
  gains: Gains | null;
  steps: PathwayStep[];
  explanation: string;
}

/**
 * The earliest poll (polls in date order) by which the faction can reach control of its group or, through
 * it, of the council, and one concrete pathway: which seats, at which poll.
 */
export function earliestControl(
  pos: ControlPosition,
  polls: readonly UpcomingPoll[],
  target: 'group' | 'council',
): ControlPathway {
  const n = normalise(pos);
  const wMin = target === 'council' ? councilWinsNeeded(n) : 0;
  const now = distanceToControl(pos);
  const already = target === 'group' ? now.controlsGroup : now.controlsCouncil;
  if (already) {
    return {
      target,
      possible: true,
      already: true,
      byPoll: null,
      gains: { total: 0, deselections: 0, wins: 0 },
      steps: [],
      explanation: `${pos.faction} already controls the ${target === 'group' ? 'group' : 'council through the group'}.`,
    };
  }
  const seen = new Set<string>();
  const deselectable: { poll: number; seat: SeatUp }[] = [];
  const winnable: { poll: number; seat: SeatUp }[] = [];
  for (let p = 0; p < polls.length; p++) {
    const poll = polls[p]!;
    for (const seat of poll.seats) {
      if (seen.has(seat.seat)) continue;
      seen.add(seat.seat);
      if (seat.party === pos.party) {
        if (seat.faction !== pos.faction) deselectable.push({ poll: p, seat });
      } else {
        winnable.push({ poll: p, seat });
      }
    }
    const D = Math.min(n.D, deselectable.length);
    const O = Math.min(n.O, winnable.length);
    const gains = cheapest(n.F, n.G, D, O, wMin);
    if (!gains) continue;
    const steps = polls
      .slice(0, p + 1)
      .map(
        (pl, i): PathwayStep => ({
          poll: pl.id,
          ...(pl.date !== undefined ? { date: pl.date } : {}),
          deselections: deselectable
            .slice(0, gains.deselections)
            .filter((x) => x.poll === i)
            .map((x) => ({ seat: x.seat.seat, from: x.seat.faction })),
          wins: winnable
            .slice(0, gains.wins)
            .filter((x) => x.poll === i)
            .map((x) => ({ seat: x.seat.seat, from: x.seat.party })),
        }),
      )
      .filter((s) => s.deselections.length + s.wins.length > 0);
    const when = poll.date ? `${poll.id} (${poll.date})` : poll.id;
    return {
      target,
      possible: true,
      already: false,
      byPoll: { id: poll.id, ...(poll.date !== undefined ? { date: poll.date } : {}) },
      gains,
      steps,
      explanation:
        `${pos.faction} can control the ${target === 'group' ? 'group' : 'council through the group'} by ${when} at the earliest, ` +
        `gaining ${describe(gains)} from seats that come up by then, assuming ${pos.party} holds the seats it defends.`,
    };
  }
  return {
    target,
    possible: false,
    already: false,
    byPoll: null,
    gains: null,
    steps: [],
    explanation: `Not enough seats come up in the ${polls.length} poll${polls.length === 1 ? '' : 's'} given for ${pos.faction} to control the ${target === 'group' ? 'group' : 'council through the group'}.`,
  };
}
