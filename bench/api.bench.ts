/**
 * HTTP API benchmark: the uk sample loaded into a fresh database, `caucus serve` (the real command, in its
 * own process) on 127.0.0.1, and autocannon as the client; run on SQLite and then, when a server is
 * reachable (CAUCUS_BENCH_PG_URL, or a throwaway one when PostgreSQL is installed), on PostgreSQL, with both
 * halves' figures side by side at the end. Figures, for each database:
 * - GET /api/councils/ID for the largest council: requests/s and p99, against GET /healthz in the same run;
 * - a mixed read load (BENCH_API_MIXED_SECONDS, default 60): errors, and server memory before and after;
 * - the mixed read load with a trickle of edits by editors (BENCH_API_WRITES_PER_SECOND, default 4, every
 *   fourth deliberately stale) for BENCH_API_WRITES_SECONDS (default 60), then the council page alone with
 *   the trickle still running: 5xx responses (goal none), writes answered other than 200 or (when stale)
 *   412, the council page's p99 (goal 10 ms), and server memory.
 * BENCH_API_SECONDS (default 10) sets the length of each single-route run; BENCH_API_PG=0 skips PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createToken } from '../src/app/commands/accounts.commands.js';
import { fixedClock } from '../src/domain/ports.js';
import { generateSample } from '../src/engines/sample/index.js';
import { openStore } from '../src/store/store.js';
import { fmt, report } from './lib.js';
import { benchPg, freshPgDatabase } from './pg.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  '5xx': number;
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  setupRequest?: (req: { path: string }) => { path: string };
}
type Autocannon = (options: {
  url: string;
  connections?: number;
  duration?: number;
  pipelining?: number;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;

// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TODAY = '2026-11-25';
const seconds = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(`${name} must be a number of seconds, got ${process.env[name]}`);
  return v;
};

/** Starts `caucus serve` on a free port and resolves with its URL. */
function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    // The per-address limit is raised so that one benchmarking client is not throttled; it still runs.
    ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--rate', '1000000'],
    {
      cwd: ROOT,
      env: { ...process.env, CAUCUS_TODAY: TODAY, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`caucus serve exited with ${code}: ${out}`)));
  });
}

interface Memory {
  rss: number;
  heap: number;
}

const failed = (r: AutocannonResult) => r.errors + r.timeouts + r.non2xx;

async function serverMemory(url: string): Promise<Memory> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '')?.[2]);
  return { rss: value('process_resident_memory_bytes'), heap: value('nodejs_heap_used_bytes') };
}

/**
 * Samples the server's memory every `everyMs` while a load runs. Each third's low-water mark is what survived
 * the collections in it, so growth from the first third to the last is growth in what is kept, whatever the
 * garbage collector's timing.
 */
function memorySampler(url: string, everyMs = 2000) {
  const samples: Memory[] = [];
  const timer = setInterval(() => {
    serverMemory(url).then(
      (m) => samples.push(m),
      () => {},
    );
  }, everyMs);
  return {
    stop(): { first: Memory; last: Memory; samples: number } {
      clearInterval(timer);
      const third = Math.max(1, Math.floor(samples.length / 3));
      const low = (xs: Memory[]) => ({
        rss: Math.min(...xs.map((m) => m.rss)),
        heap: Math.min(...xs.map((m) => m.heap)),
      });
      return {
        first: low(samples.slice(0, third)),
        last: low(samples.slice(-third)),
        samples: samples.length,
      };
    },
  };
}

/** The least memory seen over a few seconds of quiet: garbage not yet collected does not count as growth. */
async function settledMemory(url: string): Promise<Memory> {
  let least = { rss: Number.POSITIVE_INFINITY, heap: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const m = await serverMemory(url);
    least = { rss: Math.min(least.rss, m.rss), heap: Math.min(least.heap, m.heap) };
  }
  return least;
}

const pick = <T>(xs: readonly T[], n: number): T[] => {
  const step = Math.max(1, Math.floor(xs.length / n));
  return xs.filter((_, i) => i % step === 0).slice(0, n);
};

interface Target {
  read: string;
  write: string;
  field: string;
  values: string[];
}

interface WriteTally {
  attempted: number;
  landed: number;
  /** Deliberately stale writes, each of which must be refused with 412. */
  stale: number;
  staleRefused: number;
  /** Anything else: a stale write that landed, a fresh one refused, a 5xx, a network error. */
  unexpected: number;
  /** What the unexpected ones were: "stale 200", "fresh 412", "fresh error", ... */
  unexpectedKinds: Record<string, number>;
  serverErrors: number;
}

