// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import {
  broadActionGrants,
  passRoleGrants,
  roleCoverage,
  writeOnAllResources,
  writesWithin,
} from '../../src/iam/grants.js';
import { verdict } from '../../src/iam/hits.js';
import type { RolePolicy } from '../../src/iam/role-policies.js';
import { unknown } from '../../src/model/values.js';
import { doc, here, param, st, sub } from './fixtures.js';

describe('broadActionGrants', () => {
  it('finds Action "*" and service-wide wildcards, with the statement to point at', () => {
    const everything = st({ action: '*', resource: '*' });
    const s3 = st({ action: ['s3:GetObject', 'S3:*'], resource: 'arn:aws:s3:::bucket/*' });
    const hits = broadActionGrants(doc(everything, s3));
    expect(hits.map((h) => [h.kind, h.answer, h.value, h.service, h.allResources])).toEqual([
      ['all-actions', 'yes', '*', undefined, 'yes'],
      ['service-wildcard', 'yes', 'S3:*', 's3', 'no'],
    ]);
    expect(hits[0]?.statement).toBe(everything);
    expect(hits[0]?.source).toBe(everything.source);
  });

  it('finds the wildcards among many named actions and prefixes, alike each time it reads them', () => {
    // Known patterns are told apart once per process (ReadOnlyAccess: 2,914 of them, on every role carrying it).
    const many = [
      ...Array.from({ length: 200 }, (_, i) => `ec2:Describe${i}*`),
      'S3:*',
      'i?m:*',
      'ec2:Get*',
      '*',
    ];
    const statement = st({ action: many, resource: '*' });
    const read = () => broadActionGrants(doc(statement)).map((h) => [h.kind, h.value, h.service]);
    const expected = [
      ['service-wildcard', 'S3:*', 's3'],
      ['service-wildcard', 'i?m:*', 'iam'],
      ['all-actions', '*', undefined],
    ];
    expect(read()).toEqual(expected);
    expect(read()).toEqual(expected);
  });

  it('finds NotAction with Allow, which grants everything else', () => {
    const hits = broadActionGrants(doc(st({ notAction: ['iam:*', 'organizations:*'], resource: '*' })));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'not-action', answer: 'yes' });
    expect(hits[0]?.reason).toContain('iam:*, organizations:*');
  });

  it('does not count Deny statements, partial wildcards or NotAction "*"', () => {
    const hits = broadActionGrants(
      doc(
        st({ effect: 'Deny', action: '*', resource: '*' }),
        st({ effect: 'Deny', notAction: 's3:GetObject', resource: '*' }),
        st({ action: ['s3:Get*', 'dynamodb:*Item', 'lambda:InvokeFunction'], resource: '*' }),
        st({ notAction: '*', resource: '*' }),
      ),
    );
    expect(hits).toEqual([]);
    expect(verdict(hits)).toBe('no');
  });

  it('leaves out a grant a Deny of NotAction cuts to named actions, telling onNamedLeft', () => {
    const denyAllBut = (...kept: string[]) => st({ effect: 'Deny', notAction: kept, resource: '*' });
    const told: [string, readonly string[]][] = [];
    const onNamedLeft = ({ value, left }: { value: string; left: { patterns: readonly string[] } }) =>
      told.push([value, left.patterns]);
    const s3 = st({ action: 's3:*', resource: '*' });
    expect(broadActionGrants(doc(s3, denyAllBut('s3:GetObject')), { onNamedLeft })).toEqual([]);
    expect(told).toEqual([['s3:*', ['s3:GetObject']]]);
    // A prefix wildcard left (s3:Get*) is none this reports: told too.
    expect(broadActionGrants(doc(s3, denyAllBut('s3:GetObject', 's3:Get*')), { onNamedLeft })).toEqual([]);
    expect(told).toEqual([
      ['s3:*', ['s3:GetObject']],
      ['s3:*', ['s3:GetObject', 's3:Get*']],
    ]);
    // A whole service left (sqs:*) is still a hit, with what is left.
    const star = st({ action: '*', resource: '*' });
    const hits = broadActionGrants(doc(star, denyAllBut('s3:Get*', 'sqs:*')), { onNamedLeft });
    expect(hits.map((h) => [h.answer, h.value, h.left?.patterns])).toEqual([
      ['yes', '*', ['s3:Get*', 'sqs:*']],
    ]);
    expect(told).toHaveLength(2);
  });

  it('says unknown for actions, effects and documents not known before deploy', () => {
    const hits = broadActionGrants(
      doc(
        st({ action: [param('ExtraAction')], resource: '*' }),
        st({ action: [sub('dynamodb:${Operation}')], resource: '*' }),
        st({ action: [sub('dynamodb:${Operation}Item')], resource: '*' }),
        st({ effect: param('Effect'), action: 'iam:*', resource: '*' }),
      ),
    );
    expect(hits.map((h) => [h.kind, h.answer, h.service])).toEqual([
      ['all-actions', 'unknown', undefined],
      ['service-wildcard', 'unknown', 'dynamodb'],
      ['service-wildcard', 'unknown', 'iam'],
    ]);
    expect(verdict(hits)).toBe('unknown');
    expect(broadActionGrants(unknown('imported from another stack'))).toMatchObject([{ answer: 'unknown' }]);
  });

  it('reads the policies of a role and skips unseen AWS managed ones on request', () => {
    const policies: RolePolicy[] = [
      {
        origin: 'inline',
        name: 'p',
        document: doc(st({ action: 'lambda:*', resource: '*' })),
        attached: 'yes',
        source: here,
      },
      {
        origin: 'aws-managed',
        name: 'AWSLambdaBasicExecutionRole',
        document: unknown(
          'AWS managed policy AWSLambdaBasicExecutionRole: its document is not in the inventory',
        ),
        attached: 'yes',
        source: here,
      },
      {
        origin: 'policy-resource',
        name: 'maybe',
        document: doc(st({ action: 'iam:*', resource: '*' })),
        attached: 'unknown',
        source: here,
      },
    ];
    const hits = broadActionGrants(policies);
    expect(hits.map((h) => [h.answer, h.policy?.origin])).toEqual([
      ['unknown', 'aws-managed'],
      ['yes', 'inline'],
      ['unknown', 'policy-resource'],
    ]);
    expect(hits[2]?.reason).toContain('may not be attached');
    expect(broadActionGrants(policies, { unseenAwsManaged: 'ignore' })).toHaveLength(2);
  });
});

