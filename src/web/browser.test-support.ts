/**
 * What the dashboard's browser tests stand on: the built bundle (rebuilt when web/ is newer than it), the
 * API and dashboard served on a socket over a fresh database holding the small sample nation, and Debian's
 * chromium driven by playwright-core with a fresh profile.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { createToken } from '../app/commands/accounts.commands.js';
import { fixedClock } from '../domain/ports.js';
import { DEFAULT_SAMPLE_TODAY, generateSample } from '../engines/sample/index.js';
import { type CaucusApp, createApp } from '../http/app.js';
import { type RunningServer, startServer } from '../http/server.js';
import { openStore, type Store } from '../store/store.js';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST = join(REPO, 'web', 'dist');
export const SCREENSHOTS = join(REPO, 'test-results', 'dashboard');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds web/dist with Vite when it is missing or older than any of its sources. */
export function ensureWebBuilt(): void {
  const index = join(WEB_DIST, 'index.html');
  const sources = [
    join(REPO, 'web', 'src'),
    join(REPO, 'web', 'public'),
    join(REPO, 'web', 'index.html'),
    join(REPO, 'web', 'vite.config.ts'),
    join(REPO, 'src', 'web', 'client-routes.ts'),
  ].filter(existsSync);
  const newest = Math.max(...sources.map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return;
  execFileSync(
    process.execPath,
    [
      join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: REPO, stdio: 'inherit' },
  );
}

export interface Dashboard {
  url: string;
  store: Store;
  app: CaucusApp;
  server: RunningServer;
  /** An editor's API token, for writes made through the API in tests. */
  editor: string;
  /** Errors the server logged (a 500 is logged with its stack). */
  serverErrors: string[];
  close(): Promise<void>;
}

/** The API and dashboard on 127.0.0.1 (a free port) over a fresh store with generateSample({ small, seed 1 }). */
export async function startDashboard(): Promise<Dashboard> {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-web-'));
  const store = await openStore(join(dir, 'dashboard.db'));
  await store.transaction((r) => r.registry.load(generateSample({ scale: 'small', seed: 1 })));
  const clock = fixedClock(DEFAULT_SAMPLE_TODAY);
  const editor = (await createToken({ store, clock }, { role: 'editor', name: 'Browser test' })).token;
  const serverErrors: string[] = [];
  const app = createApp({
    store,
    clock,
    config: {
      rateLimit: { perAddress: null, perToken: null },
      logError: (err) => serverErrors.push(err instanceof Error ? (err.stack ?? err.message) : String(err)),
    },
  });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  return {
    url: server.url,
    store,
    app,
    server,
    editor,
    serverErrors,
    close: async () => {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile, background networking and updates off. */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'caucus-chromium-'));
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
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
