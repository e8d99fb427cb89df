/** The engines over HTTP: control, the timetable, voting power and takeover, each a thin call to a command. */
import { z } from 'zod';
import { control, controlSummary, nationalControl } from '../../app/commands/control.commands.js';
import { councilPowerCommand, powerCalculator, takeover } from '../../app/commands/power.commands.js';
import { recordId } from '../../app/commands/records.commands.js';
import {
  timetableCouncil,
  timetableDeadlines,
  timetablePollingDays,
  timetableSelections,
} from '../../app/commands/timetable.commands.js';
import { isoDate } from '../../app/validate.js';
import type { RouteContext } from '../http.types.js';
import { sendView } from '../responses.format.js';
import { type RouteSpec, route } from '../route.registry.js';

const text = z.string().max(2000);
const key = z.strictObject({ id: recordId.describe('a council id, three-letter code or GSS code') });
const asOf = isoDate.optional().describe('the day to look at (YYYY-MM-DD); default today');
const flag = z.enum(['true', 'false']).optional();

export function engineRoutes(rc: RouteContext): RouteSpec[] {
  return [
    route({
      method: 'GET',
      path: '/api/control',
      operationId: 'getControl',
      cache: true,
      tag: 'control',
      summary: 'Council control on a day: status, majority party, leader, faction balance in each group',
      query: z.strictObject({ council: text.optional(), asOf }),
      responses: { 200: { description: '{ asOf, councils: [...] }' } },
      handler: async (c, { rawQuery }) => sendView(c, await control(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/control/summary',
      operationId: 'getControlSummary',
      cache: true,
      tag: 'control',
      summary:
        'Control of every council on a day, one lean row each (status, majority party, controlling faction, leader)',
      query: z.strictObject({ asOf }),
      responses: {
        200: {
          description:
            '{ asOf, councils: [ { id, name, laCode, councilType, nation, region, seats, filledSeats, status, majorityParty, controllingFaction, leader } ] }',
        },
      },
      handler: async (c, { rawQuery }) => sendView(c, await controlSummary(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/control/national',
      operationId: 'getNationalControl',
      cache: true,
      tag: 'control',
      summary: 'Councils by majority party and by controlling faction, on 1 June of each year',
      query: z.strictObject({ from: text.optional(), to: text.optional() }),
      responses: { 200: { description: '{ from, to, names, series: [...] }' } },
      handler: async (c, { rawQuery }) => sendView(c, await nationalControl(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/timetable/polling-days',
      operationId: 'getPollingDays',
      tag: 'timetable',
      summary: 'Ordinary local polling days by year for a nation',
      query: z.strictObject({ from: text, to: text, nation: text.optional() }),
      responses: { 200: { description: '[ { year, date, note? } ]' } },
      handler: async (c, { rawQuery }) => sendView(c, timetablePollingDays(rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/timetable/deadlines',
      operationId: 'getDeadlines',
      tag: 'timetable',
      summary: 'Statutory deadlines for a poll, in working days back from polling day',
      query: z.strictObject({ poll: isoDate, nation: text.optional() }),
      responses: { 200: { description: '{ poll, noticeOfElection, nominationsClose, ... }' } },
      handler: async (c, { rawQuery }) => sendView(c, timetableDeadlines(rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/timetable/selections',
      operationId: 'getSelectionCalendar',
      cache: true,
      tag: 'timetable',
      summary: 'The selection calendar for sitting councillors, soonest first',
      query: z.strictObject({
        council: text.optional(),
        party: text.optional(),
        within: text.optional(),
        asOf,
      }),
      responses: { 200: { description: '{ asOf, within, entries: [...] }' } },
      handler: async (c, { rawQuery }) => sendView(c, await timetableSelections(rc.app, rawQuery)),
    }),
    route({
      method: 'GET',
      path: '/api/councils/{id}/timetable',
      operationId: 'getCouncilTimetable',
      cache: true,
      tag: 'timetable',
      summary: "A council's ordinary polls with the seats up in each ward",
      params: key,
      query: z.strictObject({ from: text.optional(), to: text.optional() }),
      responses: { 200: { description: '{ council, from, to, polls: [...] }' } },
      handler: async (c, { params, rawQuery }) =>
        sendView(c, await timetableCouncil(rc.app, { id: params.id, ...rawQuery })),
    }),
    route({
      method: 'GET',
      path: '/api/power',
      operationId: 'getPower',
      tag: 'power',
      summary: 'The power calculator: every index of a weighted majority game [quota; weights]',
      query: z.strictObject({
        quota: text,
        weights: text,
        names: text.optional(),
        unions: text.optional(),
        exact: flag,
        approx: flag,
        samples: text.optional(),
        seed: text.optional(),
      }),
      responses: {
        200: { description: '{ quota, totalWeight, winningCoalitions, minimalWinningCoalitions, players }' },
      },
      handler: async (c, { rawQuery }) => {
        const q = rawQuery as Record<string, string | undefined>;
        return sendView(c, powerCalculator({ ...q, exact: q.exact === 'true', approx: q.approx === 'true' }));
      },
    }),
    route({
      method: 'GET',
      path: '/api/councils/{id}/power',
      operationId: 'getCouncilPower',
      cache: true,
      tag: 'power',
      summary: "Groups' power in a council on a day, or with group=PARTY the factions' power in the group",
      params: key,
      query: z.strictObject({ group: text.optional(), asOf, exact: flag }),
      responses: { 200: { description: '{ kind: council|group, ... }' } },
      handler: async (c, { params, rawQuery }) => {
        const q = rawQuery as Record<string, string | undefined>;
        return sendView(
          c,
          await councilPowerCommand(rc.app, { ...q, council: params.id, exact: q.exact === 'true' }),
        );
      },
    }),
    route({
      method: 'GET',
      path: '/api/councils/{id}/takeover/{faction}',
      operationId: 'getTakeover',
      cache: true,
      tag: 'power',
      summary: "A faction's distance to control of its group and the council, and the earliest pathway",
      params: z.strictObject({ id: key.shape.id, faction: recordId.describe('a faction id or name') }),
      query: z.strictObject({ asOf }),
      responses: { 200: { description: '{ asOf, council, faction, distance, group, councilControl }' } },
      handler: async (c, { params, rawQuery }) =>
        sendView(c, await takeover(rc.app, { ...rawQuery, council: params.id, faction: params.faction })),
    }),
  ];
}
