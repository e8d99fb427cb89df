/** Finding a person by name: /people?q=... (typing slips forgiven by the API's fuzzy search). */
import { useEffect, useState } from 'preact/hooks';
import { Async, Empty } from '../components/status.js';
import { apiPath } from '../lib/api.js';
import type { PeopleSearch } from '../lib/api-types.js';
import { personHref } from '../lib/links.js';
import { Link, type Place, setQuery } from '../lib/router.js';
import { useApi } from '../lib/use-api.js';
import { usePageTitle } from './page.js';

export function PeoplePage({ place }: { place: Place }) {
  const q = place.query.get('q')?.trim() ?? '';
  usePageTitle(q ? `People named “${q}”` : 'Find a person');
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const results = useApi<PeopleSearch>(q ? apiPath('/api/people', { q, limit: 50 }) : null);
  return (
    <>
      <h1 tabIndex={-1}>Find a person</h1>
      <search>
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery({ q: text.trim() }, true);
          }}
        >
          <label>
            Name{' '}
            <input
              type="search"
              name="q"
              value={text}
              onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">Search</button>
        </form>
      </search>
      {q ? (
        <Async state={results} label="the search">
          {(r) =>
            r.items.length === 0 ? (
              <Empty>No one matches “{q}”.</Empty>
            ) : (
              <ol class="results" data-testid="people-results">
                {r.items.map((p) => (
                  <li key={p.id}>
                    <Link href={personHref(p.id)}>{p.name}</Link>
                  </li>
                ))}
              </ol>
            )
          }
        </Async>
      ) : (
        <p class="muted">
          Type a name: every word must match a word of the name, as a prefix or within a typing slip or two.
        </p>
      )}
    </>
  );
}
