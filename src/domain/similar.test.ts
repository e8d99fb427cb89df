import { describe, expect, it } from 'vitest';
import { closest } from './similar.js';

const councils = [
  { id: 'BIR', name: 'Birmingham City Council' },
  { id: 'MAN', name: 'Manchester City Council' },
  { id: 'LBH', name: 'London Borough of Hackney' },
];

describe('closest', () => {
  it('finds typos and partial names', () => {
    expect(closest('birmingam', councils)[0]).toBe('BIR');
    expect(closest('Hackney', councils)).toEqual(['LBH']);
    expect(closest('BRI', councils)).toContain('BIR');
  });
  it('compares a single word with each word of ids and names', () => {
    expect(
      closest('selvam', [
        { id: 'council:selvham', name: 'Selvham City Council' },
        { id: 'council:elvdale', name: 'Elvdale' },
      ])[0],
    ).toBe('council:selvham');
  });
  it('suggests nothing for unrelated input', () => {
    expect(closest('zzzzzzzz', councils)).toEqual([]);
  });
});
