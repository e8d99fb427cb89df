import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, toDayNumber } from '../../domain/dates.js';
import { InvalidInputError } from '../../domain/errors.js';
import {
  automaticDissolution,
  GENERAL_ELECTIONS,
  latestPollingDayAfter,
  nextGeneralElection,
  PARLIAMENTS,
} from './parliament.engine.js';

describe('Parliament', () => {
  it('holds the general elections since 2010 and when each Parliament first met', () => {
    expect(GENERAL_ELECTIONS).toEqual(['2010-05-06', '2015-05-07', '2017-06-08', '2019-12-12', '2024-07-04']);
    for (const d of GENERAL_ELECTIONS) expect(dayOfWeek(d)).toBe(4);
    expect(PARLIAMENTS.at(-1)).toEqual({
      electedOn: '2024-07-04',
      firstMeeting: '2024-07-09',
      dissolvedOn: null,
    });
    for (const p of PARLIAMENTS) expect(p.firstMeeting > p.electedOn).toBe(true);
  });

  it('under the 2022 Act: dissolution five years after the first meeting, polling 25 working days later', () => {
    expect(automaticDissolution('2024-07-09')).toBe('2029-07-09');
    expect(latestPollingDayAfter('2029-07-09')).toBe('2029-08-15');
    expect(nextGeneralElection('2025-06-01')).toMatchObject({
      regime: 'Dissolution and Calling of Parliament Act 2022',
      automaticDissolution: '2029-07-09',
      latestPollingDay: '2029-08-15',
      calledFor: null,
    });
    expect(nextGeneralElection('2023-01-01').latestPollingDay).toBe('2025-01-28');
  });

  it('under the 2011 Act before 2022-03-24, and the called date once dissolved', () => {
    expect(nextGeneralElection('2011-01-01').latestPollingDay).toBe('2015-05-07');
    expect(nextGeneralElection('2018-01-01').latestPollingDay).toBe('2022-05-05');
    expect(nextGeneralElection('2021-06-01')).toMatchObject({
      regime: 'Fixed-term Parliaments Act 2011',
      latestPollingDay: '2024-05-02',
    });
    expect(nextGeneralElection('2024-06-01')).toMatchObject({
      calledFor: '2024-07-04',
      latestPollingDay: '2024-07-04',
    });
  });

  it('rejects days before the data', () => {
    try {
      nextGeneralElection('2009-01-01');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).details.where).toBe('asOf');
    }
  });

  it('polling day after a dissolution is a weekday 33 to 45 days later (25 working days)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9000 }), (offset) => {
        const dissolution = addDays('2025-01-01', offset);
        const poll = latestPollingDayAfter(dissolution);
        expect([0, 6]).not.toContain(dayOfWeek(poll));
        const gap = toDayNumber(poll) - toDayNumber(dissolution);
        expect(gap).toBeGreaterThanOrEqual(33);
        expect(gap).toBeLessThanOrEqual(45);
      }),
      { numRuns: 200 },
    );
  });
});
