import { describe, expect, it } from 'vitest';
import { parseOffices } from './claims.engine.js';
import type { OutputClaim } from './extraction.types.js';
import { extract } from './index.js';

/** Claims of a type for a subject, from a short text of our own. */
function claims(text: string, type?: string, subject?: string): OutputClaim[] {
  return extract(text).claims.filter(
    (c) => (!type || c.type === type) && (!subject || c.subject === subject),
  );
}

describe('claims: selections and deselections', () => {
  it('reads a list of deselected councillors with the ward from an apposition', () => {
    const t =
      'Norbury Council selections are under way. Both sitting councillors for Pollard Green, Cllr Ada Finch and Cllr Roy Maddox, were deselected on Sunday.';
    for (const name of ['Ada Finch', 'Roy Maddox']) {
      expect(claims(t, 'deselection', name)).toEqual([
        expect.objectContaining({ ward: 'Pollard Green', council: 'Norbury Council' }),
      ]);
      expect(claims(t, 'office', name)).toEqual([
        expect.objectContaining({ office: 'councillor', ward: 'Pollard Green' }),
      ]);
    }
  });

  it('reads passive voice with an actor and the paraphrase "secured the deselection of"', () => {
    const t1 = 'Cllr Vera Stone was deselected by Momentum after a long campaign in Halewood ward.';
    expect(claims(t1, 'deselection', 'Vera Stone')[0]).toMatchObject({ actor: 'Momentum' });
    const t2 =
      'Local organiser Dan Pike, a Momentum activist, secured the deselection of Cllr Joan Friel last week.';
    expect(claims(t2, 'deselection', 'Joan Friel')[0]).toMatchObject({ actor: 'Dan Pike' });
  });

  it('reads "lost the selection to" as a deselection and a selection', () => {
    const t = 'Cllr Hugo Marsh lost the selection to Priti Shah at a packed branch meeting in Mossfield.';
    expect(claims(t, 'deselection', 'Hugo Marsh')).toHaveLength(1);
    expect(claims(t, 'selection', 'Priti Shah')).toHaveLength(1);
  });

  it('reads active selection of a list and reselection with party and ward', () => {
    const t =
      'The Tarnside branch met on Monday. Members selected Olu Bade and Cara Lynch for the May poll. Cllr Ed Fenn was reselected as Labour’s candidate for Tarnside on Tuesday.';
    expect(claims(t, 'selection', 'Olu Bade')).toHaveLength(1);
    expect(claims(t, 'selection', 'Cara Lynch')).toHaveLength(1);
    expect(claims(t, 'selection', 'Ed Fenn')[0]).toMatchObject({ ward: 'Tarnside', party: 'Labour' });
  });

  it('yields no claim for a negated statement and drops a claim a later sentence denies', () => {
    expect(claims('Cllr Mo Akhtar was not deselected on Thursday.', 'deselection')).toEqual([]);
    const t =
      'Last week we reported that Cllr Lia Ford had lost her selection. She was not deselected, and we apologise.';
    expect(claims(t, 'deselection')).toEqual([]);
  });

  it('gives a speculated challenge low confidence at most', () => {
    const t =
      'Cllr Ron Tate, a councillor for Eastmoor, could face a selection challenge from the left next year.';
    const c = claims(t, 'deselection', 'Ron Tate');
    expect(c).toHaveLength(1);
    expect(c[0]?.confidence).toBeLessThanOrEqual(0.3);
  });
});

