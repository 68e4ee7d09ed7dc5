import { describe, expect, it } from 'vitest';
import roleWildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { samTemplate } from '../../helpers/templates.js';

const errorsOf = (text: string, parameters?: Record<string, string>) => {
  const parsed = parseYaml(text, 'template.yaml');
  return buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator, {
    ...(parameters ? { parameters } : {}),
  })
    .errors.slice()
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    .map((e) => `${e.line}:${e.column} ${e.message}`);
};

const REJECTS = 'IAM rejects the policy (MalformedPolicyDocument';

/** A role whose inline policy `p` holds `statements` (YAML at 14 spaces of indent, list items). */
function roleWith(statements: string): string {
  return template(`  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
${statements}`);
}

describe('statements of identity policies that IAM rejects', () => {
  it('a misspelt element is an error at the key naming the element meant, and no element is then said missing', () => {
    const errors = errorsOf(
      roleWith(`              - Effect: Allow
                Actions: dynamodb:*
                Resources: '*'
`),
    );
    expect(errors).toEqual([
      `13:17 Role: inline policy p, Statement[0] has Actions, which is not an element of an IAM policy statement (did you mean Action?): ${REJECTS}: "Unknown field Actions") and the stack fails to deploy`,
      `14:17 Role: inline policy p, Statement[0] has Resources, which is not an element of an IAM policy statement (did you mean Resource?): ${REJECTS}: "Unknown field Resources") and the stack fails to deploy`,
    ]);
  });

  it('a Resource an Fn::If removes where its condition does not hold is missing; where it holds, present', () => {
    const text = roleWith(`              - Effect: Allow
                Action: s3:GetObject
                Resource: !If [Scoped, 'arn:aws:s3:::b/*', !Ref AWS::NoValue]
`).replace(
      'Resources:',
      'Parameters:\n  Scope: { Type: String, Default: none }\nConditions:\n  Scoped: !Equals [!Ref Scope, b]\nResources:',
    );
    expect(errorsOf(text)).toEqual([
      `16:17 Role: inline policy p, Statement[0] has no Resource or NotResource (an Fn::If gives AWS::NoValue): ${REJECTS}) and the stack fails to deploy`,
    ]);
    expect(errorsOf(text, { Scope: 'b' })).toEqual([]);
  });

  it('element names are case sensitive: `effect` is not Effect', () => {
    const errors = errorsOf(
      roleWith(`              - effect: Allow
                Action: s3:GetObject
                Resource: '*'
`),
    );
    expect(errors).toEqual([
      `12:17 Role: inline policy p, Statement[0] has effect, which is not an element of an IAM policy statement (did you mean Effect?): ${REJECTS}: "Unknown field effect") and the stack fails to deploy`,
    ]);
  });

  it('a key close to no element lists the elements, and what is missing is said at the statement', () => {
    const errors = errorsOf(
      roleWith(`              - Effect: Allow
                Statement: {Action: s3:GetObject, Resource: '*'}
`),
    );
    expect(errors).toEqual([
      `12:17 Role: inline policy p, Statement[0] has no Action or NotAction and no Resource or NotResource: ${REJECTS}) and the stack fails to deploy`,
      `13:17 Role: inline policy p, Statement[0] has Statement, which is not an element of an IAM policy statement (it holds Sid, Effect, Action, NotAction, Resource, NotResource, Condition): ${REJECTS}: "Unknown field Statement") and the stack fails to deploy`,
    ]);
  });

  it('a statement without Effect, or with both of a pair, is an error', () => {
    const errors = errorsOf(
      roleWith(`              - Action: s3:GetObject
                NotAction: s3:PutObject
                Resource: '*'
`),
    );
    expect(errors).toEqual([
      `12:17 Role: inline policy p, Statement[0] has no Effect: ${REJECTS}) and the stack fails to deploy`,
      `13:17 Role: inline policy p, Statement[0] has both Action and NotAction, which exclude each other: ${REJECTS}) and the stack fails to deploy`,
    ]);
  });

  it('Principal is prohibited in an identity policy, and required in the trust policy beside it', () => {
    const errors = errorsOf(
      roleWith(`              - Effect: Allow
                Principal: {AWS: '*'}
                Action: s3:GetObject
                Resource: '*'
`),
    );
    expect(errors).toEqual([
      `13:17 Role: inline policy p, Statement[0] has Principal, which an identity policy cannot have: ${REJECTS}: "Has prohibited field Principal") and the stack fails to deploy. The role the policy is attached to is its principal; who may assume the role goes in its AssumeRolePolicyDocument`,
    ]);
  });

  it('well-formed statements (NotAction, NotResource, Sid, Condition) give no error', () => {
    const errors = errorsOf(
      roleWith(`              - Sid: Reads
                Effect: Allow
                Action: [s3:GetObject]
                Resource: '*'
                Condition: {StringEquals: {aws:ResourceAccount: '123456789012'}}
              - Effect: Deny
                NotAction: s3:*
                NotResource: arn:aws:s3:::b/*
`),
    );
    expect(errors).toEqual([]);
  });

  it('AWS::IAM::Policy and AWS::IAM::ManagedPolicy statements are judged, one written alone as Statement', () => {
    const text = template(`  Inline:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [r]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resources: '*'
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          Effect: Allow
          Action: s3:GetObject
`);
    expect(errorsOf(text)).toEqual([
      `12:13 Inline: PolicyDocument, Statement[0] has Resources, which is not an element of an IAM policy statement (did you mean Resource?): ${REJECTS}: "Unknown field Resources") and the stack fails to deploy`,
      `18:11 Managed: PolicyDocument, Statement has no Resource or NotResource: ${REJECTS}) and the stack fails to deploy`,
    ]);
  });

  it("a SAM function's Policies statement is an error on the function, naming its entry; policy templates are not judged", () => {
    const text = samTemplate(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: x
      Policies:
        - S3ReadPolicy: {BucketName: b}
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: '*'
            - Effect: Allow
              Action: s3:GetObject
              NotResources: arn:aws:s3:::b/*
`);
    const parsed = parseYaml(text, 'template.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors.map((e) => e.resource)).toEqual(['Fn']);
    expect(errorsOf(text)).toEqual([
      `18:15 Fn: Policies[1], Statement[1] has NotResources, which is not an element of an IAM policy statement (did you mean NotResource?): ${REJECTS}: "Unknown field NotResources") and the stack fails to deploy`,
    ]);
  });

  it('values not known before deploy are no error, nor a statement an AWS::Include may add keys to', () => {
    const text = template(
      `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: !Ref Effect
                Action: !Ref Actions
                Resource: !Ref Arns
              - !If [Strict, {Effect: Deny, Action: '*', Resource: '*'}, !Ref AWS::NoValue]
              - Effect: Allow
                Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/grant.yaml}}
        - PolicyName: q
          PolicyDocument: !Ref Document
`,
      `Parameters:
  Effect: {Type: String}
  Actions: {Type: CommaDelimitedList}
  Arns: {Type: CommaDelimitedList}
  Document: {Type: String}
  Strict: {Type: String}
Conditions:
  IsStrict: !Equals [!Ref Strict, 'yes']
`,
    ).replace('!If [Strict,', '!If [IsStrict,');
    expect(errorsOf(text)).toEqual([]);
  });

  it('the checks still read the rest of the policy', () => {
    const scan = scanTemplate(
      `${roleWith(`              - Effect: Allow
                Actions: dynamodb:*
                Resources: '*'
              - Effect: Allow
                Action: '*'
                Resource: '*'
`)}  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: index.handler, Role: !GetAtt Role.Arn, Code: {ZipFile: x}}
`,
      roleWildcardAction,
    );
    expect(scan.errors).toHaveLength(2);
    expect(scan.failed.map((f) => f.message)).toEqual([expect.stringContaining('Statement[1]')]);
  });
});
