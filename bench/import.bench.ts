/**
 * Import benchmark, parse side: 300,000 generated candidacy rows in the Democracy Club candidates CSV layout
 * (seeded), parsed into registry records. The whole import (parse and database write) must take 5 s or less;
 * this measures the parse, against a naive split of the same text measured in the same run.
 */
import { createRandom } from '../src/domain/random.js';
import { scanCsv } from '../src/engines/ingest/csv.reader.js';
import { parseDcCandidates } from '../src/engines/ingest/dc-candidates.importer.js';
import { best, report } from './lib.js';

const ROWS = 300_000;
const HEADER =
  'person_id,person_name,election_id,ballot_paper_id,election_date,election_current,party_name,party_id,post_label,cancelled_poll,seats_contested,votes_cast,elected,gss,post_id';
const PARTIES: ReadonlyArray<[string, string]> = [
  ['PP53', 'Labour Party'],
  ['party:52', 'Conservative and Unionist Party'],
  ['PP90', 'Liberal Democrats'],
  ['party:63', 'Green Party'],
  ['PP7931', 'Reform UK'],
  ['ynmp-party:2', 'Independent'],
  ['joint-party:53-119', 'Labour and Co-operative Party'],
];
const FORENAMES = [
  'Ann',
  'Bob',
  'Cara',
  'Dev',
  'Esme',
  'Farid',
  'Grace',
  'Huw',
  'Ines',
  'Jon',
  'Kemi',
  'Liam',
];
const SURNAMES = [
  'Smith',
  "O'Brien",
  'Jones',
  'Patel',
  'Williams',
  'Nguyen',
  'Brown',
  'Taylor',
  'Khan',
  'Evans',
];

/** Seeded Democracy Club CSV text with `rows` candidacies: councils x wards x years, 3-6 candidates a ballot. */
export function generateDcCsv(rows: number, seed = 1): string {
  const rng = createRandom(seed);
  const out: string[] = [HEADER];
  let ballot = 0;
  let written = 0;
  while (written < rows) {
    const council = ballot % 300;
    const ward = Math.floor(ballot / 300) % 25;
    const year = 2004 + (Math.floor(ballot / 7500) % 21);
    const date = `${year}-05-0${1 + (year % 7)}`;
    const slug = `council-${council}`;
    const wardSlug = `ward-${ward}`;
    const by = rng.next() < 0.03;
    const ballotId = `local.${slug}.${wardSlug}${by ? '.by' : ''}.${date}`;
    const gss = `E05${String(council * 100 + ward).padStart(6, '0')}`;
    const seats = by ? 1 : 1 + rng.int(3);
    const n = Math.min(rows - written, seats + 2 + rng.int(3));
    for (let k = 0; k < n; k++) {
      const personId = ballot * 8 + k + 1;
      const name = `${FORENAMES[rng.int(FORENAMES.length)]} ${SURNAMES[rng.int(SURNAMES.length)]}`;
      const quotedName = rng.next() < 0.05 ? `"${name}, Jr"` : name;
      const [partyId, partyName] = PARTIES[rng.int(PARTIES.length)]!;
      const label = ward % 5 === 0 ? `"Ward ${ward}, North & East"` : `Ward ${ward}`;
      out.push(
        [
          personId,
          quotedName,
          `local.${slug}.${date}`,
          ballotId,
          date,
          'False',
          partyName,
          partyId,
          label,
          'False',
          seats,
          rng.int(4000),
          k < seats ? 'True' : 'False',
          gss,
          `gss:${gss}`,
        ].join(','),
      );
      written++;
    }
    ballot++;
  }
  return `${out.join('\r\n')}\r\n`;
}

export async function run(): Promise<void> {
  const text = generateDcCsv(ROWS, 42);
  const naive = await best(() => {
    let cells = 0;
    for (const line of text.split('\r\n')) cells += line.split(',').length;
    return cells;
  }, 3);
  const scan = await best(() => {
    let rows = 0;
    scanCsv(text, 'bench.csv', {}, () => rows++);
    return rows;
  }, 3);
  const parse = await best(() => parseDcCandidates(text, 'bench.csv'), 3);
  const imported = parse.result.snapshot.candidacies?.length ?? 0;
  if (imported !== ROWS) throw new Error(`expected ${ROWS} candidacies, parsed ${imported}`);
  report({
    name: `parse ${ROWS.toLocaleString('en-GB')} Democracy Club candidacy rows (${(text.length / 1e6).toFixed(1)} MB)`,
    value: parse.ms,
    unit: 'ms',
    max: 5_000,
    baseline: { name: 'naive split of lines and commas', value: naive.ms },
    ratio: { value: parse.ms / naive.ms, meaning: 'x the naive split' },
  });
  report({
    name: 'of which CSV reading (quotes, line numbers, trimming)',
    value: scan.ms,
    unit: 'ms',
    baseline: { name: 'naive split of lines and commas', value: naive.ms },
    ratio: { value: scan.ms / naive.ms, meaning: 'x the naive split' },
  });
  report({
    name: 'parse rate',
    value: ROWS / (parse.ms / 1000),
    unit: 'rows/s',
    min: ROWS / 5,
    baseline: { name: 'naive split', value: ROWS / (naive.ms / 1000) },
  });
}
