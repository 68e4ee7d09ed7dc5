import { describe, expect, it } from 'vitest';
import { detectSecretInNamedValue, detectSecretInValue } from '../../src/secrets/index.js';
import { BASE62, BASE64URL, fake, HEX, join, showsSecret } from './fixtures.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BECH32_UPPER = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

/** Tokens of each format, made at run time from pseudo-random text: the prefix and body never meet in the source. */
const TOKENS: readonly [string, string, string][] = [
  ['openai-api-key', 'OpenAI API key', join('sk-', fake(1, 20), 'T3Blbk', 'FJ', fake(2, 20))],
  [
    'openai-api-key',
    'OpenAI API key',
    join('sk-', 'proj-', fake(3, 74, BASE64URL), 'T3Blbk', 'FJ', fake(4, 74, BASE64URL)),
  ],
  ['anthropic-api-key', 'Anthropic API key', join('sk-', 'ant-api03-', fake(5, 93, BASE64URL), 'AA')],
  ['pypi-token', 'PyPI API token', join('pypi-', 'AgEIcHlwaS5vcmc', fake(6, 120, BASE64URL))],
  ['pypi-token', 'PyPI API token', join('pypi-', 'AgENdGVzdC5weXBpLm9yZw', fake(7, 120, BASE64URL))],
  ['digitalocean-token', 'DigitalOcean API token', join('dop', '_v1_', fake(8, 64, HEX))],
  ['shopify-token', 'Shopify access token or shared secret', join('shp', 'at_', fake(9, 32, HEX))],
  ['huggingface-token', 'Hugging Face access token', join('hf', '_', fake(10, 34, LETTERS))],
  ['webhook-signing-secret', 'webhook signing secret (whsec_)', join('wh', 'sec_', fake(11, 32, BASE62))],
  ['age-secret-key', 'age encryption secret key', join('AGE-SECRET', '-KEY-1', fake(12, 58, BECH32_UPPER))],
  [
    'discord-webhook',
    'Discord webhook URL',
    join('https://discord.com/api/', 'webhooks/', fake(13, 18, '0123456789'), '/', fake(14, 68, BASE64URL)),
  ],
];

describe('provider tokens told by their prefix or marker', () => {
  it.each(TOKENS)(
    'names a %s (%s) high, as a value, in text and under any name, never showing it',
    (kind, description, token) => {
      const expected = { kind, description, confidence: 'high' };
      for (const found of [
        detectSecretInValue(token),
        detectSecretInValue(`export KEY="${token}"`),
        detectSecretInNamedValue('SERVICE_CONFIG', token),
        detectSecretInNamedValue('WEBHOOK_ID', token),
      ]) {
        expect(found).toMatchObject(expected);
        expect(showsSecret(found, token)).toBe(false);
      }
    },
  );

  it('names nothing cut short, run into a longer word, or without its marker', () => {
    const hex64 = fake(20, 64, HEX);
    for (const value of [
      join('sk-', fake(21, 48)),
      join('sk-', fake(22, 20), 'T3Blbk', 'FJ', fake(23, 19)),
      join('xsk-', fake(24, 20), 'T3Blbk', 'FJ', fake(25, 20)),
      join('sk-', 'ant-api03-', fake(26, 92, BASE64URL), 'AA'),
      join('pypi-', fake(27, 120, BASE64URL)),
      join('dop', '_v1_', hex64.slice(1)),
      join('my', 'dop', '_v1_', hex64),
      join('shp', 'at_', fake(28, 31, HEX)),
      join('hf', '_', 'transformerscachedirectorysettings'),
      join('hf', '_', fake(29, 33, LETTERS)),
      join('wh', 'sec_', fake(30, 20, BASE62)),
      join('AGE-SECRET', '-KEY-1', fake(31, 57, BECH32_UPPER)),
      join('https://discord.com/api/', 'webhooks/', '123/', fake(32, 68, BASE64URL)),
    ]) {
      const kinds = [detectSecretInValue(value)?.kind, detectSecretInNamedValue('BUILD', value)?.kind];
      for (const kind of kinds)
        expect(
          TOKENS.map(([known]) => known),
          value,
        ).not.toContain(kind);
    }
  });

  it('takes a documentation example for none (EXAMPLE in it, as AWS writes its own)', () => {
    const value = join('wh', 'sec_', 'EXAMPLE', fake(33, 25, BASE62));
    expect(TOKENS.map(([known]) => known)).not.toContain(detectSecretInValue(value)?.kind);
    expect(detectSecretInValue(join('wh', 'sec_', fake(33, 32, BASE62)))?.kind).toBe(
      'webhook-signing-secret',
    );
  });
});
