/** The shell: header with navigation and person search, the page for the URL, the connection banner. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { matchClientRoute } from '../../src/web/client-routes.js';
import { ConnectionBanner } from './components/connection-banner.js';
import { apiPath } from './lib/api.js';
import { justNavigated, Link, navigate, usePlace } from './lib/router.js';
import { ArticlesPage } from './pages/articles.js';
import { CouncilPage } from './pages/council.js';
import { ForecastPage } from './pages/forecast.js';
import { NationalPage } from './pages/national.js';
import { NotFoundPage } from './pages/not-found.js';
import { PeoplePage } from './pages/people.js';
import { PersonPage } from './pages/person.js';
import { PowerPage } from './pages/power.js';
import { WardPage } from './pages/ward.js';

const NAV = [
  { href: '/', label: 'National', match: ['national', 'council', 'ward'] },
  { href: '/people', label: 'People', match: ['people', 'person'] },
  { href: '/power', label: 'Power calculator', match: ['power'] },
  { href: '/articles', label: 'Articles & review', match: ['articles'] },
  { href: '/forecast', label: 'Forecast', match: ['forecast'] },
];

export function App() {
  const place = usePlace();
  const match = matchClientRoute(place.pathname);
  const mainRef = useRef<HTMLElement>(null);
  const [search, setSearch] = useState('');

  // After following a link, start at the top and move focus to the new page's heading (for screen readers).
  useEffect(() => {
    if (!justNavigated()) return;
    window.scrollTo(0, 0);
    const h1 = mainRef.current?.querySelector<HTMLElement>('h1');
    h1?.focus({ preventScroll: true });
  }, [place.pathname]);

  let page: JSX.Element;
  switch (match?.name) {
    case 'national':
      page = <NationalPage place={place} />;
      break;
    case 'council':
      page = <CouncilPage key={match.params.id} id={match.params.id!} place={place} />;
      break;
    case 'ward':
      page = <WardPage key={match.params.id} id={match.params.id!} place={place} />;
      break;
    case 'person':
      page = <PersonPage key={match.params.id} id={match.params.id!} place={place} />;
      break;
    case 'people':
      page = <PeoplePage place={place} />;
      break;
    case 'power':
      page = <PowerPage place={place} />;
      break;
    case 'articles':
      page = <ArticlesPage />;
      break;
    case 'forecast':
      page = <ForecastPage place={place} />;
      break;
    default:
      page = <NotFoundPage path={place.pathname} />;
  }

  return (
    <>
      <a class="skip" href="#main">
        Skip to the content
      </a>
      <header class="site">
        <Link href="/" class="brand">
          Caucus
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={match && n.match.includes(match.name) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <search aria-label="Find a person">
          <form
            class="site-search"
            onSubmit={(e) => {
              e.preventDefault();
              if (search.trim()) navigate(apiPath('/people', { q: search.trim() }));
            }}
          >
            <label>
              <span class="visually-hidden">Find a person by name</span>
              <input
                type="search"
                placeholder="Find a person"
                value={search}
                onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            <button type="submit">Search</button>
          </form>
        </search>
      </header>
      <ConnectionBanner />
      <main id="main" ref={mainRef}>
        {page}
      </main>
      <footer class="site">
        <p>
          Caucus: who controls Britain’s local councils, down to the factions inside each party group. The
          data is also open as <a href="/openapi.json">a JSON API</a>, <a href="/api/export/popolo">Popolo</a>{' '}
          and <a href="/feeds/events.atom">an Atom feed</a>.
        </p>
      </footer>
    </>
  );
}
