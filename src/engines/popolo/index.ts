/**
 * Popolo JSON export and import (pure): the registry snapshot to a Popolo document and back, the JSON
 * text parser with positioned syntax errors, and a draft-03 JSON-Schema validator for the official
 * Popolo schemas. docs/popolo.md documents the mapping.
 */
export { pathIndex, pathKey, showPath } from './json-path.format.js';
export {
  checkFormat,
  createSchemaValidator,
  formatViolation,
  isUri,
  type JsonSchema,
  type SchemaValidator,
  type SchemaViolation,
  validateJsonSchema,
} from './json-schema.validator.js';
export { locateJsonError, parseJsonText, positionAt, type TextPosition } from './json-text.parser.js';
export * from './popolo.types.js';
export {
  AREA_FIELD_SCHEMES,
  areaTypeOf,
  councilFromGss,
  eventTypeOf,
  isGssCode,
  ORGANIZATION_FIELD_SCHEMES,
  organizationClassOf,
  roleOf,
  SHORT_NAME_NOTE,
} from './popolo.vocabulary.js';
export { toPopolo } from './popolo-export.mapper.js';
export { fromPopolo, importPopoloText, parsePopoloText, popoloDateToIso } from './popolo-import.mapper.js';
