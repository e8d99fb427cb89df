/** A temporary database with the tiny fixture, an app over it, a clock tests can move, and API tokens. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '../app/commands/accounts.commands.js';
import type { Clock } from '../domain/ports.js';
import { tinySnapshot } from '../store/fixture.test-support.js';
import { openStore, type Store } from '../store/store.js';
import { type CaucusApp, createApp } from './app.js';
import type { HttpConfig } from './http.types.js';

export interface MovableClock extends Clock {
  advance(ms: number): void;
}

/** A clock at `iso` that moves only when told to. */
export function movableClock(iso = '2026-11-25T12:00:00Z'): MovableClock {
  let t = Date.parse(iso);
  return {
    today: () => new Date(t).toISOString().slice(0, 10),
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface TestApi {
  app: CaucusApp;
  store: Store;
  clock: MovableClock;
  editor: string;
  admin: string;
  close(): Promise<void>;
}

/** Opens a fresh store loaded with tinySnapshot() and makes an editor and an admin token. */
export async function testApi(config: Partial<HttpConfig> = {}): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'caucus-http-'));
  const store = await openStore(join(dir, 'test.db'));
  await store.transaction((r) => r.registry.load(tinySnapshot()));
  const clock = movableClock();
  const ctx = { store, clock };
  const editor = (await createToken(ctx, { role: 'editor', name: 'Test Editor' })).token;
  const admin = (await createToken(ctx, { role: 'admin', name: 'Test Admin' })).token;
  const app = createApp({
    store,
    clock,
    config: { rateLimit: { perAddress: null, perToken: null }, logError: () => {}, ...config },
  });
  return {
    app,
    store,
    clock,
    editor,
    admin,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Request options with a bearer token and a JSON body. */
export function withJson(
  method: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  };
}
