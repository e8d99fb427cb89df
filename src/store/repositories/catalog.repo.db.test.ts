/**
 * Keyset paging and whole-registry reads must follow each table's full key. Identifiers are keyed by owner,
 * scheme and identifier (migration 0004): a council's alternative names share owner and scheme, so paging
 * by the first three columns alone skipped all but one of them at a page boundary.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Identifier } from '../../domain/model.js';
import { tinySnapshot } from '../fixture.test-support.js';
import { openStore, type Store } from '../store.js';
import { testTargets } from '../targets.test-support.js';
import type { KeyValue } from './catalog.repo.js';

const NAMES = ['testborough', 'borough of test', 'test', 'test borough council'];

/** The tiny registry with several identifiers that differ only in `identifier`, stored out of order. */
function snapshotWithNames() {
  const s = tinySnapshot();
  for (const identifier of NAMES)
    s.identifiers.push({ ownerType: 'organization', ownerId: 'TST', scheme: 'name', identifier });
  s.identifiers.push({
    ownerType: 'person',
    ownerId: 'person:1',
    scheme: 'merged-from',
    identifier: 'person:9',
  });
  s.identifiers.push({
    ownerType: 'person',
    ownerId: 'person:1',
    scheme: 'merged-from',
    identifier: 'person:10',
  });
  return s;
}

const keyOf = (i: Identifier) => [i.ownerType, i.ownerId, i.scheme, i.identifier];
const byKey = (a: Identifier, b: Identifier) => {
  const [x, y] = [keyOf(a), keyOf(b)];
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k]! < y[k]! ? -1 : 1;
  return 0;
};

async function pageAll(store: Store, limit: number): Promise<Identifier[]> {
  const out: Identifier[] = [];
  let after: KeyValue[] | null = null;
  for (;;) {
    const page: Array<{ record: Identifier; key: KeyValue[] }> = await store.catalog.tablePage<Identifier>(
      'identifiers',
      after,
      limit,
    );
    out.push(...page.map((p) => p.record));
    if (page.length < limit) return out;
    after = page[page.length - 1]!.key;
  }
}

for (const target of testTargets()) {
  describe(`identifiers in key order on ${target.name}`, () => {
    afterAll(() => target.cleanup());

    it('pages every identifier, those differing only in `identifier` included, at any page size', async () => {
      const store = await openStore(await target.fresh());
      try {
        const snapshot = snapshotWithNames();
        await store.transaction((r) => r.registry.load(snapshot));
        const expected = [...snapshot.identifiers].sort(byKey);
        expect(expected.filter((i) => i.ownerId === 'TST' && i.scheme === 'name')).toHaveLength(NAMES.length);
        for (const limit of [1, 2, 3, 500])
          expect(await pageAll(store, limit), `page size ${limit}`).toEqual(expected);
        // The whole-registry read (exports, dumps) gives them in the same order.
        expect((await store.registry.read()).identifiers).toEqual(expected);
      } finally {
        await store.close();
      }
    });
  });
}
