/**
 * Versioned migrations, applied on open inside one transaction each. The schema version lives in
 * caucus_meta; a database written by a newer Caucus is refused rather than guessed at.
 */
import type { Kysely } from 'kysely';
import { InvalidInputError } from '../domain/errors.js';
import type { DialectAdapter, DialectName } from './dialect.js';
import * as m0001 from './migrations/0001-registry.migration.js';
import * as m0002 from './migrations/0002-accounts.migration.js';
import * as m0003 from './migrations/0003-review.migration.js';
import * as m0004 from './migrations/0004-people.migration.js';
import * as m0005 from './migrations/0005-forecast.migration.js';
import * as m0006 from './migrations/0006-token-usage.migration.js';
import type { Database } from './schema.js';

interface Migration {
  version: number;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema of their time
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'registry', up: m0001.up },
  { version: 2, name: 'accounts', up: m0002.up },
  { version: 3, name: 'review', up: m0003.up },
  { version: 4, name: 'people', up: m0004.up },
  { version: 5, name: 'forecast', up: m0005.up },
  { version: 6, name: 'token-usage', up: m0006.up },
];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export async function schemaVersion(db: Kysely<Database>): Promise<number> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'caucus_meta')) return 0;
  const row = await db
    .selectFrom('caucusMeta')
    .select('value')
    .where('key', '=', 'schema_version')
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

function refuseNewer(adapter: DialectAdapter, found: number): void {
  if (found > SCHEMA_VERSION) {
    throw new InvalidInputError(
      `was written by a newer version of Caucus (schema ${found}; this version knows up to ${SCHEMA_VERSION}). Upgrade Caucus to open it; the database was left untouched`,
      { where: adapter.location, rule: 'schema-version' },
    );
  }
}

/**
 * Brings the database up to SCHEMA_VERSION in one transaction, under the dialect's migration lock,
 * re-reading the version inside it so two processes opening at once migrate only once. Returns the
 * version it found.
 */
export async function migrate(adapter: DialectAdapter): Promise<number> {
  await adapter.checkIsCaucus();
  const seen = await schemaVersion(adapter.db);
  refuseNewer(adapter, seen);
  if (seen === SCHEMA_VERSION) return seen;
  return adapter.db.transaction().execute(async (trx) => {
    await adapter.lockForMigration(trx);
    const found = await schemaVersion(trx);
    refuseNewer(adapter, found);
    for (const migration of MIGRATIONS) {
      if (migration.version <= found) continue;
      await migration.up(trx, adapter.name);
      const values = [
        { key: 'application', value: 'caucus' },
        { key: 'schema_version', value: String(migration.version) },
      ];
      for (const v of values) {
        await trx
          .insertInto('caucusMeta')
          .values(v)
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: v.value }))
          .execute();
      }
    }
    return found;
  });
}
