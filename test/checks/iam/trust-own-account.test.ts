import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cdkOut, scanCdkOut, writeStackManifest } from '../../helpers/cdk-out.js';

const CHECK = 'iam.role-trust-beyond-lambda';
const OWN = '123456789012';
const OTHER = '111122223333';

/** A CDK stack whose function's role Lambda and `principal` (with `condition`) may assume, but what `denied` names. */
function stack(principal: Record<string, unknown>, condition?: Record<string, unknown>, denied?: unknown) {
  return {
    Resources: {
      FnRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
              {
                Action: 'sts:AssumeRole',
                Effect: 'Allow',
                Principal: principal,
                ...(condition === undefined ? {} : { Condition: condition }),
              },
              ...(denied === undefined
                ? []
                : [{ Action: 'sts:AssumeRole', Effect: 'Deny', Principal: { AWS: denied } }]),
            ],
            Version: '2012-10-17',
          },
        },
      },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: { ZipFile: 'exports.handler = async () => {};' },
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] },
          Runtime: 'nodejs22.x',
        },
      },
    },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The trust check's findings on FnRole, as [status, severity, message]; deployed to OWN where `manifest`. */
function trustFindings(template: unknown, manifest: boolean) {
  const dir = cdkOut({ 'Shop.template.json': template });
  dirs.push(dir);
  if (manifest) writeStackManifest(dir, 'Shop', 'Shop.template.json', `aws://${OWN}/us-east-1`);
  return scanCdkOut(dir)
    .of(CHECK, 'FnRole')
    .map((f) => [f.status, f.severity, f.message]);
}

