/** The events that feeds announce (deselections, defections, leadership changes), newest first. */
import { z } from 'zod';
import type { CaucusEvent, EventType } from '../../domain/model.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';
import { resolveCouncil } from './catalog.commands.js';

export const FEED_EVENT_TYPES: readonly EventType[] = ['deselection', 'defection', 'leadership-election'];

export const feedInput = z.strictObject({
  council: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface FeedEntry extends CaucusEvent {
  councilName: string | null;
  personName: string | null;
}

export interface FeedEvents {
  /** The council the feed is for, or null for the national feed. */
  council: { id: string; name: string } | null;
  entries: FeedEntry[];
}

/** feedEvents(ctx, { council: 'BIR' }) -> the latest deselections, defections and leadership elections in Birmingham. */
export async function feedEvents(ctx: AppContext, raw: unknown): Promise<FeedEvents> {
  const input = parseInput(feedInput, raw);
  const q = ctx.store.query;
  const council = input.council ? await resolveCouncil(q, input.council) : undefined;
  const events = await ctx.store.catalog.eventsPage(
    { councilId: council?.id, types: FEED_EVENT_TYPES },
    null,
    input.limit,
  );
  const councils = new Map(
    (await q.organizationsByIds([...new Set(events.flatMap((e) => (e.councilId ? [e.councilId] : [])))])).map(
      (o) => [o.id, o.name],
    ),
  );
  const people = new Map(
    (await q.persons([...new Set(events.flatMap((e) => (e.personId ? [e.personId] : [])))])).map((p) => [
      p.id,
      p.name,
    ]),
  );
  return {
    council: council ? { id: council.id, name: council.name } : null,
    entries: events.map((e) => ({
      ...e,
      councilName: e.councilId ? (councils.get(e.councilId) ?? null) : null,
      personName: e.personId ? (people.get(e.personId) ?? null) : null,
    })),
  };
}
