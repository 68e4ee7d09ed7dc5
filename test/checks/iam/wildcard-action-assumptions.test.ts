// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-action.js';
import type { Finding } from '../../../src/findings/finding.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { appRole, fn, inline, sam, samFn } from './fixtures.js';

const PARAMETERS = `Parameters:
  Stage: { Type: String, Default: CODE }
  Verb: { Type: String, Default: Publish }
  Vpce: { Type: String, Default: vpce-1a2b3c4d }
  Prod: { Type: String, Default: 'no' }
Conditions:
  IsProd: !Equals [!Ref Prod, 'yes']
`;

/** The queue of the stage, as guardian's mobile-n10n names it. */
const STAGE_QUEUE = "!Sub 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:queue-${Stage}'";

/** One Allow statement of `inline`, with `Action` and `Resource` as YAML values and more lines at 16 spaces. */
function statement(action: string, resource: string, more = ''): string {
  return `              - Effect: Allow
                Action: ${action}
                Resource: ${resource}
${more}`;
}

/** The parameters a finding says it assumed the defaults of, in order. */
function assumed(finding: Finding | undefined): string[] {
  expect(finding, 'no such finding').toBeDefined();
  return (finding?.assumptions ?? []).flatMap((a) => /^parameter (\S+) uses its default/.exec(a)?.[1] ?? []);
}

function scan(statements: string, parameters?: Record<string, string>) {
  return scanTemplate(appRole(inline(statements), PARAMETERS), check, parameters ? { parameters } : {});
}

describe('iam.role-wildcard-action: the defaults a failure assumes (review S23 r3, mobile-n10n)', () => {
  it('assumes no default of a Resource a service-wide wildcard is granted on whatever it holds', () => {
    const { failed, errors } = scan(statement('sqs:*', STAGE_QUEUE));
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.message, f.assumptions])).toEqual([
      ['inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*").', undefined],
    ]);
  });

  it('assumes the defaults its Action and its Condition refer to', () => {
    const { failed } = scan(
      statement(
        "[sqs:*, !Sub 'sns:${Verb}']",
        STAGE_QUEUE,
        '                Condition: { StringEquals: { aws:SourceVpce: !Ref Vpce } }\n',
      ),
    );
    expect(failed).toHaveLength(1);
    expect(assumed(failed[0])).toEqual(['Verb', 'Vpce']);
  });

  it('assumes the default of the condition that chose the statement, not that of its Resource', () => {
    const { failed } = scan(`              - !If
                - IsProd
                - !Ref AWS::NoValue
                - { Effect: Allow, Action: 'sqs:*', Resource: ${STAGE_QUEUE} }
`);
    expect(failed).toHaveLength(1);
    expect(assumed(failed[0])).toEqual(['Prod']);
  });

  it('assumes no default of the Resource of a statement of an AWS::IAM::Policy attached to the role', () => {
    const policy = `  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref AppRole]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: 'sqs:*', Resource: ${STAGE_QUEUE} }
`;
    const role = `  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
`;
    const text = template(role + policy + fn('Fn', '!GetAtt AppRole.Arn'), PARAMETERS);
    const { failed, errors } = scanTemplate(text, check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.message, f.assumptions])).toEqual([
      ['policy Extra, Statement[0]: Allow grants every sqs action ("sqs:*").', undefined],
    ]);
  });

  it('assumes none in a SAM function’s Policies, on the role SAM generates', () => {
    const policies = `      Policies:
        - Statement:
            - Effect: Allow
              Action: sqs:*
              Resource: ${STAGE_QUEUE}
`;
    const { failed, errors } = scanTemplate(sam(samFn('Fn', policies), PARAMETERS), check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.message, f.assumptions])).toEqual([
      ['Policies[0], Statement[0]: Allow grants every sqs action ("sqs:*").', undefined],
    ]);
  });

  it('still assumes the Resource’s defaults where a Deny weighs it: one of the PROD queue cancels it there', () => {
    const deny = `              - Effect: Deny
                Action: sqs:*
                Resource: arn:aws:sqs:us-east-1:123456789012:queue-PROD
`;
    const statements = statement('sqs:*', STAGE_QUEUE) + deny;
    const { failed } = scan(statements);
    expect(failed).toHaveLength(1);
    expect(assumed(failed[0])).toEqual(['Stage']);
    // The default is what it rests on: in the PROD deploy the Deny takes it back.
    expect(scan(statements, { Stage: 'PROD' }).failed).toEqual([]);
  });

  it('still assumes them for "*", an administrator on every resource only', () => {
    const { failed } = scan(statement("'*'", STAGE_QUEUE));
    expect(failed).toHaveLength(1);
    expect(assumed(failed[0])).toEqual(['Stage']);
  });

  it('still assumes them for iam:*, which escalates on the roles it names', () => {
    const { failed } = scan(statement('iam:*', '!Sub arn:aws:iam::${AWS::AccountId}:role/app-${Stage}'));
    expect(failed).toHaveLength(1);
    expect(assumed(failed[0])).toEqual(['Stage']);
  });

  it('still assumes them under a permissions boundary, which is weighed against the resources', () => {
    const text = appRole(
      `      PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary\n${inline(statement('sqs:*', STAGE_QUEUE))}`,
      PARAMETERS,
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect([...failed, ...unknown]).toHaveLength(1);
    expect(assumed([...failed, ...unknown][0])).toEqual(['Stage']);
  });
});
