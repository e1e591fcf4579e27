import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for the domain. Injected everywhere time matters (TOTP steps, expiries,
 * deadlines, rate-limit windows) so that tests move time instead of sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
