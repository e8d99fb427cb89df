/**
 * The three routes every editable record kind has: read one (with its version as a strong ETag), create
 * (editor), and change some fields naming the version read in If-Match (editor).
 */
import { z } from 'zod';
import {
  createRecord,
  getRecord,
  RECORD_KINDS,
  type RecordKind,
  recordId,
  updateRecord,
} from '../../app/commands/records.commands.js';
import type { RouteContext } from '../http.types.js';
import { sendRecord } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

export const idParam = z.strictObject({ id: recordId });

export interface EditablePaths {
  /** Where new records are posted, e.g. /api/people. */
  collection: string;
  /** Where one record is read, e.g. /api/people/{id}/record or /api/sources/{id}. */
  read: string;
  /** Where one record is changed, e.g. /api/people/{id}. */
  write: string;
  tag: string;
  /** The plural used in operation ids, e.g. People. */
  plural: string;
  singular: string;
}

export function editableRoutes(rc: RouteContext, kind: RecordKind, p: EditablePaths): RouteSpec[] {
  const spec = RECORD_KINDS[kind];
  const location = (id: string) => p.read.replace('{id}', encodeURIComponent(id));
  return [
    route({
      method: 'GET',
      path: p.read,
      operationId: `get${p.singular}Record`,
      tag: p.tag,
      summary: `One ${kind} record as stored, with its version as the ETag`,
      params: idParam,
      responses: {
        200: { description: `The ${kind}; ETag: "<version>"` },
        304: { description: 'Not modified' },
      },
      handler: async (c, { params }) => sendRecord(c, await getRecord(rc.app, kind, params.id)),
    }),
    route({
      method: 'POST',
      path: p.collection,
      operationId: `create${p.singular}`,
      tag: p.tag,
      summary: `Create a ${kind} (editor); the id is generated unless given`,
      body: spec.create as z.ZodType<Record<string, unknown>>,
      responses: { 201: { description: `The new ${kind} at version 1; Location names it` } },
      handler: async (c, { body, actor }) => {
        const created = await createRecord(rc.app, kind, body, actor);
        return sendRecord(c, created, 201, { Location: location(created.id) });
      },
    }),
    route({
      method: 'PATCH',
      path: p.write,
      operationId: `update${p.singular}`,
      tag: p.tag,
      summary: `Change fields of a ${kind} (editor), naming the version read in If-Match`,
      params: idParam,
      body: spec.patch as z.ZodType<Record<string, unknown>>,
      ifMatch: true,
      responses: { 200: { description: `The ${kind} after the change, at its new version` } },
      handler: async (c, { params, body, actor, ifMatch }) =>
        sendRecord(c, await updateRecord(rc.app, kind, params.id, body, ifMatch, actor)),
    }),
  ];
}