/**
 * A trickle of edits by editors, `perSecond` of them, one at a time: read the record's ETag, then PATCH with
 * If-Match; every fourth names the version before the current one, and must be refused with 412.
 */
function writeTrickle(url: string, editors: string[], targets: Target[], perSecond: number) {
  const tally: WriteTally = {
    attempted: 0,
    landed: 0,
    stale: 0,
    staleRefused: 0,
    unexpected: 0,
    unexpectedKinds: {},
    serverErrors: 0,
  };
  const surprise = (kind: string) => {
    tally.unexpected++;
    tally.unexpectedKinds[kind] = (tally.unexpectedKinds[kind] ?? 0) + 1;
  };
  let stopped = false;
  const loop = (async () => {
    const interval = 1000 / perSecond;
    for (let i = 0; !stopped; i++) {
      const t0 = performance.now();
      const target = targets[i % targets.length]!;
      const stale = i % 4 === 3;
      tally.attempted++;
      if (stale) tally.stale++;
      try {
        const read = await fetch(`${url}${target.read}`);
        const version = Number(JSON.parse(read.headers.get('etag') ?? '"NaN"'));
        await read.arrayBuffer();
        const res = await fetch(`${url}${target.write}`, {
          method: 'PATCH',
          headers: {
            Authorization: `Bearer ${editors[i % editors.length]}`,
            'Content-Type': 'application/json',
            'If-Match': `"${stale ? version - 1 : version}"`,
          },
          body: JSON.stringify({ [target.field]: target.values[i % target.values.length] }),
        });
        await res.arrayBuffer();
        if (res.status >= 500) tally.serverErrors++;
        if (stale && res.status === 412) tally.staleRefused++;
        else if (!stale && res.status === 200) tally.landed++;
        else surprise(`${stale ? 'stale' : 'fresh'} ${res.status}`);
      } catch (err) {
        surprise(`${stale ? 'stale' : 'fresh'} ${(err as Error).message}`);
      }
      const wait = interval - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return tally;
    },
  };
}

type DialectName = 'sqlite' | 'postgres';

/** The figures of one half, by row name, for the side-by-side table. */
type Figures = Map<string, { value: number; unit: string }>;

const MiB = 2 ** 20;

/** Loads the sample into `db`, serves it, and measures; every figure is also reported against its goal. */
async function measure(
  dialect: DialectName,
  db: string,
  snapshot: ReturnType<typeof generateSample>,
): Promise<Figures> {
  const figures: Figures = new Map();
  const put = (name: string, value: number, unit: string) => figures.set(name, { value, unit });
  const tag = (name: string) => `[${dialect}] ${name}`;

  const t0 = performance.now();
  const store = await openStore(db);
  const clock = fixedClock(TODAY);
  const editors: string[] = [];
  try {
    await store.transaction((r) => r.registry.load(snapshot));
    await store.optimize();
    for (let i = 0; i < 4; i++)
      editors.push(
        (await createToken({ store, clock }, { role: 'editor', name: `Bench Editor ${i}` })).token,
      );
  } finally {
    await store.close();
  }
  const loadMs = performance.now() - t0;
  console.log(`[${dialect}] loaded the uk sample in ${(loadMs / 1000).toFixed(1)} s`);
  put('load the uk sample (s)', loadMs / 1000, 's');

  const seats = new Map<string, number>();
  for (const p of snapshot.posts)
    if (!p.validTo) seats.set(p.councilId, (seats.get(p.councilId) ?? 0) + p.seats);
  const [largest, largestSeats] = [...seats].sort((a, b) => b[1] - a[1])[0]!;
  const councilPath = `/api/councils/${encodeURIComponent(largest)}`;

  let child: ChildProcess | undefined;
  try {
    const server = await serve(db);
    child = server.child;
    const { url } = server;
    const council = await fetch(`${url}${councilPath}`);
    if (council.status !== 200) throw new Error(`${councilPath} answered ${council.status}`);

    // Warm-up, then the baseline and the council page, each alone.
    await autocannon({ url: `${url}/healthz`, connections: 10, duration: 2 });
    await autocannon({ url: `${url}${councilPath}`, connections: 10, duration: 2 });
    const health = await autocannon({ url: `${url}/healthz`, connections: 10, duration: single });
    const page = await autocannon({ url: `${url}${councilPath}`, connections: 10, duration: single });
    if (failed(health) + failed(page) > 0) throw new Error('requests failed during the single-route runs');
    put('GET /healthz requests/s', health.requests.average, 'req/s');
    put('GET /healthz p99 (ms)', health.latency.p99, 'ms');
    report({
      name: tag(`GET /api/councils/{id} (${largestSeats} seats) requests/s`),
      value: page.requests.average,
      unit: 'req/s',
      min: 5000,
      baseline: { name: 'GET /healthz', value: health.requests.average },
      ratio: {
        value: page.requests.average / health.requests.average,
        min: 0.3,
        meaning: 'of the trivial route',
      },
    });
    put('GET /api/councils/{id} requests/s', page.requests.average, 'req/s');
    report({
      name: tag('GET /api/councils/{id} p99 latency'),
      value: page.latency.p99,
      unit: 'ms',
      max: 10,
      baseline: { name: 'GET /healthz p99', value: health.latency.p99 },
    });
    put('GET /api/councils/{id} p99 (ms)', page.latency.p99, 'ms');

    // The same page computed afresh each time: a different day per request, so the view cache never hits.
    let day = 0;
    const days = Array.from({ length: 3000 }, (_, i) =>
      new Date(Date.UTC(2016, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const uncached = await autocannon({
      url,
      connections: 10,
      duration: single,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: `${councilPath}?asOf=${days[day++ % days.length]}` }),
        },
      ],
    });
    if (failed(uncached) > 0) throw new Error('requests failed during the uncached run');
    report({
      name: tag('GET /api/councils/{id}?asOf=<a new day each time> (computed, not cached) requests/s'),
      value: uncached.requests.average,
      unit: 'req/s',
      baseline: { name: 'GET /healthz', value: health.requests.average },
      ratio: { value: uncached.requests.average / health.requests.average, meaning: 'of the trivial route' },
    });
    report({ name: tag('computed council page p99 latency'), value: uncached.latency.p99, unit: 'ms' });
    put('computed council page requests/s', uncached.requests.average, 'req/s');
    put('computed council page p99 (ms)', uncached.latency.p99, 'ms');

    // A mixed read load over many records, so that most views are computed, not only served from memory.
    const paths = mixedPaths(snapshot);
    let next = 0;
    const mixedLoad = (duration: number, connections = 10) =>
      autocannon({
        url,
        connections,
        duration,
        requests: [
          { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) },
        ],
      });
    // A first pass fills what is meant to stay (the name index, the bounded view cache), then the measured
    // run shows whether memory keeps growing under the same load.
    const fresh = await settledMemory(url);
    const warm = await mixedLoad(Math.min(20, mixed));
    const before = await settledMemory(url);
    const mixedMemory = memorySampler(url);
    const load = await mixedLoad(mixed);
    const mixedTrend = mixedMemory.stop();
    const after = await settledMemory(url);
    console.log(
      `[${dialect}] server memory: fresh ${(fresh.rss / MiB).toFixed(0)} MiB resident, ${(fresh.heap / MiB).toFixed(0)} MiB heap; after the warm-up pass (${warm.requests.total.toLocaleString('en-GB')} requests, ${failed(warm)} failed) ${(before.rss / MiB).toFixed(0)} MiB, ${(before.heap / MiB).toFixed(0)} MiB`,
    );
    console.log(
      `[${dialect}] mixed load: ${paths.length} distinct paths, ${load.requests.total.toLocaleString('en-GB')} requests in ${mixed} s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms`,
    );
    report({
      name: tag(`mixed read load (${mixed} s): failed requests`),
      value: failed(load),
      unit: 'requests',
      max: 0,
      baseline: { name: 'requests made', value: load.requests.total },
    });
    report({
      name: tag('mixed read load requests/s'),
      value: load.requests.average,
      unit: 'req/s',
      baseline: { name: 'GET /healthz', value: health.requests.average },
      ratio: { value: load.requests.average / health.requests.average, meaning: 'of the trivial route' },
    });
    put('mixed read load requests/s', load.requests.average, 'req/s');
    put('mixed read load p99 (ms)', load.latency.p99, 'ms');
    reportMemory(tag('during the mixed load'), mixedTrend, before, after);
    put('server resident memory after the mixed load (MiB)', after.rss / MiB, 'MiB');

    // The same mixed load with a trickle of edits (some deliberately stale), then the council page alone
    // with the trickle still running: every write clears the view cache, so pages are computed again.
    const people = pick(snapshot.persons, 40).map((p) => ({
      read: `/api/people/${encodeURIComponent(p.id)}/record`,
      write: `/api/people/${encodeURIComponent(p.id)}`,
      field: 'honorificPrefix',
      values: ['Cllr', 'Dr', 'Ms', 'Mr', 'Mx'],
    }));
    const events = pick(snapshot.events, 20).map((e) => ({
      read: `/api/events/${encodeURIComponent(e.id)}`,
      write: `/api/events/${encodeURIComponent(e.id)}`,
      field: 'title',
      values: [`${e.title} (updated)`, e.title],
    }));
    const trickle = writeTrickle(url, editors, [...people, ...events], perSecond);
    const writesMemory = memorySampler(url);
    const withWrites = await mixedLoad(writesFor);
    const writesTrend = writesMemory.stop();
    const pageWithWrites = await autocannon({
      url: `${url}${councilPath}`,
      connections: 10,
      duration: single,
    });
    const tally = await trickle.stop();
    const afterWrites = await settledMemory(url);
    const serverErrors = withWrites['5xx'] + pageWithWrites['5xx'] + tally.serverErrors;
    console.log(
      `[${dialect}] with writes: ${withWrites.requests.total.toLocaleString('en-GB')} reads in ${writesFor} s (p50 ${withWrites.latency.p50} ms, p99 ${withWrites.latency.p99} ms), then the council page alone for ${single} s; ${tally.attempted} writes (${tally.landed} landed, ${tally.staleRefused} of ${tally.stale} stale ones refused with 412, ${tally.unexpected} unexpected${tally.unexpected ? `: ${JSON.stringify(tally.unexpectedKinds)}` : ''})`,
    );
    report({
      name: tag(`reads and writes (${writesFor + single} s): 5xx responses`),
      value: serverErrors,
      unit: 'responses',
      max: 0,
      baseline: { name: 'requests made', value: withWrites.requests.total + pageWithWrites.requests.total },
    });
    report({
      name: tag(
        'reads and writes: failed reads, and writes not answered as expected (200, or 412 when stale)',
      ),
      value: failed(withWrites) + failed(pageWithWrites) + tally.unexpected,
      unit: 'requests',
      max: 0,
      baseline: { name: 'writes made', value: tally.attempted },
    });
    report({
      name: tag(`GET /api/councils/{id} p99 latency with ${perSecond} writes/s`),
      value: pageWithWrites.latency.p99,
      unit: 'ms',
      max: 10,
      baseline: { name: 'without writes', value: page.latency.p99 },
    });
    put('mixed read load with writes requests/s', withWrites.requests.average, 'req/s');
    put('mixed read load with writes p99 (ms)', withWrites.latency.p99, 'ms');
    put('GET /api/councils/{id} with writes p99 (ms)', pageWithWrites.latency.p99, 'ms');
    put('writes landed', tally.landed, 'writes');
    reportMemory(tag('during the reads and writes'), writesTrend, before, afterWrites);
    put('server resident memory after the writes (MiB)', afterWrites.rss / MiB, 'MiB');
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  return figures;
}

