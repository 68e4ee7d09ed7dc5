import { describe, expect, it } from 'vitest';
import { everyAddressIn, isCidr } from '../../src/model/cidr.js';

describe('everyAddressIn', () => {
  it('finds every address in /0 and in ranges that add up to it', () => {
    expect(everyAddressIn(['0.0.0.0/0'])).toBe('IPv4');
    expect(everyAddressIn(['::/0'])).toBe('IPv6');
    expect(everyAddressIn(['0.0.0.0/1', '128.0.0.0/1'])).toBe('IPv4');
    expect(everyAddressIn(['128.0.0.0/1', '64.0.0.0/2', '0.0.0.0/2'])).toBe('IPv4');
    expect(everyAddressIn(['::/1', '8000::/1'])).toBe('IPv6');
    expect(everyAddressIn(['10.0.0.0/8', '::/1', '8000::/1'])).toBe('IPv6');
    // Overlapping ranges, and host bits set (AWS takes the network address).
    expect(everyAddressIn(['0.0.0.0/1', '0.0.0.0/2', '128.0.0.1/1'])).toBe('IPv4');
  });

  it('finds no family where a range is missing or a text is no range', () => {
    expect(everyAddressIn([])).toBeUndefined();
    expect(everyAddressIn(['0.0.0.0/1'])).toBeUndefined();
    expect(everyAddressIn(['0.0.0.0/1', '128.0.0.0/2'])).toBeUndefined();
    expect(everyAddressIn(['0.0.0.0/1', '192.0.0.0/2'])).toBeUndefined();
    expect(everyAddressIn(['::/1', '8000::/2'])).toBeUndefined();
    expect(everyAddressIn(['0.0.0.0/1', '128.0.0.*'])).toBeUndefined();
    // Half of IPv4 and half of IPv6 are not every address of either.
    expect(everyAddressIn(['0.0.0.0/1', '8000::/1'])).toBeUndefined();
  });

  it('reads one address as a /32 or /128, and rejects what is no CIDR', () => {
    expect(isCidr('203.0.113.7')).toBe(true);
    expect(isCidr('2001:db8::1/64')).toBe(true);
    expect(isCidr('2001:db8::1')).toBe(true);
    expect(isCidr('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isCidr('256.0.0.0/8')).toBe(false);
    expect(isCidr('10.0.0.0/33')).toBe(false);
    expect(isCidr('10.0.0.0/')).toBe(false);
    expect(isCidr('1::2::3')).toBe(false);
    expect(isCidr('1:2:3:4:5:6:7:8::/64')).toBe(false);
    expect(isCidr('*')).toBe(false);
  });
});
