/**
 * Scores extraction output against a gold file (see ../shared/corpus/SCHEMA.md). Pure.
 * - An entity matches a gold entity of the same type whose normalised name or alias equals its name.
 * - A claim matches a gold claim of the same type and subject when no argument that both give
 *   disagrees; its argument score is the share of the gold's arguments it gives correctly. A list
 *   argument (supported_by, on) agrees when the lists share a name and scores their Jaccard overlap.
 *   An office claim saying `former: true` where the gold does not disagrees with it.
 * - Recall counts required gold items; precision counts every output item against all gold items.
 * Matching is one-to-one: a second output for the same gold item counts against precision.
 */
import type { ExtractionResult, OutputClaim, OutputEntity } from './extraction.types.js';

export interface GoldEntity {
  type: string;
  name: string;
  aliases?: string[];
  council?: string;
  required?: boolean;
}

export interface GoldClaim {
  type: string;
  subject?: string;
  required?: boolean;
  evidence?: string;
  [arg: string]: unknown;
}

export interface GoldFile {
  article?: string;
  published?: string;
  entities: GoldEntity[];
  claims: GoldClaim[];
}

export interface Counts {
  /** Output items that matched a gold item. */
  matchedOutput: number;
  output: number;
  /** Required gold items that an output matched. */
  matchedRequired: number;
  required: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  type: string;
  name: string;
  detail?: string;
}

export interface Part {
  overall: Prf;
  byType: Record<string, Prf>;
  /** Required gold items nobody matched. */
  misses: Miss[];
  /** Output items that matched no gold item. */
  spurious: Miss[];
}

export interface ArticleScore {
  article: string;
  entities: Part;
  claims: Part & {
    /** Mean share of gold arguments given correctly, over matched claims (1 when every argument is right). */
    argumentScore: number;
    matchedClaims: number;
  };
}

const HONORIFIC = /\b(?:cllrs?|councillors?|sir|dame|dr|mr|mrs|ms)\b\.?/g;

/** Scoring normal form: case folded, honorifics removed, punctuation and extra spaces dropped. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(HONORIFIC, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** All normalised names of gold entities, to resolve a claim argument to the gold entity it names. */
class NameIndex {
  private readonly forms = new Map<string, Set<string>>();
  constructor(entities: GoldEntity[]) {
    for (const e of entities) {
      const set = new Set([e.name, ...(e.aliases ?? [])].map(normaliseName));
      this.forms.set(normaliseName(e.name), set);
    }
  }
  /** Whether `output` names the gold entity called `gold` (by its name or an alias). */
  same(output: string, gold: string): boolean {
    const o = normaliseName(output);
    const g = normaliseName(gold);
    if (o === g) return true;
    return this.forms.get(g)?.has(o) ?? false;
  }
}

