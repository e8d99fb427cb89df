/** The audit log of every write (admin only). */
import { auditInput, listAudit } from '../../app/commands/accounts.commands.js';
import type { RouteContext } from '../http.types.js';
import { sendPage } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

export function auditRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/audit',
      operationId: 'listAudit',
      tag: 'accounts',
      summary: 'Every write, newest first: who, when, the record before and after (admin)',
      role: 'admin',
      query: auditInput,
      responses: { 200: { description: 'A page of audit entries: { items, nextCursor }' } },
      handler: async (c, { rawQuery }) => sendPage(c, await listAudit(rc.app, rawQuery)),
    }),
  ];
}
