// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import read from '../../../src/checks/iam/role-wildcard-resource-read.js';
import write from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { appRole, inline } from './fixtures.js';

// An Allow with NotResource grants on every resource but those it names, and an action acts only on the resource
// types the Service Authorization Reference lists for it: one whose every ARN the NotResource names is granted
// nowhere. s3:GetObject acts on objects (`arn:aws:s3:::b/k`) and on objects reached through an access point
// (`arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k`): `arn:aws:s3:::*` names the first alone.

const PARAMETERS = 'Parameters:\n  Kept: { Type: String }\n';
const READ_PASS = 'no statement allows sensitive reads on every resource, or on every resource of a type';
const WRITE_PASS = 'no statement allows write actions on every resource, or on every resource of a type';

function allowExcept(action: string, notResource: string): string {
  return `              - Effect: Allow
                Action: ${action}
                NotResource: ${notResource}
`;
}

function results(check: typeof read, statements: string) {
  const { findings, errors } = scanTemplate(appRole(inline(statements), PARAMETERS), check);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.message]);
}

describe('an Allow whose NotResource names every ARN an action acts on', () => {
  it('grants no secret read beside every secret of every partition', () => {
    for (const secrets of [
      "'arn:*:secretsmanager:*:*:secret:*'",
      '!Sub "arn:${AWS::Partition}:secretsmanager:*:*:secret:*"',
    ])
      expect(results(read, allowExcept('secretsmanager:GetSecretValue', secrets)), secrets).toEqual([
        ['pass', READ_PASS],
      ]);
  });

  it('grants no object read or write beside every S3 ARN', () => {
    const text = allowExcept('[s3:GetObject, s3:PutObject]', '!Sub "arn:${AWS::Partition}:s3:*"');
    expect(results(read, text)).toEqual([['pass', READ_PASS]]);
    expect(results(write, text)).toEqual([['pass', WRITE_PASS]]);
  });

  it('still grants s3:GetObject beside every bucket and object: it reads through access points too', () => {
    expect(results(read, allowExcept('s3:GetObject', '!Sub "arn:${AWS::Partition}:s3:::*"'))).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow with NotResource grants sensitive reads ("s3:GetObject") on every ' +
          'resource except arn:${AWS::Partition}:s3:::*.',
      ],
    ]);
  });

  it('still grants what it keeps out in one partition alone, and other actions', () => {
    const [oneSecrets] = results(
      read,
      allowExcept('secretsmanager:GetSecretValue', "'arn:aws:secretsmanager:*:*:secret:*'"),
    );
    expect(oneSecrets?.[0]).toBe('fail');
    const [others] = results(
      read,
      allowExcept('[secretsmanager:GetSecretValue, ssm:GetParameter]', "'arn:*:secretsmanager:*:*:secret:*'"),
    );
    expect(others).toEqual([
      'fail',
      'inline policy app, Statement[0]: Allow with NotResource grants sensitive reads ("ssm:GetParameter") on every ' +
        'resource except arn:*:secretsmanager:*:*:secret:*.',
    ]);
  });

  it('is unknown where the NotResource is not known before deploy', () => {
    const [kept] = results(read, allowExcept('secretsmanager:GetSecretValue', '!Ref Kept'));
    expect(kept?.[0]).toBe('unknown');
  });
});

// The same ARNs weighed for a Deny's Resource beside a grant on every resource (see reachOnEveryArn).
describe('a Deny whose Resource names every ARN an action acts on, beside the action on every resource', () => {
  const grantAndDeny = (action: string, resource: string) =>
    `              - { Effect: Allow, Action: ${action}, Resource: '*' }
              - { Effect: Deny, Action: ${action}, Resource: ${resource} }
`;

  it('cancels a secret read denied on every secret of every partition, naming the Deny', () => {
    expect(
      results(read, grantAndDeny('secretsmanager:GetSecretValue', "'arn:*:secretsmanager:*:*:secret:*'")),
    ).toEqual([
      [
        'pass',
        `${READ_PASS} (the Deny of inline policy app, Statement[1] cancels secretsmanager:GetSecretValue)`,
      ],
    ]);
  });

  it('is unknown where it names those of one partition, and fails where it leaves access-point objects', () => {
    const [one] = results(
      read,
      grantAndDeny('secretsmanager:GetSecretValue', "'arn:aws:secretsmanager:*:*:secret:*'"),
    );
    expect(one?.[0]).toBe('unknown');
    expect(one?.[1]).toContain('${AWS::Partition} is not known before deploy');
    const [objects] = results(read, grantAndDeny('s3:GetObject', '!Sub "arn:${AWS::Partition}:s3:::*"'));
    expect(objects).toEqual([
      'fail',
      'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every resource.',
    ]);
  });
});
