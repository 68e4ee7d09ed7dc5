import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-admin-managed-policy.js';
import passRoleWildcard from '../../../src/checks/iam/role-passrole-wildcard.js';
import trustBeyondLambda from '../../../src/checks/iam/role-trust-beyond-lambda.js';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardResourceRead from '../../../src/checks/iam/role-wildcard-resource-read.js';
import wildcardResourceWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { appRole, sam, samFn } from './fixtures.js';

const managed = (...arns: string[]) =>
  `      ManagedPolicyArns:\n${arns.map((a) => `        - ${a}\n`).join('')}`;

describe('iam.role-admin-managed-policy', () => {
  it('fails AdministratorAccess as critical and points at the ARN', () => {
    const { failed, errors } = scanTemplate(
      appRole(managed('arn:aws:iam::aws:policy/AdministratorAccess')),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('AppRole');
    expect(failed[0]?.severity).toBe('critical');
    expect(failed[0]?.message).toBe(
      'AWS managed policy AdministratorAccess is attached: it grants every action on every resource: the function is an administrator of the account.',
    );
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 12, column: 11 });
  });

  it('fails power-user and service full-access policies as high, IAMFullAccess as critical, one finding each, ARN templates read', () => {
    const { failed } = scanTemplate(
      appRole(
        managed(
          '!Sub arn:${AWS::Partition}:iam::aws:policy/AmazonDynamoDBFullAccess',
          'arn:aws:iam::aws:policy/PowerUserAccess',
          'arn:aws-cn:iam::aws:policy/IAMFullAccess',
          'arn:aws:iam::aws:policy/job-function/SystemAdministrator',
          'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        ),
      ),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'AWS managed policy AmazonDynamoDBFullAccess is attached: it grants full access to a service, on every resource.',
      ],
      [
        'high',
        'AWS managed policy PowerUserAccess is attached: it grants every action on every resource except IAM, Organizations and account management.',
      ],
      [
        // iam:* lets the role attach AdministratorAccess to itself: privilege escalation, as an administrator.
        'critical',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM: the function can grant itself any permission.',
      ],
      [
        'high',
        'AWS managed policy job-function/SystemAdministrator is attached: it grants the broad permissions of an administrator job function.',
      ],
    ]);
    expect(new Set(failed.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('keeps IAMFullAccess high only where a Deny takes back every escalating action, through other principals too', () => {
    const deny = (actions: string) => `      Policies:
        - PolicyName: no-escalation
          PolicyDocument:
            Statement:
              - Effect: Deny
                Action: ${actions}
                Resource: '*'
`;
    const severities = (actions: string) =>
      scanTemplate(
        appRole(managed('arn:aws:iam::aws:policy/IAMFullAccess') + deny(actions)),
        check,
      ).failed.map((f) => f.severity);
    // The role's own taken back: an access key for an administrator user is still left.
    expect(
      severities(
        '[iam:PutRolePolicy, iam:AttachRolePolicy, iam:UpdateAssumeRolePolicy, iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary]',
      ),
    ).toEqual(['critical']);
    expect(
      severities(
        "['iam:Put*', 'iam:Attach*', 'iam:Delete*Boundary', 'iam:UpdateAssumeRolePolicy', 'iam:*LoginProfile', 'iam:Create*', 'iam:SetDefaultPolicyVersion', 'iam:AddUserToGroup']",
      ),
    ).toEqual(['high']);
  });

  it('names what a Deny leaves of IAMFullAccess, as iam.role-wildcard-action does for iam:* less a Deny', () => {
    const deny = `      Policies:
        - PolicyName: d
          PolicyDocument:
            Statement:
              - { Effect: Deny, Action: ['iam:*Role*', 'iam:*Policy*', 'iam:*PermissionsBoundary*'], Resource: '*' }
`;
    const iamFull = managed('arn:aws:iam::aws:policy/IAMFullAccess');
    const { failed } = scanTemplate(appRole(iamFull + deny), check);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'critical',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM, part of which a Deny takes ' +
          'back; what is left lets the role give other IAM principals more permissions or take over IAM users ' +
          '(iam:AddUserToGroup, iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile): privilege ' +
          'escalation.',
      ],
    ]);
    // The same actions named as the statement check names them for `iam:*` with that Deny.
    const inline = `        - PolicyName: a
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: 'iam:*', Resource: '*' }
`;
    const star = scanTemplate(appRole(deny + inline), wildcardAction).failed.map((f) => f.message);
    expect(star).toEqual([
      expect.stringContaining(
        '(iam:AddUserToGroup, iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile): privilege escalation.',
      ),
    ]);
    // A Deny of every escalating action: high, and no longer a way to more permissions.
    const all = `      Policies:
        - PolicyName: d
          PolicyDocument:
            Statement:
              - Effect: Deny
                Action: ['iam:Put*', 'iam:Attach*', 'iam:Delete*Boundary', 'iam:UpdateAssumeRolePolicy', 'iam:*LoginProfile', 'iam:Create*', 'iam:SetDefaultPolicyVersion', 'iam:AddUserToGroup']
                Resource: '*'
`;
    expect(scanTemplate(appRole(iamFull + all), check).failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM, part of which a Deny takes ' +
          'back: every action by which the role could give itself or another IAM principal more permissions.',
      ],
    ]);
    // A Deny with a condition may not apply: nothing is taken back, as without it.
    const conditional = deny.replace(
      "Resource: '*' }",
      "Resource: '*', Condition: { Bool: { aws:MultiFactorAuthPresent: 'false' } } }",
    );
    expect(
      scanTemplate(appRole(iamFull + conditional), check).failed.map((f) => [f.severity, f.message]),
    ).toEqual([
      [
        'critical',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM: the function can grant itself any permission.',
      ],
    ]);
  });

  it('passes narrow AWS managed policies and customer policies', () => {
    const { failed, unknown, passed } = scanTemplate(
      appRole(
        managed(
          'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
          'arn:aws:iam::123456789012:policy/platform-lambda',
        ),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('fails AWSLambdaExecute, which writes every object of every bucket, saying what it grants (high)', () => {
    const { failed } = scanTemplate(appRole(managed('arn:aws:iam::aws:policy/AWSLambdaExecute')), check);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'AWS managed policy AWSLambdaExecute is attached: it grants s3:GetObject and s3:PutObject on every ' +
          'object of every bucket of every account, and logs:* on every log group.',
      ],
    ]);
    // The event-source execution policies grant what polling needs: they pass.
    const sqs = scanTemplate(
      appRole(managed('arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole')),
      check,
    );
    expect(sqs.failed).toEqual([]);
  });

  it('is named in the pass of each statement check that leaves it here, with what else they leave', () => {
    // PowerUserAccess grants nearly everything: "no statement allows ..." alone would read as a clean role.
    const statementChecks = [wildcardAction, wildcardResourceWrite, wildcardResourceRead, passRoleWildcard];
    const power = scanTemplate(sam(samFn('Fn', '      Policies: PowerUserAccess\n')), statementChecks);
    expect([power.failed, power.unknown]).toEqual([[], []]);
    expect(power.passed.map((f) => [f.checkId, f.message])).toEqual([
      [
        'iam.role-wildcard-action',
        'no statement allows a wildcard action (AWS managed policy PowerUserAccess is left to iam.role-admin-managed-policy)',
      ],
      [
        'iam.role-wildcard-resource-write',
        'no statement allows write actions on every resource, or on every resource of a type (AWS managed policy PowerUserAccess is left to iam.role-admin-managed-policy)',
      ],
      [
        'iam.role-wildcard-resource-read',
        'no statement allows sensitive reads on every resource, or on every resource of a type (AWS managed policy PowerUserAccess is left to iam.role-admin-managed-policy)',
      ],
      [
        'iam.role-passrole-wildcard',
        'no statement allows iam:PassRole on every role (AWS managed policy PowerUserAccess is left to iam.role-admin-managed-policy)',
      ],
    ]);
    // Narrow policies, and those the statement checks read themselves, are not handed over; one not known is.
    const narrow = scanTemplate(
      appRole(
        managed(
          'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          'arn:aws:iam::aws:policy/service-role/AWSLambdaRole',
          'arn:aws:iam::aws:policy/AdministratorAccess',
          '!Ref ExtraPolicyArn',
        ),
        'Parameters:\n  ExtraPolicyArn: { Type: String }\n',
      ),
      wildcardAction,
    );
    expect(narrow.passed.map((f) => f.message)).toEqual([
      'no statement allows a wildcard action (left to iam.role-admin-managed-policy: AWS managed policy ' +
        'AdministratorAccess; managed policies not known before deploy)',
    ]);
  });

  it('says in one parenthetical every kind of policy it leaves to the admin check', () => {
    const { passed } = scanTemplate(
      appRole(
        managed(
          'arn:aws:iam::aws:policy/AdministratorAccess',
          'arn:aws:iam::aws:policy/MadeUpPolicyName',
          '!Ref ExtraPolicyArn',
        ),
        'Parameters:\n  ExtraPolicyArn: { Type: String }\n',
      ),
      wildcardResourceWrite,
    );
    expect(passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type (left to ' +
        'iam.role-admin-managed-policy: AWS managed policy AdministratorAccess; AWS managed policy ' +
        'MadeUpPolicyName, which Parapet cannot read; managed policies not known before deploy)',
    ]);
    // Two kinds: one parenthetical too.
    const two = scanTemplate(
      appRole(
        managed('arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/MadeUpPolicyName'),
      ),
      wildcardResourceWrite,
    );
    expect(two.passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type (left to ' +
        'iam.role-admin-managed-policy: AWS managed policy AdministratorAccess; AWS managed policy ' +
        'MadeUpPolicyName, which Parapet cannot read)',
    ]);
  });

  it('is unknown when a managed policy ARN comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      appRole(managed('!Ref ExtraPolicyArn'), 'Parameters:\n  ExtraPolicyArn: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('${ExtraPolicyArn}');
    expect(unknown[0]?.location.line).toBe(14);
  });

  it('fails a SAM function listing AdministratorAccess by name, on the SAM function', () => {
    const { failed } = scanTemplate(
      sam(
        samFn(
          'Orders',
          `      Policies:
        - AWSLambdaExecute
        - AdministratorAccess
`,
        ),
      ),
      check,
    );
    // AWSLambdaExecute too (s3:PutObject on every object of every bucket), at its own entry.
    expect(failed.map((f) => [f.severity, f.location.line])).toEqual([
      ['high', 11],
      ['critical', 12],
    ]);
    const admin = failed[1];
    expect(admin?.resource.id).toBe('Orders');
    expect(admin?.resource.generated?.id).toBe('OrdersRole');
    expect(admin?.message).toContain('AdministratorAccess is attached');
    // At the Policies entry that names it (line 10 is `Policies:`, 11 the first entry), to fix or suppress there.
    expect(admin?.location).toEqual({ file: 'template.yaml', line: 12, column: 11 });
  });

  it('points at each SAM Policies entry, a name or an ARN written out', () => {
    const { failed } = scanTemplate(
      sam(
        samFn(
          'Orders',
          `      Policies:
        - PowerUserAccess
        - arn:aws:iam::aws:policy/AdministratorAccess
`,
        ),
      ),
      check,
    );
    // Line 10 is `Policies:`: SAM copies an ARN as the text it is, and the finding still points at its entry.
    expect(failed.map((f) => [f.message.split(' is ')[0], f.location.line, f.location.column])).toEqual([
      ['AWS managed policy PowerUserAccess', 11, 11],
      ['AWS managed policy AdministratorAccess', 12, 11],
    ]);
  });

  it('is unknown, once and at the Role property, for a role outside the template that functions name', () => {
    const arn = 'arn:aws:iam::123456789012:role/platform-lambda';
    const text = sam(
      samFn('Orders', `      Role: ${arn}\n`) + samFn('Invoices', `      Role: ${arn}\n`) + samFn('Own'),
    );
    const { unknown, failed, errors } = scanTemplate(text, check);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.resource.id).toBe(arn);
    expect(unknown[0]?.message).toMatch(
      /^The execution role of Invoices, Orders is not in this template: which policies it has, .* cannot be checked\./,
    );
    // On the SAM function Orders (first in the file, though not by id), at the Role it wrote.
    const lines = text.split('\n');
    expect(lines[(unknown[0]?.location.line ?? 0) - 1]).toContain(`Role: ${arn}`);
    expect(
      lines
        .slice(0, unknown[0]?.location.line)
        .reverse()
        .find((l) => /^ {2}\w+:$/.test(l)),
    ).toBe('  Orders:');
  });

  it('is unknown for a role named by a parameter or by an ARN built with pseudo parameters', () => {
    const text = sam(
      samFn('Orders', '      Role: !Ref RoleArn\n') +
        samFn('Invoices', "      Role: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app'\n"),
      'Parameters:\n  RoleArn: { Type: String }\n',
    );
    const { unknown } = scanTemplate(text, check);
    expect(unknown.map((f) => [f.resource.id, f.message.split(' is not in this template')[0]])).toEqual([
      ['${RoleArn}', 'The execution role of Orders (from parameter RoleArn, which has no default)'],
      // The partition is read as aws: `arn:aws:` and `arn:${AWS::Partition}:` name one role.
      ['arn:aws:iam::${AWS::AccountId}:role/app', 'The execution role of Invoices'],
    ]);
  });

  it('leaves a role outside the template to this check: the statement and trust checks pass over it', () => {
    const text = sam(samFn('Orders', '      Role: arn:aws:iam::123456789012:role/platform-lambda\n'));
    for (const other of [wildcardAction, wildcardResourceWrite, passRoleWildcard, trustBeyondLambda])
      expect(scanTemplate(text, other).findings).toEqual([]);
  });
});

