import { describe, expect, it } from 'vitest';
import { mappedIpv4Prefix } from '../../../src/checks/apigateway/ipv4-mapped.js';

describe('mappedIpv4Prefix', () => {
  it('gives the IPv4 prefix an IPv4-mapped range holds, written in hex or dotted', () => {
    expect(mappedIpv4Prefix('::ffff:0:0/96')).toBe(0);
    expect(mappedIpv4Prefix('::ffff:0.0.0.0/96')).toBe(0);
    expect(mappedIpv4Prefix('::ffff:10.0.0.0/104')).toBe(8);
    expect(mappedIpv4Prefix('::ffff:c000:200/120')).toBe(24);
    expect(mappedIpv4Prefix('0:0:0:0:0:FFFF:192.0.2.44/128')).toBe(32);
  });

  it('reads no address longer than IPv6 allows (45 characters), however long the text', () => {
    expect(mappedIpv4Prefix('0000:0000:0000:0000:0000:ffff:255.255.255.255/128')).toBe(32);
    // Unanchored, the dotted-quad regex took time growing with the square of this text (6.5 s at 60,000 digits).
    expect(mappedIpv4Prefix(`:${'1'.repeat(60_000)}/96`)).toBeUndefined();
  });

  it('is 0 for a wider range that holds all of ::ffff:0:0/96, undefined for one that holds none', () => {
    expect(mappedIpv4Prefix('::/80')).toBe(0);
    expect(mappedIpv4Prefix('::/64')).toBe(0);
    expect(mappedIpv4Prefix('2001:db8::/32')).toBeUndefined();
    expect(mappedIpv4Prefix('::fffe:0:0/96')).toBeUndefined();
    expect(mappedIpv4Prefix('64:ff9b::/96')).toBeUndefined();
  });

  it('is undefined for IPv4 ranges and text that is no IPv6 range', () => {
    expect(mappedIpv4Prefix('10.0.0.0/8')).toBeUndefined();
    expect(mappedIpv4Prefix('1::2::3/64')).toBeUndefined();
    expect(mappedIpv4Prefix('::ffff:0:0')).toBeUndefined();
    expect(mappedIpv4Prefix('::ffff:300.0.0.0/104')).toBeUndefined();
    expect(mappedIpv4Prefix('1:2:3:4:5:6:7:8:9/64')).toBeUndefined();
  });
});
