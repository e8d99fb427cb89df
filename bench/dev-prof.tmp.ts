import { run } from './extract.bench.js';
await run();
