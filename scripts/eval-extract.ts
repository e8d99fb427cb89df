/**
 * `npm run eval:extract -- DIR [--json]`: runs extraction on every NAME.txt in DIR that has a
 * NAME.gold.json beside it and prints precision, recall and F1 for entities and claims, per type and
 * overall, with the misses. Scoring lives in src/engines/extraction/score.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/engines/extraction/index.js';
import {
  type ArticleScore,
  combineScores,
  type GoldFile,
  type Prf,
  scoreArticle,
} from '../src/engines/extraction/score.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir || !existsSync(dir)) {
  console.error(`usage: npm run eval:extract -- DIR [--json]${dir ? ` (no folder "${dir}")` : ''}`);
  process.exit(2);
}
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt') && existsSync(join(dir, f.replace(/\.txt$/, '.gold.json'))))
  .sort();
if (names.length === 0) {
  console.error(`no NAME.txt with a NAME.gold.json in ${dir}`);
  process.exit(2);
}
const scores: ArticleScore[] = [];
for (const file of names) {
  const gold = JSON.parse(readFileSync(join(dir, file.replace(/\.txt$/, '.gold.json')), 'utf8')) as GoldFile;
  const text = readFileSync(join(dir, file), 'utf8');
  const output = extract(text, gold.published ? { published: gold.published } : {});
  scores.push(scoreArticle(file, output, gold));
}
const corpus = combineScores(scores);
if (json) {
  console.log(JSON.stringify(corpus, null, 2));
  process.exit(0);
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
const row = (label: string, p: Prf) =>
  `  ${label.padEnd(22)} P ${pct(p.precision)} (${p.matchedOutput}/${p.output})  R ${pct(p.recall)} (${p.matchedRequired}/${p.required})  F1 ${pct(p.f1)}`;
for (const a of scores) {
  console.log(`\n## ${a.article}`);
  console.log(row('entities', a.entities.overall));
  console.log(row('claims', a.claims.overall));
  for (const m of a.entities.misses) console.log(`  miss entity   ${m.type} "${m.name}"`);
  for (const m of a.entities.spurious) console.log(`  extra entity  ${m.type} "${m.name}"`);
  for (const m of a.claims.misses) console.log(`  miss claim    ${m.type} "${m.name}" ${m.detail ?? ''}`);
  for (const m of a.claims.spurious) console.log(`  extra claim   ${m.type} "${m.name}" ${m.detail ?? ''}`);
}
console.log(`\n# overall (${scores.length} articles, micro-averaged)`);
console.log(row('entities', corpus.entities.overall));
for (const [t, p] of Object.entries(corpus.entities.byType)) console.log(row(`  ${t}`, p));
console.log(row('claims', corpus.claims.overall));
for (const [t, p] of Object.entries(corpus.claims.byType)) console.log(row(`  ${t}`, p));
console.log(
  `  claim argument score   ${pct(corpus.claims.argumentScore)} (share of gold arguments given right, matched claims)`,
);
