/**
 * A small history-API router: every view has a URL (shareable; back and forward work), links are real
 * <a href> elements (open in a new tab, copy link), and query strings hold a view's filters and choices.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Place {
  pathname: string;
  search: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
let lastPush = 0;

function here(): Place {
  return {
    pathname: location.pathname,
    search: location.search,
    query: new URLSearchParams(location.search),
  };
}

function notify(): void {
  for (const fn of listeners) fn();
}

window.addEventListener('popstate', notify);

/** Goes to `href` (same origin); `replace` edits the current entry instead (filters as one types). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const url = new URL(href, location.href);
  const target = url.pathname + url.search + url.hash;
  if (target === location.pathname + location.search + location.hash) return;
  if (options.replace) history.replaceState(null, '', target);
  else {
    history.pushState(null, '', target);
    lastPush = Date.now();
  }
  notify();
}

/** Whether the latest change of place was a link followed just now (so the page should take focus). */
export function justNavigated(): boolean {
  return Date.now() - lastPush < 1000;
}

/** The current place; re-renders on every navigation. */
export function usePlace(): Place {
  const [place, setPlace] = useState(here);
  useEffect(() => {
    const update = () => setPlace(here());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return place;
}

/** Sets (or, with null or '', removes) query values on the current URL, replacing the history entry. */
export function setQuery(values: Record<string, string | number | null | undefined>, push = false): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  navigate(`${location.pathname}${s ? `?${s}` : ''}`, { replace: !push });
}

type AnchorProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  children?: ComponentChildren;
};

/** An <a> that navigates in place for a plain left click and leaves the rest (new tab, copy) to the browser. */
export function Link({ href, onClick, ...rest }: AnchorProps) {
  const click = (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
