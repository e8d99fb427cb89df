/**
 * Seat holdings on any day from the spans they are made of: councillors' terms, party memberships and
 * faction alignments, each dated. Reading the spans once and deriving every day from them in memory is what
 * makes a time series of control (one day a year over a decade) cost one read instead of one per day.
 * Pure: fed plain spans. Spans are [start, end): the end date is the first day not held (see activeOn).
 */
import { activeOn, type IsoDate } from '../../domain/dates.js';
import type { Holding } from './control.engine.js';

/** A councillor's term in a seat of a council; onBehalfOfId is the party they were elected for. */
export interface SeatSpan {
  personId: string;
  councilId: string;
  onBehalfOfId: string | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
}

/** A party membership (kind party) or a faction alignment (kind faction). */
export interface TieSpan {
  personId: string;
  kind: 'party' | 'faction';
  organizationId: string;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
}

/** A ward's seats over a span of days (boundary changes end one set of wards and start another). */
export interface PostSpan {
  councilId: string;
  seats: number;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

/** What control on any day in a range is computed from. */
export interface ControlSpans {
  seats: SeatSpan[];
  ties: TieSpan[];
  posts: PostSpan[];
}

/**
 * Of two overlapping memberships of one kind (a data error, or a change recorded without closing the old
 * one) the one begun later counts: it is the newer fact. An unknown start counts as the earliest.
 */
export function laterTie(a: TieSpan, b: TieSpan): TieSpan {
  const sa = a.startDate ?? '';
  const sb = b.startDate ?? '';
  if (sa !== sb) return sa > sb ? a : b;
  return a.organizationId >= b.organizationId ? a : b;
}

/**
 * Indexes spans once; `on(day)` then gives that day's holdings (each sitting councillor's party, falling
 * back to the party they were elected for, and their faction) and each council's seats, vacancies included,
 * in time linear in the spans.
 */
export function controlTimeline(spans: ControlSpans) {
  const tiesOf = new Map<string, TieSpan[]>();
  for (const t of spans.ties) {
    const list = tiesOf.get(t.personId);
    if (list) list.push(t);
    else tiesOf.set(t.personId, [t]);
  }
  const none: TieSpan[] = [];
  const seatTies = spans.seats.map((s) => tiesOf.get(s.personId) ?? none);
  return {
    on(day: IsoDate): { holdings: Holding[]; totals: Map<string, number> } {
      const totals = new Map<string, number>();
      for (const p of spans.posts)
        if (activeOn(p.validFrom, p.validTo, day))
          totals.set(p.councilId, (totals.get(p.councilId) ?? 0) + p.seats);
      const holdings: Holding[] = [];
      for (let i = 0; i < spans.seats.length; i++) {
        const s = spans.seats[i]!;
        if (!activeOn(s.startDate, s.endDate, day)) continue;
        let party: TieSpan | null = null;
        let faction: TieSpan | null = null;
        for (const t of seatTies[i]!) {
          if (!activeOn(t.startDate, t.endDate, day)) continue;
          if (t.kind === 'party') party = party ? laterTie(party, t) : t;
          else faction = faction ? laterTie(faction, t) : t;
        }
        holdings.push({
          councilId: s.councilId,
          partyId: party?.organizationId ?? s.onBehalfOfId,
          factionId: faction?.organizationId ?? null,
        });
      }
      return { holdings, totals };
    },
  };
}
