import { deviceName } from './user-agent';

describe('trusted devices by name (ABUSE-9)', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      { browser: 'Edge', system: 'Windows' },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      { browser: 'Safari', system: 'macOS' },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
      { browser: 'Chrome', system: 'iOS' },
    ],
    ['Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0', { browser: 'Firefox', system: 'Android' }],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      { browser: 'Chrome', system: 'Linux' },
    ],
  ])('WEB-4 names %s', (userAgent, expected) => {
    expect(deviceName(userAgent)).toEqual(expected);
  });

  it('WEB-4 leaves an agent it does not know, or none, unnamed', () => {
    expect(deviceName('curl/8.5.0')).toBeUndefined();
    expect(deviceName('node')).toBeUndefined();
    expect(deviceName(null)).toBeUndefined();
  });
});
