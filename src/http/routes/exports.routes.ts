/**
 * Open exports, streamed as they are read: Popolo JSON, the Democracy Club-style candidates CSV and the
 * incumbency ledger CSV.
 */
import { candidatesCsv, candidatesCsvInput, popoloChunks } from '../../app/commands/exports.commands.js';
import { LEDGER_CSV_COLUMNS, ledgerCsv, ledgerCsvInput } from '../../app/commands/ledger.commands.js';
import type { RouteContext } from '../http.types.js';
import { sendStream } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

export function exportRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/export/popolo',
      operationId: 'exportPopolo',
      tag: 'exports',
      summary: 'The whole registry as one Popolo JSON document, streamed table by table',
      responses: { 200: { description: 'A Popolo document (see docs/popolo.md)' } },
      handler: () =>
        sendStream(popoloChunks(rc.app), {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': 'attachment; filename="caucus-popolo.json"',
        }),
    }),
    route({
      method: 'GET',
      path: '/api/export/candidates.csv',
      operationId: 'exportCandidatesCsv',
      tag: 'exports',
      summary: 'Every candidacy as a Democracy Club-style CSV, whole or for one council (?council=)',
      query: candidatesCsvInput,
      responses: {
        200: {
          description:
            'CSV with person_id, person_name, election_id, ballot_paper_id, election_date, party_id, party_name, post_label, gss, votes_cast, elected',
          contentType: 'text/csv',
        },
      },
      handler: async (_c, { rawQuery }) => {
        const { council, chunks } = await candidatesCsv(rc.app, rawQuery);
        const name = council
          ? `caucus-candidates-${council.id.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`
          : 'caucus-candidates.csv';
        return sendStream(chunks, {
          'Content-Type': 'text/csv; charset=utf-8; header=present',
          'Content-Disposition': `attachment; filename="${name}"`,
        });
      },
    }),
    route({
      method: 'GET',
      path: '/api/export/ledger.csv',
      operationId: 'exportLedgerCsv',
      tag: 'exports',
      summary:
        'The incumbency ledger of every ordinary election as CSV, one row per seat up, whole or for one council (?council=)',
      query: ledgerCsvInput,
      responses: {
        200: { description: `CSV with ${LEDGER_CSV_COLUMNS.join(', ')}`, contentType: 'text/csv' },
      },
      handler: async (_c, { rawQuery }) => {
        const { council, chunks } = await ledgerCsv(rc.app, rawQuery);
        const name = council
          ? `caucus-ledger-${council.id.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`
          : 'caucus-ledger.csv';
        return sendStream(chunks, {
          'Content-Type': 'text/csv; charset=utf-8; header=present',
          'Content-Disposition': `attachment; filename="${name}"`,
        });
      },
    }),
  ];
}
