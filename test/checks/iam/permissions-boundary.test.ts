// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import passRole from '../../../src/checks/iam/role-passrole-wildcard.js';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { awsManagedPoliciesAsOf } from '../../../src/iam/aws-managed-documents.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, fn, inline, role, sam, samFn } from './fixtures.js';

const CHECKS = [wildcardAction, wildcardWrite, passRole];

/** `AWS::IAM::ManagedPolicy` Boundary with these statements (YAML lines at 10 spaces, each starting with `- `). */
function boundaryPolicy(statements: string): string {
  return `  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
${statements}`;
}

/** Role AppRole of function Fn, granting `Action` on `'*'` inline, with `PermissionsBoundary: <boundary>`. */
function bounded(action: string, boundary: string, extra = '', head = ''): string {
  const body = `      PermissionsBoundary: ${boundary}\n${inline(allow(action, "'*'"))}`;
  return template(role('AppRole', body) + fn('Fn', '!GetAtt AppRole.Arn') + extra, head);
}

const messages = (findings: readonly { checkId: string; status: string; message: string }[]) =>
  findings.map((f) => [f.checkId, f.status, f.message]);

describe('a permissions boundary of the template', () => {
  it('rules out what it allows none of: "*" on "*" under a boundary of logs and s3:GetObject passes, saying so', () => {
    const text = bounded(
      "'*'",
      '!Ref Boundary',
      boundaryPolicy(`          - Effect: Allow
            Action: [logs:CreateLogStream, logs:PutLogEvents, s3:GetObject]
            Resource: '*'
`),
    );
    const { failed, unknown, passed } = scanTemplate(text, CHECKS);
    expect([failed, unknown]).toEqual([[], []]);
    const limited =
      '(what inline policy app, Statement[0] grants is limited by its permissions boundary Boundary, which allows no such grant)';
    expect(passed.map((f) => [f.checkId, f.message.endsWith(limited)])).toEqual([
      ['iam.role-wildcard-action', true],
      ['iam.role-wildcard-resource-write', true],
      ['iam.role-passrole-wildcard', true],
    ]);
    expect(passed[0]?.message).toBe(`no statement allows a wildcard action ${limited}`);
  });

  it('keeps what it allows too, naming it: "*" under a boundary of "*" stays critical', () => {
    const text = bounded(
      "'*'",
      '!Ref Boundary',
      boundaryPolicy("          - { Effect: Allow, Action: '*', Resource: '*' }\n"),
    );
    const { failed } = scanTemplate(text, CHECKS);
    expect(failed.map((f) => [f.checkId, f.severity, f.message])).toEqual([
      [
        'iam.role-wildcard-action',
        'critical',
        'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator; its permissions boundary Boundary allows every action ("*").',
      ],
      [
        'iam.role-wildcard-resource-write',
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("*") on every resource (permissions management included); its permissions boundary Boundary allows write actions ("*") on every resource.',
      ],
      [
        'iam.role-passrole-wildcard',
        'high',
        'inline policy app, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any role to a new function or instance; its permissions boundary Boundary allows iam:PassRole on every role ("*").',
      ],
    ]);
  });

  it('keeps "*" under a boundary of "logs:*", which it allows, but not as an administrator', () => {
    const text = bounded(
      "'*'",
      '!Ref Boundary',
      boundaryPolicy("          - { Effect: Allow, Action: 'logs:*', Resource: '*' }\n"),
    );
    const { failed } = scanTemplate(text, wildcardAction);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants every action ("*"); its permissions boundary Boundary allows every logs action ("logs:*").',
      ],
    ]);
  });

  it('rules out a service wildcard of another service than its own', () => {
    const text = bounded(
      "'dynamodb:*'",
      '!Ref Boundary',
      boundaryPolicy(
        "          - { Effect: Allow, Action: ['dynamodb:GetItem', 'logs:*'], Resource: '*' }\n",
      ),
    );
    const { failed, unknown } = scanTemplate(text, CHECKS);
    expect([failed, unknown]).toEqual([[], []]);
  });

  it('says it is not known whether a boundary whose Action is a parameter allows the grant', () => {
    const text = bounded(
      "'s3:*'",
      '!Ref Boundary',
      boundaryPolicy("          - { Effect: Allow, Action: !Ref Allowed, Resource: '*' }\n"),
      'Parameters:\n  Allowed:\n    Type: String\n',
    );
    const { failed } = scanTemplate(text, wildcardAction);
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*"); whether its permissions boundary Boundary allows it is not known: it may grant every action ("${Allowed}"): the Action is not known before deploy (from parameter Allowed, which has no default).',
    ]);
  });

  it('reads the boundary SAM gives the role of a function (PermissionsBoundary)', () => {
    const text = sam(
      `  MP:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: 'dynamodb:*', Resource: '*' }
${boundaryPolicy("          - { Effect: Allow, Action: ['dynamodb:GetItem', 'logs:*'], Resource: '*' }\n")}${samFn(
  'Fn',
  '      PermissionsBoundary: !Ref Boundary\n      Policies:\n        - !Ref MP\n',
)}`,
    );
    const { failed, unknown, passed } = scanTemplate(text, CHECKS);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.find((f) => f.checkId === 'iam.role-wildcard-action')?.message).toBe(
      'no statement allows a wildcard action (what managed policy MP, Statement[0] grants is limited by its permissions boundary Boundary, which allows no such grant)',
    );
  });
});

