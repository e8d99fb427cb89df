/**
 * Stage 5: claims. Rules are general patterns of English over the sentence view (see view.engine):
 * appositions ("⟦P⟧, the cabinet member for housing,"), copulas ("⟦P⟧ is a former Mayor of ⟦C⟧"),
 * subject-predicate patterns with lists ("⟦P⟧, ⟦P⟧ and ⟦P⟧ were deselected"), passives ("was
 * deselected by ⟦P⟧") and paraphrases ("secured the deselection of", "with the backing of").
 * A negated predicate yields no claim and cancels the same claim nearby; questions and speculation
 * lower confidence.
 */
import type { CorefResult, EntityRecord, Ref } from './coreference.engine.js';
import type { ClaimType, MotionTopic, Office, Sentence } from './extraction.types.js';
import { buildView, type SentenceView, slotsIn, slotsOf } from './view.engine.js';

export interface ClaimArgs {
  office?: Office;
  former?: boolean;
  council?: number;
  ward?: number;
  organization?: number;
  with?: number;
  party?: number;
  actor?: number;
  from?: number;
  to?: number;
  supported_by?: number[];
  on?: number[];
  direction?: 'increase' | 'decrease';
  count?: number;
  topic?: MotionTopic;
  label?: string;
}

export interface DraftClaim {
  type: ClaimType;
  subject: number;
  args: ClaimArgs;
  confidence: number;
  sentence: number;
}

interface Negation {
  type: ClaimType;
  subject: number;
  sentence: number;
  /** The party or faction denied, when the denial names one ("is not a member of ⟦F⟧"). */
  with?: number;
  /** The office denied, when the denial names one ("is not her deputy"). */
  office?: Office;
}

/** "Her deputy, ⟦P⟧": an office known only relative to the possessor's, resolved once the article is read. */
interface RoleReference {
  heads: number[];
  /** The person whose deputy the heads are; undefined when the text says "the leader's deputy". */
  possessor?: number;
  /** A party group whose deputy the heads are ("the ⟦O⟧'s deputy"). */
  group?: number;
  former: boolean;
  negated: boolean;
  confidence: number;
  sentence: number;
}

/** "now sits as an independent": fills the `to` of the subject's nearby defection that names none. */
interface IndependentNow {
  subject: number;
  independent: number;
  sentence: number;
}

const REF = '⟦[PG]\\d+⟧';
/** A determiner or a possessive, including a resolved pronoun slot ("their" -> "⟦G3⟧'s"). */
const POSS = "(?:(?:his|her|their|its|the|a|an)\\s+|⟦[PGFLOY]\\d+⟧(?:'s)?\\s+)";
const REFLIST = `${REF}(?:\\s*,\\s*${REF})*(?:\\s*,?\\s*(?:and|&)\\s+${REF})?`;
const ADV =
  '(?:(?:also|both|all|now|still|then|already|just|only|reportedly|formally|finally|quietly|narrowly|comfortably|recently|subsequently|duly|each|unanimously|effectively|himself|herself|themselves|itself|since|once|later|first|twice|this\\s+week|last\\s+week|on\\s+\\w+day|on\\s+\\w+day\\s+night|in\\s+\\w+)\\s+)*';