/** Memory is judged flat on its trend during the load; the settled figures before and after are printed too. */
function reportMemory(
  when: string,
  trend: { first: Memory; last: Memory; samples: number },
  before: Memory,
  after: Memory,
): void {
  console.log(
    `${when}: settled memory before ${(before.rss / MiB).toFixed(0)} MiB resident, ${(before.heap / MiB).toFixed(0)} MiB heap; after ${(after.rss / MiB).toFixed(0)} MiB, ${(after.heap / MiB).toFixed(0)} MiB (${trend.samples} samples during the load)`,
  );
  for (const [what, key] of [
    ['resident memory', 'rss'],
    ['heap', 'heap'],
  ] as const) {
    report({
      name: `server ${what} ${when}, low-water mark of the last third`,
      value: trend.last[key] / MiB,
      unit: 'MiB',
      baseline: { name: 'of the first third', value: trend.first[key] / MiB },
      ratio: { value: trend.last[key] / trend.first[key], max: 1.5, meaning: 'last/first (flat is 1)' },
    });
  }
}

/** The read paths of the mixed load: lists, feeds, and pages of many councils, people, wards and ballots. */
function mixedPaths(snapshot: ReturnType<typeof generateSample>): string[] {
  const councils = snapshot.organizations.filter((o) => o.classification === 'council');
  const persons = pick(snapshot.persons, 400);
  const wards = pick(
    snapshot.areas.filter((a) => a.type !== 'council-area'),
    200,
  );
  return [
    '/api/overview',
    '/api/councils',
    '/api/councils?nation=wales',
    '/api/councils?control=noc',
    '/api/parties',
    '/api/factions',
    '/api/events',
    '/api/events?type=defection,deselection',
    '/api/elections',
    '/feeds/events.atom',
    ...pick(councils, 100).flatMap((c) => [
      `/api/councils/${encodeURIComponent(c.id)}`,
      `/api/councils/${encodeURIComponent(c.id)}?asOf=2022-06-01`,
      `/api/events?council=${encodeURIComponent(c.id)}`,
      `/feeds/councils/${encodeURIComponent(c.id)}.atom`,
    ]),
    ...persons.map((p) => `/api/people/${encodeURIComponent(p.id)}`),
    ...persons.slice(0, 100).map((p) => `/api/people/${encodeURIComponent(p.id)}/record`),
    ...persons.slice(0, 100).map((p) => `/api/people?q=${encodeURIComponent(p.familyName ?? p.name)}`),
    ...wards.map((w) => `/api/wards/${encodeURIComponent(w.id)}`),
    ...pick(snapshot.ballots, 200).map((b) => `/api/ballots/${encodeURIComponent(b.id)}`),
  ];
}

