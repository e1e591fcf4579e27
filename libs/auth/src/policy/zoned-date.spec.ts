import { calendarDateIn, isIanaTimeZone, normalizeTimeZone, parseCalendarDate, startOfDayIn } from './zoned-date';

describe('enforcement dates in time zones', () => {
  it.each([
    ['2026-03-10', 'Asia/Tokyo', '2026-03-09T15:00:00.000Z', 'UTC+9, no daylight saving'],
    ['2026-03-02', 'America/Los_Angeles', '2026-03-02T08:00:00.000Z', 'PST, UTC-8'],
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z', 'the US spring-forward day: midnight is still PST'],
    ['2026-03-09', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z', 'the day after the US spring-forward: PDT, UTC-7'],
    ['2026-03-10', 'Pacific/Auckland', '2026-03-09T11:00:00.000Z', 'NZDT, UTC+13'],
    ['2026-04-06', 'Pacific/Auckland', '2026-04-05T12:00:00.000Z', 'the day after New Zealand’s fall-back: NZST, UTC+12'],
    ['2026-10-25', 'Europe/Paris', '2026-10-24T22:00:00.000Z', 'the EU fall-back day: midnight is still CEST'],
    ['2026-10-26', 'Europe/Paris', '2026-10-25T23:00:00.000Z', 'the day after the EU fall-back: CET, UTC+1'],
    ['2026-03-02', 'UTC', '2026-03-02T00:00:00.000Z', 'UTC itself'],
  ])('POL-2 %s in %s starts at %s (%s)', (date, timeZone, instant) => {
    expect(startOfDayIn(date, timeZone).toISOString()).toBe(instant);
  });

  it('POL-2 a day whose midnight the clocks jump over starts at the jump (01:00 local)', () => {
    // Chile moves from UTC-4 to UTC-3 at 24:00 on Saturday 5 September 2026: 00:00 on the 6th never happens.
    expect(startOfDayIn('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(calendarDateIn(new Date('2026-09-06T03:59:59Z'), 'America/Santiago')).toBe('2026-09-05');
  });

  it('POL-2 a day whose midnight happens twice (clocks go back over it) starts at the first one', () => {
    // Cuba goes back from 01:00 CDT to 00:00 CST on 1 November 2026: 00:00 happens at 04:00Z and 05:00Z.
    expect(startOfDayIn('2026-11-01', 'America/Havana').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(calendarDateIn(new Date('2026-11-01T03:59:59Z'), 'America/Havana')).toBe('2026-10-31');
  });

  it('POL-2 "today" is the date in the admin’s zone, not in UTC', () => {
    const instant = new Date('2026-03-02T20:00:00Z');
    expect(calendarDateIn(instant, 'Pacific/Auckland')).toBe('2026-03-03');
    expect(calendarDateIn(instant, 'America/Los_Angeles')).toBe('2026-03-02');
    expect(calendarDateIn(instant, 'UTC')).toBe('2026-03-02');
  });

  it('POL-1 accepts IANA zone names only: no offsets, no typos, no made-up zones', () => {
    for (const zone of ['America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Auckland', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires', 'UTC']) {
      expect(isIanaTimeZone(zone)).toBe(true);
    }
    for (const zone of ['+01:00', 'UTC+1', 'Mars/Olympus_Mons', 'America/Los Angeles', '', 'Europe/Paris ', 'a'.repeat(65)]) {
      expect(isIanaTimeZone(zone)).toBe(false);
    }
  });

  it('POL-1 keeps the admin’s spelling of a zone, fixing only its case', () => {
    expect(normalizeTimeZone('america/los_angeles')).toBe('America/Los_Angeles');
    expect(normalizeTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it('POL-1 takes only dates that exist in the calendar', () => {
    expect(parseCalendarDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    for (const date of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-3-9', '0000-01-01', '2026-03-09T00:00']) {
      expect(parseCalendarDate(date)).toBeNull();
    }
  });
});
