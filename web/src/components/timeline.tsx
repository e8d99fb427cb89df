/** Spells over time (offices, memberships, alignments): each a bar on a shared axis, with dates as text. */
import type { ComponentChildren } from 'preact';
import { formatDate, position } from '../lib/format.js';
import { Swatch } from './party.js';

export interface Spell {
  key: string;
  label: ComponentChildren;
  detail?: ComponentChildren;
  start: string | null;
  end: string | null;
  colour: string;
  extra?: ComponentChildren;
}

export function Timeline({
  spells,
  asOf,
  caption,
}: {
  spells: readonly Spell[];
  asOf: string;
  caption: string;
}) {
  const starts = spells.map((s) => s.start).filter((d): d is string => Boolean(d));
  const from = [...starts].sort()[0] ?? asOf;
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(asOf.slice(0, 4)) + 1;
  const axisFrom = `${firstYear}-01-01`;
  const axisTo = `${lastYear}-01-01`;
  const step = Math.max(1, Math.ceil((lastYear - firstYear) / 8));
  const ticks: number[] = [];
  for (let y = firstYear; y <= lastYear; y += step) ticks.push(y);
  return (
    <figure class="timeline">
      <figcaption class="visually-hidden">{caption}</figcaption>
      <div class="timeline-axis" aria-hidden="true">
        {ticks.map((y) => (
          <span key={y} style={{ left: `${(position(`${y}-01-01`, axisFrom, axisTo) * 100).toFixed(2)}%` }}>
            {y}
          </span>
        ))}
      </div>
      <ol class="timeline-rows">
        {spells.map((s) => {
          const left = position(s.start ?? axisFrom, axisFrom, axisTo);
          const right = position(s.end ?? asOf, axisFrom, axisTo);
          return (
            <li key={s.key} class="timeline-row">
              <div class="timeline-label">
                <Swatch colour={s.colour} /> {s.label}
                <span class="timeline-dates">
                  {' '}
                  {s.start ? formatDate(s.start) : 'unknown start'} – {s.end ? formatDate(s.end) : 'now'}
                </span>
                {s.detail ? <span class="muted"> ({s.detail})</span> : null}
                {s.extra}
              </div>
              <div class="timeline-track" aria-hidden="true">
                <span
                  class={s.end ? 'timeline-bar' : 'timeline-bar timeline-open'}
                  style={{
                    left: `${(left * 100).toFixed(2)}%`,
                    width: `${(Math.max(0.006, right - left) * 100).toFixed(2)}%`,
                    backgroundColor: s.colour,
                  }}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
