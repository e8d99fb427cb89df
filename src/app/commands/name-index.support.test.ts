import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/ports.js';
import type { Store } from '../../store/store.js';
import { registryChanged } from './changes.support.js';
import { nameIndex, searchNames, tokensOf } from './name-index.support.js';

const PEOPLE = [
  { id: 'p1', name: 'Alex Example', familyName: 'Example' },
  { id: 'p2', name: 'Alexandra Smith', familyName: 'Smith' },
  { id: 'p3', name: 'Siân O’Brien-Jones', familyName: 'O’Brien-Jones' },
  { id: 'p4', name: 'Sam Sample', familyName: 'Sample' },
  { id: 'p5', name: 'John Goldsmith', familyName: 'Goldsmith' },
];

function fakeStore(people = PEOPLE) {
  let reads = 0;
  const store = {
    catalog: {
      personNames: async () => {
        reads++;
        return people;
      },
    },
  } as unknown as Store;
  return { store, reads: () => reads };
}

const ids = async (q: string) => {
  const { store } = fakeStore();
  const index = await nameIndex({ store, clock: fixedClock('2026-01-01') });
  return searchNames(index, q).map((i) => index.ids[i]);
};

describe('tokensOf', () => {
  it('lower-cases, drops accents and splits on punctuation', () => {
    expect(tokensOf('Siân O’Brien-Jones')).toEqual(['sian', 'o', 'brien', 'jones']);
    expect(tokensOf("  D'Arcy  SMITH ")).toEqual(["d'arcy", 'smith']);
  });
});

describe('searchNames', () => {
  it('finds exact words first, then prefixes and parts, then typing slips', async () => {
    expect(await ids('smith')).toEqual(['p2', 'p5']);
    expect(await ids('alex')).toEqual(['p1', 'p2']);
    expect(await ids('alx')).toEqual(['p1']);
    expect(await ids('sian')).toEqual(['p3']);
    expect(await ids('Siân Jones')).toEqual(['p3']);
  });
  it('needs every word of the query to match', async () => {
    expect(await ids('alex smith')).toEqual(['p2']);
    expect(await ids('smaple sam')).toEqual(['p4']);
    expect(await ids('alex zebedee')).toEqual([]);
    expect(await ids('   ')).toEqual([]);
  });
});

describe('nameIndex', () => {
  it('is built once and rebuilt after a change or when old', async () => {
    const { store, reads } = fakeStore();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = { today: () => '2026-01-01', now: () => new Date(now) };
    await nameIndex({ store, clock });
    await nameIndex({ store, clock });
    expect(reads()).toBe(1);
    registryChanged(store);
    await nameIndex({ store, clock });
    expect(reads()).toBe(2);
    now += 5 * 60_000;
    await nameIndex({ store, clock });
    expect(reads()).toBe(3);
  });
});
