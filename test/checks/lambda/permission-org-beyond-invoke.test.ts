import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/permission-org-beyond-invoke.js';
import publicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';
import { livePermission, scanLive } from './live-fixture.js';

/** A function and a permission `Perm` on it with this Action, Principal and further property lines. */
function orgPermission(
  action: string,
  more = '      PrincipalOrgID: o-a1b2c3d4e5\n',
  principal = "'*'",
  extra = '',
) {
  return template(
    `${lambdaFunction()}  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Action: ${action}
      Principal: ${principal}
${more}`,
    extra,
  );
}

describe('lambda.permission-org-beyond-invoke', () => {
  it('fails lambda:* granted to a whole organization, which public-invoke rightly passes', () => {
    const text = orgPermission('lambda:*');
    expect(scanTemplate(text, publicInvoke).passed).toHaveLength(1);
    const { failed, errors } = scanTemplate(text, check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Perm');
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.property).toBe('Action');
    expect(failed[0]?.message).toBe(
      'Every principal of organization o-a1b2c3d4e5 may use lambda:* on the function, not only invoke it: writes ' +
        'such as lambda:UpdateFunctionCode (its code), lambda:AddPermission (who may call it), ' +
        'lambda:UpdateFunctionConfiguration (its settings and environment) and lambda:DeleteFunction (whether it ' +
        'exists). Grant the organization lambda:InvokeFunction only.',
    );
    expect(failed[0]?.evidence).toEqual({ action: 'lambda:*', organization: 'organization o-a1b2c3d4e5' });
  });

  it('fails one write or * alike, and a read at medium severity', () => {
    const code = scanTemplate(orgPermission('lambda:UpdateFunctionCode'), check).failed;
    expect(code[0]?.message).toContain(
      'may use lambda:UpdateFunctionCode on the function, not only invoke it: writes such as lambda:UpdateFunctionCode (its code).',
    );
    expect(scanTemplate(orgPermission("'*'"), check).failed[0]?.message).toContain(
      'may use * on the function',
    );
    const read = scanTemplate(orgPermission('lambda:GetFunction'), check).failed;
    expect(read[0]?.severity).toBe('medium');
    expect(read[0]?.message).toContain('not only invoke it: reads such as lambda:GetFunction.');
  });

  it('passes invoke-only grants to an organization', () => {
    for (const action of ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl']) {
      const { failed, passed } = scanTemplate(orgPermission(action), check);
      expect(failed).toEqual([]);
      expect(passed.map((f) => f.message)).toEqual([
        `the organization may only invoke the function (${action})`,
      ]);
    }
  });

  it('leaves alone grants that are not to a whole organization', () => {
    // An account, a service, a public grant (public-invoke's), an organization grant pinned to one account too.
    for (const [more, principal] of [
      ['      PrincipalOrgID: o-a1b2c3d4e5\n', "'111122223333'"],
      ['', 's3.amazonaws.com'],
      ['', "'*'"],
      ['      PrincipalOrgID: o-a1b2c3d4e5\n      SourceAccount: !Ref AWS::AccountId\n', "'*'"],
    ] as const) {
      const { failed, unknown } = scanTemplate(orgPermission('lambda:*', more, principal), check);
      expect([...failed, ...unknown], `${principal} ${more}`).toEqual([]);
    }
  });

  it('is unknown when the action, the principal or whether the organization condition holds is not known', () => {
    const action = scanTemplate(
      orgPermission('!Ref FnAction', undefined, undefined, 'Parameters:\n  FnAction: { Type: String }\n'),
      check,
    );
    expect(action.failed).toEqual([]);
    expect(action.unknown.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Cannot tell what organization o-a1b2c3d4e5 may do with the function: Action \$\{FnAction\} is not known before deploy \(.*parameter FnAction.*\)\.$/,
      ),
    ]);
    const principal = scanTemplate(
      orgPermission('lambda:*', undefined, '!Ref Caller', 'Parameters:\n  Caller: { Type: String }\n'),
      check,
    );
    expect(principal.unknown[0]?.message).toMatch(
      /^Cannot tell whether every principal of organization o-a1b2c3d4e5 may use lambda:\* on the function, which grants writes such as .*: Principal .* is not known before deploy \(only \* gives it to the whole organization\)\.$/,
    );
    const orgMayGo = scanTemplate(
      orgPermission(
        'lambda:*',
        '      PrincipalOrgID: !If [InOrg, !Ref OrgId, !Ref AWS::NoValue]\n',
        undefined,
        'Parameters:\n  OrgId: { Type: String }\nConditions:\n  InOrg: !Not [!Equals [!Ref OrgId, ""]]\n',
      ),
      check,
    );
    expect(orgMayGo.failed).toEqual([]);
    expect(orgMayGo.unknown.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /: whether StringEquals aws:PrincipalOrgID applies is not known before deploy\.$/,
      ),
    ]);
    // An action an !If chooses between invoking and more is judged per value.
    const either = scanTemplate(
      orgPermission(
        '!If [Admin, lambda:*, lambda:InvokeFunction]',
        undefined,
        undefined,
        'Parameters:\n  Mode: { Type: String }\nConditions:\n  Admin: !Equals [!Ref Mode, admin]\n',
      ),
      check,
    );
    expect(either.unknown[0]?.message).toContain(
      'Action is lambda:* or lambda:InvokeFunction, some of which only invoke',
    );
  });

  it('is unknown for a PrincipalOrgID that names no organization (empty, or not an id), not a fail for organization ""', () => {
    const empty = scanTemplate(orgPermission('lambda:*', "      PrincipalOrgID: ''\n"), check);
    expect(empty.failed).toEqual([]);
    expect(empty.unknown.map((f) => [f.property, f.message])).toEqual([
      [
        'PrincipalOrgID',
        expect.stringMatching(
          /^Cannot tell whether every principal of the organization may use lambda:\* on the function, which grants writes such as .*: its PrincipalOrgID is empty, which names no organization \(an id is o- and 10 to 32 lowercase letters or digits\): the deploy may fail on it, or CloudFormation may drop it and grant the function to every AWS account\.$/,
        ),
      ],
    ]);
    const notAnId = scanTemplate(orgPermission('lambda:*', '      PrincipalOrgID: O-A1B2C3D4E5\n'), check);
    expect(notAnId.failed).toEqual([]);
    expect(notAnId.unknown.map((f) => f.message)).toEqual([
      expect.stringMatching(/: its PrincipalOrgID O-A1B2C3D4E5 is not an organization id \(o- and 10 to 32 /),
    ]);
    // Invoking only is invoking only, whatever the organization.
    const invoke = scanTemplate(orgPermission('lambda:InvokeFunction', "      PrincipalOrgID: ''\n"), check);
    expect(invoke.passed).toHaveLength(1);
  });

  it('fails an organization a parameter names: whichever it is, all of it may change the function', () => {
    // Unless a deploy may give it as '', which CloudFormation may drop (then public-invoke's): unknown.
    const mayBeEmpty = scanTemplate(
      orgPermission(
        'lambda:*',
        '      PrincipalOrgID: !Ref OrgId\n',
        undefined,
        'Parameters:\n  OrgId: { Type: String }\n',
      ),
      check,
    );
    expect(mayBeEmpty.unknown.map((f) => [f.property, f.message])).toEqual([
      [
        'PrincipalOrgID',
        expect.stringContaining("its PrincipalOrgID is parameter OrgId, which a deploy may give as ''"),
      ],
    ]);
    const { failed } = scanTemplate(
      orgPermission(
        'lambda:*',
        '      PrincipalOrgID: !Ref OrgId\n',
        undefined,
        'Parameters:\n  OrgId: { Type: String, MinLength: 12 }\n',
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(/^Every principal of organization \$\{OrgId\} may use lambda:\*/);
  });

  it('reads an aws:PrincipalOrgID condition of a live policy statement', () => {
    const statement = (action: string) =>
      livePermission({
        action,
        policy: {
          source: { arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders' },
          statements: [
            {
              effect: 'Allow',
              conditions: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
              source: { arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders' },
            },
          ],
        },
      });
    expect(scanLive([statement('lambda:AddPermission')], check).failed[0]?.message).toContain(
      'Every principal of organization o-a1b2c3d4e5 may use lambda:AddPermission on the function',
    );
    expect(scanLive([statement('lambda:InvokeFunction')], check).passed).toHaveLength(1);
  });
});
