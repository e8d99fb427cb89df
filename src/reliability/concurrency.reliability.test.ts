/**
 * Concurrency: eight editors, each with their own token, change the same few records through the API at
 * once, round after round (each reads the record's ETag, then writes with If-Match). Every write lands or is
 * refused with 409/412 and changes nothing; no update is lost (landed writes = version increments = audit
 * entries, each with the right before and after); and the final state equals a serial replay of the landed
 * writes, in audit order, onto a fresh copy of the starting state. It runs with one app over the database,
 * and with two app instances (two connections) over the same database, so the version check must be in
 * the database write, not in one process's memory.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '../app/commands/accounts.commands.js';
import { createRandom, type Random } from '../domain/random.js';
import { type CaucusApp, createApp } from '../http/app.js';
import { movableClock, withJson } from '../http/http.test-support.js';
import { tinySnapshot } from '../store/fixture.test-support.js';
import type { AuditEntry } from '../store/repositories/accounts.repo.js';
import { openStore, type Store } from '../store/store.js';
import { testTargets } from '../store/targets.test-support.js';

const WRITERS = 8;
const ROUNDS = 12;

interface Target {
  kind: string;
  id: string;
  read: string;
  write: string;
  /** Text fields a writer may change, with the longest value each accepts. */
  fields: Record<string, number>;
}

const TARGETS: Target[] = [
  {
    kind: 'person',
    id: 'person:1',
    read: '/api/people/person%3A1/record',
    write: '/api/people/person%3A1',
    fields: { name: 300, givenName: 200, familyName: 200, honorificPrefix: 50 },
  },
  {
    kind: 'person',
    id: 'person:2',
    read: '/api/people/person%3A2/record',
    write: '/api/people/person%3A2',
    fields: { name: 300, familyName: 200 },
  },
  {
    kind: 'event',
    id: 'ev:1',
    read: '/api/events/ev%3A1',
    write: '/api/events/ev%3A1',
    fields: { title: 500 },
  },
  {
    kind: 'source',
    id: 'src:news',
    read: '/api/sources/src%3Anews',
    write: '/api/sources/src%3Anews',
    fields: { title: 500, publisher: 300 },
  },
];

type Body = Record<string, unknown> & { version: number };

interface Attempt {
  writer: number;
  round: number;
  target: Target;
  patch: Record<string, string>;
  ifMatch: number;
  status: number;
  body: Body | null;
}

interface Setup {
  store: Store;
  apps: CaucusApp[];
  editors: string[];
  admin: string;
  /** Unexpected errors the apps logged (each answered 500). */
  logged: string[];
  close(): Promise<void>;
}

/** A fresh database with the tiny fixture, `instances` app instances (each its own connection) over it. */
async function setUp(location: string, instances: number): Promise<Setup> {
  const store = await openStore(location);
  await store.transaction((r) => r.registry.load(tinySnapshot()));
  const clock = movableClock();
  const ctx = { store, clock };
  const editors: string[] = [];
  for (let w = 0; w < WRITERS; w++)
    editors.push((await createToken(ctx, { role: 'editor', name: `Editor ${w}` })).token);
  const admin = (await createToken(ctx, { role: 'admin', name: 'Admin' })).token;
  const logged: string[] = [];
  const stores = [store];
  for (let i = 1; i < instances; i++) stores.push(await openStore(location));
  const config = {
    rateLimit: { perAddress: null, perToken: null },
    logError: (e: unknown) => logged.push(String(e)),
  };
  const apps = stores.map((s) => createApp({ store: s, clock, config }));
  return {
    store,
    apps,
    editors,
    admin,
    logged,
    close: async () => {
      for (const s of stores) await s.close();
    },
  };
}

async function readBody(app: CaucusApp, path: string): Promise<Body> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  const body = (await res.json()) as Body;
  expect(res.headers.get('etag')).toBe(`"${body.version}"`);
  return body;
}

