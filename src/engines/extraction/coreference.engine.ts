/**
 * Stage 3: within-article coreference. Mentions with one key become one entity; a surname or given
 * name alone ("Smith", "Cllr Smith", "Jane") joins the full name it abbreviates; pronouns join the
 * person, group or organisation the text makes most salient ("she", "their", "its").
 */
import type { EntityType, Mention, Sentence } from './extraction.types.js';
import { GIVEN_NAME_GENDER } from './lexicon.data.js';
import { nameKey, partyShort } from './mentions.engine.js';

export interface EntityRecord {
  id: number;
  type: EntityType;
  key: string;
  name: string;
  spans: { start: number; end: number; reference: boolean }[];
  gender: 'f' | 'm' | null;
  /** Titles written before the person's name ("Cllr", "Councillor", "MP"). */
  titles: string[];
  /** Whether the person is the article's byline author. */
  author: boolean;
  /** A party mention's surface form or a council's bare place name. */
  extra: string | null;
  /** How explicit the best name seen is (a named group outranks a label such as "the left"). */
  rank: number;
}

/** A resolved reference in the text: a name, a surname alone, or a pronoun. */
export interface Ref {
  start: number;
  end: number;
  /** Entities referred to: one for a name or singular pronoun, several for "they" over a list. */
  ids: number[];
  kind: 'name' | 'pronoun';
  sentence: number;
}

export interface CorefResult {
  entities: EntityRecord[];
  refs: Ref[];
  /** Character ranges inside double quotation marks (reported speech). */
  quotes: { start: number; end: number }[];
}

const FEMALE_TITLES = new Set(['Mrs', 'Ms', 'Miss', 'Dame', 'Lady', 'Baroness']);
const MALE_TITLES = new Set(['Mr', 'Sir', 'Lord', 'Baron']);

/** Ranges of text inside “…” or "…" quotes, where pronouns belong to the speaker, not the narrative. */
export function findQuotes(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /“[^”]{0,2000}”|"[^"\n]{0,2000}"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function inRanges(pos: number, ranges: { start: number; end: number }[]): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as { start: number; end: number };
    if (pos < r.start) hi = mid - 1;
    else if (pos >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Groups mentions into entities and resolves pronouns; `councils` lists the article's council keys. */
export function resolveCoreference(
  text: string,
  sentences: Sentence[],
  mentions: Mention[],
  councils: string[],
): CorefResult {
  const quotes = findQuotes(text);
  const entities: EntityRecord[] = [];
  const byKey = new Map<string, EntityRecord>();
  const refs: Ref[] = [];
  const hasScottishGreens = mentions.some((m) => m.type === 'party' && m.key === 'party:Scottish Greens');
  const singleCouncil = councils.length === 1 ? councils[0] : undefined;
  const councilPlace = new Map<string, string>();
  for (const m of mentions)
    if (m.type === 'council' && m.extra && !councilPlace.has(m.key)) councilPlace.set(m.key, m.extra);

  const entityFor = (m: Mention, key: string, name: string): EntityRecord => {
    let e = byKey.get(key);
    if (!e) {
      e = {
        id: entities.length,
        type: m.type,
        key,
        name,
        spans: [],
        gender: null,
        titles: [],
        author: false,
        extra: m.extra ?? null,
        rank: m.rank,
      };
      entities.push(e);
      byKey.set(key, e);
    } else if (m.rank > e.rank) {
      e.name = name;
      e.rank = m.rank;
    }
    return e;
  };

  const sentenceOf = makeSentenceIndex(sentences);
  const persons: Mention[] = [];
  for (const m of mentions) {
    if (m.type === 'person') {
      persons.push(m);
      continue;
    }
    let key = m.key;
    let name = m.name;
    if (
      m.type === 'party' &&
      hasScottishGreens &&
      key === 'party:Green Party' &&
      !/Party/.test(m.extra ?? '')
    ) {
      key = 'party:Scottish Greens';
      name = 'Scottish Greens';
    }
    if (m.type === 'organization' && key.startsWith('group:')) {
      const party = key.slice('group:'.length);
      const place =
        (m.extra && m.extra !== '' ? m.extra : null) ??
        (singleCouncil ? councilPlace.get(singleCouncil) : null);
      name = place ? `${place} ${partyShort(party)} group` : `${partyShort(party)} group`;
    }
    const e = entityFor(m, key, name);
    e.spans.push({ start: m.start, end: m.end, reference: false });
    refs.push({ start: m.start, end: m.end, ids: [e.id], kind: 'name', sentence: sentenceOf(m.start) });
  }

  // People: full names first, then fragments (surname or given name alone) join them.
  const full = persons.filter((m) => !m.key.startsWith('single:') && m.name.includes(' '));
  const fragments = persons.filter((m) => m.key.startsWith('single:') || !m.name.includes(' '));
  for (const m of full) {
    const e = entityFor(m, m.key, m.name);
    addPersonSpan(e, m, refs, sentenceOf);
  }
  const fullPeople = entities.filter((e) => e.type === 'person');
  for (const m of fragments) {
    const word = m.name;
    const wordKey = nameKey(word);
    const bySurname = fullPeople.filter((e) => nameKey(lastWord(e.name)) === wordKey);
    const byGiven = fullPeople.filter((e) => nameKey(firstWord(e.name)) === wordKey);
    let target: EntityRecord | undefined;
    if (bySurname.length === 1) target = bySurname[0];
    else if (bySurname.length > 1) target = nearestBefore(bySurname, m.start) ?? bySurname[0];
    else if (byGiven.length === 1 && !m.title) target = byGiven[0];
    if (!target && m.title && m.title !== 'MP') target = entityFor(m, `person:${wordKey}`, word);
    if (!target) continue;
    addPersonSpan(target, m, refs, sentenceOf);
  }
  for (const e of entities) {
    if (e.type !== 'person') continue;
    const given = firstWord(e.name);
    e.gender = GIVEN_NAME_GENDER.get(given) ?? null;
    for (const t of e.titles) {
      if (FEMALE_TITLES.has(t)) e.gender = 'f';
      if (MALE_TITLES.has(t)) e.gender = 'm';
    }
  }
  refs.sort((a, b) => a.start - b.start);
  const withPronouns = resolvePronouns(text, sentences, entities, refs, quotes);
  return { entities, refs: withPronouns, quotes };
}

function makeSentenceIndex(sentences: Sentence[]): (pos: number) => number {
  const starts = sentences.map((s) => s.start);
  return (pos: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    let ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= pos) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };
}

