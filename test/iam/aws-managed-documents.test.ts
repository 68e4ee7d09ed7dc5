import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import few from '../../src/data/iam-aws-managed-policies.json' with { type: 'json' };
import { matchingActions } from '../../src/iam/actions.js';
import {
  awsManagedDocument,
  awsManagedPoliciesAsOf,
  unknownAwsManagedPolicy,
} from '../../src/iam/aws-managed-documents.js';
import { broadActionGrants, passRoleGrants, writeOnAllResources } from '../../src/iam/grants.js';
import { LAMBDA_EXECUTION_POLICIES } from '../../src/iam/managed-policies.js';
import { policiesOfRole } from '../../src/iam/role-policies.js';
import { Inventory } from '../../src/model/inventory.js';
import { isUnknown } from '../../src/model/values.js';
import { role } from './fixtures.js';

const arn = (name: string) => `arn:aws:iam::aws:policy/${name}`;
const SHIPPED = [
  ['AdministratorAccess', '/'],
  ['PowerUserAccess', '/'],
  ['IAMFullAccess', '/'],
  ['AWSLambdaBasicExecutionRole', '/service-role/'],
  ['AWSLambdaVPCAccessExecutionRole', '/service-role/'],
  ['AWSXRayDaemonWriteAccess', '/'],
  ['SecretsManagerReadWrite', '/'],
  ['AWSKeyManagementServicePowerUser', '/'],
  ['AWSLambdaRole', '/service-role/'],
  ['AmazonAPIGatewayAdministrator', '/'],
] as const;

function roleWith(...arns: string[]) {
  const r = role('FnRole', { managedPolicyArns: arns });
  return policiesOfRole(new Inventory('t', [r]), r);
}

describe('shipped AWS managed policy documents', () => {
  it('name only actions the IAM catalog knows', () => {
    for (const [name, path] of SHIPPED) {
      const doc = awsManagedDocument(name, path, { arn: 'x' });
      expect(doc, name).toBeDefined();
      const statements = doc && !isUnknown(doc.statements) ? doc.statements : [];
      for (const statement of statements) {
        const patterns = [statement.actions, statement.notActions].flatMap((list) =>
          Array.isArray(list) ? list : [],
        );
        for (const pattern of patterns) {
          const actions = matchingActions(String(pattern));
          expect(typeof actions !== 'string' && actions.length > 0, `${name}: ${String(pattern)}`).toBe(true);
        }
      }
    }
  });

  it('keep the conditions of their statements', () => {
    const doc = awsManagedDocument('SecretsManagerReadWrite', '/', { arn: 'x' });
    const statements = doc && !isUnknown(doc.statements) ? doc.statements : [];
    expect(statements.find((s) => s.sid === 'CloudFormationTagOnCreate')?.conditions).toEqual({
      StringEquals: { 'cloudformation:CreateAction': ['CreateChangeSet', 'ExecuteChangeSet'] },
    });
    expect(statements.find((s) => s.sid === 'BasePermissions')?.conditions).toBeUndefined();
  });

  it('need the right path', () => {
    expect(awsManagedDocument('AWSLambdaBasicExecutionRole', '/', { arn: 'x' })).toBeUndefined();
    expect(awsManagedDocument('ReadOnlyAccess', '/job-function/', { arn: 'x' })).toBeUndefined();
  });
});

describe('the two files of AWS managed policy documents', () => {
  interface Data {
    readonly policies: Record<string, { path: string; versionId: string; statements: unknown[] }>;
  }
  const all = JSON.parse(
    gunzipSync(
      readFileSync(new URL('../../src/data/iam-aws-managed-policies-all.json.gz', import.meta.url)),
    ).toString(),
  ) as Data;
  // Keys in one order, to compare documents whose keys were written in another.
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;

  it('hold every Lambda execution policy in the small file: the usual roles never read the big one', () => {
    const small = (few as unknown as Data).policies;
    for (const key of LAMBDA_EXECUTION_POLICIES) {
      const name = key.slice(key.lastIndexOf('/') + 1);
      expect(small[name]?.path, key).toBe(key.slice(0, key.lastIndexOf('/') + 1));
    }
  });

  it('agree: the small file holds the default version the big one holds', () => {
    for (const [name, policy] of Object.entries((few as unknown as Data).policies)) {
      const other = all.policies[name];
      expect([other?.path, other?.versionId], name).toEqual([policy.path, policy.versionId]);
      expect(sorted(other?.statements), name).toEqual(sorted(policy.statements));
    }
  });
});

