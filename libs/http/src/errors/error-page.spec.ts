import { escapeHtml, renderErrorPage } from './error-page';

describe('the HTML error page', () => {
  it('WEB-7 escapes every character that could open markup or leave an attribute', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
    expect(escapeHtml('Zoë 😀 plain')).toBe('Zoë 😀 plain');
  });

  it('WEB-8 renders a page with a language, a title, one heading, the message and the request id', () => {
    const page = renderErrorPage({ status: 403, message: 'This form has expired.', requestId: 'req-1.2' });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<title>Forbidden</title>');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toContain('<h1>Forbidden</h1>');
    expect(page).toContain('<p>This form has expired.</p>');
    expect(page).toContain('<code>req-1.2</code>');
    expect(renderErrorPage({ status: 599, message: 'm', requestId: 'r', lang: 'fr' })).toMatch(
      /<html lang="fr">[\s\S]*<title>Error<\/title>/,
    );
  });

  it('WEB-9 puts nothing in the page but escaped text: no script, style or outside resource', () => {
    const page = renderErrorPage({ status: 400, message: '<img src=x onerror=alert(1)>', requestId: '"><script>', lang: '"><x' });
    expect(page).not.toMatch(/<(script|style|img|link|iframe)/i);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('<code>&quot;&gt;&lt;script&gt;</code>');
    expect(page).toContain('<html lang="&quot;&gt;&lt;x">');
  });
});
