import { readFileSync } from 'node:fs';
import { extract } from './index.js';
const t = readFileSync(process.argv[2]!, 'utf8');
const r = extract(t); console.log(r.entities.map(e=>e.type+':'+e.name).join(', ')); for (const c of r.claims) { const { evidence, ...rest } = c; console.log('  ', JSON.stringify(rest)); }
