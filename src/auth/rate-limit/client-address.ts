import ipaddr from 'ipaddr.js';

/** An IPv6 client is counted by its /64: the block one subscriber line or host is usually given. */
const IPV6_SUBNET_PREFIX = 64;

/**
 * The rate-limit key of a client address: an IPv4 address as written in dotted quads (also when it
 * arrives mapped into IPv6), the IPv6 loopback as itself, any other IPv6 address as its /64, so a
 * client cannot take a fresh budget (or more key guesses) from each address of its block. Anything
 * that is not an address (never from Node's socket) is its own key.
 *
 * @example addressKey('2001:db8:1:2::9') === '2001:db8:1:2::/64'
 */
export function addressKey(ip: string): string {
  const bare = ip.split('%')[0];
  if (!ipaddr.isValid(bare)) return ip;
  const address = ipaddr.process(bare);
  if (address.kind() === 'ipv4' || address.range() === 'loopback') return address.toString();
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${IPV6_SUBNET_PREFIX}`);
  return `${network.toString()}/${IPV6_SUBNET_PREFIX}`;
}
