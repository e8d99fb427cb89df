import { readFileSync } from 'node:fs';
import { findMentions } from './mentions.engine.js';
import { splitSentences } from './sentences.engine.js';
import { tokenize } from './tokens.engine.js';
const t = readFileSync('/tmp/art.txt','utf8');
const s = splitSentences(t);
for (const m of findMentions(t, s, tokenize(t)).mentions) console.log(m.type, JSON.stringify(t.slice(m.start, m.end)), m.name);
