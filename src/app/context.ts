import type { Clock } from '../domain/ports.js';
import type { Store } from '../store/store.js';

/** Reports progress of long work; the CLI draws a bar from it, the API ignores it. */
export type Progress = (label: string, done: number, total: number) => void;

/** What every application command receives: the store, the clock, and an optional progress sink. */
export interface AppContext {
  store: Store;
  clock: Clock;
  progress?: Progress;
}