function addPersonSpan(e: EntityRecord, m: Mention, refs: Ref[], sentenceOf: (p: number) => number): void {
  e.spans.push({ start: m.start, end: m.end, reference: !!m.reference });
  if (m.title && !e.titles.includes(m.title)) e.titles.push(m.title);
  if (m.extra === 'byline') e.author = true;
  refs.push({ start: m.start, end: m.end, ids: [e.id], kind: 'name', sentence: sentenceOf(m.start) });
}

function lastWord(name: string): string {
  const parts = name.split(/\s+/);
  return parts[parts.length - 1] ?? name;
}

function firstWord(name: string): string {
  return name.split(/\s+/)[0] ?? name;
}

function nearestBefore(es: EntityRecord[], pos: number): EntityRecord | undefined {
  let best: EntityRecord | undefined;
  let bestPos = -1;
  for (const e of es) {
    for (const s of e.spans)
      if (s.start < pos && s.start > bestPos && !s.reference) {
        best = e;
        bestPos = s.start;
      }
  }
  return best;
}

const PRONOUN_RE =
  /\b(he|him|his|himself|she|her|hers|herself|they|them|their|theirs|themselves|it|its|itself|I|me|my|myself)\b/gi;
const PLURAL_PARTY_RE = /\b(councillors|members|MPs)\b/;

/**
 * Resolves pronouns outside quotes, left to right, so a resolved pronoun counts as a mention for the
 * ones after it. Singular he/she: the first person of matching gender in this sentence before it, else in
 * the three sentences before (first-mentioned first, as a subject is usually mentioned first).
 */
