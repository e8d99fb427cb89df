import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaucusError } from '../../domain/errors.js';
import { fixedClock } from '../../domain/ports.js';
import { tinySnapshot } from '../../store/fixture.test-support.js';
import { openStore, type Repositories, type Store } from '../../store/store.js';
import type { AppContext } from '../context.js';
import type { Actor } from './accounts.commands.js';
import { createRecord, getRecord, StaleVersionError, updateRecord } from './records.commands.js';

const actor: Actor = { id: 'tok1', name: 'Desk', role: 'editor' };
let dir: string;
let store: Store;
let ctx: AppContext;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caucus-records-'));
  store = await openStore(join(dir, 'r.db'));
  await store.transaction((r) => r.registry.load(tinySnapshot()));
  ctx = { store, clock: fixedClock('2026-01-02') };
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const auditRows = () => store.accounts.auditPage({}, null, 100);

describe('updateRecord', () => {
  it('bumps the version and audits before and after in the same write', async () => {
    const after = await updateRecord(ctx, 'person', 'person:2', { name: 'Samantha Sample' }, 1, actor);
    expect(after).toMatchObject({ name: 'Samantha Sample', version: 2 });
    const [entry] = await auditRows();
    expect(entry).toMatchObject({
      action: 'update',
      recordType: 'person',
      recordId: 'person:2',
      actorId: 'tok1',
      before: { name: 'Sam Sample', version: 1 },
      after: { name: 'Samantha Sample', version: 2 },
    });
  });

  it('refuses a stale version without writing', async () => {
    await updateRecord(ctx, 'person', 'person:2', { name: 'A' }, 1, actor);
    const err = await updateRecord(ctx, 'person', 'person:2', { name: 'B' }, 1, actor).catch((e) => e);
    expect(err).toBeInstanceOf(StaleVersionError);
    expect(err.details).toMatchObject({ rule: 'version-mismatch', expected: 1, current: 2 });
    expect(await getRecord(ctx, 'person', 'person:2')).toMatchObject({ name: 'A', version: 2 });
    expect(await auditRows()).toHaveLength(1);
  });

  it('is a conflict (409) when another write lands between the version check and the update', async () => {
    // Another editor's write commits after this one read version 1: the guarded UPDATE matches no row.
    const racing: Store = {
      ...store,
      transaction: (fn) =>
        store.transaction((repos) => {
          const records = Object.create(repos.records) as Repositories['records'];
          records.update = async (table, id, expected, changes) => {
            await repos.records.update(table, id, expected, { name: 'Other Editor Was Here' });
            return repos.records.update(table, id, expected, changes);
          };
          return fn({ ...repos, records });
        }),
    };
    const err = await updateRecord(
      { ...ctx, store: racing },
      'person',
      'person:2',
      { name: 'Mine' },
      1,
      actor,
    ).catch((e) => e);
    expect(err).toBeInstanceOf(CaucusError);
    expect(err.code).toBe('conflict');
    expect(err.details.rule).toBe('concurrent-update');
    // The whole transaction rolled back, the other write included (it was inside it), and nothing was audited.
    expect(await getRecord(ctx, 'person', 'person:2')).toMatchObject({ name: 'Sam Sample', version: 1 });
    expect(await auditRows()).toHaveLength(0);
  });

  it('replaces a selection candidates only when they are given', async () => {
    await updateRecord(ctx, 'selection', 'sel:1', { method: 'open' }, 1, actor);
    expect(await getRecord(ctx, 'selection', 'sel:1')).toMatchObject({
      method: 'open',
      version: 2,
      candidates: [{ personId: 'person:2', chosen: true }],
    });
    await updateRecord(
      ctx,
      'selection',
      'sel:1',
      { candidates: [{ personId: 'person:2', sitting: true, soughtReselection: true, chosen: false }] },
      2,
      actor,
    );
    expect(await getRecord(ctx, 'selection', 'sel:1')).toMatchObject({
      version: 3,
      candidates: [{ personId: 'person:2', chosen: false, votes: null }],
    });
  });
});

describe('createRecord', () => {
  it('generates an id, fills absent fields with null and audits', async () => {
    const p = await createRecord(ctx, 'person', { sourceId: 'src:test', name: 'New Person' }, actor);
    expect(p.id).toMatch(/^person:[0-9a-f-]{36}$/);
    expect(p).toMatchObject({ givenName: null, familyName: null, honorificPrefix: null, version: 1 });
    expect((await auditRows())[0]).toMatchObject({ action: 'create', before: null, after: p });
  });

  it('names a missing reference and writes nothing', async () => {
    const err = await createRecord(
      ctx,
      'membership',
      { sourceId: 'src:test', personId: 'person:9', organizationId: 'TST', role: 'member' },
      actor,
    ).catch((e) => e);
    expect(err.details).toMatchObject({ where: 'personId', rule: 'reference' });
    expect(await auditRows()).toHaveLength(0);
  });
});