describe('iam.role-admin-managed-policy weighs the permissions boundary, as the statement checks do', () => {
  /** AppRole carrying these AWS managed policies under `PermissionsBoundary: boundary`, with Boundary allowing `action`. */
  const underBoundary = (boundary: string, action: string, arns: readonly string[], head = '') =>
    appRole(
      `      PermissionsBoundary: ${boundary}\n${managed(...arns.map((name) => `arn:aws:iam::aws:policy/${name}`))}`,
      head,
    ).replace(
      '\nResources:\n',
      `\nResources:\n  Boundary:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - { Effect: Allow, Action: ${action}, Resource: '*' }\n`,
    );
  const results = (text: string) =>
    scanTemplate(text, check).findings.map((f) => [f.status, f.severity, f.message]);
  const ADMIN =
    'AWS managed policy AdministratorAccess is attached: it grants every action on every resource';

  it('passes AdministratorAccess under a boundary that allows no wildcard, saying the boundary limits it', () => {
    const text = underBoundary('!Ref Boundary', '[logs:CreateLogStream, logs:PutLogEvents]', [
      'AdministratorAccess',
      'PowerUserAccess',
      'AmazonS3FullAccess',
    ]);
    expect(results(text)).toEqual([
      [
        'pass',
        'high',
        'no AWS managed admin, power-user or full-access policy is attached that its permissions boundary lets ' +
          'through (what AWS managed policies AdministratorAccess, PowerUserAccess and AmazonS3FullAccess grant is ' +
          'limited by its permissions boundary Boundary, which allows no such grant)',
      ],
    ]);
  });

  it('keeps a policy whose breadth is no wildcard (AWSLambdaExecute: s3:PutObject on every object)', () => {
    const text = underBoundary('!Ref Boundary', '[s3:PutObject, logs:PutLogEvents]', ['AWSLambdaExecute']);
    expect(results(text)).toEqual([
      [
        'fail',
        'high',
        'AWS managed policy AWSLambdaExecute is attached: it grants s3:GetObject and s3:PutObject on every object of ' +
          'every bucket of every account, and logs:* on every log group.',
      ],
    ]);
  });

  // (AmazonS3FullAccess, read from its document, grants only s3 and s3-object-lambda actions: none of them
  // gets through "logs:*".)
  it('keeps AdministratorAccess under a boundary of "logs:*", naming what it allows, but not as an administrator', () => {
    const text = underBoundary('!Ref Boundary', "'logs:*'", ['AdministratorAccess', 'AmazonS3FullAccess']);
    expect(results(text)).toEqual([
      ['fail', 'high', `${ADMIN}; its permissions boundary Boundary allows every logs action ("logs:*").`],
    ]);
  });

  // Its document lists its actions one by one (appsync:GraphQL ...): no wildcard to weigh against the boundary, so
  // it is judged by name, as one whose document is not known, rather than passed as limited.
  it('keeps a full-access policy whose document grants no wildcard under a boundary of "logs:*"', () => {
    const text = underBoundary('!Ref Boundary', "'logs:*'", ['AWSAppSyncInvokeFullAccess']);
    expect(results(text)).toEqual([
      [
        'fail',
        'high',
        'AWS managed policy AWSAppSyncInvokeFullAccess is attached: it grants full access to a service, on every ' +
          'resource; its permissions boundary Boundary allows every logs action ("logs:*").',
      ],
    ]);
  });

  it('keeps it critical under a boundary allowing "*", naming the boundary', () => {
    expect(results(underBoundary('!Ref Boundary', "'*'", ['AdministratorAccess']))).toEqual([
      [
        'fail',
        'critical',
        `${ADMIN}: the function is an administrator of the account; its permissions boundary Boundary allows every action ("*").`,
      ],
    ]);
  });

  it('keeps it critical under a boundary it cannot read, saying the boundary may limit it', () => {
    expect(
      results(
        underBoundary('arn:aws:iam::123456789012:policy/boundary', "'logs:*'", ['AdministratorAccess']),
      ),
    ).toEqual([
      [
        'fail',
        'critical',
        `${ADMIN}: the function is an administrator of the account; its permissions boundary ` +
          'arn:aws:iam::123456789012:policy/boundary may limit this, but Parapet did not read it (it is not in this template).',
      ],
    ]);
    const param = underBoundary(
      '!Ref BoundaryArn',
      "'logs:*'",
      ['AdministratorAccess'],
      PARAM('BoundaryArn'),
    );
    expect(results(param)).toEqual([
      [
        'fail',
        'critical',
        `${ADMIN}: the function is an administrator of the account; its permissions boundary \${BoundaryArn} may ` +
          'limit this, but Parapet did not read it (it is not known before deploy).',
      ],
    ]);
  });

  it('says whether the boundary allows it is not known when its Action is a parameter', () => {
    const text = underBoundary('!Ref Boundary', '!Ref Allowed', ['AdministratorAccess'], PARAM('Allowed'));
    expect(results(text)).toEqual([
      [
        'fail',
        'high',
        `${ADMIN}; whether its permissions boundary Boundary allows it is not known: it may grant every action ` +
          '("${Allowed}"): the Action is not known before deploy (from parameter Allowed, which has no default).',
      ],
    ]);
  });

  it('keeps AdministratorAccess under a boundary of no wildcard that allows writes, iam:PassRole or reads on every resource', () => {
    expect(
      results(underBoundary('!Ref Boundary', '[s3:PutObject, iam:PassRole]', ['AdministratorAccess'])),
    ).toEqual([
      [
        'fail',
        'high',
        `${ADMIN}; its permissions boundary Boundary allows write actions ("s3:PutObject") on every resource, ` +
          'iam:PassRole on every role ("*").',
      ],
    ]);
    const reads = underBoundary('!Ref Boundary', '[s3:GetObject, secretsmanager:GetSecretValue]', [
      'AdministratorAccess',
    ]);
    expect(results(reads)).toEqual([
      [
        'fail',
        'high',
        `${ADMIN}; its permissions boundary Boundary allows sensitive reads ("s3:GetObject", ` +
          '"secretsmanager:GetSecretValue") on every resource.',
      ],
    ]);
  });

  it("makes it critical where the boundary lets the role take another principal's permissions", () => {
    const keys = underBoundary('!Ref Boundary', '[iam:CreateAccessKey, iam:AddUserToGroup]', [
      'AdministratorAccess',
    ]);
    expect(results(keys)).toEqual([
      [
        'fail',
        'critical',
        `${ADMIN}; its permissions boundary Boundary allows write actions ("iam:CreateAccessKey", ` +
          '"iam:AddUserToGroup") on every resource: the role can give other IAM principals more permissions or take ' +
          'over IAM users (iam:AddUserToGroup, iam:CreateAccessKey).',
      ],
    ]);
    const withLogs = underBoundary('!Ref Boundary', "['logs:*', iam:CreateLoginProfile]", [
      'AdministratorAccess',
    ]);
    expect(results(withLogs)).toEqual([
      [
        'fail',
        'critical',
        `${ADMIN}; its permissions boundary Boundary allows every logs action ("logs:*"), and ` +
          'iam:CreateLoginProfile on every resource: the role can give other IAM principals more permissions or take ' +
          'over IAM users.',
      ],
    ]);
  });

  it('makes it critical where the boundary lets the role change its own permissions or boundary', () => {
    const alone = underBoundary('!Ref Boundary', '[iam:PutRolePolicy]', ['AdministratorAccess']);
    expect(results(alone)).toEqual([
      [
        'fail',
        'critical',
        `${ADMIN}; its permissions boundary Boundary allows write actions ("iam:PutRolePolicy") on every resource: ` +
          'the role can change its own permissions or boundary (iam:PutRolePolicy).',
      ],
    ]);
    const withLogs = underBoundary(
      '!Ref Boundary',
      "['logs:*', iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary]",
      ['AdministratorAccess'],
    );
    expect(results(withLogs)).toEqual([
      [
        'fail',
        'critical',
        `${ADMIN}; its permissions boundary Boundary allows every logs action ("logs:*"), and ` +
          'iam:DeleteRolePermissionsBoundary and iam:PutRolePermissionsBoundary on every role: the role can change ' +
          'its own permissions or boundary.',
      ],
    ]);
  });

  it('names what a boundary leaves of IAMFullAccess, as it names what a Deny leaves', () => {
    /** IAMFullAccess under a boundary allowing every action but these (a YAML list). */
    const allBut = (actions: string) =>
      underBoundary('!Ref Boundary', "'*'", ['IAMFullAccess']).replace(
        "Action: '*', Resource: '*' }",
        `NotAction: ${actions}, Resource: '*' }`,
      );
    const boundary = (actions: string) =>
      `; its permissions boundary Boundary allows every action except ${actions}.`;
    const own = "['iam:*Role*', 'iam:*Policy*', 'iam:*PermissionsBoundary*']";
    expect(results(allBut(own))).toEqual([
      [
        'fail',
        'critical',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM, part of which its ' +
          'permissions boundary keeps out; what is left lets the role give other IAM principals more permissions ' +
          'or take over IAM users (iam:AddUserToGroup, iam:CreateAccessKey, iam:CreateLoginProfile, ' +
          `iam:UpdateLoginProfile): privilege escalation${boundary('iam:*Role*, iam:*Policy*, iam:*PermissionsBoundary*')}`,
      ],
    ]);
    const every =
      "['iam:Put*', 'iam:Attach*', 'iam:Delete*Boundary', 'iam:UpdateAssumeRolePolicy', 'iam:*LoginProfile', " +
      "'iam:Create*', 'iam:SetDefaultPolicyVersion', 'iam:AddUserToGroup']";
    expect(results(allBut(every))).toEqual([
      [
        'fail',
        'high',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM, part of which its ' +
          'permissions boundary keeps out: every action by which the role could give itself or another IAM ' +
          'principal more permissions' +
          boundary(
            'iam:Put*, iam:Attach*, iam:Delete*Boundary, iam:UpdateAssumeRolePolicy, iam:*LoginProfile, ' +
              'iam:Create*, iam:SetDefaultPolicyVersion, iam:AddUserToGroup',
          ),
      ],
    ]);
    // A Deny of the role and the boundary together: both said.
    const denyUsers = `      Policies:
        - PolicyName: d
          PolicyDocument:
            Statement:
              - { Effect: Deny, Action: ['iam:*User*', 'iam:*LoginProfile', 'iam:CreateAccessKey'], Resource: '*' }
`;
    expect(
      results(allBut(own).replace('      ManagedPolicyArns:', `${denyUsers}      ManagedPolicyArns:`)),
    ).toEqual([
      [
        'fail',
        'high',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM, part of which a Deny takes ' +
          'back and its permissions boundary keeps out: every action by which the role could give itself or another ' +
          `IAM principal more permissions${boundary('iam:*Role*, iam:*Policy*, iam:*PermissionsBoundary*')}`,
      ],
    ]);
    // A boundary allowing every escalating action keeps the words of IAMFullAccess alone.
    expect(results(underBoundary('!Ref Boundary', "'iam:*'", ['IAMFullAccess']))).toEqual([
      [
        'fail',
        'critical',
        'AWS managed policy IAMFullAccess is attached: it grants full control of IAM: the function can grant ' +
          'itself any permission; its permissions boundary Boundary allows every iam action ("iam:*").',
      ],
    ]);
  });

  it('keeps it, saying so, where whether the boundary allows a write on every resource is not known', () => {
    const text = underBoundary(
      '!Ref Boundary',
      's3:PutObject',
      ['AdministratorAccess'],
      PARAM('Objects'),
    ).replace("Action: s3:PutObject, Resource: '*'", 'Action: s3:PutObject, Resource: !Ref Objects');
    expect(results(text)).toEqual([
      [
        'fail',
        'high',
        `${ADMIN}; whether its permissions boundary Boundary allows broad grants is not known: it may grant write ` +
          'actions ("s3:PutObject") on every resource: the Resource is not known before deploy (from parameter ' +
          'Objects, which has no default).',
      ],
    ]);
    // Given a bucket's objects, the boundary allows nothing broad: the policy passes.
    const given = scanTemplate(text, check, { parameters: { Objects: 'arn:aws:s3:::uploads/*' } }).findings;
    expect(given.map((f) => f.status)).toEqual(['pass']);
  });

  it('reads the boundary SAM gives the role of a function', () => {
    const text = sam(
      `  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: '*' }
${samFn('Fn', '      PermissionsBoundary: !Ref Boundary\n      Policies: [AdministratorAccess]\n')}`,
    );
    expect(results(text).map(([status, , message]) => [status, message])).toEqual([
      [
        'pass',
        'no AWS managed admin, power-user or full-access policy is attached that its permissions boundary lets ' +
          'through (what AWS managed policy AdministratorAccess grants is limited by its permissions boundary ' +
          'Boundary, which allows no such grant)',
      ],
    ]);
  });
});

