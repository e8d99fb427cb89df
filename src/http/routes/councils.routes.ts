/** The national overview, councils (list and one council on a day) and wards. */
import { z } from 'zod';
import { councilsInput, listCouncils } from '../../app/commands/catalog.commands.js';
import { recordId } from '../../app/commands/records.commands.js';
import { overview, showCouncil, showWard } from '../../app/commands/view.commands.js';
import { isoDate } from '../../app/validate.js';
import type { RouteContext } from '../http.types.js';
import { sendPage, sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

const asOf = z.strictObject({
  asOf: isoDate.optional().describe('the day to look at (YYYY-MM-DD); default today'),
});
const key = z.strictObject({ id: recordId.describe('an id, three-letter code or GSS code') });

export function councilRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/overview',
      operationId: 'getOverview',
      cache: true,
      tag: 'councils',
      summary: 'The national picture on a day: councils by control, the largest groups and their factions',
      query: asOf,
      responses: { 200: { description: 'The overview' } },
      handler: async (c, { rawQuery }) => sendView(c, await overview(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/councils',
      operationId: 'listCouncils',
      cache: true,
      tag: 'councils',
      summary: 'Councils with their control on a day, filtered by nation, type, controlling party or faction',
      description: 'control is a party id, or "noc" for no overall control; factionControl is a faction id.',
      query: councilsInput,
      responses: { 200: { description: 'A page of councils: { asOf, items, nextCursor }' } },
      handler: async (c, { rawQuery }) => sendPage(c, await listCouncils(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/councils/{id}',
      operationId: 'getCouncil',
      cache: true,
      tag: 'councils',
      summary: 'One council on a day: control, groups and factions, leaders, events, sources',
      params: key,
      query: asOf,
      responses: { 200: { description: 'The council on the day' }, 304: { description: 'Not modified' } },
      handler: async (c, { params, rawQuery }) =>
        sendView(c, await showCouncil(rc.app, { id: params.id, ...rawQuery })),
    }),
    route({
      method: 'GET',
      path: '/api/wards/{id}',
      operationId: 'getWard',
      cache: true,
      tag: 'councils',
      summary: 'One ward on a day: its seats, who held them, its recent ballots',
      params: z.strictObject({
        id: recordId.describe(
          'a ward id, GSS code, or the post id of one of its seats (as seats and candidacies give)',
        ),
      }),
      query: asOf,
      responses: { 200: { description: 'The ward on the day' }, 304: { description: 'Not modified' } },
      handler: async (c, { params, rawQuery }) =>
        sendView(c, await showWard(rc.app, { id: params.id, ...rawQuery })),
    }),
  ];
}
