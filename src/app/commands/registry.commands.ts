/** Commands that create, fill and export the registry as a whole. */
import { z } from 'zod';
import { ConflictError } from '../../domain/errors.js';
import type { RegistrySnapshot } from '../../domain/model.js';
import { fromPopolo, parsePopoloText, toPopolo } from '../../engines/popolo/index.js';
import { generateSample } from '../../engines/sample/index.js';
import { SCHEMA_VERSION } from '../../store/migrator.js';
import type { TableName } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';

export interface LoadResult {
  records: number;
  counts: Partial<Record<TableName, number>>;
}

function countsOf(snapshot: RegistrySnapshot): Partial<Record<TableName, number>> {
  const out: Partial<Record<TableName, number>> = {};
  for (const [k, v] of Object.entries(snapshot)) if (v.length) out[k as TableName] = v.length;
  return out;
}

/** Loads a snapshot in one transaction; an id already present is a conflict and nothing is written. */
async function loadSnapshot(ctx: AppContext, snapshot: RegistrySnapshot, label: string): Promise<LoadResult> {
  try {
    const records = await ctx.store.transaction((repos) =>
      repos.registry.load(snapshot, (done, total) => ctx.progress?.(label, done, total)),
    );
    // Fresh statistics let the planner pick the right index for "who held this council's seats" queries.
    await ctx.store.optimize();
    return { records, counts: countsOf(snapshot) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/UNIQUE constraint|duplicate key/i.test(message)) {
      throw new ConflictError(
        `${label}: a record with the same id is already in the database; nothing was written (${message})`,
      );
    }
    if (/FOREIGN KEY constraint|foreign key constraint/i.test(message)) {
      throw new ConflictError(
        `${label}: a record refers to one that does not exist; nothing was written (${message})`,
      );
    }
    throw err;
  }
}

export async function init(
  ctx: AppContext,
): Promise<{ database: string; schemaVersion: number; empty: boolean }> {
  return {
    database: ctx.store.location,
    schemaVersion: SCHEMA_VERSION,
    empty: await ctx.store.registry.isEmpty(),
  };
}

export const demoInput = z.object({
  scale: z.enum(['small', 'uk']).default('uk'),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
});

/** Loads the seeded, clearly fictional sample nation into an empty database. */
export async function demo(
  ctx: AppContext,
  raw: unknown,
): Promise<LoadResult & { scale: string; seed: number }> {
  const input = parseInput(demoInput, raw, { scale: '--scale', seed: '--seed' });
  if (!(await ctx.store.registry.isEmpty())) {
    throw new ConflictError(
      `${ctx.store.location} already holds data; load the sample into a new database (--db PATH)`,
    );
  }
  ctx.progress?.('generating sample', 0, 1);
  const snapshot = generateSample({ scale: input.scale, seed: input.seed, today: ctx.clock.today() });
  const result = await loadSnapshot(ctx, snapshot, 'loading sample');
  return { scale: input.scale, seed: input.seed, ...result };
}

/** Imports a Popolo JSON document (Caucus's own exports or another registry's). */
export async function importPopolo(
  ctx: AppContext,
  input: { text: string; file: string },
): Promise<LoadResult> {
  const doc = parsePopoloText(input.text, input.file);
  const snapshot = fromPopolo(doc, input.file);
  return loadSnapshot(ctx, snapshot, input.file);
}

/** The whole registry as a Popolo JSON document. */
export async function exportPopolo(ctx: AppContext): Promise<unknown> {
  return toPopolo(await ctx.store.registry.read());
}