describe('the writes iam.role-wildcard-resource-write lists under a boundary it reads', () => {
  const writes = (action: string, allowed: string, head = '') => {
    const text = bounded(
      action,
      '!Ref Boundary',
      boundaryPolicy(`          - { Effect: Allow, Action: ${allowed}, Resource: '*' }\n`),
      head,
    );
    return scanTemplate(text, wildcardWrite).findings.map((f) => [f.status, f.message]);
  };
  const SQS = 'inline policy app, Statement[0]: Allow grants write actions ("sqs:*") on every resource';

  it('lists only the writes the boundary allows too, and counts them', () => {
    // The role gets what both its policies and its boundary allow: sqs:SendMessage alone, no permissions management.
    expect(writes("'sqs:*'", "[sqs:SendMessage, 'logs:*']")).toEqual([
      [
        'fail',
        `${SQS}: sqs:SendMessage; its permissions boundary Boundary allows write actions ("sqs:SendMessage", "logs:*") ` +
          'on every resource.',
      ],
    ]);
    expect(writes("'sqs:*'", '[sqs:SendMessage, sqs:AddPermission]')).toEqual([
      [
        'fail',
        `${SQS}: sqs:AddPermission, sqs:SendMessage (permissions management included); its permissions boundary ` +
          'Boundary allows write actions ("sqs:SendMessage", "sqs:AddPermission") on every resource.',
      ],
    ]);
    // "*" cut by the boundary to one service: what is left is worth listing.
    expect(writes("'*'", "'sqs:*'")).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants write actions ("*") on every resource: sqs:AddPermission, ' +
          'sqs:RemovePermission, sqs:SetQueueAttributes, sqs:TagQueue, sqs:UntagQueue and 8 more (permissions ' +
          'management included); its permissions boundary Boundary allows write actions ("sqs:*") on every resource.',
      ],
    ]);
  });

  it('reads a boundary written with NotAction as every action but those: it allows none of a grant of them', () => {
    const boundary = boundaryPolicy(
      "          - { Effect: Allow, NotAction: ['iam:*', 'kms:*'], Resource: '*' }\n",
    );
    const none = scanTemplate(
      bounded('[kms:Decrypt, kms:Encrypt, iam:PutRolePolicy]', '!Ref Boundary', boundary),
      CHECKS,
    );
    expect([none.failed, none.unknown]).toEqual([[], []]);
    // What it does allow of a grant is listed, and only that: kms:Decrypt is not among s3's writes.
    const some = scanTemplate(bounded("['s3:*', 'kms:Decrypt']", '!Ref Boundary', boundary), [wildcardWrite]);
    const [finding] = some.failed;
    expect(finding?.message).toMatch(
      /on every resource: s3:\S+, .* and 86 more \(permissions management included\)/,
    );
    expect(finding?.message).not.toContain('kms:Decrypt,');
  });

  it('passes when the boundary allows none of the writes, though its pattern overlaps the grant', () => {
    expect(writes("'sqs:Send*'", "'sqs:Delete*'")).toEqual([
      [
        'pass',
        'no statement allows write actions on every resource, or on every resource of a type (what inline policy ' +
          'app, Statement[0] grants is limited by its permissions boundary Boundary, which allows no such grant)',
      ],
    ]);
  });

  it('lists every write when the boundary may allow any: an Action not known before deploy', () => {
    const head = 'Parameters:\n  Allowed:\n    Type: String\n';
    expect(writes("'sqs:*'", '[sqs:SendMessage, !Ref Allowed]', head)).toEqual([
      [
        'fail',
        `${SQS}: sqs:AddPermission, sqs:RemovePermission, sqs:SetQueueAttributes, sqs:TagQueue, sqs:UntagQueue and ` +
          '8 more (permissions management included); its permissions boundary Boundary allows write actions ' +
          '("sqs:SendMessage") on every resource.',
      ],
    ]);
    // Nor is a grant ruled out by what the boundary quotes for certain when the rest may allow it.
    expect(writes("'sqs:Send*'", "['sqs:Delete*', !Ref Allowed]", head)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants write actions ("sqs:Send*") on every resource: ' +
          'sqs:SendMessage; its permissions boundary Boundary allows write actions ("sqs:Delete*") on every resource.',
      ],
    ]);
  });
});

