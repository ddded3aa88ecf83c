import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses the bot may connect to when it fetches a page or a feed. A URL given by a person
 * (or found in a feed) must not make the bot reach into the machine it runs on or its network: the
 * cloud metadata service at 169.254.169.254, an admin page on 127.0.0.1, a router on 192.168.0.1.
 * Only public unicast addresses are allowed, unless `allowPrivate` (ALLOW_PRIVATE_URLS=true) says
 * the bot serves a private network on purpose.
 */
export interface AddressRule {
  /** ALLOW_PRIVATE_URLS=true: every range is allowed (tests need it for their 127.0.0.1 server). */
  allowPrivate: boolean;
  /**
   * Addresses or CIDR ranges refused even when `allowPrivate` is set. For tests: refusing 127.0.0.2
   * while 127.0.0.1 is allowed shows that every redirect hop is checked again, without any test
   * ever having to connect outside the loopback range.
   */
  refuse?: readonly string[];
}

export const PUBLIC_ONLY: AddressRule = { allowPrivate: false };

/** ipaddr.js's range names, as a sentence can say them. Everything but `unicast` is refused. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address (0.0.0.0 or ::, which means this machine)',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (such as the cloud metadata service at 169.254.169.254)',
  loopback: 'a loopback address (this machine)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private network address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique-local IPv6 address (a private network)',
  ipv4Mapped: 'an IPv4 address written as IPv6',
  rfc6145: 'an IPv4-translated IPv6 address',
  rfc6052: 'a NAT64 address holding an IPv4 address',
  '6to4': 'a 6to4 address holding an IPv4 address',
  teredo: 'a Teredo tunnel address',
  discard: 'a discard-only address',
  benchmarking: 'a benchmarking address',
  amt: 'an AMT address',
  as112: 'an AS112 address',
  deprecated: 'a deprecated address',
  orchid2: 'an ORCHIDv2 address',
  droneRemoteIdProtocolEntityTags: 'a drone remote ID address',
};

/** Whether `host` (a URL's hostname, IPv6 in brackets or not) is an IP address rather than a name. */
export function isIpLiteral(host: string): boolean {
  // The URL parser has already turned shorthands such as 0x7f.1 into 127.0.0.1.
  return isIP(stripBrackets(host)) !== 0;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Why the bot must not connect to `address` (an IP address as DNS or a URL gives it), or null when
 * it may. The reason is a sentence fragment such as "127.0.0.1 is a loopback address (this machine)".
 */
export function addressRefusal(address: string, rule: AddressRule): string | null {
  const text = stripBrackets(address);
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // parse() also takes the old shorthands (0x7f.1, 2130706433) that some resolvers accept.
    parsed = ipaddr.parse(text);
  } catch {
    return `${text} is not an IP address`;
  }
  for (const entry of rule.refuse ?? []) {
    if (matches(parsed, entry)) return `${text} is on this bot's list of refused addresses`;
  }
  if (rule.allowPrivate) return null;
  const range = parsed.range();
  if (range === 'unicast') return null;
  return `${text} is ${RANGE_WORDS[range] ?? `in the non-public range "${range}"`}, which the bot does not fetch from (ALLOW_PRIVATE_URLS=true allows it)`;
}

function matches(address: ipaddr.IPv4 | ipaddr.IPv6, entry: string): boolean {
  try {
    const [range, bits] = entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), entry.includes(':') ? 128 : 32];
    const a = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
    return a.kind() === range.kind() && a.match(range, bits);
  } catch {
    return false;
  }
}