/** The whole audit log of updates, oldest first (read page by page through the API). */
async function updates(app: CaucusApp, admin: string): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${cursor}` : '';
    const res = await app.request(`/audit?limit=100${q}`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: AuditEntry[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all.filter((e) => e.action === 'update').sort((a, b) => a.id - b.id);
}

/** A few turns of the event loop, so that one writer's read and write fall between others'. */
async function yieldTimes(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

/** One writer's plan for a round: which record, which fields, and how long to dawdle between read and write. */
function plan(rng: Random, writer: number, round: number) {
  const target = TARGETS[rng.int(TARGETS.length)]!;
  const names = Object.keys(target.fields);
  const patch: Record<string, string> = {};
  const count = 1 + rng.int(Math.min(2, names.length));
  for (let i = 0; i < count; i++) {
    const field = names[rng.int(names.length)]!;
    // Unique per write, so any trace of a refused write in the final state or the audit log is caught.
    patch[field] = `w${writer} r${round} ${field}`.slice(0, target.fields[field]);
  }
  return { target, patch, dawdle: rng.int(4) };
}

async function runWriters(s: Setup, seed: number): Promise<Attempt[]> {
  const rng = createRandom(seed);
  const attempts: Attempt[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const plans = Array.from({ length: WRITERS }, (_, w) => plan(rng, w, round));
    const results = await Promise.all(
      plans.map(async ({ target, patch, dawdle }, writer): Promise<Attempt> => {
        const app = s.apps[writer % s.apps.length]!;
        const read = await app.request(target.read);
        const etag = read.headers.get('etag')!;
        await read.body?.cancel();
        await yieldTimes(dawdle);
        const res = await app.request(
          target.write,
          withJson('PATCH', patch, s.editors[writer], { 'If-Match': etag }),
        );
        const body = (await res.json()) as Body;
        return {
          writer,
          round,
          target,
          patch,
          ifMatch: Number(JSON.parse(etag)),
          status: res.status,
          body: res.status === 200 ? body : null,
        };
      }),
    );
    attempts.push(...results);
  }
  return attempts;
}

/** Every record the writers touch, as read through the API. */
async function finalState(app: CaucusApp): Promise<Map<string, Body>> {
  const out = new Map<string, Body>();
  for (const t of TARGETS) out.set(t.id, await readBody(app, t.read));
  return out;
}

for (const target of testTargets()) {
  describe(`concurrent editors on ${target.name}`, () => {
    afterAll(() => target.cleanup());

    for (const instances of [1, 2]) {
      it(`${WRITERS} writers x ${ROUNDS} rounds through ${instances} app instance(s): no lost update, serialisable`, async () => {
        const s = await setUp(await target.fresh(), instances);
        try {
          const initial = await finalState(s.apps[0]!);
          const attempts = await runWriters(s, 20261125 + instances);

          // Every write lands or is refused as a conflict: no 5xx, no other 4xx.
          for (const a of attempts)
            expect([200, 409, 412], `writer ${a.writer} round ${a.round}`).toContain(a.status);
          expect(s.logged, 'internal errors').toEqual([]);
          const landed = attempts.filter((a) => a.status === 200);
          const refused = attempts.filter((a) => a.status !== 200);
          // Without both kinds the scenario proved nothing.
          expect(landed.length).toBeGreaterThan(TARGETS.length);
          expect(refused.length).toBeGreaterThan(0);

          // Landed writes = version increments = audit entries.
          const final = await finalState(s.apps[0]!);
          let increments = 0;
          for (const t of TARGETS) increments += final.get(t.id)!.version - initial.get(t.id)!.version;
          expect(increments).toBe(landed.length);
          const log = await updates(s.apps[0]!, s.admin);
          expect(log).toHaveLength(landed.length);

          // Each landed write is in the audit log once, by its writer, with the right before and after.
          for (const a of landed) {
            const entries = log.filter(
              (e) => (e.after as Body).version === a.body!.version && e.recordId === a.target.id,
            );
            expect(entries, `writer ${a.writer} round ${a.round}`).toHaveLength(1);
            const e = entries[0]!;
            expect(e.actorName).toBe(`Editor ${a.writer}`);
            expect(e.after).toEqual(a.body);
            const before = e.before as Body;
            expect(before.version).toBe(a.ifMatch);
            expect(e.after).toEqual({ ...before, ...a.patch, version: before.version + 1 });
          }

          // Per record, each entry starts from where the previous one ended: nothing slipped in between.
          for (const t of TARGETS) {
            let current: Body = initial.get(t.id)!;
            for (const e of log.filter((x) => x.recordId === t.id)) {
              expect(e.before).toEqual(current);
              current = e.after as Body;
            }
            expect(final.get(t.id)).toEqual(current);
          }

          // A refused write left no trace.
          const traces = JSON.stringify([...final.values(), ...log]);
          for (const a of refused)
            for (const v of Object.values(a.patch))
              expect(traces, `refused ${a.status}`).not.toContain(`"${v}"`);

          // A serial replay of the landed writes, in audit order, onto a fresh copy gives the same state.
          const replay = await setUp(await target.fresh(), 1);
          try {
            const app = replay.apps[0]!;
            for (const e of log) {
              const a = landed.find(
                (x) => x.target.id === e.recordId && x.body!.version === (e.after as Body).version,
              )!;
              const current = await readBody(app, a.target.read);
              const res = await app.request(
                a.target.write,
                withJson('PATCH', a.patch, replay.editors[a.writer], { 'If-Match': `"${current.version}"` }),
              );
              expect(res.status).toBe(200);
            }
            const replayed = await finalState(app);
            expect(replayed).toEqual(final);
          } finally {
            await replay.close();
          }
        } finally {
          await s.close();
        }
      });
    }
  });
}
