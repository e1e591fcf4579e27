import { isIanaTimeZone, normalizeTimeZone } from '@sitepass/auth';
import { cookiesOf, HOST_COOKIE_OPTIONS } from '@sitepass/http';
import type { Locale } from '@sitepass/i18n';
import type { Request, Response } from 'express';
import { html, Html } from '../html';

export const UTC = 'UTC';

/**
 * The admin's own time zone (WEB-5), which the console shows its times in beside the policy's zone and UTC.
 * No request header carries it, so the admin chooses it once (the browser's zone preselected by the script)
 * and it is kept in a cookie of this host: a preference, not a secret, checked against the runtime's zones
 * each time it is read.
 */
const VIEWER_ZONE_COOKIE = '__Host-sitepass-time-zone';
const VIEWER_ZONE_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

export function viewerZoneOf(request: Request): string | null {
  const zone = cookiesOf(request).get(VIEWER_ZONE_COOKIE);
  return zone && isIanaTimeZone(zone) ? normalizeTimeZone(zone) : null;
}

export function rememberViewerZone(response: Response, zone: string): void {
  response.cookie(VIEWER_ZONE_COOKIE, normalizeTimeZone(zone), { ...HOST_COOKIE_OPTIONS, maxAge: VIEWER_ZONE_MAX_AGE_MS });
}

/** The zones of the runtime's tz data (Intl.supportedValuesOf), UTC first; a saved zone the list lacks (an alias) too. */
const ZONES: readonly string[] = [
  UTC,
  ...Intl.supportedValuesOf('timeZone')
    .filter((zone) => zone !== UTC)
    .sort(),
];

/** A time zone select's options, the chosen zone selected. */
export function timeZoneOptions(selected: string): Html {
  const zones = ZONES.includes(selected) ? ZONES : [selected, ...ZONES];
  return html`${zones.map((zone) => html`<option value="${zone}"${zone === selected && html` selected`}>${zone}</option>`)}`;
}

export type InstantStyle = 'long' | 'short';

const OPTIONS: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  // A deadline: the weekday and the zone's own abbreviation or offset, so that no one misreads the day.
  long: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  // A table cell: the zone is in the column's heading.
  short: { dateStyle: 'medium', timeStyle: 'medium' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant in the reader's conventions (I18N-3) and a zone's wall clock. */
export function formatInstant(locale: Locale, instant: Date | string, timeZone: string, style: InstantStyle = 'long'): string {
  const key = `${locale} ${timeZone} ${style}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone })));
  return formatter.format(typeof instant === 'string' ? new Date(instant) : instant);
}
