/**
 * The JSON shapes of `caucus power --json` (part of the CLI contract): counts as JSON numbers while they
 * are safe integers, as decimal strings beyond 2^53; indices as decimal numbers; with `exact`, each player
 * also carries `exact: { banzhaf: "5/21", ... }` with reduced fraction strings.
 */
import type { OwenResult } from './owen.engine.js';
import type { PowerResult } from './power.engine.js';

export type JsonCount = number | string;

/** A BigInt count for JSON: a number when exact in a double, else its decimal string. */
export function countJson(n: bigint): JsonCount {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n.toString();
}

export interface PowerJsonPlayer {
  name: string;
  weight: number;
  swings: JsonCount;
  banzhaf: number;
  banzhafAbsolute: number;
  shapleyShubik: number;
  deeganPackel: number;
  holler: number;
  owen?: number;
  banzhafOwen?: number;
  exact?: Record<string, string>;
}

export interface PowerJson {
  quota: number;
  totalWeight: number;
  winningCoalitions: JsonCount;
  minimalWinningCoalitions: JsonCount;
  dictator: string | null;
  vetoPlayers: string[];
  dummies: string[];
  players: PowerJsonPlayer[];
}

/** powerJson(votingPower(game), { exact: true, owen: owen(game, unions) }). */
export function powerJson(
  result: PowerResult,
  options: { exact?: boolean; owen?: OwenResult } = {},
): PowerJson {
  return {
    quota: result.quota,
    totalWeight: result.totalWeight,
    winningCoalitions: countJson(result.winningCoalitions),
    minimalWinningCoalitions: countJson(result.minimalWinningCoalitions),
    dictator: result.dictator,
    vetoPlayers: result.vetoPlayers,
    dummies: result.dummies,
    players: result.players.map((p, i) => {
      const o = options.owen?.players[i];
      const player: PowerJsonPlayer = {
        name: p.name,
        weight: p.weight,
        swings: countJson(p.swings),
        banzhaf: p.banzhaf,
        banzhafAbsolute: p.banzhafAbsolute,
        shapleyShubik: p.shapleyShubik,
        deeganPackel: p.deeganPackel,
        holler: p.holler,
      };
      if (o) {
        player.owen = o.owen;
        player.banzhafOwen = o.banzhafOwen;
      }
      if (options.exact) {
        player.exact = { ...p.exact, ...(o ? { owen: o.exact.owen, banzhafOwen: o.exact.banzhafOwen } : {}) };
      }
      return player;
    }),
  };
}
