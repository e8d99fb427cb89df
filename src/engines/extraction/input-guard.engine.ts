/**
 * Stage 0: refuse input that cannot be an article (empty, binary, not English, too large) with a
 * clear InvalidInputError, so later stages only ever see bounded, readable text.
 */
import { InvalidInputError } from '../../domain/errors.js';
import { ENGLISH_STOPWORDS } from './lexicon.data.js';

/** Largest input accepted, in UTF-16 code units (about 8 MB of ASCII); a 5 MB article fits. */
export const MAX_INPUT_CHARS = 8_000_000;

/** Checks raw input before any parsing: a non-empty string, not binary, not oversized. */
export function checkRawInput(input: unknown, where = 'input'): string {
  if (typeof input !== 'string') {
    throw new InvalidInputError(
      `expected the article as text, got ${input === null ? 'null' : typeof input}`,
      {
        where,
        rule: 'type',
      },
    );
  }
  if (input.trim().length === 0) {
    throw new InvalidInputError('the article is empty', { where, rule: 'non-empty' });
  }
  if (input.length > MAX_INPUT_CHARS) {
    throw new InvalidInputError(
      `the article has ${input.length} characters; the limit is ${MAX_INPUT_CHARS}`,
      { where, rule: 'max-size' },
    );
  }
  if (looksBinary(input)) {
    throw new InvalidInputError(
      'the input looks binary (NUL bytes, control characters or invalid UTF-8), not text',
      {
        where,
        rule: 'text',
      },
    );
  }
  return input;
}

/**
 * True when text holds a NUL, or more than 1% control characters or U+FFFD replacement characters
 * (what a decoder leaves for invalid UTF-8). Samples at most the first 64 KiB and a middle slice.
 */
export function looksBinary(text: string): boolean {
  const sample =
    text.length > 131_072
      ? text.slice(0, 65_536) + text.slice(text.length >> 1, (text.length >> 1) + 65_536)
      : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0))
      bad++;
  }
  return bad > Math.max(2, sample.length * 0.01);
}

/** Decodes file bytes as UTF-8, refusing binary content; a BOM is dropped. */
export function decodeArticleBytes(bytes: Uint8Array, where = 'input'): string {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  return checkRawInput(text, where);
}

/** Share of words that are common English function words (about 0.3-0.5 for English prose). */
export function englishShare(text: string): { words: number; share: number; latin: number } {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const words = sample.match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [];
  let hits = 0;
  let latin = 0;
  for (const w of words) {
    if (ENGLISH_STOPWORDS.has(w.toLowerCase())) hits++;
    if (/^[A-Za-z\u00C0-\u024F'’]+$/.test(w)) latin++;
  }
  const n = words.length;
  return { words: n, share: n === 0 ? 0 : hits / n, latin: n === 0 ? 0 : latin / n };
}

/** Refuses text that is clearly not English; short texts (under 25 words) are let through. */
export function checkEnglish(text: string, where = 'input'): void {
  const { words, share, latin } = englishShare(text);
  if (words === 0) {
    throw new InvalidInputError('the article has no words', { where, rule: 'non-empty' });
  }
  if (words < 25) return;
  if (latin < 0.5 || share < 0.12) {
    throw new InvalidInputError(
      `the article does not look like English (${Math.round(share * 100)}% common English words); only English articles can be read`,
      { where, rule: 'language' },
    );
  }
}
