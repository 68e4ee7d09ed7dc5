import { describe, expect, it } from 'vitest';
import { benignReason } from '../../src/secrets/index.js';
import { BASE64, fake } from './fixtures.js';

describe('benignReason', () => {
  it.each([
    ['/etc/pki/tls/certs/ca-bundle.crt', 'path'],
    ['/prod/db/password', 'path'],
    ['certs/internal-root.pem', 'path'],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password', 'arn'],
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
  ])('does not excuse %s', (_what, value) => {
    expect(benignReason(value)).toBeUndefined();
  });
});
