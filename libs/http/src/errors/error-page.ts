import { STATUS_CODES } from 'node:http';

export interface ErrorPage {
  status: number;
  /** The error body's message: a sentence for a person. */
  message: string;
  requestId: string;
  /** Until I18N-1 brings the catalogs, every page is English. */
  lang?: string;
}

/**
 * The HTML a pages request gets for an error, in place of the JSON body: the status's name as title and heading,
 * the message, and the request id to quote to support. No script, style or external resource (WEB-7, WEB-9), a
 * `lang` attribute and one heading (WEB-8); every interpolated text is escaped.
 */
export function renderErrorPage({ status, message, requestId, lang = 'en' }: ErrorPage): string {
  const title = escapeHtml(STATUS_CODES[status] ?? 'Error');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${escapeHtml(message)}</p>
<p>Request id: <code>${escapeHtml(requestId)}</code></p>
</main>
</body>
</html>
`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}
