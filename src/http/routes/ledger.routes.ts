/** The incumbency ledger and cycle inference over HTTP: the JSON of `caucus ledger --json` and `caucus cycle --json`. */
import { z } from 'zod';
import { cycle, ledger } from '../../app/commands/ledger.commands.js';
import { recordId } from '../../app/commands/records.commands.js';
import { isoDate } from '../../app/validate.js';
import type { RouteContext } from '../http.types.js';
import { sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

const key = z.strictObject({ id: recordId.describe('a council id, three-letter code or GSS code') });

export function ledgerRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/councils/{id}/ledger',
      operationId: 'getLedger',
      cache: true,
      tag: 'ledger',
      summary:
        'Who held each seat up at an ordinary election and what became of them (re-elected, lost, changed-party, moved, stood-down, deselected)',
      params: key,
      query: z.strictObject({
        election: isoDate
          .optional()
          .describe('the ordinary election (YYYY-MM-DD); default the latest in the registry'),
      }),
      responses: {
        200: {
          description:
            '{ council, election, seats: [ { ward, incumbents: [ { person, party, outcome } ] } ], totals }',
        },
      },
      handler: async (c, { params, rawQuery }) =>
        sendView(c, (await ledger(rc.app, { ...rawQuery, council: params.id })).json),
    }),
    route({
      method: 'GET',
      path: '/api/councils/{id}/cycle',
      operationId: 'getCycle',
      cache: true,
      tag: 'ledger',
      summary:
        'How a council elects, inferred from its polls: scheme, fallow and all-out years, postponements',
      description:
        'Read-only: filling the inferred scheme in for the timetable is `caucus cycle --apply` on the command line.',
      params: key,
      responses: {
        200: { description: '{ council, scheme, seatsPerPoll, fallowYears, allOutYears, postponed }' },
      },
      handler: async (c, { params }) => sendView(c, (await cycle(rc.app, { council: params.id })).json),
    }),
  ];
}
