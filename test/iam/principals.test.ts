// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import {
  analyzePrincipal,
  isPublicPrincipal,
  isServicePrincipal,
  principalEntries,
  servicePrincipalName,
} from '../../src/iam/principals.js';
import { SELF_ACCOUNT } from '../../src/iam/templates.js';
import { unknown } from '../../src/model/values.js';
import { param, st, sub } from './fixtures.js';

describe('analyzePrincipal', () => {
  it('recognises everyone', () => {
    expect(analyzePrincipal('*')).toEqual({ kind: 'public' });
    expect(analyzePrincipal('*', 'AWS')).toEqual({ kind: 'public' });
  });

  it('recognises service principals, China and regional ones included', () => {
    expect(analyzePrincipal('s3.amazonaws.com')).toEqual({
      kind: 'service',
      principal: 's3.amazonaws.com',
      service: 's3',
    });
    expect(analyzePrincipal('lambda.amazonaws.com.cn', 'Service')).toMatchObject({
      kind: 'service',
      service: 'lambda',
    });
    expect(analyzePrincipal('logs.eu-west-1.amazonaws.com', 'Service')).toMatchObject({ service: 'logs' });
    expect(analyzePrincipal('alexa-appkit.amazon.com')).toMatchObject({
      kind: 'service',
      service: 'alexa-appkit',
    });
    expect(analyzePrincipal(sub('lambda.${AWS::URLSuffix}'), 'Service')).toMatchObject({ service: 'lambda' });
  });

  it("recognises the service principals of every partition, by each partition's DNS suffix", () => {
    for (const [principal, service] of [
      ['s3.c2s.ic.gov', 's3'], // aws-iso
      ['lambda.sc2s.sgov.gov', 'lambda'], // aws-iso-b
      ['events.cloud.adc-e.uk', 'events'], // aws-iso-e
      ['sns.csp.hci.ic.gov', 'sns'], // aws-iso-f
      ['apigateway.amazonaws.eu', 'apigateway'], // aws-eusc
      ['logs.us-iso-east-1.c2s.ic.gov', 'logs'],
    ]) {
      expect(analyzePrincipal(principal as string), principal).toEqual({
        kind: 'service',
        principal,
        service,
      });
    }
    expect(analyzePrincipal(sub('logs.${AWS::Region}.c2s.ic.gov'), 'Service')).toMatchObject({
      kind: 'service',
      service: 'logs',
    });
    // A name that ends in none of them (a look-alike domain) is no service principal.
    for (const text of ['s3.ic.gov', 's3.c2s.ic.gov.example.com', 's3.amazonaws.co'])
      expect(analyzePrincipal(text).kind, text).toBe('other');
  });

  it('recognises accounts from ids, roots, roles and sessions', () => {
    expect(analyzePrincipal('123456789012')).toEqual({
      kind: 'account',
      account: '123456789012',
      self: 'unknown',
      entity: 'root',
    });
    expect(analyzePrincipal('arn:aws:iam::123456789012:root', 'AWS')).toMatchObject({
      account: '123456789012',
      entity: 'root',
    });
    expect(analyzePrincipal('arn:aws:iam::123456789012:role/deployer', 'AWS')).toMatchObject({
      entity: 'role',
    });
    expect(analyzePrincipal('arn:aws-cn:sts::123456789012:assumed-role/r/s', 'AWS')).toMatchObject({
      entity: 'assumed-role',
    });
    expect(analyzePrincipal('arn:aws:iam::123456789012:user/ci', 'AWS')).toMatchObject({ entity: 'user' });
  });

  it('knows the scanned account, from options or ${AWS::AccountId}', () => {
    expect(analyzePrincipal('123456789012', 'AWS', { selfAccount: '123456789012' })).toMatchObject({
      self: 'yes',
    });
    expect(analyzePrincipal('210987654321', 'AWS', { selfAccount: '123456789012' })).toMatchObject({
      self: 'no',
    });
    expect(analyzePrincipal(sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root'), 'AWS')).toMatchObject({
      account: SELF_ACCOUNT,
      self: 'yes',
    });
    expect(analyzePrincipal(sub('${AWS::AccountId}'))).toMatchObject({ kind: 'account', self: 'yes' });
  });

  it('reads one of several texts as the service they all name, else as not known before deploy', () => {
    const either = (...texts: string[]) =>
      unknown('depends on condition IsChina', undefined, { resources: [], noWildcard: [], oneOf: texts });
    expect(analyzePrincipal(either('events.amazonaws.com.cn', 'events.amazonaws.com'))).toEqual({
      kind: 'service',
      principal: 'events.amazonaws.com.cn',
      service: 'events',
    });
    expect(analyzePrincipal(either('events.amazonaws.com', 's3.amazonaws.com'))).toEqual({
      kind: 'unknown',
      reason: 'depends on condition IsChina',
    });
    expect(analyzePrincipal(either('111122223333', 'events.amazonaws.com'))).toMatchObject({
      kind: 'unknown',
    });
    expect(analyzePrincipal(either('events.amazonaws.com', '111122223333'))).toMatchObject({
      kind: 'unknown',
    });
  });

  it('says unknown for principals not known before deploy, other for unrecognised ones', () => {
    expect(analyzePrincipal(param('TrustedAccount'), 'AWS')).toMatchObject({ kind: 'unknown' });
    expect(analyzePrincipal(sub('arn:aws:iam::${TrustedAccount}:root'), 'AWS')).toMatchObject({
      kind: 'unknown',
    });
    expect(analyzePrincipal('AROAEXAMPLEID1234567', 'AWS')).toMatchObject({ kind: 'other' });
    expect(analyzePrincipal('cognito-identity.amazonaws.com', 'Federated')).toEqual({
      kind: 'federated',
      provider: 'cognito-identity.amazonaws.com',
    });
  });
});

