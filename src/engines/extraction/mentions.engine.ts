/**
 * Stage 2: find mentions of people, councils, wards, parties, factions, local parties and other
 * organisations. Structured forms ("X City Council", "X Labour Party", "Cllr X") come first; bare
 * names are then found where the context makes their type clear ("councillors for X", "Mayor of X"),
 * and remaining runs of capitalised words become people.
 */
import type { EntityType, Mention, Sentence, Token } from './extraction.types.js';
import {
  AMBIGUOUS_FACTIONS,
  FACTIONS,
  GIVEN_NAME_GENDER,
  KNOWN_ORGS,
  MONTHS,
  NON_NAME_WORDS,
  ORG_SUFFIXES,
  PARTIES,
  PERSON_TITLES,
  SENTENCE_OPENERS,
  WEAK_PARTY_FORMS,
  WEEKDAYS,
} from './lexicon.data.js';

const NAME = "\\p{Lu}\\p{L}*(?:['’]\\p{Lu}\\p{L}*)?(?:-\\p{Lu}\\p{L}*(?:['’]\\p{Lu}\\p{L}*)?)*";
/**
 * Between two words of a person's name: a space, a Welsh or Gaelic particle ("Meinir ap Dafydd", "Elen
 * ferch Owain", "Mairi nic Leòid") or a middle initial, Welsh digraphs included ("Geraint Ll. Roberts").
 */
const NAME_PARTICLES = /^(?:ap|ab|ferch|verch|fab|mac|nic|ni)$/;
const NAME_SEP =
  '(?:\\s+(?:Ll|Ch|Dd|Ff|Ng|Rh|Th|\\p{Lu})\\.\\s+|\\s+(?:(?:ap|ab|ferch|verch|fab|mac|nic|ni)\\s+)?)';
/** A middle initial: one capital, or a Welsh digraph that is one letter ("Ll", "Rh"). */
const INITIAL = /^(?:Ll|Ch|Dd|Ff|Ng|Rh|Th|\p{Lu})$/u;
/** A word of a place name: "Stoke-on-Trent", "Springburn/Robroyston". */
const PW = `\\p{Lu}\\p{L}*(?:['’]\\p{Lu}\\p{L}*)?(?:-(?:(?:on|upon|under|le|by|in|the)-)?\\p{Lu}\\p{L}*)*(?:/\\p{Lu}\\p{L}*)*`;
const PLACE = `${PW}(?:(?: (?:and|&|upon|on|under))? ${PW}){0,5}`;
/** "St Ann's", "St. Mary's": a saint's possessive is a whole ward-name word, unlike "Leeds's". */
const WW = `(?:St\\.? \\p{Lu}\\p{L}*['’]s(?![\\p{L}])|${PW})`;
const WARD = `${WW}(?: ${WW}){0,3}(?:(?: and | & )${WW}(?: ${WW}){0,2})?`;
const TITLES = Object.keys(PERSON_TITLES).join('|');

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PARTY_FORMS = PARTIES.flatMap((p) => p.forms.map((f) => ({ form: f, party: p.name }))).sort(
  (a, b) => b.form.length - a.form.length,
);
const PARTY_OF_FORM = new Map(PARTY_FORMS.map((f) => [f.form, f.party]));
const PARTY_ALT = PARTY_FORMS.map((f) => escapeRe(f.form)).join('|');
const PARTY_RE = new RegExp(`(?<![\\p{L}-])(?:${PARTY_ALT})(?![\\p{L}-])`, 'gu');
const FACTION_RE = new RegExp(
  `(?<![\\p{L}-])(?:${[...FACTIONS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})(?![\\p{L}-])`,
  'gu',
);
const KNOWN_ORG_RE = new RegExp(`(?<![\\p{L}-])(?:${KNOWN_ORGS.map(escapeRe).join('|')})(?![\\p{L}-])`, 'gu');
/** Words that make a capitalised stretch a national qualifier of a party, not a local party's place. */
const NATIONAL = new Set(['Scottish', 'Welsh', 'English', 'British', 'UK', 'Northern', 'Irish', 'National']);
const LOCAL_FORMS =
  'Constituency Labour Party|Labour Party|Labour|Conservative and Unionist Association|Conservative Association|Conservatives|Liberal Democrats|Lib Dems|Green Party|Greens|SNP|Plaid Cymru|CLP';

interface Candidate extends Mention {
  priority: number;
  nested?: boolean;
  /** A council read only from "X councillor": often a town or ward inside the article's council. */
  weak?: boolean;
}

export interface MentionResult {
  mentions: Mention[];
  /** Council keys (lower-case place) seen in the article, in order of first mention. */
  councils: string[];
}

/** The party a surface form names ("Tories" -> "Conservatives"), or null. */
export function partyOfForm(form: string): string | null {
  return PARTY_OF_FORM.get(form) ?? null;
}

/** Short party word used in group names: "Labour", "Green", "Liberal Democrat". */
export function partyShort(party: string): string {
  return PARTIES.find((p) => p.name === party)?.short ?? party;
}

/** Lower-case key of a name: accents folded, punctuation dropped, spaces collapsed. */
export function nameKey(s: string): string {
  // Most names are plain ASCII; NFD is only worth its cost when there is an accent to fold.
  return (/^[\x20-\x7e]*$/.test(s) ? s : s.normalize('NFD'))
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Place-name words that are also institution or geography words ("Hackney North", "Moss Side"). */
const PLACE_WORDS = new Set(
  'north south east west central western eastern southern hill valley side edge downs green park grove common heath wood vale fields castle gardens rise court upper lower great little new old city town bridge cross street road square village estate quarter'.split(
    ' ',
  ),
);

/** Drops leading words that cannot open a place name ("The", "In", months...) and cuts at institution words. */
function trimPlace(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i] ?? '';
    if (NUMBER_WORD.test(w) && numberedPlace(words[i + 1])) break;
    if (SENTENCE_OPENERS.has(w) || /^(?:and|on|upon|under|&)$/.test(w) || PARTY_OF_FORM.has(w)) i++;
    else break;
  }
  const kept: string[] = [];
  for (const w of words.slice(i)) {
    const lw = w.toLowerCase();
    if (kept.length > 0 && NON_NAME_WORDS.has(lw) && !PLACE_WORDS.has(lw)) break;
    kept.push(w);
  }
  while (kept.length > 0 && /^(?:and|on|upon|under|&)$/.test(kept[kept.length - 1] ?? '')) kept.pop();
  return kept;
}

const NUMBER_WORD = /^(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)$/;
/** "Seven Sisters", "Five Ways": a number before a capitalised plural that is no party or office is a name. */
function numberedPlace(next: string | undefined): boolean {
  return (
    !!next &&
    /^\p{Lu}\p{Ll}+s$/u.test(next) &&
    !NON_NAME_WORDS.has(next.toLowerCase()) &&
    !PARTY_OF_FORM.has(next) &&
    !/^(?:Councillors|Members|Tories|Democrats|Greens|Independents|Liberals|Socialists)$/.test(next)
  );
}

