/**
 * Dashboard benchmark: how soon the national page is usable (its councils table drawn) on the uk sample
 * (381 councils, ~19,000 seats), in headless Debian chromium against `caucus serve` in its own process.
 * - cold: a freshly started server (nothing computed, nothing cached) and a browser with an empty cache;
 * - warm: the same page again (the server's view cache and the browser's cache full);
 * - baseline, measured the same way in the same run: the dashboard's not-found page, the app's shell with
 *   no data to fetch (the floor of any page), and a bare static file.
 * Time is the page's own clock from navigation start to the table drawn (performance mark caucus:usable),
 * with the server's CPU time for the visit beside it. BENCH_DASHBOARD_COLD (default 3) and
 * BENCH_DASHBOARD_WARM (default 5) set the number of visits; each cold visit starts a new server process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { fixedClock } from '../src/domain/ports.js';
import { DEFAULT_SAMPLE_TODAY, generateSample } from '../src/engines/sample/index.js';
import { openStore } from '../src/store/store.js';
import { type Browser, ensureWebBuilt, launchBrowser, WEB_DIST } from '../src/web/browser.test-support.js';
import { fmt, report } from './lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TABLE_ROW = '[data-testid=councils-table] tbody tr';

const count = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1)
    throw new Error(`${name} must be a whole number >= 1, got ${process.env[name]}`);
  return v;
};

interface Server {
  url: string;
  child: ChildProcess;
}

/**
 * `caucus serve` in its own process, from the sources as bench/api.bench.ts runs it (not dist/, which test
 * runs rebuild at any moment), on a free port.
 */
function serve(db: string, webDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', '--db', db, 'serve', '--port', '0', '--rate', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, CAUCUS_TODAY: DEFAULT_SAMPLE_TODAY, CAUCUS_WEB_DIR: webDir, NO_COLOR: '1' },
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

async function stop(server: Server | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

interface Visit {
  /** Page clock, navigation start to the table drawn (or the baseline page's content shown). */
  ms: number;
  serverCpuMs: number;
  /** Bytes over the wire for the page's API requests before it was usable. */
  apiBytes: number;
  requests: string[];
}

async function visit(browser: Browser, server: Server, path: string, ready: string): Promise<Visit> {
  const page: Page = await browser.context.newPage();
  try {
    const cpu0 = cpuMs(server.child.pid!);
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 120_000 });
    const ms = (await page.evaluate(`(() => {
      const mark = performance.getEntriesByName('caucus:usable')[0];
      return mark ? mark.startTime : performance.now();
    })()`)) as number;
    const serverCpuMs = cpuMs(server.child.pid!) - cpu0;
    const resources = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') && e.responseEnd <= ${ms} + 1).map((e) => [new URL(e.name).pathname + new URL(e.name).search, e.transferSize || e.encodedBodySize])`,
    )) as Array<[string, number]>;
    return {
      ms,
      serverCpuMs,
      apiBytes: resources.reduce((n, [, b]) => n + b, 0),
      requests: resources.map(([p]) => p),
    };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function run(): Promise<void> {
  const colds = count('BENCH_DASHBOARD_COLD', 3);
  const warms = count('BENCH_DASHBOARD_WARM', 5);
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'caucus-dashboard-bench-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    // A copy of the bundle: a build elsewhere replaces web/dist's files while this runs.
    const web = join(dir, 'web');
    cpSync(WEB_DIST, web, { recursive: true });
    const db = join(dir, 'uk.db');
    const store = await openStore(db);
    await store.transaction((r) =>
      r.registry.load(
        generateSample({ scale: 'uk', seed: 1, today: fixedClock(DEFAULT_SAMPLE_TODAY).today() }),
      ),
    );
    await store.optimize();
    await store.close();
    console.log(
      `load average at the start: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 cores)`,
    );

    const cold: Visit[] = [];
    const shellCold: number[] = [];
    // A fresh server process and a fresh browser profile for each cold visit: nothing computed, nothing
    // cached, no file read yet; the same for the shell, so the two are comparable.
    const coldVisit = async (path: string, ready: string): Promise<Visit> => {
      server = await serve(db, web);
      browser = await launchBrowser();
      try {
        return await visit(browser, server, path, ready);
      } finally {
        await browser.close();
        browser = undefined;
        await stop(server);
        server = undefined;
      }
    };
    for (let i = 0; i < colds; i++) {
      shellCold.push((await coldVisit('/no-such-page', '[data-testid=not-found]')).ms);
      cold.push(await coldVisit('/', TABLE_ROW));
    }
    const c = cold[cold.length - 1]!;
    console.log(
      `cold visits: ${cold.map((v) => `${fmt(v.ms)} ms (server CPU ${fmt(v.serverCpuMs)} ms)`).join(', ')}\n` +
        `  API requests before usable: ${c.requests.join(', ')}; ${fmt(c.apiBytes / 1024)} KB over the wire`,
    );

    server = await serve(db, web);
    browser = await launchBrowser();
    await visit(browser, server, '/', TABLE_ROW);
    // The first visit's slower views (the national series) finish before the warm visits are timed.
    await new Promise((r) => setTimeout(r, 3000));
    const warm: Visit[] = [];
    const shell: number[] = [];
    const file: number[] = [];
    for (let i = 0; i < warms; i++) {
      warm.push(await visit(browser, server, '/', TABLE_ROW));
      shell.push((await visit(browser, server, '/no-such-page', '[data-testid=not-found]')).ms);
      file.push((await visit(browser, server, '/favicon.svg', 'svg')).ms);
    }
    console.log(
      `warm visits: ${warm.map((v) => fmt(v.ms)).join(', ')} ms; shell (not-found page): ${shell.map(fmt).join(', ')} ms; ` +
        `static file: ${file.map(fmt).join(', ')} ms`,
    );
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    const coldMs = median(cold.map((v) => v.ms));
    const shellColdMs = median(shellCold);
    report({
      name: `national page usable, cold (fresh server, empty browser cache; median of ${colds})`,
      value: coldMs,
      unit: 'ms',
      max: 1000,
      baseline: { name: 'the app shell (not-found page), cold', value: shellColdMs },
      ratio: { value: coldMs / shellColdMs, meaning: 'x the shell' },
    });
    report({
      name: 'server CPU for a cold national page',
      value: median(cold.map((v) => v.serverCpuMs)),
      unit: 'ms',
    });
    const warmMs = median(warm.map((v) => v.ms));
    const shellMs = median(shell);
    report({
      name: `national page usable, warm (median of ${warms})`,
      value: warmMs,
      unit: 'ms',
      max: 1000,
      baseline: { name: 'the app shell (not-found page), warm', value: shellMs },
      ratio: { value: warmMs / shellMs, meaning: 'x the shell' },
    });
    report({
      name: 'a bare static file (favicon.svg), warm',
      value: median(file),
      unit: 'ms',
      baseline: { name: 'national page, warm', value: warmMs },
    });
  } finally {
    await browser?.close();
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
