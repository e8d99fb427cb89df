/**
 * The bulk load of a snapshot: into an empty registry it drops the plain indexes and builds them again at the
 * end of its transaction. The records read back must be the snapshot's, the indexes must come back exactly,
 * and a failed load must leave the tables empty and the indexes as they were.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RegistrySnapshot } from '../../domain/model.js';
import { generateSample } from '../../engines/sample/index.js';
import type { DialectAdapter } from '../dialect.js';
import { openPostgres } from '../dialect.postgres.js';
import { openSqlite } from '../dialect.sqlite.js';
import { tinySnapshot } from '../fixture.test-support.js';
import { migrate } from '../migrator.js';
import { SNAPSHOT_TABLES } from '../schema.js';
import { isPostgresUrl } from '../store.js';
import { testTargets } from '../targets.test-support.js';
import { RegistryRepository } from './registry.repo.js';

const TABLES = SNAPSHOT_TABLES.map((t) => t.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

async function adapterFor(location: string): Promise<DialectAdapter> {
  const adapter = isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
  await migrate(adapter);
  return adapter;
}

const inTransaction = <T>(adapter: DialectAdapter, fn: (repo: RegistryRepository) => Promise<T>) =>
  adapter.db.transaction().execute((trx) => fn(new RegistryRepository(trx, adapter)));

const canonical = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, canonical(x)]),
      )
    : v;

/** Each table's records as sorted canonical JSON, to compare a snapshot with what was read back. */
function tablesOf(s: RegistrySnapshot): Record<string, string[]> {
  return Object.fromEntries(
    SNAPSHOT_TABLES.map((t) => [t, (s[t] as object[]).map((r) => JSON.stringify(canonical(r))).sort()]),
  );
}

async function rowCounts(adapter: DialectAdapter): Promise<number[]> {
  return Promise.all(
    SNAPSHOT_TABLES.map(async (t) => {
      const r = await adapter.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    }),
  );
}

for (const target of testTargets()) {
  describe(`registry bulk load on ${target.name}`, () => {
    afterAll(() => target.cleanup());

    it('loads into an empty registry, children before parents too, and builds the same indexes again', async () => {
      const adapter = await adapterFor(await target.fresh());
      try {
        const indexes = await adapter.secondaryIndexes(adapter.db, TABLES);
        const names = indexes.map((i) => i.name);
        expect(names).toContain('candidacies_person_idx');
        // SQLite searches a table for rows that referred to each row inserted into it while a deferred key is
        // unresolved, so the indexes on references to the same table stay; PostgreSQL needs none of them.
        if (adapter.name === 'sqlite') expect(names).not.toContain('areas_parent_idx');
        else expect(names).toContain('areas_parent_idx');
        const snapshot = generateSample({ scale: 'small', seed: 3 });
        // Wards and groups before their councils and parties: the deferred keys must settle at the end.
        snapshot.areas.reverse();
        snapshot.organizations.reverse();
        const progress: number[] = [];
        const loaded = await inTransaction(adapter, (repo) =>
          repo.load(snapshot, (done) => progress.push(done)),
        );
        const total = SNAPSHOT_TABLES.reduce((n, t) => n + snapshot[t].length, 0);
        expect(loaded).toBe(total);
        expect(progress.at(-1)).toBe(total);
        expect(await adapter.secondaryIndexes(adapter.db, TABLES)).toEqual(indexes);
        const back = await new RegistryRepository(adapter.db, adapter).read();
        expect(tablesOf(back)).toEqual(tablesOf(snapshot));
      } finally {
        await adapter.close();
      }
    });

    it('leaves the tables empty and the indexes in place when the load fails', async () => {
      const adapter = await adapterFor(await target.fresh());
      try {
        const indexes = await adapter.secondaryIndexes(adapter.db, TABLES);
        const snapshot = tinySnapshot();
        snapshot.candidacies.push({ ...snapshot.candidacies[0]!, id: 'c:bad', personId: 'person:missing' });
        await expect(inTransaction(adapter, (repo) => repo.load(snapshot))).rejects.toThrow(/foreign key/i);
        expect(await adapter.secondaryIndexes(adapter.db, TABLES)).toEqual(indexes);
        expect(await rowCounts(adapter)).toEqual(SNAPSHOT_TABLES.map(() => 0));
      } finally {
        await adapter.close();
      }
    });

    it('is all or nothing when called outside a transaction', async () => {
      const adapter = await adapterFor(await target.fresh());
      try {
        const snapshot = tinySnapshot();
        snapshot.persons.push({ ...snapshot.persons[0]! });
        await expect(new RegistryRepository(adapter.db, adapter).load(snapshot)).rejects.toThrow(
          /unique|duplicate/i,
        );
        expect(await rowCounts(adapter)).toEqual(SNAPSHOT_TABLES.map(() => 0));
      } finally {
        await adapter.close();
      }
    });

    it('adds to a registry that holds data, keeping its indexes', async () => {
      const adapter = await adapterFor(await target.fresh());
      try {
        const indexes = await adapter.secondaryIndexes(adapter.db, TABLES);
        const first = tinySnapshot();
        await inTransaction(adapter, (repo) => repo.load(first));
        const more = tinySnapshot();
        for (const t of SNAPSHOT_TABLES) (more[t] as object[]).length = 0;
        // A field left undefined is no column, as in any Kysely insert (the table has no `note`).
        const later = { ...first.persons[0]!, id: 'person:later', name: 'Later Person', note: undefined };
        more.persons.push(later);
        expect(await inTransaction(adapter, (repo) => repo.load(more))).toBe(1);
        expect(await adapter.secondaryIndexes(adapter.db, TABLES)).toEqual(indexes);
        const counts = await rowCounts(adapter);
        expect(counts[SNAPSHOT_TABLES.indexOf('persons')]).toBe(first.persons.length + 1);
      } finally {
        await adapter.close();
      }
    });
  });
}
