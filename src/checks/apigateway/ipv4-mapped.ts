// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.44`, RFC 4291 section 2.5.5.2) in an IP set of AWS WAF.
import { ipv6Bits } from '../../model/cidr.js';

/** `::ffff:0:0/96`, the IPv4-mapped addresses: its last 32 bits are an IPv4 address. */
const MAPPED_PREFIX = 0xffffn;

/**
 * The IPv4 prefix length of the IPv4 addresses an IPv6 CIDR range holds as IPv4-mapped addresses (`::ffff:0:0/96`
 * holds all of them: 0; `::ffff:10.0.0.0/104`: 8); undefined where it holds none, or it is not an IPv6 range.
 */
export function mappedIpv4Prefix(range: string): number | undefined {
  const [address, length] = range.split('/');
  const prefix = Number(length);
  const bits = address === undefined ? undefined : ipv6Bits(address);
  if (bits === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 128) return undefined;
  if (prefix <= 96) {
    // A range that holds the whole of ::ffff:0:0/96 (::/80 does), or none of it.
    const shift = BigInt(128 - prefix);
    return bits >> shift === (MAPPED_PREFIX << 32n) >> shift ? 0 : undefined;
  }
  return bits >> 32n === MAPPED_PREFIX ? prefix - 96 : undefined;
}
