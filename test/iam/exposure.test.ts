// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import {
  confusedDeputyAccess,
  crossAccountAccess,
  layerPermissionStatement,
  permissionStatement,
  publicAccess,
  trustedBeyond,
} from '../../src/iam/exposure.js';
import { verdict } from '../../src/iam/hits.js';
import type { LayerVersionPermission } from '../../src/model/lambda.js';
import { unknown } from '../../src/model/values.js';
import { doc, param, permission, st, sub } from './fixtures.js';

describe('public access', () => {
  it('flags a function URL open to everyone: FunctionUrlAuthType is not a restriction', () => {
    const url = permission({
      principal: '*',
      action: 'lambda:InvokeFunctionUrl',
      functionUrlAuthType: 'NONE',
    });
    const hits = publicAccess(url);
    expect(hits).toMatchObject([{ kind: 'public', answer: 'yes', source: url.source }]);
    expect(hits[0]?.restriction.ignored[0]?.condition).toBe('StringEquals lambda:FunctionUrlAuthType');
  });

  it('passes a public principal restricted by SourceAccount, SourceArn or PrincipalOrgID (prowler#4870)', () => {
    expect(publicAccess(permission({ principal: '*', sourceAccount: '123456789012' }))).toEqual([]);
    expect(publicAccess(permission({ principal: '*', sourceArn: 'arn:aws:s3:::uploads' }))).toEqual([]);
    expect(publicAccess(permission({ principal: '*', principalOrgId: 'o-a1b2c3d4e5' }))).toEqual([]);
    // `!Ref Topic` of an SNS topic in the same template, as the CloudFormation source writes it.
    const topicRef = unknown('reference to resource Topic', '${Topic}', { resources: ['Topic'] });
    expect(publicAccess(permission({ principal: '*', sourceArn: topicRef }))).toEqual([]);
  });

  it('is unknown when the principal or its restriction is not known before deploy', () => {
    expect(publicAccess(permission({ principal: param('InvokerPrincipal') }))).toMatchObject([
      { answer: 'unknown' },
    ]);
    expect(publicAccess(permission({ principal: '*', sourceArn: param('SourceArn') }))).toMatchObject([
      { answer: 'unknown' },
    ]);
    expect(
      publicAccess(permission({ principal: '*', sourceAccount: unknown('depends on condition IsProd') })),
    ).toMatchObject([{ answer: 'unknown' }]);
  });

  it('does not flag service or account principals', () => {
    expect(publicAccess(permission({ principal: 'apigateway.amazonaws.com' }))).toEqual([]);
    expect(publicAccess(permission({ principal: '123456789012' }))).toEqual([]);
  });

  it('reads policy documents: {AWS: "*"}, NotPrincipal, Deny and conditions', () => {
    const open = st({ action: 's3:GetObject', resource: 'arn:aws:s3:::site/*', principal: { AWS: ['*'] } });
    const notPrincipal = st({
      action: 'sqs:SendMessage',
      resource: '*',
      notPrincipal: { AWS: ['arn:aws:iam::123456789012:root'] },
    });
    const denied = st({ effect: 'Deny', action: 's3:*', resource: '*', principal: '*' });
    const vpcOnly = st({
      action: 's3:GetObject',
      resource: '*',
      principal: '*',
      condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d'] } },
    });
    const hits = publicAccess(doc(open, notPrincipal, denied, vpcOnly));
    expect(hits.map((h) => [h.statement, h.answer])).toEqual([
      [open, 'yes'],
      [notPrincipal, 'yes'],
    ]);
    expect(hits[1]?.reason).toContain('everyone but');
    expect(verdict(publicAccess(unknown('imported from another stack')))).toBe('unknown');
  });

  it('reads the conditions of a live policy statement', () => {
    const live = doc(
      st({
        action: 'lambda:InvokeFunction',
        principal: '*',
        condition: { StringEquals: { 'aws:PrincipalAccount': ['123456789012'] } },
      }),
    );
    expect(publicAccess(permission({ principal: '*', policy: live }))).toEqual([]);
  });

  it('reads layer permissions: an OrganizationId restricts', () => {
    const layer = (organizationId: string | undefined): LayerVersionPermission => ({
      kind: 'lambda.layer-permission',
      id: 'LayerPermission',
      type: 'AWS::Lambda::LayerVersionPermission',
      source: { arn: 'layer-permission' },
      layerRef: 'Layer',
      action: 'lambda:GetLayerVersion',
      principal: '*',
      organizationId,
    });
    expect(publicAccess(layer(undefined))).toMatchObject([{ answer: 'yes' }]);
    expect(publicAccess(layer('o-a1b2c3d4e5'))).toEqual([]);
    expect(layerPermissionStatement(layer('o-a1b2c3d4e5')).conditions).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] },
    });
  });
});

