import { describe, expect, it } from 'vitest';
import { isSecretNameShaped } from '../../src/secrets/benign.js';
import { benignReason } from '../../src/secrets/index.js';
import { BASE64, BASE64URL, fake, fakeFile, join } from './fixtures.js';

describe('benignReason', () => {
  it.each([
    ['/etc/pki/tls/certs/ca-bundle.crt', 'path'],
    ['/prod/db/password', 'path'],
    ['certs/internal-root.pem', 'path'],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password', 'arn'],
    ['ssm:/prod/db/password', 'store-pointer'],
    ['ssm:prod-db-password', 'store-pointer'],
    ['bref-ssm:/my-app/db-password', 'store-pointer'],
    ['secretsmanager:prod/db', 'store-pointer'],
    ['bref-secretsmanager:/my-app/api-key', 'store-pointer'],
    ['bref-secretsmanager-json:/my-app/env', 'store-pointer'],
    ['arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf', 'arn'],
    ['{{resolve:secretsmanager:prod/db:SecretString:password}}', 'template-or-reference'],
    ['{{resolve:ssm-secure:/prod/api-key:3}}', 'template-or-reference'],
    ['${ssm:/prod/api-key}', 'template-or-reference'],
    ['https://api.example.com/v1?page=2', 'url-without-credentials'],
    ['TRUE', 'boolean'],
    ['-12.5', 'number'],
    ['', 'empty'],
    ['staging', 'environment-name'],
    ['ap-southeast-2', 'region'],
    ['your-api-key-here', 'placeholder'],
    ['TODO', 'placeholder'],
    ['xxxxx', 'placeholder'],
    ['changeme', 'stand-in-word'],
    ['CHANGE_ME', 'stand-in-word'],
    ['example', 'stand-in-word'],
    ['********', 'masked'],
    ['-----BEGIN CERTIFICATE-----\nMIIB', 'public-key-material'],
  ])('%j is harmless: %s', (value, reason) => {
    expect(benignReason(value)).toBe(reason);
  });

  it.each([
    ['a password', 'Tr0ub4dor&3'],
    ['a URL with a password', 'https://user:Tr0ub4dor@example.com/'],
    ['a base64 secret that starts with a slash', `/${fake(21, 39, BASE64)}`],
    ['a mixed-case dotted password', 'Summer.Holidays'],
    ['a password after a service word', 'ssm:Tr0ub4dor&3'],
    ['a random-looking name after a service word', `ssm:/${fake(23, 24)}`],
    ['a password after a word no loader reads', 'kms:/prod/db/password'],
    ['a service word alone', 'ssm:'],
  ])('does not excuse %s', (_what, value) => {
    expect(benignReason(value)).toBeUndefined();
  });
});

describe('tokens issued to be public', () => {
  it('are told by their whole shape: a Stripe publishable key, a Mapbox public token', () => {
    expect(benignReason(join('pk', '_live_', fake(91, 24)))).toBe('public-by-design');
    expect(benignReason(join('pk', '_test_', fake(92, 24)))).toBe('public-by-design');
    expect(benignReason(join('pk', '.eyJ1Ijoi', fake(93, 30, BASE64URL), '.', fake(94, 22, BASE64URL)))).toBe(
      'public-by-design',
    );
  });

  it('excuse nothing in other text, nor the secret kinds of the same providers', () => {
    expect(benignReason(join(fake(95, 20), 'pk', '_live_', fake(96, 24)))).toBeUndefined();
    expect(benignReason(join('pk', '_live_', fake(97, 24), ':', fake(98, 24)))).toBeUndefined();
    expect(benignReason(join('sk', '_live_', fake(99, 24)))).toBeUndefined();
    expect(
      benignReason(join('sk', '.eyJ1Ijoi', fake(93, 30, BASE64URL), '.', fake(94, 22, BASE64URL))),
    ).toBeUndefined();
  });
});

describe('encoded files', () => {
  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'iVBORw0KGgo'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], '/9j/'],
    ['GIF', [...Buffer.from('GIF89a')], 'R0lGOD'],
    ['PDF', [...Buffer.from('%PDF-1.7')], 'JVBERi0'],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04], 'UEsDB'],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00], 'H4sI'],
  ])('base64 of a %s file is data', (_type, magic, prefix) => {
    const encoded = fakeFile(magic, 31);
    expect(encoded.startsWith(prefix)).toBe(true);
    expect(benignReason(encoded)).toBe('encoded-file');
  });

  it('is told by the magic bytes only: the same bytes without them are not excused', () => {
    expect(benignReason(fakeFile([], 31))).toBeUndefined();
    // A file magic followed by what base64 does not hold is no file.
    expect(benignReason(`${fakeFile([0x1f, 0x8b, 0x08, 0x00], 31)}!x`)).toBeUndefined();
  });
});

describe('isSecretNameShaped', () => {
  it.each(['nr-license-key', 'prod/datadog/api_key', 'NewRelicLicenseKey', 'datadog_api_key', 'newrelic'])(
    '%s reads like the name of a secret',
    (value) => expect(isSecretNameShaped(value)).toBe(true),
  );

  it.each([
    ['a random token', fake(31, 32)],
    ['a password with punctuation', 'Tr0ub4dor&3'],
    ['a base64 key', fake(32, 40, BASE64)],
    ['digits', '8312790412'],
  ])('%s does not', (_what, value) => expect(isSecretNameShaped(value)).toBe(false));
});
