/** A tiny hand-made registry touching every record type, for store and command tests. */
import { emptySnapshot, type Organization, organization, type RegistrySnapshot } from '../domain/model.js';

const org = (o: Partial<Organization> & Pick<Organization, 'id' | 'classification' | 'name'>): Organization =>
  organization({ sourceId: 'src:test', ...o });

export function tinySnapshot(): RegistrySnapshot {
  const s = emptySnapshot();
  s.sources.push(
    {
      id: 'src:test',
      kind: 'generated',
      url: null,
      title: 'test fixture (fictional)',
      publisher: 'Caucus tests',
      publishedOn: '2024-01-01',
    },
    {
      id: 'src:news',
      kind: 'url',
      url: 'https://example.org/news/1',
      title: 'Councillor defects',
      publisher: 'Example Gazette',
      publishedOn: '2023-06-01',
    },
  );
  s.areas.push(
    {
      id: 'E08999001',
      sourceId: 'src:test',
      type: 'council-area',
      name: 'Testborough',
      gss: 'E08999001',
      parentId: null,
      validFrom: '2004-04-01',
      validTo: null,
    },
    {
      id: 'E05999001',
      sourceId: 'src:test',
      type: 'ward',
      name: 'North Ward',
      gss: 'E05999001',
      parentId: 'E08999001',
      validFrom: '2004-04-01',
      validTo: null,
    },
  );
  s.organizations.push(
    org({
      id: 'TST',
      classification: 'council',
      name: 'Testborough Metropolitan Borough Council',
      laCode: 'TST',
      gss: 'E08999001',
      areaId: 'E08999001',
      councilType: 'MD',
      nation: 'england',
      electionScheme: 'thirds',
    }),
    org({ id: 'party:labour', classification: 'party', name: 'Labour Party', ecId: 'PP53' }),
    org({ id: 'party:green', classification: 'party', name: 'Green Party', ecId: 'PP63' }),
    org({ id: 'faction:left', classification: 'faction', name: 'Left Network', parentId: 'party:labour' }),
    org({
      id: 'group:TST:labour',
      classification: 'party-group',
      name: 'Testborough Labour Group',
      parentId: 'party:labour',
      councilId: 'TST',
    }),
  );
  s.persons.push(
    {
      id: 'person:1',
      sourceId: 'src:test',
      name: 'Alex Example',
      givenName: 'Alex',
      familyName: 'Example',
      honorificPrefix: 'Cllr',
    },
    {
      id: 'person:2',
      sourceId: 'src:test',
      name: 'Sam Sample',
      givenName: 'Sam',
      familyName: 'Sample',
      honorificPrefix: null,
    },
  );
  s.posts.push({
    id: 'post:TST:north',
    sourceId: 'src:test',
    councilId: 'TST',
    areaId: 'E05999001',
    label: 'North Ward',
    seats: 3,
    validFrom: '2004-04-01',
    validTo: null,
  });
  const m = (
    id: string,
    personId: string,
    organizationId: string,
    role: 'member' | 'aligned' | 'councillor' | 'leader',
    start: string,
    end: string | null,
    extra = {},
  ) => ({
    id,
    sourceId: 'src:test',
    personId,
    organizationId,
    postId: null,
    role,
    label: null,
    onBehalfOfId: null,
    startDate: start,
    endDate: end,
    startReason: null,
    endReason: null,
    ...extra,
  });
  s.memberships.push(
    m('m:1', 'person:1', 'TST', 'councillor', '2022-05-05', null, {
      postId: 'post:TST:north',
      onBehalfOfId: 'party:labour',
      startReason: 'elected',
    }),
    m('m:2', 'person:1', 'party:labour', 'member', '2010-01-01', '2023-06-01', { endReason: 'defected' }),
    m('m:3', 'person:1', 'party:green', 'member', '2023-06-01', null, { startReason: 'defected' }),
    m('m:4', 'person:1', 'faction:left', 'aligned', '2018-01-01', '2023-06-01'),
    m('m:5', 'person:2', 'TST', 'councillor', '2023-05-04', null, {
      postId: 'post:TST:north',
      onBehalfOfId: 'party:labour',
      startReason: 'elected',
    }),
    m('m:6', 'person:2', 'party:labour', 'member', '2015-01-01', null),
    m('m:7', 'person:2', 'faction:left', 'aligned', '2020-01-01', null),
    m('m:8', 'person:2', 'group:TST:labour', 'leader', '2023-05-20', null),
  );
  s.elections.push({
    id: 'local.testborough.2022-05-05',
    sourceId: 'src:test',
    councilId: 'TST',
    date: '2022-05-05',
    ordinary: true,
  });
  s.ballots.push({
    id: 'local.testborough.north.2022-05-05',
    sourceId: 'src:test',
    electionId: 'local.testborough.2022-05-05',
    postId: 'post:TST:north',
    date: '2022-05-05',
    seatsContested: 1,
    byElection: false,
    cancelled: false,
  });
  s.candidacies.push(
    {
      id: 'c:1',
      sourceId: 'src:test',
      ballotId: 'local.testborough.north.2022-05-05',
      personId: 'person:1',
      partyId: 'party:labour',
      votes: 1234,
      elected: true,
    },
    {
      id: 'c:2',
      sourceId: 'src:test',
      ballotId: 'local.testborough.north.2022-05-05',
      personId: 'person:2',
      partyId: null,
      votes: 99,
      elected: false,
    },
  );
  s.selections.push({
    id: 'sel:1',
    sourceId: 'src:test',
    partyId: 'party:labour',
    localPartyId: null,
    councilId: 'TST',
    postId: 'post:TST:north',
    pollDate: '2026-05-07',
    date: '2025-06-01',
    method: 'trigger',
  });
  s.selectionCandidates.push({
    selectionId: 'sel:1',
    personId: 'person:2',
    sitting: true,
    soughtReselection: true,
    chosen: true,
    votes: 20,
  });
  s.events.push({
    id: 'ev:1',
    sourceId: 'src:news',
    type: 'defection',
    date: '2023-06-01',
    title: 'Alex Example defects from Labour to the Greens',
    councilId: 'TST',
    organizationId: null,
    personId: 'person:1',
    details: { fromPartyId: 'party:labour', toPartyId: 'party:green' },
  });
  s.citations.push({
    factType: 'membership',
    factId: 'm:3',
    sourceId: 'src:news',
    quote: 'Cllr Example has joined the Greens',
    quoteStart: 10,
    quoteEnd: 44,
  });
  s.identifiers.push({
    ownerType: 'person',
    ownerId: 'person:1',
    scheme: 'democracy-club',
    identifier: '12345',
  });
  return s;
}
