/** What every page shares: its document title. */
import { useEffect } from 'preact/hooks';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Caucus` : 'Caucus';
  }, [title]);
}