/** Both halves' figures in one table, with PostgreSQL's figure as a ratio of SQLite's. */
function sideBySide(sqlite: Figures, postgres: Figures | null, pgNote: string): void {
  const rows = [...sqlite.keys()];
  const width = Math.max(...rows.map((r) => r.length));
  const col = (s: string) => s.padStart(12);
  console.log(`\n${'figure'.padEnd(width)}  ${col('sqlite')}  ${col('postgres')}  ${col('pg/sqlite')}`);
  for (const name of rows) {
    const a = sqlite.get(name)!;
    const b = postgres?.get(name);
    const ratio = b && a.value !== 0 ? (b.value / a.value).toFixed(3) : '-';
    console.log(
      `${name.padEnd(width)}  ${col(fmt(a.value))}  ${col(b ? fmt(b.value) : 'not run')}  ${col(ratio)}`,
    );
  }
  if (!postgres) console.log(`\nThe PostgreSQL half did not run: ${pgNote}`);
}

const single = seconds('BENCH_API_SECONDS', 10);
const mixed = seconds('BENCH_API_MIXED_SECONDS', 60);
const writesFor = seconds('BENCH_API_WRITES_SECONDS', 60);
const perSecond = seconds('BENCH_API_WRITES_PER_SECOND', 4);

export async function run(): Promise<void> {
  const snapshot = generateSample({ scale: 'uk', seed: 1, today: fixedClock(TODAY).today() });
  const seats = new Map<string, number>();
  for (const p of snapshot.posts)
    if (!p.validTo) seats.set(p.councilId, (seats.get(p.councilId) ?? 0) + p.seats);
  const [largest, largestSeats] = [...seats].sort((a, b) => b[1] - a[1])[0]!;
  const groups = snapshot.organizations.filter(
    (o) => o.classification === 'party-group' && o.councilId === largest,
  );
  console.log(`largest council: ${largest} (${largestSeats} seats, ${groups.length} party groups)`);
  console.log(
    `runs of ${single} s per route, mixed read load ${mixed} s, then ${writesFor} s of it with ${perSecond} writes/s`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'caucus-api-bench-'));
  let sqlite: Figures;
  try {
    sqlite = await measure('sqlite', join(dir, 'uk.db'), snapshot);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  let postgres: Figures | null = null;
  let pgNote = '';
  if (process.env.BENCH_API_PG === '0') pgNote = 'BENCH_API_PG=0 was set';
  else {
    const server = await benchPg();
    if (!server) pgNote = 'no PostgreSQL server (set CAUCUS_BENCH_PG_URL, or install PostgreSQL)';
    else {
      try {
        const database = await freshPgDatabase(server.url);
        try {
          postgres = await measure('postgres', database.url, snapshot);
        } finally {
          await database.drop();
        }
      } finally {
        await server.stop();
      }
    }
  }
  sideBySide(sqlite, postgres, pgNote);
}
