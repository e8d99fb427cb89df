/**
 * HTTP API benchmark: the uk sample loaded into a fresh database, `caucus serve` (the real command, in its
 * own process) on 127.0.0.1, and autocannon as the client. Figures:
 * - GET /api/councils/ID for the largest council: requests/s and p99, against GET /healthz in the same run;
 * - a mixed read load (BENCH_API_MIXED_SECONDS, default 60): errors, and server memory before and after.
 * BENCH_API_SECONDS (default 10) sets the length of each single-route run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedClock } from '../src/domain/ports.js';
import { generateSample } from '../src/engines/sample/index.js';
import { openStore } from '../src/store/store.js';
import { report } from './lib.js';

interface AutocannonResult {
  requests: { average: number; total: number };
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

async function serverMemory(url: string): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '')?.[2]);
  return { rss: value('process_resident_memory_bytes'), heap: value('nodejs_heap_used_bytes') };
}

/** The least memory seen over a few seconds of quiet: garbage not yet collected does not count as growth. */
async function settledMemory(url: string): Promise<{ rss: number; heap: number }> {
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

export async function run(): Promise<void> {
  const single = seconds('BENCH_API_SECONDS', 10);
  const mixed = seconds('BENCH_API_MIXED_SECONDS', 60);
  const dir = mkdtempSync(join(tmpdir(), 'caucus-api-bench-'));
  let child: ChildProcess | undefined;
  try {
    const snapshot = generateSample({ scale: 'uk', seed: 1, today: fixedClock(TODAY).today() });
    const db = join(dir, 'uk.db');
    const store = await openStore(db);
    await store.transaction((r) => r.registry.load(snapshot));
    await store.close();

    const seats = new Map<string, number>();
    for (const p of snapshot.posts)
      if (!p.validTo) seats.set(p.councilId, (seats.get(p.councilId) ?? 0) + p.seats);
    const [largest, largestSeats] = [...seats].sort((a, b) => b[1] - a[1])[0]!;
    const councilPath = `/api/councils/${encodeURIComponent(largest)}`;
    const groups = snapshot.organizations.filter(
      (o) => o.classification === 'party-group' && o.councilId === largest,
    );
    console.log(`largest council: ${largest} (${largestSeats} seats, ${groups.length} party groups)`);

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
    const failed = (r: AutocannonResult) => r.errors + r.timeouts + r.non2xx;
    if (failed(health) + failed(page) > 0) throw new Error('requests failed during the single-route runs');
    report({
      name: `GET /api/councils/{id} (${largestSeats} seats) requests/s`,
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
    report({
      name: 'GET /api/councils/{id} p99 latency',
      value: page.latency.p99,
      unit: 'ms',
      max: 10,
      baseline: { name: 'GET /healthz p99', value: health.latency.p99 },
    });

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
      name: 'GET /api/councils/{id}?asOf=<a new day each time> (computed, not cached) requests/s',
      value: uncached.requests.average,
      unit: 'req/s',
      baseline: { name: 'GET /healthz', value: health.requests.average },
      ratio: { value: uncached.requests.average / health.requests.average, meaning: 'of the trivial route' },
    });
    report({ name: 'computed council page p99 latency', value: uncached.latency.p99, unit: 'ms' });

    // A mixed read load over many records, so that most views are computed, not only served from memory.
    const councils = snapshot.organizations.filter((o) => o.classification === 'council');
    const persons = pick(snapshot.persons, 400);
    const wards = pick(
      snapshot.areas.filter((a) => a.type !== 'council-area'),
      200,
    );
    const paths = [
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
    let next = 0;
    const mixedLoad = (duration: number) =>
      autocannon({
        url,
        connections: 10,
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
    const load = await mixedLoad(mixed);
    const after = await settledMemory(url);
    console.log(
      `server memory: fresh ${(fresh.rss / 2 ** 20).toFixed(0)} MiB resident, ${(fresh.heap / 2 ** 20).toFixed(0)} MiB heap; after the warm-up pass (${warm.requests.total.toLocaleString('en-GB')} requests, ${failed(warm)} failed) ${(before.rss / 2 ** 20).toFixed(0)} MiB, ${(before.heap / 2 ** 20).toFixed(0)} MiB`,
    );
    console.log(
      `mixed load: ${paths.length} distinct paths, ${load.requests.total.toLocaleString('en-GB')} requests in ${mixed} s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms`,
    );
    report({
      name: `mixed read load (${mixed} s): failed requests`,
      value: failed(load),
      unit: 'requests',
      max: 0,
      baseline: { name: 'requests made', value: load.requests.total },
    });
    report({
      name: 'mixed read load requests/s',
      value: load.requests.average,
      unit: 'req/s',
      baseline: { name: 'GET /healthz', value: health.requests.average },
      ratio: { value: load.requests.average / health.requests.average, meaning: 'of the trivial route' },
    });
    report({
      name: 'server resident memory after the mixed load',
      value: after.rss / 2 ** 20,
      unit: 'MiB',
      baseline: { name: 'before', value: before.rss / 2 ** 20 },
      ratio: { value: after.rss / before.rss, max: 1.5, meaning: 'after/before (flat is 1)' },
    });
    report({
      name: 'server heap after the mixed load',
      value: after.heap / 2 ** 20,
      unit: 'MiB',
      baseline: { name: 'before', value: before.heap / 2 ** 20 },
      ratio: { value: after.heap / before.heap, max: 1.5, meaning: 'after/before (flat is 1)' },
    });
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