describe('claims: offices and affiliations', () => {
  it('reads offices from appositions, copulas and titles before names', () => {
    const t =
      'The Leader of Carrow City Council, Cllr Amaka Obi, spoke first. Cllr Dev Rana, the cabinet member for housing, agreed. Cllr Lyn Hart is a former Lord Mayor of Carrow. The deputy leader, Cllr Sam Wolfe, said nothing.';
    expect(claims(t, 'office', 'Amaka Obi')[0]).toMatchObject({
      office: 'leader',
      council: 'Carrow City Council',
    });
    expect(claims(t, 'office', 'Dev Rana')[0]).toMatchObject({ office: 'cabinet_member', label: 'housing' });
    expect(claims(t, 'office', 'Lyn Hart')[0]).toMatchObject({ office: 'lord_mayor', former: true });
    expect(claims(t, 'office', 'Sam Wolfe')[0]).toMatchObject({ office: 'deputy_leader' });
  });

  it('reads past offices from "had represented", "served as" and "was until"', () => {
    const t =
      'Cllr Una Bright resigned. She had represented Kelso Park since 2014. Cllr Ian Moss, who served as chief whip for years, backed her. Cllr Ola Ige was until May the cabinet member for parks.';
    expect(claims(t, 'office', 'Una Bright')[0]).toMatchObject({
      office: 'councillor',
      ward: 'Kelso Park',
      former: true,
    });
    expect(claims(t, 'office', 'Ian Moss')[0]).toMatchObject({ office: 'whip', former: true });
    expect(claims(t, 'office', 'Ola Ige')[0]).toMatchObject({ office: 'cabinet_member', former: true });
  });

  it('reads party and faction ties and ignores denied ones', () => {
    const t =
      'The Conservative group leader, Cllr Tim Abbot, objected. Cllr Rina Das and Cllr Joe Platt, both of them organisers for Momentum, cheered. Cllr Len Hoy is not a member of Momentum.';
    expect(claims(t, 'affiliation', 'Tim Abbot')[0]).toMatchObject({ party: 'Conservatives' });
    expect(claims(t, 'office', 'Tim Abbot')[0]).toMatchObject({ office: 'group_leader' });
    expect(claims(t, 'affiliation', 'Rina Das')[0]).toMatchObject({ faction: 'Momentum' });
    expect(claims(t, 'affiliation', 'Joe Platt')[0]).toMatchObject({ faction: 'Momentum' });
    expect(claims(t, 'affiliation', 'Len Hoy')).toEqual([]);
  });

  it('gives a question low confidence and drops it when the answer is no', () => {
    const q = claims('Is Cllr Kit Vance a Momentum member?', 'affiliation', 'Kit Vance');
    expect(q).toHaveLength(1);
    expect(q[0]?.confidence).toBeLessThanOrEqual(0.3);
    expect(claims('Is Cllr Kit Vance a Momentum member? He is not.', 'affiliation', 'Kit Vance')).toEqual([]);
  });
});

