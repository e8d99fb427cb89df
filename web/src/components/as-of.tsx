/** The "as of" day a page looks at, kept in the URL (?asOf=YYYY-MM-DD) so that a view can be shared. */
import { setQuery } from '../lib/router.js';

export function AsOfPicker({ value, shown }: { value: string | null; shown: string }) {
  return (
    <form class="as-of" onSubmit={(e) => e.preventDefault()}>
      <label>
        As of{' '}
        <input
          type="date"
          value={value ?? shown}
          min="1990-01-01"
          max="2100-12-31"
          onChange={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            if (/^\d{4}-\d{2}-\d{2}$/.test(v) || v === '') setQuery({ asOf: v || null }, true);
          }}
        />
      </label>
      {value ? (
        <button type="button" onClick={() => setQuery({ asOf: null }, true)}>
          Today
        </button>
      ) : null}
    </form>
  );
}
