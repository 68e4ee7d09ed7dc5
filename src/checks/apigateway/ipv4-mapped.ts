// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.44`, RFC 4291 section 2.5.5.2) in an IP set of AWS WAF.

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

/** An IPv6 address (`2001:db8::1`, `::ffff:192.0.2.44`) as its 128 bits; undefined where it is not one. */
function ipv6Bits(address: string): bigint | undefined {
  // The longest IPv6 address written out (eight groups of four, or six and a dotted quad) is 45 characters; longer
  // text is none, and the regex below, unanchored at its start, would take time growing with its square.
  if (!address.includes(':') || address.length > 45) return undefined;
  let text = address;
  // A dotted IPv4 address as the last 32 bits.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const octets = dotted.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((bits, g) => (bits << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}
