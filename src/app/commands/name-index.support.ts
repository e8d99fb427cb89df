/**
 * Fuzzy search of people by name without scanning every person per query: an in-memory index from each
 * distinct name word to the people bearing it. A query word is matched against the distinct words only
 * (a few thousand, with closest() from the domain), so a search costs milliseconds even with 150,000
 * people. The index is rebuilt after a write through this process, and at the latest after INDEX_TTL_MS.
 */
import { closest } from '../../domain/similar.js';
import type { AppContext } from '../context.js';
import { registryGeneration } from './changes.support.js';

const INDEX_TTL_MS = 5 * 60_000;
const FUZZY_THRESHOLD = 0.34;

export interface NameIndex {
  ids: string[];
  names: string[];
  familyNames: Array<string | null>;
  /** Name word -> indexes into ids. */
  people: Map<string, number[]>;
  /** The distinct words, in the shape closest() takes. */
  words: Array<{ id: string; name: string }>;
  builtAt: number;
  generation: number;
}

const indexes = new WeakMap<object, NameIndex>();

/** tokensOf("Siân O'Brien-Smith") -> ['sian', "o'brien", 'smith']: lower case, accents dropped. */
export function tokensOf(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length > 0);
}

/** The index for the context's store, built or rebuilt when stale. */
export async function nameIndex(ctx: AppContext): Promise<NameIndex> {
  const now = ctx.clock.now().getTime();
  const generation = registryGeneration(ctx.store);
  const cached = indexes.get(ctx.store);
  if (cached && cached.generation === generation && Math.abs(now - cached.builtAt) < INDEX_TTL_MS)
    return cached;
  const rows = await ctx.store.catalog.personNames();
  const people = new Map<string, number[]>();
  rows.forEach((r, i) => {
    for (const w of new Set(tokensOf(r.name))) {
      const list = people.get(w);
      if (list) list.push(i);
      else people.set(w, [i]);
    }
  });
  const index: NameIndex = {
    ids: rows.map((r) => r.id),
    names: rows.map((r) => r.name),
    familyNames: rows.map((r) => r.familyName),
    people,
    words: [...people.keys()].map((w) => ({ id: w, name: w })),
    builtAt: now,
    generation,
  };
  indexes.set(ctx.store, index);
  return index;
}

/** How well a name word answers a query word: 0 is exact, larger is worse. */
function wordScore(query: string, word: string, rank: number, matches: number): number {
  if (word === query) return 0;
  if (word.startsWith(query)) return 0.05;
  if (word.includes(query)) return 0.1;
  if (query.includes(word)) return 0.3;
  return 0.15 + (0.15 * rank) / Math.max(1, matches);
}

/**
 * People whose name has a word close to every word of the query, best first (then by name and id):
 * searchNames(index, 'alx exmaple') finds "Alex Example".
 */
export function searchNames(index: NameIndex, query: string): number[] {
  const all = tokensOf(query);
  const words = all.filter((w) => w.length >= 2);
  const used = words.length > 0 ? words : all;
  if (used.length === 0) return [];
  let scores: Map<number, number> | undefined;
  for (const q of used) {
    const matched = closest(q, index.words, Number.MAX_SAFE_INTEGER, FUZZY_THRESHOLD);
    const best = new Map<number, number>();
    matched.forEach((w, rank) => {
      const s = wordScore(q, w, rank, matched.length);
      for (const person of index.people.get(w) ?? []) {
        const prev = best.get(person);
        if (prev === undefined || s < prev) best.set(person, s);
      }
    });
    // Every query word must match some word of the name.
    if (scores === undefined) scores = best;
    else {
      const next = new Map<number, number>();
      for (const [person, s] of best) {
        const prev = scores.get(person);
        if (prev !== undefined) next.set(person, prev + s);
      }
      scores = next;
    }
    if (scores.size === 0) return [];
  }
  return [...scores!.entries()]
    .sort(
      (a, b) =>
        a[1] - b[1] ||
        index.names[a[0]]!.localeCompare(index.names[b[0]]!) ||
        (index.ids[a[0]]! < index.ids[b[0]]! ? -1 : 1),
    )
    .map(([person]) => person);
}
