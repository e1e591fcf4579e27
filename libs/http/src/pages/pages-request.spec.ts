import { pagesPathMatcher } from './pages-request';

describe('the pages prefixes', () => {
  it('WEB-7 matches a path at or under a prefix, in any case, and nothing that merely starts alike', () => {
    const isPages = pagesPathMatcher({ prefixes: ['/pages', '/pay/signin'] });
    for (const path of ['/pages', '/pages/', '/pages/signin', '/PaGeS/x', '/pay/signin', '/pay/signin/totp'])
      expect(isPages(path)).toBe(true);
    for (const path of ['/', '/pagesx', '/v1/pages', '/pay', '/pay/signins', '/v1/sessions']) expect(isPages(path)).toBe(false);
  });

  it('WEB-7 refuses a prefix that is not a plain path: the root would turn the whole API into pages', () => {
    for (const prefix of ['/', '', 'pages', '/pages/', '/pa ges', '/pages/*']) {
      expect(() => pagesPathMatcher({ prefixes: [prefix] })).toThrow(/must be a path/);
    }
  });
});
