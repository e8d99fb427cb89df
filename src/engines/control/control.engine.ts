/**
 * Council control and faction balance from who holds which seat on a day. Pure: fed plain holdings.
 * A party controls a council with more than half its seats (vacancies count in the total, as in law);
 * a faction controls a party group with more than half the group's seats.
 */

export interface Holding {
  councilId: string;
  partyId: string | null;
  factionId: string | null;
}

export type ControlStatus = 'majority' | 'no-overall-control';

export interface GroupBalance {
  partyId: string;
  seats: number;
  /** Seats by faction; unaligned councillors are counted under null. */
  factions: Array<{ factionId: string | null; seats: number }>;
  /** The faction holding a majority of the group, which then decides who leads it. */
  controllingFaction: string | null;
}

export interface CouncilControl {
  councilId: string;
  totalSeats: number;
  filledSeats: number;
  /** Seats needed for a majority: floor(total / 2) + 1. */
  majorityThreshold: number;
  status: ControlStatus;
  /** The party with a majority, or null under no overall control. */
  majorityParty: string | null;
  groups: GroupBalance[];
  /** The faction that controls the council through a majority group's majority. */
  controllingFaction: string | null;
}

/** majorityThreshold(51) === 26; majorityThreshold(50) === 26. */
export function majorityThreshold(totalSeats: number): number {
  return Math.floor(totalSeats / 2) + 1;
}

/** Seats by party and faction for one council, and who controls it. */
export function councilControl(
  councilId: string,
  totalSeats: number,
  holdings: readonly Holding[],
): CouncilControl {
  const byParty = new Map<string, Map<string | null, number>>();
  let filled = 0;
  for (const h of holdings) {
    if (h.councilId !== councilId) continue;
    filled += 1;
    const party = h.partyId ?? 'independent';
    const factions = byParty.get(party) ?? new Map<string | null, number>();
    factions.set(h.factionId, (factions.get(h.factionId) ?? 0) + 1);
    byParty.set(party, factions);
  }
  const groups: GroupBalance[] = [...byParty.entries()].map(([partyId, factions]) => {
    const seats = [...factions.values()].reduce((a, b) => a + b, 0);
    const list = [...factions.entries()]
      .map(([factionId, n]) => ({ factionId, seats: n }))
      .sort((a, b) => b.seats - a.seats || String(a.factionId).localeCompare(String(b.factionId)));
    const top = list.find((f) => f.factionId !== null && f.seats > seats / 2);
    return { partyId, seats, factions: list, controllingFaction: top?.factionId ?? null };
  });
  groups.sort((a, b) => b.seats - a.seats || a.partyId.localeCompare(b.partyId));
  const threshold = majorityThreshold(totalSeats);
  const leading = groups[0];
  const majority =
    leading && leading.partyId !== 'independent' && leading.seats >= threshold ? leading : undefined;
  return {
    councilId,
    totalSeats,
    filledSeats: filled,
    majorityThreshold: threshold,
    status: majority ? 'majority' : 'no-overall-control',
    majorityParty: majority?.partyId ?? null,
    groups,
    controllingFaction: majority?.controllingFaction ?? null,
  };
}

/** Control of many councils at once; holdings may be in any order. */
export function controlOfAll(
  councils: ReadonlyArray<{ id: string; totalSeats: number }>,
  holdings: readonly Holding[],
): CouncilControl[] {
  const byCouncil = new Map<string, Holding[]>();
  for (const h of holdings) {
    const list = byCouncil.get(h.councilId) ?? [];
    list.push(h);
    byCouncil.set(h.councilId, list);
  }
  return councils.map((c) => councilControl(c.id, c.totalSeats, byCouncil.get(c.id) ?? []));
}
