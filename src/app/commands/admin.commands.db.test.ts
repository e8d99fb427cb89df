import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/ports.js';
import { tinySnapshot } from '../../store/fixture.test-support.js';
import { openStore } from '../../store/store.js';
import { testTargets } from '../../store/targets.test-support.js';
import { backup, migrateDatabase, restore } from './admin.commands.js';

const clock = fixedClock('2026-11-25');
const dir = mkdtempSync(join(tmpdir(), 'caucus-admin-'));
const targets = testTargets();
afterAll(async () => {
  for (const t of targets) await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function filled(location: string): Promise<void> {
  const store = await openStore(location);
  await store.transaction((r) => r.registry.load(tinySnapshot()));
  await store.close();
}

async function snapshotOf(location: string) {
  const store = await openStore(location);
  try {
    return await store.registry.read();
  } finally {
    await store.close();
  }
}

for (const from of targets) {
  for (const to of targets) {
    it(`migrates ${from.name} to ${to.name}, verified by counts and checksums`, async () => {
      const a = await from.fresh();
      const b = await to.fresh();
      await filled(a);
      const r = await migrateDatabase({}, { from: a, to: b });
      expect(r.verified).toBe(true);
      expect(r.tables.find((t) => t.table === 'memberships')!.rows).toBe(tinySnapshot().memberships.length);
      expect(await snapshotOf(b)).toEqual(await snapshotOf(a));
      // The copy is complete enough to take new writes: serial ids continue past the copied ones.
      const store = await openStore(b);
      await store.transaction((repos) =>
        repos.registry.load({
          ...emptyLike(),
          citations: [
            {
              factType: 'person',
              factId: 'person:2',
              sourceId: 'src:news',
              quote: null,
              quoteStart: null,
              quoteEnd: null,
            },
          ],
        }),
      );
      await store.close();
    });
  }
}

function emptyLike() {
  const s = tinySnapshot();
  for (const k of Object.keys(s) as Array<keyof typeof s>) s[k] = [] as never;
  return s;
}

describe.each(targets.map((t) => [t.name, t] as const))('backup and restore on %s', (_name, target) => {
  it('round-trips the whole database', async () => {
    const a = await target.fresh();
    await filled(a);
    const file = join(dir, `backup-${target.name}-${Date.now()}`);
    const store = await openStore(a);
    const b = await backup({ store, clock }, { file });
    await store.close();
    expect(b.format).toBe(target.name === 'sqlite' ? 'sqlite' : 'caucus-dump');
    const restoredAt = await target.fresh();
    const into = await openStore(restoredAt);
    const r = await restore({ store: into, clock }, { file });
    await into.close();
    expect(r.tables.find((t) => t.table === 'persons')!.rows).toBe(2);
    expect(await snapshotOf(restoredAt)).toEqual(await snapshotOf(a));
  });

  it('refuses to restore into a database that holds data, writing nothing', async () => {
    const a = await target.fresh();
    await filled(a);
    const file = join(dir, `self-${target.name}-${Date.now()}`);
    const store = await openStore(a);
    await backup({ store, clock }, { file });
    await expect(restore({ store, clock }, { file })).rejects.toThrow(/already holds data/);
    expect((await store.registry.counts()).persons).toBe(2);
    await store.close();
  });
});

describe('portable dump', () => {
  it('restores a dump into SQLite and rejects a tampered one', async () => {
    const [sqlite] = targets;
    const a = await sqlite!.fresh();
    await filled(a);
    // Force the portable format by making a dump through a store without an online backup.
    const store = await openStore(a);
    const file = join(dir, 'dump.jsonl');
    await backup({ store: { ...store, backupFile: undefined }, clock }, { file });
    await store.close();
    const b = await sqlite!.fresh();
    const into = await openStore(b);
    await restore({ store: into, clock }, { file });
    await into.close();
    expect(await snapshotOf(b)).toEqual(await snapshotOf(a));

    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('Alex Example', 'Alex Exemplar'));
    const c = await openStore(await sqlite!.fresh());
    await expect(restore({ store: c, clock }, { file: tampered })).rejects.toThrow(
      /does not match its checksum/,
    );
    expect(await c.registry.isEmpty()).toBe(true);
    const truncated = join(dir, 'truncated.jsonl');
    writeFileSync(truncated, readFileSync(file, 'utf8').split('\n').slice(0, 5).join('\n'));
    await expect(restore({ store: c, clock }, { file: truncated })).rejects.toThrow(/truncated/);
    await c.close();
  });
});
