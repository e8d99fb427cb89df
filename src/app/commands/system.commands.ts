/** Whether the service can answer: the database is reachable. */
import type { AppContext } from '../context.js';

export interface Health {
  status: 'ok' | 'unavailable';
  database: 'reachable' | 'unreachable';
  dialect: string;
}

/** health(ctx) -> { status: 'ok', database: 'reachable', dialect: 'sqlite' }; never throws. */
export async function health(ctx: AppContext): Promise<Health> {
  let ok = false;
  try {
    ok = await ctx.store.catalog.ping();
  } catch {
    ok = false;
  }
  return {
    status: ok ? 'ok' : 'unavailable',
    database: ok ? 'reachable' : 'unreachable',
    dialect: ctx.store.dialect,
  };
}

/** Readies the database for serving reads: refreshes the planner's statistics (about a second for the uk sample). */
export async function prepareToServe(ctx: AppContext): Promise<void> {
  await ctx.store.catalog.refreshStatistics();
}
