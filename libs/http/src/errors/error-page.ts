import { STATUS_CODES } from 'node:http';

export interface ErrorPage {
  status: number;
  /** The error body's message: a sentence for a person. */
  message: string;
  requestId: string;
  /** The page's language (I18N-1); English by default. */
  lang?: string;
  /** The heading, in `lang`: the status's English name by default. */
  title?: string;
  /** The words before the request id, in `lang`. */
  requestIdLabel?: string;
}

/**
 * The HTML a pages request gets for an error, in place of the JSON body: the status's name as title and heading,
 * the message, and the request id to quote to support. No script, style or external resource (WEB-7, WEB-9), a
 * `lang` attribute and one heading (WEB-8); every interpolated text is escaped.
 */
export function renderErrorPage({ status, message, requestId, lang = 'en', ...words }: ErrorPage): string {
  const title = escapeHtml(words.title ?? STATUS_CODES[status] ?? 'Error');
  const requestIdLabel = escapeHtml(words.requestIdLabel ?? 'Request id:');
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
<p>${requestIdLabel} <code>${escapeHtml(requestId)}</code></p>
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
