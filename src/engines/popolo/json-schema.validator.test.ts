import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkFormat,
  createSchemaValidator,
  type JsonSchema,
  type SchemaViolation,
  validateJsonSchema,
} from './json-schema.validator.js';

const rules = (vs: SchemaViolation[]) => vs.map((v) => `${v.path}:${v.rule}`);

describe('validateJsonSchema (draft-03 keywords)', () => {
  it('checks type names, unions with null, integer and any', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, n: { type: 'integer' }, x: { type: 'any' } },
    };
    expect(validateJsonSchema(schema, { a: null, n: 3, x: [1] })).toEqual([]);
    expect(rules(validateJsonSchema(schema, { a: 1, n: 2.5, x: null }))).toEqual(['a:type', 'n:type']);
    expect(validateJsonSchema(schema, [])[0]).toMatchObject({
      path: '',
      rule: 'type',
      message: 'expected object, got array',
    });
  });

  it('accepts a schema inside a type union', () => {
    const schema = { type: ['null', { type: 'string', minLength: 2 }] };
    expect(validateJsonSchema(schema, 'ab')).toEqual([]);
    expect(validateJsonSchema(schema, null)).toEqual([]);
    expect(rules(validateJsonSchema(schema, 'a'))).toEqual([':type']);
  });

  it('reports `required: true` properties that are missing, but not optional ones', () => {
    const schema = {
      type: 'object',
      properties: { url: { type: 'string', required: true }, note: { type: 'string' } },
    };
    expect(rules(validateJsonSchema(schema, { note: 'x' }))).toEqual(['url:required']);
    expect(validateJsonSchema(schema, { url: 'u' })).toEqual([]);
  });

  it('checks additionalProperties (false and schema) and patternProperties', () => {
    const closed = {
      type: 'object',
      properties: { a: {} },
      patternProperties: { '^x-': { type: 'number' } },
      additionalProperties: false,
    };
    expect(rules(validateJsonSchema(closed, { a: 1, 'x-1': 'no', b: 2 }))).toEqual([
      'x-1:type',
      'b:additionalProperties',
    ]);
    const typed = { type: 'object', additionalProperties: { type: 'boolean' } };
    expect(rules(validateJsonSchema(typed, { ok: true, bad: 'yes' }))).toEqual(['bad:type']);
  });

  it('checks items, tuples, additionalItems, min/maxItems and uniqueItems with paths', () => {
    const list = { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true };
    expect(rules(validateJsonSchema(list, ['a', 2, 'a']))).toEqual(['[1]:type', '[2]:uniqueItems']);
    expect(rules(validateJsonSchema(list, []))).toEqual([':minItems']);
    expect(rules(validateJsonSchema(list, ['a', 'b', 'c', 'd']))).toEqual([':maxItems']);
    const tuple = { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false };
    expect(rules(validateJsonSchema(tuple, ['a', 'b', 'c']))).toEqual(['[1]:type', '[2]:additionalItems']);
  });

  it('checks enum (deep), pattern, minLength/maxLength by code points', () => {
    expect(rules(validateJsonSchema({ enum: [{ a: 1 }, 'x'] }, { a: 1 }))).toEqual([]);
    expect(rules(validateJsonSchema({ enum: [{ a: 1 }, 'x'] }, { a: 2 }))).toEqual([':enum']);
    const date = { type: 'string', pattern: '^[0-9]{4}(-[0-9]{2}){0,2}$' };
    expect(validateJsonSchema(date, '1970-01')).toEqual([]);
    expect(validateJsonSchema(date, '1970-1')[0]?.rule).toBe('pattern');
    expect(validateJsonSchema({ type: 'string', maxLength: 2 }, '😀😀')).toEqual([]);
    expect(rules(validateJsonSchema({ type: 'string', minLength: 3 }, '😀😀'))).toEqual([':minLength']);
  });

  it('checks minimum/maximum with exclusive flags and divisibleBy', () => {
    const s = { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, divisibleBy: 0.5 };
    expect(validateJsonSchema(s, 10)).toEqual([]);
    expect(rules(validateJsonSchema(s, 0))).toEqual([':minimum']);
    expect(rules(validateJsonSchema(s, 10.25))).toEqual([':maximum', ':divisibleBy']);
  });

  it('checks disallow, extends and dependencies', () => {
    expect(rules(validateJsonSchema({ disallow: ['null'] }, null))).toEqual([':disallow']);
    const ext = { extends: { type: 'object', properties: { id: { type: 'string', required: true } } } };
    expect(rules(validateJsonSchema(ext, {}))).toEqual(['id:required']);
    const deps = {
      type: 'object',
      dependencies: { end: 'start', kind: { properties: { extra: { required: true } } } },
    };
    expect(rules(validateJsonSchema(deps, { end: 1, kind: 2 }))).toEqual([
      'start:dependencies',
      'extra:required',
    ]);
  });

  it('resolves $ref by id URL (absolute and relative) and by JSON pointer', () => {
    const link: JsonSchema = {
      id: 'http://example.com/schemas/link.json#',
      type: 'object',
      properties: { url: { type: 'string', format: 'uri', required: true } },
    };
    const thing: JsonSchema = {
      id: 'http://example.com/schemas/thing.json#',
      type: 'object',
      definitions: { name: { type: 'string', minLength: 1 } },
      properties: {
        links: { type: 'array', items: { $ref: 'http://example.com/schemas/link.json#' } },
        more: { type: 'array', items: { $ref: 'link.json#' } },
        name: { $ref: '#/definitions/name' },
        parent: { $ref: 'http://example.com/schemas/thing.json#' },
      },
    };
    const v = createSchemaValidator([link, thing]);
    expect(v.validate('thing.json', { links: [{ url: 'http://a.example/' }], name: 'x' })).toEqual([]);
    const bad = v.validate('http://example.com/schemas/thing.json#', {
      links: [{ url: 'not a uri' }],
      more: [{}],
      name: '',
      parent: { parent: { name: 3 } },
    });
    expect(rules(bad)).toEqual([
      'links[0].url:format',
      'more[0].url:required',
      'name:minLength',
      'parent.parent.name:type',
    ]);
  });

  it('reports an unresolvable $ref where it is reached, and only then', () => {
    const s = {
      type: 'object',
      properties: { motions: { type: 'array', items: { $ref: 'http://x.example/motion.json#' } } },
    };
    expect(validateJsonSchema(s, { motions: [] })).toEqual([]);
    expect(rules(validateJsonSchema(s, { motions: [{}] }))).toEqual(['motions[0]:$ref']);
  });

  it('does not modify the schemas it is given', () => {
    const s = { id: 'http://example.com/a.json#', type: 'object', properties: { b: { type: 'string' } } };
    const copy = structuredClone(s);
    createSchemaValidator([s]).validate('a.json', { b: 'x' });
    expect(s).toEqual(copy);
    expect(Object.getOwnPropertySymbols(s.properties.b)).toEqual([]);
  });

  it('throws for a schema id it was not given', () => {
    expect(() => createSchemaValidator([]).validate('person.json', {})).toThrow(
      /no schema with id "person.json"/,
    );
  });
});

