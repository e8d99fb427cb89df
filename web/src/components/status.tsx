/** Loading, error and empty states: never a blank page; slow work shows progress and how long it has taken. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../lib/api.js';
import { hrefForId } from '../lib/links.js';
import { Link } from '../lib/router.js';
import type { ApiState } from '../lib/use-api.js';

/** An indeterminate progress bar with the seconds elapsed; after `slowAfter` s it explains the wait. */
export function Loading({ label, since, slowNote }: { label: string; since?: number; slowNote?: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const seconds = since ? Math.floor((now - since) / 1000) : 0;
  return (
    <div class="loading" role="status" aria-live="polite">
      <progress aria-label={`Loading ${label}`} />
      <span>
        Loading {label}…{seconds >= 1 ? ` ${seconds} s` : ''}
        {seconds >= 2 && slowNote ? <span class="muted"> {slowNote}</span> : null}
      </span>
    </div>
  );
}

/** A readable error with what went wrong, a way to try again, and the closest matches for a wrong id. */
export function ErrorNote({
  error,
  label,
  retry,
  action,
}: {
  error: ApiError;
  label: string;
  retry?: () => void;
  /** For a write: what could not be done ("save the article"), instead of "load <label>". */
  action?: string;
}) {
  const suggestions = error.problem?.suggestions ?? [];
  return (
    <div class="error" role="alert">
      <p>
        <strong>
          {action
            ? `Could not ${action}.`
            : error.notFound
              ? `Not found: ${label}.`
              : `Could not load ${label}.`}
        </strong>{' '}
        {error.message}
      </p>
      {suggestions.length > 0 ? (
        <p>
          Did you mean{' '}
          {suggestions.map((s, i) => {
            const href = hrefForId(s);
            return (
              <span key={s}>
                {i > 0 ? ', ' : ''}
                {href ? <Link href={href}>{s}</Link> : <code>{s}</code>}
              </span>
            );
          })}
          ?
        </p>
      ) : null}
      {retry && !error.notFound ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders `children(data)` once `state` is ready, with loading and error states in its place until then. */
export function Async<T>({
  state,
  label,
  slowNote,
  children,
}: {
  state: ApiState<T> & { retry(): void };
  label: string;
  slowNote?: string;
  children: (data: T) => ComponentChildren;
}) {
  if (state.status === 'idle') return null;
  if (state.status === 'loading') return <Loading label={label} since={state.since} slowNote={slowNote} />;
  if (state.status === 'error') return <ErrorNote error={state.error} label={label} retry={state.retry} />;
  return <>{children(state.data)}</>;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
