/**
 * Word lists the extraction rules rely on: parties, factions, titles, office words, given names.
 * General knowledge of British politics and English names, not taken from any evaluation article.
 */

/** A national party: canonical name and the surface forms that name it. Longest forms are tried first. */
export interface PartyEntry {
  name: string;
  forms: string[];
  /** Surface form used to build group names ("Labour group", "Green group"). */
  short: string;
}

export const PARTIES: PartyEntry[] = [
  { name: 'Labour', short: 'Labour', forms: ['Labour Party', 'Labour', 'Scottish Labour', 'Welsh Labour', 'Labour and Co-operative'] },
  {
    name: 'Conservatives',
    short: 'Conservative',
    forms: ['Conservative Party', 'Conservatives', 'Conservative', 'Tories', 'Tory', 'Scottish Conservatives', 'Welsh Conservatives'],
  },
  {
    name: 'Liberal Democrats',
    short: 'Liberal Democrat',
    forms: ['Liberal Democrats', 'Liberal Democrat', 'Lib Dems', 'Lib Dem', 'LibDems', 'Scottish Liberal Democrats', 'Welsh Liberal Democrats'],
  },
  { name: 'Scottish Greens', short: 'Green', forms: ['Scottish Green Party', 'Scottish Greens', 'Scottish Green'] },
  { name: 'Green Party', short: 'Green', forms: ['Green Party of England and Wales', 'Green Party', 'Greens', 'Green'] },
  { name: 'SNP', short: 'SNP', forms: ['Scottish National Party', 'SNP'] },
  { name: 'Plaid Cymru', short: 'Plaid', forms: ['Plaid Cymru', 'Plaid'] },
  { name: 'Reform UK', short: 'Reform', forms: ['Reform UK'] },
  { name: 'UKIP', short: 'UKIP', forms: ['UK Independence Party', 'UKIP'] },
  { name: 'Brexit Party', short: 'Brexit Party', forms: ['Brexit Party'] },
  { name: 'DUP', short: 'DUP', forms: ['Democratic Unionist Party', 'DUP'] },
  { name: 'Sinn Féin', short: 'Sinn Féin', forms: ['Sinn Féin', 'Sinn Fein'] },
  { name: 'SDLP', short: 'SDLP', forms: ['SDLP'] },
  { name: 'UUP', short: 'UUP', forms: ['Ulster Unionist Party', 'UUP'] },
  { name: 'Alliance Party', short: 'Alliance', forms: ['Alliance Party'] },
  { name: 'Co-operative Party', short: 'Co-operative', forms: ['Co-operative Party', 'Co-op Party'] },
  { name: 'Workers Party', short: 'Workers Party', forms: ['Workers Party of Britain', 'Workers Party'] },
];

/** Party words that are only a party when capitalised and not part of a longer name (e.g. "Green"). */
export const WEAK_PARTY_FORMS = new Set(['Green', 'Plaid', 'Alliance']);

/** Named factions and tendencies inside parties. */
export const FACTIONS: string[] = [
  'Momentum',
  'Labour First',
  'Progress',
  'Progressive Britain',
  'Labour to Win',
  'Open Labour',
  'Red Labour',
  'Blue Labour',
  'Tribune Group',
  'Socialist Campaign Group',
  'Campaign for Labour Party Democracy',
  'CLPD',
  'Labour Left Alliance',
  'Labour Representation Committee',
  'Labour Together',
  'Jewish Labour Movement',
  'Jewish Voice for Labour',
  'Conservative Way Forward',
  'European Research Group',
  'ERG',
  'One Nation Conservatives',
  'One Nation Caucus',
  'Common Sense Group',
  'New Conservatives',
  'Tory Reform Group',
  'Bow Group',
  'Cornerstone Group',
  'Northern Research Group',
  'Conservative Democratic Organisation',
  'Social Liberal Forum',
  'Liberal Reform',
  'Beveridge Group',
  'Alba',
];

/** Factions whose name is also a common word: only taken mid-sentence and capitalised. */
export const AMBIGUOUS_FACTIONS = new Set(['Progress', 'Alba']);

