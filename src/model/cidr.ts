/**
 * IP ranges written as CIDR text (`10.0.0.0/16`, `2001:db8::/32`, or one address, which stands for `/32` or `/128`),
 * and whether some together hold every address of a family: `0.0.0.0/1` and `128.0.0.0/1` are all of IPv4 as
 * `0.0.0.0/0` is, `::/1` and `8000::/1` all of IPv6 as `::/0` is. A security group's rules, an IAM `aws:SourceIp`
 * list or an API's IP allowlist add up, so a check that looks for "every address" must read the ranges together.
 */

export type IpFamily = 'IPv4' | 'IPv6';

interface Span {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

const BITS: Readonly<Record<IpFamily, number>> = { IPv4: 32, IPv6: 128 };

/** The addresses a CIDR text holds; undefined where it is no CIDR (a wildcard, a typo). */
function spanOf(text: string): Span | undefined {
  const [address = '', prefix, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const family: IpFamily = address.includes(':') ? 'IPv6' : 'IPv4';
  const value = family === 'IPv4' ? ipv4(address) : ipv6Bits(address);
  const bits = BITS[family];
  const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  if (value === undefined || !(length >= 0 && length <= bits)) return undefined;
  // AWS takes the network address of a range whose host bits are set (`10.0.0.1/8` holds 10.0.0.0/8).
  const hostBits = BigInt(bits - length);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255))
    return undefined;
  return parts.reduce((value, part) => (value << 8n) + BigInt(part), 0n);
}

/** An IPv6 address (`2001:db8::1`, `::ffff:192.0.2.44`) as its 128 bits; undefined where it is not one. */
export function ipv6Bits(address: string): bigint | undefined {
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

/** The family of a CIDR text, or undefined where it is none. */
export function familyOfCidr(text: string): IpFamily | undefined {
  return spanOf(text)?.family;
}

/** Whether a CIDR text is one (`0.0.0.0/0`, `10.0.0.1`); false for a wildcard or a value that is none. */
export function isCidr(text: string): boolean {
  return spanOf(text) !== undefined;
}

/**
 * The family whose every address the ranges hold together (IPv4 first), or undefined. Texts that are no CIDR are
 * left out: they hold no address.
 */
export function everyAddressIn(ranges: readonly string[]): IpFamily | undefined {
  return (['IPv4', 'IPv6'] as const).find((family) => holdsEveryAddressOf(ranges, family));
}

/** Whether the ranges together hold every address of one family (texts that are no CIDR hold none). */
export function holdsEveryAddressOf(ranges: readonly string[], family: IpFamily): boolean {
  const spans = ranges.map(spanOf).filter((span): span is Span => span?.family === family);
  return coversAll(spans, BITS[family]);
}

function coversAll(spans: readonly Span[], bits: number): boolean {
  const sorted = [...spans].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n; // the first address no span seen so far holds
  for (const span of sorted) {
    if (span.first > next) return false;
    if (span.last + 1n > next) next = span.last + 1n;
  }
  return next === 1n << BigInt(bits);
}
