/** People: fuzzy search by name, one person's page over time, and editing person records. */
import { z } from 'zod';
import { searchPeople, searchPeopleInput } from '../../app/commands/catalog.commands.js';
import { showPerson } from '../../app/commands/view.commands.js';
import { isoDate } from '../../app/validate.js';
import type { RouteContext } from '../http.types.js';
import { sendPage, sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';
import { editableRoutes, idParam } from './editable.routes.js';

export function peopleRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/people',
      operationId: 'searchPeople',
      cache: true,
      tag: 'people',
      summary: 'People whose name is close to q, best first (typing slips forgiven)',
      query: searchPeopleInput,
      responses: {
        200: { description: 'A page of matches: { q, items: [{ rank, id, name }], nextCursor }' },
      },
      handler: async (c, { rawQuery }) => sendPage(c, await searchPeople(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/people/{id}',
      operationId: 'getPerson',
      cache: true,
      tag: 'people',
      summary: 'One person: offices and memberships over time, candidacies, events, sources',
      params: idParam,
      query: z.strictObject({ asOf: isoDate.optional() }),
      responses: { 200: { description: 'The person' }, 304: { description: 'Not modified' } },
      handler: async (c, { params, rawQuery }) =>
        sendView(c, await showPerson(rc.app, { id: params.id, ...rawQuery })),
    }),
    ...editableRoutes(rc, 'person', {
      collection: '/api/people',
      read: '/api/people/{id}/record',
      write: '/api/people/{id}',
      tag: 'people',
      plural: 'People',
      singular: 'Person',
    }),
  ];
}
