import type { Kysely } from 'kysely';

/**
 * Saved forecasts: each with the inputs that made it (options, parameters, scenario, the registry facts it
 * read, compressed, and their digest) and its seed, so that it can be shown later, compared and re-run.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forecasts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull())
    .addColumn('polls', 'integer', (c) => c.notNull())
    .addColumn('scenario_name', 'text')
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forecasts_created_idx').on('forecasts').columns(['created_at']).execute();
}
