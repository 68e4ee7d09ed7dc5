// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import {
  confusedDeputyAccess,
  crossAccountAccess,
  publicAccess,
  trustedBeyond,
} from '../../src/iam/exposure.js';
import { broadActionGrants, passRoleGrants, writeOnAllResources } from '../../src/iam/grants.js';
import { executionRoleOf, functionsUsingRole, policiesOfRole } from '../../src/iam/role-policies.js';
import type { Inventory } from '../../src/model/inventory.js';
import { buildTemplateInventory } from '../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../src/sources/cloudformation/yaml.js';

// The analysis over an inventory built by the real CloudFormation source: checks that the shapes it
// produces (Unknown templates and reasons for !Ref, !GetAtt, !Sub) are read as intended.
const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  PartnerAccount:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Table:
    Type: AWS::DynamoDB::Table
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [dynamodb:PutItem, dynamodb:GetItem]
                Resource: !GetAtt Table.Arn
              - Effect: Allow
                Action: sns:Publish
                Resource: !Ref Topic
              - Effect: Allow
                Action: iam:PassRole
                Resource: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*
  AdminPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref FnRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: '*'
            Resource: '*'
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt FnRole.Arn
      Runtime: python3.12
      Handler: app.handler
      Code: { ZipFile: 'def handler(e, c): pass' }
  TopicPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      SourceArn: !Ref Topic
  PartnerPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: !Ref PartnerAccount
`;

function inventory(): Inventory {
  const parsed = parseYaml(TEMPLATE, 'template.yaml');
  return buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator).inventory;
}

describe('analysis of a CloudFormation template', () => {
  const inv = inventory();
  const fn = inv.list('lambda.function')[0];
  const role = fn ? executionRoleOf(inv, fn) : undefined;
  const policies = role ? policiesOfRole(inv, role) : [];
  const permission = (id: string) => inv.list('lambda.permission').find((p) => p.id === id);

  it('links the function, its role and the role policies', () => {
    expect(role?.id).toBe('FnRole');
    expect(role && functionsUsingRole(inv, role).map((f) => f.id)).toEqual(['Fn']);
    expect(policies.map((p) => [p.origin, p.resource?.id ?? p.name])).toEqual([
      ['inline', 'app'],
      ['policy-resource', 'AdminPolicy'],
      ['aws-managed', 'AWSLambdaBasicExecutionRole'],
    ]);
  });

  it('finds the admin policy attached from outside the role', () => {
    expect(broadActionGrants(policies).map((h) => [h.kind, h.answer, h.policy?.resource?.id])).toEqual([
      ['all-actions', 'yes', 'AdminPolicy'],
    ]);
  });

  it('does not take !GetAtt or !Ref of resources for wildcards', () => {
    const userWritten = policies.filter((p) => p.origin === 'inline');
    expect(writeOnAllResources(userWritten, { leaveOut: (action) => action === 'iam:PassRole' })).toEqual([]);
    // role/* of the account is every role there: iam:PassRole on it is a write on every resource of a type.
    expect(writeOnAllResources(userWritten).map((h) => [h.answer, h.scope, h.reason])).toEqual([
      [
        'yes',
        'type',
        'Allow grants write actions ("iam:PassRole") on every IAM role in the account ("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*")',
      ],
    ]);
  });

  it('reads PassRole on every role of the account from a !Sub', () => {
    expect(passRoleGrants(policies.filter((p) => p.name === 'app'))).toMatchObject([
      { answer: 'yes', scope: 'account' },
    ]);
  });

  it('reads the trust policy and the permissions', () => {
    expect(role && trustedBeyond(role.assumeRolePolicy)).toEqual([]);
    const topic = permission('TopicPermission');
    const partner = permission('PartnerPermission');
    expect(topic && confusedDeputyAccess(topic)).toEqual([]);
    expect(topic && publicAccess(topic)).toEqual([]);
    expect(partner && crossAccountAccess(partner)).toMatchObject([{ answer: 'unknown' }]);
    expect(partner && publicAccess(partner)).toMatchObject([{ answer: 'unknown' }]);
  });
});
