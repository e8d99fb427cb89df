/**
 * Measures how fast the national page becomes usable (the councils table drawn) on a sample nation, cold
 * (the server's view cache empty, the browser's cache empty) and warm, and the JavaScript it downloads.
 * Run: npx tsx web/scripts/measure-load.ts [uk|small]   (builds web/dist first if needed; uk takes ~20-40 s to load).
 * The figure that matters is the page's own: from navigation start to the councils table drawn.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { fixedClock } from '../../src/domain/ports.js';
import { DEFAULT_SAMPLE_TODAY, generateSample } from '../../src/engines/sample/index.js';
import { createApp } from '../../src/http/app.js';
import { startServer } from '../../src/http/server.js';
import { openStore } from '../../src/store/store.js';
import { CHROMIUM, ensureWebBuilt } from '../../src/web/browser.test-support.js';

const serving = process.argv[2] === '--serve';
const scale = (process.argv[serving ? 3 : 2] ?? 'uk') as 'uk' | 'small';

/** The server runs in its own process, as `caucus serve` does, so its work never stalls the browser driver. */
async function serve(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-measure-'));
  const store = await openStore(join(dir, 'measure.db'));
  const t0 = performance.now();
  await store.transaction((r) => r.registry.load(generateSample({ scale, seed: 1 })));
  await store.optimize();
  process.stderr.write(`loaded the ${scale} sample in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const app = createApp({
    store,
    clock: fixedClock(DEFAULT_SAMPLE_TODAY),
    config: { rateLimit: { perAddress: null, perToken: null } },
  });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  process.stdout.write(`${server.url}\n`);
  process.on('SIGTERM', async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

if (serving) {
  await serve();
} else {
  await measure();
}

async function measure(): Promise<void> {
  ensureWebBuilt();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', scale],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (d: string) => resolve(d.trim()));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const server = { url };
  let t = 0;
  const profile = mkdtempSync(join(tmpdir(), 'caucus-measure-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });

  async function visit(label: string, fresh: boolean, path = '/'): Promise<void> {
    const page = await context.newPage();
    if (fresh) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
    }
    t = performance.now();
    await page.goto(`${server.url}${path}`);
    await page.locator('[data-testid=councils-table] tbody tr').first().waitFor();
    const usable = performance.now() - t;
    const councils = await page.locator('[data-testid=councils-table] tbody tr').count();
    // In the page's own clock (from navigation start): when the table was drawn, and the councils request.
    const timing = (await page.evaluate(`(() => {
    const mark = performance.getEntriesByName('caucus:usable')[0];
    const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/councils?'));
    const script = performance.getEntriesByType('resource').find((e) => e.name.includes('/assets/index-') && e.name.endsWith('.js'));
    return { mark: mark ? mark.startTime : null, apiStart: api ? api.requestStart : null, apiEnd: api ? api.responseEnd : null, scriptEnd: script ? script.responseEnd : null };
  })()`)) as {
      mark: number | null;
      apiStart: number | null;
      apiEnd: number | null;
      scriptEnd: number | null;
    };
    await page.locator('[data-testid=series-table]').waitFor({ state: 'attached', timeout: 120_000 });
    const series = performance.now() - t;
    await page
      .locator('[data-testid=selections-table], [data-testid=polls-table]')
      .first()
      .waitFor({ timeout: 120_000 });
    const polls = performance.now() - t;
    // Bytes of JavaScript downloaded (0 for files the browser had cached): the entry, then the chart chunk.
    const js = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => [e.name.split('/').pop(), e.encodedBodySize])`,
    )) as Array<[string, number]>;
    const jsText = js.map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KB`).join(', ');
    console.log(
      `${label}: page usable (table drawn, in the page's clock from navigation start) ${timing.mark?.toFixed(0)} ms\n` +
        `  driver saw: usable (table of ${councils} councils) ${usable.toFixed(0)} ms; national series ${series.toFixed(0)} ms; ` +
        `coming polls ${polls.toFixed(0)} ms; JavaScript downloaded: ${jsText}\n` +
        `  in the page: script loaded at ${timing.scriptEnd?.toFixed(0)} ms; /api/councils from ${timing.apiStart?.toFixed(0)} ` +
        `to ${timing.apiEnd?.toFixed(0)} ms (server ${((timing.apiEnd ?? 0) - (timing.apiStart ?? 0)).toFixed(0)} ms)`,
    );
    await page.close();
  }

  await visit('cold (empty caches)', true);
  await visit('warm (server view cache, browser cache)', false);
  // Another day is another view: computed afresh by a server that has warmed up (and finished the
  // previous visits' slower views, which would otherwise still hold its one thread).
  await new Promise((r) => setTimeout(r, 8000));
  await visit('server computing afresh, browser warm', false, '/?asOf=2026-11-24');
  await context.close();
  child.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
}
