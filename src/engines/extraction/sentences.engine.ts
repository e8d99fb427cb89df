/**
 * Stage 1b: split plain text into sentences with offsets. A full stop after a UK title ("Cllr.",
 * "Coun.", "Rt. Hon.", "Mr.", "Dr.", "St.") or an initial never ends a sentence; blank lines end
 * paragraphs; a single line break ends a sentence unless the text is hard-wrapped prose.
 */

import type { Sentence } from './extraction.types.js';
import { ABBREVIATIONS, TITLE_ABBREVIATIONS } from './lexicon.data.js';

/** A sentence longer than this is cut at a space, so no rule ever scans unbounded text. */
export const MAX_SENTENCE_CHARS = 1200;

const BULLET = /^[ \t]*(?:[•·▪●◦‣*]|-(?=\s)|–(?=\s)|\d{1,2}[.)](?=\s))[ \t]*/;
const TERMINAL = /[.!?…]["'”’)\]]*$/;

/** Splits text into sentences; `paragraph` numbers blank-line separated blocks from 0. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const paraRe = /\n[ \t]*\n\s*/g;
  let paraStart = 0;
  let paragraph = 0;
  const handlePara = (ps: number, pe: number) => {
    if (text.slice(ps, pe).trim()) {
      for (const seg of lineSegments(text, ps, pe))
        splitSegment(text, seg.start, seg.end, paragraph, seg.bullet, out);
      paragraph++;
    }
  };
  for (let m = paraRe.exec(text); m; m = paraRe.exec(text)) {
    handlePara(paraStart, m.index);
    paraStart = m.index + m[0].length;
  }
  handlePara(paraStart, text.length);
  return out;
}

interface Segment {
  start: number;
  end: number;
  bullet: boolean;
}

/** Groups a paragraph's lines: each line is its own segment unless the paragraph is wrapped prose. */
function lineSegments(text: string, ps: number, pe: number): Segment[] {
  const lines: { start: number; end: number }[] = [];
  let s = ps;
  for (let i = ps; i <= pe; i++) {
    if (i === pe || text.charCodeAt(i) === 10) {
      lines.push({ start: s, end: i });
      s = i + 1;
    }
  }
  const segs: Segment[] = [];
  for (const line of lines) {
    const raw = text.slice(line.start, line.end);
    if (!raw.trim()) continue;
    const bullet = BULLET.exec(raw);
    const prev = segs[segs.length - 1];
    const startsLower = /^\s*[a-z]/.test(raw);
    if (prev && !bullet) {
      const prevText = text.slice(prev.start, prev.end).trimEnd();
      const lastLineLen = prev.end - Math.max(prev.start, text.lastIndexOf('\n', prev.end - 1) + 1);
      const wrapped =
        !TERMINAL.test(prevText) && !/[:|]$/.test(prevText) && (startsLower || lastLineLen >= 60);
      if (wrapped) {
        prev.end = line.end;
        continue;
      }
    }
    const start = line.start + (bullet ? bullet[0].length : 0);
    segs.push({ start, end: line.end, bullet: !!bullet });
  }
  return segs;
}

function splitSegment(
  text: string,
  ss: number,
  se: number,
  paragraph: number,
  bullet: boolean,
  out: Sentence[],
): void {
  const seg = text.slice(ss, se);
  const re = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
  let last = 0;
  let first = true;
  const push = (a: number, b: number) => {
    let s = a;
    let e = b;
    while (s < e && /\s/.test(seg[s] ?? '')) s++;
    while (e > s && /\s/.test(seg[e - 1] ?? '')) e--;
    if (e <= s) return;
    for (const [cs, ce] of capLength(seg, s, e)) {
      out.push({
        start: ss + cs,
        end: ss + ce,
        paragraph,
        bulletHead: first && bullet ? findBulletHead(text, ss + cs, ss + ce) : null,
      });
      first = false;
    }
  };
  for (let m = re.exec(seg); m; m = re.exec(seg)) {
    const endPunct = m.index + m[0].length;
    if (!isBoundary(seg, m.index, endPunct)) continue;
    push(last, endPunct);
    last = endPunct;
  }
  push(last, seg.length);
}

/** Decides whether punctuation at [at, end) closes a sentence. */
function isBoundary(seg: string, at: number, end: number): boolean {
  const next = /\S/.exec(seg.slice(end, end + 40));
  if (!next) return true;
  const nextChar = next[0];
  if (/[a-z]/.test(nextChar)) return false;
  if (seg[at] !== '.' || seg.slice(at, end).startsWith('..')) return true;
  const word = /([A-Za-z]+)$/.exec(seg.slice(Math.max(0, at - 12), at))?.[1] ?? '';
  const lower = word.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(lower)) return false;
  if (word.length === 1 && /[A-Z]/.test(word)) return false;
  // A Welsh middle initial is one letter written with two ("Geraint Ll. Roberts", "Sian Rh. Jones").
  if (/\p{Lu}\p{Ll}+ (?:Ll|Ch|Dd|Ff|Ng|Rh|Th)$/u.test(seg.slice(Math.max(0, at - 40), at))) return false;
  if (ABBREVIATIONS.has(lower) && /[0-9]/.test(nextChar)) return false;
  return true;
}

/** Cuts an over-long stretch at spaces so that no piece exceeds MAX_SENTENCE_CHARS. */
function capLength(seg: string, s: number, e: number): [number, number][] {
  if (e - s <= MAX_SENTENCE_CHARS) return [[s, e]];
  const parts: [number, number][] = [];
  let a = s;
  while (e - a > MAX_SENTENCE_CHARS) {
    // Searched within this piece only: lastIndexOf from the piece's end would scan back to the start of a
    // text without spaces for every piece, which is quadratic.
    const space = seg.slice(a, a + MAX_SENTENCE_CHARS + 1).lastIndexOf(' ');
    const cut = space > 0 ? a + space : a + MAX_SENTENCE_CHARS;
    parts.push([a, cut]);
    a = cut;
    while (a < e && /\s/.test(seg[a] ?? '')) a++;
  }
  if (a < e) parts.push([a, e]);
  return parts;
}

/** "Clissold – Cllr ..." on a bullet line: the capitalised words before the dash, if short. */
function findBulletHead(text: string, s: number, e: number): { start: number; end: number } | null {
  const m = /^([A-Z][\p{L}'’.&/-]*(?:\s+(?:[A-Z][\p{L}'’.&/-]*|and|&|of|upon|on|the))*)\s+[–—-]\s+/u.exec(
    text.slice(s, Math.min(e, s + 80)),
  );
  if (!m?.[1] || m[1].split(/\s+/).length > 6) return null;
  return { start: s, end: s + m[1].length };
}