describe('an AWS managed permissions boundary Parapet ships', () => {
  it('is read: AWSLambdaBasicExecutionRole rules "*" out, PowerUserAccess leaves a wildcard but no administrator', () => {
    const basic = scanTemplate(
      bounded("'*'", "!Sub 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'"),
      wildcardAction,
    );
    expect([basic.failed, basic.unknown]).toEqual([[], []]);
    expect(basic.passed[0]?.message).toContain(
      'is limited by its permissions boundary AWS managed policy AWSLambdaBasicExecutionRole, which allows no such grant',
    );
    const power = scanTemplate(bounded("'*'", 'arn:aws:iam::aws:policy/PowerUserAccess'), wildcardAction);
    expect(power.failed.map((f) => [f.severity, f.message.split('; ')[1]])).toEqual([
      [
        'high',
        'its permissions boundary AWS managed policy PowerUserAccess allows every action except iam:*, organizations:*, account:*.',
      ],
    ]);
  });
});

describe('a permissions boundary Parapet cannot read', () => {
  it('leaves the finding and its severity, saying the boundary may limit it: an ARN outside the template', () => {
    const { failed } = scanTemplate(
      bounded("'*'", 'arn:aws:iam::123456789012:policy/boundary'),
      wildcardAction,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'critical',
        'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an administrator; its permissions boundary arn:aws:iam::123456789012:policy/boundary may limit this, but Parapet did not read it (it is not in this template).',
      ],
    ]);
  });

  it('an AWS managed policy name no AWS managed policy has, and a parameter', () => {
    const managed = scanTemplate(
      bounded("'s3:*'", 'arn:aws:iam::aws:policy/NoSuchPolicyAtAll'),
      wildcardAction,
    );
    expect(managed.failed.map((f) => f.message)).toEqual([
      `inline policy app, Statement[0]: Allow grants every s3 action ("s3:*"); its permissions boundary AWS managed policy NoSuchPolicyAtAll may limit this, but Parapet did not read it (no AWS managed policy NoSuchPolicyAtAll was known as of ${awsManagedPoliciesAsOf()}: AWS added it since, or its name or path is misspelt, which fails the deploy).`,
    ]);
    const { failed } = scanTemplate(
      bounded("'s3:*'", '!Ref BoundaryArn', '', 'Parameters:\n  BoundaryArn:\n    Type: String\n'),
      wildcardAction,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*"); its permissions boundary ${BoundaryArn} may limit this, but Parapet did not read it (it is not known before deploy).',
      ],
    ]);
  });

  it('names an imported boundary by its export, and one built with pseudo parameters by its ARN', () => {
    const cases = [
      [
        '!ImportValue shared-Boundary',
        'Fn::ImportValue shared-Boundary may limit this, but Parapet did not read it (another stack exports it)',
      ],
      [
        "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary'",
        'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary may limit this, but Parapet did not read it (it is not in this template)',
      ],
    ];
    for (const [boundary, words] of cases) {
      const { failed } = scanTemplate(bounded("'s3:*'", boundary as string), wildcardAction);
      expect(failed.map((f) => f.message)).toEqual([
        `inline policy app, Statement[0]: Allow grants every s3 action ("s3:*"); its permissions boundary ${words}.`,
      ]);
    }
  });

  it('an unknown finding stays unknown, and says the boundary may limit it', () => {
    const { unknown } = scanTemplate(
      bounded(
        '!Ref Action',
        'arn:aws:iam::123456789012:policy/boundary',
        '',
        'Parameters:\n  Action:\n    Type: String\n',
      ),
      wildcardAction,
    );
    expect(messages(unknown)).toEqual([
      [
        'iam.role-wildcard-action',
        'unknown',
        'inline policy app, Statement[0] may grant every action ("${Action}"): the Action is not known before deploy (from parameter Action, which has no default); its permissions boundary arn:aws:iam::123456789012:policy/boundary may limit this, but Parapet did not read it (it is not in this template).',
      ],
    ]);
  });
});

