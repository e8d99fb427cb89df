/**
 * Voting power: the calculator over any weighted game, the power of groups in a council and of factions in
 * a group on a day (with the leader's dependence on blocs and the coalitions of a hung council), and a
 * faction's distance to control with the earliest pathway through the coming polls.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../domain/errors.js';
import {
  approximatePower,
  councilPower,
  distanceToControl,
  earliestControl,
  gameFromArgs,
  hungCouncil,
  leaderDependence,
  owen,
  parseUnions,
  powerJson,
  type UpcomingPoll,
  votingPower,
} from '../../engines/power/index.js';
import type { AppContext } from '../context.js';
import { isoDate, parseInput } from '../validate.js';
import { control, findCouncil, orgIndex } from './control.commands.js';
import { sittingSeatTerms } from './timetable.commands.js';

const calculatorInput = z.object({
  quota: z.string({ error: 'required' }),
  weights: z.string({ error: 'required' }),
  names: z.string().optional(),
  unions: z.string().optional(),
  exact: z.boolean().optional(),
  approx: z.boolean().optional(),
  samples: z.coerce.number().int().min(2).max(100_000_000).optional(),
  seed: z.coerce.number().int().min(0).optional(),
});

/** The power calculator: every index of [q; w1..wn], exactly, or estimated with --approx. */
export function powerCalculator(raw: unknown) {
  const input = parseInput(calculatorInput, raw, {
    quota: '--quota',
    weights: '--weights',
    names: '--names',
    unions: '--unions',
    samples: '--samples',
    seed: '--seed',
  });
  const game = gameFromArgs({ quota: input.quota, weights: input.weights, names: input.names });
  if (input.approx) {
    if (input.unions) throw new InvalidInputError('cannot be combined with --approx', { where: '--unions' });
    return approximatePower(game, { samples: input.samples, seed: input.seed });
  }
  const unions = input.unions ? owen(game, parseUnions(input.unions, game)) : undefined;
  return powerJson(votingPower(game), { exact: input.exact, owen: unions });
}

const councilInput = z.object({
  council: z.string().trim().min(1),
  group: z.string().trim().min(1).optional(),
  asOf: isoDate.optional(),
  exact: z.boolean().optional(),
});

/**
 * Power in a council on a day: party groups as players (with the coalitions of a hung council), or with
 * --group, the group's factions as players in electing its leader (unaligned members vote one by one),
 * and who the leader relies on.
 */
export async function councilPowerCommand(ctx: AppContext, raw: unknown) {
  const input = parseInput(councilInput, raw, { council: '--council', group: '--group', asOf: '--as-of' });
  const c = await control(ctx, { council: input.council, asOf: input.asOf });
  const row = c.councils[0]!;
  // Players carry names, so results read as people say them ("Labour Party", "Red Tide Network").
  const groups = row.groups.map((g) => ({
    id: g.party?.id ?? 'independent',
    name: g.party?.name ?? 'Independent',
    seats: g.seats,
    factions: g.factions.map((f) => ({ name: f.faction?.name ?? 'unaligned', seats: f.seats })),
  }));
  if (input.group) {
    const wanted = groups.find(
      (g) => g.id === input.group || g.name.toLowerCase() === input.group!.toLowerCase(),
    );
    if (!wanted) {
      throw new InvalidInputError(
        `no group of that party on ${row.council.name} on ${c.asOf}; groups: ${groups.map((g) => g.id).join(', ')}`,
        { where: '--group' },
      );
    }
    // The whole council is the game; the group's own leadership game is one of its parts.
    const result = councilPower({ groups, totalSeats: row.seats });
    const game = result.groups.find((g) => g.party === wanted.name);
    const blocs = wanted.factions
      .filter((f) => f.name !== 'unaligned')
      .map((f) => ({ name: f.name, weight: f.seats }));
    const unaligned = wanted.factions.find((f) => f.name === 'unaligned')?.seats ?? 0;
    const quota = Math.floor(wanted.seats / 2) + 1;
    return {
      kind: 'group' as const,
      asOf: c.asOf,
      council: row.council,
      group: { party: wanted.id, name: wanted.name, seats: wanted.seats, quota },
      power: game ? powerJson(game.power, { exact: input.exact }) : null,
      // The leader is elected by the group: which factions could the winning bloc not do without?
      dependence: leaderDependence(
        [...blocs, ...(unaligned ? [{ name: 'unaligned members', weight: unaligned }] : [])],
        quota,
        'seat',
      ),
    };
  }
  const result = councilPower({ groups, totalSeats: row.seats });
  return {
    kind: 'council' as const,
    asOf: c.asOf,
    council: row.council,
    status: row.status,
    seats: row.seats,
    power: powerJson(result.council, { exact: input.exact }),
    factionPowerInCouncil: result.twoLevel
      ? result.twoLevel.players.map((p) => ({ name: p.name, owen: p.owen, banzhafOwen: p.banzhafOwen }))
      : [],
    hung:
      row.status === 'majority'
        ? null
        : hungView(
            hungCouncil(
              groups.map((g) => ({ name: g.name, seats: g.seats })),
              { totalSeats: row.seats, maxCoalitions: 20 },
            ),
          ),
  };
}

