/**
 * Hung councils: which combinations of party groups can command a majority. Councils have few groups
 * (rarely more than a dozen), so the winning coalitions are enumerated outright, minimal ones first, and
 * each party's voting power comes from votingPower on the same game.
 */
import { InvalidInputError } from '../../domain/errors.js';
import { weightedGame } from './game.model.js';
import type { PowerLimits } from './limits.model.js';
import { type PowerResult, votingPower } from './power.engine.js';

export interface PartySeats {
  name: string;
  seats: number;
}

export interface CoalitionOption {
  parties: string[];
  seats: number;
  /** seats - quota. */
  surplus: number;
  /** Number of parties. */
  size: number;
  /** No party in it could leave without the rest falling below the quota. */
  minimal: boolean;
}

export interface HungCouncil {
  quota: number;
  totalSeats: number;
  /** The party with a majority on its own, if any. */
  majorityParty: string | null;
  hung: boolean;
  winningCoalitions: number;
  minimalWinningCoalitions: number;
  /** Minimal first; then fewer parties, smaller surplus, names. At most maxCoalitions. */
  coalitions: CoalitionOption[];
  truncated: boolean;
  power: PowerResult;
}

export interface HungCouncilOptions {
  /** Council size including vacancies; default the sum of seats. The majority is more than half of it. */
  totalSeats?: number;
  /** Default floor(totalSeats / 2) + 1. */
  quota?: number;
  /** Default 50. */
  maxCoalitions?: number;
  limits?: PowerLimits;
}

const MAX_PARTIES = 20;

/** hungCouncil([{ name: 'Lab', seats: 28 }, { name: 'Con', seats: 25 }, { name: 'LD', seats: 7 }]). */
export function hungCouncil(parties: readonly PartySeats[], options: HungCouncilOptions = {}): HungCouncil {
  if (parties.length > MAX_PARTIES) {
    throw new InvalidInputError(
      `${parties.length} groups; listing coalitions handles at most ${MAX_PARTIES}`,
      {
        where: 'parties',
        rule: 'at-most-20',
      },
    );
  }
  const seatsSum = parties.reduce((a, p) => a + p.seats, 0);
  const totalSeats = options.totalSeats ?? seatsSum;
  if (!Number.isSafeInteger(totalSeats) || totalSeats < seatsSum) {
    throw new InvalidInputError(`total seats ${totalSeats} is below the ${seatsSum} seats held`, {
      where: 'totalSeats',
      rule: 'at-least-held',
    });
  }
  const quota = options.quota ?? Math.floor(totalSeats / 2) + 1;
  const game = weightedGame(
    quota,
    parties.map((p) => p.seats),
    parties.map((p) => p.name),
  );
  const power = votingPower(game, options.limits ? { limits: options.limits } : {});
  const n = parties.length;
  const all: CoalitionOption[] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    let seats = 0;
    let lightest = Number.POSITIVE_INFINITY;
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        seats += parties[i]!.seats;
        lightest = Math.min(lightest, parties[i]!.seats);
        names.push(parties[i]!.name);
      }
    }
    if (seats < quota) continue;
    all.push({
      parties: names,
      seats,
      surplus: seats - quota,
      size: names.length,
      minimal: seats - lightest < quota,
    });
  }
  all.sort(
    (a, b) =>
      Number(b.minimal) - Number(a.minimal) ||
      a.size - b.size ||
      a.surplus - b.surplus ||
      a.parties.join('\u0000').localeCompare(b.parties.join('\u0000')),
  );
  const max = options.maxCoalitions ?? 50;
  const majority = parties.find((p) => p.seats >= quota);
  return {
    quota,
    totalSeats,
    majorityParty: majority ? majority.name : null,
    hung: !majority,
    winningCoalitions: all.length,
    minimalWinningCoalitions: all.filter((c) => c.minimal).length,
    coalitions: all.slice(0, max),
    truncated: all.length > max,
    power,
  };
}