const AUX = `(?:(?:has|have|had|was|were|is|are|be|been|being|will|would|could|may|might|can|shall|should|must|did|does|do)\\s+(?:not\\s+|n't\\s+|never\\s+|no\\s+longer\\s+)?${ADV})*`;
const NEG_RE = /\b(?:not|n't|never|no longer|nobody|neither)\b/;
const MODAL_RE = /\b(?:could|might|may|would)\b/;
const SPECULATION_RE =
  /\b(?:whether|rumou?rs?|rumou?red|speculation|speculate[sd]?|wonder(?:s|ed|ing)?|talk (?:in|of|that)|tipped to|tipped as|expected to|likely to|is said to|are said to|understood to)\b/i;
const REPORTED_RE =
  /\b(?:we reported|was reported|were reported|it was claimed|alleged(?:ly)?|described ⟦[PG]\d+⟧ as|leaflets? (?:circulated|claimed|said))\b/i;

/** A shared pattern with its scan position reset, for patterns used with exec loops or matchAll. */
function reset(re: RegExp): RegExp {
  re.lastIndex = 0;
  return re;
}

const NON_SUBJECT_BEFORE =
  /\b(?:by|from|to|for|of|with|against|on|about|at|than|into|over|under|replace|beat|selected|reselected|elected|nominated|backed|supported|described|urged|deselected|behind|among|between|including|between|like|as)\s*$/;

const FACTION_ROLE =
  '(?:members?|supporters?|organisers?|organizers?|activists?|allies|ally|co-?ordinators?|founders?|loyalists?|councillors?|candidates?|convenors?|conveners?|leaders?|figures?)';

const APPOS_OPEN =
  "(?:\\d{1,3}|the|a|an|one|both|each|all|who|whose|which|now|then|until|formerly|himself|herself|themselves|his|her|its|their|former|newly|also|another|currently|ex-|⟦[FYLOCW]\\d+⟧'s|chair|leader|deputy|co-?ordinator|organiser|convenor|member|councillor|cabinet|executive)";

// Patterns compiled once per process (they are built from the pieces above).
const QUESTION_RE = new RegExp(
  `^(Is|Was|Are|Were|Has|Have|Had)\\s+(${REFLIST})\\s+(?:(?:himself|herself|themselves|really|still|now)\\s+)*`,
);
const FACTION_TIE_RE = new RegExp(
  `(?:${FACTION_ROLE}\\s+(?:of|for|in|with)\\s+(?:the\\s+)?(⟦F\\d+⟧)|(⟦F\\d+⟧)(?:'s)?\\s+${FACTION_ROLE}\\b|(?:backed|supported|endorsed|sponsored)\\s+by\\s+(⟦F\\d+⟧))`,
  'g',
);
const PRE_APPOS_RE = new RegExp(
  `(?:^|(?<=[\\s,;–(]))((?:the|The|a|A|an|An|⟦[YFCOLG]\\d+⟧'s|its|Its|their|Their|his|His|her|Her|(?:One|Two|Three|Four|Both|All|Several|one|two|three|four|both|all|several)(?:\\s+of\\s+the)?)\\s+[^,;⟦]{0,60}?(?:⟦[YCOFW]\\d+⟧(?:'s)?[^,;⟦]{0,40}?)?),\\s+(${REFLIST})`,
  'g',
);
const SUBJECT_RE = new RegExp(`(${REFLIST})(?:'s)?`, 'g');
const NEXT_SUBJECT_RE = new RegExp(
  `(?:,\\s+(?:and|but)\\s+|\\s+(?:and|but)\\s+(?:that\\s+)?|,\\s+)(?=(?:${REF})\\s+(?:${AUX})?(?:[a-z]+ed|is|are|was|were|has|have|had|said|says|will|would)\\b)`,
);
const LEAD_RE = new RegExp(`^${ADV}${AUX}`);
const DESELECTED_RE = new RegExp(
  `^(?:been\\s+)?(?:deselected|de-selected|not\\s+reselected)\\b(?:\\s+by\\s+(⟦[PGFLO]\\d+⟧))?|^(?:lost|losing)\\s+${POSS}?(?:re)?selections?(?:\\s+(?:battle|contest|ballot|fight|race))?(?:\\s+to\\s+(⟦P\\d+⟧))?|^failed\\s+to\\s+(?:win|secure)\\s+(?:re)?selection`,
);
const LEADING_ADV_RE = new RegExp(`^${ADV}`);
const DENIED_TIE_RE = new RegExp(
  `^[^;]{0,40}?\\b(?:${FACTION_ROLE})\\s+(?:of|in)\\s+(?:the\\s+)?(⟦[YF]\\d+⟧)|^[^;]{0,30}?(⟦[YF]\\d+⟧)\\s+${FACTION_ROLE}\\b`,
);
const AFFILIATION_RE = new RegExp(
  `^(?:(?:is|are|was|were|has\\s+been|have\\s+been|had\\s+been|remains)\\s+)(?:a|an|one\\s+of\\s+the)\\s+(?:[a-z-]+\\s+)?(⟦[YF]\\d+⟧)\\s+${FACTION_ROLE}\\b|^(?:is|are|was|were|has\\s+been|have\\s+been)\\s+(?:a\\s+|an\\s+)?(?:[a-z-]+\\s+)?${FACTION_ROLE}\\s+(?:of|in)\\s+(?:the\\s+)?(⟦[YF]\\d+⟧)|^(?:will\\s+)?(?:sit|sits|sat)\\s+with\\s+(?:the\\s+)?(⟦Y\\d+⟧)`,
);
const LEADING_ADV2_RE = new RegExp(`^${ADV}`);
const FACTION_MEMBERS_RE = new RegExp(
  `(⟦F\\d+⟧)'s\\s+(?:[a-z]+\\s+)?${FACTION_ROLE}\\b[^;⟦]{0,60}?(?:–|:|,|\\s(?:include|includes|included|are|were))\\s*(${REFLIST})`,
  'g',
);
const BOTH_OF_THEM_RE = new RegExp(
  `(${REFLIST})[^;⟦]{0,60}?,\\s+(?:both|all|each|two|three)\\s+of\\s+(?:them|whom|⟦G\\d+⟧)\\s+([^,;.]*)`,
  'g',
);
const ELECTED_AS_RE = new RegExp(
  `\\b(?:elected|re-elected|appointed|named|chose|picked|installed)\\s+(${REFLIST})\\s+as\\s+((?:the\\s+|its\\s+|their\\s+)?(?:new\\s+)?[^,;.]*)`,
  'g',
);
const SELECTED_OBJECT_RE = new RegExp(
  `(\\S+)\\s+(?:re-?selected|selected|chose|picked|endorsed)\\s+(${REFLIST})(?!\\s*'s)`,
  'g',
);
const DESELECTION_OF_RE = new RegExp(
  `(?:([^;]*?)\\b(?:secured|won|engineered|forced|orchestrated|organised|organized|led|ran|pushed\\s+through)\\s+)?(?:the|a)\\s+(?:successful\\s+)?(?:campaign\\s+for\\s+the\\s+)?deselection\\s+of\\s+(${REFLIST})`,
  'g',
);
const DESELECTED_OBJECT_RE = new RegExp(
  `(⟦[PGFLO]\\d+⟧)\\s+${ADV}(?:deselected|ousted)\\s+(${REFLIST})`,
  'g',
);
const APPOSITIVE_RE = new RegExp(
  `(${REFLIST})\\s*,\\s+(${APPOS_OPEN}\\b[^,;]*?)(?=\\s*,\\s|\\s*;|\\s*\\.?\\s*$|\\s+–\\s)(\\s*,)?`,
  'g',
);

/** "the branch voted to ...", "the same executive passed ... a motion": a party organ as the subject. */
const PASSED_BY_ORGAN_RE =
  /(?:^|[^'’\w]\s*)\b(?:[Tt]he|[Ii]ts|[Oo]ur)\s+(?:same\s+|ward\s+|local\s+)?(branch|executive(?:\s+committee)?|general\s+committee|association|constituency\s+party|CLP|ward\s+party|local\s+party|all-members\s+meeting)\s+(?:[^;⟦]{0,30}?\s)?(?:passed|adopted|approved|agreed|carried|voted\s+(?:for|to))\b/;
/** A party body the text does not name ("the ward's Labour branch") as the one that passed a motion. */
const UNNAMED_PARTY_BODY_RE =
  /\b(?:branch|constituency\s+party|CLP|ward\s+party|local\s+party|association)\s+(?:[^;⟦]{0,30}?\s)?(?:passed|adopted|approved|agreed|carried)\s+(?:a|the|an)\s+(?:[a-z-]+\s+)?(?:motion|resolution)/;
const ORGAN_NAME_RE = /^(?:General|Executive)\s+Committee$|^Executive$|^All[- ]Members(?:'|’)?\s+Meeting$/i;
const SIMILAR_MOTION_RE =
  /\band\s+(⟦[LCO]\d+⟧)\s+(?:[^;⟦]{0,20}?\s)?(?:passed|adopted|approved|agreed|carried|backed)\s+(?:a\s+similar\s+(?:one|motion|resolution)|the\s+same\s+(?:motion|resolution))/g;

/** A denial verb and what may stand between it and the clause it denies ("denied claims that ⟦P⟧ ..."). */
const DENIAL =
  '(?:denied|denies|deny|denying|refuted|refutes|dismissed|dismisses|rejected|rejects)\\s+(?:(?:ever|any|all|the|claims?|reports?|suggestions?|rumou?rs?|allegations?|speculation|that)\\s+)*';
const DENIED_BEFORE_RE = new RegExp(`\\b${DENIAL}$`);
/** A cheap test run first: most clauses have no denial verb at all. */
const DENIAL_WORD_RE = /\b(?:den|dismiss|reject|refut)/;
const DENIAL_PREDICATE_RE = new RegExp(`^${DENIAL}(.*)$`);
const DENIED_TIE_NOUN_RE =
  /\b(?:membership|member|links?|ties|involvement|association|affiliation)\s+(?:of|with|to|in)\s+(?:the\s+)?(⟦[YF]\d+⟧)/g;
/** Something that ends a seat in the same sentence as an office held "since" a date. */
const SEAT_END_RE =
  /\b(?:died|passed\s+away|lost\s+(?:⟦P\d+⟧(?:'s)?\s+|the\s+|their\s+)?seat|retired|stood\s+down|stepped\s+down|resigned(?!\s+(?:as|from\s+(?:the\s+)?(?:cabinet|executive|⟦O)))|(?:was|were)\s+defeated)\b/;
const SUSPENDED_RE =
  /\b(?:suspended|expelled|whip\s+(?:has\s+been\s+|had\s+been\s+|was\s+|been\s+)?(?:withdrawn|removed|suspended)|(?:lost|losing)\s+the\s+(?:⟦[YO]\d+⟧\s+)?whip)\b/;

// "Her deputy, ⟦P⟧": the role noun "deputy" relative to a person, a party group or "the leader".
const ROLE_POSS = "(?:(?<poss>⟦[PO]\\d+⟧)(?:'s)?|the\\s+(?:council\\s+)?(?<leader>leader)'s)";
const DEPUTY_NOUN =
  '(?:(?<former>former|then|ex-|one-time|previous)\\s*)?(?:(?:new|loyal|trusted|long-serving|long-standing|faithful|current)\\s+)?deputy';
/** "deputy" is the head noun, not the start of "deputy leader", "deputy mayor" ... */
const DEPUTY_END =
  '(?=\\s*(?:[,;:.–)]|$)|\\s+⟦[PG]\\d+⟧|\\s+(?:is|was|were|has|had|will|would|said|says|and|who|since|until|from|for)\\b)';
/** "⟦P⟧ (⟦W⟧)", "⟦P⟧ (⟦Y⟧, ⟦W⟧)", "⟦P⟧ of ⟦W⟧": the ward a councillor sits for. */
const WARD_TAG_RE =
  /(⟦P\d+⟧)\s+\((?:(⟦Y\d+⟧)\s*,\s*|[A-Z][A-Za-z./-]{0,12}(?: [A-Z][a-z]+)?\s*,\s*)?(⟦W\d+⟧)\)|(⟦P\d+⟧),?\s+of\s+(⟦W\d+⟧)/g;
const WARD_TAG_STRIP_RE =
  /(⟦P\d+⟧)(?:\s+\((?:⟦Y\d+⟧\s*,\s*|[A-Z][A-Za-z./-]{0,12}(?: [A-Z][a-z]+)?\s*,\s*)?⟦W\d+⟧\)|,?\s+of\s+⟦W\d+⟧)/g;
const PARTY_POSSESSIVE_RE = /(⟦Y\d+⟧)'s\s+(?:(?:candidate|councillor|Cllr|Councillor|Coun\.?)\s+)?(⟦P\d+⟧)/g;
const GROUP_LED_BY_RE =
  /(⟦O\d+⟧)\s+(?:\([^)]*\)\s+)?(?:led|headed)\s+by\s+(?:(?:Cllr|Councillor|Coun)\.?\s+)?(⟦P\d+⟧)/g;
const TITLED = '(?:(?:Cllr|Councillor|Coun)\\.?\\s+)?(?:(?:Mrs|Mr|Ms|Miss|Dr)\\.?\\s+)?';
/** A line of a cabinet list: "⟦P⟧ (⟦W⟧) – Deputy Leader and Lead Member for Housing". */
const LINEUP_AFTER_RE =
  /^[•*·-]?\s*(⟦P\d+⟧)\s+(?:\(⟦W\d+⟧\)\s+)?[–—:-]\s+((?:[A-Z][a-z]+\s+)*(?:Cabinet|Executive|Lead|Leader|Deputy|Whip|Chair|Mayor|Portfolio)\b.*)$/;
/** "Cabinet Member for Finance: ⟦P⟧ (⟦W⟧)". */
const LINEUP_BEFORE_RE = new RegExp(
  `^[•*·-]?\\s*((?:Deputy\\s+Leader\\s+and\\s+)?(?:Cabinet|Executive|Lead)\\s+Member\\s+for\\s+[^:⟦]{2,80}):\\s+${TITLED}(⟦P\\d+⟧)`,
);
const NOT_OBJECT = '(?<!\\b(?:elected|appointed|named|made|chose|picked|installed|as)\\s+)';
const DEPUTY_RES: RegExp[] = [
  // "Her deputy, ⟦P⟧", "⟦P⟧'s deputy ⟦P⟧"
  new RegExp(`${NOT_OBJECT}${ROLE_POSS}\\s+${DEPUTY_NOUN}\\s*,?\\s+(?<heads>${REFLIST})`, 'g'),
  // "⟦P⟧, her deputy,"
  new RegExp(`(?<heads>${REFLIST})\\s*,\\s+${ROLE_POSS}\\s+${DEPUTY_NOUN}(?=\\s*(?:[,;:.–)]|$))`, 'g'),
  // "⟦P⟧ has been her deputy since 2019", "⟦P⟧ is not his deputy", "⟦P⟧ served as her deputy"
  new RegExp(
    `(?<heads>${REFLIST})\\s+${ADV}(?:(?:has|have|had|will|would)\\s+)?(?:(?:not|never|no\\s+longer)\\s+)?(?:is|are|was|were|be|been|became|becomes|remains|remained|served\\s+as|serves\\s+as|acted\\s+as|acts\\s+as|(?:been\\s+)?(?:appointed|named|made)(?:\\s+as)?)\\s+(?:(?:not|never|no\\s+longer)\\s+)?(?:also\\s+|now\\s+|still\\s+)?${ROLE_POSS}\\s+${DEPUTY_NOUN}${DEPUTY_END}`,
    'g',
  ),
  // "Her deputy is ⟦P⟧"
  new RegExp(
    `${NOT_OBJECT}${ROLE_POSS}\\s+${DEPUTY_NOUN}\\s+(?:is|was|has\\s+been|remains|will\\s+be)\\s+(?:(?:not|no\\s+longer)\\s+)?(?<heads>${REFLIST})`,
    'g',
  ),
  // "⟦P⟧ appointed ⟦P⟧ as her deputy"
  new RegExp(
    `\\b(?:appointed|named|chose|picked|made|installed)\\s+(?<heads>${REFLIST})\\s+(?:as\\s+)?${ROLE_POSS}\\s+${DEPUTY_NOUN}${DEPUTY_END}`,
    'g',
  ),
  // "⟦P⟧, deputy to ⟦P⟧ since 2019", "⟦P⟧ is deputy to the leader"
  new RegExp(
    `(?<heads>${REFLIST})[^;⟦]{0,40}?\\b(?<former>former\\s+)?deputy\\s+to\\s+(?:(?<poss>⟦P\\d+⟧)|the\\s+(?:council\\s+)?(?<leader>leader))`,
    'g',
  ),
];

interface Appositive {
  head: number[];
  text: string;
}

/** Runs every rule over every sentence and returns merged claims. */
export function extractClaims(text: string, sentences: Sentence[], coref: CorefResult): DraftClaim[] {
  const ctx = new Context(text, sentences, coref);
  for (let si = 0; si < sentences.length; si++) ctx.runSentence(si);
  return ctx.finish();
}

class Context {
  readonly claims: DraftClaim[] = [];
  readonly negations: Negation[] = [];
  readonly entities: EntityRecord[];
  private view!: SentenceView;
  private si = 0;
  private confidenceFactor = 1;
  private readonly authorIds: Set<number>;
  private readonly councilAt: { pos: number; id: number }[];
  private readonly wardAt: { pos: number; id: number }[];
  private readonly partyAt: { pos: number; id: number }[];
  private readonly selectionParty: number | undefined;
  private readonly wardCouncil = new Map<number, number>();
  private readonly refsBySentence: Ref[][];
  /** Claims by type and subject, and by sentence: rules look claims up often, so these stay O(1). */
  private readonly byKey = new Map<string, DraftClaim[]>();
  private readonly bySentence: DraftClaim[][];
  /** The last ward a (de)selection named in each paragraph, for the next one that names none. */
  private readonly paragraphWard = new Map<number, number>();
  /** While set, claims are recorded as denials: the text reports someone denying them. */
  private denying = false;
  private readonly roleReferences: RoleReference[] = [];
  private readonly independentNow: IndependentNow[] = [];
  /** The sentence where each person gave up their seat ("resigned", "stood down"), for offices held until then. */
  private readonly seatEnded = new Map<number, number>();

  constructor(
    private readonly text: string,
    private readonly sentences: Sentence[],
    private readonly coref: CorefResult,
  ) {
    this.entities = coref.entities;
    this.refsBySentence = sentences.map(() => []);
    for (const r of coref.refs) this.refsBySentence[r.sentence]?.push(r);
    this.bySentence = sentences.map(() => []);
    this.authorIds = new Set(coref.entities.filter((e) => e.author).map((e) => e.id));
    const at = (type: string) =>
      coref.refs
        .filter(
          (r) => r.kind === 'name' && r.ids.length === 1 && this.entities[r.ids[0] as number]?.type === type,
        )
        .map((r) => ({ pos: r.start, id: r.ids[0] as number }));
    this.councilAt = at('council');
    this.wardAt = at('ward');
    this.partyAt = at('party');
    for (const w of this.wardAt) {
      if (this.wardCouncil.has(w.id)) continue;
      const c = this.lastBefore(this.councilAt, w.pos) ?? this.councilAt[0]?.id;
      if (c !== undefined) this.wardCouncil.set(w.id, c);
    }
    // The party whose selections an article reports: the most mentioned party, counting local parties.
    const counts = new Map<number, number>();
    for (const e of this.entities) if (e.type === 'party') counts.set(e.id, e.spans.length);
    for (const e of this.entities) {
      if (e.type !== 'local_party') continue;
      const party = e.key.split('|')[1];
      const pe = this.entities.find((x) => x.type === 'party' && x.key === `party:${party}`);
      if (pe) counts.set(pe.id, (counts.get(pe.id) ?? 0) + e.spans.length * 2);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const top = ranked[0];
    const second = ranked[1];
    if (top && (!second || top[1] >= second[1] * 1.5)) this.selectionParty = top[0];
  }

  private lastBefore(list: { pos: number; id: number }[], pos: number): number | undefined {
    let lo = 0;
    let hi = list.length - 1;
    let ans: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = list[mid] as { pos: number; id: number };
      if (x.pos < pos) {
        ans = x.id;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  private claimsFor(type: ClaimType, subject: number | undefined): DraftClaim[] {
    return subject === undefined ? [] : (this.byKey.get(`${type}|${subject}`) ?? []);
  }

  /** The council a sentence is about: one it names, else the last named before it, else the article's first. */
  private councilFor(si: number): number | undefined {
    const s = this.sentences[si] as Sentence;
    const firstInside = this.firstAtOrAfter(this.councilAt, s.start);
    if (firstInside && firstInside.pos < s.end) return firstInside.id;
    return this.lastBefore(this.councilAt, s.start) ?? this.councilAt[0]?.id;
  }

  private firstAtOrAfter(
    list: { pos: number; id: number }[],
    pos: number,
  ): { pos: number; id: number } | undefined {
    let lo = 0;
    let hi = list.length - 1;
    let ans: { pos: number; id: number } | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = list[mid] as { pos: number; id: number };
      if (x.pos >= pos) {
        ans = x;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return ans;
  }

  private slotIds(i: number): number[] {
    return this.view.slots[i]?.ids ?? [];
  }

  private refsIn(s: string, codes = 'PG'): number[] {
    const ids: number[] = [];
    for (const i of slotsOf(s, codes)) for (const id of this.slotIds(i)) if (!ids.includes(id)) ids.push(id);
    return ids;
  }

  private firstOf(s: string, codes: string): number | undefined {
    const i = slotsOf(s, codes)[0];
    return i === undefined ? undefined : this.slotIds(i)[0];
  }

  private typeOf(id: number | undefined): string | undefined {
    return id === undefined ? undefined : this.entities[id]?.type;
  }

  add(type: ClaimType, subjects: number[], args: ClaimArgs, confidence: number): void {
    if (this.denying) {
      this.negate(type, subjects, args.with, args.office);
      return;
    }
    for (const subject of subjects) {
      if (this.typeOf(subject) !== 'person' && !['affiliation', 'membership_change', 'motion'].includes(type))
        continue;
      const clean: ClaimArgs = {};
      for (const [k, v] of Object.entries(args))
        if (v !== undefined) (clean as Record<string, unknown>)[k] = v;
      const claim: DraftClaim = {
        type,
        subject,
        args: clean,
        confidence: round(confidence * this.confidenceFactor),
        sentence: this.si,
      };
      this.claims.push(claim);
      const key = `${type}|${subject}`;
      const list = this.byKey.get(key);
      if (list) list.push(claim);
      else this.byKey.set(key, [claim]);
      this.bySentence[this.si]?.push(claim);
      if ((type === 'selection' || type === 'deselection') && clean.ward !== undefined) {
        const para = this.sentences[this.si]?.paragraph;
        if (para !== undefined) this.paragraphWard.set(para, clean.ward);
      }
    }
  }

  negate(type: ClaimType, subjects: number[], withId?: number, office?: Office): void {
    for (const subject of subjects) {
      const n: Negation = { type, subject, sentence: this.si };
      if (withId !== undefined) n.with = withId;
      if (office !== undefined) n.office = office;
      this.negations.push(n);
    }
  }

  runSentence(si: number): void {
    this.si = si;
    const s = this.sentences[si] as Sentence;
    this.view = buildView(
      this.text,
      s.start,
      s.end,
      this.refsBySentence[si] ?? [],
      this.entities,
      this.coref.quotes,
    );
    const raw = this.text.slice(s.start, s.end);
    const question = /\?["'”’)]*\s*$/.test(raw);
    this.confidenceFactor = question ? 0.3 : SPECULATION_RE.test(this.view.text) ? 0.4 : 1;
    const reported = REPORTED_RE.test(this.view.text) ? 0.6 : 1;
    this.confidenceFactor *= reported;
    // "Is ⟦P⟧ a Momentum member?" is read as "⟦P⟧ is a Momentum member", at question confidence.
    let v = removeAsides(this.view.text).replace(
      reset(QUESTION_RE),
      (_, verb: string, subj: string) => `${subj} ${verb.toLowerCase()} `,
    );
    v = this.resolveCataphora(v, si);
    this.wardTagRules(v);
    // Once read, the tag is dropped so "⟦P⟧ (⟦W⟧) was elected Mayor" reads as "⟦P⟧ was elected Mayor".
    v = v.replace(WARD_TAG_STRIP_RE, '$1');
    this.roleNounRules(v, reported);
    const { reduced, appositives } = extractAppositives(v, (i) => this.slotIds(i));
    // An apposition is asserted even when the sentence around it speculates ("⟦P⟧, a founder of ⟦F⟧, is
    // tipped to stand"): only speculation inside it lowers its confidence.
    const sentenceFactor = this.confidenceFactor;
    for (const a of appositives) {
      this.confidenceFactor = (SPECULATION_RE.test(a.text) ? 0.4 : 1) * reported;
      this.appositiveRules(a);
    }
    this.confidenceFactor = sentenceFactor;
    this.preAppositiveRules(reduced);
    for (const clause of reduced.split(/\s*;\s*/)) this.clauseRules(clause);
    this.sentenceRules(reduced);
  }

  /**
   * A councillor tagged with their ward: "⟦P⟧ (⟦W⟧)", "⟦P⟧ (⟦Y⟧, ⟦W⟧)", "⟦P⟧ of ⟦W⟧" (the mention stage
   * only reads such a ward after a councillor's title). A cabinet line-up ("⟦P⟧ (⟦W⟧) – Deputy Leader and
   * Lead Member for Finance", "Cabinet Member for Finance: ⟦P⟧ (⟦W⟧)") also gives the office it lists.
   */
  private wardTagRules(v: string): void {
    for (const m of v.matchAll(WARD_TAG_RE)) {
      const person = this.firstOf(m[1] ?? m[4] ?? '', 'P');
      const ward = this.firstOf(m[3] ?? m[5] ?? '', 'W');
      if (person === undefined || ward === undefined) continue;
      const former = /\b(?:the\s+late|former|ex-)\s*$/i.test(
        v.slice(Math.max(0, (m.index ?? 0) - 12), m.index),
      );
      this.add(
        'office',
        [person],
        {
          office: 'councillor',
          ward,
          council: this.wardCouncil.get(ward) ?? this.councilFor(this.si),
          former: former || undefined,
        },
        0.85,
      );
      const party = m[2] ? this.firstOf(m[2], 'Y') : undefined;
      if (party !== undefined) this.add('affiliation', [person], { with: party }, 0.85);
    }
    // "⟦Y⟧'s ⟦P⟧" ("Plaid Cymru's Gethin Rhys"), "the ⟦O⟧ led by ⟦P⟧" (a party group's leader).
    if (!NEG_RE.test(v)) {
      for (const m of v.matchAll(PARTY_POSSESSIVE_RE)) {
        const party = this.partyOfSlot(slotsIn(m[1] ?? '')[0] as number);
        const person = this.firstOf(m[2] ?? '', 'P');
        if (party !== undefined && person !== undefined && this.typeOf(party) === 'party')
          this.add('affiliation', [person], { with: party }, 0.85);
      }
      for (const m of v.matchAll(GROUP_LED_BY_RE)) {
        const slot = slotsIn(m[1] ?? '')[0] as number;
        const group = this.slotIds(slot)[0];
        const person = this.firstOf(m[2] ?? '', 'P');
        if (person === undefined || !this.entities[group ?? -1]?.key.startsWith('group:')) continue;
        this.add('office', [person], { office: 'group_leader', council: this.councilFor(this.si) }, 0.85);
        const party = this.partyOfSlot(slot);
        if (party !== undefined) this.add('affiliation', [person], { with: party }, 0.85);
      }
    }
    const after = LINEUP_AFTER_RE.exec(v);
    const before = after ? null : LINEUP_BEFORE_RE.exec(v);
    const person = this.firstOf((after?.[1] ?? before?.[2]) || '', 'P');
    const np = after?.[2] ?? before?.[1];
    if (person !== undefined && np) this.readNounPhrase(np, [person], 0.85);
  }

  /** "A Sheffield cabinet member has resigned ..." with the person named only in the next sentences. */
  private resolveCataphora(input: string, si: number): string {
    // A wire dateline ("SHEFFIELD, 15 March 2018 (Agency) – ") comes before the lede's subject.
    const dateline = /^(?:[A-Z][A-Z .'-]+|⟦C\d+⟧),\s+[^–]{0,60}?\s+–\s+/.exec(input)?.[0] ?? '';
    const v = input.slice(dateline.length);
    const m =
      /^(?:(A|An|One|Two|Three|Four|Five|Six)\s+)?((?:[^,;⟦]{0,30}?)?(?:⟦[CY]\d+⟧\s+)?(?:senior\s+|sitting\s+|[a-z-]+\s+)?(?:cabinet members?|councillors?|executive members?|council leader|deputy leader))(\s+who\s+[^,;]{0,80}?)?\s+(?=(?:has|have|had|was|were|quits?|joins|resigned|defected|left)\b)/.exec(
        v,
      );
    if (!m || (!m[1] && si !== 0)) return input;
    if (slotsOf(m[0], 'PG').length > 0) return input;
    const n = ({ Two: 2, Three: 3, Four: 4, Five: 5, Six: 6 } as Record<string, number>)[m[1] ?? ''] ?? 1;
    for (let j = si + 1; j <= si + 3 && j < this.sentences.length; j++) {
      const s = this.sentences[j] as Sentence;
      const people: number[] = [];
      for (const r of this.refsBySentence[j] ?? []) {
        if (r.start < s.start || r.end > s.end || r.kind !== 'name') continue;
        for (const id of r.ids)
          if (this.typeOf(id) === 'person' && !people.includes(id) && !this.authorIds.has(id))
            people.push(id);
      }
      if (people.length >= n) {
        const ids = people.slice(0, n);
        const idx = this.view.slots.length;
        this.view.slots.push({ code: ids.length > 1 ? 'G' : 'P', ids, start: -1, end: -1, pronoun: true });
        const rel = m[3] ? `, ${m[3].trim()},` : '';
        return `${dateline}⟦${ids.length > 1 ? 'G' : 'P'}${idx}⟧${rel} ${v.slice(m[0].length)}`.replace(
          /\s+/g,
          ' ',
        );
      }
    }
    return input;
  }

  /**
   * "Her deputy, ⟦P⟧", "⟦P⟧ has been his deputy since 2019", "⟦P⟧, deputy to the leader": the office
   * is the possessor's, read once the whole article is known (see `resolveRoleReferences`).
   * `appositionFactor` is the confidence factor for appositions, which speculation around them leaves alone.
   */
  private roleNounRules(v: string, appositionFactor: number): void {
    if (!v.includes('deputy')) return;
    DEPUTY_RES.forEach((re, i) => {
      for (const m of v.matchAll(reset(re))) {
        const g = m.groups ?? {};
        const possSlot = g.poss ? slotsIn(g.poss)[0] : undefined;
        const possessor = possSlot === undefined ? undefined : this.slotIds(possSlot)[0];
        const possType = this.typeOf(possessor);
        if (possessor !== undefined && possType !== 'person' && possType !== 'organization') continue;
        if (possType === 'organization' && !this.entities[possessor as number]?.key.startsWith('group:'))
          continue;
        const heads = this.refsIn(g.heads ?? '').filter(
          (id) => id !== possessor && this.typeOf(id) === 'person',
        );
        if (heads.length === 0 || (possessor === undefined && !g.leader)) continue;
        const factor = i < 2 ? appositionFactor : this.confidenceFactor;
        const r: RoleReference = {
          heads,
          former: !!g.former,
          negated: NEG_RE.test(m[0]),
          confidence: round(0.85 * factor),
          sentence: this.si,
        };
        if (possType === 'person') r.possessor = possessor;
        if (possType === 'organization') r.group = possessor;
        this.roleReferences.push(r);
      }
    });
  }

  /** Turns each "her deputy" into a deputy-leader claim when the possessor leads the council or a group. */
  private resolveRoleReferences(): void {
    for (const r of this.roleReferences) {
      let council: number | undefined;
      if (r.possessor !== undefined) {
        const led = this.claimsFor('office', r.possessor).filter(
          (c) => c.args.office === 'leader' || c.args.office === 'group_leader',
        );
        const lead = led.find((c) => c.args.office === 'leader') ?? led[0];
        // A possessor who leads nothing we know of makes "deputy" too vague (a headteacher's deputy).
        if (!lead) continue;
        council = lead.args.council ?? this.councilFor(r.sentence);
      } else council = this.councilFor(r.sentence);
      for (const subject of r.heads) {
        if (r.negated) {
          this.negations.push({ type: 'office', subject, sentence: r.sentence, office: 'deputy_leader' });
          continue;
        }
        const args: ClaimArgs = { office: 'deputy_leader' };
        if (council !== undefined) args.council = council;
        if (r.former) args.former = true;
        this.claims.push({ type: 'office', subject, args, confidence: r.confidence, sentence: r.sentence });
      }
    }
  }

  // ---------------------------------------------------------------- offices and affiliations in noun phrases

  /** Reads the offices, party and faction ties that a noun phrase gives its head. */
  private readNounPhrase(np: string, head: number[], base: number, opts: { former?: boolean } = {}): boolean {
    const hits = parseOffices(np);
    let found = false;
    for (const h of hits) {
      const council = h.council !== undefined ? this.slotIds(h.council)[0] : undefined;
      const ward = h.ward !== undefined ? this.slotIds(h.ward)[0] : undefined;
      const org = h.org !== undefined ? this.slotIds(h.org)[0] : undefined;
      const args: ClaimArgs = { office: h.office, former: h.former || opts.former ? true : undefined };
      if (h.label) args.label = h.label;
      if (h.office === 'chair' && org === undefined && /\bcommittee\b/i.test(np)) {
        this.add('office', head, { ...args, council: council ?? this.councilFor(this.si) }, base);
        found = true;
        continue;
      }
      if (h.office === 'other' || h.office === 'chair') {
        if (org === undefined || this.typeOf(org) === 'council') continue;
        args.organization = org;
        this.add('office', head, args, base * 0.8);
        if (this.typeOf(org) === 'faction' || this.typeOf(org) === 'party')
          this.add('affiliation', head, { with: org }, base * 0.9);
        found = true;
        continue;
      }
      if (ward !== undefined) args.ward = ward;
      args.council =
        council ?? (ward !== undefined ? this.wardCouncil.get(ward) : undefined) ?? this.councilFor(this.si);
      this.add('office', head, args, base);
      if (h.party !== undefined) {
        const p = this.partyOfSlot(h.party);
        if (p !== undefined) this.add('affiliation', head, { with: p }, base * 0.9);
      }
      found = true;
    }
    // Faction ties in the phrase: "organisers for ⟦F⟧", "a ⟦F⟧ member", "backed by ⟦F⟧".
    const fre = reset(FACTION_TIE_RE);
    for (let m = fre.exec(np); m; m = fre.exec(np)) {
      const slot = m[1] ?? m[2] ?? m[3] ?? '';
      const id = this.firstOf(slot, 'F');
      if (id !== undefined && !NEG_RE.test(np.slice(0, m.index))) {
        this.add('affiliation', head, { with: id }, base * 0.9);
        found = true;
      }
    }
    const pm =
      /\b(?:a|an|(?:the\s+)?(?:(?:⟦C\d+⟧|council)'s\s+)?only)\s+(⟦Y\d+⟧)\s+(?:member|supporter|activist|councillor|candidate)\b|\bthe\s+only\s+(⟦Y\d+⟧)\s+(?:on|in)\s+the\s+council\b|\b(?:member|supporter)s?\s+of\s+the\s+(⟦Y\d+⟧)/.exec(
        np,
      );
    if (pm) {
      const p = this.firstOf(pm[1] ?? pm[2] ?? pm[3] ?? '', 'Y');
      if (p !== undefined) this.add('affiliation', head, { with: p }, base * 0.85);
    }
    return found;
  }

  /** A party from a ⟦Y⟧ slot or from a party group ⟦O⟧ slot ("the Labour group"). */
  private partyOfSlot(i: number): number | undefined {
    const id = this.slotIds(i)[0];
    if (id === undefined) return undefined;
    const e = this.entities[id];
    if (e?.type === 'party') return id;
    if (e?.type === 'organization' && e.key.startsWith('group:')) {
      const party = e.key.slice('group:'.length);
      return this.entities.find((x) => x.type === 'party' && x.key === `party:${party}`)?.id;
    }
    return undefined;
  }

  private appositiveRules(a: Appositive): void {
    if (/^(?:who|whom|which|whose)\b/.test(a.text)) {
      this.predicateRules(a.head, a.text.replace(/^(?:who|which)\s+/, ''), 0.85);
      return;
    }
    this.readNounPhrase(a.text, a.head, 0.85);
  }

  /** "The Leader of ⟦C⟧, ⟦P⟧", "Their group leader, ⟦P⟧": an office phrase before the name. */
  private preAppositiveRules(v: string): void {
    const re = reset(PRE_APPOS_RE);
    for (let m = re.exec(v); m; m = re.exec(v)) {
      const np = m[1] ?? '';
      const head = this.refsIn(m[2] ?? '');
      this.readNounPhrase(np, head, 0.9);
      re.lastIndex = m.index + m[0].length - (m[2] ?? '').length;
    }
    // "newcomer ⟦P⟧", "council leader ⟦P⟧", "the deputy leader ⟦P⟧" without a comma.
    const tight =
      /\b((?:deputy\s+|depute\s+)?(?:council\s+)?leader|group\s+leader|chief\s+whip|cabinet\s+member(?:\s+for\s+[a-z]+)?)\s+(⟦P\d+⟧)/g;
    for (let m = tight.exec(v); m; m = tight.exec(v)) {
      if (/\b(?:the|a)\s+$/.test(v.slice(Math.max(0, m.index - 6), m.index)) || m.index === 0) {
        this.readNounPhrase(m[1] ?? '', this.refsIn(m[2] ?? ''), 0.8);
      }
    }
  }

  // ---------------------------------------------------------------- subject + predicate

  /** Finds each subject (a person, list or group not governed by a preposition) and reads its predicate. */
  private clauseRules(clause: string): void {
    const re = reset(SUBJECT_RE);
    for (let m = re.exec(clause); m; m = re.exec(clause)) {
      const before = clause.slice(0, m.index);
      if (NON_SUBJECT_BEFORE.test(before)) continue;
      if (m[0].endsWith("'s")) continue;
      const subjects = this.refsIn(m[1] ?? '');
      let pred = clause.slice(m.index + m[0].length);
      // The predicate ends where another subject starts a new clause.
      const next = reset(NEXT_SUBJECT_RE).exec(pred);
      if (next) pred = pred.slice(0, next.index);
      const p = pred.replace(/^\s*,\s*/, ' ').trim();
      // "⟦P⟧ denied that ⟦P⟧ had left ⟦Y⟧": what follows a denial is recorded as denied, not claimed.
      this.denying = DENIAL_WORD_RE.test(before) && DENIED_BEFORE_RE.test(before);
      this.predicateRules(subjects, p, 0.9);
      // Coordinated predicates share the subject: "won the leadership ... and now relies on its votes".
      const coord =
        /,?\s+and\s+(?=(?:now\s+|also\s+|still\s+|then\s+|later\s+)?(?:has|have|had|is|was|will|would|[a-z]+(?:s|ed))\b)/g;
      for (const c of p.matchAll(coord))
        this.predicateRules(subjects, p.slice((c.index ?? 0) + c[0].length), 0.85);
      this.denying = false;
    }
  }

  private predicateRules(subjects: number[], pred: string, base: number): void {
    if (subjects.length === 0 || !pred) return;
    const people = subjects.filter((id) => this.typeOf(id) === 'person');
    const lead = reset(LEAD_RE).exec(pred)?.[0] ?? '';
    const rest = pred.slice(lead.length);
    const negated = NEG_RE.test(lead);
    const modal = MODAL_RE.test(lead);
    const conf = base * (modal ? 0.4 : 1);

    // "denied being a founder of ⟦F⟧", "denies having left ⟦Y⟧", "denied membership of ⟦F⟧".
    const denial = DENIAL_WORD_RE.test(rest.slice(0, 10)) ? DENIAL_PREDICATE_RE.exec(rest) : null;
    if (denial) {
      const tail = (denial[1] ?? '')
        .replace(/^(?:ever\s+)?being\s+/, 'is ')
        .replace(/^having\s+been\s+/, 'has been ')
        .replace(/^having\s+/, 'has ');
      const was = this.denying;
      this.denying = true;
      this.predicateRules(subjects, tail, base);
      this.denying = was;
      for (const m of tail.matchAll(reset(DENIED_TIE_NOUN_RE))) {
        const id = this.firstOf(m[1] ?? '', 'YF');
        if (id !== undefined) this.negate('affiliation', people, id);
      }
      return;
    }

    // Elliptical denial: "He is not." cancels the affiliation or office just claimed.
    if (
      /^(?:is|are|was|were)\s+not\s*(?:[,.]|$|and\b)/.test(pred) ||
      /\b(?:has|have)\s+never\s+(?:joined|been\s+a\s+member)/.test(pred)
    ) {
      this.negate('affiliation', people);
    }

    // Deselection.
    const desel = reset(DESELECTED_RE).exec(rest);
    const notReselected = /not\s+reselected/.test(pred.slice(0, 40));
    const dropped =
      !desel &&
      /^(?:been\s+)?(?:dropped|axed|ousted|dumped)\b/.test(rest) &&
      /\b(?:members|branch|selection|candidates?|elections?|ballot|reselection)\b/.test(this.view.text)
        ? /^(?:been\s+)?(?:dropped|axed|ousted|dumped)\b(?:\s+by\s+(⟦[PGFLO]\d+⟧))?/.exec(rest)
        : null;
    if (desel || notReselected || dropped) {
      if (negated && !notReselected) this.negate('deselection', people);
      else {
        const actorText = desel?.[1] ?? dropped?.[1];
        const actor = actorText ? this.firstOf(actorText, 'PGFLO') : undefined;
        this.add('deselection', people, this.selectionArgs(pred, people, { actor }), conf);
        if (desel?.[2])
          this.add('selection', this.refsIn(desel[2]), this.selectionArgs(pred, people, {}), conf * 0.9);
      }
    }
    // Selection (passive or intransitive): "was selected", "were both reselected", "chosen as candidate".
    const sel =
      /^(?:been\s+)?(?:re-?selected|selected|chosen\s+as\s+(?:the\s+|a\s+|its\s+|their\s+)?(?:⟦Y\d+⟧'s\s+)?candidates?|endorsed\s+as\s+(?:the\s+)?candidates?)\b|^won\s+(?:the\s+|a\s+)?(?:selection|nomination|reselection)\b/.exec(
        rest,
      );
    if (
      sel &&
      !/^(?:been\s+)?selected\s+(?:to\s+serve|for\s+the\s+(?:cabinet|executive|committee))/.test(rest)
    ) {
      if (negated) this.negate('selection', people);
      else this.add('selection', people, this.selectionArgs(pred, people, {}), conf);
    }
    // Office by copula: "is a former Mayor of ⟦C⟧", "are both councillors for ⟦W⟧", "was until May the ...".
    const cop =
      /^(?:is|are|was|were|has\s+been|have\s+been|had\s+been|became|becomes|remains|remained)\s+(until\s+[^,]*?\s+(?=the|a|an)|(?:both|also|now|still|currently|once)\s+)*(.*)$/.exec(
        pred.replace(reset(LEADING_ADV_RE), ''),
      );
    if (cop && !/^(?:is|are|was|were)\s+not\b/.test(pred)) {
      const np = (cop[2] ?? '').split(/\s+and\s+(?=(?:has|have|had|is|was|will|would|said)\b)|,\s+/)[0] ?? '';
      if (/^(?:a|an|the|one|⟦|former|ex-|chair|leader|deputy|councillors?)\b|^⟦/.test(np)) {
        this.readNounPhrase(np, people, conf, {
          former: /^(?:was|were|had been)\b/.test(pred) && /\buntil\b/.test(cop[1] ?? ''),
        });
      }
    } else if (cop && NEG_RE.test(pred.slice(0, 12))) {
      // "is not a member of ⟦F⟧": a denial of that tie, which cancels the same claim made nearby.
      const denied = reset(DENIED_TIE_RE).exec(cop[2] ?? '');
      if (denied) this.negate('affiliation', people, this.firstOf(denied[1] ?? denied[2] ?? '', 'YF'));
    }
    // Office by election or appointment: "has been elected Leader of ⟦C⟧".
    const el =
      /^(?:been\s+)?(?:elected|re-elected|appointed|named|installed|confirmed|chosen|made)\s+(?:as\s+)?((?:the\s+)?(?:new\s+)?[^,;]*)/.exec(
        rest,
      );
    if (el && !negated) {
      const np = el[1] ?? '';
      if (/\b(?:leader|whip|mayor|cabinet|executive|chair|convenor|convener|provost)\b/i.test(np)) {
        this.readNounPhrase(np, people, conf);
        if (/\bleader\b/i.test(np))
          this.add('leadership_election', people, { council: this.councilFor(this.si) }, conf);
      }
    }
    // "has been removed as deputy leader of ⟦C⟧": the office is now a former one.
    const removed =
      /^(?:been\s+)?(?:removed|ousted|sacked|dismissed|deposed|replaced|voted\s+out)\s+as\s+([^,;]*)/.exec(
        rest,
      );
    if (removed && !negated) this.readNounPhrase(removed[1] ?? '', people, conf * 0.9, { former: true });
    // "sits in his cabinet as cabinet member for housing", "serves as chief whip".
    for (const m of pred.matchAll(
      /\b(?:sits|serves|sat|is\s+serving|acts)\s+(?:[^,;]{0,30}?\s+)?as\s+([^,;]*)/g,
    )) {
      if (negated || /\bindependents?\b|⟦Y/.test(m[1] ?? '')) continue;
      this.readNounPhrase(m[1] ?? '', people, conf * 0.85, { former: m[0].startsWith('sat') });
    }
    // "served as deputy leader" (past unless "has served"), "had represented ⟦W⟧" (past).
    for (const m of pred.matchAll(
      /\b(has\s+|have\s+|had\s+)?served\s+as\s+([^,;]*?)(?=\s+(?:for|since|from|until|between)\b|[,;]|$)/g,
    )) {
      if (negated) break;
      const former =
        !m[1] ||
        (m[1].startsWith('had') && this.pastPerfectEnded(people, pred.slice((m.index ?? 0) + m[0].length)));
      this.readNounPhrase(m[2] ?? '', people, conf * 0.9, { former });
    }
    for (const m of pred.matchAll(
      /\b(has\s+|have\s+|had\s+)?(?:represent(?:s|ed|ing)?)\s+(⟦W\d+⟧|the\s+ward|this\s+ward)/g,
    )) {
      if (NEG_RE.test(lead)) break;
      const ward = m[2]?.startsWith('⟦') ? this.firstOf(m[2], 'W') : this.lastWardBefore();
      if (ward === undefined) continue;
      const former =
        !!m[1]?.startsWith('had') && this.pastPerfectEnded(people, pred.slice((m.index ?? 0) + m[0].length));
      this.add(
        'office',
        people,
        {
          office: 'councillor',
          ward,
          council: this.wardCouncil.get(ward) ?? this.councilFor(this.si),
          former: former || undefined,
        },
        conf,
      );
      const forParty = /^\s+for\s+(?:the\s+)?(⟦[YO]\d+⟧)/.exec(pred.slice((m.index ?? 0) + m[0].length));
      const party = forParty ? this.partyOfSlot(slotsIn(forParty[1] ?? '')[0] as number) : undefined;
      if (party !== undefined) this.add('affiliation', people, { with: party }, conf * 0.9);
    }
    // "who leads the council's small ⟦Y⟧ group" / "leads ⟦F⟧".
    const leads =
      /^(?:leads|led|heads|headed|chairs|chaired|convenes|runs)\s+(?:the\s+)?(?:⟦C\d+⟧'s\s+)?(?:[a-z']+\s+){0,3}(⟦[OFY]\d+⟧)/.exec(
        rest,
      );
    if (leads && !negated) {
      const id = this.firstOf(leads[1] ?? '', 'OFY');
      const e = id === undefined ? undefined : this.entities[id];
      if (e?.key.startsWith('group:')) {
        this.add('office', people, { office: 'group_leader', council: this.councilFor(this.si) }, conf);
        const p = this.partyOfSlot(slotsIn(leads[1] ?? '')[0] as number);
        if (p !== undefined) this.add('affiliation', people, { with: p }, conf * 0.9);
      } else if (e?.type === 'faction') this.add('affiliation', people, { with: e.id }, conf);
    }
    // "who leads ⟦C⟧", "has led ⟦C⟧ since 2019": the council's leader ("led ⟦C⟧" alone is past).
    const leadsCouncil = /^(?:leads|led|heads|headed|runs|ran)\s+(?:the\s+)?(⟦C\d+⟧)(?!'s)/.exec(rest);
    if (leadsCouncil && !negated) {
      const simplePast = /^(?:led|headed|ran)\b/.test(rest) && !/\b(?:has|have|had)\b/.test(lead);
      const pastPerfect = /\bhad\b/.test(lead);
      const after = pred.slice(pred.indexOf(leadsCouncil[0]) + leadsCouncil[0].length);
      const former = simplePast || (pastPerfect && this.pastPerfectEnded(people, after));
      const council = this.firstOf(leadsCouncil[1] ?? '', 'C');
      this.add('office', people, { office: 'leader', council, former: former || undefined }, conf * 0.9);
    }
    // "lost her seat", "died", "was defeated": offices held "since" a date end here.
    if (
      !negated &&
      !this.denying &&
      /^(?:lost\s+(?:⟦P\d+⟧(?:'s)?\s+|the\s+|their\s+|a\s+)?seat\b|died\b|passed\s+away\b|defeated\b(?!\s+⟦)|retired\b(?!\s+(?:as|from\s+(?:the\s+)?(?:cabinet|executive))))/.test(
        rest,
      )
    )
      for (const p of people) this.seatEnded.set(p, this.si);
    // "founded ⟦F⟧", "helped set up ⟦F⟧": its founders belong to it.
    const founded =
      /^(?:co-?founded|founded|co-?founding|founding|set\s+up|setting\s+up|helped\s+(?:to\s+)?(?:found|set\s+up|launch|start)|launched|started)\s+(?:the\s+)?(⟦F\d+⟧)/.exec(
        rest,
      );
    if (founded) {
      const f = this.firstOf(founded[1] ?? '', 'F');
      if (f !== undefined) {
        if (negated) this.negate('affiliation', people, f);
        else this.add('affiliation', people, { with: f }, conf * 0.9);
      }
    }
    // Affiliation by copula or verb: "have been a ⟦Y⟧ member", "joined ⟦Y⟧", "will sit with the ⟦Y⟧".
    const aff = reset(AFFILIATION_RE).exec(
      pred.replace(reset(LEADING_ADV2_RE), '').replace(/\b(?:not|never)\s+/, ''),
    );
    if (aff) {
      const id = this.firstOf(aff[1] ?? aff[2] ?? aff[3] ?? '', 'YF');
      if (id !== undefined) {
        if (NEG_RE.test(pred.slice(0, 30))) this.negate('affiliation', people, id);
        else this.add('affiliation', people, { with: id }, conf * 0.95);
      }
    }
    // "is seen as a ⟦F:moderate⟧", "is regarded as a ⟦F⟧ loyalist": a tie others ascribe, so lower confidence.
    const seen =
      /^(?:is|are|was|were)\s+(?:widely\s+)?(?:seen|regarded|viewed|known|considered)\s+as\s+(?:a|an|one\s+of\s+the)?\s*(?:[a-z-]+\s+)?(⟦F\d+⟧)/.exec(
        pred,
      );
    if (seen && !negated) {
      const f = this.firstOf(seen[1] ?? '', 'F');
      if (f !== undefined) this.add('affiliation', people, { with: f }, conf * 0.7);
    }
    // Defection: "has left ⟦Y⟧ and joined the ⟦Y⟧", "defected from ⟦Y⟧ to the ⟦Y⟧", "quits ⟦Y⟧ for ⟦Y⟧",
    // "left the party ... sit as ⟦Y:independents⟧".
    this.defectionRules(people, pred, rest, negated, conf);
    // Resignation: "resigned from ⟦C⟧", "resigned from the cabinet", "stood down as the ⟦C⟧'s convener".
    const res =
      /^(?:resigned|resigns|quit|quits|stood\s+down|stepped\s+down|stands\s+down|steps\s+down)\b(?!\s+(?:the\s+)?⟦Y)(.*)$/.exec(
        rest,
      );
    if (res) {
      if (negated) this.negate('resignation', people);
      else {
        const tail = res[1] ?? '';
        const args: ClaimArgs = {};
        const c = /^\s+(?:from|as)\s+(?:the\s+)?(⟦C\d+⟧)/.exec(tail);
        const o = /^\s+(?:from\s+)?(?:the\s+)?(⟦O\d+⟧)/.exec(tail);
        if (c) args.council = this.firstOf(c[1] ?? '', 'C');
        else if (o) args.organization = this.firstOf(o[1] ?? '', 'O');
        else args.council = this.councilFor(this.si);
        this.add('resignation', people, args, conf * (tail.trim() ? 1 : 0.7));
        const asOffice = /^\s+as\s+([^,;]*)/.exec(tail);
        if (
          !asOffice &&
          args.organization === undefined &&
          !this.denying &&
          !/^\s+from\s+(?:the\s+)?(?:cabinet|executive)\b/.test(tail)
        )
          for (const p of people) this.seatEnded.set(p, this.si);
        if (asOffice) this.readNounPhrase(asOffice[1] ?? '', people, conf * 0.8, { former: true });
      }
    }
    // Leadership: "won the ⟦Y⟧ group leadership", "saw off a challenge" in a leadership contest.
    const won =
      /\bwon\s+(?:the\s+)?(?:(⟦[YO]\d+⟧)\s+)?(?:group\s+)?leadership\b|\bwon\s+the\s+(?:race|contest|ballot|election)\s+(?:to\s+become|for)\s+(?:the\s+)?(?:new\s+)?leader/.exec(
        pred,
      );
    const sawOff =
      /^(?:saw|sees|see)\s+off\s+(?:a\s+)?(?:challenge|challenger|rival)/.test(rest) &&
      /leadership|leader/i.test(this.view.text);
    const beat =
      /^(?:beat|defeated)\s+(⟦P\d+⟧)\s+(?:in|for)\s+(?:the\s+)?(?:⟦Y\d+⟧\s+)?(?:group\s+)?leadership/.exec(
        rest,
      );
    if ((won || sawOff || beat) && !negated && !modal) {
      this.add('leadership_election', people, { council: this.councilFor(this.si) }, conf);
      if (won?.[1]) {
        const p = this.partyOfSlot(slotsIn(won[1])[0] as number);
        if (p !== undefined) this.add('affiliation', people, { with: p }, conf * 0.6);
      }
    }
    // Selection contest: "⟦P⟧ beat ⟦P⟧ by 41 votes to 37 at ... branch meeting".
    const beatSel = /^(?:beat|defeated|ousted|saw\s+off)\s+(⟦P\d+⟧)/.exec(rest);
    if (
      beatSel &&
      !negated &&
      /\b(?:branch|selection|hustings|candidate|members'? ballot|ward party)\b/i.test(this.view.text)
    ) {
      const loser = this.firstOf(beatSel[1] ?? '', 'P');
      const prior = this.claimsFor('deselection', loser)[0];
      this.add(
        'selection',
        people,
        {
          ...this.selectionArgs(pred, people, {}),
          ward: prior?.args.ward ?? this.selectionArgs(pred, people, {}).ward,
        },
        conf * 0.9,
      );
    }
    // Dependence: "still needs them", "relied on their votes", "depends on ⟦F⟧".
    const dep =
      /^(?:depends|depended|relies|relied|rely|leans|leaned|leant|needs|needed|counts|counted)\s+(?!to\b)(?:heavily\s+|entirely\s+|still\s+)?(?:on\s+|upon\s+)?(.*)$|^(?:dependent|reliant|beholden)\s+(?:on|upon|to)\s+(.*)$/.exec(
        rest.replace(/^(?:is|was|are|were)\s+(?:more\s+|increasingly\s+|now\s+)?/, ''),
      );
    if (dep && !negated) this.dependence(people, dep[1] ?? dep[2] ?? '', conf);
    // "is kept in office by ⟦X⟧", "survives only with the votes of ⟦X⟧", "needs the support of ⟦X⟧".
    const kept =
      /^(?:been\s+)?(?:kept|propped\s+up|sustained|held)\s+(?:in\s+(?:office|power|post)\s+)?(?:only\s+)?by\s+(.*)$|^(?:survives?|survived|governs?|governed|clings?\s+on|clung\s+on)\s+(?:in\s+office\s+)?(?:only\s+)?(?:with|thanks\s+to|because\s+of)\s+(?:the\s+)?(?:votes|support|backing|abstentions?)\s+of\s+(.*)$/.exec(
        rest,
      );
    if (kept && !negated) this.dependence(people, kept[1] ?? kept[2] ?? '', conf);
    // Speculation about a challenge: "could face a selection challenge" (low confidence at most).
    if (/^face\s+(?:a\s+)?(?:selection\s+|reselection\s+|deselection\s+)?challenge/.test(rest) && modal) {
      this.add('deselection', people, this.selectionArgs(this.view.text, people, {}), 0.2);
    }
  }

  private defectionRules(people: number[], pred: string, rest: string, negated: boolean, conf: number): void {
    const left =
      /^(?:left|leave|leaves|leaving|quit|quits|quitting|abandoned|walked\s+out\s+of|resigned\s+from)\s+(?:the\s+)?(⟦Y\d+⟧|party)(?!\s+group|'s)/.exec(
        rest,
      );
    // Leaving a party group or giving up its whip is a defection only with somewhere to go: "quit the
    // ⟦O:Labour group⟧ to sit as an independent", "resigned the ⟦Y⟧ whip and joined the ⟦Y⟧".
    const leftGroup = left
      ? null
      : /^(?:left|leave|leaves|leaving|quit|quits|quitting|walked\s+out\s+of|resigned\s+from)\s+(?:the\s+)?(⟦O\d+⟧)|^(?:resigned|resigns|resigning|gave\s+up|given\s+up|giving\s+up|handed\s+back|relinquished)\s+(?:the\s+)?(⟦[YO]\d+⟧)(?:'s)?\s+whip\b/.exec(
          rest,
        );
    const groupParty = leftGroup
      ? this.partyOfSlot(slotsIn(leftGroup[1] ?? leftGroup[2] ?? '')[0] as number)
      : undefined;
    // "A councillor suspended from the Labour group has joined Plaid": joining after leaving another party.
    const joined = /^(?:joined|joins|rejoined)\s+(?:the\s+)?(⟦Y\d+⟧)/.exec(rest);
    if (joined && !left && !negated) {
      const to = this.firstOf(joined[1] ?? '', 'Y');
      const fromSlot =
        /\b(?:suspended|expelled|resigned|defected)\s+from\s+(?:the\s+)?(⟦[YO]\d+⟧)|\bleft\s+(?:the\s+)?(⟦[YO]\d+⟧)/.exec(
          this.view.text,
        );
      const from = fromSlot
        ? this.partyOfSlot(slotsIn(fromSlot[1] ?? fromSlot[2] ?? '')[0] as number)
        : undefined;
      if (from !== undefined && from !== to) this.add('defection', people, { from, to }, conf * 0.9);
      if (to !== undefined) this.add('affiliation', people, { with: to }, conf * 0.7);
    }
    const defected = /\bdefected\s+(?:from\s+(?:the\s+)?(⟦Y\d+⟧)\s+)?to\s+(?:the\s+)?(⟦Y\d+⟧)/.exec(pred);
    const crossed = /\b(?:crossed\s+the\s+floor|gone\s+over|switched)\s+to\s+(?:the\s+)?(⟦Y\d+⟧)/.exec(pred);
    let from: number | undefined;
    let to: number | undefined;
    const leaving = left ?? (groupParty !== undefined ? leftGroup : null);
    if (leaving) {
      if (left) from = left[1] === 'party' ? this.lastPartyBefore() : this.firstOf(left[1] ?? '', 'Y');
      else from = groupParty;
      const after = pred.slice(pred.indexOf(leaving[0]) + leaving[0].length);
      const join =
        /^[^;]*?\b(?:joined|defected\s+to|gone\s+over\s+to)\s+(?:the\s+)?(⟦Y\d+⟧)|^\s+for\s+(?:the\s+)?(⟦Y\d+⟧)|^[^;]*?\b(?:sit|sits|sitting|stand|standing)\s+as\s+(?:an?\s+)?(⟦Y\d+⟧)/.exec(
          after,
        );
      if (join) to = this.firstOf(join[1] ?? join[2] ?? join[3] ?? '', 'Y');
    }
    if (!left && !defected && !crossed && to === undefined) {
      this.independentRule(people, pred, negated, conf);
      return;
    }
    if (negated && (left || defected || leftGroup)) {
      this.negate('defection', people);
      return;
    }
    if (defected) {
      if (defected[1]) from = this.firstOf(defected[1], 'Y');
      to = this.firstOf(defected[2] ?? '', 'Y');
    }
    if (crossed) to = this.firstOf(crossed[1] ?? '', 'Y');
    if (from !== undefined && from === to) to = undefined;
    this.add('defection', people, { from, to }, conf);
    // Sitting as an independent is the absence of a party, not an affiliation.
    if (to !== undefined && this.entities[to]?.name !== 'Independent')
      this.add('affiliation', people, { with: to }, conf * 0.6);
  }

  /**
   * "now sits as an independent" without a leaving verb in the clause: a defection from the party the
   * sentence says they left or were elected for, else the `to` of their defection reported nearby.
   * A suspension or a withdrawn whip is not a defection.
   */
  private independentRule(people: number[], pred: string, negated: boolean, conf: number): void {
    if (!pred.includes(' as ')) return;
    const m = /\b(?:sits|sit|sat|sitting)\s+as\s+(?:an?\s+)?(⟦Y\d+⟧)/.exec(pred);
    if (!m || people.length === 0) return;
    const ind = this.firstOf(m[1] ?? '', 'Y');
    if (ind === undefined || this.entities[ind]?.key !== 'party:Independent') return;
    const before = pred.slice(0, m.index);
    if (negated || NEG_RE.test(before) || slotsOf(before, 'PG').length > 0) return;
    if (SUSPENDED_RE.test(this.view.text)) return;
    let from: number | undefined;
    const after =
      /^\s*(?:[^;⟦]{0,30}?\s)?(?:after|since)\s+(?:leaving|quitting|resigning\s+from|walking\s+out\s+of)\s+(?:the\s+)?(⟦[YO]\d+⟧)/.exec(
        pred.slice(m.index + m[0].length),
      );
    if (after) from = this.partyOfSlot(slotsIn(after[1] ?? '')[0] as number);
    else if (/\b(?:but|now)\s+(?:[a-z]+\s+)?$/.test(before)) {
      // "was elected as a ⟦Y⟧ councillor but now sits as an independent": the one party named before.
      const parties = new Set(
        slotsOf(before, 'YO')
          .map((i) => this.partyOfSlot(i))
          .filter((x): x is number => x !== undefined && x !== ind),
      );
      if (parties.size === 1) from = [...parties][0];
    }
    if (from !== undefined) {
      this.add('defection', people, { from, to: ind }, conf * 0.9);
      return;
    }
    if (this.denying) return;
    for (const subject of people) this.independentNow.push({ subject, independent: ind, sentence: this.si });
  }

  /** Fills in `to` for a defection whose subject "now sits as an independent" within two sentences. */
  private resolveIndependents(): void {
    for (const n of this.independentNow)
      for (const c of this.claimsFor('defection', n.subject))
        if (c.args.to === undefined && Math.abs(c.sentence - n.sentence) <= 2) c.args.to = n.independent;
  }

  /**
   * Whether an office in the past perfect has ended: "had represented ⟦W⟧ since 2008" (or "for 13 years")
   * reaches up to the story's own time, so it is still held unless the text ends it ("until", "before",
   * a death, a lost seat, or a resignation of the seat within three sentences).
   */
  private pastPerfectEnded(people: number[], tail: string): boolean {
    const continues =
      /^[^;]{0,40}?\b(?:since|for\s+(?:the\s+(?:past|last)\s+)?(?:[a-z0-9-]+\s+){0,2}(?:years?|months?|decades?|terms?))\b/.test(
        tail,
      ) && !/\b(?:until|till|before|up\s+to)\b/.test(tail);
    if (!continues || SEAT_END_RE.test(this.view.text)) return true;
    return people.some((p) => {
      const at = this.seatEnded.get(p);
      return at !== undefined && at <= this.si && this.si - at <= 3;
    });
  }

  private dependence(people: number[], tail: string, conf: number): void {
    const cut =
      tail.split(/\s*(?:,\s+(?:and|but)\b|\band\s+(?=everyone|the|it)\b|,\s+to\s+[a-z]+\b)/)[0] ?? tail;
    // "the ⟦Y⟧ group leader, ⟦P⟧": the party only describes the person relied on.
    const describing = new Set(
      [
        ...cut.matchAll(/(⟦Y\d+⟧)\s+(?:group\s+)?(?:leader|councillors?|member|whip|chair)\s*,?\s+⟦P\d+⟧/g),
      ].flatMap((m) => slotsIn(m[1] ?? '')),
    );
    const targets = slotsOf(cut, 'PGFLYO')
      .filter((i) => !describing.has(i))
      .flatMap((i) => this.slotIds(i))
      .filter((id, k, all) => !people.includes(id) && all.indexOf(id) === k);
    // "has depended on those councillors ever since": the people who backed their leadership bid.
    const anaphor =
      /^(?:the\s+votes\s+of\s+|the\s+support\s+of\s+)?(?:them|those|these|their\s+votes|their\s+support)\b/.test(
        cut.trim(),
      );
    // "will rely heavily on the nine councillors who sit for ...": relied on, though not by name.
    const unnamed =
      /^(?:the\s+)?(?:votes\s+of\s+(?:the\s+)?)?(?:[a-z0-9-]+\s+){0,3}(?:councillors|members)\b/.test(
        cut.trim(),
      );
    if (targets.length === 0 && !anaphor && !unnamed) return;
    for (const p of people) {
      const backers = this.claimsFor('leadership_election', p).find((c) => c.args.supported_by?.length);
      const plural = anaphor || slotsOf(cut, 'PGFLYO').some((i) => this.view.slots[i]?.pronoun);
      const on = plural && backers?.args.supported_by ? backers.args.supported_by : targets;
      if (on.length === 0 && !unnamed) continue;
      this.add('dependence', [p], on.length ? { on } : {}, on.length ? conf : conf * 0.8);
    }
  }

  // ---------------------------------------------------------------- whole-sentence patterns

  private sentenceRules(v: string): void {
    const conf = 0.85;
    // "⟦F⟧'s supporters on the council – ⟦P⟧, ⟦P⟧ and ⟦P⟧ among them", "Three of ⟦F⟧'s organisers – ⟦P⟧ ...".
    const members = reset(FACTION_MEMBERS_RE);
    for (const m of v.includes("⟧'s") ? v.matchAll(members) : []) {
      const f = this.firstOf(m[1] ?? '', 'F');
      if (f !== undefined && !NEG_RE.test(m[0]))
        this.add('affiliation', this.refsIn(m[2] ?? ''), { with: f }, conf);
    }
    // "Members selected ⟦P⟧ and ⟦P⟧ in their place, both of them Momentum organisers."
    for (const m of /\bof (?:them|whom|⟦G)/.test(v) ? v.matchAll(reset(BOTH_OF_THEM_RE)) : []) {
      this.readNounPhrase(m[2] ?? '', this.refsIn(m[1] ?? ''), conf);
    }
    // "⟦F⟧, loosely organised around ⟦F⟧ and led, in practice, by the deputy leader, ⟦P⟧".
    const ledBy = /(⟦F\d+⟧)[^;]*?\bled\b[^;⟦]*?\bby\s+(?:[^,;⟦]{0,40},\s+)?(⟦P\d+⟧)/.exec(v);
    if (ledBy) {
      const f = this.firstOf(ledBy[1] ?? '', 'F');
      if (f !== undefined) this.add('affiliation', this.refsIn(ledBy[2] ?? ''), { with: f }, conf);
    }
    // "described ⟦P⟧ as a ⟦F⟧ member": reported, so lower confidence.
    for (const m of v.matchAll(/\bdescribed\s+(⟦P\d+⟧)\s+as\s+([^,;.]*)/g)) {
      this.readNounPhrase(m[2] ?? '', this.refsIn(m[1] ?? ''), 0.6);
    }
    // "The group then elected ⟦P⟧ as deputy leader unopposed."
    for (const m of /elected|appointed|named|chose|picked|installed/.test(v)
      ? v.matchAll(reset(ELECTED_AS_RE))
      : []) {
      if (NEG_RE.test(v.slice(Math.max(0, (m.index ?? 0) - 15), m.index ?? 0))) continue;
      const np = m[2] ?? '';
      if (!/\b(?:leader|whip|mayor|cabinet|executive|chair|convenor|convener|provost)\b/i.test(np)) continue;
      const people = this.refsIn(m[1] ?? '');
      this.readNounPhrase(np, people, conf);
      if (/\bleader\b/i.test(np))
        this.add('leadership_election', people, { council: this.councilFor(this.si) }, conf);
    }
    // "voted to replace ⟦P⟧ with ⟦P⟧" in a sentence about a leadership post.
    const replace = /\breplace[ds]?\s+(⟦P\d+⟧)\s+(?:with|by)\s+(⟦P\d+⟧)/.exec(v);
    if (
      replace &&
      /\bleader(?:ship)?\b/i.test(v) &&
      !NEG_RE.test(v.slice(Math.max(0, replace.index - 15), replace.index))
    ) {
      this.add(
        'leadership_election',
        this.refsIn(replace[2] ?? ''),
        { council: this.councilFor(this.si) },
        conf * 0.9,
      );
    }
    // Active selection: "members selected ⟦P⟧ and ⟦P⟧", "⟦L⟧ selected ⟦P⟧".
    for (const m of /selected|chose|picked|endorsed/.test(v) ? v.matchAll(reset(SELECTED_OBJECT_RE)) : []) {
      const w = m[1] ?? '';
      if (/^(?:was|were|been|be|is|are|not|never|deselected)$/.test(w)) continue;
      const before = v.slice(0, m.index + w.length);
      if (NEG_RE.test(before.slice(-20))) continue;
      const people = this.refsIn(m[2] ?? '');
      const actorSlot = /⟦L\d+⟧\s*$/.exec(before)?.[0];
      const actor = actorSlot ? this.firstOf(actorSlot, 'L') : undefined;
      this.add('selection', people, this.selectionArgs(v, people, { actor }), conf);
    }
    // Paraphrased deselection: "⟦X⟧ secured the deselection of ⟦P⟧", "the deselection of ⟦P⟧".
    for (const m of !v.includes('deselection of') ? [] : v.matchAll(reset(DESELECTION_OF_RE))) {
      if (NEG_RE.test(v.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + m[0].length))) continue;
      const people = this.refsIn(m[2] ?? '');
      // The actor is the subject nearest the verb: a person before a faction or party body.
      const persons = slotsOf(m[1] ?? '', 'PG');
      const bodies = slotsOf(m[1] ?? '', 'FLO');
      const slot = persons.length ? persons[persons.length - 1] : bodies[bodies.length - 1];
      const actor = slot === undefined ? undefined : this.slotIds(slot)[0];
      this.add(
        'deselection',
        people,
        this.selectionArgs(v, people, { actor }),
        actor !== undefined ? conf : conf * 0.7,
      );
    }
    // Active deselection: "⟦F⟧ deselected ⟦P⟧".
    for (const m of /deselected|ousted/.test(v) ? v.matchAll(reset(DESELECTED_OBJECT_RE)) : []) {
      const people = this.refsIn(m[2] ?? '');
      this.add(
        'deselection',
        people,
        this.selectionArgs(v, people, { actor: this.firstOf(m[1] ?? '', 'PGFLO') }),
        conf,
      );
    }
    // Actor of a campaign: "The campaign against the two incumbents was run ... by ⟦P⟧".
    const camp = !v.includes('campaign')
      ? null
      : (/\bcampaign\s+against\s+([^;]*?)\s+(?:was|were|had\s+been|has\s+been)\s+(?:run|led|organised|organized|orchestrated|co-?ordinated|masterminded)\b[^;⟦]*?\bby\s+(⟦[PGFLO]\d+⟧)/.exec(
          v,
        ) ??
        /(⟦[PGFLO]\d+⟧)\s+(?:ran|led|organised|organized|orchestrated|co-?ordinated|masterminded)\s+the\s+campaign\s+against\s+([^;]*)/.exec(
          v,
        ));
    if (camp) {
      const [targetText, actorText] =
        camp[0].startsWith('⟦') && /^⟦/.test(camp[1] ?? '') && !/campaign\s+against/.test(camp[1] ?? '')
          ? [camp[2] ?? '', camp[1] ?? '']
          : [camp[1] ?? '', camp[2] ?? ''];
      const actor = this.firstOf(actorText, 'PGFLO');
      const named = this.refsIn(targetText);
      if (actor !== undefined) {
        const recent = [this.si, this.si - 1, this.si - 2, this.si - 3].flatMap(
          (i) => this.bySentence[i] ?? [],
        );
        for (const c of recent) {
          if (c.type !== 'deselection' || c.args.actor !== undefined) continue;
          if (named.length && !named.includes(c.subject)) continue;
          c.args.actor = actor;
        }
      }
    }
    this.supportRules(v);
    this.membershipRules(v);
    this.motionRules(v);
  }

  private supportRules(v: string): void {
    if (NEG_RE.test(v.slice(0, 40)) && /^[^⟦]*\bnot\b/.test(v)) return;
    const attach = (target: number | undefined, supporters: number[], conf: number) => {
      if (target === undefined || supporters.length === 0) return;
      const sup = supporters.filter((s) => s !== target);
      if (sup.length === 0) return;
      let claim = this.claimsFor('leadership_election', target)[0];
      if (!claim) {
        this.add('leadership_election', [target], { council: this.councilFor(this.si) }, conf * 0.8);
        claim = this.claims[this.claims.length - 1];
      }
      if (!claim) return;
      const list = claim.args.supported_by ?? [];
      for (const s of sup) if (!list.includes(s)) list.push(s);
      claim.args.supported_by = list;
    };
    // "Her victory rested on ..." / "Her margin came almost entirely from ..." / "those votes came from ...".
    const rested = !/came|rest|depend|reli/.test(v)
      ? null
      : (/(⟦P\d+⟧)(?:'s)?\s+(?:victory|win|margin|majority|election|support|leadership|position)\s+(?:came|rested|depended|relied|rests|depends|relies)\s+(?:[a-z]+\s+){0,3}?(?:from|on|upon)\b(.*)$/.exec(
          v,
        ) ?? /\b(?:those|these|the|her|his|their)\s+votes\s+came\s+(?:[a-z]+\s+){0,3}?from\b(.*)$/.exec(v));
    if (rested) {
      const isPossessor = rested[0].startsWith('⟦');
      const tail = isPossessor ? (rested[2] ?? '') : (rested[1] ?? '');
      const supporters = this.collectSupporters(tail);
      const target = isPossessor
        ? this.firstOf(rested[1] ?? '', 'P')
        : this.sentenceClaims('leadership_election').pop()?.subject;
      attach(target, supporters, 0.85);
      if (
        isPossessor &&
        /\brest(?:ed|s)\s+(?:[a-z]+\s+){0,3}?on\b/.test(rested[0]) &&
        target !== undefined &&
        supporters.length
      ) {
        this.add('dependence', [target], { on: supporters }, 0.8);
      }
    }
    // "⟦F⟧ voted for ⟦P⟧", "⟦P⟧, ⟦P⟧ and ⟦P⟧ – nominated ⟦P⟧".
    const voted =
      /((?:⟦[FGPL]\d+⟧)(?:\s*,\s*⟦[PG]\d+⟧)*(?:\s*,?\s*(?:and|&)\s+⟦[PG]\d+⟧)?)\s*(?:–\s*)?(?:(?:all|both|then|had)\s+)?(?:voted\s+for|backed|nominated|supported|endorsed)\s+(⟦P\d+⟧)/g;
    for (const m of /voted|backed|nominated|supported|endorsed/.test(v) ? v.matchAll(voted) : []) {
      if (NEG_RE.test(v.slice(Math.max(0, (m.index ?? 0) - 15), (m.index ?? 0) + m[0].length))) continue;
      const target = this.firstOf(m[2] ?? '', 'P');
      if (target === undefined) continue;
      const hasContest =
        this.claimsFor('leadership_election', target).length > 0 ||
        /leadership|leader|contest|ballot/i.test(v);
      if (hasContest) attach(target, this.refsIn(m[1] ?? '', 'FGPL'), 0.8);
    }
    // "with the backing of ⟦X⟧", "backed by ⟦X⟧" where the sentence has a leadership win.
    const backing =
      /\b(?:with\s+the\s+(?:backing|support|votes)\s+of|thanks\s+to\s+(?:the\s+)?(?:votes|support|backing)\s+of)\s+(.*)$/.exec(
        v,
      );
    if (backing) {
      const winner = this.sentenceClaims('leadership_election').pop()?.subject;
      attach(winner, this.collectSupporters(backing[1] ?? ''), 0.8);
    }
  }

  private sentenceClaims(type: ClaimType): DraftClaim[] {
    return (this.bySentence[this.si] ?? []).filter((c) => c.type === type);
  }

  /** Factions and people named after "from"/"on", up to a description of them or a relative clause. */
  private collectSupporters(tail: string): number[] {
    const stop =
      /,\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,2}(?:caucus|group|faction|bloc|cluster|network|slate|tendency|alliance)\b|\b(?:that|which)\b|;/.exec(
        tail,
      );
    const part = stop ? tail.slice(0, stop.index) : tail;
    return this.refsIn(part, 'FGPL');
  }

  private membershipRules(v: string): void {
    if (!/member/i.test(v)) return;
    const re =
      /\b(gained|added|grown|grew|risen|rose|increased|doubled|trebled|tripled|surged|swelled|recruited|signed\s+up|lost|shed|fallen|fell|dropped|declined|shrunk|shrank|halved)\b(?:\s+by)?\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|over\s+|just\s+over\s+|an\s+estimated\s+|approximately\s+|up\s+to\s+)?(\d[\d,]*)?|\b(?:has|have|had|now\s+has)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|over\s+)?(\d[\d,]*)\s+(fewer|more)\s+members\b|(?<=\bmembers(?:hip)?\b[^.;⟦]{0,40}?)\b(up|down)\s+(?:by\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|over\s+)?(?:from\b|(\d[\d,]*)(?!\s*(?:per\s*cent|%)))/gi;
    for (const m of v.matchAll(re)) {
      const at = m.index ?? 0;
      const window = v.slice(Math.max(0, at - 60), at + m[0].length + 30);
      if (!/\bmembers?\b|\bmembership\b/i.test(window)) continue;
      const before = v.slice(0, at);
      if (NEG_RE.test(before.slice(-25))) continue;
      // A membership change is a local party's (SCHEMA): a national party's or a council group's
      // figures are context, and crediting them would put a local fact on the wrong body.
      const bodies = slotsOf(before, 'L');
      const slot = bodies[bodies.length - 1];
      // "Our membership stands at 1,932, up 212": a party's own bulletin speaks of itself.
      const id =
        slot !== undefined
          ? this.slotIds(slot)[0]
          : /\b(?:our|the\s+party's)\s+membership\b/i.test(before)
            ? this.ownLocalParty()
            : undefined;
      if (id === undefined) continue;
      const verb = (m[1] ?? m[4] ?? m[5] ?? '').toLowerCase();
      const direction = /^(?:lost|shed|fallen|fell|dropped|declined|shrunk|shrank|halved|fewer|down)$/.test(
        verb,
      )
        ? 'decrease'
        : 'increase';
      const args: ClaimArgs = { organization: id, direction };
      const after = v.slice(at + m[0].length, at + m[0].length + 25);
      if (m[3] ?? m[6]) args.count = Number((m[3] ?? m[6] ?? '').replace(/,/g, ''));
      else if (
        m[2] &&
        (/^\s*(?:new\s+)?members?\b/.test(after) || /\bby\b/.test(m[0]) || /membership/i.test(window))
      ) {
        args.count = Number(m[2].replace(/,/g, ''));
      }
      this.add('membership_change', [id], args, 0.85);
    }
  }

  private motionRules(v: string): void {
    const s = this.sentences[this.si] as Sentence;
    const lower = this.text.slice(s.start, s.end).toLowerCase().replace(/[’]/g, "'");
    const isMotion = /\bmotions?\b|\bresolution\b/.test(lower);
    const taxReferendum =
      /\bcouncil[- ]tax\b/.test(lower) &&
      /\breferendum\b/.test(lower) &&
      /\b(?:propos|ask|hold|vote|plan|motion|call)/.test(lower);
    if (!isMotion && !taxReferendum) return;
    if (/\b(?:no|not|never)\b[^;]{0,20}\bmotion\b/.test(lower)) return;
    let topic: MotionTopic = 'other';
    if (
      /pension/.test(lower) &&
      /\b(?:divest\w*|disinvest\w*|sell\s+(?:its|their|all)?\s*(?:holdings|shares|investments|stakes)|boycott\w*|withdraw\w*\s+investments?|(?:stop|end|cease|halt)\w*\s+(?:all\s+|its\s+|their\s+|new\s+)*(?:investing|investments?)\s+in)\b/.test(
        lower,
      )
    )
      topic = 'pension_divestment';
    else if (
      /\brefus\w*\s+to\s+set\s+(?:a|any|the)?\s*(?:legal\s+|balanced\s+|lawful\s+)?budget|\bno[- ]cuts?\s+budget|\billegal\s+budget|\bdeficit\s+budget|\bneeds\s+budget/.test(
        lower,
      )
    )
      topic = 'budget_refusal';
    else if (taxReferendum) topic = 'council_tax_referendum';
    else if (!isMotion) return;
    const body =
      /(⟦[LCO]\d+⟧)[^;]{0,80}?\b(?:passed|adopted|approved|backed|agreed|carried|tabled|proposed|put\s+forward|debated)\s+(?:a|the|an)\s+(?:[a-z-]+\s+)?(?:motion|resolution)|(⟦[LCO]\d+⟧)[^;⟦]{0,30}?\bvoted\s+(?:(?:by\s+[a-z0-9 -]{1,30}?|unanimously|overwhelmingly)\s+)?(?:for|to\s+(?:back|support|call\s+for|demand|hold))\b/.exec(
        v,
      ) ??
      /\b(?:motion|resolution)\s+(?:from|by|tabled\s+by|proposed\s+by|put\s+forward\s+by)\s+(⟦[LCO]\d+⟧)/.exec(
        v,
      );
    const passed = PASSED_BY_ORGAN_RE.exec(v);
    let bodyId = body ? this.firstOf(body[1] ?? body[2] ?? '', 'LCO') : undefined;
    // "the branch voted to ...", "the same executive passed a motion", "the General Committee passed":
    // an organ of a local party acts for it, so the motion is the local party's named last.
    const organ =
      bodyId === undefined || this.isPartyOrgan(bodyId) ? this.localPartyOrgan(v, passed) : undefined;
    if (organ !== undefined) bodyId = organ;
    else if (bodyId !== undefined && this.isPartyOrgan(bodyId)) bodyId = undefined;
    if (bodyId === undefined) {
      // "The motion is not binding": a later sentence about the same motion is no new motion.
      const recent = [1, 2, 3].some((k) =>
        (this.bySentence[this.si - k] ?? []).some((c) => c.type === 'motion'),
      );
      if (
        recent &&
        /\b(?:the|that|this)\s+(?:motion|resolution)\b/i.test(v) &&
        !/\ba\s+(?:[a-z-]+\s+)?motion\b/.test(v)
      )
        return;
      // A party body we cannot name ("the ward's Labour branch passed a motion") passed it, not the council.
      if (passed || UNNAMED_PARTY_BODY_RE.test(v)) return;
    }
    let args: ClaimArgs;
    if (bodyId !== undefined && this.typeOf(bodyId) === 'council') args = { council: bodyId };
    else if (bodyId !== undefined && !/pension\s+fund/i.test(this.entities[bodyId]?.name ?? ''))
      args = { organization: bodyId };
    else {
      const c = this.refsIn(v, 'C')[0] ?? this.councilFor(this.si);
      if (c === undefined) return;
      args = { council: c };
    }
    args.topic = topic;
    const subject = args.organization ?? args.council;
    if (subject === undefined) return;
    this.add('motion', [subject], args, topic === 'other' ? 0.5 : 0.8);
    // "A passed a motion ..., and B passed a similar one": the same motion from a second body.
    for (const m of v.matchAll(SIMILAR_MOTION_RE)) {
      const other = this.firstOf(m[1] ?? '', 'LCO');
      if (other === undefined || other === subject || NEG_RE.test(m[0])) continue;
      const a: ClaimArgs = { topic };
      if (this.typeOf(other) === 'council') a.council = other;
      else a.organization = other;
      this.add('motion', [other], a, topic === 'other' ? 0.5 : 0.8);
    }
  }

  /** An organisation that is an organ of a party body rather than a body of its own ("General Committee"). */
  private isPartyOrgan(id: number): boolean {
    const e = this.entities[id];
    return e?.type === 'organization' && ORGAN_NAME_RE.test(e.name);
  }

  /** The local party a sentence's "the branch", "the same executive" or named organ acts for, if any. */
  private localPartyOrgan(v: string, passed: RegExpExecArray | null): number | undefined {
    const organSlot = /(⟦O\d+⟧)\s+[^;⟦]{0,30}?\b(?:passed|adopted|approved|agreed|carried|voted)\b/.exec(v);
    const named = organSlot ? this.firstOf(organSlot[1] ?? '', 'O') : undefined;
    if (!passed && (named === undefined || !this.isPartyOrgan(named))) return undefined;
    const organ = (passed?.[1] ?? this.entities[named as number]?.name ?? '').toLowerCase();
    const s = this.sentences[this.si] as Sentence;
    // A branch acts for a branch; an executive, a general committee or a members' meeting for a
    // constituency party or association.
    const branch = organ === 'branch';
    const locals = this.coref.refs.filter((r) => {
      const e = this.entities[r.ids[0] as number];
      return (
        r.kind === 'name' &&
        r.ids.length === 1 &&
        e?.type === 'local_party' &&
        (branch || !/\bbranch$/.test(e.name))
      );
    });
    const before = locals.filter((r) => r.start < s.start);
    // "the same executive": the body whose executive the text spoke of before.
    const noun = organ.split(/\s+/)[0] ?? '';
    for (let i = before.length - 1; noun && i >= 0; i--) {
      const r = before[i] as Ref;
      const rs = this.sentences[r.sentence];
      if (rs && new RegExp(`\\b${noun}\\b`, 'i').test(this.text.slice(rs.start, rs.end))) return r.ids[0];
    }
    const last = before[before.length - 1];
    if (last) return last.ids[0];
    return branch ? undefined : this.ownLocalParty();
  }

  /**
   * The constituency party or association an article speaks for ("our membership", "the General
   * Committee"): a party's own bulletin may name itself only at its foot, so the one such body it names.
   */
  private ownLocalParty(): number | undefined {
    const ids = this.entities.filter((e) => e.type === 'local_party' && !/\bbranch$/.test(e.name));
    return ids.length === 1 ? ids[0]?.id : undefined;
  }

  // ---------------------------------------------------------------- arguments from context

  private lastWardBefore(): number | undefined {
    const s = this.sentences[this.si] as Sentence;
    return this.lastBefore(this.wardAt, s.end);
  }

  private lastPartyBefore(): number | undefined {
    const inView = slotsOf(this.view.text, 'YO')
      .map((i) => this.partyOfSlot(i))
      .filter((x): x is number => x !== undefined);
    if (inView.length) return inView[0];
    const s = this.sentences[this.si] as Sentence;
    return this.lastBefore(this.partyAt, s.start);
  }

  /** Ward, council and party for a (de)selection: stated in the sentence, else from the paragraph. */
  private selectionArgs(v: string, people: number[], extra: ClaimArgs): ClaimArgs {
    const s = this.sentences[this.si] as Sentence;
    let ward = this.firstOf(v.match(/\b(?:for|in)\s+(⟦W\d+⟧)/)?.[1] ?? '', 'W');
    if (ward === undefined) {
      const own = (this.bySentence[this.si] ?? []).find(
        (c) => c.type === 'office' && people.includes(c.subject) && c.args.ward !== undefined,
      );
      ward = own?.args.ward;
    }
    if (ward === undefined && s.bulletHead) {
      const r = this.coref.refs.find(
        (x) => x.start === s.bulletHead?.start && this.typeOf(x.ids[0]) === 'ward',
      );
      ward = r?.ids[0];
    }
    if (ward === undefined) {
      // "In ⟦W⟧, sitting councillor ⟦P⟧ lost the selection": the ward opens the sentence, before the subject.
      const lead = /^In\s+(?:neighbouring\s+|nearby\s+)?(⟦W\d+⟧),/.exec(this.view.text);
      if (lead) ward = this.firstOf(lead[1] ?? '', 'W');
    }
    if (ward === undefined) ward = this.slotIds(slotsOf(v, 'W')[0] ?? -1)[0];
    if (ward === undefined) ward = this.paragraphWard.get(s.paragraph);
    const partySlot =
      /(⟦Y\d+⟧)'s\s+candidate|\bthe\s+(⟦Y\d+⟧)\s+candidate|\bas\s+(?:a\s+)?(⟦Y\d+⟧)\s+candidate/.exec(v);
    const party = partySlot
      ? this.firstOf(partySlot[1] ?? partySlot[2] ?? partySlot[3] ?? '', 'Y')
      : this.selectionParty;
    const council = (ward !== undefined ? this.wardCouncil.get(ward) : undefined) ?? this.councilFor(this.si);
    return { ward, council, party, ...extra };
  }

  // ---------------------------------------------------------------- merging

  finish(): DraftClaim[] {
    this.resolveRoleReferences();
    this.resolveIndependents();
    // A denial within two sentences cancels the claim it denies (a correction, "He is not.").
    const negs = new Map<string, Negation[]>();
    for (const n of this.negations) {
      const k = `${n.type}|${n.subject}`;
      const list = negs.get(k);
      if (list) list.push(n);
      else negs.set(k, [n]);
    }
    const kept = this.claims.filter(
      (c) =>
        !(negs.get(`${c.type}|${c.subject}`) ?? []).some(
          (n) =>
            n.type === c.type &&
            n.subject === c.subject &&
            (n.with === undefined || n.with === c.args.with) &&
            (n.office === undefined || n.office === c.args.office) &&
            Math.abs(n.sentence - c.sentence) <= 2,
        ),
    );
    // An affiliation with the party someone defected from is no longer current.
    const leftParty = new Set(
      kept
        .filter((c) => c.type === 'defection' && c.args.from !== undefined)
        .map((c) => `${c.subject}|${c.args.from}`),
    );
    const current = kept.filter(
      (c) => !(c.type === 'affiliation' && leftParty.has(`${c.subject}|${c.args.with}`)),
    );
    kept.length = 0;
    kept.push(...current);
    const merged = new Map<string, DraftClaim>();
    const out: DraftClaim[] = [];
    for (const c of kept) {
      const a = c.args;
      const key = [
        c.type,
        c.subject,
        a.office ?? '',
        a.with ?? '',
        c.type === 'motion' ? a.topic : '',
        a.former ? 'f' : '',
        a.office === 'other' || a.office === 'chair' ? a.organization : '',
      ].join('|');
      const prev = merged.get(key);
      if (!prev) {
        const copy = { ...c, args: { ...a } };
        merged.set(key, copy);
        out.push(copy);
        continue;
      }
      for (const [k, val] of Object.entries(a) as [keyof ClaimArgs, unknown][]) {
        if (val === undefined) continue;
        const cur = prev.args[k];
        if (Array.isArray(val)) {
          const list = [...((cur as number[] | undefined) ?? [])];
          for (const x of val as number[]) if (!list.includes(x)) list.push(x);
          (prev.args as Record<string, unknown>)[k] = list;
        } else if (cur === undefined) (prev.args as Record<string, unknown>)[k] = val;
      }
      if (c.confidence > prev.confidence) {
        prev.confidence = c.confidence;
        prev.sentence = c.sentence;
      }
    }
    return out;
  }
}

/** Drops "– quite openly, I should say –" asides that name nobody. */
function removeAsides(v: string): string {
  return v.replace(/\s–\s([^–]{1,80}?)\s–\s/g, (whole, inner: string) =>
    /⟦[PGFCWLOY]\d+⟧/.test(inner) && !/^[^⟦]*⟦P\d+⟧ should say/.test(inner) ? whole : ' ',
  );
}

/** Takes "⟦P⟧, the cabinet member for housing," out of the sentence and returns it separately. */
export function extractAppositives(
  v: string,
  ids: (slot: number) => number[],
): { reduced: string; appositives: Appositive[] } {
  const appositives: Appositive[] = [];
  const re = reset(APPOSITIVE_RE);
  const reduced = v.replace(re, (whole, head: string, body: string) => {
    const headIds = slotsOf(head, 'PG').flatMap(ids);
    const inner = slotsOf(body, 'PG').flatMap(ids);
    if (inner.some((id) => !headIds.includes(id))) return whole;
    appositives.push({ head: headIds, text: body.trim() });
    return `${head} `;
  });
  return { reduced: reduced.replace(/\s+/g, ' ').replace(/\s+([,.;])/g, '$1'), appositives };
}

interface OfficeHit {
  office: Office;
  former: boolean;
  council?: number;
  ward?: number;
  org?: number;
  party?: number;
  label?: string;
}

const OFFICE_PATTERNS: { office: Office; re: RegExp }[] = [
  { office: 'lord_mayor', re: /\blord\s+(?:mayor|provost)\b/i },
  { office: 'deputy_leader', re: /\b(?:deputy|depute)\s+(?:council\s+|group\s+)?leader\b/i },
  {
    office: 'group_leader',
    // "leader of ⟦C⟧'s ⟦O⟧ (a party group)", "⟦C⟧'s ⟦Y⟧ leader": a group's leader, not the council's.
    re: /\bgroup\s+leader\b|\bleader\s+of\s+the\s+(?:⟦[YO]\d+⟧\s+)?(?:group|opposition)\b|\bopposition\s+leader\b|\bleader\s+of\s+(?:the\s+)?(?:⟦C\d+⟧'s\s+)?⟦O\d+⟧|(?:⟦C\d+⟧|\bthe\s+council)'s\s+⟦Y\d+⟧\s+leader\b/i,
  },
  { office: 'leader', re: /\b(?:council\s+)?leader\b/i },
  { office: 'mayor', re: /\b(?:civic\s+|ceremonial\s+|elected\s+)?mayor\b/i },
  {
    office: 'cabinet_member',
    re: /\b(?:(?:cabinet|executive)\s+(?:member|lead|portfolio[- ]holder)|lead\s+member)\b(?:\s+for\s+([a-z][a-z ,&-]*?)(?=$|,|\s+and\s+(?:one|a|an|the)\b|\s+(?:since|until|from|on|in)\b))?|\bportfolio[- ]holder\b|\b(?:city\s+)?conven[eo]r\s+for\s+([a-z][a-z &-]*)/i,
  },
  { office: 'whip', re: /\b(?:chief\s+|deputy\s+chief\s+)?whip\b/i },
  { office: 'chair', re: /\b(?:chair(?:man|woman|person)?|conven[eo]r|president)\b(?!s)/i },
  { office: 'councillor', re: /\bcouncillors?\b/i },
  { office: 'mp', re: /\bMP\b|\bmember\s+of\s+parliament\b/i },
  {
    office: 'other',
    // A founder is not an office held (its tie to the group is read as an affiliation).
    re: /\b(?:co-?ordinator|organi[sz]er|secretary|treasurer|spokes(?:person|man|woman)|agent)\b(?!s)/i,
  },
];

/** Offices a noun phrase names, with the council, ward, organisation and party it ties them to. */
export function parseOffices(np: string): OfficeHit[] {
  const hits: OfficeHit[] = [];
  let rest = np;
  for (const { office, re } of OFFICE_PATTERNS) {
    const m = re.exec(rest);
    if (!m) continue;
    const at = m.index;
    const before = rest.slice(0, at);
    const after = rest.slice(at + m[0].length);
    // Each office word is read once: "deputy leader" must not also count as "leader".
    rest = `${before}${' '.repeat(m[0].length)}${after}`;
    if (office === 'leader' && /(?:⟦Y\d+⟧|party|national|opposition)\s*$/i.test(before)) continue;
    // "deputy to the leader", "a close ally of the council leader": someone else's office.
    if (/\b(?:to|of)\s+(?:the\s+|a\s+)?(?:new\s+|former\s+|current\s+)?$/i.test(before.slice(-30))) {
      if (
        /\b(?:deputy|assistant|advis[eo]rs?|ally|allies|aides?|rivals?|challengers?|critics?|successors?|predecessors?|opponents?|friends?)\s+(?:to|of)\s+(?:the\s+|a\s+)?(?:new\s+|former\s+|current\s+)?$/i.test(
          before.slice(-60),
        )
      )
        continue;
    }
    if (office === 'mayor' && /\b(?:deputy|lord)\s*$/i.test(before)) continue;
    const clauseBefore = before.split(/\s+and\s+|,\s*/).pop() ?? before;
    const former =
      /\b(?:former|ex-|one-time|onetime|erstwhile|previous|past|then)\s*(?:[a-z-]+\s+)?(?:⟦[CY]\d+⟧(?:'s)?\s+)?$/i.test(
        clauseBefore,
      ) || /\bex-$/i.test(clauseBefore);
    const hit: OfficeHit = { office, former };
    const local = `${clauseBefore}${m[0]}${(after.split(/\s+and\s+(?=one|a|an|the)\b/)[0] ?? after).slice(0, 60)}`;
    const c = /⟦C(\d+)⟧/.exec(local);
    if (c) hit.council = Number(c[1]);
    const w =
      /\b(?:for|representing|in|of)\s+⟦W(\d+)⟧/.exec(after.slice(0, 40)) ?? /⟦W(\d+)⟧\s*$/.exec(clauseBefore);
    if (w) hit.ward = Number(w[1]);
    const orgAfter = /^\s+(?:of|for|in)\s+(?:the\s+)?⟦([FOLY])(\d+)⟧/.exec(after);
    const orgBefore = /⟦([FOLY])(\d+)⟧(?:'s)?\s+(?:[a-z-]+\s+)?$/.exec(clauseBefore);
    if (office === 'other' || office === 'chair') {
      const o = orgAfter ?? orgBefore;
      if (o) hit.org = Number(o[2]);
    }
    const y =
      /⟦([YO])(\d+)⟧(?:'s)?\s+(?:group(?:'s)?\s+)?(?:[a-z]+\s+)?$/.exec(clauseBefore) ??
      /\bof\s+the\s+⟦([YO])(\d+)⟧/.exec(after.slice(0, 20));
    if (y && office !== 'other') hit.party = Number(y[2]);
    // "leader of the ⟦O⟧ (a party group)": the group named inside the office words is the leader's party.
    const inside = office === 'group_leader' && !y ? /⟦([YO])(\d+)⟧/.exec(m[0]) : null;
    if (inside) hit.party = Number(inside[2]);
    if (office === 'cabinet_member') {
      const label = (m[1] ?? m[2] ?? '').trim();
      if (label) hit.label = label;
    }
    hits.push(hit);
  }
  return hits;
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}
