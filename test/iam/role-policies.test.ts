// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { broadActionGrants } from '../../src/iam/grants.js';
import {
  executionRoleOf,
  functionsUsingRole,
  policiesOfRole,
  refersToRole,
} from '../../src/iam/role-policies.js';
import { Inventory } from '../../src/model/inventory.js';
import { unknown } from '../../src/model/values.js';
import { doc, fn, param, policy, role, st, sub } from './fixtures.js';

const readTable = doc(st({ action: 'dynamodb:GetItem', resource: [sub('${Table.Arn}')] }));

describe('policiesOfRole', () => {
  it('gathers inline, policy-resource and managed policies with their origin', () => {
    const worker = role('WorkerRole', {
      inlinePolicies: [{ name: 'inline', document: readTable, source: { arn: 'inline' } }],
      managedPolicyArns: [
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        'SharedPolicy',
        'arn:aws:iam::123456789012:policy/elsewhere',
      ],
    });
    const attachedByRole = policy('AttachedPolicy', doc(st({ action: 's3:*', resource: '*' })), [
      'WorkerRole',
    ]);
    const shared = policy('SharedPolicy', doc(st({ action: 'sqs:SendMessage', resource: '*' })), [], true);
    const unrelated = policy('OtherPolicy', readTable, ['OtherRole']);
    const inventory = new Inventory('template.yaml', [
      worker,
      attachedByRole,
      shared,
      unrelated,
      role('OtherRole'),
    ]);

    const policies = policiesOfRole(inventory, worker);
    expect(policies.map((p) => [p.origin, p.name, p.attached])).toEqual([
      ['inline', 'inline', 'yes'],
      ['policy-resource', 'AttachedPolicy', 'yes'],
      ['aws-managed', 'AWSLambdaBasicExecutionRole', 'yes'],
      ['managed-in-inventory', 'SharedPolicy', 'yes'],
      ['external', undefined, 'yes'],
    ]);
    expect(policies[2]?.managed).toMatchObject({ class: 'other' });
    expect(policies[3]?.resource).toBe(shared);
  });

  it('does not list a managed policy twice when it also names the role', () => {
    const worker = role('WorkerRole', { managedPolicyArns: ['Managed'] });
    const managed = policy('Managed', readTable, ['WorkerRole'], true);
    const policies = policiesOfRole(new Inventory('t', [worker, managed]), worker);
    expect(policies.map((p) => p.origin)).toEqual(['policy-resource']);
  });

  it('finds policies naming the role by RoleName or ARN', () => {
    const worker = role('WorkerRole', { name: 'app-worker' });
    const byName = policy('ByName', readTable, ['app-worker']);
    const byArn = policy('ByArn', readTable, ['arn:aws:iam::123456789012:role/team/app-worker']);
    const inventory = new Inventory('t', [worker, byName, byArn]);
    expect(policiesOfRole(inventory, worker).map((p) => p.name)).toEqual(['ByName', 'ByArn']);
  });

  it('marks policies whose role list is not known as possibly attached', () => {
    const named = role('Named', { name: 'app-worker' });
    const generated = role('Generated');
    const fromIf = policy('FromIf', readTable, unknown('depends on condition IsProd'));
    const fromParam = policy('FromParam', readTable, [param('RoleName')]);
    const inventory = new Inventory('t', [named, generated, fromIf, fromParam]);
    expect(policiesOfRole(inventory, named).map((p) => [p.name, p.attached])).toEqual([
      ['FromIf', 'unknown'],
      ['FromParam', 'unknown'],
    ]);
    // A parameter cannot name a role whose name CloudFormation generates.
    expect(policiesOfRole(inventory, generated).map((p) => [p.name, p.attached])).toEqual([
      ['FromIf', 'unknown'],
    ]);
  });

  it('keeps unknown policy lists as unreadable policies', () => {
    const worker = role('WorkerRole', {
      inlinePolicies: unknown('depends on condition HasPolicies'),
      managedPolicyArns: unknown('from parameter ManagedPolicies, which has no default'),
    });
    const policies = policiesOfRole(new Inventory('t', [worker]), worker);
    expect(policies.map((p) => [p.origin, p.attached])).toEqual([
      ['inline', 'unknown'],
      ['external', 'unknown'],
    ]);
    expect(broadActionGrants(policies).map((h) => h.answer)).toEqual(['unknown', 'unknown']);
  });

  it('reads AWS managed ARNs written with intrinsics', () => {
    const worker = role('WorkerRole', {
      managedPolicyArns: [
        sub('arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'),
        param('ExtraPolicy'),
      ],
    });
    const policies = policiesOfRole(new Inventory('t', [worker]), worker);
    expect(policies.map((p) => [p.origin, p.managed])).toEqual([
      ['aws-managed', { awsManaged: 'yes', name: 'AdministratorAccess', path: '/', class: 'admin' }],
      ['external', { awsManaged: 'unknown', reason: expect.stringContaining('ExtraPolicy') }],
    ]);
  });
});

describe('refersToRole', () => {
  const named = role('WorkerRole', { name: 'prod-worker' });
  it('compares ids, names and ARNs', () => {
    expect(refersToRole('WorkerRole', named)).toBe('yes');
    expect(refersToRole('prod-worker', named)).toBe('yes');
    expect(refersToRole('arn:aws:iam::123456789012:role/prod-worker', named)).toBe('yes');
    expect(refersToRole('arn:aws:iam::123456789012:role/other', named)).toBe('no');
    expect(refersToRole(sub('${AWS::StackName}-worker'), named)).toBe('unknown');
    expect(refersToRole(sub('${AWS::StackName}-reader'), named)).toBe('no');
  });
});

describe('functions and roles', () => {
  const worker = role('WorkerRole', { name: 'worker' });
  const a = fn('A', 'WorkerRole');
  const b = fn('B', 'arn:aws:iam::123456789012:role/service/worker');
  const c = fn('C', 'OtherRole');
  const d = fn('D', unknown('imported from another stack'));
  const inventory = new Inventory('t', [worker, role('OtherRole'), a, b, c, d]);

  it('finds the functions using a role, by id or ARN', () => {
    expect(functionsUsingRole(inventory, worker)).toEqual([a, b]);
  });

  it('finds the execution role of a function', () => {
    expect(executionRoleOf(inventory, a)).toBe(worker);
    expect(executionRoleOf(inventory, b)).toBe(worker);
    expect(executionRoleOf(inventory, c)?.id).toBe('OtherRole');
    expect(executionRoleOf(inventory, d)).toBeUndefined();
  });
});