/** For a name that ends just before a keyword ("X Labour Party"): the longest run of place words at the end. */
function trimPlaceRight(words: string[], weakInside = false): string[] {
  let i = words.length;
  let headOfWeak = false;
  while (i > 0) {
    const w = words[i - 1] ?? '';
    const lw = w.toLowerCase();
    const connector = /^(?:and|on|upon|under|&)$/.test(w);
    // "Hall Green": a weak party form after a place word ends the place's name, and that word
    // ("Hall", "Wood") is then the place's head even when it is no name word elsewhere.
    const prev = words[i - 2] ?? '';
    const weakPlace =
      weakInside &&
      WEAK_PARTY_FORMS.has(w) &&
      /^\p{Lu}/u.test(prev) &&
      !PARTY_OF_FORM.has(prev) &&
      !SENTENCE_OPENERS.has(prev);
    const head = headOfWeak;
    headOfWeak = weakPlace;
    if (
      connector ||
      weakPlace ||
      head ||
      ((!NON_NAME_WORDS.has(lw) || PLACE_WORDS.has(lw)) && !SENTENCE_OPENERS.has(w) && !PARTY_OF_FORM.has(w))
    )
      i--;
    else break;
  }
  const kept = words.slice(i);
  while (kept.length > 0 && /^(?:and|on|upon|under|&)$/.test(kept[0] ?? '')) kept.shift();
  return kept;
}

/** For "X group": drops leading openers and a party word standing alone before the name. */
function trimPlaceRightName(words: string[]): string[] {
  let i = 0;
  while (
    i < words.length - 1 &&
    (SENTENCE_OPENERS.has(words[i] ?? '') || /^(?:and|of|for|&)$/.test(words[i] ?? ''))
  )
    i++;
  const kept = words.slice(i);
  return kept.length === 1 && PARTY_OF_FORM.has(kept[0] ?? '') ? [] : kept;
}

/** Drops leading sentence openers only ("The Unite Councillors Network" -> "Unite Councillors Network"). */
function leadTrim(words: string[]): string[] {
  let i = 0;
  while (
    i < words.length &&
    (SENTENCE_OPENERS.has(words[i] ?? '') || /^(?:and|of|for|&)$/.test(words[i] ?? ''))
  )
    i++;
  return words.slice(i);
}