/** A hung council's coalitions, with its power result in the JSON form (exact counts are BigInts). */
function hungView(h: ReturnType<typeof hungCouncil>) {
  return { ...h, power: powerJson(h.power) };
}

const takeoverInput = z.object({
  council: z.string().trim().min(1),
  faction: z.string().trim().min(1),
  asOf: isoDate.optional(),
});

/**
 * How far a faction is from controlling its group, and the council through it: the fewest seats to gain,
 * and the earliest ordinary poll by which that is possible given which seats come up when.
 */
export async function takeover(ctx: AppContext, raw: unknown) {
  const input = parseInput(takeoverInput, raw, {
    council: '--council',
    faction: '--faction',
    asOf: '--as-of',
  });
  const asOf = input.asOf ?? ctx.clock.today();
  const q = ctx.store.query;
  const council = await findCouncil(q, input.council);
  const orgs = await orgIndex(q);
  const faction =
    orgs.get(input.faction) ??
    [...orgs.values()].find(
      (o) => o.classification === 'faction' && o.name.toLowerCase() === input.faction.toLowerCase(),
    );
  if (faction?.classification !== 'faction' || !faction.parentId) {
    const factions = [...orgs.values()].filter((o) => o.classification === 'faction').map((o) => o.id);
    throw new InvalidInputError(`unknown faction "${input.faction}"; factions: ${factions.join(', ')}`, {
      where: '--faction',
    });
  }
  const party = faction.parentId;
  const { holdings, terms } = await sittingSeatTerms(q, asOf, council.id);
  const c = (await control(ctx, { council: council.id, asOf })).councils[0]!;
  // The engine explains itself in the names it is given, so players are keyed by name, not id.
  const label = (id: string | null | undefined) => (id ? (orgs.get(id)?.name ?? id) : null);
  const partyName = label(party)!;
  const groupSeats: Record<string, number> = {};
  const councilSeats: Record<string, number> = {};
  for (const g of c.groups) {
    const p = g.party?.name ?? 'Independent';
    councilSeats[p] = g.seats;
    if (g.party?.id === party)
      for (const f of g.factions) groupSeats[f.faction?.name ?? 'unaligned'] = f.seats;
  }
  if (councilSeats[partyName] === undefined) councilSeats[partyName] = 0;
  const position = { faction: faction.name, party: partyName, groupSeats, councilSeats, totalSeats: c.seats };
  const byPoll = new Map<string, UpcomingPoll>();
  holdings.forEach((h, i) => {
    const next = terms[i]?.nextPoll;
    if (!next) return;
    const poll = byPoll.get(next) ?? { id: next, date: next, seats: [] };
    (poll.seats as Array<{ seat: string; party: string | null; faction: string | null }>).push({
      seat: `${h.postId}#${h.personId}`,
      party: label(h.partyId),
      faction: label(h.factionId),
    });
    byPoll.set(next, poll);
  });
  const polls = [...byPoll.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    asOf,
    council: { id: council.id, name: council.name },
    faction: {
      id: faction.id,
      name: faction.name,
      party: { id: party, name: orgs.get(party)?.name ?? party },
    },
    distance: distanceToControl(position),
    group: earliestControl(position, polls, 'group'),
    councilControl: earliestControl(position, polls, 'council'),
  };
}
