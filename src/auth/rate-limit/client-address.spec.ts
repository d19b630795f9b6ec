import fc from 'fast-check';
import { addressKey } from './client-address.js';

const hextet = fc.integer({ min: 0, max: 0xffff }).map((value) => value.toString(16));
/** A global unicast IPv6 address (2000::/3), written in full. */
const ipv6 = fc.tuple(fc.integer({ min: 0x2000, max: 0x3fff }), fc.array(hextet, { minLength: 7, maxLength: 7 })).map(
  ([first, rest]) => [first.toString(16), ...rest],
);

describe('addressKey', () => {
  it('gives every address of one IPv6 /64 one key, however it is written, and other /64s other keys', () => {
    fc.assert(
      fc.property(ipv6, fc.array(hextet, { minLength: 4, maxLength: 4 }), fc.boolean(), (groups, host, upper) => {
        const a = groups.join(':');
        const sameBlock = [...groups.slice(0, 4), ...host].join(':');
        expect(addressKey(upper ? sameBlock.toUpperCase() : sameBlock)).toBe(addressKey(a));
        const otherBlock = [...groups.slice(0, 3), ((parseInt(groups[3], 16) + 1) % 0x10000).toString(16), ...groups.slice(4)].join(':');
        expect(addressKey(otherBlock)).not.toBe(addressKey(a));
      }),
    );
  });

  it('keeps IPv4 addresses apart, also when mapped into IPv6', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), (a, b) => {
        expect(addressKey(`::ffff:${a}`)).toBe(addressKey(a));
        expect(addressKey(a) === addressKey(b)).toBe(a === b);
      }),
    );
  });

  it('keeps the IPv6 loopback itself, and a zone out of the key', () => {
    expect(addressKey('::1')).toBe('::1');
    expect(addressKey('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(addressKey('2001:db8:1:2::9%eth0')).toBe('2001:db8:1:2::/64');
  });
});