/** A parameter without default. */
const PARAM = (name: string) => `Parameters:\n  ${name}: { Type: String }\n`;

describe('iam.role-admin-managed-policy and a deprecated AWS managed policy the data no longer holds', () => {
  const READ_BY_NAME =
    'AWS managed policy AWSLambdaReadOnlyAccess is deprecated and not in Parapet’s data: read by name, its default ' +
    'version (v8) grants only reads and lists, no write, no iam:PassRole and no whole-service wildcard; ' +
    'iam.role-wildcard-resource-read reports its reads';

  it('passes a deprecated read-only policy it knows by name: it is no admin policy', () => {
    const { findings } = scanTemplate(
      appRole(managed('arn:aws:iam::aws:policy/AWSLambdaReadOnlyAccess')),
      check,
    );
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['pass', `no AWS managed admin, power-user or full-access policy is attached (${READ_BY_NAME})`],
    ]);
  });

  it('still fails an admin policy beside it, and reports a misspelt one as unknown', () => {
    const { failed, unknown, passed } = scanTemplate(
      appRole(
        managed(
          'arn:aws:iam::aws:policy/AWSLambdaReadOnlyAccess',
          'arn:aws:iam::aws:policy/AdministratorAccess',
          'arn:aws:iam::aws:policy/AWSLambdaReadOnlyAcess',
        ),
      ),
      check,
    );
    expect(passed).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      'AWS managed policy AdministratorAccess is attached: it grants every action on every resource: the function is an administrator of the account.',
    ]);
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('Cannot tell what AWS managed policy AWSLambdaReadOnlyAcess grants'),
    ]);
  });

  it('has the statement checks say, when they pass, that it is read by name as read-only', () => {
    const text = appRole(managed('arn:aws:iam::aws:policy/AWSLambdaReadOnlyAccess'));
    const { passed } = scanTemplate(text, [wildcardAction, wildcardResourceWrite, passRoleWildcard]);
    const aside =
      '(AWS managed policy AWSLambdaReadOnlyAccess, deprecated and read by name as granting only reads and lists, ' +
      'is left to iam.role-admin-managed-policy)';
    expect(passed.map((f) => [f.checkId, f.message.endsWith(aside)])).toEqual([
      ['iam.role-wildcard-action', true],
      ['iam.role-wildcard-resource-write', true],
      ['iam.role-passrole-wildcard', true],
    ]);
  });

  it('leaves a deprecated read policy named by a parameter without default unknown, as any ARN not known', () => {
    const { unknown } = scanTemplate(appRole(managed('!Ref ReadPolicy'), PARAM('ReadPolicy')), check);
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('It may be an AWS managed admin or full-access policy'),
    ]);
  });
});
