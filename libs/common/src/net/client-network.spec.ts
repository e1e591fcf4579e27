import { clientNetwork } from './client-network';

describe('clientNetwork', () => {
  it('ABUSE-10 counts an IPv4 address as itself, an IPv4-mapped address as its IPv4 address', () => {
    expect(clientNetwork('203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('ABUSE-10 counts every address of one IPv6 /64 as the same client, however it is written', () => {
    const network = '2001:db8:7:9::/64';
    for (const address of [
      '2001:db8:7:9::1',
      '2001:0DB8:0007:0009:ffff:ffff:ffff:ffff',
      '2001:db8:7:9:a:b:c:d',
      '2001:db8:7:9::1.2.3.4',
      '2001:db8:7:9::1%eth0',
    ]) {
      expect(clientNetwork(address)).toBe(network);
    }
    expect(clientNetwork('2001:db8:7:a::1')).toBe('2001:db8:7:a::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1:2:3:4')).toBe('fe80:0:0:0::/64');
  });
});
