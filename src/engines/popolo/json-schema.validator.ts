/**
 * A small JSON-Schema (draft-03) validator: enough for the official Popolo schemas and similar ones.
 * Pure: the schemas are passed in as objects, `$ref`s are resolved among them by `id` URL (relative refs
 * against the referring schema's id, `#/...` pointers inside a schema). Supported keywords: type (names,
 * unions, schemas in unions, "any"), disallow, extends, enum, properties with `required: true`,
 * patternProperties, additionalProperties, dependencies, items (schema or tuple), additionalItems,
 * minItems, maxItems, uniqueItems, minLength, maxLength, pattern, format (date-time, date, time, uri, email,
 * regex; other formats pass, as draft-03 allows), minimum, maximum, exclusiveMinimum, exclusiveMaximum,
 * divisibleBy. An unresolvable `$ref` is reported as a violation where it is reached.
 */
import { isIsoDate } from '../../domain/dates.js';
import { pathIndex, pathKey, showPath } from './json-path.format.js';

export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaViolation {
  /** JSON path of the offending value, e.g. `memberships[0].start_date`; '' is the root. */
  path: string;
  /** The keyword that failed: type, required, pattern, format, enum, ... */
  rule: string;
  message: string;
}

export interface SchemaValidator {
  /**
   * Violations of `value` against the schema with this id (full URL, or a unique file name such as
   * "person.json"); an empty list means valid.
   */
  validate(schemaId: string, value: unknown): SchemaViolation[];
  /** The registered schema ids (without the empty fragment). */
  ids(): string[];
}

/** Formats a violation as one line: "memberships[0].start_date: does not match pattern ...". */
export function formatViolation(v: SchemaViolation): string {
  return `${showPath(v.path)}: ${v.message}`;
}

/** Builds a validator over a set of schemas that may `$ref` each other. */
export function createSchemaValidator(schemas: readonly JsonSchema[]): SchemaValidator {
  const registry = new Registry();
  schemas.forEach((schema, i) => {
    registry.add(schema, typeof schema.id === 'string' ? schema.id : `urn:schema:${i}`);
  });

  const lookup = (schemaId: string): JsonSchema | undefined => {
    const exact = registry.byId.get(normaliseId(schemaId));
    if (exact) return exact;
    const suffix = `/${normaliseId(schemaId)}`;
    const matches = [...registry.byId.keys()].filter((k) => k.endsWith(suffix));
    return matches.length === 1 ? registry.byId.get(matches[0]!) : undefined;
  };

  return {
    ids: () => [...registry.byId.keys()],
    validate(schemaId, value) {
      const schema = lookup(schemaId);
      if (!schema) throw new Error(`no schema with id "${schemaId}" was given to the validator`);
      const out: SchemaViolation[] = [];
      new Run(registry, out).check(schema, value, '', registry.baseOf(schema, ''));
      return out;
    },
  };
}

/** Validates one value against one schema (refs may point inside it or to the `others`). */
export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  others: readonly JsonSchema[] = [],
): SchemaViolation[] {
  const registry = new Registry();
  registry.add(schema, typeof schema.id === 'string' ? schema.id : 'urn:schema:root');
  others.forEach((s, i) => {
    registry.add(s, typeof s.id === 'string' ? s.id : `urn:schema:other-${i}`);
  });
  const out: SchemaViolation[] = [];
  new Run(registry, out).check(schema, value, '', registry.baseOf(schema, ''));
  return out;
}

function normaliseId(id: string): string {
  return id.endsWith('#') ? id.slice(0, -1) : id;
}

/** Schemas by id, and the base URI of every (sub)schema, so that refs resolve as draft-03 says. */
class Registry {
  readonly byId = new Map<string, JsonSchema>();
  private readonly bases = new WeakMap<object, string>();

  add(schema: JsonSchema, id: string): void {
    const rootBase = normaliseId(id);
    this.byId.set(rootBase, schema);
    const walk = (node: unknown, currentBase: string): void => {
      if (typeof node !== 'object' || node === null || this.bases.has(node)) return;
      if (Array.isArray(node)) {
        this.bases.set(node, currentBase);
        for (const item of node) walk(item, currentBase);
        return;
      }
      const obj = node as Record<string, unknown>;
      let nodeBase = currentBase;
      if (typeof obj.id === 'string' && obj !== schema) {
        nodeBase = normaliseId(resolveUrl(obj.id, currentBase));
        if (!nodeBase.includes('#')) this.byId.set(nodeBase, obj);
      }
      this.bases.set(obj, nodeBase);
      for (const [key, child] of Object.entries(obj)) {
        if (key !== 'enum' && key !== 'default') walk(child, nodeBase);
      }
    };
    walk(schema, rootBase);
  }

