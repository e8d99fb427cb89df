import { readFileSync } from 'node:fs';
import { splitSentences } from './sentences.engine.js';
import { tokenize } from './tokens.engine.js';
import { findMentions } from './mentions.engine.js';
import { resolveCoreference } from './coreference.engine.js';
import { extractClaims } from './claims.engine.js';
import { checkEnglish } from './input-guard.engine.js';
const arts = ['01-blog-lambeth','02-news-manchester','03-newsletter-hackney-islington','04-longread-leeds','05-wire-sheffield','06-scotland-glasgow'].map((n) => readFileSync(`/work/shared/corpus/${n}.txt`, 'utf8'));
const t = { eng: 0, sent: 0, tok: 0, men: 0, co: 0, cl: 0 };
let words = 0;
for (let i = 0; i < 120; i++) for (const text of arts) {
  words += text.split(/\s+/).length;
  let a = performance.now(); checkEnglish(text); let b = performance.now(); t.eng += b - a;
  a = b; const s = splitSentences(text); b = performance.now(); t.sent += b - a;
  a = b; const tk = tokenize(text); b = performance.now(); t.tok += b - a;
  a = b; const m = findMentions(text, s, tk); b = performance.now(); t.men += b - a;
  a = b; const c = resolveCoreference(text, s, m.mentions, m.councils); b = performance.now(); t.co += b - a;
  a = b; extractClaims(text, s, c); b = performance.now(); t.cl += b - a;
}
const total = Object.values(t).reduce((x, y) => x + y, 0);
console.log(Object.entries(t).map(([k, v]) => `${k} ${(v / total * 100).toFixed(0)}% ${(words / v * 1000 / 1000).toFixed(0)}k w/s`).join(' | '), 'total', (words / total * 1000).toFixed(0), 'w/s');
