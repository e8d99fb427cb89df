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
