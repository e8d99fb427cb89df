import { readFileSync } from 'node:fs';
import { extract } from './index.js';
const base = ['01-blog-lambeth','02-news-manchester','03-newsletter-hackney-islington','04-longread-leeds','05-wire-sheffield','06-scotland-glasgow'].map((n) => readFileSync(`/work/shared/corpus/${n}.txt`, 'utf8'));
for (let i = 0; i < 300; i++) for (const b of base) extract(b);