describe('iam.role-passrole-wildcard under a permissions boundary, as the other statement checks', () => {
  const LIMITED =
    'no statement allows iam:PassRole on every role (what inline policy app, Statement[0] grants is limited by its ' +
    'permissions boundary Boundary, which allows no such grant)';
  const results = (action: string, statements: string, head = '') => {
    const { findings } = scanTemplate(
      bounded(action, '!Ref Boundary', boundaryPolicy(statements), head),
      passRole,
    );
    return findings.map((f) => [f.status, f.message]);
  };

  it('passes when the boundary allows no iam:PassRole at all, saying so', () => {
    for (const statements of [
      "          - { Effect: Allow, Action: 'logs:*', Resource: '*' }\n",
      "          - { Effect: Allow, NotAction: 'iam:PassRole', Resource: '*' }\n",
      // A Deny of the boundary's own limits it too.
      "          - { Effect: Allow, Action: '*', Resource: '*' }\n          - { Effect: Deny, Action: 'iam:PassRole', Resource: '*' }\n",
    ]) {
      expect(results("'*'", statements)).toEqual([['pass', LIMITED]]);
    }
  });

  it('passes when the boundary allows iam:PassRole on named roles only', () => {
    const named =
      "          - { Effect: Allow, Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/worker' }\n";
    expect(results('iam:PassRole', named)).toEqual([['pass', LIMITED]]);
  });

  it('keeps the finding where the boundary allows every role of the account, or every role but some', () => {
    const GRANT =
      'inline policy app, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any ' +
      'role to a new function or instance; its permissions boundary Boundary allows iam:PassRole on every role';
    expect(
      results(
        'iam:PassRole',
        "          - { Effect: Allow, Action: 'iam:PassRole', Resource: !Sub 'arn:aws:iam::${AWS::AccountId}:role/*' }\n",
      ),
    ).toEqual([['fail', `${GRANT} of an account ("arn:aws:iam::\${AWS::AccountId}:role/*").`]]);
    expect(
      results(
        'iam:PassRole',
        "          - { Effect: Allow, Action: 'iam:PassRole', NotResource: 'arn:aws:iam::123456789012:role/admin' }\n",
      ),
    ).toEqual([['fail', `${GRANT} except arn:aws:iam::123456789012:role/admin.`]]);
  });

  it('says whether the boundary allows it is not known when its Resource is a parameter', () => {
    expect(
      results(
        'iam:PassRole',
        "          - { Effect: Allow, Action: 'iam:PassRole', Resource: !Ref Roles }\n",
        'Parameters:\n  Roles: { Type: String }\n',
      ),
    ).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any ' +
          'role to a new function or instance; whether its permissions boundary Boundary allows it is not known: it ' +
          'may grant iam:PassRole on every role ("${Roles}"): the Resource is not known before deploy (from parameter ' +
          'Roles, which has no default).',
      ],
    ]);
  });

  it('keeps the finding under a boundary it cannot read, saying the boundary may limit it', () => {
    const { findings } = scanTemplate(
      bounded('iam:PassRole', 'arn:aws:iam::123456789012:policy/boundary'),
      passRole,
    );
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants iam:PassRole on every role ("*"), so the function can hand any ' +
          'role to a new function or instance; its permissions boundary arn:aws:iam::123456789012:policy/boundary may ' +
          'limit this, but Parapet did not read it (it is not in this template).',
      ],
    ]);
  });

  it('weighs what a Deny of the role leaves with the boundary: only iam:PassRole left, which the boundary does not allow', () => {
    const body =
      '      PermissionsBoundary: !Ref Boundary\n' +
      inline(
        `${allow("'*'", "'*'")}              - { Effect: Deny, NotAction: 'iam:PassRole', Resource: '*' }\n`,
      );
    const text = template(
      role('AppRole', body) +
        fn('Fn', '!GetAtt AppRole.Arn') +
        boundaryPolicy("          - { Effect: Allow, Action: 'logs:*', Resource: '*' }\n"),
    );
    const { failed, unknown, passed } = scanTemplate(text, CHECKS);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.checkId)).toEqual([
      'iam.role-wildcard-action',
      'iam.role-wildcard-resource-write',
      'iam.role-passrole-wildcard',
    ]);
  });
});
