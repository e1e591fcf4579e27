import { calendarDateIn, isIanaTimeZone, normalizeTimeZone, parseCalendarDate, startOfDayIn } from './zoned-date';

const HOUR_MS = 3_600_000;
const ZONES = ['America/Santiago', 'America/Havana', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata'];

/** Every date of a year, "YYYY-MM-DD". */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 24 * HOUR_MS)
    dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
}

describe('enforcement dates across daylight saving, year ends and aliases', () => {
  it.each([
    ['2026-04-04', 'America/Santiago', '2026-04-04T03:00:00.000Z', 'Chile’s last day of summer time, UTC-3'],
    [
      '2026-04-05',
      'America/Santiago',
      '2026-04-05T04:00:00.000Z',
      'Chile goes back at 00:00 to 23:00 Saturday: midnight comes once, at UTC-4',
    ],
    ['2027-09-05', 'America/Santiago', '2027-09-05T04:00:00.000Z', 'Chile jumps over midnight again in 2027: the day starts at 01:00'],
    ['2026-03-08', 'America/Havana', '2026-03-08T05:00:00.000Z', 'Cuba jumps from 00:00 to 01:00: the day starts at the jump'],
    ['2026-03-09', 'America/Havana', '2026-03-09T04:00:00.000Z', 'the day after Cuba’s jump, UTC-4'],
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00.000Z', 'the UK changes at 01:00, after midnight: midnight is still GMT'],
    ['2026-03-30', 'Europe/London', '2026-03-29T23:00:00.000Z', 'the day after: BST, UTC+1'],
    ['2026-10-25', 'Europe/London', '2026-10-24T23:00:00.000Z', 'the UK fall-back day: midnight is still BST'],
    ['2026-10-26', 'Europe/London', '2026-10-26T00:00:00.000Z', 'the day after: GMT'],
    [
      '2026-04-05',
      'Australia/Lord_Howe',
      '2026-04-04T13:00:00.000Z',
      'Lord Howe goes back half an hour at 02:00: midnight is still UTC+11',
    ],
    ['2026-04-06', 'Australia/Lord_Howe', '2026-04-05T13:30:00.000Z', 'the day after: UTC+10:30'],
    [
      '2026-10-04',
      'Australia/Lord_Howe',
      '2026-10-03T13:30:00.000Z',
      'Lord Howe goes forward half an hour at 02:00: midnight is still UTC+10:30',
    ],
    ['2026-10-05', 'Australia/Lord_Howe', '2026-10-04T13:00:00.000Z', 'the day after: UTC+11'],
    ['2026-03-08', 'Asia/Kolkata', '2026-03-07T18:30:00.000Z', 'India keeps UTC+5:30 all year, while Cuba jumps'],
    ['2026-10-25', 'Asia/Kolkata', '2026-10-24T18:30:00.000Z', 'India keeps UTC+5:30 all year, while Europe falls back'],
  ])('POL-2 %s in %s starts at %s (%s)', (date, timeZone, instant) => {
    expect(startOfDayIn(date, timeZone).toISOString()).toBe(instant);
  });

  it.each([
    ['Australia/Lord_Howe', '2026-12-31T13:00:00.000Z'],
    ['Asia/Kolkata', '2026-12-31T18:30:00.000Z'],
    ['Pacific/Kiritimati', '2026-12-31T10:00:00.000Z'],
    ['Pacific/Auckland', '2026-12-31T11:00:00.000Z'],
    ['Europe/London', '2027-01-01T00:00:00.000Z'],
    ['America/Santiago', '2027-01-01T03:00:00.000Z'],
    ['America/Havana', '2027-01-01T05:00:00.000Z'],
  ])('POL-2 1 January 2027 in %s starts at %s, and the second before it is still 2026 there', (timeZone, instant) => {
    expect(startOfDayIn('2027-01-01', timeZone).toISOString()).toBe(instant);
    expect(calendarDateIn(new Date(instant), timeZone)).toBe('2027-01-01');
    expect(calendarDateIn(new Date(new Date(instant).getTime() - 1), timeZone)).toBe('2026-12-31');
  });

  it('POL-2 a date a zone skipped entirely starts when the next day does', () => {
    // Samoa crossed the date line at the end of 29 December 2011: the 30th never happened in Apia.
    expect(startOfDayIn('2011-12-30', 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(startOfDayIn('2011-12-31', 'Pacific/Apia').toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(startOfDayIn('2011-12-29', 'Pacific/Apia').toISOString()).toBe('2011-12-29T10:00:00.000Z');
  });

  it('POL-2 every day of 2026 starts where its date begins in each zone, and lasts 24 hours but on the change days', () => {
    const changeDays: Record<string, string[]> = {};
    const misplaced: string[] = [];
    for (const timeZone of ZONES) {
      const dates = [...datesOf(2026), '2027-01-01'];
      const starts = dates.map((date) => startOfDayIn(date, timeZone).getTime());
      dates.forEach((date, index) => {
        const start = starts[index]!;
        // One expect for the whole sweep: thousands of them would cost more than the arithmetic.
        if (calendarDateIn(new Date(start), timeZone) !== date || calendarDateIn(new Date(start - 1), timeZone) === date) {
          misplaced.push(`${date} ${timeZone}`);
        }
      });
      changeDays[timeZone] = dates.slice(0, -1).flatMap((date, index) => {
        const hours = (starts[index + 1]! - starts[index]!) / HOUR_MS;
        return hours === 24 ? [] : [`${date} ${hours}h`];
      });
    }
    expect(misplaced).toEqual([]);
    expect(changeDays).toEqual({
      'America/Santiago': ['2026-04-04 25h', '2026-09-06 23h'],
      'America/Havana': ['2026-03-08 23h', '2026-11-01 25h'],
      'Europe/London': ['2026-03-29 23h', '2026-10-25 25h'],
      'Australia/Lord_Howe': ['2026-04-05 24.5h', '2026-10-04 23.5h'],
      'Asia/Kolkata': [],
    });
  });

  it('POL-2 "today" around midnight is the admin’s date, to the millisecond', () => {
    expect(calendarDateIn(new Date('2026-03-01T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-03-01');
    expect(calendarDateIn(new Date('2026-03-01T18:30:00.000Z'), 'Asia/Kolkata')).toBe('2026-03-02');
    expect(calendarDateIn(new Date('2026-06-30T13:29:59.999Z'), 'Australia/Lord_Howe')).toBe('2026-06-30');
    expect(calendarDateIn(new Date('2026-06-30T13:30:00.000Z'), 'Australia/Lord_Howe')).toBe('2026-07-01');
    expect(calendarDateIn(new Date('2026-06-30T22:59:59.999Z'), 'Europe/London')).toBe('2026-06-30');
    expect(calendarDateIn(new Date('2026-06-30T23:00:00.000Z'), 'Europe/London')).toBe('2026-07-01');
  });

  it('POL-2 where the clocks go back over midnight, "today" is yesterday again for an hour', () => {
    // Chile: 00:00 Sunday 5 April 2026 (UTC-3) becomes 23:00 Saturday (UTC-4).
    expect(calendarDateIn(new Date('2026-04-05T02:59:59Z'), 'America/Santiago')).toBe('2026-04-04');
    expect(calendarDateIn(new Date('2026-04-05T03:00:00Z'), 'America/Santiago')).toBe('2026-04-04');
    expect(calendarDateIn(new Date('2026-04-05T03:59:59Z'), 'America/Santiago')).toBe('2026-04-04');
    expect(calendarDateIn(new Date('2026-04-05T04:00:00Z'), 'America/Santiago')).toBe('2026-04-05');
    // Cuba: 01:00 CDT becomes 00:00 CST, within the same date.
    expect(calendarDateIn(new Date('2026-11-01T04:59:59Z'), 'America/Havana')).toBe('2026-11-01');
    expect(calendarDateIn(new Date('2026-11-01T05:00:00Z'), 'America/Havana')).toBe('2026-11-01');
  });

  it('POL-1 POL-2 refuses dates the calendar does not have, and takes every leap day it does', () => {
    for (const date of [
      '2026-02-30',
      '2026-02-29',
      '2100-02-29',
      '2026-06-31',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
      ' 2026-01-01',
      '2026-01-01 ',
    ]) {
      expect(parseCalendarDate(date)).toBeNull();
    }
    expect(() => startOfDayIn('2026-02-30', 'Europe/London')).toThrow(RangeError);
    for (const date of ['2000-02-29', '2024-02-29', '2028-02-29', '2026-12-31']) expect(parseCalendarDate(date)).not.toBeNull();
    expect(startOfDayIn('2028-02-29', 'Asia/Kolkata').toISOString()).toBe('2028-02-28T18:30:00.000Z');
  });

  it('POL-1 POL-2 an alias is a zone, keeps the admin’s spelling, and has the same midnights as its canonical name', () => {
    for (const [alias, canonical] of [
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['US/Pacific', 'America/Los_Angeles'],
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['GB', 'Europe/London'],
      ['Etc/UTC', 'UTC'],
    ] as const) {
      expect(isIanaTimeZone(alias)).toBe(true);
      expect(normalizeTimeZone(alias)).toBe(alias);
      for (const date of ['2026-01-01', '2026-03-29', '2026-07-01', '2026-10-25']) {
        expect(startOfDayIn(date, alias)).toEqual(startOfDayIn(date, canonical));
      }
    }
    expect(normalizeTimeZone('europe/london')).toBe('Europe/London');
    expect(normalizeTimeZone('australia/lord_howe')).toBe('Australia/Lord_Howe');
  });
});
