import type { Request } from 'express';
import { cookiesOf, parseCookieHeader } from './cookies';
import { markPagesRequests } from './pages-request';

function request(path: string, cookie: string): Request {
  const fake = { path, header: (name: string) => (name.toLowerCase() === 'cookie' ? cookie : undefined) } as unknown as Request;
  markPagesRequests({ prefixes: ['/pages'] })(fake, {} as never, () => undefined);
  return fake;
}

describe('the Cookie header parser', () => {
  it('WEB-7 reads name=value pairs split on semicolons, with or without spaces', () => {
    expect([...parseCookieHeader('a=1; b=two;c=3 ; d = four')]).toEqual([
      ['a', '1'],
      ['b', 'two'],
      ['c', '3'],
      ['d', 'four'],
    ]);
    expect(parseCookieHeader(undefined).size).toBe(0);
    expect(parseCookieHeader('').size).toBe(0);
  });

  it('WEB-7 keeps the first of a repeated name, as browsers send the most specific path first', () => {
    expect(parseCookieHeader('__Host-x=first; __Host-x=second').get('__Host-x')).toBe('first');
  });

  it('WEB-7 unquotes and percent-decodes values, and keeps a value that does not decode as it came', () => {
    const cookies = parseCookieHeader('q="quoted value"; p=a%20b%3Bc; bad=%E0%A4%A; half="open; eq=a=b=c; empty=');
    expect(cookies.get('q')).toBe('quoted value');
    expect(cookies.get('p')).toBe('a b;c');
    expect(cookies.get('bad')).toBe('%E0%A4%A');
    expect(cookies.get('half')).toBe('"open');
    expect(cookies.get('eq')).toBe('a=b=c');
    expect(cookies.get('empty')).toBe('');
  });

  it('WEB-7 skips pairs without a name or an equals sign, and treats __proto__ as just a name', () => {
    const cookies = parseCookieHeader('=orphan; flag; ; __proto__=polluted; constructor=x; ok=1');
    expect([...cookies.keys()]).toEqual(['__proto__', 'constructor', 'ok']);
    expect(cookies.get('__proto__')).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('SES-8 WEB-7 gives a pages request its cookies and an API request none, whatever it sends', () => {
    expect(cookiesOf(request('/pages/signin', 'a=1')).get('a')).toBe('1');
    expect(cookiesOf(request('/PAGES/signin', 'a=1')).get('a')).toBe('1');
    expect(cookiesOf(request('/pages', 'a=1')).get('a')).toBe('1');
    expect(cookiesOf(request('/v1/challenges', 'a=1')).size).toBe(0);
    expect(cookiesOf(request('/pagesx/signin', 'a=1')).size).toBe(0);
  });
});