describe('claims: defections, resignations, leadership, dependence', () => {
  it('reads defections with from and to, including sitting as independents', () => {
    const t1 = 'Cllr Bea Lomax, a councillor for Stanway, has left Labour and joined the Liberal Democrats.';
    expect(claims(t1, 'defection', 'Bea Lomax')[0]).toMatchObject({
      from: 'Labour',
      to: 'Liberal Democrats',
    });
    const t2 = 'Councillors Ann Roe and Will Pyne said they had quit the SNP and would sit as independents.';
    for (const n of ['Ann Roe', 'Will Pyne'])
      expect(claims(t2, 'defection', n)[0]).toMatchObject({ from: 'SNP', to: 'Independent' });
    expect(claims('Cllr Gil Ames said he was not leaving Labour.', 'defection')).toEqual([]);
  });

  it('resolves an unnamed lede subject to the person named next', () => {
    const t =
      'A Dunmore Council cabinet member has defected from the Conservatives to Reform UK.\n\nCllr Pat Kerr said the party had changed.';
    expect(claims(t, 'defection', 'Pat Kerr')[0]).toMatchObject({ from: 'Conservatives', to: 'Reform UK' });
  });

  it('reads resignations from a council, the cabinet or an office', () => {
    const t =
      'Cllr Max Orr resigned from Fenby Council on Friday. Cllr Zoe Quill has stood down as the council’s convener for education.';
    expect(claims(t, 'resignation', 'Max Orr')[0]).toMatchObject({ council: 'Fenby Council' });
    expect(claims(t, 'resignation', 'Zoe Quill')[0]).toMatchObject({ council: 'Fenby Council' });
    expect(claims('Cllr Ty Benn said he would not resign his seat.', 'resignation')).toEqual([]);
  });

  it('reads a leadership win with its backers, then dependence on "them"', () => {
    const t =
      'Cllr Nia Rowe won the Labour group leadership by four votes, and those votes came from Momentum’s supporters – Cllr Ali Demir and Cllr Flo Beck among them. She still needs them.';
    const le = claims(t, 'leadership_election', 'Nia Rowe');
    expect(le).toHaveLength(1);
    expect(le[0]?.supported_by).toEqual(['Momentum', 'Ali Demir', 'Flo Beck']);
    expect(claims(t, 'dependence', 'Nia Rowe')[0]?.on).toEqual(['Momentum', 'Ali Demir', 'Flo Beck']);
    expect(claims(t, 'affiliation', 'Flo Beck')[0]).toMatchObject({ faction: 'Momentum' });
  });

  it('reads "with the backing of" and "was elected leader of"', () => {
    const t =
      'Cllr Ken Adu was elected Leader of Holme Borough Council with the backing of the Holme Labour Left slate.';
    expect(claims(t, 'leadership_election', 'Ken Adu')[0]?.supported_by).toEqual(['Holme Labour Left']);
    expect(claims(t, 'office', 'Ken Adu')[0]).toMatchObject({
      office: 'leader',
      council: 'Holme Borough Council',
    });
  });
});

describe('claims: membership and motions', () => {
  it('reads membership changes with direction and count', () => {
    const t =
      'Fallow North Labour Party has lost about 1,250 members since 2019. Fallow Green Party said its membership had risen by 80.';
    expect(claims(t, 'membership_change', 'Fallow North Labour Party')[0]).toMatchObject({
      direction: 'decrease',
      count: 1250,
    });
    expect(claims(t, 'membership_change', 'Fallow Green Party')[0]).toMatchObject({
      direction: 'increase',
      count: 80,
    });
  });

  it('reads motions and their topics, and who passed them', () => {
    const t =
      'Ashby Labour Party passed a motion calling on the Ashby Pension Fund to divest from arms companies. In March, Ashby Borough Council will debate a motion urging councillors to refuse to set a budget.';
    expect(claims(t, 'motion', 'Ashby Labour Party')[0]).toMatchObject({ topic: 'pension_divestment' });
    expect(claims(t, 'motion', 'Ashby Borough Council')[0]).toMatchObject({ topic: 'budget_refusal' });
  });
});

describe('parseOffices', () => {
  it('reads each office once and marks former ones', () => {
    expect(
      parseOffices('a former deputy leader of the council and one of the councillors for ⟦W3⟧').map((h) => [
        h.office,
        h.former,
        h.ward,
      ]),
    ).toEqual([
      ['deputy_leader', true, undefined],
      ['councillor', false, 3],
    ]);
  });
});

