/** The parliament-arc seat chart: one dot per seat, grouped by party in wedges, with a named legend. */

import type { Named } from '../lib/api-types.js';
import { arcLayout } from '../lib/arc.js';
import { VACANT } from '../lib/colours.js';
import { plural } from '../lib/format.js';
import type { Palette } from '../lib/palette.js';
import { Swatch } from './party.js';

export interface ArcGroup {
  party: Named | null;
  seats: number;
}

export function SeatArc({
  groups,
  totalSeats,
  majority,
  palette,
}: {
  groups: readonly ArcGroup[];
  totalSeats: number;
  majority: number;
  palette: Palette;
}) {
  const filled = groups.reduce((n, g) => n + g.seats, 0);
  const vacant = Math.max(0, totalSeats - filled);
  const seats = arcLayout(Math.max(totalSeats, filled));
  const blocks = [
    ...groups.map((g) => ({
      key: g.party?.id ?? 'none',
      name: g.party?.name ?? 'Independent',
      seats: g.seats,
      colour: palette.colour(g.party?.id ?? 'independent'),
    })),
    ...(vacant ? [{ key: 'vacant', name: 'Vacant', seats: vacant, colour: VACANT }] : []),
  ];
  let next = 0;
  const summary = `${plural(totalSeats, 'seat')}, ${majority} for a majority: ${blocks.map((b) => `${b.name} ${b.seats}`).join(', ')}`;
  return (
    <figure class="seat-arc">
      <svg viewBox="-1.06 -1.04 2.12 1.12" role="img" aria-label={summary}>
        {blocks.map((b) => {
          const mine = seats.slice(next, next + b.seats);
          next += b.seats;
          return (
            <g
              key={b.key}
              fill={b.colour}
              stroke={b.key === 'vacant' ? '#6c757d' : 'none'}
              stroke-width="0.006"
            >
              <title>{`${b.name}: ${plural(b.seats, 'seat')}`}</title>
              {mine.map((s, i) => (
                <circle key={i} cx={s.x.toFixed(4)} cy={(-s.y).toFixed(4)} r={s.r.toFixed(4)} />
              ))}
            </g>
          );
        })}
        <text x="0" y="-0.1" text-anchor="middle" class="arc-total">
          {totalSeats}
        </text>
        <text x="0" y="0.0" text-anchor="middle" class="arc-note">
          {majority} for a majority
        </text>
      </svg>
      <figcaption>
        <ul class="legend">
          {blocks.map((b) => (
            <li key={b.key}>
              <Swatch colour={b.colour} /> {b.name} <strong>{b.seats}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
