import { describe, expect, it } from 'vitest';
import { detectSecretInNamedValue, detectSecretInValue } from '../../src/secrets/index.js';
import { fake, HEX, showsSecret, sshEd25519 } from './fixtures.js';

/** Hex of a token's length, made at run time: 128, 160 and 256 bits. */
const hex32 = fake(61, 32, HEX);
const hex40 = fake(62, 40, HEX);
const hex64 = fake(63, 64, HEX);

describe('a generic credential prefix and hex: token-, secret-, sk-', () => {
  it.each([
    ['token-', `token-${hex40}`, 'token-like value (token- and 40 hex digits)'],
    ['secret-', `secret-${hex32}`, 'token-like value (secret- and 32 hex digits)'],
    ['sk-', `sk-${hex64}`, 'token-like value (sk- and 64 hex digits)'],
    ['sk- in upper-case hex', `sk-${hex32.toUpperCase()}`, 'token-like value (sk- and 32 hex digits)'],
  ])(
    'fails %s as a value, under any name, naming the kind, never showing it',
    (_prefix, token, description) => {
      const expected = { kind: 'prefixed-hex-token', description, confidence: 'medium' };
      for (const found of [
        detectSecretInValue(token),
        detectSecretInValue(`Authorization=${token}`),
        detectSecretInNamedValue('SERVICE_CONFIG', token),
        detectSecretInNamedValue('WEBHOOK_ID', token),
      ]) {
        expect(found).toMatchObject(expected);
        expect(showsSecret(found, token)).toBe(false);
      }
      expect(detectSecretInValue(token)?.redacted).toBe(`${token.slice(0, 4)}…(${token.length} chars)`);
    },
  );

  it('fails one in the comment of an SSH public key, which was judged by its look and passed', () => {
    for (const comment of [`token-${hex40}`, `secret-${hex32}`, `sk-${hex32}`]) {
      const found = detectSecretInValue(sshEd25519(comment));
      expect(found, comment).toMatchObject({ kind: 'prefixed-hex-token', confidence: 'medium' });
      expect(showsSecret(found, comment)).toBe(false);
      expect(detectSecretInNamedValue('DEPLOY_PUBKEY', sshEd25519(comment))?.kind).toBe('prefixed-hex-token');
    }
  });

  it('leaves the name to the place the token sits in: a Bearer header, a URL, a password', () => {
    for (const [value, kind, description, confidence] of [
      [`Bearer sk-${hex32}`, 'authorization-header', 'literal HTTP Authorization credentials', 'high'],
      [
        `https://user:sk-${hex32}@example.com/db`,
        'connection-string-password',
        'password in a URL (https://)',
        'high',
      ],
      [
        `https://example.com/?api_key=token-${hex32}`,
        'url-query-secret',
        'secret in the "api_key" parameter of a URL',
        'medium',
      ],
      [
        `password=secret-${hex32}`,
        'connection-string-password',
        'password in a connection string (Password=...)',
        'high',
      ],
    ] as const) {
      expect(detectSecretInValue(value), value).toMatchObject({ kind, description, confidence });
    }
  });

  it('takes the prefix in lower case only, as issuers write it; the hex in either case, not mixed', () => {
    // Issuers write these prefixes in lower case (OpenAI-compatible and DeepSeek `sk-`, Anthropic `sk-ant-`,
    // Mailgun `key-`); no token format opens `TOKEN-`, `Secret-` or `SK-`, which read as a label or a generated
    // name before a digest. Hex is written in either case (`secrets.token_hex` lower, .NET's Convert.ToHexString
    // upper); mixed, it is no hex and is judged by its look.
    for (const value of [
      `TOKEN-${hex32}`,
      `Secret-${hex40}`,
      `SK-${hex64}`,
      `Token-${hex32.toUpperCase()}`,
    ]) {
      expect(detectSecretInValue(value)?.kind, value).not.toBe('prefixed-hex-token');
      expect(detectSecretInNamedValue('BUILD_LABEL', value)?.kind, value).not.toBe('prefixed-hex-token');
      // Under a name that says secret it fails by the name, as any value there.
      expect(detectSecretInNamedValue('API_TOKEN', value)?.kind, value).toBe('named-secret');
    }
    for (const value of [`token-${hex40.toUpperCase()}`, `secret-${hex64.toUpperCase()}`]) {
      expect(detectSecretInValue(value)?.kind, value).toBe('prefixed-hex-token');
    }
  });

  it('names nothing of fewer than 32 hex digits, other prefixes, and a prefix inside a longer word or name', () => {
    for (const value of [
      `token-${hex32.slice(0, 31)}`,
      `key-${hex32}`,
      `app-secret-${hex32}`,
      `mytoken-${hex32}`,
      `task-${hex32}`,
      `sk-${hex32}xyz`,
      `sk-${hex32}-build`,
      `sk-${hex32.slice(0, 16)}${hex32.slice(16).toUpperCase()}`,
      `arn:aws:secretsmanager:us-east-1:123456789012:secret:token-${hex32}`,
      `s3://artifacts/sk-${hex32}/bundle.zip`,
    ]) {
      expect(detectSecretInValue(value)?.kind, value).not.toBe('prefixed-hex-token');
      expect(detectSecretInNamedValue('BUILD', value)?.kind, value).not.toBe('prefixed-hex-token');
    }
  });
});
