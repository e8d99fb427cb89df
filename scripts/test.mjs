// `npm test`: runs the whole suite with Vitest and prints the plain `N passed, N failed` line that CI reads.
// Store tests run on SQLite and on PostgreSQL: when CAUCUS_TEST_PG_URL is not set and PostgreSQL is installed,
// a throwaway server is started for the run and stopped after it; when PostgreSQL is not installed, the
// PostgreSQL half is not run, and this says so.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

mkdirSync('test-results', { recursive: true });
const env = { ...process.env };
let pgDir = null;
if (!env.CAUCUS_TEST_PG_URL) {
  const installed = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').length > 0;
  if (installed) {
    pgDir = mkdtempSync(join(tmpdir(), 'caucus-test-pg-'));
    chmodSync(pgDir, 0o755);
    const started = spawnSync('bash', ['scripts/pg-server.sh', 'start', join(pgDir, 'server')], {
      encoding: 'utf8',
    });
    if (started.status === 0) {
      env.CAUCUS_TEST_PG_URL = started.stdout.trim();
      console.log(`started a throwaway PostgreSQL server at ${env.CAUCUS_TEST_PG_URL}`);
    } else {
      console.log(`could not start PostgreSQL (${started.stderr.trim()}); the PostgreSQL half will not run`);
    }
  } else {
    console.log(
      'PostgreSQL is not installed: the PostgreSQL half of the store tests will not run (only SQLite)',
    );
  }
}

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { stdio: 'inherit', env });

if (pgDir) {
  spawnSync('bash', ['scripts/pg-server.sh', 'stop', join(pgDir, 'server')]);
  rmSync(pgDir, { recursive: true, force: true });
}

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that failed to load has no tests to count: count it as one failure.
  for (const suite of json.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
} catch (err) {
  console.error(`could not read the test report ${report}: ${err.message}`);
}
if (run.status !== 0 && failed === 0) failed = 1;
if (!env.CAUCUS_TEST_PG_URL) console.log('note: the PostgreSQL half of the store tests was not run');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
