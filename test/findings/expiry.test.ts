import { describe, expect, it } from 'vitest';
import { isCalendarDate, readExpiry } from '../../src/findings/expiry.js';

describe('suppression expiry dates', () => {
  it('takes a real YYYY-MM-DD date, leap days included', () => {
    expect(readExpiry('2027-06-30')).toEqual({ date: '2027-06-30' });
    expect(readExpiry('2028-02-29')).toEqual({ date: '2028-02-29' });
  });

  it('refuses a date that does not exist instead of rolling it over', () => {
    expect(readExpiry('2027-13-45')).toEqual({ problem: '2027-13-45 is not a real date (no such day)' });
    expect(readExpiry('2027-02-29')).toEqual({ problem: '2027-02-29 is not a real date (no such day)' });
    expect(readExpiry('2027-04-31')).toHaveProperty('problem');
  });

  it('refuses other ways of writing a date, and values that are not dates', () => {
    expect(readExpiry('31/12/2027')).toEqual({ problem: '31/12/2027 is not a date (YYYY-MM-DD)' });
    expect(readExpiry('2027-6-30')).toHaveProperty('problem');
    expect(readExpiry('2027-06-30T10:00:00Z')).toHaveProperty('problem');
    expect(readExpiry(20270630)).toEqual({ problem: '20270630 is not a date (YYYY-MM-DD)' });
    expect(readExpiry(null)).toEqual({ problem: '(empty) is not a date (YYYY-MM-DD)' });
  });

  it('takes a Date (a YAML parser that makes dates of timestamps) as its UTC day', () => {
    expect(readExpiry(new Date('2027-06-30T00:00:00Z'))).toEqual({ date: '2027-06-30' });
    expect(readExpiry(new Date('not a date'))).toHaveProperty('problem');
  });

  it('tells calendar dates from look-alikes', () => {
    expect(isCalendarDate('2026-12-31')).toBe(true);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-01-00')).toBe(false);
    expect(isCalendarDate(' 2026-01-01')).toBe(false);
  });
});
