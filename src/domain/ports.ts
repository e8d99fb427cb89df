import type { IsoDate } from './dates.js';

/** The clock comes in from outside so that every command is reproducible in tests. */
export interface Clock {
  today(): IsoDate;
  now(): Date;
}

export const systemClock: Clock = {
  today: () => new Date().toISOString().slice(0, 10),
  now: () => new Date(),
};

/** A clock stopped at one day, for tests and for `--as-of` replays. */
export function fixedClock(day: IsoDate): Clock {
  return { today: () => day, now: () => new Date(`${day}T12:00:00Z`) };
}
