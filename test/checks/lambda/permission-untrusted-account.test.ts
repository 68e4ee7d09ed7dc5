import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/permission-untrusted-account.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import {
  lambdaFunction,
  lambdaPermission,
  permissionTemplate,
  samFunction,
  samTemplate,
} from '../../helpers/templates.js';
import { ACCOUNT, livePermission, scanLive } from './live-fixture.js';

const permission = (principal: string, extra = '') => permissionTemplate(principal, '', extra);

describe('lambda.permission-untrusted-account', () => {
  it('fails another account in a live scan, where the function’s own account is known', () => {
    const { failed } = scanLive([livePermission({ principal: 'arn:aws:iam::999988887777:root' })], check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.evidence).toEqual({
      principal: 'arn:aws:iam::999988887777:root',
      account: '999988887777',
    });
    const role = scanLive([livePermission({ principal: 'arn:aws:iam::999988887777:role/deployer' })], check);
    expect(role.failed[0]?.message).toContain('999988887777');
  });

  it('passes the account itself and trusted accounts', () => {
    expect(scanLive([livePermission({ principal: ACCOUNT })], check).passed[0]?.message).toBe(
      'the principal is the account the function is deployed to',
    );
    const trusted = scanLive([livePermission({ principal: '999988887777' })], check, {
      trustedAccounts: ['999988887777'],
    });
    expect(trusted.failed).toEqual([]);
    expect(trusted.passed).toHaveLength(1);
  });

  it('names a role or user of the account itself as one, not as the account', () => {
    const named = (principal: string) =>
      scanLive([livePermission({ principal })], check).passed.map((f) => f.message);
    expect(named(`arn:aws:iam::${ACCOUNT}:role/deployer`)).toEqual([
      'the principal is a role in the account the function is deployed to',
    ]);
    expect(named(`arn:aws:iam::${ACCOUNT}:user/ci`)).toEqual([
      'the principal is a user in the account the function is deployed to',
    ]);
    expect(named(`arn:aws:iam::${ACCOUNT}:root`)).toEqual([
      'the principal is the account the function is deployed to',
    ]);
    // A role the template creates, named by its ARN.
    const caller =
      '  Caller:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: { Statement: [] }\n';
    const own = scanTemplate(
      template(lambdaFunction() + lambdaPermission('Perm', '!GetAtt Caller.Arn') + caller),
      check,
    );
    expect(own.passed.map((f) => f.message)).toEqual([
      'the principal is a role in the account the function is deployed to',
    ]);
  });

  it('passes ${AWS::AccountId} in a template: the deploying account is never cross-account', () => {
    for (const principal of ['!Ref AWS::AccountId', '!Sub arn:aws:iam::${AWS::AccountId}:root']) {
      const { passed, failed, unknown, errors } = scanTemplate(permission(principal), check);
      expect(errors).toEqual([]);
      expect([...failed, ...unknown]).toEqual([]);
      expect(passed.map((f) => f.resource.id)).toEqual(['Perm']);
    }
  });

  it('is unknown for a literal account in a template, and says to add it to trustedAccounts', () => {
    const { failed, unknown } = scanTemplate(permission("'111122223333'"), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('add it to trustedAccounts');
    expect(unknown[0]?.location).toEqual({ file: 'template.yaml', line: 15, column: 7 });
    const trusted = scanTemplate(permission("'111122223333'"), check, {
      settings: { trustedAccounts: ['111122223333'] },
    });
    expect(trusted.unknown).toEqual([]);
    expect(trusted.passed).toHaveLength(1);
  });

  it('is unknown when the principal comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      permission('!Ref Consumer', 'Parameters:\n  Consumer: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  it('does not apply to * or service principals', () => {
    for (const principal of ["'*'", 's3.amazonaws.com']) {
      expect(scanTemplate(permission(principal), check).findings).toEqual([]);
    }
  });

  it('passes a SAM function’s permission for its own account, reported on the permission', () => {
    const sam = samTemplate(
      `${samFunction('Fn', '', 'src/')}${lambdaPermission('SameAccount', '!Ref AWS::AccountId', '', '!Ref Fn')}`,
    );
    const { passed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    expect(passed.map((f) => f.resource.id)).toEqual(['SameAccount']);
  });
});

describe('lambda.permission-untrusted-account on an Fn::If of a condition not known before deploy', () => {
  // As a template with more than six such conditions is checked: once, the If not decided.
  const conditions = `Conditions:
  IsChina: !Equals [!Ref AWS::Partition, aws-cn]
`;

  it('does not apply when each branch names the same service (the China spelling of events.amazonaws.com)', () => {
    const { findings, errors } = scanTemplate(
      permission('!If [IsChina, events.amazonaws.com.cn, events.amazonaws.com]', conditions),
      check,
    );
    expect(errors).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('is unknown when a branch is an account, saying the principal and why once', () => {
    const { unknown } = scanTemplate(
      permission("!If [IsChina, '111122223333', events.amazonaws.com]", conditions),
      check,
    );
    expect(unknown.map((f) => f.message)).toEqual([
      'Principal 111122223333 or events.amazonaws.com may be another account (depends on condition IsChina: compares values not known before deploy (the partition the stack is deployed to)).',
    ]);
  });

  it('names a principal from a parameter without default once too', () => {
    const { unknown } = scanTemplate(
      permission('!Ref Principal', 'Parameters:\n  Principal: { Type: String }\n'),
      check,
    );
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringMatching(/^Principal \$\{Principal\} may be another account \(from parameter Principal/),
    ]);
  });
});

describe('lambda.permission-untrusted-account on a template nested more than once', () => {
  /** child.yaml: function Fn and permission Perm for parameter Principal. */
  const CHILD = permissionTemplate('!Ref Principal', '', 'Parameters:\n  Principal:\n    Type: String\n');
  const principals = (...texts: string[]) => texts.map((text) => ({ parameters: { Principal: text } }));
  const trusting = { ...EMPTY_CONFIG, trustedAccounts: ['111122223333', '444455556666'] };
  const statuses = (scan: ReturnType<typeof scanNestings>) =>
    scan.of('lambda.permission-untrusted-account', 'Perm').map((f) => f.status);

  // A literal account in a template may be the one it is deployed to: no copy fails on one (see above).
  it('passes when every nesting gives a trusted account, and is unknown when one gives another', () => {
    const trusted = scanNestings(CHILD, principals("'111122223333'", "'444455556666'"), '', trusting);
    expect(statuses(trusted)).toEqual(['pass']);
    const other = scanNestings(CHILD, principals("'111122223333'", "'999988887777'"), '', trusting);
    expect(statuses(other)).toEqual(['unknown']);
  });

  it('is unknown when a nesting giving another account may not be made', () => {
    const maybe: Nesting = { parameters: { Principal: "'999988887777'" }, condition: 'IsOld' };
    const conditional = scanNestings(
      CHILD,
      [...principals("'111122223333'"), maybe],
      MAYBE_MADE_HEADER,
      trusting,
    );
    expect(statuses(conditional)).toEqual(['unknown']);
  });
});
