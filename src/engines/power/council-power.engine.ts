/**
 * Council and group power in one call, for `caucus power --council` and for the national sweep over every
 * council. Three games:
 * - the council: party groups as players, quota a majority of the council's seats (vacancies included);
 * - each group with faction data: factions as players electing the group leader by a majority of the group.
 *   Unaligned members are players of weight 1 each, not a bloc: they do not vote together, and one bloc of
 *   them would overstate their power;
 * - two levels: every faction (and unaligned member) of every group as a player, the groups as a priori
 *   unions (Owen and Banzhaf-Owen values), so a faction's power in the council is visible, not only its
 *   power in its group. Groups without faction data are single players.
 */
import { InvalidInputError } from '../../domain/errors.js';
import { weightedGame } from './game.model.js';
import type { PowerLimits } from './limits.model.js';
import { type OwenResult, owen } from './owen.engine.js';
import { type PowerResult, votingPower } from './power.engine.js';

export interface FactionSeats {
  name: string;
  seats: number;
}

export interface CouncilGroup {
  /** Party (group) name; unique in the council. */
  name: string;
  seats: number;
  /** Seats by faction; they must sum to `seats`. Members under `unaligned` count as individuals. */
  factions?: readonly FactionSeats[];
  /** Votes needed to elect the group leader; default a majority of the group. */
  groupQuota?: number;
}

export interface CouncilPowerInput {
  groups: readonly CouncilGroup[];
  /** Council size including vacancies; default the sum of the groups' seats. */
  totalSeats?: number;
  /** Default floor(totalSeats / 2) + 1. */
  quota?: number;
  /** The faction name that stands for unaligned members. Default 'unaligned'. */
  unaligned?: string;
  limits?: PowerLimits;
}

export interface GroupPower {
  party: string;
  quota: number;
  power: PowerResult;
}

export interface CouncilPowerResult {
  quota: number;
  totalSeats: number;
  council: PowerResult;
  groups: GroupPower[];
  /** Factions within groups within the council; null when no group has faction data. */
  twoLevel: OwenResult | null;
}

interface Player {
  name: string;
  weight: number;
}

/** The players a group contributes: factions as blocs, unaligned members one by one. */
function groupPlayers(group: CouncilGroup, unaligned: string, prefix: string): Player[] {
  const players: Player[] = [];
  for (const f of group.factions ?? []) {
    if (f.name === unaligned) {
      for (let i = 1; i <= f.seats; i++) players.push({ name: `${prefix}${unaligned} ${i}`, weight: 1 });
    } else {
      players.push({ name: `${prefix}${f.name}`, weight: f.seats });
    }
  }
  return players;
}

/**
 * councilPower({ groups: [{ name: 'Lab', seats: 30, factions: [{ name: 'left', seats: 14 }, ...] }, ...] }):
 * the council game, each group's leadership game, and faction power in the council.
 */
export function councilPower(input: CouncilPowerInput): CouncilPowerResult {
  const unaligned = input.unaligned ?? 'unaligned';
  const names = new Set<string>();
  for (const g of input.groups) {
    if (names.has(g.name))
      throw new InvalidInputError(`group ${g.name} appears twice`, { where: 'groups', rule: 'unique' });
    names.add(g.name);
    const factions = new Set<string>();
    for (const f of g.factions ?? []) {
      if (factions.has(f.name)) {
        throw new InvalidInputError(`faction ${f.name} appears twice`, {
          where: `groups.${g.name}.factions`,
          rule: 'unique',
        });
      }
      factions.add(f.name);
    }
  }
  const opts = input.limits ? { limits: input.limits } : {};
  const held = input.groups.reduce((a, g) => a + g.seats, 0);
  const totalSeats = input.totalSeats ?? held;
  const quota = input.quota ?? Math.floor(totalSeats / 2) + 1;
  const councilGame = weightedGame(
    quota,
    input.groups.map((g) => g.seats),
    input.groups.map((g) => g.name),
  );
  const council = votingPower(councilGame, opts);
  const groups: GroupPower[] = [];
  for (const g of input.groups) {
    if (!g.factions || g.factions.length === 0 || g.seats === 0) continue;
    const sum = g.factions.reduce((a, f) => a + f.seats, 0);
    if (sum !== g.seats) {
      throw new InvalidInputError(`factions hold ${sum} seats but the group has ${g.seats}`, {
        where: `groups.${g.name}.factions`,
        rule: 'factions-sum-to-group',
      });
    }
    const players = groupPlayers(g, unaligned, '');
    const groupQuota = g.groupQuota ?? Math.floor(g.seats / 2) + 1;
    const game = weightedGame(
      groupQuota,
      players.map((p) => p.weight),
      players.map((p) => p.name),
    );
    groups.push({ party: g.name, quota: groupQuota, power: votingPower(game, opts) });
  }
  let twoLevel: OwenResult | null = null;
  if (groups.length > 0) {
    const players: Player[] = [];
    const unions: number[][] = [];
    for (const g of input.groups) {
      const members =
        g.factions && g.factions.length > 0 && g.seats > 0
          ? groupPlayers(g, unaligned, `${g.name}/`)
          : [{ name: g.name, weight: g.seats }];
      unions.push(members.map((_, i) => players.length + i));
      players.push(...members);
    }
    const game = weightedGame(
      quota,
      players.map((p) => p.weight),
      players.map((p) => p.name),
    );
    twoLevel = owen(game, unions, opts);
  }
  return { quota, totalSeats, council, groups, twoLevel };
}