describe('claims: wards opening a sentence, groups and their leaders', () => {
  it('takes the ward that opens a sentence ("In X, sitting councillor ...") for a (de)selection', () => {
    const t =
      'Ferndale Labour has finished its selections. In Upper Marsh, sitting councillor Nell Carrow lost the selection to Amir Sadeq. In neighbouring Kilnfield, Cllr Tess Hobb was reselected.';
    expect(claims(t, 'deselection', 'Nell Carrow')[0]).toMatchObject({ ward: 'Upper Marsh' });
    expect(claims(t, 'selection', 'Amir Sadeq')[0]).toMatchObject({ ward: 'Upper Marsh' });
    expect(claims(t, 'selection', 'Tess Hobb')[0]).toMatchObject({ ward: 'Kilnfield' });
  });

  it("reads the leader of a council's party group as a group leader, not the council's leader", () => {
    const t1 = "Cllr Iwan Bowen was elected leader of Caldmoor Council's Labour group on Tuesday.";
    expect(claims(t1, 'office', 'Iwan Bowen')).toEqual([
      expect.objectContaining({ office: 'group_leader', council: 'Caldmoor Council' }),
    ]);
    expect(extract(t1).entities.map((e) => e.name)).toContain('Caldmoor Labour group');
    const t2 = 'Cllr Iwan Bowen was elected leader of the Caldmoor Labour group.';
    expect(claims(t2, 'office', 'Iwan Bowen')[0]).toMatchObject({ office: 'group_leader' });
    const t3 =
      "Caldmoor Council met on Monday. The council's Conservative leader, Cllr Rhian Tudor, walked out.";
    expect(claims(t3, 'office', 'Rhian Tudor')[0]).toMatchObject({ office: 'group_leader' });
    // A party's national leader is not a council office.
    expect(claims('The Conservative leader, Kemi Badenoch, visited.', 'office')).toEqual([]);
  });
});

describe('claims: "her deputy" and other role nouns relative to a leader', () => {
  it('reads "deputy" as deputy leader when the possessor leads the council, in any order or tense', () => {
    const cases: [string, string, boolean][] = [
      [
        'Cllr Amir Latif is the Leader of Hollin Borough Council. His deputy, Cllr Joan Ebbs, chairs the cabinet.',
        'Joan Ebbs',
        false,
      ],
      [
        'Cllr Petra Vane, who leads Brackley Council, was absent. Cllr Rob Ince, her deputy, took the chair.',
        'Rob Ince',
        false,
      ],
      [
        'Cllr Sunita Rao was elected leader of Harwell Council in May. Cllr Dylan Moss has been her deputy since 2021.',
        'Dylan Moss',
        false,
      ],
      [
        'Cllr Sunita Rao was elected leader of Harwell Council in May. She appointed Cllr Dylan Moss as her deputy.',
        'Dylan Moss',
        false,
      ],
      ['Cllr Kevin Adair leads Tilbury Council. His deputy is Cllr Lena Holt.', 'Lena Holt', false],
      [
        "Cllr Kevin Adair leads Tilbury Council. Adair's former deputy, Cllr Lena Holt, voted against him.",
        'Lena Holt',
        true,
      ],
      [
        'Cllr Kevin Adair leads Tilbury Council. Cllr Lena Holt, deputy to the leader since 2020, abstained.',
        'Lena Holt',
        false,
      ],
    ];
    for (const [text, name, former] of cases) {
      const offices = claims(text, 'office', name);
      expect(offices, text).toHaveLength(1);
      expect(offices[0], text).toMatchObject({ office: 'deputy_leader' });
      expect(offices[0]?.former ?? false, text).toBe(former);
    }
    // A group leader's deputy is the group's deputy leader, on that council.
    const g =
      'Cllr Rhys Penn is leader of the Conservative group on Tolworth Council. His deputy, Cllr Ada Fox, spoke.';
    expect(claims(g, 'office', 'Ada Fox')).toEqual([
      expect.objectContaining({ office: 'deputy_leader', council: 'Tolworth Council' }),
    ]);
  });

  it('claims no deputy when it is denied, speculated, or the possessor leads nothing known', () => {
    const lead = 'Cllr Kevin Adair leads Tilbury Council. ';
    for (const rest of [
      'Cllr Lena Holt is not his deputy.',
      'Cllr Lena Holt is no longer his deputy.',
      'Cllr Lena Holt denied that she was his deputy.',
      'Cllr Lena Holt denied being his deputy.',
    ])
      expect(claims(lead + rest, 'office', 'Lena Holt'), rest).toEqual([]);
    const tipped = claims(`${lead}Cllr Lena Holt is tipped to be his deputy.`, 'office', 'Lena Holt');
    expect(tipped.every((c) => c.confidence <= 0.4)).toBe(true);
    // "Her deputy" of a headteacher or of a backbench councillor names no council office.
    expect(
      claims(
        'Headteacher Gwen Shaw met Cllr Tom Reed. Her deputy, Cllr Ivan Boyd, agreed.',
        'office',
        'Ivan Boyd',
      ),
    ).toEqual([]);
    expect(
      claims(
        'Cllr Maya Dorr, a councillor for Elm Park, spoke. Her deputy, Cllr Ivan Boyd, agreed.',
        'office',
        'Ivan Boyd',
      ),
    ).toEqual([]);
    // "deputy to the leader" and "an ally of the leader" do not make them the leader.
    expect(
      claims('Cllr Kevin Adair, a close ally of the council leader, spoke.', 'office', 'Kevin Adair'),
    ).toEqual([]);
  });
});

