/** Articles in, claims out: submit an article for extraction, and review (accept or reject) its claims. */
import { z } from 'zod';
import { extractArticle, saveArticle } from '../../app/commands/extract.commands.js';
import { recordId } from '../../app/commands/records.commands.js';
import { acceptClaim, listClaims, rejectClaim, showClaim } from '../../app/commands/review.commands.js';
import { isoDate } from '../../app/validate.js';
import { NotFoundError } from '../../domain/errors.js';
import type { RouteContext } from '../http.types.js';
import { sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

const claimId = z.strictObject({ id: recordId.describe('a claim id (a positive whole number)') });

/** Claim ids are numbers: any other id names no claim, which is a 404 like any unknown id. */
function claim(id: string): string {
  if (!/^[1-9]\d{0,12}$/.test(id)) throw new NotFoundError('claim', id);
  return id;
}
const article = z.strictObject({
  text: z.string().min(1).max(16_000_000).describe('the article: plain text or a saved HTML page'),
  published: isoDate.optional(),
  url: z.string().max(2000).optional(),
  publisher: z.string().max(300).optional(),
  title: z.string().max(500).optional(),
});

const bytesOf = (text: string) => new TextEncoder().encode(text);

export function reviewRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'POST',
      path: '/api/extract',
      operationId: 'extractArticle',
      tag: 'review',
      summary:
        'Entities and claims of an article, with evidence offsets into its plain text (nothing is stored)',
      body: article,
      responses: { 200: { description: '{ entities, claims }' } },
      handler: async (c, { body }) =>
        sendView(
          c,
          extractArticle({
            bytes: bytesOf(body.text),
            file: body.title ?? 'article',
            published: body.published,
          }),
        ),
    }),
    route({
      method: 'POST',
      path: '/api/articles',
      operationId: 'submitArticle',
      tag: 'review',
      summary: 'Submit an article: its claims join the review queue, linked to registry records where clear',
      body: article,
      responses: { 201: { description: 'The saved article and its proposed claims' } },
      handler: async (c, { body }) =>
        sendView(
          c,
          await saveArticle(rc.app, {
            bytes: bytesOf(body.text),
            file: body.title ?? body.url ?? 'article',
            published: body.published,
            url: body.url,
            publisher: body.publisher,
            title: body.title,
          }),
        ),
    }),
    route({
      method: 'GET',
      path: '/api/claims',
      operationId: 'listClaims',
      tag: 'review',
      summary: 'Claims in the review queue, oldest first',
      query: z.strictObject({
        status: z.enum(['proposed', 'accepted', 'rejected']).optional(),
        article: z.string().max(20).optional(),
        limit: z.string().max(5).optional(),
        after: z.string().max(20).optional(),
      }),
      responses: { 200: { description: '{ total, claims, next }' } },
      handler: async (c, { rawQuery }) => sendView(c, await listClaims(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/claims/{id}',
      operationId: 'getClaim',
      tag: 'review',
      summary: 'One claim with its article, evidence and the registry links proposed for its arguments',
      params: claimId,
      responses: { 200: { description: 'The claim' } },
      handler: async (c, { params }) => sendView(c, await showClaim(rc.app, { id: claim(params.id) })),
    }),
    route({
      method: 'POST',
      path: '/api/claims/{id}/accept',
      operationId: 'acceptClaim',
      tag: 'review',
      summary: 'Accept a claim (editor): it becomes registry facts citing the article and the quote',
      params: claimId,
      body: z.strictObject({
        edits: z
          .array(z.string().max(2000))
          .max(100)
          .optional()
          .describe('key=value changes to the arguments'),
        links: z.array(z.string().max(500)).max(200).optional().describe('argument=registryId (or =new)'),
      }),
      responses: { 200: { description: 'The facts created or confirmed' } },
      handler: async (c, { params, body, actor }) =>
        sendView(
          c,
          await acceptClaim(
            rc.app,
            { id: params.id, edits: body.edits ?? [], links: body.links ?? [], reviewer: actor.name },
            actor,
          ),
        ),
    }),
    route({
      method: 'POST',
      path: '/api/claims/{id}/reject',
      operationId: 'rejectClaim',
      tag: 'review',
      summary: 'Reject a claim (editor) with a reason; the registry is not touched',
      params: claimId,
      body: z.strictObject({ reason: z.string().min(1).max(2000) }),
      responses: { 200: { description: 'The rejected claim' } },
      handler: async (c, { params, body, actor }) =>
        sendView(
          c,
          await rejectClaim(rc.app, { id: claim(params.id), reason: body.reason, reviewer: actor.name }),
        ),
    }),
  ];
}
