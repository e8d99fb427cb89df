/** Elections (one council's poll on one day) and ballots (one ward's contest), Democracy Club ids. */
import {
  electionsInput,
  listElections,
  showBallot,
  showElection,
} from '../../app/commands/catalog.commands.js';
import type { RouteContext } from '../http.types.js';
import { sendPage, sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';
import { idParam } from './editable.routes.js';

export function electionRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/elections',
      operationId: 'listElections',
      cache: true,
      tag: 'elections',
      summary: 'Elections newest first, by council and dates',
      query: electionsInput,
      responses: { 200: { description: 'A page of elections: { items, nextCursor }' } },
      handler: async (c, { rawQuery }) => sendPage(c, await listElections(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/elections/{id}',
      operationId: 'getElection',
      cache: true,
      tag: 'elections',
      summary: 'One election with its ballots',
      params: idParam,
      responses: { 200: { description: 'The election' }, 304: { description: 'Not modified' } },
      handler: async (c, { params }) => sendView(c, await showElection(rc.app, params)),
    }),
    route({
      method: 'GET',
      path: '/api/ballots/{id}',
      operationId: 'getBallot',
      cache: true,
      tag: 'elections',
      summary: 'One ballot: its ward, candidates and votes, sources',
      params: idParam,
      responses: { 200: { description: 'The ballot' }, 304: { description: 'Not modified' } },
      handler: async (c, { params }) => sendView(c, await showBallot(rc.app, params)),
    }),
  ];
}