describe('claims: founders and members of a faction named by a description', () => {
  const intro = 'The Harbour Network, a caucus on the left of the party, held a rally. ';

  it('reads founders and members by apposition, relative clause, verb and list, with "the network" as the faction', () => {
    for (const rest of [
      'Cllr Jo Tindall, a founder of the network, spoke.',
      'Cllr Jo Tindall, a member of the network, spoke.',
      'Cllr Jo Tindall, one of the founders of the caucus, spoke.',
      'Cllr Jo Tindall, who co-founded the network in 2019, spoke.',
      'Cllr Jo Tindall helped set up the network two years ago.',
      "The network's founders include Cllr Jo Tindall and Cllr Raj Bhatt.",
    ]) {
      expect(claims(intro + rest, 'affiliation', 'Jo Tindall'), rest).toEqual([
        expect.objectContaining({ faction: 'Harbour Network' }),
      ]);
    }
    // A name ending in the noun is enough ("Red Thread Caucus" ... "the caucus"), and a founder holds no office.
    const t =
      'Red Thread Caucus has grown fast. Cllr Nia Lusk, a founder of the caucus, is tipped to stand for leader.';
    const aff = claims(t, 'affiliation', 'Nia Lusk');
    expect(aff).toEqual([expect.objectContaining({ faction: 'Red Thread Caucus' })]);
    // The apposition is asserted; only the main clause is speculation.
    expect(aff[0]?.confidence).toBeGreaterThan(0.5);
    expect(claims(t, 'office', 'Nia Lusk')).toEqual([]);
  });

  it('claims no tie when it is negated, denied or only rumoured, or when "the network" is no faction', () => {
    for (const rest of [
      'Cllr Jo Tindall is not a member of the network.',
      'Cllr Jo Tindall denied being a founder of the network.',
      'Cllr Jo Tindall has denied claims that she founded the network.',
      'A spokesperson said Cllr Jo Tindall was never a member of the network.',
      'Cllr Jo Tindall did not found the network.',
      'Cllr Jo Tindall said the network was a distraction.',
    ])
      expect(claims(intro + rest, 'affiliation', 'Jo Tindall'), rest).toEqual([]);
    const rumoured = claims(
      `${intro}Cllr Jo Tindall, rumoured to be a founder of the network, said nothing.`,
    );
    expect(rumoured.filter((c) => c.confidence > 0.4)).toEqual([]);
    expect(claims('Cllr Jo Tindall, a founder of the network, spoke. The rail network was late.')).toEqual(
      [],
    );
  });
});

