/** A party or faction shown as a colour swatch with its name: colour is never the only clue. */
import type { Named } from '../lib/api-types.js';
import type { Palette } from '../lib/palette.js';

export function Swatch({ colour }: { colour: string }) {
  return <span class="swatch" aria-hidden="true" style={{ backgroundColor: colour }} />;
}

export function OrgName({
  org,
  palette,
  none = 'Unaligned',
}: {
  org: Named | null | undefined;
  palette: Palette;
  none?: string;
}) {
  return (
    <span class="org">
      <Swatch colour={palette.colour(org?.id)} />
      {org ? org.name : none}
    </span>
  );
}