  baseOf(schema: JsonSchema, fallback: string): string {
    return this.bases.get(schema) ?? fallback;
  }
}

function resolveUrl(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesTypeName(name: string, v: unknown): boolean {
  switch (name) {
    case 'any':
      return true;
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isPlainObject(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      // Unknown type names match nothing, so a typo in a schema shows up as a violation.
      return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)$/;
// RFC 3986 absolute URI: a scheme, then only characters a URI may hold (unreserved, reserved, %HH).
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** True for an absolute URI (RFC 3986 characters, scheme required): isUri('http://example.com/a b') is false. */
export function isUri(s: string): boolean {
  return URI.test(s);
}

/** Checks a string against a draft-03 format; unknown formats pass. Returns a reason when it fails. */
export function checkFormat(format: string, s: string): string | null {
  switch (format) {
    case 'date-time': {
      const m = DATE_TIME.exec(s);
      return m && isIsoDate(m[1]!) ? null : 'expected a date-time such as 2024-05-02T10:00:00Z';
    }
    case 'date':
      return isIsoDate(s) ? null : 'expected a date YYYY-MM-DD';
    case 'time':
      return TIME.test(s) ? null : 'expected a time hh:mm:ss';
    case 'uri':
      return isUri(s) ? null : 'expected an absolute URI';
    case 'email':
      return EMAIL.test(s) && !s.includes('..') ? null : 'expected an email address';
    case 'regex':
      try {
        new RegExp(s);
        return null;
      } catch {
        return 'expected a regular expression';
      }
    default:
      return null;
  }
}

class Run {
  private readonly patterns = new Map<string, RegExp>();

  constructor(
    private readonly registry: Registry,
    private readonly out: SchemaViolation[],
  ) {}

  private report(path: string, rule: string, message: string): void {
    this.out.push({ path, rule, message });
  }

  private regex(source: string): RegExp {
    let re = this.patterns.get(source);
    if (!re) {
      re = new RegExp(source);
      this.patterns.set(source, re);
    }
    return re;
  }

  private resolve(ref: string, base: string): JsonSchema | undefined {
    const url = resolveUrl(ref, base);
    const hash = url.indexOf('#');
    const target = this.registry.byId.get(hash < 0 ? url : url.slice(0, hash));
    const fragment = hash < 0 ? '' : url.slice(hash + 1);
    if (!target || fragment === '') return target;
    if (!fragment.startsWith('/')) return undefined;
    let node: unknown = target;
    for (const raw of fragment.slice(1).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node)) node = node[Number(key)];
      else if (isPlainObject(node)) node = node[key];
      else return undefined;
    }
    return isPlainObject(node) ? node : undefined;
  }

  /** True when `value` satisfies `schema`, without reporting anything. */
  private passes(schema: JsonSchema, value: unknown, base: string): boolean {
    const scratch: SchemaViolation[] = [];
    new Run(this.registry, scratch).check(schema, value, '', base);
    return scratch.length === 0;
  }

  check(schema: JsonSchema, value: unknown, path: string, base: string): void {
    const here = this.registry.baseOf(schema, base);
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(schema.$ref, here);
      if (!target) {
        this.report(path, '$ref', `schema reference "${schema.$ref}" cannot be resolved`);
        return;
      }
      this.check(target, value, path, this.registry.baseOf(target, here));
      return;
    }

    if (schema.type !== undefined && !this.typeMatches(schema.type, value, here)) {
      this.report(path, 'type', `expected ${describeType(schema.type)}, got ${typeName(value)}`);
      return;
    }
    if (schema.disallow !== undefined && this.typeMatches(schema.disallow, value, here)) {
      this.report(path, 'disallow', `${typeName(value)} is not allowed here`);
    }
    if (schema.extends !== undefined) {
      const parents = Array.isArray(schema.extends) ? schema.extends : [schema.extends];
      for (const parent of parents) if (isPlainObject(parent)) this.check(parent, value, path, here);
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) {
      this.report(path, 'enum', `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    }
    if (isPlainObject(value)) this.checkObject(schema, value, path, here);
    else if (Array.isArray(value)) this.checkArray(schema, value, path, here);
    else if (typeof value === 'string') this.checkString(schema, value, path);
    else if (typeof value === 'number') this.checkNumber(schema, value, path);
  }

  private typeMatches(type: unknown, value: unknown, base: string): boolean {
    const options = Array.isArray(type) ? type : [type];
    return options.some((t) =>
      typeof t === 'string' ? matchesTypeName(t, value) : isPlainObject(t) && this.passes(t, value, base),
    );
  }

  private checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string, base: string): void {
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    for (const [name, sub] of Object.entries(properties)) {
      if (!isPlainObject(sub)) continue;
      if (Object.hasOwn(value, name)) this.check(sub, value[name], pathKey(path, name), base);
      else if (sub.required === true) this.report(pathKey(path, name), 'required', 'required');
    }
    const patternProps = isPlainObject(schema.patternProperties) ? schema.patternProperties : {};
    for (const [key, v] of Object.entries(value)) {
      let matched = Object.hasOwn(properties, key);
      for (const [pattern, sub] of Object.entries(patternProps)) {
        if (isPlainObject(sub) && this.regex(pattern).test(key)) {
          matched = true;
          this.check(sub, v, pathKey(path, key), base);
        }
      }
      if (matched) continue;
      if (schema.additionalProperties === false) {
        this.report(pathKey(path, key), 'additionalProperties', `property "${key}" is not allowed`);
      } else if (isPlainObject(schema.additionalProperties)) {
        this.check(schema.additionalProperties, v, pathKey(path, key), base);
      }
    }
    if (isPlainObject(schema.dependencies)) {
      for (const [key, dep] of Object.entries(schema.dependencies)) {
        if (!Object.hasOwn(value, key)) continue;
        if (typeof dep === 'string' || Array.isArray(dep)) {
          for (const needed of typeof dep === 'string' ? [dep] : dep) {
            if (typeof needed === 'string' && !Object.hasOwn(value, needed)) {
              this.report(pathKey(path, needed), 'dependencies', `required when "${key}" is present`);
            }
          }
        } else if (isPlainObject(dep)) {
          this.check(dep, value, path, base);
        }
      }
    }
  }

  private checkArray(schema: JsonSchema, value: unknown[], path: string, base: string): void {
    if (isPlainObject(schema.items)) {
      const items = schema.items;
      for (let i = 0; i < value.length; i++) this.check(items, value[i], pathIndex(path, i), base);
    } else if (Array.isArray(schema.items)) {
      const tuple = schema.items;
      value.forEach((item, i) => {
        const sub = tuple[i];
        if (i < tuple.length) {
          if (isPlainObject(sub)) this.check(sub, item, pathIndex(path, i), base);
        } else if (schema.additionalItems === false) {
          this.report(pathIndex(path, i), 'additionalItems', `at most ${tuple.length} items are allowed`);
        } else if (isPlainObject(schema.additionalItems)) {
          this.check(schema.additionalItems, item, pathIndex(path, i), base);
        }
      });
    }
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      this.report(path, 'minItems', `expected at least ${schema.minItems} items, got ${value.length}`);
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      this.report(path, 'maxItems', `expected at most ${schema.maxItems} items, got ${value.length}`);
    }
    if (schema.uniqueItems === true) {
      for (let i = 1; i < value.length; i++) {
        const j = value.slice(0, i).findIndex((earlier) => deepEqual(earlier, value[i]));
        if (j >= 0) this.report(pathIndex(path, i), 'uniqueItems', `duplicates item ${j}`);
      }
    }
  }

  private checkString(schema: JsonSchema, value: string, path: string): void {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      this.report(path, 'minLength', `expected at least ${schema.minLength} characters, got ${length}`);
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      this.report(path, 'maxLength', `expected at most ${schema.maxLength} characters, got ${length}`);
    }
    if (typeof schema.pattern === 'string' && !this.regex(schema.pattern).test(value)) {
      this.report(path, 'pattern', `"${value}" does not match the pattern ${schema.pattern}`);
    }
    if (typeof schema.format === 'string') {
      const problem = checkFormat(schema.format, value);
      if (problem) this.report(path, 'format', `${problem}, got "${value}"`);
    }
  }

  private checkNumber(schema: JsonSchema, value: number, path: string): void {
    if (typeof schema.minimum === 'number') {
      const ok = schema.exclusiveMinimum === true ? value > schema.minimum : value >= schema.minimum;
      if (!ok)
        this.report(
          path,
          'minimum',
          `expected ${schema.exclusiveMinimum === true ? '>' : '>='} ${schema.minimum}, got ${value}`,
        );
    }
    if (typeof schema.maximum === 'number') {
      const ok = schema.exclusiveMaximum === true ? value < schema.maximum : value <= schema.maximum;
      if (!ok)
        this.report(
          path,
          'maximum',
          `expected ${schema.exclusiveMaximum === true ? '<' : '<='} ${schema.maximum}, got ${value}`,
        );
    }
    if (typeof schema.divisibleBy === 'number' && schema.divisibleBy !== 0) {
      const q = value / schema.divisibleBy;
      if (Math.abs(q - Math.round(q)) > 1e-9)
        this.report(path, 'divisibleBy', `expected a multiple of ${schema.divisibleBy}`);
    }
  }
}

function describeType(type: unknown): string {
  const options = Array.isArray(type) ? type : [type];
  return options.map((t) => (typeof t === 'string' ? t : 'a matching schema')).join(' or ');
}
