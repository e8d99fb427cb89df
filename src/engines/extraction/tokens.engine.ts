/**
 * Tokens with character offsets and part-of-speech tags from wink-nlp. The model is loaded once per
 * process, on first use (loading takes a moment and a few MB, so it must not happen per article).
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import type { Token } from './extraction.types.js';

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** The process-wide wink-nlp instance (tokeniser and POS tagger; sentences are split by sentences.engine). */
export function winkInstance(): Nlp {
  if (!nlp) nlp = winkNLP(model, ['pos']);
  return nlp;
}

/** wink-nlp reads text in chunks of about this many characters, cut at paragraph breaks, to bound memory. */
const CHUNK = 100_000;

/**
 * Tokenises text with wink-nlp and maps every token back to its offsets in `text`.
 * Example: tokenize('Cllr Jane Smith') -> [{ text: 'Cllr', start: 0, end: 4, pos: 'PROPN' }, ...].
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let base = 0;
  while (base < text.length) {
    let end = Math.min(text.length, base + CHUNK);
    if (end < text.length) {
      const para = text.lastIndexOf('\n\n', end);
      const space = text.lastIndexOf(' ', end);
      end = para > base + CHUNK / 2 ? para : space > base ? space : end;
    }
    tokenizeChunk(text, base, end, out);
    base = end;
  }
  return out;
}

/** Runs of non-space longer than this are no word the pipeline can use (a name, a party, a ward). */
const MAX_WORD = 256;
const OVERLONG = new RegExp(`\\S{${MAX_WORD + 1},}`, 'g');

function tokenizeChunk(text: string, from: number, to: number, out: Token[]): void {
  // The model's abbreviation test backtracks quadratically over one long word (100,000 letters take a
  // minute), so such runs become spaces of the same length: no tokens there, every other offset unchanged.
  const chunk = text.slice(from, to).replace(OVERLONG, (run) => ' '.repeat(run.length));
  const w = winkInstance();
  const doc = w.readDoc(chunk);
  const values = doc.tokens().out(w.its.value) as string[];
  const tags = doc.tokens().out(w.its.pos) as string[];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? '';
    if (!v) continue;
    const at = chunk.indexOf(v, cursor);
    // wink may normalise a token's form; such a token is skipped rather than given a wrong offset (a match
    // far ahead past other text). Only blank space may lie between tokens that far apart.
    if (at < 0 || (at - cursor > 200 && /\S/.test(chunk.slice(cursor, at)))) continue;
    out.push({ start: from + at, end: from + at + v.length, text: v, pos: tags[i] ?? 'X' });
    cursor = at + v.length;
  }
}
