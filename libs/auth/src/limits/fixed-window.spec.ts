import { secondsUntilWindowEnds, windowIndex } from './fixed-window';

const HOUR = 3600;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso).getTime();

describe('fixed windows', () => {
  it('SEC-5 SMS-5 an hourly window runs from the top of one UTC hour to the next, its last millisecond included', () => {
    const window = windowIndex(at('2026-03-02T10:00:00.000Z'), HOUR);
    expect(windowIndex(at('2026-03-02T10:59:59.999Z'), HOUR)).toBe(window);
    expect(windowIndex(at('2026-03-02T09:59:59.999Z'), HOUR)).toBe(window - 1);
    expect(windowIndex(at('2026-03-02T11:00:00.000Z'), HOUR)).toBe(window + 1);
  });

  it('SMS-5 a daily window runs from 00:00 UTC to the next 00:00 UTC', () => {
    const window = windowIndex(at('2026-03-02T00:00:00.000Z'), DAY);
    expect(windowIndex(at('2026-03-02T23:59:59.999Z'), DAY)).toBe(window);
    expect(windowIndex(at('2026-03-01T23:59:59.999Z'), DAY)).toBe(window - 1);
    expect(windowIndex(at('2026-03-03T00:00:00.000Z'), DAY)).toBe(window + 1);
  });

  it('SEC-5 a 15-minute window starts on the quarter hour, whatever the instance or the moment of the first attempt', () => {
    expect(windowIndex(at('2026-03-02T10:15:00.000Z'), 900)).toBe(windowIndex(at('2026-03-02T10:29:59.999Z'), 900));
    expect(windowIndex(at('2026-03-02T10:30:00.000Z'), 900)).toBe(windowIndex(at('2026-03-02T10:15:00.000Z'), 900) + 1);
    expect(windowIndex(0, 900)).toBe(0);
  });

  it('SEC-5 SMS-5 Retry-After is the whole seconds left in the window, rounded up', () => {
    expect(secondsUntilWindowEnds(at('2026-03-02T10:00:00.000Z'), HOUR)).toBe(3600);
    expect(secondsUntilWindowEnds(at('2026-03-02T10:00:00.001Z'), HOUR)).toBe(3600);
    expect(secondsUntilWindowEnds(at('2026-03-02T10:00:01.000Z'), HOUR)).toBe(3599);
    expect(secondsUntilWindowEnds(at('2026-03-02T10:58:58.999Z'), HOUR)).toBe(62);
    expect(secondsUntilWindowEnds(at('2026-03-02T18:00:00.000Z'), DAY)).toBe(6 * HOUR);
  });

  it('SEC-5 SMS-5 Retry-After is never below 1, even in the window’s last millisecond', () => {
    expect(secondsUntilWindowEnds(at('2026-03-02T10:59:59.000Z'), HOUR)).toBe(1);
    expect(secondsUntilWindowEnds(at('2026-03-02T10:59:59.999Z'), HOUR)).toBe(1);
    expect(secondsUntilWindowEnds(at('2026-03-02T23:59:59.999Z'), DAY)).toBe(1);
  });
});