/** Labels for tendencies, written in lower case in running text: canonical name and forms. */
export const FACTION_LABELS: { name: string; pattern: RegExp }[] = [
  { name: 'moderates', pattern: /\b(?:(?:Labour |party )?moderates?)\b/y },
  { name: 'the left', pattern: /\b(?:the (?:hard |soft |Labour )?left\b(?! (?:hand|side|bank|foot|wing of the (?:building|hall))\b)|left-wing(?= councillors| members| activists| group| caucus| bloc| slate| faction)|hard-left)/y },
  { name: 'Corbynistas', pattern: /\bCorbynistas?\b/y },
  { name: 'Blairites', pattern: /\bBlairites?\b/y },
];

/** Honorifics and council titles written before a name. `office` is the office the title shows. */
export const PERSON_TITLES: Record<string, { office?: 'councillor' | 'mp'; plural?: boolean }> = {
  Cllr: { office: 'councillor' },
  Cllrs: { office: 'councillor', plural: true },
  Councillor: { office: 'councillor' },
  Councillors: { office: 'councillor', plural: true },
  Coun: { office: 'councillor' },
  Mr: {},
  Mrs: {},
  Ms: {},
  Miss: {},
  Mx: {},
  Dr: {},
  Prof: {},
  Professor: {},
  Sir: {},
  Dame: {},
  Lady: {},
  Baroness: {},
  Baron: {},
  Rev: {},
  Revd: {},
};

/** Words after which a full stop does not end a sentence (UK usage: "Cllr.", "Coun.", "Rt. Hon."). */
export const ABBREVIATIONS = new Set([
  'cllr',
  'cllrs',
  'coun',
  'rt',
  'hon',
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'st',
  'prof',
  'rev',
  'revd',
  'sgt',
  'capt',
  'col',
  'gen',
  'lt',
  'gov',
  'jr',
  'sr',
  'mt',
  'no',
  'nos',
  'vs',
  'v',
  'etc',
  'eg',
  'ie',
  'approx',
  'est',
  'dept',
  'co',
  'cf',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'am',
  'pm',
  'inc',
  'ltd',
  'plc',
  'cttee',
]);

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Capitalised words that are never part of a person's name in this kind of text: office and
 * institution words, place-name elements, calendar words, sentence openers.
 */
export const NON_NAME_WORDS = new Set(
  [
    ...MONTHS,
    ...WEEKDAYS,
    'Council', 'Councils', 'City', 'Borough', 'County', 'District', 'Metropolitan', 'Royal', 'Town', 'Parish',
    'Party', 'Parties', 'Group', 'Groups', 'Association', 'Branch', 'Ward', 'Wards', 'Committee', 'Cabinet',
    'Executive', 'Board', 'Mayor', 'Leader', 'Deputy', 'Depute', 'Chief', 'Whip', 'Member', 'Members', 'Lord',
    'Provost', 'Government', 'Local', 'Democracy', 'Reporter', 'Editor', 'Correspondent', 'Wire', 'News',
    'Street', 'Road', 'Lane', 'Avenue', 'Hill', 'Valley', 'Side', 'Edge', 'Downs', 'Central', 'North', 'South',
    'East', 'West', 'Park', 'Common', 'Hall', 'House', 'Chambers', 'Village', 'Square', 'Bridge', 'Cross',
    'Heath', 'Wood', 'Green', 'Vale', 'Fields', 'Castle', 'Gardens', 'Rise', 'Court', 'Estate', 'Quarter',
    'University', 'College', 'School', 'Academy', 'Hospital', 'Trust', 'Union', 'Network', 'Forum', 'Society',
    'Institute', 'Commission', 'Department', 'Ministry', 'Office', 'Agency', 'Authority', 'Service', 'Services',
    'Corporation', 'Company', 'Bank', 'Church', 'Centre', 'Fund', 'Pension', 'Pensions', 'Police', 'Fire',
    'Parliament', 'Assembly', 'Senedd', 'Westminster', 'Whitehall', 'Labour', 'Conservative', 'Conservatives',
    'Liberal', 'Democrat', 'Democrats', 'Tory', 'Tories', 'Greens', 'Independent', 'Independents', 'Left',
    'Right', 'First', 'Momentum', 'Progress', 'Watch', 'Issue', 'Analysis', 'Comment', 'Opinion', 'Update',
    'Correction', 'Briefing', 'Newsletter', 'Selection', 'Selections', 'Membership', 'Pensions', 'Budget',
    'Election', 'Elections', 'By-election', 'Referendum', 'Motion', 'Report', 'Statement', 'Press', 'Times',
    'Post', 'Gazette', 'Echo', 'Herald', 'Guardian', 'Mirror', 'Telegraph', 'Chronicle', 'Journal', 'Evening',
    'Morning', 'Daily', 'Weekly', 'Sunday', 'Week', 'Year', 'Christmas', 'Easter', 'England', 'Scotland', 'Wales',
    'Britain', 'British', 'English', 'Scottish', 'Welsh', 'Irish', 'UK', 'London', 'Northern', 'Southern',
    'Eastern', 'Western', 'Greater', 'Upper', 'Lower', 'Great', 'Little', 'New', 'Old', 'Mr', 'Mrs', 'Ms',
    'Act', 'Bill', 'Policy', 'Plan', 'Strategy', 'Review', 'Inquiry', 'Set', 'Caucus', 'Alliance', 'Campaign',
    'Coalition', 'Tendency', 'Faction', 'Movement', 'Federation', 'Congress', 'Unite', 'Unison', 'GMB', 'NHS',
    'TUC', 'BBC', 'Socialist', 'Socialists', 'Communist', 'Co-operative', 'Cooperative', 'Internet', 'Twitter',
    'Facebook', 'Google', 'Jesus', 'God', 'Brexit', 'Covid', 'Coronavirus', 'Reform', 'Sir', 'Dame', 'Rt', 'Hon',
    'Cllr', 'Cllrs', 'Councillor', 'Councillors', 'Coun',
  ].map((w) => w.toLowerCase()),
);

