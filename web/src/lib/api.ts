/**
 * The API client: GETs JSON, turns problem+json into readable errors, and keeps going through a lost
 * connection (it says so, then retries with backoff, or at once when the browser comes back online or the
 * user asks). Responses are shared by path for a minute, so the back button shows a page at once.
 */
import type { Problem } from './api-types.js';

export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

export type Connection =
  | { state: 'online' }
  | { state: 'offline'; attempt: number; retryAt: number }
  | { state: 'busy'; retryAt: number };

let connection: Connection = { state: 'online' };
const listeners = new Set<() => void>();
const sleepers = new Set<() => void>();

export function getConnection(): Connection {
  return connection;
}

export function onConnectionChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function setConnection(next: Connection): void {
  if (next.state === 'online' && connection.state === 'online') return;
  connection = next;
  for (const fn of listeners) fn();
}

/** Ends every backoff wait now: the "retry now" button, and the browser's `online` event. */
export function retryNow(): void {
  for (const wake of [...sleepers]) wake();
}

if (typeof window !== 'undefined') window.addEventListener('online', retryNow);

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sleepers.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    sleepers.add(done);
  });
}

/** Backoff after the n-th failed attempt: 1 s, 2 s, 4 s ... at most 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
}

async function readProblem(res: Response): Promise<Problem | null> {
  try {
    const body = (await res.json()) as Partial<Problem>;
    return typeof body === 'object' && body !== null && typeof body.title === 'string'
      ? (body as Problem)
      : null;
  } catch {
    return null;
  }
}

function describe(status: number, problem: Problem | null): string {
  if (problem) return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
  if (status >= 500) return `The server failed (HTTP ${status}).`;
  return `The server answered HTTP ${status}.`;
}

const BUSY_RETRIES = 5;

/** One GET, retried through network failures (forever) and 429/503 (a few times, as Retry-After asks). */
export async function fetchJson<T>(path: string, token?: string): Promise<T> {
  const res = await fetchOk(path, 'application/json', token);
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(path, res.status, null, 'The server sent a response that is not valid JSON.');
  }
}

/** A GET of text (a CSV export), retried as fetchJson is. */
export async function fetchText(path: string, accept = 'text/csv'): Promise<string> {
  return (await fetchOk(path, accept)).text();
}

async function fetchOk(path: string, accept: string, token?: string): Promise<Response> {
  let busy = 0;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(path, {
        headers: { Accept: accept, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        credentials: 'same-origin',
      });
    } catch {
      const wait = backoffMs(attempt);
      setConnection({ state: 'offline', attempt: attempt + 1, retryAt: Date.now() + wait });
      await pause(wait);
      continue;
    }
    if ((res.status === 429 || res.status === 503) && busy < BUSY_RETRIES) {
      busy++;
      const after = Number(res.headers.get('retry-after'));
      const wait = Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 30_000) : backoffMs(busy);
      setConnection({ state: 'busy', retryAt: Date.now() + wait });
      await pause(wait);
      continue;
    }
    setConnection({ state: 'online' });
    if (!res.ok) {
      const problem = await readProblem(res);
      throw new ApiError(path, res.status, problem, describe(res.status, problem));
    }
    return res;
  }
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; promise: Promise<unknown>; value?: unknown; done: boolean }>();

/** Runs `loader` once for `key` and shares its answer with every caller for a minute. */
export function apiLoad<T>(key: string, loader: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.promise as Promise<T>;
  const entry = {
    at: Date.now(),
    promise: loader() as Promise<unknown>,
    value: undefined as unknown,
    done: false,
  };
  entry.promise.then(
    (v) => {
      entry.value = v;
      entry.done = true;
    },
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  cache.set(key, entry);
  if (cache.size > 200) cache.delete(cache.keys().next().value!);
  return entry.promise as Promise<T>;
}

/** GET `path` (e.g. `/api/councils/STR`), shared with every caller for a minute. */
export function apiGet<T>(path: string): Promise<T> {
  return apiLoad(path, () => fetchJson<T>(path));
}

/** Every page of a list (following nextCursor), as one page: `{ ...first, items: all, nextCursor: null }`. */
export async function fetchAllPages<P extends { items: unknown[]; nextCursor: string | null }>(
  path: string,
): Promise<P> {
  const first = await fetchJson<P>(path);
  const items = [...first.items];
  let cursor = first.nextCursor;
  for (let pages = 1; cursor && pages < 100; pages++) {
    const sep = path.includes('?') ? '&' : '?';
    const next = await fetchJson<P>(`${path}${sep}cursor=${encodeURIComponent(cursor)}`);
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { ...first, items, nextCursor: null };
}

export function allPagesKey(path: string): string {
  return `all:${path}`;
}

/** The cached answer for `path` if it has arrived and is fresh, so a page can render without a flash. */
export function peek<T>(path: string): T | undefined {
  const hit = cache.get(path);
  return hit?.done && Date.now() - hit.at < TTL_MS ? (hit.value as T) : undefined;
}

export function forget(path: string): void {
  cache.delete(path);
}

/** Builds `/api/x?a=1` from a path and query values, leaving out empty ones. */
export function apiPath(
  path: string,
  query: Record<string, string | number | boolean | null | undefined> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export { pathSegment as seg } from '../../../src/web/client-routes.js';

/**
 * A write (POST) as an editor. Never retried by itself: after a lost connection the write may or may not
 * have landed, so the caller says so and lets the person decide. Cached reads are dropped afterwards.
 */
export function apiPost<T>(path: string, body: unknown, token: string | null): Promise<T> {
  return write<T>('POST', path, body, token);
}

/** A DELETE as an editor (cancelling a forecast), never retried by itself, as apiPost. */
export function apiDelete<T>(path: string, token: string | null): Promise<T> {
  return write<T>('DELETE', path, undefined, token);
}

async function write<T>(
  method: 'POST' | 'DELETE',
  path: string,
  body: unknown,
  token: string | null,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      path,
      0,
      null,
      'Could not reach the server, so this may not have been saved. Check your connection and try again.',
    );
  } finally {
    cache.clear();
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    throw new ApiError(path, res.status, problem, describe(res.status, problem));
  }
  return (await res.json()) as T;
}
