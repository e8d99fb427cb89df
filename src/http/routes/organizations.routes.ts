/** Parties and the factions inside them. */
import {
  factionsInput,
  listFactions,
  listParties,
  partiesInput,
} from '../../app/commands/catalog.commands.js';
import type { RouteContext } from '../http.types.js';
import { sendPage } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

export function organizationRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/parties',
      operationId: 'listParties',
      cache: true,
      tag: 'parties',
      summary: 'Registered parties',
      query: partiesInput,
      responses: { 200: { description: 'A page of parties: { items, nextCursor }' } },
      handler: async (c, { rawQuery }) => sendPage(c, await listParties(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/factions',
      operationId: 'listFactions',
      cache: true,
      tag: 'parties',
      summary: 'Factions, optionally of one party',
      query: factionsInput,
      responses: { 200: { description: 'A page of factions, each with its party: { items, nextCursor }' } },
      handler: async (c, { rawQuery }) => sendPage(c, await listFactions(rc.app, rawQuery)),
    }),
  ];
}
