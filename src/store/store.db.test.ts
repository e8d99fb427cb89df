import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaucusError } from '../domain/errors.js';
import { tinySnapshot } from './fixture.test-support.js';
import { SCHEMA_VERSION } from './migrator.js';
import { openStore } from './store.js';
import { PG_SKIP_REASON, testTargets } from './targets.test-support.js';

const canonical = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, canonical(x)]),
      )
    : v;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

if (PG_SKIP_REASON) console.warn(PG_SKIP_REASON);

for (const target of testTargets()) {
  describe(`store on ${target.name}`, () => {
    afterAll(() => target.cleanup());

    it('migrates, and reopens without migrating again', async () => {
      const location = await target.fresh();
      const store = await openStore(location);
      expect(await store.registry.isEmpty()).toBe(true);
      await store.close();
      const again = await openStore(location);
      expect(await again.registry.isEmpty()).toBe(true);
      await again.close();
    });

    it('loads a snapshot and reads back the same records', async () => {
      const store = await openStore(await target.fresh());
      const snapshot = tinySnapshot();
      await store.transaction((r) => r.registry.load(snapshot));
      const back = await store.registry.read();
      for (const key of Object.keys(snapshot) as Array<keyof typeof snapshot>) {
        const sortKey = (x: object) => JSON.stringify(canonical(x));
        expect([...back[key]].map(sortKey).sort(), key).toEqual([...snapshot[key]].map(sortKey).sort());
      }
      expect((await store.registry.counts()).memberships).toBe(snapshot.memberships.length);
      await store.close();
    });

    it('writes nothing when a load fails part-way', async () => {
      const store = await openStore(await target.fresh());
      const snapshot = tinySnapshot();
      snapshot.candidacies.push({ ...snapshot.candidacies[0]!, id: 'c:bad', personId: 'person:missing' });
      await expect(store.transaction((r) => r.registry.load(snapshot))).rejects.toThrow(/foreign key/i);
      expect(await store.registry.isEmpty()).toBe(true);
      expect(Object.values(await store.registry.counts()).every((n) => n === 0)).toBe(true);
      await store.close();
    });

    it('answers who held a seat, in which party and faction, on a day', async () => {
      const store = await openStore(await target.fresh());
      await store.transaction((r) => r.registry.load(tinySnapshot()));
      const before = await store.query.seatHoldings('2023-05-31', 'TST');
      expect(before.find((h) => h.personId === 'person:1')).toMatchObject({
        partyId: 'party:labour',
        factionId: 'faction:left',
      });
      const after = await store.query.seatHoldings('2023-06-01', 'TST');
      expect(after.find((h) => h.personId === 'person:1')).toMatchObject({
        partyId: 'party:green',
        factionId: null,
      });
      expect(await store.query.seatHoldings('2022-05-04', 'TST')).toHaveLength(0);
      await store.close();
    });
  });
}

describe('store (sqlite file)', () => {
  it('creates a WAL database with its schema version recorded', async () => {
    const path = join(dir, 'a.db');
    const store = await openStore(path);
    expect(await store.registry.isEmpty()).toBe(true);
    await store.close();
    const again = await openStore(path);
    expect(await again.registry.isEmpty()).toBe(true);
    await again.close();
    const raw = new SqliteDatabase(path);
    expect(raw.prepare("select value from caucus_meta where key='schema_version'").get()).toEqual({
      value: String(SCHEMA_VERSION),
    });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a file that is not a database and leaves it untouched', async () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'these are my notes, not a database\n');
    await expect(openStore(path)).rejects.toThrow(/not a Caucus database.*left untouched/);
    expect(readFileSync(path, 'utf8')).toBe('these are my notes, not a database\n');
  });

  it('refuses an SQLite database of another application', async () => {
    const path = join(dir, 'other.db');
    const raw = new SqliteDatabase(path);
    raw.exec('create table invoices (id integer primary key, total real)');
    raw.close();
    const before = readFileSync(path);
    const err = await openStore(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaucusError);
    expect((err as CaucusError).code).toBe('invalid-input');
    expect((err as Error).message).toMatch(/not a Caucus one.*invoices/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database made by a newer version', async () => {
    const path = join(dir, 'newer.db');
    (await openStore(path)).close();
    const raw = new SqliteDatabase(path);
    raw
      .prepare("update caucus_meta set value = ? where key = 'schema_version'")
      .run(String(SCHEMA_VERSION + 1));
    raw.close();
    await expect(openStore(path)).rejects.toThrow(/newer version of Caucus/);
  });
});
