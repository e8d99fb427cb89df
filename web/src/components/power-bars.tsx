/** Voting power as a table of bars: each player's Banzhaf and Shapley-Shubik index, with the figures as text. */
import { count, percent } from '../lib/format.js';

export interface PowerPlayer {
  name: string;
  weight: number;
  banzhaf: number;
  shapleyShubik: number;
  swings?: number | string;
  deeganPackel?: number;
  holler?: number;
  banzhafAbsolute?: number;
}

function Bar({ value, kind }: { value: number; kind: 'bz' | 'ss' }) {
  return (
    <span class="bar-cell">
      <span class={`bar bar-${kind}`} style={{ width: percent(Math.max(0, Math.min(1, value)), 2) }} />
      <span class="bar-value">{percent(value)}</span>
    </span>
  );
}

export function PowerBars({
  players,
  caption,
  weightLabel = 'Seats',
  colourOf,
  more = false,
}: {
  players: readonly PowerPlayer[];
  caption: string;
  weightLabel?: string;
  colourOf?: (name: string) => string | null;
  more?: boolean;
}) {
  return (
    <div class="table-wrap">
      <table class="power">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Player</th>
            <th scope="col" class="num">
              {weightLabel}
            </th>
            <th scope="col">Banzhaf</th>
            <th scope="col">Shapley–Shubik</th>
            {more ? (
              <>
                <th scope="col" class="num">
                  Swings
                </th>
                <th scope="col" class="num">
                  Deegan–Packel
                </th>
                <th scope="col" class="num">
                  Holler
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {players.map((p) => {
            const colour = colourOf?.(p.name);
            return (
              <tr key={p.name}>
                <th scope="row">
                  {colour ? (
                    <span class="swatch" aria-hidden="true" style={{ backgroundColor: colour }} />
                  ) : null}
                  {p.name}
                </th>
                <td class="num">{count(p.weight)}</td>
                <td>
                  <Bar value={p.banzhaf} kind="bz" />
                </td>
                <td>
                  <Bar value={p.shapleyShubik} kind="ss" />
                </td>
                {more ? (
                  <>
                    <td class="num">{p.swings === undefined ? '—' : count(p.swings)}</td>
                    <td class="num">{p.deeganPackel === undefined ? '—' : percent(p.deeganPackel)}</td>
                    <td class="num">{p.holler === undefined ? '—' : percent(p.holler)}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
