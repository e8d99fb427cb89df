import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../app/commands/exports.commands.js';
import { csvRecords, parseCsv } from './csv.parser.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\r\n"two\r\nlines",,end\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['two\r\nlines', '', 'end'],
    ]);
    expect(parseCsv('a\nb')).toEqual([['a'], ['b']]);
    expect(parseCsv('')).toEqual([]);
    expect(() => parseCsv('"open')).toThrow(/inside a quoted field/);
  });

  it('reads back whatever the server writes (csvCell), field for field', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\r', '\n', ' ', 'é', '=', "'") });
    const rows = fc
      .integer({ min: 1, max: 5 })
      .chain((width) =>
        fc.array(fc.array(value, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
      );
    fc.assert(
      fc.property(rows, (table) => {
        // A row of one empty field is written as an empty line, which reads as no row.
        fc.pre(table.every((r) => r.length > 1 || r[0] !== ''));
        const text = table.map((r) => `${r.map((f) => csvCell(f)).join(',')}\r\n`).join('');
        // csvCell guards a cell that a spreadsheet would run as a formula with a leading apostrophe.
        const guarded = (f: string) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f);
        expect(parseCsv(text)).toEqual(table.map((r) => r.map(guarded)));
        expect(csvRecords(text, { unguard: true }).length).toBe(table.length - 1);
      }),
    );
  });

  it('keys rows by the header, empty fields as null, and can undo the formula guard', () => {
    expect(csvRecords('id,name\r\nperson:1,Ann\r\nperson:2,\r\n')).toEqual([
      { id: 'person:1', name: 'Ann' },
      { id: 'person:2', name: null },
    ]);
    const text = `id,name\r\n${csvCell('person:3')},${csvCell('=Bob')}\r\n`;
    expect(csvRecords(text)).toEqual([{ id: 'person:3', name: "'=Bob" }]);
    expect(csvRecords(text, { unguard: true })).toEqual([{ id: 'person:3', name: '=Bob' }]);
  });
});
