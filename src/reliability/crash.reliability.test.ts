/**
 * Crash safety: a large import is killed with SIGKILL at 20 seeded random points; every time, the database
 * opens, passes its integrity check, and holds either all of the import or none of it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../cli/cli.test-support.js';
import { emptySnapshot, organization, type RegistrySnapshot } from '../domain/model.js';
import { createRandom } from '../domain/random.js';
import { toPopolo } from '../engines/popolo/index.js';
import { openStore } from '../store/store.js';
import { testTargets } from '../store/targets.test-support.js';

const KILLS = 20;
const PEOPLE = 30_000;

/** A registry big enough that importing it takes a few seconds. */
function bigSnapshot(): RegistrySnapshot {
  const s = emptySnapshot();
  s.sources.push({
    id: 'src:crash',
    kind: 'generated',
    url: null,
    title: 'crash test (fictional)',
    publisher: null,
    publishedOn: null,
  });
  s.organizations.push(
    organization({ id: 'party:crash', sourceId: 'src:crash', classification: 'party', name: 'Crash Party' }),
  );
  for (let i = 0; i < PEOPLE; i++) {
    s.persons.push({
      id: `p${i}`,
      sourceId: 'src:crash',
      name: `Person ${i}`,
      givenName: null,
      familyName: null,
      honorificPrefix: null,
    });
    s.memberships.push({
      id: `m${i}`,
      sourceId: 'src:crash',
      personId: `p${i}`,
      organizationId: 'party:crash',
      postId: null,
      role: 'member',
      label: null,
      onBehalfOfId: null,
      startDate: '2020-01-01',
      endDate: null,
      startReason: 'joined',
      endReason: null,
    });
  }
  return s;
}

function runImport(db: string, file: string): ChildProcess {
  return spawn(process.execPath, [CLI, '--db', db, 'import', 'popolo', file], { stdio: 'ignore' });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-crash-'));
  file = join(dir, 'big.json');
  writeFileSync(file, JSON.stringify(toPopolo(bigSnapshot())));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const target of testTargets()) {
  describe(`crash safety on ${target.name}`, () => {
    afterAll(() => target.cleanup());

    it(`survives SIGKILL at ${KILLS} random points of a large import, all or nothing`, async () => {
      const reference = await target.fresh();
      const t0 = performance.now();
      expect(await exited(runImport(reference, file))).toBe(0);
      const duration = performance.now() - t0;
      const full = await openStore(reference);
      const all = (await full.registry.counts()).persons;
      await full.close();
      expect(all).toBe(PEOPLE);

      const rng = createRandom(20261125);
      const outcomes = { all: 0, none: 0 };
      for (let k = 0; k < KILLS; k++) {
        const db = await target.fresh();
        // Make the database first so every kill lands in the import, not in the schema's creation.
        (await openStore(db)).close();
        const child = runImport(db, file);
        // Listen before killing: an import that finishes early must not leave the test waiting forever.
        const done = exited(child);
        const at = duration * (0.1 + 0.85 * rng.next());
        await new Promise((r) => setTimeout(r, at));
        child.kill('SIGKILL');
        await done;
        const store = await openStore(db);
        try {
          expect(await store.integrityCheck(), `kill ${k} at ${Math.round(at)} ms`).toEqual([]);
          const counts = await store.registry.counts();
          const persons = counts.persons;
          expect([0, PEOPLE], `kill ${k} at ${Math.round(at)} ms left ${persons} persons`).toContain(persons);
          expect(counts.memberships).toBe(persons);
          outcomes[persons === 0 ? 'none' : 'all'] += 1;
        } finally {
          await store.close();
        }
      }
      // Most kills land before the commit; the test is meaningless if none did.
      expect(outcomes.none).toBeGreaterThan(0);
    }, 600_000);
  });
}
