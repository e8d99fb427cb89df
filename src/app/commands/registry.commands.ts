/** Commands that create, fill and export the registry as a whole. */
import { z } from 'zod';
import { ConflictError } from '../../domain/errors.js';
import type { Alias, RegistrySnapshot } from '../../domain/model.js';
import { fromPopolo, parsePopoloText, toPopolo } from '../../engines/popolo/index.js';
import { generateSample } from '../../engines/sample/index.js';
import { SCHEMA_VERSION } from '../../store/migrator.js';
import type { TableName } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';
import { nameKey } from './claim-links.support.js';

export interface LoadResult {
  records: number;
  /** Records loaded per table, and `aliases` added (a Popolo import's other names). */
  counts: Partial<Record<TableName | 'aliases', number>>;
}

function countsOf(snapshot: RegistrySnapshot): Partial<Record<TableName, number>> {
  const out: Partial<Record<TableName, number>> = {};
  for (const [k, v] of Object.entries(snapshot)) if (v.length) out[k as TableName] = v.length;
  return out;
}

/**
 * Aliases to store with their keys: one per owner and key, leaving out a name that is only the owner's
 * own name written differently in case or punctuation.
 */
function aliasRows(
  snapshot: RegistrySnapshot,
  aliases: readonly Alias[],
): Array<Alias & { aliasKey: string }> {
  // Most loads (the sample, most Popolo files) have none; keying every name of the uk sample takes ~0.3 s.
  if (aliases.length === 0) return [];
  const names = new Map<string, string>();
  for (const p of snapshot.persons) names.set(`person\u0000${p.id}`, nameKey(p.name));
  for (const o of snapshot.organizations) names.set(`organization\u0000${o.id}`, nameKey(o.name));
  for (const a of snapshot.areas) names.set(`area\u0000${a.id}`, nameKey(a.name));
  const seen = new Set<string>();
  const out: Array<Alias & { aliasKey: string }> = [];
  for (const a of aliases) {
    const owner = `${a.ownerType}\u0000${a.ownerId}`;
    const aliasKey = nameKey(a.alias);
    if (!aliasKey || names.get(owner) === aliasKey || seen.has(`${owner}\u0000${aliasKey}`)) continue;
    seen.add(`${owner}\u0000${aliasKey}`);
    out.push({ ...a, aliasKey });
  }
  return out;
}

/**
 * Loads a snapshot (and the aliases of its records) in one transaction; an id already present is a
 * conflict and nothing is written.
 */
async function loadSnapshot(
  ctx: AppContext,
  snapshot: RegistrySnapshot,
  label: string,
  aliases: readonly Alias[] = [],
): Promise<LoadResult> {
  try {
    const rows = aliasRows(snapshot, aliases);
    const { records, added } = await ctx.store.transaction(async (repos) => {
      const loaded = await repos.registry.load(snapshot, (done, total) => ctx.progress?.(label, done, total));
      return { records: loaded, added: await repos.linking.addAliases(rows) };
    });
    // Fresh statistics let the planner pick the right index for "who held this council's seats" queries.
    await ctx.store.optimize();
    return { records, counts: { ...countsOf(snapshot), ...(added ? { aliases: added } : {}) } };
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
  const { aliases, ...snapshot } = fromPopolo(doc, input.file);
  return loadSnapshot(ctx, snapshot, input.file, aliases);
}

/** The whole registry as a Popolo JSON document, aliases included as other names. */
export async function exportPopolo(ctx: AppContext): Promise<unknown> {
  return toPopolo({ ...(await ctx.store.registry.read()), aliases: await ctx.store.linking.allAliases() });
}