function resolvePronouns(
  text: string,
  sentences: Sentence[],
  entities: EntityRecord[],
  nameRefs: Ref[],
  quotes: { start: number; end: number }[],
): Ref[] {
  const author = entities.find((e) => e.author);
  const all: Ref[] = [...nameRefs];
  const bySentence: Ref[][] = sentences.map(() => []);
  for (const r of nameRefs) if (!inRanges(r.start, quotes)) bySentence[r.sentence]?.push(r);
  const typeOf = (id: number) => entities[id]?.type;
  const factionRefs = factionDescriptions(text, entities, nameRefs);
  sentences.forEach((s, si) => {
    const str = text.slice(s.start, s.end);
    PRONOUN_RE.lastIndex = 0;
    for (let m = PRONOUN_RE.exec(str); m; m = PRONOUN_RE.exec(str)) {
      const start = s.start + m.index;
      if (inRanges(start, quotes)) continue;
      const word = m[1] ?? '';
      const lower = word.toLowerCase();
      if (word === 'I' || lower === 'me' || lower === 'my' || lower === 'myself') {
        if (word !== 'I' && word !== lower) continue;
        if (author) pushRef(all, bySentence, si, start, word, [author.id]);
        continue;
      }
      const here = (bySentence[si] ?? []).filter((r) => r.start < start);
      const earlier = [si - 1, si - 2, si - 3].filter((i) => i >= 0).map((i) => bySentence[i] ?? []);
      let ids: number[] | null = null;
      if (/^(?:he|him|his|himself|she|her|hers|herself)$/.test(lower)) {
        const g =
          lower.startsWith('h') && lower !== 'her' && lower !== 'hers' && lower !== 'herself' ? 'm' : 'f';
        ids = pickPerson(text, here, earlier, entities, g);
      } else if (/^(?:they|them|their|theirs|themselves)$/.test(lower)) {
        ids =
          pickGroup(text, here, earlier, entities, typeOf, true) ??
          pickGroup(text, [], earlier, entities, typeOf, false);
      } else {
        ids = pickThing(here, earlier, entities);
      }
      if (ids) pushRef(all, bySentence, si, start, word, ids);
    }
    // "the group" after a party group was named: that group (its party is then known).
    const groupRe = /\bthe (?:ruling |same )?group\b(?!\s+(?:of|leader|leadership))/g;
    for (let m = groupRe.exec(str); m; m = groupRe.exec(str)) {
      const start = s.start + m.index;
      if (inRanges(start, quotes)) continue;
      const recent = [si, si - 1, si - 2, si - 3]
        .filter((i) => i >= 0)
        .flatMap((i) => [...(bySentence[i] ?? [])].reverse())
        .find(
          (r) =>
            r.start < start && r.ids.length === 1 && entities[r.ids[0] as number]?.key.startsWith('group:'),
        );
      if (recent) pushRef(all, bySentence, si, start, m[0], recent.ids);
    }
    if (factionRefs.length === 0) return;
    // "the network", "the caucus": a faction named before whose name ends in that word or that the text
    // described with it ("⟦F⟧, a left-wing caucus"); "the faction" takes any faction of the last few sentences.
    FACTION_NOUN_RE.lastIndex = 0;
    for (let m = FACTION_NOUN_RE.exec(str); m; m = FACTION_NOUN_RE.exec(str)) {
      const start = s.start + m.index;
      const end = start + m[0].length;
      if (inRanges(start, quotes)) continue;
      if ((bySentence[si] ?? []).some((r) => r.start < end && r.end > start)) continue;
      const noun = (m[1] ?? '').toLowerCase();
      const target = nearestFaction(
        factionRefs,
        start,
        (f) => f.nouns.has(noun) || (noun === 'faction' && f.sentence >= si - 3),
      );
      if (target) pushRef(all, bySentence, si, start, m[0], [target.id]);
    }
  });
  return all.sort((a, b) => a.start - b.start);
}

const FACTION_NOUNS =
  'network|caucus|faction|slate|tendency|campaign|alliance|movement|forum|collective|platform|bloc';
const FACTION_NOUN_RE = new RegExp(
  `\\b[Tt]he\\s+(?:(?:same|new|whole|entire)\\s+)?(${FACTION_NOUNS})\\b(?![\\p{L}-])`,
  'gu',
);
const FACTION_DESCRIPTION_RE = new RegExp(
  `^(?:,\\s+|\\s+(?:is|was|has\\s+been|remains)\\s+)(?:the|a|an)\\s+(?:[\\p{L}-]+\\s+){0,3}?(${FACTION_NOUNS})\\b`,
  'iu',
);

interface FactionRef {
  start: number;
  id: number;
  sentence: number;
  /** Head nouns that can refer back to the faction: its name's last word and nouns the text described it with. */
  nouns: Set<string>;
}

/** Named faction mentions in text order, each with the nouns a later definite description may use for it. */
function factionDescriptions(text: string, entities: EntityRecord[], nameRefs: Ref[]): FactionRef[] {
  const out: FactionRef[] = [];
  const described = new Map<number, Set<string>>();
  for (const r of nameRefs) {
    const id = r.ids[0] as number;
    const e = entities[id];
    if (r.ids.length !== 1 || e?.type !== 'faction') continue;
    const nouns = described.get(id) ?? new Set([lastWord(e.name).toLowerCase()]);
    described.set(id, nouns);
    const d = FACTION_DESCRIPTION_RE.exec(text.slice(r.end, r.end + 80));
    if (d) nouns.add((d[1] ?? '').toLowerCase());
    out.push({ start: r.start, id, sentence: r.sentence, nouns });
  }
  return out;
}

/** The faction mention nearest before `pos` that `ok` accepts (refs are in text order). */
function nearestFaction(
  refs: FactionRef[],
  pos: number,
  ok: (f: FactionRef) => boolean,
): FactionRef | undefined {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((refs[mid] as FactionRef).start < pos) lo = mid + 1;
    else hi = mid;
  }
  // Bounded, so a huge article full of factions stays linear.
  for (let i = lo - 1; i >= 0 && i >= lo - 500; i--) if (ok(refs[i] as FactionRef)) return refs[i];
  return undefined;
}

