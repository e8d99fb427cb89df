/** Signing in with an editor's API token (kept in the tab's sessionStorage; sent only on writes). */
import { useState } from 'preact/hooks';

export function SignIn({
  token,
  setToken,
  purpose = 'submitting and reviewing do',
}: {
  token: string | null;
  setToken: (t: string | null) => void;
  /** What needs the token, for the hint: "submitting and reviewing do". */
  purpose?: string;
}) {
  const [draft, setDraft] = useState('');
  if (token) {
    return (
      <p class="signed-in" data-testid="signed-in">
        Signed in with an API token (the server checks that it is an editor’s on each change).{' '}
        <button type="button" onClick={() => setToken(null)}>
          Sign out
        </button>
      </p>
    );
  }
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim()) setToken(draft.trim());
        setDraft('');
      }}
    >
      <label>
        Editor token{' '}
        <input
          type="password"
          name="token"
          autoComplete="off"
          placeholder="caucus_…"
          value={draft}
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <button type="submit">Sign in</button>
      <span class="muted">Reading needs no token; {purpose} (`caucus token create --role editor`).</span>
    </form>
  );
}
