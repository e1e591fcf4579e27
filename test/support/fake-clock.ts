import { Clock } from '@sitepass/common';

/** A clock that only moves when a test moves it. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-03-02T09:00:00.000Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(seconds: number): void {
    this.current += seconds * 1000;
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }
}
