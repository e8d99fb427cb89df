/** The editor's API token for this browser tab (sessionStorage: gone when the tab closes). */
import { useState } from 'preact/hooks';

const KEY = 'caucus-token';

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function useToken(): [string | null, (token: string | null) => void] {
  const [token, setToken] = useState<string | null>(read);
  return [
    token,
    (next) => {
      try {
        if (next) sessionStorage.setItem(KEY, next);
        else sessionStorage.removeItem(KEY);
      } catch {
        // Storage may be off (private mode): the token then lasts until the page is left.
      }
      setToken(next);
    },
  ];
}