describe('claims: offices in the past perfect with a start date', () => {
  it('reads "had represented X since" as still held at the time of the story', () => {
    for (const t of [
      'Cllr Olu Banjo was deselected on Friday. Banjo had represented Hatch End since 2014.',
      'Cllr Olu Banjo, who had represented Hatch End since 2014, was deselected on Friday.',
      'Cllr Mia Kerr lost the selection to Ed Vale. She had represented Fernhill for the past ten years.',
    ]) {
      const c = claims(t, 'office').find((x) => x.office === 'councillor');
      expect(c, t).toBeDefined();
      expect(c?.former, t).toBeUndefined();
    }
    const served = claims(
      'Cllr Olu Banjo had served as cabinet member for housing since 2019 when the row broke.',
    );
    expect(served.find((c) => c.office === 'cabinet_member')?.former).toBeUndefined();
  });

  it('keeps it former when the text ends it: until, before, a lost seat, a death or a resignation', () => {
    for (const t of [
      'Cllr Olu Banjo had represented Hatch End from 2010 until 2018.',
      'Cllr Olu Banjo had represented Hatch End before moving to Leeds.',
      'Cllr Dee Marsh lost her seat to the Greens. She had represented Kingsmead since 2011.',
      'Cllr Olu Banjo, who had represented Hatch End since 2014, died on Friday.',
      'Cllr Olu Banjo resigned from Harrow Council. He had represented Hatch End since 2014.',
    ]) {
      const c = claims(t, 'office').find((x) => x.office === 'councillor');
      expect(c?.former, t).toBe(true);
    }
    expect(claims('Cllr Olu Banjo had not represented Hatch End since 2014.', 'office')).toEqual([]);
  });
});

describe('claims: leaving a party or its group to sit as an independent', () => {
  it('reads a defection to Independent from the party, its group or its whip, in any order', () => {
    const cases: [string, string, string][] = [
      [
        'Cllr Ben Ashworth quit the Conservative group last week to sit as an independent.',
        'Ben Ashworth',
        'Conservatives',
      ],
      [
        'Cllr Nadia Frost has resigned the Labour whip and now sits as an independent.',
        'Nadia Frost',
        'Labour',
      ],
      [
        'Cllr Tariq Hamid will sit as an independent after leaving the Liberal Democrats on Monday.',
        'Tariq Hamid',
        'Liberal Democrats',
      ],
      [
        'Cllr Owen Pike left Plaid Cymru in March. He now sits as an independent councillor.',
        'Owen Pike',
        'Plaid Cymru',
      ],
      [
        'Cllr Ruth Gale, who left the Green Party in June, sits as an independent.',
        'Ruth Gale',
        'Green Party',
      ],
      [
        'Cllr Ann Lowe was elected as a Labour councillor in 2019 but now sits as an independent.',
        'Ann Lowe',
        'Labour',
      ],
    ];
    for (const [text, name, from] of cases) {
      expect(claims(text, 'defection', name), text).toEqual([
        expect.objectContaining({ from, to: 'Independent' }),
      ]);
      // Sitting as an independent is no party affiliation.
      expect(claims(text, 'affiliation', name), text).toEqual([]);
    }
  });

  it('claims no defection when it is negated, denied, a suspension, or an independent of long standing', () => {
    for (const t of [
      'Cllr Dale Moss said he would not leave Labour to sit as an independent.',
      'Cllr Ivy Chen denied that she had quit the SNP to sit as an independent.',
      'Cllr Ann Lowe was suspended from the Labour group and will sit as an independent pending an investigation.',
      'Cllr Ann Lowe has had the Labour whip withdrawn and now sits as an independent.',
      'Cllr Jim Hale has sat as an independent since 2008.',
      'Cllr Jim Hale left the Labour group meeting early.',
    ])
      expect(claims(t, 'defection'), t).toEqual([]);
    const feared = claims(
      'Cllr Ali Rahman could leave the Conservatives and sit as an independent, colleagues fear.',
    );
    expect(feared.filter((c) => c.type === 'defection' && c.confidence > 0.4)).toEqual([]);
  });
});

