/** A wide table's scrolling box: a named region that takes keyboard focus, so it can be scrolled without a mouse. */
import type { ComponentChildren } from 'preact';

export function ScrollRegion({
  label,
  children,
  lazy = false,
}: {
  label: string;
  children: ComponentChildren;
  /** Lay out only when scrolled near: for long tables below the fold. */
  lazy?: boolean;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled from the keyboard (WCAG 2.1.1)
    <section class={lazy ? 'table-wrap lazy-render' : 'table-wrap'} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
