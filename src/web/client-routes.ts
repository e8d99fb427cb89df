/**
 * The dashboard's client-side URLs, shared by the browser router (web/src) and the server's static route,
 * which answers a known page with index.html (200) and any other path with index.html as a 404, so that a
 * mistyped link is a not-found page in the browser and a 404 to crawlers and link checkers.
 */

export type PageName =
  | 'national'
  | 'council'
  | 'ward'
  | 'person'
  | 'people'
  | 'power'
  | 'articles'
  | 'forecast';

export interface ClientRoute {
  name: PageName;
  /** A path pattern: literal segments and `:param` segments. */
  pattern: string;
}

export const CLIENT_ROUTES: readonly ClientRoute[] = [
  { name: 'national', pattern: '/' },
  { name: 'council', pattern: '/councils/:id' },
  { name: 'ward', pattern: '/wards/:id' },
  { name: 'people', pattern: '/people' },
  { name: 'person', pattern: '/people/:id' },
  { name: 'power', pattern: '/power' },
  { name: 'articles', pattern: '/articles' },
  { name: 'forecast', pattern: '/forecast' },
];

export interface RouteMatch {
  name: PageName;
  params: Record<string, string>;
}

/** The page a path names, with its decoded parameters: matchClientRoute('/councils/STR') -> council {id: 'STR'}. */
export function matchClientRoute(pathname: string): RouteMatch | null {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const parts = trimmed.split('/').slice(1);
  for (const route of CLIENT_ROUTES) {
    const want = route.pattern.split('/').slice(1);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      const w = want[i]!;
      const got = parts[i]!;
      if (w.startsWith(':')) {
        let value: string;
        try {
          value = decodeURIComponent(got);
        } catch {
          ok = false;
          break;
        }
        if (value === '') ok = false;
        else params[w.slice(1)] = value;
      } else if (w !== got) ok = false;
    }
    if (ok) return { name: route.name, params };
  }
  return null;
}

/** A path segment for an id: encoded, but keeping ':' (valid in a path) so `person:11` reads as itself. */
export function pathSegment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

/** The lists of parties and factions every page's colours come from. */
export const PARTIES_PATH = '/api/parties?limit=500';
export const FACTIONS_PATH = '/api/factions?limit=500';

/** The national page's table, map and summary: one lean request (`?asOf=` a day, or today). */
export function nationalSummaryPath(asOf: string | null): string {
  return asOf ? `/api/control/summary?asOf=${encodeURIComponent(asOf)}` : '/api/control/summary';
}

/**
 * What the national page asks for before it can draw anything. The server names these in a preload Link
 * header with the page, so the browser fetches them while the script is still loading: no waterfall of
 * page, then script, then data. Null for a day that is not a date (the page will say so itself).
 */
export function nationalFirstRequests(query: URLSearchParams): string[] | null {
  const asOf = query.get('asOf');
  if (asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return null;
  return [nationalSummaryPath(asOf), PARTIES_PATH, FACTIONS_PATH];
}
