/** Loading API data into components: `useApi(path)` gives loading (with when it began), ready or error. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, allPagesKey, apiGet, apiLoad, fetchAllPages, forget, peek } from './api.js';

export type ApiState<T> =
  | { status: 'idle' }
  | { status: 'loading'; since: number }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

function toApiError(path: string, err: unknown): ApiError {
  return err instanceof ApiError
    ? err
    : new ApiError(path, 0, null, err instanceof Error ? err.message : String(err));
}

function initial<T>(path: string | null): ApiState<T> {
  if (!path) return { status: 'idle' };
  const data = peek<T>(path);
  return data === undefined ? { status: 'loading', since: Date.now() } : { status: 'ready', data };
}

/** The API's answer for `path`; null waits (for a dependency, or until the user asks). */
export function useApi<T>(path: string | null): ApiState<T> & { retry(): void } {
  return useLoad<T>(path, apiGet);
}

/** Every page of the list at `path`, as one page. */
export function useAllPages<T extends { items: unknown[]; nextCursor: string | null }>(
  path: string | null,
): ApiState<T> & { retry(): void } {
  return useLoad<T>(path && allPagesKey(path), (key) =>
    apiLoad(key, () => fetchAllPages<T>(key.slice('all:'.length))),
  );
}

/** The answer of `load(key)`, shared by key like an API path; for views built from several requests. */
export function useLoader<T>(
  key: string | null,
  load: (key: string) => Promise<T>,
): ApiState<T> & { retry(): void } {
  return useLoad<T>(key, (k) => apiLoad(k, () => load(k)));
}

function useLoad<T>(path: string | null, load: (key: string) => Promise<T>): ApiState<T> & { retry(): void } {
  // Start the request while rendering (once per path) rather than after the first paint: it is shared by
  // key, so the effect below joins it, and the data arrives a frame or more sooner.
  const started = useRef<string | null>(null);
  if (path && started.current !== path) {
    started.current = path;
    if (peek<T>(path) === undefined) load(path).catch(() => {});
  }
  const [state, setState] = useState<{ path: string | null; value: ApiState<T> }>(() => ({
    path,
    value: initial<T>(path),
  }));
  const [attempt, setAttempt] = useState(0);
  // A new path shows its own state at once, never the previous page's data.
  const current = state.path === path ? state.value : initial<T>(path);

  useEffect(() => {
    if (!path) {
      setState({ path, value: { status: 'idle' } });
      return;
    }
    const cached = peek<T>(path);
    if (cached !== undefined) {
      setState({ path, value: { status: 'ready', data: cached } });
      return;
    }
    let live = true;
    setState({ path, value: { status: 'loading', since: Date.now() } });
    load(path).then(
      (data) => live && setState({ path, value: { status: 'ready', data } }),
      (err) => live && setState({ path, value: { status: 'error', error: toApiError(path, err) } }),
    );
    return () => {
      live = false;
    };
  }, [path, attempt]);

  return {
    ...current,
    retry: () => {
      if (path) forget(path);
      setAttempt((n) => n + 1);
    },
  };
}