describe('claims: councillors tagged with wards, cabinet line-ups and party ties (issue #7)', () => {
  const intro = 'Kelbrook Borough Council met on Tuesday.\n\n';

  it('makes a ward office from "Cllr X (Ward)" and "Cllr X of Ward", and reads the sentence on past the tag', () => {
    const t = `${intro}Councillor Nora Quayle (Hatchmere) was installed as Mayor. The plan was drawn up by Coun. Piers Lund of Fenwick Row.`;
    expect(claims(t, 'office', 'Nora Quayle')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          office: 'councillor',
          ward: 'Hatchmere',
          council: 'Kelbrook Borough Council',
        }),
        expect.objectContaining({ office: 'mayor' }),
      ]),
    );
    expect(claims(t, 'office', 'Piers Lund')).toEqual([
      expect.objectContaining({ office: 'councillor', ward: 'Fenwick Row' }),
    ]);
  });

  it('reads a cabinet line-up in either order, "Lead Member" included', () => {
    const t = `${intro}The Leader named her cabinet.\n• Councillor Tess Arden (Millbrook) – Deputy Leader and Lead Member for Parks\n• Cabinet Member for Roads: Councillor Dr Amir Sethi (Coldharbour)`;
    expect(
      claims(t, 'office', 'Tess Arden')
        .map((c) => c.office)
        .sort(),
    ).toEqual(['cabinet_member', 'councillor', 'deputy_leader']);
    expect(
      claims(t, 'office', 'Amir Sethi')
        .map((c) => c.office)
        .sort(),
    ).toEqual(['cabinet_member', 'councillor']);
  });

  it('reads party ties from "Labour\'s X", a group "led by X" and "the council\'s only ⟦party⟧ member"', () => {
    const t = `${intro}The seat went to Labour's Wyn Harper. The Liberal Democrat group led by Cllr Gail Nye abstained. Cllr Ray Pine, the council's only UKIP member, voted against.`;
    expect(claims(t, 'affiliation', 'Wyn Harper')).toEqual([expect.objectContaining({ party: 'Labour' })]);
    expect(claims(t, 'affiliation', 'Gail Nye')).toEqual([
      expect.objectContaining({ party: 'Liberal Democrats' }),
    ]);
    expect(claims(t, 'office', 'Gail Nye')).toEqual([expect.objectContaining({ office: 'group_leader' })]);
    expect(claims(t, 'affiliation', 'Ray Pine')).toEqual([expect.objectContaining({ party: 'UKIP' })]);
  });

  it('gives no tie from a denial and a lower confidence to speculation', () => {
    const neg = `${intro}It is not true that the Labour group is led by Cllr Gail Nye.`;
    expect(claims(neg, 'office', 'Gail Nye')).toEqual([]);
    expect(claims(neg, 'affiliation', 'Gail Nye')).toEqual([]);
    const spec = `${intro}Councillor Nora Quayle (Hatchmere) might be installed as Mayor.`;
    for (const c of claims(spec, 'office', 'Nora Quayle').filter((c) => c.office === 'mayor'))
      expect(c.confidence).toBeLessThan(0.5);
  });
});