describe('principal entries', () => {
  it('lists every principal of a statement with its type', () => {
    const entries = principalEntries(
      st({
        principal: {
          AWS: ['arn:aws:iam::123456789012:root', param('Other')],
          Service: ['sns.amazonaws.com'],
        },
      }),
    );
    expect(Array.isArray(entries) && entries.map((e) => [e.type, e.info.kind])).toEqual([
      ['AWS', 'account'],
      ['AWS', 'unknown'],
      ['Service', 'service'],
    ]);
  });

  it('marks NotPrincipal entries, which count as everyone else', () => {
    const entries = principalEntries(st({ notPrincipal: { AWS: ['arn:aws:iam::123456789012:root'] } }));
    expect(Array.isArray(entries) && entries[0]?.negated).toBe(true);
    expect(Array.isArray(entries) && entries[0] && isPublicPrincipal(entries[0])).toBe('yes');
  });

  it('keeps a principal block not known before deploy as Unknown', () => {
    expect(principalEntries(st({ principal: unknown('depends on condition IsPublic') }))).toMatchObject({
      reason: 'depends on condition IsPublic',
    });
  });

  it('answers public and service questions in three values', () => {
    const entry = (
      value: Parameters<typeof analyzePrincipal>[0],
      type: 'AWS' | 'Service' | 'untyped' = 'untyped',
    ) => ({
      type,
      value,
      info: analyzePrincipal(value, type),
    });
    expect(isPublicPrincipal(entry('*'))).toBe('yes');
    expect(isPublicPrincipal(entry('123456789012'))).toBe('no');
    expect(isPublicPrincipal(entry(param('Principal')))).toBe('unknown');
    expect(isPublicPrincipal(entry(sub('arn:aws:iam::${Account}:root'), 'AWS'))).toBe('no');
    // One of some texts (an Fn::If on a condition not known before deploy): public only if each is.
    const oneOf = (...texts: string[]) => unknown('depends on condition C', undefined, { oneOf: texts });
    expect(isPublicPrincipal(entry(oneOf('events.amazonaws.com.cn', 'events.amazonaws.com')))).toBe('no');
    expect(isPublicPrincipal(entry(oneOf('*', '123456789012')))).toBe('unknown');
    expect(isPublicPrincipal(entry(oneOf('*', '*')))).toBe('yes');
    expect(isServicePrincipal(entry('events.amazonaws.com'))).toBe('yes');
    expect(isServicePrincipal(entry(param('Principal')))).toBe('unknown');
    expect(isServicePrincipal(entry('123456789012'))).toBe('no');
    expect(servicePrincipalName('Lambda.amazonaws.com.cn')).toBe('lambda.amazonaws.com');
    expect(servicePrincipalName('lambda.c2s.ic.gov')).toBe('lambda.amazonaws.com');
    expect(servicePrincipalName('edgelambda.SC2S.sgov.gov')).toBe('edgelambda.amazonaws.com');
    expect(servicePrincipalName('logs.eusc-de-east-1.amazonaws.eu')).toBe(
      'logs.eusc-de-east-1.amazonaws.com',
    );
    expect(servicePrincipalName('lambda.example.gov')).toBe('lambda.example.gov');
  });
});
