/** Events (defections, deselections, leadership elections, motions, ...): the list and editing. */
import { eventsInput, listEvents } from '../../app/commands/catalog.commands.js';
import type { RouteContext } from '../http.types.js';
import { sendPage } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';
import { editableRoutes } from './editable.routes.js';

export function eventRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/events',
      operationId: 'listEvents',
      cache: true,
      tag: 'events',
      summary: 'Events newest first, by council, person, type (comma-separated) and dates',
      query: eventsInput,
      responses: { 200: { description: 'A page of events: { items, nextCursor }' } },
      handler: async (c, { rawQuery }) => sendPage(c, await listEvents(rc.app, rawQuery)),
    }),
    ...editableRoutes(rc, 'event', {
      collection: '/api/events',
      read: '/api/events/{id}',
      write: '/api/events/{id}',
      tag: 'events',
      plural: 'Events',
      singular: 'Event',
    }),
  ];
}