describe('every other AWS managed policy document', () => {
  it('is read from the data of every policy a role can carry', () => {
    const doc = awsManagedDocument('AmazonSSMAutomationRole', '/service-role/', { arn: 'x' });
    const statements = doc && !isUnknown(doc.statements) ? doc.statements : [];
    expect(statements.some((s) => Array.isArray(s.actions) && s.actions.includes('ssm:*'))).toBe(true);
    expect(awsManagedDocument('ReadOnlyAccess', '/', { arn: 'x' })).toBeDefined();
  });

  it('leaves out service-linked role policies, which no customer role can carry', () => {
    expect(awsManagedDocument('AWSLambdaReplicator', '/aws-service-role/', { arn: 'x' })).toBeUndefined();
  });

  it('makes a name no AWS managed policy has unknown, saying as of when', () => {
    expect(awsManagedPoliciesAsOf()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [policy] = roleWith(arn('NoSuchPolicyAtAll'));
    expect(policy?.origin).toBe('aws-managed');
    expect(isUnknown(policy?.document) && policy?.document.reason).toBe(
      `no AWS managed policy NoSuchPolicyAtAll was known as of ${awsManagedPoliciesAsOf()}: ` +
        'AWS added it since, or its name or path is misspelt, which fails the deploy',
    );
  });
});

describe('shipped AWS managed policy documents, read', () => {
  it('make AdministratorAccess grant everything, pointing at where it is attached', () => {
    const policies = roleWith(arn('AdministratorAccess'));
    const hits = broadActionGrants(policies);
    expect(hits).toMatchObject([{ kind: 'all-actions', answer: 'yes', allResources: 'yes' }]);
    expect(hits[0]?.source).toBe(policies[0]?.source);
    expect(passRoleGrants(policies)).toMatchObject([{ answer: 'yes', scope: 'any-account' }]);
  });

  it('make PowerUserAccess a NotAction grant without PassRole, IAMFullAccess a PassRole grant', () => {
    const power = roleWith(arn('PowerUserAccess'));
    expect(broadActionGrants(power)).toMatchObject([{ kind: 'not-action', answer: 'yes' }]);
    expect(passRoleGrants(power)).toEqual([]);
    const iam = roleWith(arn('IAMFullAccess'));
    expect(broadActionGrants(iam)).toMatchObject([
      { kind: 'service-wildcard', service: 'iam', answer: 'yes' },
    ]);
    expect(passRoleGrants(iam)).toMatchObject([{ answer: 'yes' }]);
  });

  it('let the usual execution policies be seen: no broad grant, write hits marked AWS managed', () => {
    const policies = roleWith(
      arn('service-role/AWSLambdaBasicExecutionRole'),
      arn('service-role/AWSLambdaVPCAccessExecutionRole'),
      arn('AWSXRayDaemonWriteAccess'),
    );
    expect(broadActionGrants(policies)).toEqual([]);
    expect(passRoleGrants(policies)).toEqual([]);
    const writes = writeOnAllResources(policies);
    expect(writes.every((hit) => hit.answer === 'yes' && hit.policy?.origin === 'aws-managed')).toBe(true);
    expect(writes.map((hit) => [hit.policy?.name, hit.actions])).toEqual([
      ['AWSLambdaBasicExecutionRole', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']],
      [
        'AWSLambdaVPCAccessExecutionRole',
        [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'ec2:CreateNetworkInterface',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
      ],
    ]);
  });
});

describe('unknownAwsManagedPolicy', () => {
  it("says a service-linked role's policy cannot be attached to a customer role (PolicyNotAttachable)", () => {
    expect(unknownAwsManagedPolicy('AWSLambdaReplicator', '/aws-service-role/')).toBe(
      'AWS managed policy aws-service-role/AWSLambdaReplicator is a service-linked role policy: IAM attaches it ' +
        'only to the service-linked role of its service, so attaching it to this role fails the deploy ' +
        '(AttachRolePolicy: PolicyNotAttachable)',
    );
  });

  it('says a policy under another path may be newer than the data, or misspelt', () => {
    expect(unknownAwsManagedPolicy('NoSuchPolicy', '/service-role/')).toMatch(
      /AWS added it since, or its name or path is misspelt/,
    );
  });
});
