/** Size limits for exact computation; past them a GameTooLargeError names --approx. */
import { InvalidInputError } from '../../domain/errors.js';

export interface PowerLimits {
  /** Elementary steps (residue updates) allowed; about 1-3 ns each. Default 2e10. */
  maxWork?: number;
  /** Bytes of tables allowed. Default 1 GiB. */
  maxBytes?: number;
}

export const DEFAULT_LIMITS: Required<PowerLimits> = { maxWork: 2e10, maxBytes: 2 ** 30 };

/** The game is too big for exact computation within the limits; the message offers --approx. */
export class GameTooLargeError extends InvalidInputError {
  constructor(what: string, work: number, bytes: number, limits: Required<PowerLimits>) {
    super(
      `exact ${what} for this game needs about ${work.toExponential(1)} steps and ${mib(bytes)} ` +
        `(limits ${limits.maxWork.toExponential(1)} steps, ${mib(limits.maxBytes)}); ` +
        'use --approx for Monte Carlo estimates with a stated standard error',
      { where: '--weights', rule: 'exact-size-limit', work, bytes, suggestion: '--approx' },
    );
  }
}

function mib(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 20)} MiB`;
}

/** Throws GameTooLargeError when a cost passes the limits. */
export function checkLimits(what: string, cost: { work: number; bytes: number }, limits?: PowerLimits): void {
  const l = { ...DEFAULT_LIMITS, ...limits };
  if (cost.work > l.maxWork || cost.bytes > l.maxBytes)
    throw new GameTooLargeError(what, cost.work, cost.bytes, l);
}
