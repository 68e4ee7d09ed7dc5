// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import asyncNoDestination from '../../../src/checks/lambda/async-no-failure-destination.js';
import confusedDeputy from '../../../src/checks/lambda/permission-confused-deputy.js';
import publicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import untrustedAccount from '../../../src/checks/lambda/permission-untrusted-account.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, lambdaPermission } from '../../helpers/templates.js';

const CHECKS = [confusedDeputy, untrustedAccount, publicInvoke, asyncNoDestination];

const CALLER = `  Caller:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
`;

describe('a permission whose Principal is a role of the template (!GetAtt Role.Arn)', () => {
  it('is a role of the deploying account: no service, no other account, no asynchronous invoker', () => {
    const text = template(CALLER + lambdaFunction() + lambdaPermission('Perm', '!GetAtt Caller.Arn'));
    const { failed, unknown } = scanTemplate(text, CHECKS);
    expect(unknown).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('stays unknown for the Arn of a resource that is no role, or of a parameter', () => {
    const queue = '  Queue:\n    Type: AWS::SQS::Queue\n';
    const text = template(
      queue + lambdaFunction() + lambdaPermission('Perm', '!GetAtt Queue.Arn'),
      'Parameters:\n  Who: { Type: String }\n',
    );
    expect(scanTemplate(text, confusedDeputy).unknown.map((f) => f.resource.id)).toEqual(['Perm']);
    const param = template(
      lambdaFunction() + lambdaPermission('Perm', '!Ref Who'),
      'Parameters:\n  Who: { Type: String }\n',
    );
    expect(scanTemplate(param, untrustedAccount).unknown.map((f) => f.resource.id)).toEqual(['Perm']);
  });
});
