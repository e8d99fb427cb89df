import { scoreArticle, type GoldFile } from './score.js';
import { soundKey } from './linker.engine.js';
const ev = { start: 0, end: 1, text: 'x' };
const gold: GoldFile = {
  entities: [
    { type: 'person', name: 'Jane Roe', aliases: ['Roe'], required: true },
    { type: 'council', name: 'Testford City Council', aliases: ['Testford'], required: true },
    { type: 'ward', name: 'Upper Marsh', required: true },
    { type: 'faction', name: 'moderates', required: false },
    { type: 'party', name: 'Labour', aliases: ['Labour Party'], required: true },
  ],
  claims: [
    { type: 'deselection', subject: 'Jane Roe', ward: 'Upper Marsh', council: 'Testford City Council', party: 'Labour', required: true },
    { type: 'office', subject: 'Jane Roe', office: 'mayor', council: 'Testford City Council', former: true, required: true },
    { type: 'leadership_election', subject: 'Jane Roe', supported_by: ['moderates', 'Labour'], required: false },
  ],
};
const s = scoreArticle('a', { entities: [], claims: [
  { type: 'deselection', subject: 'Roe', ward: 'Upper Marsh', confidence: 1, evidence: ev },
  { type: 'office', subject: 'Jane Roe', office: 'mayor', council: 'Testford', confidence: 1, evidence: ev },
  { type: 'leadership_election', subject: 'Jane Roe', supported_by: ['moderates', 'Momentum'], confidence: 1, evidence: ev } ] }, gold);
console.log(JSON.stringify(s.claims.spurious), JSON.stringify(s.claims.misses));
console.log(soundKey('Smith'), soundKey('Smyth'), soundKey('Thompson'), soundKey('Tomson'));
