/**
 * Whether an element has come near the screen: views that cost the server seconds (the selection
 * calendar) are asked for only when someone scrolls towards them, not on every visit to the page.
 */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** True from the first time `ref`'s element is within `margin` of the viewport (and then for good). */
export function useSeen(ref: RefObject<Element>, margin = '300px'): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  });
  return seen;
}
