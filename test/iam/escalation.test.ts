// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { matchingActions } from '../../src/iam/actions.js';
import { escalationOn, IAM_ESCALATING, iamEntityOf, ROLE_SELF_ESCALATING } from '../../src/iam/escalation.js';
import { here, param, sub } from './fixtures.js';

describe('iamEntityOf', () => {
  it('reads role, user, group and policy ARNs, as written or built with pseudo parameters', () => {
    expect(iamEntityOf('arn:aws:iam::123456789012:role/admin')?.entity).toBe('role');
    expect(iamEntityOf('arn:aws:iam::123456789012:user/ops')?.entity).toBe('user');
    expect(iamEntityOf('arn:aws:iam::123456789012:group/devs')?.entity).toBe('group');
    expect(iamEntityOf('arn:aws:iam::123456789012:policy/p')?.entity).toBe('policy');
    expect(iamEntityOf(sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/admin'))?.entity).toBe('role');
  });

  it('reads nothing else', () => {
    expect(iamEntityOf('arn:aws:s3:::bucket')).toBeUndefined();
    expect(iamEntityOf('arn:aws:iam::123456789012:instance-profile/p')).toBeUndefined();
    expect(iamEntityOf(param('RoleArn'))).toBeUndefined();
  });
});

describe('escalationOn', () => {
  it('names the escalating actions a grant keeps on a role, and each is an IAM permissions-management action', () => {
    const escalation = escalationOn(() => 'yes', ['arn:aws:iam::123456789012:role/admin'], here, []);
    expect(escalation?.entities).toEqual(['role']);
    for (const action of escalation?.actions ?? []) {
      const [info] = matchingActions(action) as readonly { levels: ReadonlySet<string> }[];
      expect([action, info?.levels.has('Permissions management')]).toEqual([action, true]);
    }
    expect(escalation?.actions).toContain('iam:PutRolePolicy');
    expect(escalation?.every).toBeUndefined();
  });

  it('says when the grant is left on every role, not one', () => {
    expect(escalationOn(() => 'yes', ['arn:aws:iam::*:role/*'], here, [])?.every).toEqual(['role']);
    // A word between wildcards names some roles: not every one.
    expect(escalationOn(() => 'yes', ['arn:aws:iam::*:role/app-*'], here, [])?.every).toBeUndefined();
    // A role of the template, whose ARN is known only after deploy: one role.
    expect(
      escalationOn(() => 'yes', [sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/admin')], here, [])
        ?.every,
    ).toBeUndefined();
  });

  it('is undefined for a grant of no such action', () => {
    expect(escalationOn(() => 'no', ['arn:aws:iam::123456789012:role/admin'], here, [])).toBeUndefined();
    expect(escalationOn(() => 'yes', ['arn:aws:s3:::bucket'], here, [])).toBeUndefined();
  });
});

describe('IAM_ESCALATING', () => {
  it("names IAM actions of the catalog, the role's own among them, each once", () => {
    for (const action of IAM_ESCALATING) {
      const found = matchingActions(action);
      expect(Array.isArray(found) ? found.map((a) => a.name) : found, action).toEqual([action]);
    }
    expect(new Set(IAM_ESCALATING).size).toBe(IAM_ESCALATING.length);
    expect(ROLE_SELF_ESCALATING.every((action) => IAM_ESCALATING.includes(action))).toBe(true);
    // Another principal's permissions taken: an administrator user's keys or password, an administrators' group.
    expect(IAM_ESCALATING).toEqual(
      expect.arrayContaining([
        'iam:CreateAccessKey',
        'iam:CreateLoginProfile',
        'iam:UpdateLoginProfile',
        'iam:AddUserToGroup',
      ]),
    );
  });
});