describe('claims: local parties, their organs and dependence (issue #7, second round)', () => {
  it('credits a motion to the local party that voted for it, however the vote is described', () => {
    const t =
      'Marlow Vale Labour Party voted by a clear majority for a motion urging the council to hold a council tax referendum.';
    expect(claims(t, 'motion')).toEqual([
      expect.objectContaining({
        subject: 'Marlow Vale Labour Party',
        organization: 'Marlow Vale Labour Party',
        topic: 'council_tax_referendum',
      }),
    ]);
  });

  it('reads "the branch", "the same executive" and a general committee as their local party', () => {
    const t =
      'Fenby Conservative Association met on Monday, when its executive chose a new chairman. Ashcombe Conservative Association has lost 90 members. On Friday the same executive passed a motion opposing the new road.';
    expect(claims(t, 'motion').map((c) => c.subject)).toEqual(['Fenby Conservative Association']);
    const gc =
      'At its June meeting the General Committee passed a motion asking the Wexcombe Pension Fund to stop investing in arms companies. Printed by Wexcombe Central Labour Party.';
    expect(claims(gc, 'motion')).toEqual([
      expect.objectContaining({ subject: 'Wexcombe Central Labour Party', topic: 'pension_divestment' }),
    ]);
  });

  it('gives a second body that "passed a similar one" its own motion', () => {
    const t =
      'Orme North Labour Party passed a motion against the sale of the library, and Orme South Labour Party passed a similar one days later.';
    expect(
      claims(t, 'motion')
        .map((c) => c.subject)
        .sort(),
    ).toEqual(['Orme North Labour Party', 'Orme South Labour Party']);
  });

  it('credits no council with a motion an unnamed branch passed, nor a new motion when "the motion" is discussed', () => {
    const t =
      'Tolby Borough Council met on Monday. In Eastgate the ward’s Labour branch passed a motion urging councillors to refuse to set a budget.';
    expect(claims(t, 'motion')).toEqual([]);
    const later =
      'Hythe Labour Party passed a motion calling for a new pool. The motion is not binding on Hythe Council.';
    expect(claims(later, 'motion')).toHaveLength(1);
  });

  it('reads membership changes of local parties only, with "fewer members", "up from" and "our membership"', () => {
    const t =
      'The Greens have also lost members nationally. Dunmore Labour Party says it has around 120 fewer members than a year ago. Carrick CLP now has 2,400 members, up from 900 in 2016.';
    expect(claims(t, 'membership_change')).toEqual([
      expect.objectContaining({ subject: 'Dunmore Labour Party', direction: 'decrease', count: 120 }),
      expect.objectContaining({ subject: 'Carrick CLP', direction: 'increase' }),
    ]);
    expect(claims(t, 'membership_change', 'Carrick CLP')[0]?.count).toBeUndefined();
    const ours = 'Our membership stands at 640, up 35 since the spring. Promoted by Selby West Labour Party.';
    expect(claims(ours, 'membership_change')).toEqual([
      expect.objectContaining({ subject: 'Selby West Labour Party', direction: 'increase', count: 35 }),
    ]);
    expect(
      claims('Dunmore Labour Party has not lost 40 members, whatever the rumours say.', 'membership_change'),
    ).toEqual([]);
  });

  it('reads dependence on a person a party only describes, on "them", and on councillors unnamed', () => {
    const t =
      'Cllr Hal Brook is the Leader of Kelby Council. Brook relies on the votes of the Green group leader, Cllr Tessa Moor, to pass his budget.';
    expect(claims(t, 'dependence', 'Hal Brook')).toEqual([expect.objectContaining({ on: ['Tessa Moor'] })]);
    const them =
      'Cllr Ada Finch won the Labour group leadership with the backing of Cllr Roy Maddox and Cllr Joe Platt. She has depended on those councillors ever since.';
    expect(claims(them, 'dependence', 'Ada Finch')).toEqual([
      expect.objectContaining({ on: ['Roy Maddox', 'Joe Platt'] }),
    ]);
    const unnamed = 'Cllr Ola Ige will rely heavily on the six councillors who sit for the eastern wards.';
    expect(claims(unnamed, 'dependence', 'Ola Ige')).toHaveLength(1);
    const kept = 'Cllr Ned Hart is kept in office by Cllr Rosa Lind and the Green group.';
    expect(claims(kept, 'dependence', 'Ned Hart')[0]?.on).toContain('Rosa Lind');
  });

  it('gives no dependence when it is denied or only a question', () => {
    expect(claims('Cllr Hal Brook does not rely on Cllr Tessa Moor.', 'dependence')).toEqual([]);
    expect(claims('Cllr Ned Hart is not kept in office by Cllr Rosa Lind.', 'dependence')).toEqual([]);
    const q = claims('Does Cllr Hal Brook depend on Cllr Tessa Moor?', 'dependence');
    for (const c of q) expect(c.confidence).toBeLessThan(0.5);
  });
});
