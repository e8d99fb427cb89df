#!/usr/bin/env node
import { main } from './program.js';

// A reader that stops early (`caucus export ... | head`) closes the pipe: that is the reader's
// choice, not a failure, so leave quietly instead of crashing with EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

await main(process.argv);