function placeOk(place: string): boolean {
  const words = place.split(' ');
  if (words.length === 0 || !place) return false;
  // "Pollard Green" is a place; "Green" or "Scottish ..." at the start is a party.
  if (PARTY_OF_FORM.has(words[0] ?? '') || words.some((w) => NATIONAL.has(w)) || PARTY_OF_FORM.has(place))
    return false;
  const first = words[0] ?? '';
  if (
    (SENTENCE_OPENERS.has(first) && !(NUMBER_WORD.test(first) && numberedPlace(words[1]))) ||
    /^(?:January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(
      first,
    )
  )
    return false;
  return !/^(?:Cllrs?|Councillors?|Coun|Mr|Mrs|Ms|Dr|Sir|Dame|Full|Lord|Leader|Mayor)$/.test(first);
}

/** Finds every mention in the text. `tokens` are wink-nlp tokens with offsets (stage 1). */
export function findMentions(text: string, sentences: Sentence[], tokens: Token[]): MentionResult {
  const cands: Candidate[] = [];
  for (const s of sentences) structuredPass(text, s, cands);
  // "Pentre councillor", "a Shipley councillor" in an article about another council: the place is a ward
  // or a town inside that council, not a council of its own.
  const strongCouncils = new Set(cands.filter((c) => c.type === 'council' && !c.weak).map((c) => c.key));
  const wardPlaces = new Set(cands.filter((c) => c.type === 'ward').map((c) => c.key.slice('ward:'.length)));
  const kept = cands.filter(
    (c) =>
      !c.weak ||
      (!wardPlaces.has(c.key.slice('council:'.length)) && ![...strongCouncils].some((k) => k !== c.key)),
  );
  const councilPlaces = new Set(
    kept.filter((c) => c.type === 'council').map((c) => c.key.slice('council:'.length)),
  );
  const accepted = resolveBySentence(
    sentences,
    kept.filter((c) => c.type !== 'ward' || !councilPlaces.has(c.key.slice('ward:'.length))),
  );
  // A group the article once calls a faction or campaign group is one everywhere it is named.
  const factionKeys = new Set(
    accepted.filter((m) => m.type === 'faction').map((m) => m.key.slice('faction:'.length)),
  );
  for (const m of accepted) {
    if (
      m.type === 'organization' &&
      m.key.startsWith('org:') &&
      factionKeys.has(m.key.slice('org:'.length))
    ) {
      m.type = 'faction';
      m.key = `faction:${m.key.slice('org:'.length)}`;
    }
  }
  const councils = unique(accepted.filter((m) => m.type === 'council').map((m) => m.key));
  const wards = new Map<string, string>();
  for (const m of accepted) if (m.type === 'ward') wards.set(text.slice(m.start, m.end), m.key);
  const councilNames = new Map<string, string>();
  for (const m of accepted) if (m.type === 'council' && m.extra) councilNames.set(m.extra, m.key);

  const second: Candidate[] = [];
  const words = mergeWords(tokens);
  lookupPass(text, sentences, words, accepted, councilNames, wards, second);
  const withLookups = resolveBySentence(sentences, [
    ...accepted.map((m) => ({ ...m, priority: 10 })),
    ...second,
  ]);
  const personCands: Candidate[] = [];
  personPass(text, sentences, words, withLookups, councilNames, wards, personCands);
  const all = resolveBySentence(sentences, [
    ...withLookups.map((m) => ({ ...m, priority: 10 })),
    ...personCands,
  ]);
  return {
    mentions: all.map(strip).sort((a, b) => a.start - b.start || b.end - a.end),
    councils,
  };
}

function strip(c: Mention & { priority?: number; nested?: boolean }): Mention {
  const m: Mention = { start: c.start, end: c.end, type: c.type, key: c.key, name: c.name, rank: c.rank };
  if (c.title) m.title = c.title;
  if (c.extra !== undefined) m.extra = c.extra;
  if (c.reference) m.reference = c.reference;
  return m;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Sentence index of each offset, by binary search over sentence starts. */
function sentenceIndexer(sentences: Sentence[]): (pos: number) => number {
  return (pos: number) => {
    let lo = 0;
    let hi = sentences.length - 1;
    let ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((sentences[mid] as Sentence).start <= pos) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };
}

/** Candidates grouped by sentence, so overlap checks stay local (a 5 MB article has ~50,000 sentences). */
function bySentence<T extends { start: number }>(sentences: Sentence[], items: T[]): T[][] {
  const idx = sentenceIndexer(sentences);
  const groups: T[][] = sentences.map(() => []);
  for (const c of items) groups[idx(c.start)]?.push(c);
  return groups;
}

function resolveBySentence(sentences: Sentence[], cands: Candidate[]): Candidate[] {
  return bySentence(sentences, cands).flatMap((g) => (g.length ? resolveOverlaps(g) : []));
}

/** Keeps the best of overlapping candidates: higher priority, then longer, then earlier. */
function resolveOverlaps(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort(
    (a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const out: Candidate[] = [];
  for (const c of sorted) {
    const clash = out.some(
      (o) => c.start < o.end && o.start < c.end && !(c.start >= o.start && c.end <= o.end && nestable(c, o)),
    );
    if (!clash) out.push(c);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A council may sit inside an organisation's name, a party inside a party group's. */
function nestable(inner: Candidate, outer: Candidate): boolean {
  if (inner.type === 'council' && outer.type === 'organization' && !outer.key.startsWith('group:'))
    return !!inner.nested;
  return inner.type === 'party' && outer.key.startsWith('group:');
}

function add(
  cands: Candidate[],
  start: number,
  end: number,
  type: EntityType,
  key: string,
  name: string,
  rank: number,
  priority: number,
  more: Partial<Candidate> = {},
): void {
  if (end <= start) return;
  cands.push({ start, end, type, key, name, rank, priority, ...more });
}

/**
 * Runs a global regex over s. Most patterns need a keyword ("Council", "group", "councillor"), and a
 * cheap test for it first keeps the scan fast; `guard` is that test.
 */
function each(re: RegExp, s: string, fn: (m: RegExpExecArray) => void): void {
  const anchor = ANCHORS.get(re);
  if (!anchor) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      fn(m);
      if (m[0].length === 0) re.lastIndex++;
    }
    return;
  }
  // Start the scan just before each keyword, so the costly part of the pattern only runs near one.
  const kw = anchor.keyword;
  kw.lastIndex = 0;
  let done = 0;
  for (let k = kw.exec(s); k; k = kw.exec(s)) {
    if (k.index < done) continue;
    re.lastIndex = Math.max(done, k.index - anchor.before);
    const kwEnd = k.index + k[0].length;
    // Take every match up to the one that reaches this keyword (earlier ones may be unrelated runs).
    for (let m = re.exec(s); ; m = re.exec(s)) {
      if (!m) return;
      fn(m);
      done = Math.max(re.lastIndex, m.index + 1);
      re.lastIndex = done;
      if (m.index + m[0].length >= kwEnd) break;
    }
    if (kw.lastIndex < done) kw.lastIndex = done;
  }
}

const COUNCIL_KINDS = new Set([
  'City',
  'County',
  'Borough',
  'District',
  'Metropolitan',
  'London',
  'Town',
  'Unitary',
  'Parish',
]);
const COUNCIL_OF_RE = new RegExp(
  `(?:(London|Royal) Borough of|City of|County of|[Bb]orough of)\\s+(${PLACE})(?:\\s+((?:City|County|Borough|District)\\s+)?Council\\b)?`,
  'gu',
);
const COUNCIL_RE = new RegExp(
  `(${PLACE})\\s+((?:City|County|Borough|District|Metropolitan Borough|Metropolitan District|London Borough|Town|Unitary|Parish)\\s+)?Council(?![\\p{L}-])(?!\\s+(?:Pension|Tax|tax))`,
  'gu',
);
const COUNCIL_CONTEXT_RE = new RegExp(
  `(?:Lord Mayor|Mayor|Leader|leader|Lord Provost|Provost|Chief Executive|chief executive) of (${PW}(?: ${PW})?)(?![\\p{L}-])(?!\\s+(?:City |Borough |County |District )?Council)`,
  'gu',
);
const COUNCIL_BEFORE_RE = new RegExp(`\\b(${PW}(?: ${PW})?)(?:['’]s)?\\s+(?:councillors?|council)\\b`, 'gu');
const COUNCIL_GROUP_RE = new RegExp(
  `\\b(${PW}(?: ${PW})?)['’]s\\s+(?:ruling\\s+)?(?:${PARTY_ALT})\\s+group\\b`,
  'gu',
);
const WARD_CONTEXTS: RegExp[] = [
  // "councillors for A, B and C": the list after the keyword is read by readWardList (faster than one regex).
  /\bcouncillors?\s+(?:for|from|representing|in)\s+(?=\p{Lu})/gu,
  /\brepresent(?:s|ed|ing)?\s+(?=\p{Lu})/gu,
  new RegExp(`\\b(?:sits?|sat|elected)\\s+for\\s+(${WARD})`, 'gu'),
  new RegExp(`\\bcandidates?\\s+for\\s+(${WARD})`, 'gu'),
  new RegExp(`\\b(?:re|de)?selection\\s+(?:in|for)\\s+(${WARD})`, 'gu'),
  new RegExp(`\\bby-election\\s+in\\s+(${WARD})`, 'gu'),
  new RegExp(`\\bbranch(?:\\s+meetings?)?\\s+in\\s+(${WARD})`, 'gu'),
  new RegExp(`\\b(${WARD})\\s+ward\\b`, 'gu'),
  new RegExp(`\\bward\\s+of\\s+(${WARD})`, 'gu'),
  // "In Alvaston South, sitting councillor ...", "In neighbouring Boulton, Cllr ...": a report ward by ward.
  new RegExp(
    `^In\\s+(?:neighbouring\\s+|nearby\\s+)?(${WARD}),\\s+(?=(?:the\\s+)?(?:sitting\\s+|veteran\\s+|long-serving\\s+)?(?:councillors?|Cllrs?\\b|Councillors?)\\b)`,
    'gu',
  ),
  // "the member for Porth" (not "cabinet member for finance": the ward is capitalised, the portfolio not).
  /\bthe\s+member\s+for\s+(?=\p{Lu})/gu,
  // "the Manningham, Toller and Heaton wards".
  new RegExp(`\\bthe\\s+(${WARD}(?:,\\s+${WARD})*)\\s+wards\\b`, 'gu'),
  // "her ward, St Dunstan's, ...".
  new RegExp(`\\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he)\\s+ward,\\s+(${WARD})`, 'gu'),
];
/** Patterns read by readWardList where one councillor is meant, so "A, B and C" is one (Scottish) ward. */
const ONE_WARD = /^(?:councillor\s|represents\s|the\s+member\s)/;
/** "(Wallington North)", "(Lab, Castle)" after a councillor's name: the ward, maybe beside a party. */
const PAREN_WARD_RE = new RegExp(`(?:${NAME})\\s+\\(([^()]{2,80})\\)`, 'gu');
/** "Cllr Ann Lee of Northfield": after a titled name (see titleWards). */
const OF_WARD_Y = new RegExp(`,?\\s+of\\s+(${WARD})`, 'uy');
const COUNCIL_AHEAD_Y = /\s+(?:(?:City|County|Borough|District|Metropolitan|Town|Parish)\s+)*Council/y;
const PARTY_ABBREVIATION =
  /^(?:Lab|Con|Cons|LD|Lib Dem|Lib Dems|Ind|Grn|Green|SNP|PC|Plaid|Ref|Reform|UKIP|Res|Co-op|Lab Co-op|Lab\/Co-op)\.?$/;
/** Party forms that are not also common place words ("Hall Green", "Wood Green"). */
const STRONG_PARTY_ALT = PARTY_FORMS.filter((f) => !WEAK_PARTY_FORMS.has(f.form))
  .map((f) => escapeRe(f.form))
  .join('|');
/**
 * A place name that cannot run through a party's name ("Westvale Labour Party and Norton ..."); after its
 * first word a weak form is part of the place when a party's name follows ("Wood Green Labour Party").
 */
const PLACE_NO_PARTY = `(?!(?:${PARTY_ALT}|Party|Council|Association)\\b)${PW}(?:(?: (?:and|&|upon|on|under))? (?!(?:${STRONG_PARTY_ALT}|Party|Council|Association)\\b)(?!(?:${[...WEAK_PARTY_FORMS].join('|')})\\b(?! (?:${STRONG_PARTY_ALT})\\b))${PW}){0,5}`;
const LOCAL_RE = new RegExp(
  `\\b(${PLACE_NO_PARTY})\\s+(${LOCAL_FORMS})(?![\\p{L}-])(?!['’]s\\s+\\p{Ll})(?!\\s+(?:Left|Right|First|group|Group|councillors?|members?|MPs?|leader|whip|branch|veterans?|activists?|figures?|sources?|insiders?|politicians?|campaigners?|chief|boss|rebels?|officials?|candidates?|selection|council|administration|government|MP)\\b)`,
  'gu',
);
const LOCAL_BRANCH_RE = new RegExp(
  `(?:\\b(${PARTY_ALT})['’]s\\s+)?\\b(${PLACE_NO_PARTY})\\s+(?:(${PARTY_ALT})\\s+)?(branch|constituency party|local party|association)\\b`,
  'gu',
);
const GROUP_RE = new RegExp(
  `\\b(?:(${PW})['’]s\\s+)?(?:ruling\\s+|small\\s+|minority\\s+)?(${PARTY_ALT})\\s+group(?:['’]s)?(?![\\p{L}])(?!\\s+(?:leader|leadership|meeting|meetings|whip|secretary|chair|convenor|convener|officers?)\\b)`,
  'gu',
);
const LEFT_FACTION_RE = new RegExp(
  `\\b((?:${PW}\\s+)?(?:Labour|Tory|Conservative|Green|SNP)\\s+(?:Left|Right)(?:\\s+${PW}(?=\\s*[,.;:)]))?)(?![\\p{L}])`,
  'gu',
);
/** "the Newcastle Grassroots group", "a caucus, Green Left Brighton": a named group inside a party. */
const NAMED_GROUP_RE = new RegExp(
  `\\b(${NAME}(?:\\s+${NAME}){0,3})\\s+(?:group|caucus|faction|slate|tendency)\\b`,
  'gu',
);
const GROUP_APPOS_RE = new RegExp(
  `\\b(?:caucus|faction|slate|tendency),\\s+(?:the\\s+)?(${NAME}(?:\\s+${NAME}){0,3})`,
  'gu',
);
/** "the Left Network, the campaign group that ...": a named group described as a faction or campaign group. */
const FACTION_APPOS_RE = new RegExp(
  `\\b(${NAME}(?:\\s+${NAME}){0,3}),\\s+(?:the|a|an)\\s+(?:(?:small|new|rival|left-wing|right-wing|moderate|grassroots|internal|pro-\\p{L}+|Labour|Tory|Conservative|Green)\\s+)?(?:campaign(?:ing)?\\s+group|pressure\\s+group|ginger\\s+group|faction|caucus|tendency)\\b`,
  'gu',
);
/** "the Derby Left Caucus": a name ending in a capitalised faction word is a faction's own name. */
const TITLED_FACTION_RE = new RegExp(
  `\\b${NAME}(?:\\s+${NAME}){0,3}\\s+(?:Caucus|Faction|Tendency|Slate)\\b`,
  'gu',
);
const SO_CALLED_RE = /\bso-called\s+['‘"“]([A-Z][^'’"”]{1,40})['’"”]/gu;
const MEET_AS_RE = new RegExp(
  `\\b(?:meet|meets|met|organise|organised|known|calling themselves|call themselves|calls itself)\\s+as\\s+(?:the\\s+)?(${NAME}(?:\\s+${NAME}){0,4})`,
  'gu',
);
const ORG_RUN_RE = new RegExp(`\\b${NAME}(?:\\s+(?:(?:of|for|and|&)\\s+)?${NAME}){0,7}`, 'gu');
const TITLE_RE = new RegExp(
  `\\b(${TITLES})\\.?\\s+(?:Rt\\.?\\s+Hon\\.?\\s+)?(?:(?:Mrs|Mr|Ms|Miss|Dr|Prof)\\.?\\s+)?(${NAME}(?:${NAME_SEP}${NAME}){0,3})`,
  'gu',
);
const BYLINE_RE = new RegExp(
  `^(?:[Bb]y|Analysis by|Words by|Written by|Report by|Comment by|Opinion by|Interview by|Posted by|Reporting by)\\s+(${NAME}(?:${NAME_SEP}${NAME}){1,3})`,
  'u',
);
const MP_RE = new RegExp(`\\b(${NAME}(?:${NAME_SEP}${NAME}){1,2})\\s+MP\\b`, 'gu');
const INDEPENDENT_RE =
  /\b(?:as|an|sit(?:s|ting)? as|stand(?:s|ing)? as|elected as)\s+(?:an?\s+)?([Ii]ndependents?)\b|\b(Independent)(?=\s+(?:councillors?|group|members?|candidates?)\b)/gu;
const LABEL_RES: { name: string; re: RegExp }[] = [
  {
    name: 'moderates',
    re: /\b(?:Labour\s+)?moderates\b|\bLabour\s+moderate\b|\bmoderates?(?=[-–](?:versus|vs|v)[-–])|(?<=\bas\s+an?\s+)moderate(?=\s*[.,;]|\s+(?:and|in|on|who)\b)/gu,
  },
  {
    name: 'the left',
    re: /\bthe\s+(?:hard\s+|soft\s+|Labour\s+)?left\b(?!\s+(?:hand|side|bank|foot|of\s+the\s+(?:room|hall|picture|photo)))|\bleft-wing\b|\bhard-left\b|\bleft(?=[-–](?:versus|vs|v)[-–])/gu,
  },
  {
    name: 'the right',
    re: /\bthe\s+(?:hard\s+|Labour\s+|Tory\s+)?right\b(?!\s+(?:hand|side|to|of\s+the))|\bright-wing(?=\s+(?:councillors|members|activists|group|caucus|faction|slate))/gu,
  },
  { name: 'Corbynistas', re: /\bCorbynistas?\b/gu },
  { name: 'Blairites', re: /\bBlairites?\b/gu },
];

const PARTY_WORD = new RegExp(`(?:${PARTY_ALT}|CLP)`, 'g');
/** How far before its keyword a pattern can start: long enough for the longest name it allows. */
const NAME_REACH = 120;
/**
 * The keyword each pattern needs ("Council", "group", "councillor") and how far before it the pattern
 * may start. A sentence is scanned from just before each keyword, not from every capital letter.
 */
const ANCHORS = new Map<RegExp, { keyword: RegExp; before: number }>([
  [COUNCIL_OF_RE, { keyword: /orough of|City of|County of/g, before: 20 }],
  [COUNCIL_RE, { keyword: /Council/g, before: NAME_REACH }],
  [COUNCIL_CONTEXT_RE, { keyword: /(?:Mayor|Leader|leader|Provost|xecutive) of/g, before: 12 }],
  [COUNCIL_BEFORE_RE, { keyword: /council/g, before: 60 }],
  [COUNCIL_GROUP_RE, { keyword: /group/g, before: NAME_REACH }],
  [WARD_CONTEXTS[0] as RegExp, { keyword: /councillor/g, before: 0 }],
  [WARD_CONTEXTS[1] as RegExp, { keyword: /represent/g, before: 0 }],
  [WARD_CONTEXTS[2] as RegExp, { keyword: /\bsits?\b|\bsat\b|elected/g, before: 0 }],
  [WARD_CONTEXTS[3] as RegExp, { keyword: /candidate/g, before: 0 }],
  [WARD_CONTEXTS[4] as RegExp, { keyword: /selection/g, before: 3 }],
  [WARD_CONTEXTS[5] as RegExp, { keyword: /by-election/g, before: 0 }],
  [WARD_CONTEXTS[6] as RegExp, { keyword: /branch/g, before: 0 }],
  [WARD_CONTEXTS[7] as RegExp, { keyword: /ward/g, before: NAME_REACH }],
  [WARD_CONTEXTS[8] as RegExp, { keyword: /ward/g, before: 0 }],
  [WARD_CONTEXTS[9] as RegExp, { keyword: /^In\s/g, before: 0 }],
  [WARD_CONTEXTS[10] as RegExp, { keyword: /member/g, before: 4 }],
  [WARD_CONTEXTS[11] as RegExp, { keyword: /wards/g, before: NAME_REACH }],
  [WARD_CONTEXTS[12] as RegExp, { keyword: /ward,/g, before: 6 }],
  [PAREN_WARD_RE, { keyword: /\(/g, before: 40 }],
  [LEFT_FACTION_RE, { keyword: /Left|Right/g, before: 60 }],
  [NAMED_GROUP_RE, { keyword: /group|caucus|faction|slate|tendency/g, before: NAME_REACH }],
  [GROUP_APPOS_RE, { keyword: /caucus|faction|slate|tendency/g, before: 0 }],
  [
    FACTION_APPOS_RE,
    {
      keyword: /campaign(?:ing)? group|pressure group|ginger group|faction|caucus|tendency/g,
      before: NAME_REACH,
    },
  ],
  [TITLED_FACTION_RE, { keyword: /Caucus|Faction|Tendency|Slate/g, before: NAME_REACH }],
  [SO_CALLED_RE, { keyword: /so-called/g, before: 0 }],
  [MEET_AS_RE, { keyword: / as /g, before: 30 }],
  [INDEPENDENT_RE, { keyword: /ndependent/g, before: 30 }],
  [LOCAL_RE, { keyword: PARTY_WORD, before: 80 }],
  [
    LOCAL_BRANCH_RE,
    { keyword: /branch|constituency party|local party|association/g, before: NAME_REACH + 40 },
  ],
  [GROUP_RE, { keyword: /group/g, before: 60 }],
  [ORG_RUN_RE, { keyword: new RegExp(`\\b(?:${[...ORG_SUFFIXES].join('|')})\\b`, 'g'), before: 160 }],
  [TITLE_RE, { keyword: new RegExp(`\\b(?:${TITLES})\\b`, 'g'), before: 0 }],
  [MP_RE, { keyword: /\bMP\b/g, before: 80 }],
  ...LABEL_RES.map((l): [RegExp, { keyword: RegExp; before: number }] => [
    l.re,
    { keyword: /moderate|left|right|Corbyn|Blairite/g, before: 12 },
  ]),
]);

/** Pass 1: mentions whose form alone tells their type. */
function structuredPass(text: string, s: Sentence, cands: Candidate[]): void {
  const base = s.start;
  const str = text.slice(s.start, s.end);
  // Councils in their explicit forms.
  each(COUNCIL_OF_RE, str, (m) => {
    const placeWords = trimPlace((m[2] ?? '').split(' '));
    const place = placeWords.join(' ');
    if (!place || !placeOk(place)) return;
    const placeStart = m.index + m[0].indexOf(m[2] ?? '') + (m[2] ?? '').indexOf(place);
    let end = placeStart + place.length;
    if (m[3] !== undefined || /\s+Council\b/.test(m[0].slice(end - m.index))) end = m.index + m[0].length;
    const start = m[1] ? m.index : /^[Bb]orough/.test(m[0]) ? placeStart : m.index;
    const name = /Council$/.test(text.slice(base + start, base + end))
      ? text.slice(base + start, base + end)
      : `${place} Council`;
    add(cands, base + start, base + end, 'council', `council:${nameKey(place)}`, name, 3, 3, {
      extra: place,
      nested: true,
    });
  });
  each(COUNCIL_RE, str, (m) => {
    const raw = m[1] ?? '';
    const rawWords = raw.split(' ');
    let kind = (m[2] ?? '').trim();
    while (rawWords.length > 1 && COUNCIL_KINDS.has(rawWords[rawWords.length - 1] ?? ''))
      kind = `${rawWords.pop()} ${kind}`.trim();
    const words = trimPlaceRight(rawWords);
    const place = words.join(' ');
    if (!place || !placeOk(place) || /\b(?:Full|Labour|Green)$/.test(place)) return;
    const start = m.index + raw.indexOf(place);
    const name = `${place} ${kind} Council`.replace(/\s+/g, ' ');
    add(
      cands,
      base + start,
      base + m.index + m[0].length,
      'council',
      `council:${nameKey(place)}`,
      name,
      kind ? 5 : 4,
      3,
      {
        extra: place,
        nested: true,
      },
    );
  });
  for (const re of [COUNCIL_CONTEXT_RE, COUNCIL_BEFORE_RE, COUNCIL_GROUP_RE]) {
    each(re, str, (m) => {
      const raw = m[1] ?? '';
      const place = (
        re === COUNCIL_CONTEXT_RE ? trimPlace(raw.split(' ')) : trimPlaceRight(raw.split(' '))
      ).join(' ');
      if (!place || !placeOk(place) || NON_NAME_WORDS.has(place.toLowerCase()) || FACTIONS.includes(place))
        return;
      const start = m.index + m[0].indexOf(raw) + raw.indexOf(place);
      const weak = re === COUNCIL_BEFORE_RE && /councillor/.test(m[0]);
      add(
        cands,
        base + start,
        base + start + place.length,
        'council',
        `council:${nameKey(place)}`,
        `${place} Council`,
        1,
        2,
        weak ? { extra: place, weak } : { extra: place },
      );
    });
  }
  // Wards named by their context.
  for (const re of WARD_CONTEXTS) {
    each(re, str, (m) => {
      const group = m[1] ?? readWardList(str, m.index + m[0].length);
      const gStart = m[1] !== undefined ? m.index + m[0].lastIndexOf(group) : m.index + m[0].length;
      // One councillor sits for one ward, so "a councillor for A, B and C" names one multi-member ward.
      const items =
        m[1] === undefined && ONE_WARD.test(m[0]) && /^[^,]+(?:, [^,]+)+ (?:and|&) [^,]+$/.test(group)
          ? [{ text: group, offset: 0 }]
          : splitWardList(group);
      for (const item of items) {
        const words = trimPlace(item.text.split(' '));
        const name = words.join(' ');
        // "North Ward", "Central Ward": a capitalised "Ward" makes even a compass word a ward's name.
        const named = /^\p{Lu}\p{L}* Ward$/u.test(item.text.trim());
        if (!name || !placeOk(name) || (NON_NAME_WORDS.has(name.toLowerCase()) && !named)) continue;
        if (
          GIVEN_NAME_GENDER.has(words[0] ?? '') &&
          words.length > 1 &&
          !PLACE_WORDS.has((words[words.length - 1] ?? '').toLowerCase())
        )
          continue;
        const start = gStart + item.offset + item.text.indexOf(name);
        add(cands, base + start, base + start + name.length, 'ward', `ward:${nameKey(name)}`, name, 2, 2);
      }
    });
  }
  // "Cllr Ann Lee (Northfield)", "Cllrs Ann Lee (North) and Bo Hart (South)": only where a councillor is named.
  if (COUNCILLOR_TITLE.test(str)) {
    each(PAREN_WARD_RE, str, (m) => {
      const inner = m[1] ?? '';
      const innerStart = m.index + m[0].length - 1 - inner.length;
      let offset = 0;
      for (const part of inner.split(/([,;]\s*)/)) {
        if (!/^[,;]/.test(part)) {
          const name = parenWard(part.trim());
          if (name) {
            const start = base + innerStart + offset + part.indexOf(name);
            add(cands, start, start + name.length, 'ward', `ward:${nameKey(name)}`, name, 2, 2);
          }
        }
        offset += part.length;
      }
    });
  }
  if (
    s.bulletHead &&
    /\b(?:de|re)?select|\bcouncillor|\bcandidate|\bretir|\bstand(?:s|ing)? down|\bby-election/i.test(str)
  ) {
    const name = text.slice(s.bulletHead.start, s.bulletHead.end);
    const words = name.split(' ');
    if (
      !words.some((w) => NON_NAME_WORDS.has(w.toLowerCase()) && !PLACE_WORDS.has(w.toLowerCase())) &&
      !GIVEN_NAME_GENDER.has(words[0] ?? '')
    ) {
      add(cands, s.bulletHead.start, s.bulletHead.end, 'ward', `ward:${nameKey(name)}`, name, 2, 2);
    }
  }
  // Factions: named groups, "X Labour Left", so-called 'X', "meet as X", and labels.
  each(FACTION_RE, str, (m) => {
    if (AMBIGUOUS_FACTIONS.has(m[0]) && (m.index === 0 || /[:–—•-]\s*$/.test(str.slice(0, m.index)))) return;
    add(
      cands,
      base + m.index,
      base + m.index + m[0].length,
      'faction',
      `faction:${nameKey(m[0])}`,
      m[0],
      3,
      3,
    );
  });
  each(LEFT_FACTION_RE, str, (m) => {
    const raw = m[1] ?? '';
    const words = leadTrim(raw.split(/\s+/));
    const name = words.join(' ');
    if (words.length < 2) return;
    const start = m.index + raw.length - name.length;
    add(cands, base + start, base + start + name.length, 'faction', `faction:${nameKey(name)}`, name, 3, 4);
  });
  for (const re of [NAMED_GROUP_RE, GROUP_APPOS_RE]) {
    each(re, str, (m) => {
      const raw = m[1] ?? '';
      const words = re === NAMED_GROUP_RE ? trimPlaceRightName(raw.split(/\s+/)) : raw.split(/\s+/);
      const name = words.join(' ');
      if (
        words.length === 0 ||
        PARTY_OF_FORM.has(name) ||
        words.every((w) => PARTY_OF_FORM.has(w) || NON_NAME_WORDS.has(w.toLowerCase()))
      )
        return;
      if (SENTENCE_OPENERS.has(words[0] ?? '') || words.some((w) => PERSON_TITLES[w] !== undefined)) return;
      const start = m.index + m[0].indexOf(raw) + raw.indexOf(name);
      add(cands, base + start, base + start + name.length, 'faction', `faction:${nameKey(name)}`, name, 3, 2);
    });
  }
  each(FACTION_APPOS_RE, str, (m) => {
    const raw = m[1] ?? '';
    const words = leadTrim(raw.split(/\s+/));
    const name = words.join(' ');
    if (!name || PARTY_OF_FORM.has(name) || (words.length === 1 && NON_NAME_WORDS.has(name.toLowerCase())))
      return;
    const start = m.index + raw.length - name.length;
    add(cands, base + start, base + start + name.length, 'faction', `faction:${nameKey(name)}`, name, 3, 4);
  });
  each(TITLED_FACTION_RE, str, (m) => {
    const words = leadTrim(m[0].split(/\s+/));
    if (words.length < 2) return;
    const name = words.join(' ');
    const start = m.index + m[0].length - name.length;
    add(cands, base + start, base + start + name.length, 'faction', `faction:${nameKey(name)}`, name, 3, 4);
  });
  each(SO_CALLED_RE, str, (m) => {
    const name = (m[1] ?? '').trim();
    const start = m.index + m[0].indexOf(name);
    add(cands, base + start, base + start + name.length, 'faction', `faction:${nameKey(name)}`, name, 3, 4);
  });
  each(MEET_AS_RE, str, (m) => {
    const name = m[1] ?? '';
    if (PARTY_OF_FORM.has(name)) return;
    const start = m.index + m[0].lastIndexOf(name);
    add(cands, base + start, base + start + name.length, 'faction', `faction:${nameKey(name)}`, name, 3, 3);
  });
  for (const { name, re } of LABEL_RES) {
    each(re, str, (m) => {
      add(
        cands,
        base + m.index,
        base + m.index + m[0].length,
        'faction',
        `faction:${nameKey(name)}`,
        name,
        1,
        2,
      );
    });
  }
  // Parties.
  each(PARTY_RE, str, (m) => {
    const form = m[0];
    const party = PARTY_OF_FORM.get(form) ?? form;
    if (
      WEAK_PARTY_FORMS.has(form) &&
      /^\s+(?:Party|paper|belt|light|space|spaces|field)\b/.test(str.slice(m.index + form.length))
    )
      return;
    // "Hall Green North", "Wood Green Labour Party": a weak form between a place word and another
    // capitalised word is part of a place's name, not the party.
    if (WEAK_PARTY_FORMS.has(form)) {
      const prev = /(\p{Lu}[\p{L}'’-]*) $/u.exec(str.slice(Math.max(0, m.index - 30), m.index))?.[1];
      const next = str.slice(m.index + form.length);
      if (
        prev &&
        !PARTY_OF_FORM.has(prev) &&
        !NATIONAL.has(prev) &&
        !SENTENCE_OPENERS.has(prev) &&
        !/^(?:Cllrs?|Councillors?|Coun|Mr|Mrs|Ms|Dr)$/.test(prev) &&
        /^(?: (?:and |& )?\p{Lu}|\s*(?:[,.;:)]|$))/u.test(next)
      )
        return;
    }
    add(cands, base + m.index, base + m.index + form.length, 'party', `party:${party}`, party, 2, 2, {
      extra: form,
    });
  });
  each(INDEPENDENT_RE, str, (m) => {
    const w = m[1] ?? m[2] ?? '';
    const start = m.index + m[0].lastIndexOf(w);
    add(cands, base + start, base + start + w.length, 'party', 'party:Independent', 'Independent', 2, 2, {
      extra: w,
    });
  });
  // Local parties.
  each(LOCAL_RE, str, (m) => {
    const raw = m[1] ?? '';
    // The pattern lets a weak form ("Green") into the place only before another party's name.
    const words = trimPlaceRight(raw.split(' '), true);
    const place = words.join(' ');
    if (!place || !placeOk(place)) return;
    const form = m[2] ?? '';
    const party =
      form === 'CLP' || form.includes('Labour')
        ? 'Labour'
        : (PARTY_OF_FORM.get(form) ?? form.replace(/ (?:and Unionist )?Association$/, 's'));
    const start = m.index + raw.length - place.length;
    const name = `${place} ${form}`;
    add(
      cands,
      base + start,
      base + m.index + m[0].length,
      'local_party',
      // "Tottenham Constituency Labour Party" and "Tottenham CLP" are one body: the key is the place.
      `local:${nameKey(place.replace(/ Constituency$/, ''))}|${party}`,
      name,
      form.endsWith('Party') || form.endsWith('Association') ? 3 : 2,
      4,
    );
  });
  each(LOCAL_BRANCH_RE, str, (m) => {
    const raw = m[2] ?? '';
    const words = trimPlaceRight(raw.split(' '));
    const place = words.join(' ');
    if (!place || !placeOk(place)) return;
    const partyForm = m[1] ?? m[3];
    const party = partyForm ? (PARTY_OF_FORM.get(partyForm) ?? partyForm) : '';
    const kind = m[4] ?? 'branch';
    const start = m[1] ? m.index : m.index + m[0].indexOf(raw) + raw.length - place.length;
    const name = party ? `${place} ${partyShort(party)} ${kind}` : `${place} ${kind}`;
    add(
      cands,
      base + start,
      base + m.index + m[0].length,
      'local_party',
      `local:${nameKey(place)}|${party}|${kind}`,
      name,
      2,
      3,
    );
  });
  // Party groups on a council are organisations.
  each(GROUP_RE, str, (m) => {
    const form = m[2] ?? '';
    const party = PARTY_OF_FORM.get(form) ?? form;
    let owner = m[1];
    // "Swansea Council's Labour group": the group is Swansea's; the council keeps its own mention.
    if (owner && COUNCIL_KINDS.has(owner)) owner = undefined;
    if (m[1] === 'Council') {
      const place = new RegExp(
        `(${PW}(?: ${PW}){0,3})\\s+(?:(?:City|County|Borough|District)\\s+)?$`,
        'u',
      ).exec(str.slice(0, m.index))?.[1];
      const words = place ? trimPlaceRight(place.split(' ')) : [];
      owner = words.length && placeOk(words.join(' ')) ? words.join(' ') : undefined;
    }
    let start = owner && owner === m[1] ? m.index : m.index + m[0].indexOf(form);
    if (!m[1]) {
      // "the Swansea Labour group": a place written straight before the party names the group's council.
      const before = str.slice(0, start);
      const place = new RegExp(`(${PW}(?: ${PW}){0,2}) $`, 'u').exec(before)?.[1];
      const words = place ? leadTrim(trimPlaceRight(place.split(' '))) : [];
      const name = words.join(' ');
      if (name && placeOk(name) && !NON_NAME_WORDS.has(name.toLowerCase()) && before.endsWith(`${name} `)) {
        owner = name;
        start -= name.length + 1;
      }
    }
    add(
      cands,
      base + start,
      base + m.index + m[0].length,
      'organization',
      `group:${party}`,
      `${partyShort(party)} group`,
      2,
      3,
      {
        extra: owner ?? '',
      },
    );
  });
  // Other organisations: known names and capitalised names ending in an institution word.
  each(KNOWN_ORG_RE, str, (m) => {
    add(
      cands,
      base + m.index,
      base + m.index + m[0].length,
      'organization',
      `org:${nameKey(m[0])}`,
      m[0],
      2,
      2,
    );
  });
  each(ORG_RUN_RE, str, (m) => {
    const words = m[0].split(/\s+/);
    const last = words[words.length - 1] ?? '';
    if (!ORG_SUFFIXES.has(last) || last === 'Council' || last === 'Executive' || last === 'Office') return;
    const kept = leadTrim(words);
    if (kept.length < 2 || words.every((w) => w === w.toUpperCase())) return;
    const name = kept.join(' ');
    const start = m.index + m[0].length - name.length;
    add(
      cands,
      base + start,
      base + m.index + m[0].length,
      'organization',
      `org:${nameKey(name)}`,
      name,
      3,
      3,
    );
  });
  // People with a title, a byline or "MP".
  each(TITLE_RE, str, (m) => {
    const title = m[1] ?? '';
    if (title === 'Lady' && /^Mayoress/.test(m[2] ?? '')) return;
    const words = (m[2] ?? '').split(/\s+/);
    // A title vouches for the name, so only institution words are cut from its end ("Cllr Amy Ward" keeps Ward).
    while (
      words.length > 1 &&
      (INSTITUTION_WORDS.has(words[words.length - 1] ?? '') ||
        PARTY_OF_FORM.has(words[words.length - 1] ?? ''))
    )
      words.pop();
    if (NON_NAME_WORDS.has((words[0] ?? '').toLowerCase()) || PARTY_OF_FORM.has(words[0] ?? '')) return;
    const name = words.join(' ');
    const start = m.index + m[0].lastIndexOf(m[2] ?? '');
    if (PERSON_TITLES[title]?.office === 'councillor') titleWard(str, start + name.length, base, cands);
    add(
      cands,
      base + start,
      base + start + name.length,
      'person',
      `person:${nameKey(name)}`,
      name,
      words.length > 1 ? 3 : 1,
      4,
      {
        title,
      },
    );
  });
  const by = BYLINE_RE.exec(str);
  if (by?.[1] && !by[1].split(/\s+/).some((w) => NON_NAME_WORDS.has(w.toLowerCase()))) {
    const start = by.index + by[0].lastIndexOf(by[1]);
    add(cands, base + start, base + start + by[1].length, 'person', `person:${nameKey(by[1])}`, by[1], 3, 4, {
      extra: 'byline',
    });
  }
  each(MP_RE, str, (m) => {
    const name = m[1] ?? '';
    if (name.split(/\s+/).some((w) => NON_NAME_WORDS.has(w.toLowerCase()))) return;
    add(
      cands,
      base + m.index,
      base + m.index + name.length,
      'person',
      `person:${nameKey(name)}`,
      name,
      3,
      3,
      { title: 'MP' },
    );
  });
}

const WARD_FULL = new RegExp(`^${WARD}$`, 'u');
function notPlaceWord(w: string): boolean {
  const lw = w.toLowerCase();
  return NON_NAME_WORDS.has(lw) && !PLACE_WORDS.has(lw);
}
const COUNCILLOR_TITLE = /\b(?:Cllrs?|Councillors?|Coun)\b/;
const TRAILING_TITLE = new RegExp(` (?:and|&) (?:${TITLES})\\b.*$`, 'u');

/** The ward in a councillor's parenthesis, or null: no party, acronym, office or calendar word. */
function parenWard(item: string): string | null {
  if (!item || PARTY_ABBREVIATION.test(item) || PARTY_OF_FORM.has(item) || !/\p{Ll}/u.test(item)) return null;
  if (!WARD_FULL.test(item)) return null;
  const core = item.replace(/^The /, '');
  const words = core.split(' ');
  if (!placeOk(core) && !NUMBER_WORD.test(words[0] ?? '')) return null;
  if (words.some(notPlaceWord)) return null;
  return item;
}

/** "Cllr Ann Lee of Northfield": a councillor's ward after "of", unless it is a council or a party. */
function titleWard(str: string, at: number, base: number, cands: Candidate[]): void {
  OF_WARD_Y.lastIndex = at;
  const m = OF_WARD_Y.exec(str);
  if (!m?.[1]) return;
  const name = m[1].replace(TRAILING_TITLE, '');
  COUNCIL_AHEAD_Y.lastIndex = at + m[0].length;
  if (name.length < m[1].length ? false : COUNCIL_AHEAD_Y.test(str)) return;
  const words = name.split(' ');
  if (!placeOk(name) || words.some(notPlaceWord)) return;
  if (FACTIONS.includes(name) || KNOWN_ORGS.includes(name)) return;
  const start = base + at + m[0].lastIndexOf(m[1]);
  add(cands, start, start + name.length, 'ward', `ward:${nameKey(name)}`, name, 2, 2);
}

const WARD_Y = new RegExp(WARD, 'uy');
const TITLE_AHEAD = new RegExp(`(?:${TITLES})\\b`, 'y');
const LIST_SEP = /(?:,\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+)/y;

/** Reads "A, B and C" starting at `pos`, stopping before a title ("…, Cllr Jo Bell"); '' if none. */
function readWardList(s: string, pos: number): string {
  let end = pos;
  let at = pos;
  for (let n = 0; n < 8; n++) {
    TITLE_AHEAD.lastIndex = at;
    if (TITLE_AHEAD.test(s)) break;
    WARD_Y.lastIndex = at;
    const m = WARD_Y.exec(s);
    if (!m) break;
    end = at + m[0].length;
    LIST_SEP.lastIndex = end;
    const sep = LIST_SEP.exec(s);
    if (!sep) break;
    at = end + sep[0].length;
  }
  return s.slice(pos, end);
}

/** Splits "A, B and C" into items; "A and B" without a comma is one name ("Gipton and Harehills"). */
function splitWardList(group: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  const commaParts = group.split(', ');
  let offset = 0;
  if (commaParts.length === 1) return [{ text: group, offset: 0 }];
  commaParts.forEach((p, i) => {
    const isLast = i === commaParts.length - 1;
    const andIdx = p.search(/ (?:and|&) /);
    if (isLast && andIdx > 0) {
      parts.push({ text: p.slice(0, andIdx), offset });
      const rest = p.slice(andIdx).replace(/^ (?:and|&) /, '');
      parts.push({ text: rest, offset: offset + p.length - rest.length });
    } else if (/^(?:and|&) /.test(p)) {
      const rest = p.replace(/^(?:and|&) /, '');
      parts.push({ text: rest, offset: offset + p.length - rest.length });
    } else {
      parts.push({ text: p, offset });
    }
    offset += p.length + 2;
  });
  return parts;
}

/** Pass 2: bare names of councils and wards already found elsewhere in the article. */
function lookupPass(
  text: string,
  sentences: Sentence[],
  words: Word[],
  accepted: Candidate[],
  councilNames: Map<string, string>,
  wards: Map<string, string>,
  out: Candidate[],
): void {
  const names: { name: string; type: EntityType; key: string }[] = [];
  for (const [place, key] of councilNames) names.push({ name: place, type: 'council', key });
  for (const [ward, key] of wards) if (!councilNames.has(ward)) names.push({ name: ward, type: 'ward', key });
  if (names.length === 0) return;
  // Section headings in capitals ("HACKNEY: SELECTIONS") name the council the section is about.
  const forms = [
    ...names,
    ...names.filter((n) => n.type === 'council').map((n) => ({ ...n, name: n.name.toUpperCase() })),
  ];
  const byName = new Map(forms.map((n) => [n.name, n]));
  const longest = Math.max(...forms.map((n) => n.name.split(' ').length));
  const firstWords = new Set(forms.map((n) => n.name.split(' ')[0] ?? ''));
  const groups = bySentence(sentences, accepted);
  const sentenceOf = sentenceIndexer(sentences);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    if (!firstWords.has(w.text)) continue;
    for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
      const last = words[i + n - 1] as Word;
      const hit = byName.get(text.slice(w.start, last.end));
      if (!hit) continue;
      const local = groups[sentenceOf(w.start)] ?? [];
      if (local.some((a) => w.start < a.end && a.start < last.end)) break;
      const bare = hit.type === 'council' ? (councilNameOf(hit.key, councilNames) ?? hit.name) : hit.name;
      add(
        out,
        w.start,
        last.end,
        hit.type,
        hit.key,
        hit.type === 'council' ? `${bare} Council` : hit.name,
        0,
        1,
        hit.type === 'council' ? { extra: bare } : {},
      );
      i += n - 1;
      break;
    }
  }
}

function councilNameOf(key: string, councilNames: Map<string, string>): string | undefined {
  for (const [name, k] of councilNames) if (k === key) return name;
  return undefined;
}

interface Word {
  start: number;
  end: number;
  text: string;
  pos: string;
}

/** Joins wink tokens split at hyphens or slashes inside a word ("O’Rourke" "-" "Kerr"). */
export function mergeWords(tokens: Token[]): Word[] {
  const words: Word[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = words[words.length - 1];
    const joiner = tokens[i - 1];
    if (
      prev &&
      joiner &&
      (joiner.text === '-' || joiner.text === '/') &&
      joiner.start === prev.end &&
      t.start === joiner.end &&
      /^\p{L}/u.test(t.text)
    ) {
      prev.end = t.end;
      prev.text += joiner.text + t.text;
      continue;
    }
    if ((t.text === '-' || t.text === '/') && prev && prev.end === t.start && tokens[i + 1]?.start === t.end)
      continue;
    words.push({ start: t.start, end: t.end, text: t.text, pos: t.pos });
  }
  return words;
}

const INSTITUTION_WORDS = new Set([
  'Council',
  'Party',
  'Group',
  'Association',
  'Branch',
  'City',
  'Borough',
  'County',
  'District',
  'Cabinet',
  'Committee',
]);
const CALENDAR = new Set([...MONTHS, ...WEEKDAYS]);
const CAP_WORD = /^\p{Lu}\p{L}*(?:['’]\p{Lu}\p{L}*)?(?:-\p{Lu}\p{L}*(?:['’]\p{Lu}\p{L}*)?)*$/u;

function isNameWord(w: string): boolean {
  if (!CAP_WORD.test(w)) return false;
  if (w.length > 1 && w === w.toUpperCase()) return false;
  return !NON_NAME_WORDS.has(w.toLowerCase()) && !PARTY_OF_FORM.has(w);
}

/** Pass 3: runs of capitalised words that no other rule claimed become people (full names) or name fragments. */
function personPass(
  text: string,
  sentences: Sentence[],
  words: Word[],
  accepted: Candidate[],
  councilNames: Map<string, string>,
  wards: Map<string, string>,
  out: Candidate[],
): void {
  const groups = bySentence(sentences, accepted);
  let local: Candidate[] = [];
  const covered = (w: Word) => local.some((a) => w.start < a.end && a.start < w.end);
  let wi = 0;
  for (const [si, s] of sentences.entries()) {
    local = groups[si] ?? [];
    while (wi < words.length && (words[wi] as Word).start < s.start) wi++;
    const sw: Word[] = [];
    for (let j = wi; j < words.length && (words[j] as Word).start < s.end; j++) sw.push(words[j] as Word);
    const alpha = sw.filter((w) => /^\p{L}/u.test(w.text) && !CALENDAR.has(w.text));
    const capShare = alpha.length ? alpha.filter((w) => /^\p{Lu}/u.test(w.text)).length / alpha.length : 0;
    // A title-case headline capitalises every word, so runs there say nothing about names.
    const titleCase = alpha.length >= 6 && capShare > 0.7;
    let run: Word[] = [];
    const flush = () => {
      if (run.length === 0) return;
      let r = run;
      if (
        r[0] &&
        r[0].start === firstWordStart(sw) &&
        (SENTENCE_OPENERS.has(r[0].text) || (r[0].pos !== 'PROPN' && !GIVEN_NAME_GENDER.has(r[0].text)))
      )
        r = r.slice(1);
      run = [];
      if (r.length === 0) return;
      const first = r[0] as Word;
      const last = r[r.length - 1] as Word;
      const name = text.slice(first.start, last.end);
      if (r.length >= 2 && r.length <= 4 && !titleCase) {
        out.push({
          start: first.start,
          end: last.end,
          type: 'person',
          key: `person:${nameKey(name)}`,
          name,
          rank: 2,
          priority: 2,
        });
      } else if (r.length === 1 || titleCase) {
        for (const w of r) {
          out.push({
            start: w.start,
            end: w.end,
            type: 'person',
            key: `single:${nameKey(w.text)}`,
            name: w.text,
            rank: 0,
            priority: 1,
            reference: true,
          });
        }
      }
    };
    for (let j = 0; j < sw.length; j++) {
      const w = sw[j] as Word;
      const prev = sw[j - 1];
      const adjacent = prev ? text.slice(prev.end, w.start) === ' ' : true;
      // "ap" in "Meinir ap Dafydd", the "." of "Ll." in "Geraint Ll. Roberts": inside a name, only
      // between two of its words.
      const next = sw[j + 1];
      const nextName =
        next !== undefined &&
        text.slice(w.end, next.start) === ' ' &&
        isNameWord(next.text) &&
        !covered(next);
      const joiner =
        run.length > 0 &&
        nextName &&
        ((adjacent && NAME_PARTICLES.test(w.text)) ||
          (w.text === '.' && prev !== undefined && prev.end === w.start && INITIAL.test(prev.text)));
      if (joiner) {
        run.push(w);
        continue;
      }
      const ok = isNameWord(w.text) && !covered(w) && !councilNames.has(w.text) && !wards.has(w.text);
      if (!ok || !adjacent) flush();
      if (ok) run.push(w);
    }
    flush();
  }
}

function firstWordStart(sw: Word[]): number {
  const w = sw.find((x) => /^\p{L}/u.test(x.text));
  return w ? w.start : -1;
}
