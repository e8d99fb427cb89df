/**
 * Stage 4: link a name found in an article to registry candidates. Pure: the caller passes the
 * candidates (e.g. people on the same council). Names are normalised (honorifics stripped and kept
 * as evidence of office, accents folded, hyphens and apostrophes dropped, nicknames expanded);
 * candidates are narrowed by council and surname (Jaro-Winkler or the same Double Metaphone key),
 * then scored. Only a high score with a clear margin links automatically; otherwise the best
 * candidates are proposed for review, or the name is new.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import doubleMetaphone from 'talisman/phonetics/double-metaphone.js';
import { NICKNAMES } from './lexicon.data.js';

export interface RegistryCandidate {
  id: string;
  name: string;
  councilIds?: readonly string[];
  aliases?: readonly string[];
}

export interface LinkQuery {
  name: string;
  /** The council the article ties the person to, when known; candidates on other councils are dropped. */
  councilId?: string | null;
  /** 'person' (default) compares given and family names; anything else compares whole names. */
  kind?: 'person' | 'organization';
}

export interface Proposal {
  id: string;
  name: string;
  score: number;
}

export type LinkDecision =
  | {
      status: 'link';
      id: string;
      score: number;
      margin: number;
      honorific: string | null;
      proposals: Proposal[];
    }
  | { status: 'review'; proposals: Proposal[]; honorific: string | null }
  | { status: 'new'; proposals: Proposal[]; honorific: string | null };

export interface LinkThresholds {
  /** Score at or above which a link can be automatic. */
  link: number;
  /** Lead over the second candidate an automatic link needs. */
  margin: number;
  /** Score at or above which a candidate is proposed for review. */
  review: number;
}

export const DEFAULT_THRESHOLDS: LinkThresholds = { link: 0.93, margin: 0.05, review: 0.75 };

const HONORIFICS =
  /^(?:cllrs?|councillors?|coun|mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lady|lord|baroness|baron|rev|revd|rt|hon|the|mp)$/;

export interface NormalisedName {
  given: string[];
  family: string;
  /** Honorific or office words removed from the name ("Cllr"), kept as evidence of office. */
  honorific: string | null;
  full: string;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9\s.-]/g, ' ');
}

/** Splits a person's name: normalisePersonName('Cllr Siân O’Neill-Jones') -> given ['sian'], family 'oneilljones'. */
export function normalisePersonName(raw: string): NormalisedName {
  const words = fold(raw).replace(/\./g, ' ').split(/\s+/).filter(Boolean);
  const honorifics: string[] = [];
  const kept: string[] = [];
  for (const w of words) {
    if (kept.length === 0 && HONORIFICS.test(w)) honorifics.push(w);
    else if (w === 'mp' || w === 'ma' || w === 'obe' || w === 'mbe' || w === 'cbe') honorifics.push(w);
    else kept.push(w);
  }
  const family = (kept[kept.length - 1] ?? '').replace(/-/g, '');
  const given = kept.slice(0, -1).map((g) => g.replace(/-/g, ''));
  return {
    given,
    family,
    honorific: honorifics.length ? honorifics.join(' ') : null,
    full: [...given, family].join(' '),
  };
}

/** Sound-alike key of a word: its primary Double Metaphone code ("Smith" and "Smyth" share one). */
export function soundKey(word: string): string {
  const w = fold(word).replace(/[^a-z]/g, '');
  return w ? doubleMetaphone(w)[0] : '';
}

function soundKeys(word: string): string[] {
  const w = fold(word).replace(/[^a-z]/g, '');
  if (!w) return [];
  const [a, b] = doubleMetaphone(w);
  return a === b ? [a] : [a, b];
}

function canonicalGiven(g: string): string {
  return NICKNAMES[g] ?? g;
}

function givenScore(a: string[], b: string[]): number {
  const x = a[0];
  const y = b[0];
  if (!x || !y) return 0.8;
  if (x === y) return 1;
  if (canonicalGiven(x) === canonicalGiven(y)) return 0.96;
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? 0.9 : 0.2;
  return jaroWinkler(x, y);
}

function familyScore(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const jw = jaroWinkler(a, b);
  const ka = soundKeys(a);
  const same = soundKeys(b).some((k) => ka.includes(k));
  return same ? Math.max(jw, 0.92) : jw;
}

function personScore(q: NormalisedName, name: string): number {
  const c = normalisePersonName(name);
  // "O’Neill Jones" written without its hyphen: the last two words may be one surname.
  const joined = (n: NormalisedName) =>
    n.given.length > 1 ? `${n.given[n.given.length - 1]}${n.family}` : n.family;
  const f = Math.max(
    familyScore(q.family, c.family),
    familyScore(joined(q), c.family),
    familyScore(q.family, joined(c)),
  );
  if (f < 0.85) return 0;
  return 0.6 * f + 0.4 * givenScore(q.given, c.given);
}

function orgKey(s: string): string {
  return fold(s)
    .replace(/\b(?:the|of|and)\b/g, ' ')
    .replace(/[.-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Links a name to the best registry candidate, or proposes candidates, or says it is new.
 * Example: linkName({ name: 'Cllr Jane Smith', councilId: 'leeds' }, [{ id: 'p1', name: 'Jane Smith' }])
 *   -> { status: 'link', id: 'p1', ... }.
 */
export function linkName(
  query: LinkQuery,
  candidates: readonly RegistryCandidate[],
  thresholds: LinkThresholds = DEFAULT_THRESHOLDS,
): LinkDecision {
  const person = (query.kind ?? 'person') === 'person';
  const q = normalisePersonName(query.name);
  const honorific = person ? q.honorific : null;
  const pool = candidates.filter(
    (c) =>
      !query.councilId ||
      !c.councilIds ||
      c.councilIds.length === 0 ||
      c.councilIds.includes(query.councilId),
  );
  const scored: Proposal[] = [];
  for (const c of pool) {
    let best = 0;
    for (const n of [c.name, ...(c.aliases ?? [])]) {
      const s = person
        ? personScore(q, n)
        : orgKey(query.name) === orgKey(n)
          ? 1
          : jaroWinkler(orgKey(query.name), orgKey(n));
      if (s > best) best = s;
    }
    if (query.councilId && c.councilIds?.includes(query.councilId)) best = Math.min(1, best + 0.02);
    if (best > 0) scored.push({ id: c.id, name: c.name, score: Math.round(best * 1000) / 1000 });
  }
  scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const proposals = scored.filter((p) => p.score >= thresholds.review).slice(0, 5);
  const top = scored[0];
  const second = scored[1];
  if (!top || top.score < thresholds.review) return { status: 'new', proposals: [], honorific };
  const margin = top.score - (second?.score ?? 0);
  // A surname alone ("Cllr Smith") or with initials never links by itself: too many people share one.
  const incomplete = person && (q.given.length === 0 || q.given.every((g) => g.length === 1));
  if (top.score >= thresholds.link && margin >= thresholds.margin && !incomplete) {
    return {
      status: 'link',
      id: top.id,
      score: top.score,
      margin: Math.round(margin * 1000) / 1000,
      honorific,
      proposals,
    };
  }
  return { status: 'review', proposals, honorific };
}
