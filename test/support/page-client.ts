/**
 * A browser without scripts, for the hosted pages' end-to-end tests: it keeps cookies (Secure ones too, as a
 * browser does for 127.0.0.1), sends forms as `application/x-www-form-urlencoded` with the page's CSRF token,
 * and follows nothing by itself, so a test sees every redirect. Chromium drives the same pages in test/browser.
 */
export class PageClient {
  private readonly cookies = new Map<string, string>();
  /** The last page's HTML, and the CSRF token of its forms. */
  html = '';

  constructor(
    readonly baseUrl: string,
    /** The browser's languages (Accept-Language). */
    private readonly languages = 'en',
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string): Promise<PageResponse> {
    return this.request('GET', path);
  }

  /** A file download: the raw bytes, as a browser saves them (text() would decode them and drop a byte order mark). */
  async download(path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: this.headers({}), redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** Posts a form of the current page (its CSRF token is added). */
  async submit(path: string, fields: Record<string, string>): Promise<PageResponse> {
    const token = /name="_csrf" value="([^"]+)"/.exec(this.html)?.[1];
    if (!token) throw new Error(`no CSRF token on the current page:\n${this.html.slice(0, 500)}`);
    return this.request('POST', path, new URLSearchParams({ _csrf: token, ...fields }).toString());
  }

  /**
   * Posts a form that another site's page sent (an identity provider's form_post): no CSRF token, as the
   * browser sends it. The client sends every cookie it holds; the test asserts SameSite on the Set-Cookie lines.
   */
  async postFromElsewhere(path: string, fields: Record<string, string>): Promise<PageResponse> {
    return this.request('POST', path, new URLSearchParams(fields).toString());
  }

  /** Puts a cookie back, as someone who copied it would. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** Follows the redirects of a response while they stay on this site. */
  async follow(response: PageResponse): Promise<PageResponse> {
    let current = response;
    while (current.status === 303 || current.status === 302) {
      const location = new URL(current.location!, this.baseUrl);
      if (location.origin !== new URL(this.baseUrl).origin) return current;
      current = await this.get(`${location.pathname}${location.search}`);
    }
    return current;
  }

  private async request(method: string, path: string, body?: string): Promise<PageResponse> {
    const headers = this.headers({ accept: 'text/html' });
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    const text = await response.text();
    if ((response.headers.get('content-type') ?? '').includes('text/html')) this.html = text;
    return { status: response.status, location: response.headers.get('location') ?? undefined, html: text, headers: response.headers };
  }

  /** The browser's languages and its cookies, with the request's own headers. */
  private headers(own: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { ...own, 'accept-language': this.languages };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return headers;
  }

  private store(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';');
    const equals = pair!.indexOf('=');
    const name = pair!.slice(0, equals).trim();
    const value = pair!.slice(equals + 1).trim();
    const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

export interface PageResponse {
  status: number;
  location?: string;
  html: string;
  headers: Headers;
}

/** The text of the page without its tags, to assert on what a person reads. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
