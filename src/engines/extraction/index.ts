/**
 * Claim extraction from news and blog articles (issue 7), stages 1-5:
 * text -> sentences and tokens -> mentions -> coreference -> claims. Pure: no I/O and no clock;
 * the wink-nlp model is loaded once per process on first use.
 *
 *   const { entities, claims } = extract(articleText, { published: '2019-06-12' });
 *
 * Offsets in the result index the plain text returned by `toPlainText(input)` (the input itself when
 * it is plain text with \n line ends), and every `text` equals that slice.
 */
import { type IsoDate, parseIsoDate } from '../../domain/dates.js';
import { type DraftClaim, extractClaims } from './claims.engine.js';
import { type CorefResult, resolveCoreference } from './coreference.engine.js';
import type { ExtractionResult, OutputClaim, OutputEntity, Span } from './extraction.types.js';
import { toPlainText } from './html-to-text.engine.js';
import { checkEnglish, checkRawInput } from './input-guard.engine.js';
import { findMentions } from './mentions.engine.js';
import { splitSentences } from './sentences.engine.js';
import { tokenize } from './tokens.engine.js';

export type {
  ClaimType,
  EntityType,
  ExtractionResult,
  MotionTopic,
  Office,
  OutputClaim,
  OutputEntity,
  Span,
} from './extraction.types.js';
export { CLAIM_TYPES, ENTITY_TYPES, MOTION_TOPICS, OFFICES } from './extraction.types.js';
export { type ArticleMetadata, articleMetadata, looksLikeHtml, toPlainText } from './html-to-text.engine.js';
export { decodeArticleBytes, MAX_INPUT_CHARS } from './input-guard.engine.js';
export {
  type LinkDecision,
  linkName,
  normalisePersonName,
  type RegistryCandidate,
  soundKey,
} from './linker.engine.js';

export interface ExtractOptions {
  /** The day the article appeared. Checked here; claims carry no dates yet (the review stage dates facts from the article). */
  published?: IsoDate;
  /** What to call the input in error messages (a file name); default "input". */
  where?: string;
}

/** Extracts entities and claims; throws InvalidInputError for empty, binary, oversized or non-English input. */
export function extract(input: string, options: ExtractOptions = {}): ExtractionResult {
  return extractWithText(input, options).result;
}

/** Like `extract`, and also returns the plain text that the offsets index. */
export function extractWithText(
  input: string,
  options: ExtractOptions = {},
): { text: string; result: ExtractionResult } {
  const where = options.where ?? 'input';
  checkRawInput(input, where);
  if (options.published !== undefined) parseIsoDate(options.published, 'published');
  const text = toPlainText(input);
  checkEnglish(text, where);
  const sentences = splitSentences(text);
  const tokens = tokenize(text);
  const { mentions, councils } = findMentions(text, sentences, tokens);
  const coref = resolveCoreference(text, sentences, mentions, councils);
  const drafts = extractClaims(text, sentences, coref);
  return { text, result: present(text, sentences, coref, drafts) };
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

function present(
  text: string,
  sentences: { start: number; end: number }[],
  coref: CorefResult,
  drafts: DraftClaim[],
): ExtractionResult {
  const { entities: records, refs } = coref;
  const mentionsOf = new Map<number, Span[]>();
  for (const r of refs) {
    if (r.ids.length !== 1) continue;
    const id = r.ids[0] as number;
    const list = mentionsOf.get(id) ?? [];
    list.push(span(text, r.start, r.end));
    mentionsOf.set(id, list);
  }
  const entities: OutputEntity[] = [];
  for (const e of records) {
    const mentions = (mentionsOf.get(e.id) ?? []).sort((a, b) => a.start - b.start);
    if (mentions.length === 0) continue;
    entities.push({ type: e.type, name: e.name, mentions });
  }
  const name = (id: number | undefined) => (id === undefined ? undefined : records[id]?.name);
  const claims: OutputClaim[] = [];
  for (const d of drafts) {
    const subject = name(d.subject);
    const s = sentences[d.sentence];
    if (!subject || !s) continue;
    const a = d.args;
    const c: OutputClaim = {
      type: d.type,
      subject,
      confidence: d.confidence,
      evidence: span(text, s.start, s.end),
    };
    if (a.office) c.office = a.office;
    if (a.with !== undefined) {
      const t = records[a.with]?.type;
      const n = name(a.with);
      if (n && t === 'party') c.party = n;
      else if (n && t === 'faction') c.faction = n;
      else if (n) c.organization = n;
    }
    if (a.organization !== undefined) c.organization = name(a.organization);
    if (a.council !== undefined) c.council = name(a.council);
    if (a.ward !== undefined) c.ward = name(a.ward);
    if (a.former) c.former = true;
    if (a.party !== undefined) c.party = name(a.party);
    if (a.actor !== undefined) c.actor = name(a.actor);
    if (a.from !== undefined) c.from = name(a.from);
    if (a.to !== undefined) c.to = name(a.to);
    if (a.supported_by?.length) c.supported_by = a.supported_by.map((id) => name(id) ?? '').filter(Boolean);
    if (a.on?.length) c.on = a.on.map((id) => name(id) ?? '').filter(Boolean);
    if (a.direction) c.direction = a.direction;
    if (a.count !== undefined) c.count = a.count;
    if (a.topic) c.topic = a.topic;
    if (a.label) c.label = a.label;
    if (d.type === 'affiliation' && !c.party && !c.faction && !c.organization) continue;
    claims.push(c);
  }
  return { entities, claims };
}