describe('iam.role-trust-beyond-lambda and the account a CDK manifest says the stack deploys to', () => {
  it.each([`arn:aws:iam::${OWN}:root`, OWN])(
    'keeps the own account (%s) medium: no cross-account trust',
    (arn) => {
      expect(trustFindings(stack({ AWS: arn }), true)).toEqual([
        [
          'fail',
          'medium',
          `Besides Lambda, ${arn} (this account) can assume the execution role of Fn, and act with its permissions.`,
        ],
      ]);
    },
  );

  it('raises another literal account to high, naming the own one', () => {
    expect(trustFindings(stack({ AWS: `arn:aws:iam::${OTHER}:root` }), true)).toEqual([
      [
        'fail',
        'high',
        `Besides Lambda, account ${OTHER} (arn:aws:iam::${OTHER}:root; the stack deploys to ${OWN}) can assume ` +
          'the execution role of Fn, and act with its permissions.',
      ],
    ]);
  });

  it('keeps "*" limited to the own account by aws:PrincipalAccount medium', () => {
    const pinned = stack({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': OWN } });
    expect(trustFindings(pinned, true).map(([status, severity]) => [status, severity])).toEqual([
      ['fail', 'medium'],
    ]);
    expect(trustFindings(pinned, false).map(([status, severity]) => [status, severity])).toEqual([
      ['fail', 'high'],
    ]);
  });

  it('without a manifest, a literal account may be another: high, as a template does not say where it deploys', () => {
    expect(trustFindings(stack({ AWS: `arn:aws:iam::${OWN}:root` }), false)).toEqual([
      [
        'fail',
        'high',
        `Besides Lambda, account ${OWN} (arn:aws:iam::${OWN}:root) can assume the execution role of Fn, and act ` +
          'with its permissions.',
      ],
    ]);
  });

  const SELF_ROOT = { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' };

  it('reads a Deny naming ${AWS::AccountId} as of the own account: it takes back the literal own id, and the reverse', () => {
    const pass = [['pass', 'medium', 'only Lambda can assume the role']];
    expect(trustFindings(stack({ AWS: `arn:aws:iam::${OWN}:root` }, undefined, SELF_ROOT), true)).toEqual(
      pass,
    );
    expect(trustFindings(stack({ AWS: SELF_ROOT }, undefined, OWN), true)).toEqual(pass);
  });

  it('keeps another account a Deny of ${AWS::AccountId} does not reach', () => {
    const other = trustFindings(stack({ AWS: `arn:aws:iam::${OTHER}:root` }, undefined, SELF_ROOT), true);
    expect(other.map(([status, severity]) => [status, severity])).toEqual([['fail', 'high']]);
  });

  it('without a manifest, cannot tell whether a Deny naming ${AWS::AccountId} takes back a literal id: unknown', () => {
    for (const [allowed, denied] of [
      [`arn:aws:iam::${OWN}:root`, SELF_ROOT],
      [SELF_ROOT, OWN],
    ] as const) {
      const found = trustFindings(stack({ AWS: allowed }, undefined, denied), false);
      expect(found.map(([status]) => status)).toEqual(['unknown']);
      expect(found[0]?.[2]).toContain('unless a Deny takes it back');
    }
  });

  const SELF_ROLE_Y = { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/Y' };

  it.each([
    ['a whole account', `arn:aws:iam::${OTHER}:root`],
    ['another role', `arn:aws:iam::${OTHER}:role/Z`],
  ])(
    'without a manifest, keeps %s a Deny of one role of ${AWS::AccountId} does not take back: high',
    (_, allowed) => {
      const found = trustFindings(stack({ AWS: allowed }, undefined, SELF_ROLE_Y), false);
      expect(found.map(([status, severity]) => [status, severity])).toEqual([['fail', 'high']]);
    },
  );

  it.each([false, true])(
    'keeps role/Z of ${AWS::AccountId} a Deny of its role/Y does not take back (manifest: %s): another role, same account',
    (manifest) => {
      const selfZ = { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/Z' };
      const found = trustFindings(stack({ AWS: selfZ }, undefined, SELF_ROLE_Y), manifest);
      expect(found).toEqual([
        [
          'fail',
          'medium',
          'Besides Lambda, arn:aws:iam::${AWS::AccountId}:role/Z (this account) can assume the execution role of Fn, ' +
            'and act with its permissions.',
        ],
      ]);
    },
  );

  it('takes back role/Y of ${AWS::AccountId} by a Deny of the same role; a Deny of role/* names no role', () => {
    expect(trustFindings(stack({ AWS: SELF_ROLE_Y }, undefined, SELF_ROLE_Y), false)).toEqual([
      ['pass', 'medium', 'only Lambda can assume the role'],
    ]);
    // IAM takes no wildcard inside a principal's ARN: `role/*` is that text, not every role.
    const star = { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/*' };
    const found = trustFindings(stack({ AWS: SELF_ROLE_Y }, undefined, star), false);
    expect(found.map(([status, severity]) => [status, severity])).toEqual([['fail', 'medium']]);
  });

  it('without a manifest, keeps a whole account a Deny of a role of the stack (!GetAtt CiRole.Arn) does not take back', () => {
    const template = stack({ AWS: `arn:aws:iam::${OTHER}:root` }, undefined, {
      'Fn::GetAtt': ['CiRole', 'Arn'],
    });
    const withCiRole = {
      Resources: {
        ...template.Resources,
        CiRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      },
    };
    const found = trustFindings(withCiRole, false);
    expect(found.map(([status, severity]) => [status, severity])).toEqual([['fail', 'high']]);
  });

  it('without a manifest, cannot tell whether a Deny of role/Y of ${AWS::AccountId} takes back role/Y of a literal id', () => {
    const found = trustFindings(
      stack({ AWS: `arn:aws:iam::${OTHER}:role/Y` }, undefined, SELF_ROLE_Y),
      false,
    );
    expect(found.map(([status]) => status)).toEqual(['unknown']);
    expect(found[0]?.[2]).toContain('unless a Deny takes it back');
  });

  it("reads a role of the stack (!GetAtt CiRole.Arn) as of the own account: a Deny of the manifest's id takes it back", () => {
    const template = stack(
      { AWS: { 'Fn::GetAtt': ['CiRole', 'Arn'] } },
      undefined,
      `arn:aws:iam::${OWN}:root`,
    );
    const withCiRole = {
      Resources: {
        ...template.Resources,
        CiRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      },
    };
    expect(trustFindings(withCiRole, true).map(([status]) => status)).toEqual(['pass']);
    expect(trustFindings(withCiRole, false).map(([status]) => status)).toEqual(['unknown']);
  });
});