describe('checkFormat', () => {
  it.each([
    ['date-time', '2024-05-02T10:00:00Z', true],
    ['date-time', '2024-05-02T10:00:00.123+01:00', true],
    ['date-time', '2024-02-30T10:00:00Z', false],
    ['date-time', '2024-05-02', false],
    ['date-time', '2024-05-02T25:00:00Z', false],
    ['date', '2024-02-29', true],
    ['date', '2023-02-29', false],
    ['time', '23:59:60', true],
    ['time', '24:00:00', false],
    ['uri', "http://en.wikipedia.org/wiki/Joe's_Diner_(placeholder_name)", true],
    ['uri', 'mailto:someone@example.com', true],
    ['uri', 'https://example.com/a%20b?x=1#frag', true],
    ['uri', 'https://example.com/a b', false],
    ['uri', 'www.example.com', false],
    ['uri', 'https://example.com/%zz', false],
    ['email', 'jqpublic@xyz.example.com', true],
    ['email', 'first.last+tag@sub.example.co.uk', true],
    ['email', 'no-at-sign.example.com', false],
    ['email', 'a@b', false],
    ['email', 'a..b@example.com', false],
    ['email', 'a b@example.com', false],
    ['regex', '^[a-z]+$', true],
    ['regex', '([a-z', false],
    ['color', 'anything at all', true],
  ])('%s %j -> %s', (format, value, ok) => {
    expect(checkFormat(format, value) === null).toBe(ok);
  });
});

const POPOLO = fileURLToPath(new URL('../../../../shared/data/popolo/', import.meta.url));
const haveShared = existsSync(`${POPOLO}schemas`) && existsSync(`${POPOLO}examples`);

const SHARED_TITLE = haveShared
  ? 'official Popolo schemas and examples'
  : 'official Popolo schemas and examples: skipped because ../shared is absent';

describe.skipIf(!haveShared)(SHARED_TITLE, () => {
  const load = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonSchema;
  const schemaFiles = haveShared ? readdirSync(`${POPOLO}schemas`).filter((f) => f.endsWith('.json')) : [];
  const validator = createSchemaValidator(schemaFiles.map((f) => load(`${POPOLO}schemas/${f}`)));
  const exampleFiles = haveShared ? readdirSync(`${POPOLO}examples`).filter((f) => f.endsWith('.json')) : [];

  it('registers every schema by its id', () => {
    expect(validator.ids()).toContain('http://www.popoloproject.com/schemas/person.json');
    expect(validator.ids()).toHaveLength(schemaFiles.length);
  });

  it.each(exampleFiles)('accepts the official example %s', (file) => {
    expect(validator.validate(file, load(`${POPOLO}examples/${file}`))).toEqual([]);
  });

  it('finds broken versions of the examples invalid', () => {
    const person = load(`${POPOLO}examples/person.json`) as Record<string, unknown>;
    const broken = {
      ...person,
      email: 'not an email',
      birth_date: '20 Jan 1920',
      links: [{ note: 'no url' }],
      identifiers: [{ scheme: 'SIN' }],
      other_names: [{ name: 5 }],
    };
    expect(rules(validator.validate('person.json', broken))).toEqual([
      'other_names[0].name:type',
      'identifiers[0].identifier:required',
      'email:format',
      'birth_date:pattern',
      'links[0].url:required',
    ]);
    const membership = load(`${POPOLO}examples/membership.json`) as Record<string, unknown>;
    expect(
      rules(
        validator.validate('membership.json', {
          ...membership,
          start_date: '1970-1-1',
          contact_details: [{}],
        }),
      ),
    ).toEqual([
      'start_date:pattern',
      'contact_details[0].type:required',
      'contact_details[0].value:required',
    ]);
  });
});
