/** Each party group's faction balance: a stacked bar with every faction named and counted beside it. */
import type { Named } from '../lib/api-types.js';
import { percent, plural } from '../lib/format.js';
import type { Palette } from '../lib/palette.js';
import { OrgName, Swatch } from './party.js';

export interface GroupBalance {
  party: Named | null;
  seats: number;
  factions: Array<{ faction: Named | null; seats: number }>;
  controllingFaction: Named | null;
}

export function FactionBalance({ groups, palette }: { groups: readonly GroupBalance[]; palette: Palette }) {
  return (
    <ul class="balance">
      {groups.map((g) => {
        const factions = [...g.factions].sort(
          (a, b) => Number(a.faction === null) - Number(b.faction === null) || b.seats - a.seats,
        );
        const label = factions.map((f) => `${f.faction?.name ?? 'unaligned'} ${f.seats}`).join(', ');
        return (
          <li key={g.party?.id ?? 'independent'} class="balance-group">
            <div class="balance-head">
              <OrgName org={g.party} palette={palette} none="Independent" />{' '}
              <strong>{plural(g.seats, 'seat')}</strong>
              {g.controllingFaction ? (
                <span class="badge">controlled by {g.controllingFaction.name}</span>
              ) : factions.some((f) => f.faction) ? (
                <span class="badge badge-quiet">no faction has a majority</span>
              ) : null}
            </div>
            <div
              class="stack"
              role="img"
              aria-label={`Factions in the ${g.party?.name ?? 'independent'} group: ${label}`}
            >
              {factions.map((f) => (
                <span
                  key={f.faction?.id ?? 'unaligned'}
                  class={f.faction ? 'stack-part' : 'stack-part stack-unaligned'}
                  style={{
                    width: percent(g.seats ? f.seats / g.seats : 0, 3),
                    backgroundColor: palette.colour(f.faction?.id),
                  }}
                />
              ))}
            </div>
            <ul class="legend legend-small">
              {factions.map((f) => (
                <li key={f.faction?.id ?? 'unaligned'}>
                  <Swatch colour={palette.colour(f.faction?.id)} /> {f.faction?.name ?? 'unaligned'}{' '}
                  <strong>{f.seats}</strong>
                  {g.controllingFaction && f.faction?.id === g.controllingFaction.id
                    ? ' (controls the group)'
                    : ''}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
