/** Accounts: the audit log of every write, and the API tokens (admin only). */
import { z } from 'zod';
import { auditInput, listAudit, listTokens, revokeToken } from '../../app/commands/accounts.commands.js';
import type { RouteContext } from '../http.types.js';
import { sendPage, sendView } from '../responses.format.js';
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
    route({
      method: 'GET',
      path: '/api/tokens',
      operationId: 'listTokens',
      tag: 'accounts',
      summary: 'Every API token: id, name, role, created, last used, revoked; never the secret (admin)',
      role: 'admin',
      responses: {
        200: { description: '{ tokens: [ { id, name, role, createdAt, lastUsedAt, revokedAt } ] }' },
      },
      handler: async (c) => sendView(c, await listTokens(rc.app)),
    }),
    route({
      method: 'DELETE',
      path: '/api/tokens/{id}',
      operationId: 'revokeToken',
      tag: 'accounts',
      summary: 'Revoke an API token: every request bearing it gets 401 from now on (admin; audited)',
      role: 'admin',
      params: z.strictObject({ id: z.string().max(200).describe('a token id, as GET /api/tokens lists') }),
      responses: {
        200: { description: 'The revoked token: { id, name, role, createdAt, lastUsedAt, revokedAt }' },
      },
      handler: async (c, { params, actor }) => sendView(c, await revokeToken(rc.app, params, actor)),
    }),
  ];
}
