import { readFileSync } from 'node:fs';
import { splitSentences } from './sentences.engine.js';
import { tokenize } from './tokens.engine.js';
import { findMentions } from './mentions.engine.js';
import { resolveCoreference } from './coreference.engine.js';
import { buildView } from './view.engine.js';
import { extractAppositives } from './claims.engine.js';
const text = readFileSync(process.argv[2]!, 'utf8');
const sents = splitSentences(text);
const { mentions, councils } = findMentions(text, sents, tokenize(text));
const co = resolveCoreference(text, sents, mentions, councils);
for (const s of sents) {
  const v = buildView(text, s.start, s.end, co.refs, co.entities, co.quotes);
  const r = extractAppositives(v.text, (i) => v.slots[i]?.ids ?? []);
  console.log(v.text); console.log('   R:', r.reduced, JSON.stringify(r.appositives.map(a=>a.text)));
}