function prf(c: Counts): Prf {
  const precision = c.output === 0 ? (c.required === 0 ? 1 : 0) : c.matchedOutput / c.output;
  const recall = c.required === 0 ? 1 : c.matchedRequired / c.required;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

function emptyCounts(): Counts {
  return { matchedOutput: 0, output: 0, matchedRequired: 0, required: 0 };
}

function addCounts(a: Counts, b: Counts): Counts {
  return {
    matchedOutput: a.matchedOutput + b.matchedOutput,
    output: a.output + b.output,
    matchedRequired: a.matchedRequired + b.matchedRequired,
    required: a.required + b.required,
  };
}

function bump(map: Map<string, Counts>, type: string, f: (c: Counts) => void): void {
  const c = map.get(type) ?? emptyCounts();
  f(c);
  map.set(type, c);
}

function finishPart(byType: Map<string, Counts>, misses: Miss[], spurious: Miss[]): Part {
  let total = emptyCounts();
  const out: Record<string, Prf> = {};
  for (const [t, c] of [...byType.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    out[t] = prf(c);
    total = addCounts(total, c);
  }
  return { overall: prf(total), byType: out, misses, spurious };
}

export function scoreEntities(output: OutputEntity[], gold: GoldEntity[]): Part {
  const byType = new Map<string, Counts>();
  const taken = new Set<number>();
  const spurious: Miss[] = [];
  for (const g of gold) if (g.required) bump(byType, g.type, (c) => c.required++);
  for (const o of output) {
    bump(byType, o.type, (c) => c.output++);
    const n = normaliseName(o.name);
    let best = -1;
    gold.forEach((g, i) => {
      if (taken.has(i) || g.type !== o.type) return;
      if (![g.name, ...(g.aliases ?? [])].some((x) => normaliseName(x) === n)) return;
      if (best < 0 || (g.required && !gold[best]?.required)) best = i;
    });
    if (best < 0) {
      spurious.push({ type: o.type, name: o.name });
      continue;
    }
    taken.add(best);
    bump(byType, o.type, (c) => {
      c.matchedOutput++;
      if (gold[best]?.required) c.matchedRequired++;
    });
  }
  const misses = gold
    .filter((g, i) => g.required && !taken.has(i))
    .map((g) => ({ type: g.type, name: g.name }));
  return finishPart(byType, misses, spurious);
}

const NOT_ARGUMENTS = new Set(['type', 'subject', 'required', 'evidence', 'confidence', 'label', 'date']);
const ENTITY_ARGS = new Set(['organization', 'council', 'ward', 'faction', 'party', 'actor', 'from', 'to']);

/** The claim's subject: `subject`, else the body a motion or membership change is about. */
export function subjectOf(c: { subject?: unknown; organization?: unknown; council?: unknown }): string {
  const s = c.subject ?? c.organization ?? c.council;
  return typeof s === 'string' ? s : '';
}

/** Compares one claim pair: null when they do not match, else the share of gold arguments given right. */
export function compareClaim(o: OutputClaim, g: GoldClaim, names: NameIndex): number | null {
  if (o.type !== g.type) return null;
  const os = o.subject ?? subjectOf(o);
  if (!names.same(os, subjectOf(g)) && !names.same(subjectOf(o), subjectOf(g))) return null;
  const out = o as unknown as Record<string, unknown>;
  let goldArgs = 0;
  let right = 0;
  const keys = new Set([...Object.keys(g), ...(g.type === 'office' ? ['former'] : [])]);
  for (const k of keys) {
    if (NOT_ARGUMENTS.has(k)) continue;
    if (g.type === 'motion' || g.type === 'membership_change') {
      if ((k === 'organization' || k === 'council') && subjectOf(g) === g[k]) continue;
    }
    // `former` left out counts as a missing argument; `former: true` where the gold has none is wrong.
    const gv = k === 'former' ? g.former === true : g[k];
    const ov = k === 'former' ? (out.former === true ? true : undefined) : out[k];
    if (k !== 'former' || g.former === true) goldArgs++;
    if (ov === undefined || ov === null) continue;
    let ok: boolean;
    if (Array.isArray(gv)) {
      const ol = Array.isArray(ov) ? (ov as unknown[]).map(String) : [String(ov)];
      const gl = (gv as unknown[]).map(String);
      const inter = ol.filter((x) => gl.some((y) => names.same(x, y))).length;
      if (inter === 0) return null;
      ok = true;
      right += inter / (ol.length + gl.length - inter);
      continue;
    }
    if (ENTITY_ARGS.has(k)) ok = typeof ov === 'string' && typeof gv === 'string' && names.same(ov, gv);
    else ok = ov === gv;
    if (!ok) return null;
    if (k !== 'former' || g.former === true) right++;
  }
  return goldArgs === 0 ? 1 : right / goldArgs;
}

export function scoreClaims(
  output: OutputClaim[],
  gold: GoldClaim[],
  goldEntities: GoldEntity[],
): ArticleScore['claims'] {
  const names = new NameIndex(goldEntities);
  const byType = new Map<string, Counts>();
  for (const g of gold) if (g.required) bump(byType, g.type, (c) => c.required++);
  for (const o of output) bump(byType, o.type, (c) => c.output++);
  const pairs: { o: number; g: number; s: number }[] = [];
  output.forEach((o, oi) => {
    gold.forEach((g, gi) => {
      const s = compareClaim(o, g, names);
      if (s !== null) pairs.push({ o: oi, g: gi, s: s + (g.required ? 0.001 : 0) });
    });
  });
  pairs.sort((a, b) => b.s - a.s || a.o - b.o || a.g - b.g);
  const usedO = new Set<number>();
  const usedG = new Set<number>();
  let argSum = 0;
  for (const p of pairs) {
    if (usedO.has(p.o) || usedG.has(p.g)) continue;
    usedO.add(p.o);
    usedG.add(p.g);
    argSum += Math.min(1, p.s);
    const g = gold[p.g] as GoldClaim;
    bump(byType, g.type, (c) => {
      c.matchedOutput++;
      if (g.required) c.matchedRequired++;
    });
  }
  const describe = (c: Record<string, unknown>) =>
    Object.entries(c)
      .filter(([k]) => !['type', 'subject', 'required', 'evidence', 'confidence', 'label'].includes(k))
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
      .join(' ');
  const misses = gold
    .map((g, i) => ({ g, i }))
    .filter(({ g, i }) => g.required && !usedG.has(i))
    .map(({ g }) => ({ type: g.type, name: subjectOf(g), detail: describe(g) }));
  const spurious = output
    .map((o, i) => ({ o, i }))
    .filter(({ i }) => !usedO.has(i))
    .map(({ o }) => ({
      type: o.type,
      name: subjectOf(o),
      detail: describe(o as unknown as Record<string, unknown>),
    }));
  const part = finishPart(byType, misses, spurious);
  return { ...part, argumentScore: usedO.size === 0 ? 0 : argSum / usedO.size, matchedClaims: usedO.size };
}

/** Scores one article's output against its gold file. */
export function scoreArticle(article: string, output: ExtractionResult, gold: GoldFile): ArticleScore {
  return {
    article,
    entities: scoreEntities(output.entities, gold.entities),
    claims: scoreClaims(output.claims, gold.claims, gold.entities),
  };
}

export interface CorpusScore {
  articles: ArticleScore[];
  entities: { overall: Prf; byType: Record<string, Prf> };
  claims: { overall: Prf; byType: Record<string, Prf>; argumentScore: number };
}

/** Pools counts over articles (micro-averaged precision, recall and F1). */
export function combineScores(articles: ArticleScore[]): CorpusScore {
  const pool = (parts: Part[]) => {
    const byType = new Map<string, Counts>();
    for (const p of parts)
      for (const [t, c] of Object.entries(p.byType))
        bump(byType, t, (x) => Object.assign(x, addCounts(x, c)));
    const f = finishPart(byType, [], []);
    return { overall: f.overall, byType: f.byType };
  };
  const matched = articles.reduce((n, a) => n + a.claims.matchedClaims, 0);
  const argSum = articles.reduce((n, a) => n + a.claims.argumentScore * a.claims.matchedClaims, 0);
  return {
    articles,
    entities: pool(articles.map((a) => a.entities)),
    claims: { ...pool(articles.map((a) => a.claims)), argumentScore: matched === 0 ? 0 : argSum / matched },
  };
}
