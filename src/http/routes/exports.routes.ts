/** Open exports, streamed as they are read: Popolo JSON and the Democracy Club-style candidates CSV. */
import { candidatesCsv, candidatesCsvInput, popoloChunks } from '../../app/commands/exports.commands.js';
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
  ];
}