function pushRef(
  all: Ref[],
  bySentence: Ref[][],
  si: number,
  start: number,
  word: string,
  ids: number[],
): void {
  const r: Ref = { start, end: start + word.length, ids, kind: 'pronoun', sentence: si };
  all.push(r);
  const list = bySentence[si];
  if (list) {
    list.push(r);
    list.sort((a, b) => a.start - b.start);
  }
}

function pickPerson(
  text: string,
  here: Ref[],
  earlier: Ref[][],
  entities: EntityRecord[],
  g: 'f' | 'm',
): number[] | null {
  const people = (rs: Ref[]) =>
    rs.filter((r) => r.ids.length === 1 && entities[r.ids[0] as number]?.type === 'person');
  // Someone named in a list in this sentence is rarely the one a singular pronoun picks out next.
  const listed = new Set(
    groupsIn(text, here, entities, (id) => entities[id]?.type)
      .filter((g) => g.length > 1)
      .flat(),
  );
  const sameSentence = people(here).filter((r) => !listed.has(r.ids[0] as number));
  const tiers = [sameSentence, ...earlier.map(people)];
  // Nearer sentences first; within one, a person known to match beats one of unknown gender.
  for (const tier of tiers) {
    const hit =
      tier.find((r) => entities[r.ids[0] as number]?.gender === g) ??
      tier.find((r) => entities[r.ids[0] as number]?.gender === null);
    if (hit) return hit.ids;
  }
  return null;
}

/** Plural pronouns: a list of people named together, a faction, or a party's councillors. */
function pickGroup(
  text: string,
  here: Ref[],
  earlier: Ref[][],
  entities: EntityRecord[],
  typeOf: (id: number) => EntityType | undefined,
  sameSentence: boolean,
): number[] | null {
  const tiers = sameSentence ? [here] : earlier;
  for (const tier of tiers) {
    const groups = groupsIn(text, tier, entities, typeOf);
    const first = sameSentence ? groups[groups.length - 1] : groups[0];
    if (first) return first;
  }
  return null;
}

function groupsIn(
  text: string,
  tier: Ref[],
  entities: EntityRecord[],
  typeOf: (id: number) => EntityType | undefined,
): number[][] {
  const out: { at: number; ids: number[] }[] = [];
  // Lists of people: person refs separated only by commas, "and", titles.
  let list: Ref[] = [];
  const flush = () => {
    if (list.length >= 2) out.push({ at: (list[0] as Ref).start, ids: list.flatMap((r) => r.ids) });
    list = [];
  };
  for (const r of tier) {
    if (r.ids.length > 1) {
      flush();
      out.push({ at: r.start, ids: r.ids });
      continue;
    }
    const t = typeOf(r.ids[0] as number);
    if (t === 'person') {
      const prev = list[list.length - 1];
      if (
        prev &&
        !/^\s*(?:,|and|&|,\s*and)?\s*(?:(?:Cllrs?|Councillors?|Coun)\.?\s+)?$/.test(
          text.slice(prev.end, r.start),
        )
      )
        flush();
      list.push(r);
      continue;
    }
    flush();
    if (t === 'faction' || t === 'local_party') out.push({ at: r.start, ids: r.ids });
    else if (t === 'party' && PLURAL_PARTY_RE.test(text.slice(r.end, r.end + 14)))
      out.push({ at: r.start, ids: r.ids });
  }
  flush();
  // Named factions before labels ("Manchester Labour Left" before "left-wing").
  return out
    .sort((a, b) => a.at - b.at)
    .map((g) => g.ids)
    .filter((ids) => ids.length > 0 && entities[ids[0] as number] !== undefined);
}

/** it/its: the nearest faction, local party or organisation in this sentence, else the first named one before. */
function pickThing(here: Ref[], earlier: Ref[][], entities: EntityRecord[]): number[] | null {
  const ok = (r: Ref) => {
    const e = entities[r.ids[0] as number];
    return (
      r.ids.length === 1 &&
      !!e &&
      (e.type === 'faction' || e.type === 'local_party' || e.type === 'organization')
    );
  };
  const same = here.filter(ok);
  const near = same[same.length - 1];
  if (near) return near.ids;
  for (const tier of earlier) {
    const cands = tier.filter(ok);
    if (cands.length === 0) continue;
    const rank = (r: Ref) => entities[r.ids[0] as number]?.rank ?? 0;
    const best = [...cands].sort((a, b) => rank(b) - rank(a) || a.start - b.start)[0];
    if (best) return best.ids;
  }
  return null;
}
