import { isIPv6 } from 'node:net';

/**
 * The client a per-client limit counts (SEC-5, SMS-5, ABUSE-10). An IPv4 address is one client. An IPv6
 * address is counted by its /64: that is the smallest network a provider hands one subscriber, and the
 * 2^64 addresses in it cost an attacker nothing to rotate through. IPv4-mapped IPv6 is the IPv4 address.
 */
export function clientNetwork(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${hextets(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, in lower case without leading zeros. */
function hextets(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap(embeddedIPv4));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}

/** "1.2.3.4" at the end of an IPv6 address stands for two groups. */
function embeddedIPv4(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