/** Capitalised words that open sentences and are not names. */
export const SENTENCE_OPENERS = new Set(
  [
    'The', 'A', 'An', 'In', 'On', 'At', 'By', 'For', 'From', 'To', 'Of', 'With', 'Without', 'But', 'And', 'Or',
    'So', 'Yet', 'If', 'When', 'While', 'Whilst', 'Where', 'Whether', 'Why', 'How', 'What', 'Who', 'Which',
    'This', 'That', 'These', 'Those', 'There', 'Here', 'Then', 'Now', 'Last', 'Next', 'Some', 'Many', 'Most',
    'Few', 'All', 'Both', 'Each', 'Every', 'No', 'None', 'Nobody', 'Nothing', 'Not', 'Only', 'Even', 'Also',
    'Still', 'Meanwhile', 'However', 'Although', 'Though', 'After', 'Before', 'Since', 'Until', 'During',
    'Among', 'Amongst', 'Under', 'Over', 'Perhaps', 'Almost', 'One', 'Two', 'Three', 'Four', 'Five', 'Six',
    'Seven', 'Eight', 'Nine', 'Ten', 'Her', 'His', 'Its', 'Their', 'Our', 'My', 'Your', 'He', 'She', 'It',
    'They', 'We', 'I', 'You', 'Is', 'Are', 'Was', 'Were', 'Has', 'Have', 'Had', 'Do', 'Does', 'Did', 'Will',
    'Would', 'Could', 'Should', 'May', 'Might', 'Can', 'Speaking', 'Asked', 'According', 'Welcome', 'Tips',
    'Expect', 'Let', 'Leaflets', 'Members', 'Councillors', 'Residents', 'Voters', 'Sources', 'Figures',
    'Former', 'Current', 'Cabinet', 'Among', 'Like', 'Unlike', 'As', 'Than', 'Because', 'Once',
    'Despite', 'Against', 'Around', 'About', 'Across', 'Within', 'Inside', 'Outside', 'Yes',
  ],
);

/** Nouns that, written just before a capitalised name, mark it as a person ("newcomer Jane Roe"). */
export const PERSON_NOUNS = new Set([
  'newcomer', 'candidate', 'councillor', 'rival', 'activist', 'organiser', 'organizer', 'member', 'leader',
  'veteran', 'incumbent', 'challenger', 'colleague', 'ally', 'chair', 'chairman', 'chairwoman', 'secretary',
  'spokesperson', 'spokesman', 'spokeswoman', 'mp', 'mayor', 'deputy', 'whip', 'convenor', 'convener',
  'campaigner', 'nurse', 'teacher', 'officer', 'agent', 'treasurer', 'founder', 'writer', 'reporter',
  'journalist', 'blogger', 'resident', 'businessman', 'businesswoman',
]);

