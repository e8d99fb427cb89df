import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSchemaValidator, formatViolation, type JsonSchema } from './json-schema.validator.js';
import { toPopolo } from './popolo-export.mapper.js';
import { importPopoloText } from './popolo-import.mapper.js';
import { sampleSnapshot } from './sample-snapshot.test-support.js';

const POPOLO = fileURLToPath(new URL('../../../../shared/data/popolo/', import.meta.url));
const SCHEMAS = `${POPOLO}schemas`;
const haveShared = existsSync(SCHEMAS);
const TITLE = haveShared
  ? 'exports validate against the official Popolo schemas'
  : 'exports validate against the official Popolo schemas: skipped because ../shared is absent';

const COLLECTIONS = [
  ['persons', 'person.json'],
  ['organizations', 'organization.json'],
  ['memberships', 'membership.json'],
  ['posts', 'post.json'],
  ['areas', 'area.json'],
  ['events', 'event.json'],
] as const;

describe.skipIf(!haveShared)(TITLE, () => {
  const schemas = haveShared
    ? readdirSync(SCHEMAS)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(`${SCHEMAS}/${f}`, 'utf8')) as JsonSchema)
    : [];
  const validator = createSchemaValidator(schemas);

  /** Every violation in every exported Popolo object, as "persons[0].name: ..." lines. */
  function violations(doc: ReturnType<typeof toPopolo>): string[] {
    const out: string[] = [];
    for (const [key, schema] of COLLECTIONS) {
      doc[key].forEach((record, i) => {
        for (const v of validator.validate(schema, record)) out.push(`${key}[${i}].${formatViolation(v)}`);
      });
    }
    return out;
  }

  it('the hand-built registry: every person, organization, membership, post, area and event is valid', () => {
    const doc = toPopolo(sampleSnapshot());
    for (const [key] of COLLECTIONS) expect(doc[key].length).toBeGreaterThan(0);
    // Aliases are written as other names (with caucus:source_id), which the schemas check too.
    expect(doc.persons.some((p) => p.other_names.length > 0)).toBe(true);
    expect(violations(doc)).toEqual([]);
  });

  it('the Tasmanian file, imported and exported again, is valid', () => {
    const file = `${POPOLO}au_tas_local_councillor_popolo.json`;
    const doc = toPopolo(importPopoloText(readFileSync(file, 'utf8'), file));
    expect(doc.persons).toHaveLength(263);
    expect(violations(doc)).toEqual([]);
  });

  it('would catch an export that broke the schemas', () => {
    const doc = toPopolo(sampleSnapshot());
    const broken = structuredClone(doc);
    (broken.memberships[0] as { start_date: string }).start_date = '03/05/2018';
    (broken.persons[0]!.sources[0] as { url: string }).url = 'not a url';
    (broken.areas[0] as { parent_id: unknown }).parent_id = 5;
    expect(violations(broken)).toEqual([
      'persons[0].sources[0].url: expected an absolute URI, got "not a url"',
      expect.stringMatching(/^memberships\[0\]\.start_date: "03\/05\/2018" does not match the pattern/),
      'areas[0].parent_id: expected string or null, got integer',
    ]);
  });
});
