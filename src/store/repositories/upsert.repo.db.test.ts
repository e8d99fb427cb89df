/**
 * The bulk path of an import: into a table empty before it, a large import drops the table's plain indexes and
 * builds them again at the end of its transaction. The indexes must come back exactly, a failed import must
 * leave them (and the table) as they were, and the records written must be what the row-by-row path writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Candidacy, Identifier, Person, RegistrySnapshot } from '../../domain/model.js';
import type { DialectAdapter } from '../dialect.js';
import { openPostgres } from '../dialect.postgres.js';
import { openSqlite } from '../dialect.sqlite.js';
import { tinySnapshot } from '../fixture.test-support.js';
import { migrate } from '../migrator.js';
import { isPostgresUrl } from '../store.js';
import { testTargets } from '../targets.test-support.js';
import { REBUILD_INDEXES_FROM, UpsertRepository } from './upsert.repo.js';

const N = REBUILD_INDEXES_FROM + 500;
const BALLOT = 'local.testborough.north.2022-05-05';

/** The tiny registry plus N people, each with a Democracy Club id and a candidacy on one ballot. */
function bulk(): Partial<RegistrySnapshot> {
  const s = tinySnapshot();
  const persons: Person[] = [];
  const identifiers: Identifier[] = [];
  const candidacies: Candidacy[] = [];
  for (let i = 0; i < N; i++) {
    const id = `dc-person:${90_000 + i}`;
    persons.push({
      id,
      sourceId: 'src:test',
      name: `Person ${i}`,
      givenName: null,
      familyName: null,
      honorificPrefix: null,
    });
    identifiers.push({
      ownerType: 'person',
      ownerId: id,
      scheme: 'democracy-club-person',
      identifier: String(90_000 + i),
    });
    candidacies.push({
      id: `${BALLOT}:${id}`,
      sourceId: 'src:test',
      ballotId: BALLOT,
      personId: id,
      partyId: null,
      votes: i,
      elected: false,
    });
  }
  return {
    ...s,
    persons: [...s.persons, ...persons],
    identifiers: [...s.identifiers, ...identifiers],
    candidacies: [...s.candidacies, ...candidacies],
  };
}

const TABLES = ['candidacies', 'identifiers'];

async function adapterFor(location: string): Promise<DialectAdapter> {
  const adapter = isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
  await migrate(adapter);
  return adapter;
}

for (const target of testTargets()) {
  describe(`bulk upsert into empty tables on ${target.name}`, () => {
    afterAll(() => target.cleanup());

    it('rebuilds the plain indexes it dropped, and a second upsert changes nothing', async () => {
      const adapter = await adapterFor(await target.fresh());
      try {
        const indexes = await adapter.secondaryIndexes(adapter.db, TABLES);
        expect(indexes.map((i) => i.name).sort()).toEqual([
          'candidacies_ballot_idx',
          'candidacies_person_idx',
          'identifiers_scheme_idx',
        ]);
        const snapshot = bulk();
        const first = await adapter.db
          .transaction()
          .execute((trx) => new UpsertRepository(trx, adapter).upsert(snapshot));
        expect(first.candidacies).toEqual({ added: N + 2, updated: 0, unchanged: 0 });
        expect(first.identifiers).toEqual({ added: N + 1, updated: 0, unchanged: 0 });
        expect(await adapter.secondaryIndexes(adapter.db, TABLES)).toEqual(indexes);
        const stored = await adapter.db
          .selectFrom('candidacies')
          .select(['id', 'votes'])
          .orderBy('id')
          .execute();
        expect(stored).toHaveLength(N + 2);
        expect(stored.find((c) => c.id === `${BALLOT}:dc-person:90007`)?.votes).toBe(7);
        const again = await adapter.db
          .transaction()
          .execute((trx) => new UpsertRepository(trx, adapter).upsert(snapshot));
        expect(again.candidacies).toEqual({ added: 0, updated: 0, unchanged: N + 2 });
        expect(again.identifiers).toEqual({ added: 0, updated: 0, unchanged: N + 1 });
      } finally {
        await adapter.close();
      }
    });

    it('leaves the tables empty and their indexes in place when the import fails', async () => {
      const adapter = await adapterFor(await target.fresh());
      try {
        const indexes = await adapter.secondaryIndexes(adapter.db, TABLES);
        const snapshot = bulk();
        // A candidacy of someone the registry does not hold: the deferred foreign key fails the transaction.
        snapshot.candidacies!.push({
          id: `${BALLOT}:nobody`,
          sourceId: 'src:test',
          ballotId: BALLOT,
          personId: 'nobody',
          partyId: null,
          votes: null,
          elected: false,
        });
        await expect(
          adapter.db.transaction().execute((trx) => new UpsertRepository(trx, adapter).upsert(snapshot)),
        ).rejects.toThrow(/foreign key/i);
        expect(await adapter.secondaryIndexes(adapter.db, TABLES)).toEqual(indexes);
        for (const table of ['persons', 'candidacies', 'identifiers'] as const) {
          const n = await adapter.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          expect(Number(n.n), table).toBe(0);
        }
      } finally {
        await adapter.close();
      }
    });
  });
}