/** Words ending a capitalised name that make it an organisation. */
export const ORG_SUFFIXES = new Set([
  'Fund', 'Network', 'Trust', 'Union', 'Commission', 'Department', 'Ministry', 'Agency', 'Authority',
  'Institute', 'Society', 'Federation', 'Congress', 'Corporation', 'Company', 'Bank', 'Wire', 'News', 'Times',
  'Post', 'Gazette', 'Echo', 'Herald', 'Chronicle', 'Journal', 'Press', 'Board', 'Partnership', 'Foundation',
  'Office', 'Executive', 'Service', 'Services', 'Association', 'Forum', 'Council', 'Committee', 'University',
  'College', 'Hospital', 'Church', 'Centre',
]);

/** Organisations known by a bare acronym or single word. */
export const KNOWN_ORGS = ['NHS', 'TUC', 'BBC', 'GMB', 'Unison', 'Unite', 'LGA', 'Local Government Association', 'Electoral Commission', 'Boundary Commission'];

/** Given names with the gender of the pronoun usually used for them; used only to resolve he/she. */
const FEMALE = `Abigail Abimbola Ada Adaeze Adeola Adriana Agnes Aisha Alexandra Alice Alicia Alison Amanda Amber Amelia
Amina Amy Ana Andrea Angela Angharad Anita Ann Anna Anne Annette Annie Antonia Asha Ayesha Barbara Beatrice Belinda
Bernadette Beth Bethan Bethany Beverley Bridget Brenda Bronwen Bryony Caitlin Carol Caroline Carys Catherine Cerys
Charlotte Chloe Christina Christine Ciara Claire Clare Daisy Dawn Debbie Deborah Denise Diana Diane Dolores Donna
Doreen Dorothy Edith Eilidh Eileen Eleanor Elena Elizabeth Ella Ellie Eloise Emily Emma Erin Esther Eve Evelyn
Fatima Fiona Florence Frances Francesca Freya Gemma Georgia Gillian Gloria Grace Gwen Gwyneth Hannah Harriet Hazel
Heather Helen Helena Holly Imogen Ingrid Irene Isabel Isabella Isla Jacqueline Jane Janet Janice Jasmine Jean
Jennifer Jenny Jessica Joan Joanna Joanne Jodie Josephine Joy Judith Julia Julie June Karen Kate Katherine Kathleen
Kathryn Katie Kay Kelly Kerry Kirsty Laura Lauren Leah Leanne Leila Leonie Lesley Linda Lindsay Lisa Liz Lorna
Lorraine Louise Lucy Lydia Lynne Maeve Maggie Maira Mairi Margaret Maria Marian Marie Marion Marisol Martha Mary
Maureen Maya Megan Melanie Michelle Mina Miriam Molly Monica Morag Nadia Nancy Naomi Natalie Natasha Niamh Nicola
Nicole Nina Nkechi Nora Norma Olivia Pamela Patricia Pauline Penelope Penny Philippa Phoebe Polly Priya Rachel
Rebecca Rhian Rhiannon Rita Roberta Rosa Rosalind Rose Rosemary Ruby Ruth Sadia Sally Samantha Sandra Sarah Saira
Shabana Shahida Shama Sharon Sheila Shira Shirley Shona Siobhan Sinead Sonia Sophie Stella Stephanie Sue Susan
Suzanne Tamsin Tanya Teresa Theresa Tina Tracey Tracy Una Valerie Vanessa Veronica Victoria Violet Wendy Yasmin
Yvonne Zainab Zara Zoe`;
const MALE = `Aaron Abdul Adam Adrian Ahmed Aidan Alan Alasdair Alastair Albert Aled Alex Alexander Alfie Ali Alistair Andrew
Andy Angus Anthony Arif Arthur Asif Barry Ben Benedict Benjamin Bernard Bill Bob Brendan Brian Bruce Callum Calum
Cameron Carl Charles Charlie Chris Christopher Clive Colin Conor Conrad Craig Dafydd Damian Daniel Darren Dave David
Dean Declan Dennis Derek Desmond Dominic Donald Douglas Duncan Dylan Eamon Edward Emeka Emmanuel Eric Euan Ewan Farid
Finlay Francis Frank Fraser Gareth Gary Gavin Geoffrey George Gerald Gerry Glen Gordon Graham Grant Greg Gregory
Guy Gwyn Hamish Harry Harvey Hassan Henry Hugh Hugo Iain Ian Idris Imran Ivan Jack Jacob Jake James Jamie Jason
Jeremy Jim Joe Joel John Jonathan Joseph Joshua Julian Justin Kamal Karl Keith Kenneth Kevin Khalid Kieran Kofi
Kwame Lee Leo Leon Leslie Lewis Liam Luke Malcolm Mark Martin Matthew Michael Mike Mohammed Muhammad Nathan Neil
Neville Nicholas Nigel Noel Oliver Olu Oluwaseun Omar Oscar Owain Owen Patrick Paul Peter Philip Raj Rajesh Ralph
Raymond Reece Rhodri Rhys Richard Rob Robert Robin Roger Ross Roy Rupert Russell Ryan Sajid Sam Samuel Scott Sean
Sebastian Shaun Simon Stephen Steve Steven Stuart Tariq Terry Thomas Tim Timothy Tobias Tom Tony Trevor Tunde
Umar Usman Vikram Vincent Wayne William Yusuf Zubair`;

