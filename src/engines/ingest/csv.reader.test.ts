import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.js';
import { headerKey, rawRow, readCsv, readHeader, sniffDelimiter } from './csv.reader.js';

const SHARED = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

describe('readCsv', () => {
  it('reads a plain file with line numbers', () => {
    const t = readCsv('a,b\n1,2\n3,4\n', 'f.csv');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['1', '2']],
      [3, ['3', '4']],
    ]);
  });

  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    const t = readCsv('name,note\n"Smith, J","said ""hi""\nthen left"\nx,y\n', 'f.csv');
    expect(t.rows[0]!.cells).toEqual(['Smith, J', 'said "hi"\nthen left']);
    expect(t.rows[0]!.line).toBe(2);
    // The row after a quoted line break starts on physical line 4.
    expect(t.rows[1]!.line).toBe(4);
    expect(t.rows[1]!.cells).toEqual(['x', 'y']);
  });

  it('strips a byte-order mark and handles CRLF and CR-only line endings', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const t = readCsv(`\uFEFFid,name${eol}1,Ann${eol}${eol}2,"Bo${eol}b"${eol}3,Cy`, 'f.csv');
      expect(t.header).toEqual(['id', 'name']);
      expect(t.rows.map((r) => r.cells[0])).toEqual(['1', '2', '3']);
      expect(t.rows.map((r) => r.line)).toEqual([2, 4, 6]);
      expect(t.rows[1]!.cells[1]).toBe(`Bo${eol}b`);
    }
  });

  it('trims stray whitespace in headers and values, including around quotes', () => {
    const t = readCsv('  person_id , person_name\t\n 12 ,  "Ann Smith"  \n', 'f.csv');
    expect(t.header).toEqual(['person_id', 'person_name']);
    expect(t.rows[0]!.cells).toEqual(['12', 'Ann Smith']);
  });

  it('keeps the raw row text for reject lists', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,z';
    const t = readCsv(text, 'f.csv');
    expect(rawRow(t, t.rows[0]!)).toBe('1,"x\r\ny"');
    expect(rawRow(t, t.rows[1]!)).toBe('2,z');
  });

  it('reports an unterminated quote with FILE:LINE', () => {
    let err: unknown;
    try {
      readCsv('a,b\n1,2\n3,"oops\n4,5\n', 'bad.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toBe('bad.csv:3: unterminated quoted field (a " that never closes)');
  });

  it('reads tab- and semicolon-separated files when asked or sniffed', () => {
    expect(readCsv('a\tb\n1\t2', 'f.tsv', { delimiter: '\t' }).rows[0]!.cells).toEqual(['1', '2']);
    expect(readCsv('a;b\n1;2', 'f.csv', { delimiter: 'auto' }).rows[0]!.cells).toEqual(['1', '2']);
    expect(sniffDelimiter('"a,b"\tc\td')).toBe('\t');
    expect(readHeader('\uFEFF\n\n  x , "y"\nrest').cells).toEqual(['x', 'y']);
  });

  it('matches headers loosely', () => {
    expect(headerKey(' Typeof Election ')).toBe(headerKey('TYPEOF_ELECTION'));
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc
      .string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', 'x') })
      .map((s) => s.trim());
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (rows, eol) => {
          const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
          const text = ['h1,h2', ...rows.map((r) => r.map(quote).join(','))].join(eol);
          const t = readCsv(text, 'p.csv');
          expect(t.rows.map((r) => r.cells)).toEqual(rows);
        },
      ),
    );
  });

  it('throws only InvalidInputError on random input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', '\uFEFF') }), (s) => {
        try {
          readCsv(s, 'r.csv');
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
        }
      }),
    );
  });
});

const ODM = `${SHARED}councillors/odm_LPP_LAD_ECID_2018.csv`;
describe.skipIf(!existsSync(ODM))('real files (skipped: ../shared is absent)', () => {
  it('reads the CR-only OpenDataManchester party file row by row', () => {
    const text = readFileSync(ODM, 'utf8');
    expect(text.includes('\n')).toBe(false);
    const t = readCsv(text, 'odm_LPP_LAD_ECID_2018.csv');
    expect(t.header[0]).toBe('Party');
    expect(t.header).toHaveLength(9);
    expect(t.rows).toHaveLength(136);
    expect(t.rows[0]!.line).toBe(2);
    expect(t.rows[0]!.cells.slice(0, 4)).toEqual(['Labour', 'National', '', 'PP53']);
  });
});
