/**
 * Real-data ingest (pure): parsers for Democracy Club, LGA, mySociety and Every Election files that take the
 * file's text and name and return registry records with stable ids, rejects and notes; election ids; party
 * labels; council resolution; person matching. The app layer reads files and writes the store.
 * docs/formats.md documents every format, its quirks and its error messages.
 */
import { type CouncilsImportResult, parseCouncilNames, parseCouncils } from './councils.importer.js';
import { parseDcCandidates, type ResultsImportOptions } from './dc-candidates.importer.js';
import { parseDcResults } from './dc-results.importer.js';
import type { ImportFormat, ImportResult } from './import.common.js';
import { parseLgaResults } from './lga-results.importer.js';
import { parseWards, type WardsImportOptions } from './wards.importer.js';

export {
  type CouncilDirectory,
  type CouncilNameLookup,
  type CouncilRef,
  type CouncilsImportResult,
  councilCandidates,
  councilDirectory,
  councilNameEntries,
  councilNameLookup,
  DC_SLUG_OVERRIDES,
  normaliseCouncilName,
  parseCouncilNames,
  parseCouncils,
  resolveCouncil,
} from './councils.importer.js';
export {
  type CsvOptions,
  type CsvRow,
  type CsvTable,
  headerKey,
  rawRow,
  readCsv,
  readHeader,
  stripBom,
} from './csv.reader.js';
export {
  DC_CANDIDATES_REQUIRED,
  parseDcCandidates,
  type ResultsImportOptions,
} from './dc-candidates.importer.js';
export {
  buildElectionId,
  ELECTION_TYPES,
  type ElectionId,
  type ElectionIdLevel,
  electionIdLevel,
  formatElectionId,
  isElectionId,
  isSlug,
  organisationElectionId,
  parseElectionId,
  type SlugOptions,
  slugify,
  tryParseElectionId,
} from './dc-election-id.js';
export { parseDcResults } from './dc-results.importer.js';
export { detectFormat } from './format.detector.js';
export {
  datasetSource,
  FORMAT_LABELS,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportOptions,
  type ImportResult,
  type References,
  type Reject,
} from './import.common.js';
export {
  classifyLgaPoll,
  LGA_COLUMNS,
  LGA_REQUIRED,
  nameCase,
  parseLgaDate,
  parseLgaResults,
} from './lga-results.importer.js';
export {
  ecIdFromUri,
  normalisePartyLabel,
  type PartyRef,
  parsePartyId,
  partyNameFor,
  partyOrganizationId,
  resolvePartyLabel,
} from './party-label.resolver.js';
export { INDEPENDENT_LABELS, PARTIES, type PartyEntry } from './party-names.data.js';
export {
  type MatchCandidate,
  type MatchDecision,
  type MatchOptions,
  type MatchPair,
  type MatchResult,
  matchPersons,
  type NameParts,
  nameParts,
  normalisePersonName,
  scoreNames,
} from './person-match.js';
export { gssFromPostId, humaniseSlug } from './results.builder.js';
export { parseWards, type WardLayout, type WardsImportOptions, wardLayout } from './wards.importer.js';

export type AnyImportOptions = ResultsImportOptions & WardsImportOptions;

/**
 * Parses a file in a named format: importText('dc-candidates', text, 'candidates.csv', { skipInvalid: true }).
 * Throws InvalidInputError for a file in another format or (unless skipInvalid) the first bad row.
 */
export function importText(
  format: ImportFormat,
  text: string,
  file: string,
  options: AnyImportOptions = {},
): ImportResult | CouncilsImportResult {
  switch (format) {
    case 'dc-candidates':
      return parseDcCandidates(text, file, options);
    case 'dc-results':
      return parseDcResults(text, file, options);
    case 'lga-results':
      return parseLgaResults(text, file, options);
    case 'councils':
      return parseCouncils(text, file, options);
    case 'council-names':
      return parseCouncilNames(text, file, options);
    case 'wards':
      return parseWards(text, file, options);
  }
}