export const GIVEN_NAME_GENDER: Map<string, 'f' | 'm'> = new Map([
  ...FEMALE.split(/\s+/).map((n): [string, 'f'] => [n, 'f']),
  ...MALE.split(/\s+/).map((n): [string, 'm'] => [n, 'm']),
]);

/** Short forms of given names, for linking "Bob Smith" to "Robert Smith". */
export const NICKNAMES: Record<string, string> = {
  bob: 'robert', rob: 'robert', robbie: 'robert', bobby: 'robert', bill: 'william', will: 'william',
  billy: 'william', liam: 'william', jim: 'james', jimmy: 'james', jamie: 'james', dave: 'david', davy: 'david',
  mike: 'michael', mick: 'michael', mikey: 'michael', tom: 'thomas', tommy: 'thomas', andy: 'andrew',
  drew: 'andrew', tony: 'anthony', steve: 'stephen', chris: 'christopher', nick: 'nicholas', matt: 'matthew',
  pete: 'peter', dan: 'daniel', danny: 'daniel', joe: 'joseph', ben: 'benjamin', sam: 'samuel', alex: 'alexander',
  ed: 'edward', ted: 'edward', eddie: 'edward', phil: 'philip', rich: 'richard', dick: 'richard', rick: 'richard',
  ricky: 'richard', tim: 'timothy', jon: 'jonathan', ken: 'kenneth', kenny: 'kenneth', ron: 'ronald',
  don: 'donald', greg: 'gregory', jeff: 'jeffrey', geoff: 'geoffrey', fred: 'frederick', harry: 'henry',
  hal: 'henry', jack: 'john', johnny: 'john', ian: 'iain', sandy: 'alexander', kate: 'katherine',
  katie: 'katherine', cathy: 'catherine', kath: 'katherine', liz: 'elizabeth', beth: 'elizabeth',
  lizzie: 'elizabeth', betty: 'elizabeth', maggie: 'margaret', meg: 'margaret', peggy: 'margaret',
  sue: 'susan', suzy: 'susan', jenny: 'jennifer', jen: 'jennifer', pat: 'patricia', trish: 'patricia',
  vicky: 'victoria', vic: 'victoria', becky: 'rebecca', becca: 'rebecca', debbie: 'deborah', deb: 'deborah',
  mandy: 'amanda', sandra: 'alexandra', jo: 'joanne', jackie: 'jacqueline', chrissie: 'christine',
  annie: 'anne', nicky: 'nicola', steph: 'stephanie', sally: 'sarah', nell: 'helen', ellie: 'eleanor',
  abi: 'abigail', abby: 'abigail', gill: 'gillian', jill: 'gillian', sid: 'sidney', bernie: 'bernadette',
};

/** English function words; their share of the words tells English text from other languages. */
export const ENGLISH_STOPWORDS = new Set(
  `the of and to a in is that for was on with as by he she it at be has have are were from this not but or his
her they their an which who had will would been its we i said after also more one than there when about all
our you your them into what up out new over can last said could may no if so only other some because year`.split(
    /\s+/,
  ),
);
