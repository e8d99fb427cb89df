/** Any path that is not a page: say so, and offer the ways in. */
import { Link } from '../lib/router.js';
import { usePageTitle } from './page.js';

export function NotFoundPage({ path }: { path: string }) {
  usePageTitle('Page not found');
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p data-testid="not-found">
        There is no page at <code>{path}</code>. It may have been mistyped, or the link may be out of date.
      </p>
      <ul>
        <li>
          <Link href="/">The national picture</Link>: every council and who controls it
        </li>
        <li>
          <Link href="/people">Find a person</Link> by name
        </li>
        <li>
          <Link href="/power">The power calculator</Link>
        </li>
      </ul>
      <p>
        Council pages are at <code>/councils/CODE</code> (for example the council’s three-letter code), people
        at <code>/people/ID</code> and wards at <code>/wards/ID</code>.
      </p>
    </>
  );
}
