import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSample } from '../engines/sample/index.js';
import { fromRow, fromRows, toFlatRows, toRow } from './codec.js';
import { SNAPSHOT_TABLES } from './schema.js';

const sample = generateSample({ scale: 'small', seed: 5 });

describe('toFlatRows', () => {
  it("gives toRow's values, row after row in column order, for every table of the sample", () => {
    for (const table of SNAPSHOT_TABLES) {
      const records = sample[table] as object[];
      if (records.length === 0) continue;
      const columns = Object.keys(records[0]!);
      const expected = records.flatMap((r) => {
        const row = toRow(table, r);
        return columns.map((c) => row[c]);
      });
      expect(toFlatRows(table, records, columns, 0, records.length), table).toEqual(expected);
    }
  });

  it('takes a slice, turns missing fields into null, booleans into 0/1 and JSON into text', () => {
    const ballots = [
      { id: 'b1', byElection: true, cancelled: false },
      { id: 'b2', byElection: false },
      { id: 'b3', byElection: 1, cancelled: true },
    ];
    expect(toFlatRows('ballots', ballots, ['id', 'byElection', 'cancelled', 'postId'], 1, 3)).toEqual([
      'b2',
      0,
      0,
      null,
      'b3',
      1,
      1,
      null,
    ]);
    expect(
      toFlatRows('events', [{ id: 'e1', details: { a: [1] } }, { id: 'e2' }], ['id', 'details'], 0, 2),
    ).toEqual(['e1', '{"a":[1]}', 'e2', '{}']);
  });
});

describe('fromRows', () => {
  it('gives what fromRow gives for each stored row of the sample', () => {
    for (const table of SNAPSHOT_TABLES) {
      const rows = (sample[table] as object[]).map((r, i) => ({ ...toRow(table, r), version: 1 + (i % 3) }));
      expect(fromRows(table, rows), table).toEqual(rows.map((r) => fromRow(table, r)));
    }
  });

  it('agrees with fromRow on arbitrary rows, citations ids and undefined values included', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.constantFrom(...SNAPSHOT_TABLES),
        fc.array(fc.tuple(value, value, fc.boolean(), fc.option(fc.json())), { maxLength: 5 }),
        (table, tuples) => {
          const rows = tuples.map(([a, b, flag, json]) => ({
            id: a,
            name: b,
            version: 2,
            byElection: flag ? 1 : 0,
            elected: flag ? '1' : '0',
            details: json ?? undefined,
          }));
          expect(fromRows(table, rows)).toEqual(rows.map((r) => fromRow(table, r)));
        },
      ),
    );
  });
});