describe('confused deputy', () => {
  it('flags service principals without a source condition', () => {
    const hits = confusedDeputyAccess(permission({ principal: 'sns.amazonaws.com' }));
    expect(hits).toMatchObject([{ kind: 'confused-deputy', answer: 'yes' }]);
  });

  it('passes the permissions SAM generates for S3, API and schedule events', () => {
    const s3 = permission({ principal: 's3.amazonaws.com', sourceAccount: sub('${AWS::AccountId}') });
    const api = permission({
      principal: 'apigateway.amazonaws.com',
      sourceArn: sub(
        'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ServerlessRestApi}/*/GET/',
      ),
    });
    const schedule = permission({ principal: 'events.amazonaws.com', sourceArn: sub('${ScheduleRule.Arn}') });
    for (const p of [s3, api, schedule]) expect(confusedDeputyAccess(p)).toEqual([]);
  });

  it('does not count an organization condition or a wildcard source', () => {
    const byOrg = permission({ principal: 'events.amazonaws.com', principalOrgId: 'o-a1b2c3d4e5' });
    expect(confusedDeputyAccess(byOrg)).toMatchObject([{ answer: 'yes' }]);
    const anyBucket = permission({ principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::*' });
    expect(confusedDeputyAccess(anyBucket)).toMatchObject([{ answer: 'yes' }]);
  });

  it('is unknown for a principal or source not known before deploy', () => {
    expect(confusedDeputyAccess(permission({ principal: param('Principal') }))).toMatchObject([
      { answer: 'unknown' },
    ]);
    expect(
      confusedDeputyAccess(permission({ principal: 'sns.amazonaws.com', sourceArn: param('TopicArn') })),
    ).toMatchObject([{ answer: 'unknown' }]);
    expect(confusedDeputyAccess(permission({ principal: '*' }))).toEqual([]);
  });

  it('reads service principals in policy documents', () => {
    const statement = st({
      action: 'sqs:SendMessage',
      resource: '*',
      principal: { Service: ['sns.amazonaws.com'] },
    });
    expect(confusedDeputyAccess(statement)).toMatchObject([{ answer: 'yes', value: 'sns.amazonaws.com' }]);
  });
});

describe('cross-account access', () => {
  const options = { selfAccount: '111122223333', trustedAccounts: ['444455556666'] };

  it('flags accounts that are neither the scanned one nor trusted', () => {
    for (const principal of [
      '123456789012',
      'arn:aws:iam::123456789012:root',
      'arn:aws:iam::123456789012:role/deployer',
    ]) {
      expect(crossAccountAccess(permission({ principal }), options), principal).toMatchObject([
        { kind: 'cross-account', answer: 'yes' },
      ]);
    }
  });

  it('passes the scanned account, trusted accounts and service principals', () => {
    for (const principal of ['111122223333', 'arn:aws:iam::444455556666:root', 's3.amazonaws.com', '*']) {
      expect(crossAccountAccess(permission({ principal }), options), principal).toEqual([]);
    }
    expect(
      crossAccountAccess(permission({ principal: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') })),
    ).toEqual([]);
  });

  it('is unknown when the scanned account is not known or the principal comes from a parameter', () => {
    expect(crossAccountAccess(permission({ principal: '123456789012' }))).toMatchObject([
      { answer: 'unknown' },
    ]);
    expect(
      crossAccountAccess(permission({ principal: sub('arn:aws:iam::${PartnerAccount}:root') }), options),
    ).toMatchObject([{ answer: 'unknown' }]);
  });
});

describe('trust policies', () => {
  it('passes a role only Lambda can assume', () => {
    const trust = doc(
      st({
        action: 'sts:AssumeRole',
        principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] },
      }),
    );
    expect(trustedBeyond(trust)).toEqual([]);
    const china = doc(
      st({ action: ['sts:AssumeRole'], principal: { Service: [sub('lambda.${AWS::URLSuffix}')] } }),
    );
    expect(trustedBeyond(china)).toEqual([]);
  });

  it('flags every other principal that can assume the role', () => {
    const trust = doc(
      st({
        action: ['sts:AssumeRole', 'sts:TagSession'],
        principal: {
          Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'],
          AWS: ['arn:aws:iam::123456789012:root'],
        },
      }),
      st({
        action: 'sts:AssumeRoleWithWebIdentity',
        principal: { Federated: ['cognito-identity.amazonaws.com'] },
      }),
    );
    expect(trustedBeyond(trust).map((h) => [h.kind, h.answer, h.value])).toEqual([
      ['assume-role', 'yes', 'arn:aws:iam::123456789012:root'],
      ['assume-role', 'yes', 'ec2.amazonaws.com'],
      ['assume-role', 'yes', 'cognito-identity.amazonaws.com'],
    ]);
  });

  it('ignores statements that do not allow assuming the role, and unknown principals are unknown', () => {
    const trust = doc(
      st({ action: 'sts:TagSession', principal: { AWS: ['arn:aws:iam::123456789012:root'] } }),
      st({ effect: 'Deny', action: 'sts:TagSession', principal: '*' }),
      st({ action: 'sts:AssumeRole', principal: { AWS: [param('CiRoleArn')] } }),
    );
    expect(trustedBeyond(trust).map((h) => h.answer)).toEqual(['unknown']);
  });

  it('reports no principal that a Deny of every principal takes back (an explicit Deny overrides any Allow)', () => {
    const trust = doc(
      st({
        action: 'sts:AssumeRole',
        principal: { AWS: [param('CiRoleArn')], Service: ['ec2.amazonaws.com'] },
      }),
      st({ effect: 'Deny', action: 'sts:AssumeRole', principal: '*' }),
    );
    expect(trustedBeyond(trust)).toEqual([]);
  });

  it('accepts an explicit list of allowed services', () => {
    const trust = doc(st({ action: 'sts:AssumeRole', principal: { Service: ['states.amazonaws.com'] } }));
    expect(trustedBeyond(trust, ['states.amazonaws.com'])).toEqual([]);
  });
});

describe('permissionStatement', () => {
  it('writes the conditions Lambda adds for a permission', () => {
    const statement = permissionStatement(
      permission({
        principal: 's3.amazonaws.com',
        sourceAccount: '123456789012',
        sourceArn: 'arn:aws:s3:::uploads',
      }),
    );
    expect(statement.conditions).toEqual({
      StringEquals: { 'AWS:SourceAccount': ['123456789012'] },
      ArnLike: { 'AWS:SourceArn': ['arn:aws:s3:::uploads'] },
    });
    expect(statement.actions).toEqual(['lambda:InvokeFunction']);
  });
});
