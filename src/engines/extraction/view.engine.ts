/**
 * The sentence view that stage 5 rules read: the sentence with every resolved mention replaced by a
 * typed slot (⟦P3⟧ a person, ⟦C0⟧ a council, ⟦G5⟧ a group of people ...), titles folded into the
 * person's slot, quotations masked as ⟦Q⟧, typography normalised (’ to ', dashes to –).
 */
import type { EntityRecord, Ref } from './coreference.engine.js';
import type { EntityType } from './extraction.types.js';

export interface Slot {
  code: string;
  ids: number[];
  start: number;
  end: number;
  pronoun: boolean;
}

export interface SentenceView {
  text: string;
  slots: Slot[];
}

const CODE: Record<EntityType, string> = {
  person: 'P',
  council: 'C',
  ward: 'W',
  party: 'Y',
  faction: 'F',
  local_party: 'L',
  organization: 'O',
};

/** Slot code for a set of entities: a single entity's type letter, or G for several people. */
export function codeFor(ids: number[], entities: EntityRecord[]): string {
  if (ids.length > 1) return 'G';
  const e = entities[ids[0] as number];
  return e ? CODE[e.type] : 'X';
}

function normalise(s: string): string {
  return s
    .replace(/[’‘]/g, "'")
    .replace(/[—]/g, '–')
    .replace(/\s+-\s+/g, ' – ')
    .replace(/[⟦⟧]/g, ' ')
    .replace(/\s+/g, ' ');
}

/**
 * Builds the view of text[start, end) from the refs inside it (outermost wins when refs nest).
 * `quotes` are masked so reported speech yields no claims.
 */
export function buildView(
  text: string,
  start: number,
  end: number,
  refs: Ref[],
  entities: EntityRecord[],
  quotes: { start: number; end: number }[],
  skipIds: Set<number> = new Set(),
): SentenceView {
  const inside = refs
    .filter((r) => r.start >= start && r.end <= end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const qs = quotesIn(quotes, start, end);
  const slots: Slot[] = [];
  let out = '';
  let pos = start;
  const emitText = (a: number, b: number) => {
    let p = a;
    while (p < b) {
      const q = qs.find((x) => x.end > p && x.start < b);
      if (!q) {
        out += normalise(text.slice(p, b));
        return;
      }
      if (q.start > p) out += normalise(text.slice(p, q.start));
      out += ' ⟦Q⟧ ';
      p = Math.min(b, q.end);
    }
  };
  for (const r of inside) {
    if (r.start < pos) continue;
    if (qs.some((q) => r.start >= q.start && r.start < q.end)) continue;
    if (r.ids.every((id) => skipIds.has(id))) continue;
    emitText(pos, r.start);
    const code = codeFor(r.ids, entities);
    const word = text.slice(r.start, r.end).toLowerCase();
    const possessive = r.kind === 'pronoun' && (word === 'his' || word === 'its' || word === 'their');
    out += `⟦${code}${slots.length}⟧${possessive ? "'s" : ''}`;
    slots.push({ code, ids: r.ids, start: r.start, end: r.end, pronoun: r.kind === 'pronoun' });
    pos = r.end;
  }
  emitText(pos, end);
  // Titles are evidence of office already kept on the entity; folding them keeps rules short.
  out = out.replace(
    /\b(?:Cllrs?|Councillors?|Coun|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Baroness)\.? (?=⟦[PG]\d+⟧)/g,
    '',
  );
  out = out.replace(/ {2,}/g, ' ').trim();
  return { text: out, slots };
}

/** Quotes overlapping [start, end), found by binary search (quotes are sorted and do not overlap). */
function quotesIn(
  quotes: { start: number; end: number }[],
  start: number,
  end: number,
): { start: number; end: number }[] {
  let lo = 0;
  let hi = quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((quotes[mid] as { end: number }).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: { start: number; end: number }[] = [];
  for (let i = lo; i < quotes.length && (quotes[i] as { start: number }).start < end; i++)
    out.push(quotes[i] as { start: number; end: number });
  return out;
}

const SLOT_RE = /⟦([A-Z])(\d+)⟧/g;

/** Slot indexes named in a piece of view text, in order. */
export function slotsIn(s: string): number[] {
  const out: number[] = [];
  SLOT_RE.lastIndex = 0;
  for (let m = SLOT_RE.exec(s); m; m = SLOT_RE.exec(s)) out.push(Number(m[2]));
  return out;
}

/** Slots of the given codes in view text, e.g. slotsOf('⟦P0⟧ and ⟦F1⟧', 'PG') -> [0]. */
export function slotsOf(s: string, codes: string): number[] {
  const out: number[] = [];
  SLOT_RE.lastIndex = 0;
  for (let m = SLOT_RE.exec(s); m; m = SLOT_RE.exec(s))
    if (codes.includes(m[1] ?? '')) out.push(Number(m[2]));
  return out;
}
