/** Party and faction colours and short names, from the registry's parties and factions (loaded once). */
import { useMemo } from 'preact/hooks';
import type { FactionList, PartyList } from './api-types.js';
import { buildPalette, UNALIGNED, UNKNOWN } from './colours.js';
import { abbreviate } from './format.js';
import { useApi } from './use-api.js';

export interface Palette {
  /** The colour for a party or faction id; null (unaligned) is light grey. */
  colour(id: string | null | undefined): string;
  /** A few letters for a party (Lab, Con, SNP). */
  short(id: string | null | undefined, fallbackName?: string): string;
}

import { FACTIONS_PATH, PARTIES_PATH } from '../../../src/web/client-routes.js';

export { FACTIONS_PATH, PARTIES_PATH };

export function usePalette(): Palette {
  const parties = useApi<PartyList>(PARTIES_PATH);
  const factions = useApi<FactionList>(FACTIONS_PATH);
  const p = parties.status === 'ready' ? parties.data.items : null;
  const f = factions.status === 'ready' ? factions.data.items : null;
  return useMemo(() => {
    const colours = buildPalette(p ?? [], f ?? []);
    const shorts = new Map((p ?? []).map((x) => [x.id, abbreviate(x.name, x.shortName)]));
    // The selection calendar names parties by Electoral Commission id (PP53).
    for (const x of p ?? []) {
      if (!x.ecId) continue;
      colours.set(x.ecId, colours.get(x.id)!);
      shorts.set(x.ecId, shorts.get(x.id)!);
    }
    for (const x of f ?? []) shorts.set(x.id, abbreviate(x.name, x.shortName));
    shorts.set('independent', 'Ind');
    return {
      colour: (id) => (id ? (colours.get(id) ?? UNKNOWN) : UNALIGNED),
      short: (id, fallbackName) => (id ? (shorts.get(id) ?? abbreviate(fallbackName ?? id)) : 'NOC'),
    };
  }, [p, f]);
}
