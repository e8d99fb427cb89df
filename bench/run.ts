/** `npm run bench -- NAME [NAME ...]`: runs bench/NAME.bench.ts; with no name, lists them. */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { misses } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''))
  .sort();
const names = process.argv.slice(2);
if (names.length === 0) {
  console.log(`benchmarks: ${available.join(', ')}\nusage: npm run bench -- NAME`);
  process.exit(0);
}
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; expected one of: ${available.join(', ')}`);
    process.exit(1);
  }
  console.log(`# ${name}`);
  const mod = (await import(join(here, `${name}.bench.ts`))) as { run: () => Promise<void> };
  await mod.run();
}
const missed = misses();
console.log(missed === 0 ? 'all goals met' : `${missed} goal(s) missed`);
