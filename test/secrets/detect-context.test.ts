import { describe, expect, it } from 'vitest';
import {
  detectSecretInNamedValue,
  detectSecretInTemplate,
  detectSecretInValue,
  type SecretHit,
} from '../../src/secrets/index.js';
import { BASE32, fake, fakeFile, fakePem, join } from './fixtures.js';

const keyId = join('AK', 'IA', fake(41, 16, BASE32));
const github = join('gh', 'p_', fake(42, 36));
const pem = fakePem(43);
/** A Cognito app client id's shape: 26 lower-case letters and digits. */
const clientId = fake(44, 26, 'abcdefghijklmnopqrstuvwxyz0123456789');
const png = fakeFile([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 45, 60);
const password = fake(46, 14);

/** Asserts a hit shows nothing of `secret` but (for long ones) its 4-character prefix. */
function expectRedacted(found: SecretHit | undefined, secret: string): void {
  const output = JSON.stringify(found);
  expect(found?.redacted).toMatch(/…\(\d+ chars\)$/);
  for (let start = 0; start + 5 <= secret.length; start++)
    expect(output).not.toContain(secret.slice(start, start + 5));
}

describe('names that say where a secret is kept', () => {
  it.each([
    ['NEW_RELIC_LICENSE_KEY_SECRET', 'nr-license-key'],
    ['DD_API_KEY_SECRET', 'prod/datadog/api-key'],
    ['DB_PASSWORD_SECRET', 'DbPasswordSecret'],
    ['DD_API_KEY_SECRET_NAME', 'datadog_api_key'],
    ['DB_PASSWORD_SECRET_ID', 'prod-db-password'],
    ['API_KEY_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf'],
    ['JWT_SECRET_PARAM', 'jwt-signing-secret'],
    ['API_TOKEN_PARAMETER', 'api-token'],
    ['DB_PASSWORD_PARAM_NAME', 'db-password'],
  ])('%s=%s is a name, not the secret', (name, value) => {
    expect(detectSecretInNamedValue(name, value)).toBeUndefined();
  });

  it.each([
    ['an AWS access key id', keyId],
    ['a GitHub token', github],
    ['a private key', pem],
  ])('still fails on %s', (_what, value) => {
    for (const name of ['NEW_RELIC_LICENSE_KEY_SECRET', 'DD_API_KEY_SECRET_NAME', 'API_TOKEN_PARAMETER']) {
      const found = detectSecretInNamedValue(name, value);
      expect(found?.kind, name).not.toBe('named-secret');
      expectRedacted(found, value);
    }
  });

  it('still fails on a random-looking value under <secret>_SECRET: that is no name', () => {
    const token = fake(47, 32);
    expect(detectSecretInNamedValue('ACCESS_TOKEN_SECRET', token)).toMatchObject({
      kind: 'named-secret',
      confidence: 'high',
    });
  });

  // A token's secret (REFRESH_TOKEN_SECRET) is a credential of its own: a literal there is a store's name only when
  // it clearly is one, else it is judged as JWT_SECRET's would be.
  it.each(['REFRESH_TOKEN_SECRET', 'JWT_ACCESS_TOKEN_SECRET', 'ACCESS_TOKEN_SECRET'])(
    'fails on a word-like secret under %s, as under JWT_SECRET',
    (name) => {
      for (const value of ['our-jwt-signing-phrase-2024', 'my-super-secret-jwt-key-2024', 'Summer2024']) {
        const found = detectSecretInNamedValue(name, value);
        expect(found?.kind, value).toBe('named-secret');
        // Not expectRedacted: `-secret` in the value is also in the hit's kind, `named-secret`.
        expect(found?.redacted, value).not.toContain(value.slice(4));
      }
    },
  );

  it.each([
    ['a path', 'prod/jwt/signing'],
    ['a name ending in what it holds', 'github-token'],
    ['a name ending in what it holds', 'twitter-access-token'],
    ['a name ending in what it holds', 'prod-api-key'],
    ['a Secrets Manager ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt-AbCdEf'],
  ])('passes %s under a token secret name (%s): it clearly names a store', (_what, value) => {
    expect(detectSecretInNamedValue('ACCESS_TOKEN_SECRET', value)).toBeUndefined();
  });

  it('keeps reading any name-shaped literal under <secret>_SECRET as a store (DB_PASSWORD_SECRET)', () => {
    expect(detectSecretInNamedValue('DB_PASSWORD_SECRET', 'my-super-secret-jwt-key-2024')).toBeUndefined();
  });

  it('keeps judging a value that is the secret itself by its name (CLIENT_SECRET, JWT_SECRET)', () => {
    expect(detectSecretInNamedValue('CLIENT_SECRET', 'nr-license-key')?.kind).toBe('named-secret');
    expect(detectSecretInNamedValue('JWT_SECRET', 'my-signing-secret')?.kind).toBe('named-secret');
  });
});

describe('names of identifiers', () => {
  it.each(['COGNITO_CLIENT_ID', 'APP_ID', 'TENANT_ID', 'clientId'])(
    '%s with a random-looking id does not fail on the look alone',
    (name) => expect(detectSecretInNamedValue(name, clientId)).toBeUndefined(),
  );

  it('fails the same value under a name that says nothing: the name is what excuses it', () => {
    expect(detectSecretInNamedValue('COGNITO_CLIENT', clientId)?.kind).toBe('high-entropy-string');
  });

  it('still fails a value pattern under an id name', () => {
    expect(detectSecretInNamedValue('COGNITO_CLIENT_ID', github)?.kind).toBe('github-token');
    expect(detectSecretInNamedValue('APP_ID', keyId)?.kind).toBe('aws-access-key-id');
  });
});

describe('base64 of a file', () => {
  it('is data, not a key, on its random look alone', () => {
    expect(detectSecretInNamedValue('LOGO_BASE64', png)).toBeUndefined();
    expect(detectSecretInValue(png)).toBeUndefined();
  });

  it('still fails under a name that says it is a secret (a keystore is a file)', () => {
    const found = detectSecretInNamedValue('KEYSTORE_PASSWORD', png);
    expect(found?.kind).toBe('named-secret');
    expectRedacted(found, png);
  });

  it('still fails a value pattern under the same name', () => {
    expect(detectSecretInNamedValue('LOGO_BASE64', github)?.kind).toBe('github-token');
  });
});

describe('detectSecretInTemplate', () => {
  it('finds a literal password in a URL whose host is not known before deploy', () => {
    const found = detectSecretInTemplate(`postgresql://app:${password}@\${Db.Endpoint.Address}:5432/orders`);
    expect(found).toMatchObject({ kind: 'connection-string-password', confidence: 'high' });
    expect(found?.redacted).toBe(`…(${password.length} chars)`);
    expectRedacted(found, password);
  });

  it('finds one whose user is not known, punctuation in the placeholder included', () => {
    expect(detectSecretInTemplate(`mysql://\${AWS::StackName}:${password}@db.internal/app`)?.kind).toBe(
      'connection-string-password',
    );
  });

  it('finds a token written next to unknown parts', () => {
    expect(detectSecretInTemplate(`\${AWS::Region}:${github}`)?.kind).toBe('github-token');
  });

  it.each([
    ['the password is a placeholder', 'postgresql://app:${DbPassword}@${Db.Endpoint.Address}/orders'],
    ['part of the password is a placeholder', `postgresql://app:${password}\${Suffix}@db.internal/orders`],
    ['a pseudo parameter has colons of its own', 'postgresql://${AWS::AccountId}@${Db.Endpoint.Address}/db'],
    [
      'a Password= key holds a placeholder',
      'Server=${Db.Endpoint.Address};User Id=app;Password=${DbPassword};',
    ],
    ['the value is one reference', '${Queue.Arn}'],
    ['an ARN is built', 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db'],
  ])('finds nothing when %s', (_what, template) => {
    expect(detectSecretInTemplate(template)).toBeUndefined();
  });
});
