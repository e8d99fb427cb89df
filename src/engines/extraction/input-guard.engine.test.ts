import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import {
  checkEnglish,
  checkRawInput,
  decodeArticleBytes,
  looksBinary,
  MAX_INPUT_CHARS,
} from './input-guard.engine.js';

const rule = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).details.rule as string;
  }
  return undefined;
};

describe('input guard', () => {
  it('refuses empty and whitespace-only input', () => {
    expect(rule(() => checkRawInput(''))).toBe('non-empty');
    expect(rule(() => checkRawInput(' \n\t '))).toBe('non-empty');
  });

  it('refuses non-strings', () => {
    expect(rule(() => checkRawInput(42 as unknown as string))).toBe('type');
  });

  it('refuses binary content: NUL bytes, control characters, invalid UTF-8', () => {
    expect(looksBinary('abc\u0000def')).toBe(true);
    expect(rule(() => checkRawInput('PK\u0003\u0004\u0014\u0000\u0006\u0000'))).toBe('text');
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0xc3,
    ]);
    expect(rule(() => decodeArticleBytes(png))).toBe('text');
    const invalid = new Uint8Array(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0xc3 : 0x28)));
    expect(rule(() => decodeArticleBytes(invalid))).toBe('text');
    expect(looksBinary('Plain “curly” text – with dashes and accents: Siân, Zoë.')).toBe(false);
  });

  it('decodes UTF-8 bytes and drops a BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFFCllr Siân Ôg resigned.');
    expect(decodeArticleBytes(bytes)).toBe('Cllr Siân Ôg resigned.');
  });

  it('refuses text over the size limit', () => {
    expect(rule(() => checkRawInput('a'.repeat(MAX_INPUT_CHARS + 1)))).toBe('max-size');
  });

  it('refuses text that is not English, and accepts English and short snippets', () => {
    const french =
      'Le conseil municipal a voté mardi soir une motion sur le budget de la ville. Les élus de la majorité ont soutenu le maire, qui a promis de nouvelles dépenses pour les écoles et les transports publics dans les quartiers.';
    const welsh =
      'Mae cynghorwyr y cyngor sir wedi pleidleisio o blaid cynllun newydd ar gyfer ysgolion lleol. Dywedodd arweinydd y cyngor fod y penderfyniad yn un anodd ond angenrheidiol i ddyfodol plant yr ardal a theuluoedd ym mhob cymuned.';
    const greek =
      'Το δημοτικό συμβούλιο ψήφισε την Τρίτη το βράδυ μια πρόταση για τον προϋπολογισμό της πόλης και τα σχολεία της περιοχής μας σήμερα το πρωί και το απόγευμα.';
    expect(rule(() => checkEnglish(french))).toBe('language');
    expect(rule(() => checkEnglish(welsh))).toBe('language');
    expect(rule(() => checkEnglish(greek))).toBe('language');
    expect(
      rule(() =>
        checkEnglish(
          'Cllr Jo Marsh, the leader of the council, was re-elected on Monday by a clear majority of the group, and she said that the budget would be set in March after a long debate with the opposition.',
        ),
      ),
    ).toBeUndefined();
    expect(rule(() => checkEnglish('Bonjour tout le monde.'))).toBeUndefined();
  });
});