describe('writesWithin', () => {
  it('keeps the writes allowed, recounting the sample, the count and the levels', () => {
    const [hit] = writeOnAllResources(doc(st({ action: 'sqs:*', resource: '*' })));
    expect(hit?.levels).toEqual(['Write', 'Permissions management']);
    const kept = hit && writesWithin(hit, (action) => action === 'sqs:SendMessage');
    expect([kept?.actions, kept?.actionCount, kept?.levels]).toEqual([['sqs:SendMessage'], 1, ['Write']]);
    // All allowed: the same hit.
    expect(hit && writesWithin(hit, () => true)).toBe(hit);
  });
});

describe('writeOnAllResources', () => {
  it('finds write and permissions-management actions on "*", one hit per statement', () => {
    const hits = writeOnAllResources(
      doc(
        st({ action: ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage'], resource: '*' }),
        st({ action: 'iam:AttachRolePolicy', resource: '*' }),
        st({ action: 's3:Put*', resource: '*' }),
      ),
    );
    expect(hits.map((h) => [h.answer, h.value])).toEqual([
      ['yes', 's3:PutObject, sqs:SendMessage'],
      ['yes', 'iam:AttachRolePolicy'],
      ['yes', 's3:Put*'],
    ]);
    expect(hits[0]?.actions).toEqual(['s3:PutObject', 'sqs:SendMessage']);
    expect(hits[0]?.reason).toBe(
      'Allow grants write actions ("s3:PutObject", "sqs:SendMessage") on every resource',
    );
    expect(hits[1]?.levels).toEqual(['Write', 'Permissions management']);
    expect(hits[2]?.actions).toContain('s3:PutBucketPolicy');
  });

  it('reports the certain patterns of a statement over the uncertain ones', () => {
    const hits = writeOnAllResources(doc(st({ action: ['s3:PutObject', param('Extra')], resource: '*' })));
    expect(hits).toMatchObject([{ answer: 'yes', value: 's3:PutObject' }]);
  });

  it('ignores reads, scoped resources, Deny and actions that only support "*"', () => {
    const hits = writeOnAllResources(
      doc(
        st({ action: ['s3:GetObject', 'dynamodb:Query', 'ec2:Describe*'], resource: '*' }),
        st({ action: 'dynamodb:PutItem', resource: [sub('${Table.Arn}')] }),
        st({ effect: 'Deny', action: 's3:PutObject', resource: '*' }),
        st({ action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resource: '*' }),
      ),
    );
    expect(hits).toEqual([]);
  });

  it('counts NotAction and NotResource as broad grants', () => {
    expect(writeOnAllResources(doc(st({ notAction: 'iam:*', resource: '*' })))).toMatchObject([
      { answer: 'yes' },
    ]);
    expect(
      writeOnAllResources(doc(st({ action: 'sqs:SendMessage', notResource: 'arn:aws:sqs:*:*:private' }))),
    ).toMatchObject([{ answer: 'yes' }]);
    // Excluding every write action leaves none.
    expect(writeOnAllResources(doc(st({ notAction: ['*'], resource: '*' })))).toEqual([]);
  });

  it('is unknown where the resource, the action or the catalog cannot tell', () => {
    const hits = writeOnAllResources(
      doc(
        st({ action: 'sns:Publish', resource: [param('TopicArn')] }),
        st({ action: [sub('dynamodb:${Op}')], resource: '*' }),
        st({ action: 'newservice:CreateThing', resource: '*' }),
        st({ action: 's3:PutObjekt', resource: '*' }),
      ),
    );
    expect(hits.map((h) => h.answer)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(hits[2]?.reason).toContain('does not know this service');
    // A template whose known part only allows reads grants no write.
    expect(writeOnAllResources(doc(st({ action: [sub('s3:Get${What}')], resource: '*' })))).toEqual([]);
  });
});

describe('writeOnAllResources on every resource of a type', () => {
  it('finds writes on every bucket, table or queue, counting only the actions of that service', () => {
    const hits = writeOnAllResources(
      doc(
        st({
          action: ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage'],
          resource: ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'],
        }),
        st({
          action: 'dynamodb:*',
          resource: [sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*')],
        }),
        st({ action: 'sqs:SendMessage', resource: 'arn:aws:sqs:*:*:*' }),
      ),
    );
    expect(hits.map((h) => [h.answer, h.scope, h.value, h.resources])).toEqual([
      ['yes', 'type', 's3:PutObject', ['arn:aws:s3:::*']],
      [
        'yes',
        'type',
        'dynamodb:*',
        ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*'],
      ],
      ['yes', 'type', 'sqs:SendMessage', ['arn:aws:sqs:*:*:*']],
    ]);
    expect(hits[0]?.actions).toEqual(['s3:PutObject']);
    expect(hits[0]?.reason).toBe(
      'Allow grants write actions ("s3:PutObject") on every object in every S3 bucket ("arn:aws:s3:::*")',
    );
    expect(hits[1]?.reason).toMatch(
      /^Allow grants write actions \(.*\) on every DynamoDB table in the account and region/,
    );
    expect(hits[1]?.actions.every((a) => a.startsWith('dynamodb:'))).toBe(true);
    expect(hits[2]?.reason).toBe(
      'Allow grants write actions ("sqs:SendMessage") on every SQS queue in every account and region ("arn:aws:sqs:*:*:*")',
    );
  });

  it('passes scoped ARNs, reads, and actions of another service', () => {
    const hits = writeOnAllResources(
      doc(
        st({ action: 's3:PutObject', resource: 'arn:aws:s3:::uploads/*' }),
        st({ action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders*' }),
        st({ action: ['s3:GetObject', 's3:ListBucket'], resource: 'arn:aws:s3:::*' }),
        st({ action: ['sqs:SendMessage', 'newservice:Put'], resource: 'arn:aws:s3:::*' }),
      ),
    );
    expect(hits).toEqual([]);
  });

  it('prefers every resource to every resource of a type, and names NotAction grants', () => {
    const both = writeOnAllResources(doc(st({ action: 's3:PutObject', resource: ['arn:aws:s3:::*', '*'] })));
    expect(both.map((h) => [h.scope, h.reason])).toEqual([
      ['all', 'Allow grants write actions ("s3:PutObject") on every resource'],
    ]);
    const notAction = writeOnAllResources(doc(st({ notAction: 's3:Get*', resource: 'arn:aws:s3:::*' })));
    expect(notAction).toMatchObject([
      {
        answer: 'yes',
        scope: 'type',
        reason: 'Allow with NotAction grants write actions on every S3 bucket and object ("arn:aws:s3:::*")',
      },
    ]);
    expect(notAction[0]?.actions.every((a) => a.startsWith('s3:'))).toBe(true);
  });

  it('is unknown when a value from outside the template could name every table', () => {
    const prefix = unknown(
      'from parameter Prefix, which has no default',
      'arn:aws:dynamodb:us-east-1:123456789012:table/${Prefix}*',
    );
    expect(writeOnAllResources(doc(st({ action: 'dynamodb:PutItem', resource: [prefix] })))).toMatchObject([
      {
        answer: 'unknown',
        scope: 'type',
        reason:
          'may grant write actions ("dynamodb:PutItem") on every DynamoDB table in region us-east-1 of account 123456789012 ("arn:aws:dynamodb:us-east-1:123456789012:table/${Prefix}*"): the Resource is not known before deploy (from parameter Prefix, which has no default)',
      },
    ]);
  });
});

describe('writeOnAllResources on a type within a type', () => {
  const everyIndex = 'arn:aws:dynamodb:us-east-1:123456789012:table/*/index/*';

  it('counts only the actions that act on it, with Action or NotAction', () => {
    expect(writeOnAllResources(doc(st({ action: ['dynamodb:PutItem'], resource: everyIndex })))).toEqual([]);
    const hits = writeOnAllResources(
      doc(
        st({ action: ['dynamodb:PutItem', 'dynamodb:Update*'], resource: everyIndex }),
        st({ notAction: 'dynamodb:Get*', resource: everyIndex }),
      ),
    );
    expect(hits.map((h) => [h.answer, h.value, h.actions])).toEqual([
      ['yes', 'dynamodb:Update*', ['dynamodb:UpdateContributorInsights']],
      ['yes', undefined, ['dynamodb:UpdateContributorInsights']],
    ]);
  });

  it('counts every action of the service beside a top-level type of it, naming the table alone', () => {
    const hits = writeOnAllResources(
      doc(
        st({
          action: 'dynamodb:PutItem',
          resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/*', everyIndex],
        }),
      ),
    );
    expect(hits.map((h) => [h.value, h.resources])).toEqual([
      ['dynamodb:PutItem', ['arn:aws:dynamodb:us-east-1:123456789012:table/*']],
    ]);
  });

  it('stays unknown for an Action not known before deploy, and for an action the catalog does not know', () => {
    const hits = writeOnAllResources(
      doc(
        st({ action: [param('Extra')], resource: everyIndex }),
        st({ action: 'dynamodb:UpdateSomethingNew', resource: everyIndex }),
      ),
    );
    expect(hits.map((h) => h.answer)).toEqual(['unknown', 'unknown']);
  });
});

describe('writeOnAllResources with actions left out', () => {
  it('counts left-out actions as no write, and tells which it met', () => {
    const met: string[] = [];
    const options = {
      leaveOut: (action: string) => action.startsWith('logs:Put'),
      onLeftOut: (actions: readonly string[]) => met.push(...actions),
    };
    const hits = writeOnAllResources(
      doc(
        st({ action: 'logs:PutLogEvents', resource: '*' }),
        st({ action: ['logs:PutLogEvents', 'logs:DeleteLogGroup'], resource: 'arn:aws:logs:*:*:*' }),
        st({ action: 'logs:PutLogEvents', resource: 'arn:aws:logs:us-east-1:123456789012:log-group:app:*' }),
      ),
      options,
    );
    expect(hits.map((h) => [h.value, h.actions])).toEqual([['logs:DeleteLogGroup', ['logs:DeleteLogGroup']]]);
    expect([...new Set(met)]).toEqual(['logs:PutLogEvents']);
  });
});

describe('passRoleGrants', () => {
  it('finds iam:PassRole on every role however it is spelled', () => {
    for (const action of ['iam:PassRole', 'IAM:passrole', 'iam:Pass*', 'iam:*', '*']) {
      const hits = passRoleGrants(doc(st({ action, resource: '*' })));
      expect(hits, action).toMatchObject([{ answer: 'yes', scope: 'any-account' }]);
    }
  });

  it('tells every role of an account apart from one role', () => {
    expect(
      passRoleGrants(doc(st({ action: 'iam:PassRole', resource: 'arn:aws:iam::*:role/*' }))),
    ).toMatchObject([{ scope: 'any-account' }]);
    expect(
      passRoleGrants(
        doc(
          st({
            action: 'iam:PassRole',
            resource: [sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*')],
          }),
        ),
      ),
    ).toMatchObject([{ answer: 'yes', scope: 'account' }]);
    expect(
      passRoleGrants(doc(st({ action: 'iam:PassRole', resource: 'arn:aws:iam::123456789012:role/*' }))),
    ).toMatchObject([{ scope: 'account' }]);
    expect(passRoleGrants(doc(st({ action: 'iam:PassRole', resource: [sub('${WorkerRole.Arn}')] })))).toEqual(
      [],
    );
    expect(
      passRoleGrants(doc(st({ action: 'iam:PassRole', resource: 'arn:aws:iam::123456789012:role/app-*' }))),
    ).toEqual([]);
  });

  it('prefers a certain scope over an uncertain one', () => {
    const resource = [param('RoleArn'), sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*')];
    expect(passRoleGrants(doc(st({ action: 'iam:PassRole', resource })))).toMatchObject([
      { answer: 'yes', scope: 'account' },
    ]);
  });

  it('lets an unconditional Deny win over policies that cannot be read', () => {
    const deny = st({ effect: 'Deny', action: 'iam:PassRole', resource: '*' });
    const policies: RolePolicy[] = [
      {
        origin: 'external',
        name: undefined,
        document: unknown('not in the inventory'),
        attached: 'yes',
        source: here,
      },
      { origin: 'inline', name: 'guard', document: doc(deny), attached: 'yes', source: here },
    ];
    expect(passRoleGrants(policies)).toEqual([]);
    expect(passRoleGrants(policies.slice(0, 1))).toMatchObject([{ answer: 'unknown' }]);
  });

  it('ignores statements that do not grant PassRole', () => {
    expect(passRoleGrants(doc(st({ action: ['iam:Get*', 's3:*'], resource: '*' })))).toEqual([]);
    expect(passRoleGrants(doc(st({ notAction: 'iam:*', resource: '*' })))).toEqual([]);
    expect(passRoleGrants(doc(st({ effect: 'Deny', action: 'iam:PassRole', resource: '*' })))).toEqual([]);
  });

  it('lets an unconditional Deny cancel the grant, and a possible one make it unknown', () => {
    const allow = st({ action: 'iam:*', resource: '*' });
    expect(passRoleGrants(doc(allow, st({ effect: 'Deny', action: 'iam:PassRole', resource: '*' })))).toEqual(
      [],
    );
    const conditional = st({
      effect: 'Deny',
      action: 'iam:PassRole',
      resource: '*',
      condition: { StringNotEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } },
    });
    expect(passRoleGrants(doc(allow, conditional))).toMatchObject([{ answer: 'yes' }]);
    const maybe = st({ effect: 'Deny', action: [param('Denied')], resource: '*' });
    expect(passRoleGrants(doc(allow, maybe))).toMatchObject([{ answer: 'unknown' }]);
  });

  it('is unknown for resources and actions not known before deploy', () => {
    expect(passRoleGrants(doc(st({ action: 'iam:PassRole', resource: [param('RoleArn')] })))).toMatchObject([
      { answer: 'unknown' },
    ]);
    expect(passRoleGrants(doc(st({ action: unknown('from an !If'), resource: '*' })))).toMatchObject([
      { answer: 'unknown' },
    ]);
  });

  it('measures role coverage of resource patterns', () => {
    expect(roleCoverage('*')).toBe('any-account');
    expect(roleCoverage('arn:aws-cn:iam::*:role/*')).toBe('any-account');
    expect(roleCoverage('arn:aws:iam::111122223333:role/*', { selfAccount: '111122223333' })).toBe('account');
    expect(roleCoverage('arn:aws:iam::111122223333:role/lambda/*')).toBe('none');
    expect(roleCoverage('arn:aws:s3:::*')).toBe('none');
  });
});
