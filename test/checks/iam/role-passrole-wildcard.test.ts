import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-passrole-wildcard.js';
import { MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, appRole, fn, inline, role, sam, samFn } from './fixtures.js';

describe('iam.role-passrole-wildcard', () => {
  it('fails iam:PassRole on "*" and points at the statement', () => {
    const { failed, errors } = scanTemplate(
      appRole(inline(allow('[iam:PassRole, lambda:CreateFunction]', "'*'"))),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('AppRole');
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.message).toBe(
      'inline policy app, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any role to a new function or instance.',
    );
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 15, column: 17 });
  });

  it('fails every role of the account through iam:Pass*, and names the conditions it does not weigh', () => {
    const { failed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: iam:Pass*
                Resource: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*
                Condition:
                  StringEquals: { iam:PassedToService: lambda.amazonaws.com }
`),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('iam:PassRole on every role of an account');
    expect(failed[0]?.message).toContain(
      '(with conditions it does not weigh: StringEquals iam:PassedToService), so the function can hand',
    );
    expect(failed[0]?.severity).toBe('high');
  });

  it('fails PassRole on "*" granted only through AWS services (aws:ViaAWSService) at low severity', () => {
    const { failed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: iam:PassRole
                Resource: '*'
                Condition:
                  Bool: { aws:ViaAWSService: 'true' }
`),
      ),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'inline policy app, Statement[0]: Allow grants iam:PassRole on every role ("*"), but only to requests an AWS ' +
          "service makes on the role's behalf (Bool aws:ViaAWSService: forward access sessions), not to calls of " +
          'the function itself.',
      ],
    ]);
  });

  it('says when PassRole reaches every role through a NotResource, and which it leaves out', () => {
    const { failed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: iam:PassRole
                NotResource: arn:aws:iam::123456789012:role/admin
`),
      ),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow with NotResource grants iam:PassRole on every role except ' +
        'arn:aws:iam::123456789012:role/admin, so the function can hand any role to a new function or instance.',
    ]);
  });

  it('is unknown for a NotResource not known before deploy, and passes one that names every role', () => {
    const notResource = (value: string, extra = '') =>
      appRole(
        inline(`              - Effect: Allow
                Action: iam:PassRole
                NotResource: ${value}
`),
        extra,
      );
    const free = scanTemplate(notResource('!Ref Kept', 'Parameters:\n  Kept: { Type: String }\n'), check);
    expect(free.failed).toEqual([]);
    expect(free.unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant iam:PassRole on every role except ${Kept}: the NotResource is not ' +
        'known before deploy (from parameter Kept, which has no default).',
    ]);
    // Every role ARN kept out: the Allow grants PassRole on none.
    const none = scanTemplate(notResource("'arn:aws:iam::*:role/*'"), check);
    expect(none.failed).toEqual([]);
    expect(none.unknown).toEqual([]);
    expect(none.passed).toHaveLength(1);
  });

  it('passes PassRole on one role, and PassRole on "*" that an unconditional Deny cancels', () => {
    const worker = role('WorkerRole');
    const { failed, unknown, passed } = scanTemplate(
      template(
        worker +
          role('AppRole', inline(allow('iam:PassRole', '!GetAtt WorkerRole.Arn'))) +
          role(
            'DeniedRole',
            inline(`              - Effect: Allow
                Action: iam:*
                Resource: '*'
              - Effect: Deny
                Action: iam:PassRole
                Resource: '*'
`),
          ) +
          fn('Fn', '!GetAtt AppRole.Arn') +
          fn('Other', '!GetAtt DeniedRole.Arn'),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed.map((f) => f.resource.id)).toEqual(['WorkerRole', 'AppRole', 'DeniedRole']);
  });

  it('reads `?*`, `*:?*` and `iam:?*` as `*` and `iam:*` (IAM reads `?` as one character): they grant iam:PassRole', () => {
    const judged = (statements: string) => {
      const { findings } = scanTemplate(appRole(inline(statements)), check);
      return findings.map((f) => [f.status, f.message]);
    };
    const FAIL = [
      'fail',
      'inline policy app, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any role to a new function or instance.',
    ];
    for (const action of ['?*', '*:?*', 'iam:?*', 'iam:PassRol?']) {
      expect(judged(allow(`'${action}'`, "'*'")), action).toEqual([FAIL]);
    }
    const PASS = ['pass', 'no statement allows iam:PassRole on every role'];
    expect(judged(allow("'lambda:?*'", "'*'"))).toEqual([PASS]);
    // A Deny of them cancels it, as one of `*` does; a NotAction of them denies nothing, one of `lambda:?*` all but Lambda.
    const deny = (element: string) => `              - { Effect: Deny, ${element}, Resource: '*' }\n`;
    for (const action of ['?*', '*:?*', 'iam:?*']) {
      expect(judged(allow("'iam:*'", "'*'") + deny(`Action: '${action}'`)), action).toEqual([PASS]);
      expect(judged(allow("'iam:*'", "'*'") + deny(`NotAction: '${action}'`)), action).toEqual([FAIL]);
    }
    expect(judged(allow("'iam:*'", "'*'") + deny("NotAction: 'lambda:?*'"))).toEqual([PASS]);
  });

  it('is unknown when the resource comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      appRole(
        inline(allow('iam:PassRole', '!Ref PassedRoles')),
        'Parameters:\n  PassedRoles: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toBe(
      'inline policy app, Statement[0] may grant iam:PassRole on every role ("${PassedRoles}"): the Resource is ' +
        'not known before deploy (from parameter PassedRoles, which has no default).',
    );
  });

  it('reports a SAM inline statement on the SAM function, and notes a role CDK adds', () => {
    const { failed } = scanTemplate(
      sam(
        samFn(
          'Deployer',
          `      Policies:
        - Statement:
            - Effect: Allow
              Action: iam:PassRole
              Resource: '*'
`,
        ),
      ),
      check,
    );
    expect(failed.map((f) => [f.resource.id, f.resource.generated?.id, f.location.line])).toEqual([
      ['Deployer', 'DeployerRole', 12],
    ]);

    const cdkRole = `  ProviderRole:
    Type: AWS::IAM::Role
    Metadata:
      aws:cdk:path: Shop/Custom::VpcRestrictDefaultSGCustomResourceProvider/Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
${inline(allow('iam:PassRole', "'*'"))}`;
    const cdk = scanTemplate(template(cdkRole), check);
    expect(cdk.failed[0]?.message).toContain('a custom resource provider of the CDK core');
    expect(cdk.failed[0]?.message).toContain(
      "id '*' and resource '**/Custom::VpcRestrictDefaultSGCustomResourceProvider/**'",
    );
  });
});

describe('iam.role-passrole-wildcard on a template nested more than once', () => {
  /** child.yaml: role AppRole of function Fn, allowing iam:PassRole on the roles parameter Roles names. */
  const CHILD = appRole(
    inline(allow('iam:PassRole', '!Ref Roles')),
    'Parameters:\n  Roles:\n    Type: String\n',
  );
  const ONE = 'arn:aws:iam::123456789012:role/worker';
  const roles = (...texts: string[]) => texts.map((text) => ({ parameters: { Roles: `'${text}'` } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('iam.role-passrole-wildcard', 'AppRole');

  it('fails when one nesting gives "*": that copy of the role may pass any role, and the finding names it', () => {
    const result = found(scanNestings(CHILD, roles(ONE, '*')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toContain(' where ${Roles} is * (one of ');
  });

  it('passes when every nesting names one role', () => {
    const other = 'arn:aws:iam::123456789012:role/reader';
    expect(found(scanNestings(CHILD, roles(ONE, other))).map((f) => f.status)).toEqual(['pass']);
  });

  it('is unknown when the nesting giving "*" may not be made', () => {
    const maybe: Nesting = { parameters: { Roles: "'*'" }, condition: 'IsOld' };
    expect(
      found(scanNestings(CHILD, [...roles(ONE), maybe], MAYBE_MADE_HEADER)).map((f) => f.status),
    ).toEqual(['unknown']);
  });
});
