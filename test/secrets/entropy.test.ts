import { describe, expect, it } from 'vitest';
import { looksRandom, shannonEntropy } from '../../src/secrets/index.js';
import { BASE62, BASE64, fake } from './fixtures.js';

describe('shannonEntropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
  });
});

describe('looksRandom', () => {
  it('accepts machine-made tokens', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(looksRandom(fake(seed * 97, 40, BASE64)), `seed ${seed}`).toBe(true);
    }
    expect(looksRandom(fake(5, 32, BASE62))).toBe(true);
  });

  it.each([
    ['a hash of ordinary things (sha1)', '3f786850e387550fdab836ed7e6dc881de23001b'],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a long camelCase name', 'processOrderEventsFromQueueAndNotifyCustomers2026'],
    ['a generated CloudFormation name', 'ProdStack-ApiGatewayRestApi-A1B2C3D4E5F6'],
    ['a Java handler', 'com.example.orders.ProcessOrderEventsHandler::handleRequest'],
    ['a timestamp', '2026-11-25T14:15:04.000Z'],
    ['a short token', fake(9, 12)],
    ['upper case and digits in long runs', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
    ['text with spaces', 'the quick brown fox jumps over 13 lazy dogs'],
  ])('rejects %s', (_what, value) => {
    expect(looksRandom(value)).toBe(false);
  });
});
