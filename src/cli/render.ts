/** Text renderings of command results for people at a terminal (the --json form is the result itself). */
import type {
  overview,
  SourceRef,
  showCouncil,
  showPerson,
  showWard,
} from '../app/commands/view.commands.js';
import { type Result, type Style, table } from './output.js';

const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%` : '-');

/** A fact's sources, leaving out (when given) the page's own source, already printed at the top. */
function sourceLines(sources: SourceRef[], s: Style, pageSource?: string): string[] {
  return sources
    .filter((src) => src.quote !== null || src.id !== pageSource)
    .map((src) => {
      const where = [src.publisher, src.publishedOn, src.url].filter(Boolean).join(', ');
      const quote = src.quote
        ? ` "${src.quote}"${src.quoteStart !== null ? ` [${src.quoteStart}-${src.quoteEnd}]` : ''}`
        : '';
      return `  ${s.dim('source:')} ${src.title ?? src.id}${where ? ` (${where})` : ''}${quote}`;
    });
}

export function renderOverview(o: Result<typeof overview>, s: Style): string {
  const lines = [
    s.bold(`Caucus national overview as of ${o.asOf}`),
    `${o.councils} councils, ${o.seats.toLocaleString('en-GB')} seats (${o.filledSeats.toLocaleString('en-GB')} filled)`,
    '',
    s.bold('Councils by control'),
    table(
      ['control', 'councils', 'share'],
      o.byControl.map((c) => [
        c.control ? `${c.control.name} majority` : 'No overall control',
        c.councils,
        pct(c.councils, o.councils),
      ]),
    ),
    '',
    s.bold('Largest party groups, and the factions inside them'),
    table(
      ['council', 'group', 'seats', 'of', 'factions (seats)', 'faction in control'],
      o.largestGroups.map((g) => [
        g.council.name,
        g.party?.name ?? '-',
        g.seats,
        g.councilSeats,
        g.factions.map((f) => `${f.faction?.name ?? 'unaligned'} ${f.seats}`).join(', '),
        g.controllingFaction?.name ?? 'none',
      ]),
    ),
  ];
  if (o.factions.length) {
    lines.push(
      '',
      s.bold('Factions nationally'),
      table(
        ['faction', 'party', 'councillors', 'groups controlled', 'councils run'],
        o.factions.map((f) => [
          f.faction.name,
          f.party?.name ?? '-',
          f.seats,
          f.groupsControlled,
          f.councilsControlled,
        ]),
      ),
    );
  }
  return lines.join('\n');
}

export function renderCouncil(c: Result<typeof showCouncil>, s: Style): string {
  const k = c.council;
  const control =
    c.control.status === 'majority'
      ? `${c.control.majorityParty?.name} majority${c.control.controllingFaction ? `; its group is controlled by ${c.control.controllingFaction.name}` : ''}`
      : 'No overall control';
  return [
    s.bold(
      `${k.name} (${[k.laCode, k.gss, k.councilType, k.nation].filter(Boolean).join(', ')}) as of ${c.asOf}`,
    ),
    `${c.wards} wards, ${c.seats} seats (${c.control.filledSeats} filled), majority at ${c.control.majorityThreshold}; elects ${k.electionScheme ?? 'on an unrecorded scheme'}`,
    `Control: ${control}`,
    '',
    s.bold('Party groups'),
    table(
      ['group', 'seats', 'factions (seats)', 'faction in control'],
      c.groups.map((g) => [
        g.party?.name ?? '-',
        g.seats,
        g.factions.map((f) => `${f.faction?.name ?? 'unaligned'} ${f.seats}`).join(', '),
        g.controllingFaction?.name ?? 'none',
      ]),
    ),
    '',
    s.bold('Offices'),
    c.offices.length
      ? table(
          ['role', 'of', 'person', 'since'],
          c.offices.map((o) => [o.role, o.of, `${o.person.name} (${o.person.id})`, o.since ?? '-']),
        )
      : '  none recorded',
    '',
    s.bold('Recent events'),
    c.events.length
      ? table(
          ['date', 'type', 'event'],
          c.events.map((e) => [e.date, e.type, e.title]),
        )
      : '  none recorded',
    '',
    ...sourceLines(c.sources, s),
  ].join('\n');
}

export function renderPerson(p: Result<typeof showPerson>, s: Style): string {
  return [
    s.bold(`${p.person.name} (${p.person.id}) as of ${p.asOf}`),
    ...sourceLines(p.sources, s),
    '',
    s.bold('Now'),
    p.current.length
      ? table(
          ['role', 'of', 'since'],
          p.current.map((m) => [m.role, m.organization?.name ?? '-', m.since ?? '-']),
        )
      : '  no current office or membership',
    '',
    s.bold('Offices and memberships over time'),
    ...p.memberships.flatMap((m) => [
      `${m.startDate ?? '?'} to ${m.endDate ?? 'now'}  ${m.role} ${m.label ? `(${m.label}) ` : ''}of ${m.organization?.name ?? m.organizationId}${m.startReason ? `, ${m.startReason}` : ''}${m.endReason ? ` / ${m.endReason}` : ''}`,
      ...sourceLines(m.sources, s, p.sources[0]?.id),
    ]),
    '',
    s.bold('Candidacies'),
    p.candidacies.length
      ? table(
          ['date', 'ballot', 'party', 'votes', 'result'],
          p.candidacies.map((c) => [
            c.date,
            c.ballot,
            c.party?.name ?? 'Independent',
            c.votes ?? '-',
            c.elected ? 'elected' : 'not elected',
          ]),
        )
      : '  none',
    '',
    s.bold('Events'),
    p.events.length
      ? table(
          ['date', 'type', 'event'],
          p.events.map((e) => [e.date, e.type, e.title]),
        )
      : '  none recorded',
  ].join('\n');
}

export function renderWard(w: Result<typeof showWard>, s: Style): string {
  return [
    s.bold(
      `${w.ward.name} (${[w.ward.gss, w.councils.map((c) => c.name).join(', ')].filter(Boolean).join(', ')}) as of ${w.asOf}`,
    ),
    `${w.seats} seat(s)`,
    ...sourceLines(w.sources, s),
    '',
    s.bold('Councillors'),
    w.councillors.length
      ? table(
          ['councillor', 'party', 'faction', 'since', 'how'],
          w.councillors.map((c) => [
            `${c.person.name} (${c.person.id})`,
            c.party?.name ?? '-',
            c.faction?.name ?? 'unaligned',
            c.since ?? '-',
            c.how ?? '-',
          ]),
        )
      : '  no councillor recorded',
    '',
    s.bold('Recent ballots'),
    ...w.ballots.flatMap((b) => [
      `${b.date} ${b.id}${b.byElection ? ' (by-election)' : ''}, ${b.seatsContested} seat(s)`,
      table(
        ['candidate', 'party', 'votes', ''],
        b.candidates.map((c) => [
          c.person.name,
          c.party?.name ?? 'Independent',
          c.votes ?? '-',
          c.elected ? 'elected' : '',
        ]),
      ),
      '',
    ]),
  ].join('\n');
}
