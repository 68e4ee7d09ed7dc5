// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { actionsOnTypeStart } from '../../../src/iam/action-data.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// An action acts only on the resource types the Service Authorization Reference lists for it, each with its ARN
// (IAM User Guide, "IAM JSON policy elements: Resource"): iam:CreateUser lists the user type
// (`arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`), never a role, so an Allow on
// `arn:aws:iam::*:role/*` does not grant it.

const EVERY_ROLE = 'arn:aws:iam::*:role/*';

const scan = (action: string, resource: string, head = '') => {
  const result = scanTemplate(appRole(inline(allow(action, resource)), head), check);
  expect(result.errors).toEqual([]);
  return result;
};

describe('IAM types in an Allow on every resource of one', () => {
  it('lists the writes acting on IAM roles alone for iam:* on every IAM role', () => {
    const { failed } = scan("'iam:*'", `'${EVERY_ROLE}'`);
    expect(failed.map((f) => f.message)).toEqual([
      `inline policy app, Statement[0]: Allow grants write actions ("iam:*") on every IAM role in every account ("${EVERY_ROLE}"): ` +
        'iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, iam:DeleteRolePolicy, iam:DetachRolePolicy, ' +
        'iam:PutRolePermissionsBoundary and 10 more (permissions management included).',
    ]);
  });

  it('passes writes naming only IAM users and groups on every IAM role: they act on none', () => {
    const { failed, passed } = scan('[iam:CreateUser, iam:AddUserToGroup, codestar:*]', `'${EVERY_ROLE}'`);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type ' +
        `("${EVERY_ROLE}" names every IAM role in every account, which codestar:CreateUserProfile, ` +
        'codestar:DeleteUserProfile, codestar:UpdateUserProfile, iam:AddUserToGroup, iam:CreateUser do not act on)',
    ]);
  });

  it('still fails writes naming IAM users on every IAM user', () => {
    const { failed } = scan('codestar:*', "'arn:aws:iam::*:user/*'");
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("codestar:*") on every IAM user in every account ' +
        '("arn:aws:iam::*:user/*"): codestar:CreateUserProfile, codestar:DeleteUserProfile, codestar:UpdateUserProfile.',
    ]);
  });

  it('is unknown about user writes when the type comes from a parameter, not when only the name does', () => {
    const head = 'Parameters:\n  Kind: { Type: String }\n  Name: { Type: String }\n';
    const kind = scan('iam:CreateUser', "!Sub 'arn:aws:iam::*:${Kind}/*'", head);
    expect(kind.failed).toEqual([]);
    expect(kind.unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("iam:CreateUser") on every IAM resource in every account ' +
        '("arn:aws:iam::*:${Kind}/*"): the Resource is not known before deploy (from parameter Kind, which has no default).',
    ]);
    // `role/${Name}`: whatever Name is, an IAM role, which iam:CreateUser does not act on.
    const name = scan('iam:CreateUser', "!Sub 'arn:aws:iam::*:role/${Name}'", head);
    expect(name.failed).toEqual([]);
    expect(name.unknown).toEqual([]);
    const roles = scan('iam:DeleteRolePolicy', "!Sub 'arn:aws:iam::*:role/${Name}'", head);
    expect(roles.unknown.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^inline policy app, Statement\[0\] may grant write actions \("iam:DeleteRolePolicy"\) on every IAM role/,
      ),
    ]);
  });
});

describe('actionsOnTypeStart', () => {
  it('gives the actions listing an IAM type that the literal start of a pattern may name', () => {
    const roles = actionsOnTypeStart('iam', 'role/');
    expect(roles?.has('iam:AttachRolePolicy')).toBe(true);
    expect(roles?.has('sts:AssumeRole')).toBe(true);
    expect(roles?.has('iam:CreateUser')).toBe(false);
    expect(roles?.has('iam:GetRoleTemplateVersion')).toBe(false);
    // `role*` matches `role-template/` too; `role/app-` only roles.
    expect(actionsOnTypeStart('iam', 'role')?.has('iam:GetRoleTemplateVersion')).toBe(true);
    expect(actionsOnTypeStart('iam', 'role/app-')?.has('iam:AttachRolePolicy')).toBe(true);
    // Nothing known of the type, or of the service's types: every action on its ARNs counts.
    expect(actionsOnTypeStart('iam', '')).toBeUndefined();
    expect(actionsOnTypeStart('iam', 'unheard-of/')).toBeUndefined();
    expect(actionsOnTypeStart('s3', 'bucket/')).toBeUndefined();
  });
});
