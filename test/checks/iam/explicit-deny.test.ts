// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import writeOnAll from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, appRole, fn, inline, role } from './fixtures.js';

/** A Deny statement of `inline`: its Action (or a whole `NotAction: ...` line), its Resource or NotResource line, more lines. */
function deny(action: string, resources: string, more = ''): string {
  const actionLine = action.startsWith('NotAction:') ? action : `Action: ${action}`;
  return `              - Effect: Deny
                ${actionLine}
                ${resources}
${more}`;
}

function results(text: string, check: typeof writeOnAll) {
  const { findings, errors } = scanTemplate(text, check);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.message]);
}

/** An `AWS::IAM::ManagedPolicy` allowing `action` on every resource, attached to nothing. */
function managedPolicy(id: string, action: string): string {
  return `  ${id}:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: ${action}, Resource: '*' }]
`;
}

const WRITES = allow('[s3:PutObject, s3:DeleteObject]', "'*'");
const SQS = allow("'sqs:*'", "'*'");
const INSECURE_ONLY = "                Condition: { Bool: { aws:SecureTransport: 'false' } }\n";
const DENIED_PARAM = 'Parameters:\n  Denied: { Type: String }\n';
const NO_WRITE_PASS = 'no statement allows write actions on every resource, or on every resource of a type';

describe('iam.role-wildcard-resource-write weighs explicit Deny statements', () => {
  it('passes writes a Deny NotResource limits to one bucket, saying so', () => {
    const text = appRole(
      inline(WRITES + deny("'*'", 'NotResource: [arn:aws:s3:::my-bucket, arn:aws:s3:::my-bucket/*]')),
    );
    expect(results(text, writeOnAll)).toEqual([
      [
        'pass',
        `${NO_WRITE_PASS} (the Deny of inline policy app, Statement[1] limits s3:DeleteObject, s3:PutObject to ` +
          'arn:aws:s3:::my-bucket, arn:aws:s3:::my-bucket/*)',
      ],
    ]);
  });

  it('passes a NotResource naming a bucket of the template, which names one bucket before deploy too', () => {
    const text = template(
      role(
        'AppRole',
        inline(WRITES + deny('[s3:PutObject, s3:DeleteObject]', 'NotResource: !Sub "${Bucket.Arn}/*"')),
      ) +
        fn('Fn', '!GetAtt AppRole.Arn') +
        '  Bucket:\n    Type: AWS::S3::Bucket\n',
    );
    expect(results(text, writeOnAll)).toEqual([
      [
        'pass',
        `${NO_WRITE_PASS} (the Deny of inline policy app, Statement[1] limits s3:DeleteObject, s3:PutObject to ` +
          '${Bucket.Arn}/*)',
      ],
    ]);
  });

  it('passes writes a Deny in another policy of the role cancels on every resource', () => {
    const guard = `        - PolicyName: guard
          PolicyDocument:
            Statement:
${deny('[s3:PutObject, s3:DeleteObject]', "Resource: '*'")}`;
    expect(results(appRole(inline(WRITES) + guard), writeOnAll)).toEqual([
      [
        'pass',
        `${NO_WRITE_PASS} (the Deny of inline policy guard, Statement[0] cancels s3:DeleteObject, s3:PutObject)`,
      ],
    ]);
  });

  it('lists only the writes no Deny cancels, and says which it does', () => {
    const text = appRole(inline(WRITES + deny('s3:DeleteObject', "Resource: '*'")));
    expect(results(text, writeOnAll)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject") on every resource (the ' +
          'Deny of inline policy app, Statement[1] cancels s3:DeleteObject).',
      ],
    ]);
  });

  it('lists what a Deny leaves of "*"', () => {
    const text = appRole(inline(allow("'*'", "'*'") + deny('NotAction: sqs:*', "Resource: '*'")));
    const [[status, message]] = results(text, writeOnAll) as [[string, string]];
    expect(status).toBe('fail');
    expect(message).toMatch(
      /^inline policy app, Statement\[0\]: Allow grants write actions \("\*"\) on every resource: (sqs:\w+, ){4}sqs:\w+ and \d+ more \(permissions management included\) \(the Deny of inline policy app, Statement\[1\] cancels [\d,]+ write actions, all but those of NotAction sqs:\*\)\.$/,
    );
  });

  it('fails when the Deny is on other actions, or leaves every bucket', () => {
    const unchanged = [
      'fail',
      'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject", "s3:DeleteObject") on every resource.',
    ];
    expect(results(appRole(inline(WRITES + deny('sqs:*', "Resource: '*'"))), writeOnAll)).toEqual([
      unchanged,
    ]);
    // Every bucket and every object is still every resource of a type: the writes are said to be left there.
    const everyBucket = deny('s3:*', 'NotResource: [arn:aws:s3:::*, arn:aws:s3:::*/*]');
    expect(results(appRole(inline(WRITES + everyBucket)), writeOnAll)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject", "s3:DeleteObject") on every S3 ' +
          'bucket and object ("arn:aws:s3:::*", "arn:aws:s3:::*/*").',
      ],
    ]);
  });

  it('fails when the Deny has conditions, naming them', () => {
    const text = appRole(inline(WRITES + deny('s3:*', "Resource: '*'", INSECURE_ONLY)));
    expect(results(text, writeOnAll)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject", "s3:DeleteObject") on every ' +
          'resource (the Deny of inline policy app, Statement[1] would cancel it, but only under conditions it does ' +
          'not weigh: Bool aws:SecureTransport).',
      ],
    ]);
  });

  it('is unknown when the Deny has an Action or a NotResource not known before deploy', () => {
    const action = appRole(inline(WRITES + deny('!Ref Denied', "Resource: '*'")), DENIED_PARAM);
    expect(results(action, writeOnAll)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant write actions ("s3:PutObject", "s3:DeleteObject") on every ' +
          'resource: a Deny may cancel it: the Action of that Deny is not known before deploy (from parameter ' +
          'Denied, which has no default).',
      ],
    ]);
    const kept = appRole(
      inline(WRITES + deny('s3:*', 'NotResource: !Ref Kept')),
      'Parameters:\n  Kept: { Type: String }\n',
    );
    expect(results(kept, writeOnAll)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant write actions ("s3:PutObject", "s3:DeleteObject") on every ' +
          'resource: a Deny may cancel it: the NotResource of that Deny is not known before deploy (from ' +
          'parameter Kept, which has no default).',
      ],
    ]);
  });

  it('weighs a Deny against a grant on every resource of a type by the ARNs it names', () => {
    const everyTable = allow('dynamodb:PutItem', "'arn:aws:dynamodb:*:*:table/*'");
    const covering = deny('dynamodb:*', "Resource: 'arn:aws:dynamodb:*:*:*'");
    expect(results(appRole(inline(everyTable + covering)), writeOnAll)).toEqual([
      ['pass', `${NO_WRITE_PASS} (the Deny of inline policy app, Statement[1] cancels dynamodb:PutItem)`],
    ]);
    const oneRegion = deny('dynamodb:*', "Resource: 'arn:aws:dynamodb:us-east-1:*:table/*'");
    expect(results(appRole(inline(everyTable + oneRegion)), writeOnAll)).toMatchObject([
      ['fail', expect.any(String)],
    ]);
  });
});

describe('iam.role-wildcard-action weighs explicit Deny statements', () => {
  it('passes a wildcard a Deny cancels on every resource, saying so', () => {
    expect(results(appRole(inline(SQS + deny("'sqs:*'", "Resource: '*'"))), wildcardAction)).toEqual([
      [
        'pass',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels sqs:*)',
      ],
    ]);
    // Everything but S3 is denied, sqs:* with it.
    expect(results(appRole(inline(SQS + deny('NotAction: s3:*', "Resource: '*'"))), wildcardAction)).toEqual([
      [
        'pass',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels sqs:*)',
      ],
    ]);
  });

  describe('a Deny whose NotAction leaves named actions alone: no wildcard is left', () => {
    const KEPT_PARAM = 'Parameters:\n  Kept: { Type: String }\n';
    const allowAll = allow("'*'", "'*'");

    it('passes, saying the Deny limits the grant to those actions', () => {
      // IAM: the explicit Deny of every action but sqs:SendMessage overrides the Allow of sqs:*.
      expect(
        results(appRole(inline(SQS + deny('NotAction: sqs:SendMessage', "Resource: '*'"))), wildcardAction),
      ).toEqual([
        [
          'pass',
          'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] limits sqs:* to ' +
            'sqs:SendMessage)',
        ],
      ]);
      const twoNamed = deny('NotAction: [s3:GetObject, sqs:SendMessage]', "Resource: '*'");
      expect(results(appRole(inline(allowAll + twoNamed)), wildcardAction)).toEqual([
        [
          'pass',
          'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] limits * to ' +
            's3:GetObject, sqs:SendMessage)',
        ],
      ]);
    });

    it('passes an Allow with NotAction the Deny cuts to named actions, and names Denies that cut it together', () => {
      const notIam = "              - { Effect: Allow, NotAction: 'iam:*', Resource: '*' }\n";
      expect(
        results(appRole(inline(notIam + deny('NotAction: s3:GetObject', "Resource: '*'"))), wildcardAction),
      ).toEqual([
        [
          'pass',
          'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] limits NotAction ' +
            'iam:* to s3:GetObject)',
        ],
      ]);
      const both =
        deny('NotAction: s3:Get*', "Resource: '*'") +
        deny('NotAction: [s3:GetObject, sqs:*]', "Resource: '*'");
      expect(results(appRole(inline(allowAll + both)), wildcardAction)).toEqual([
        [
          'pass',
          'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] and the Deny of ' +
            'inline policy app, Statement[2] limit * to s3:GetObject)',
        ],
      ]);
    });

    it('still fails where the Deny leaves a whole service beside named actions, or only some resources', () => {
      const mixed = deny('NotAction: [s3:GetObject, s3:List*, sqs:*]', "Resource: '*'");
      expect(results(appRole(inline(allowAll + mixed)), wildcardAction)).toEqual([
        [
          'fail',
          'inline policy app, Statement[0]: Allow grants every action ("*") (the Deny of inline policy app, ' +
            'Statement[1] cancels all of it but s3:GetObject, s3:List*, sqs:*).',
        ],
      ]);
      // A prefix wildcard beside named actions is no wildcard this reports (see deny-notaction-prefix-left.test.ts).
      const prefixed = deny('NotAction: [s3:GetObject, s3:List*]', "Resource: '*'");
      expect(results(appRole(inline(allowAll + prefixed)), wildcardAction)).toEqual([
        [
          'pass',
          'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] limits * to ' +
            's3:GetObject, s3:List*)',
        ],
      ]);
      // A Deny on one bucket alone leaves sqs:* whole everywhere else.
      const oneBucket = deny('NotAction: sqs:SendMessage', 'Resource: arn:aws:s3:::my-bucket');
      expect(results(appRole(inline(SQS + oneBucket)), wildcardAction)).toEqual([
        ['fail', 'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*").'],
      ]);
    });

    it('keeps the finding when what the Deny leaves is not known before deploy: it may be every action', () => {
      const scan = (kept: string) =>
        scanTemplate(
          template(
            role('AppRole', inline(allowAll + deny(`NotAction: ${kept}`, "Resource: '*'"))) +
              fn('Fn', '!GetAtt AppRole.Arn'),
            KEPT_PARAM,
          ),
          wildcardAction,
        ).findings.map((f) => [f.status, f.severity, f.message]);
      const admin =
        'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an ' +
        'administrator (the Deny of inline policy app, Statement[1] cancels all of it but';
      expect(scan('!Ref Kept')).toEqual([['fail', 'critical', `${admin} \${Kept}).`]]);
      expect(scan('[s3:GetObject, !Ref Kept]')).toEqual([
        ['fail', 'critical', `${admin} s3:GetObject, \${Kept}).`],
      ]);
    });
  });

  it('fails when the Deny covers some of the actions, leaves some resources, or has conditions', () => {
    const fails = ['fail', 'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*").'];
    expect(results(appRole(inline(SQS + deny('sqs:SendMessage', "Resource: '*'"))), wildcardAction)).toEqual([
      fails,
    ]);
    // A NotAction Deny leaving a prefix wildcard: no wildcard this reports is left, and the pass says what is.
    expect(
      results(appRole(inline(SQS + deny('NotAction: sqs:Send*', "Resource: '*'"))), wildcardAction),
    ).toEqual([
      [
        'pass',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] limits sqs:* to ' +
          'sqs:Send*)',
      ],
    ]);
    // sqs:* on one queue is still a wildcard action.
    const oneQueue = deny("'sqs:*'", 'NotResource: arn:aws:sqs:us-east-1:111122223333:jobs');
    expect(results(appRole(inline(SQS + oneQueue)), wildcardAction)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*") (the Deny of inline policy app, ' +
          'Statement[1] limits it to arn:aws:sqs:us-east-1:111122223333:jobs).',
      ],
    ]);
    expect(
      results(appRole(inline(SQS + deny("'sqs:*'", "Resource: '*'", INSECURE_ONLY))), wildcardAction),
    ).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*") (the Deny of inline policy app, ' +
          'Statement[1] would cancel it, but only under conditions it does not weigh: Bool aws:SecureTransport).',
      ],
    ]);
  });

  it('says a Deny NotResource limits "*" on "*" to some resources: no longer an administrator', () => {
    const bucketOnly = deny("'*'", 'NotResource: [arn:aws:s3:::my-bucket, arn:aws:s3:::my-bucket/*]');
    const { failed } = scanTemplate(appRole(inline(allow("'*'", "'*'") + bucketOnly)), wildcardAction);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants every action ("*") (the Deny of inline policy app, ' +
          'Statement[1] limits it to arn:aws:s3:::my-bucket, arn:aws:s3:::my-bucket/*).',
      ],
    ]);
  });

  describe('a Deny NotResource leaving "*" an IAM role, user or policy: escalation, still critical', () => {
    /** AppRole granting `action` on `*` less a Deny of `*` on all but `kept`, `more` Deny lines, and AdminRole. */
    const escalating = (kept: string, action = "'*'", more = '', extra = '', head = '') =>
      template(
        role('AppRole', extra + inline(allow(action, "'*'") + deny("'*'", `NotResource: ${kept}`) + more)) +
          fn('Fn', '!GetAtt AppRole.Arn') +
          role('AdminRole') +
          managedPolicy('AdminPolicy', "'s3:GetObject'") +
          managedPolicy('LogsBoundary', "'logs:*'") +
          managedPolicy('OpenBoundary', "'*'"),
        head,
      );
    const severities = (text: string) => {
      const { failed, unknown } = scanTemplate(text, wildcardAction);
      return [...failed, ...unknown].map((f) => [f.status, f.severity, f.message]);
    };
    const STAR =
      'inline policy app, Statement[0]: Allow grants every action ("*") (the Deny of inline policy app, Statement[1] limits it to';
    const ROLE_ACTIONS =
      'iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, iam:PutRolePolicy, iam:UpdateAssumeRolePolicy';

    it('keeps "*" left on a role of the template critical, saying why', () => {
      expect(severities(escalating('!GetAtt AdminRole.Arn'))).toEqual([
        [
          'fail',
          'critical',
          `${STAR} \${AdminRole.Arn}, where it keeps ${ROLE_ACTIONS}: it can give that role any permission ` +
            '(privilege escalation through that role)).',
        ],
      ]);
    });

    it('reads role and user ARNs as written, and a managed policy of the template', () => {
      expect(severities(escalating('arn:aws:iam::123456789012:user/ops'))).toEqual([
        [
          'fail',
          'critical',
          `${STAR} arn:aws:iam::123456789012:user/ops, where it keeps iam:AttachUserPolicy, ` +
            'iam:DeleteUserPermissionsBoundary, iam:PutUserPolicy: it can give that user any permission (privilege ' +
            'escalation through that user)).',
        ],
      ]);
      expect(severities(escalating('!Ref AdminPolicy'))).toEqual([
        [
          'fail',
          'critical',
          `${STAR} \${AdminPolicy}, where it keeps iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion: it can ` +
            'give that policy any permission (privilege escalation through that policy)).',
        ],
      ]);
      expect(
        severities(escalating("!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/admin'"))[0]?.[1],
      ).toBe('critical');
    });

    it('stays high when what is left changes no IAM permissions', () => {
      // sqs:* on a role grants no IAM action; a Deny of iam:* on every resource takes the escalation back.
      expect(severities(escalating('!GetAtt AdminRole.Arn', "'sqs:*'"))).toEqual([
        [
          'fail',
          'high',
          'inline policy app, Statement[0]: Allow grants every sqs action ("sqs:*") (the Deny of inline policy app, ' +
            'Statement[1] limits it to ${AdminRole.Arn}).',
        ],
      ]);
      const iamDenied = deny("'iam:*'", "Resource: '*'");
      expect(severities(escalating('!GetAtt AdminRole.Arn', "'*'", iamDenied))).toEqual([
        ['fail', 'high', `${STAR} \${AdminRole.Arn}).`],
      ]);
      // A bucket is no IAM entity.
      expect(severities(escalating('arn:aws:s3:::my-bucket'))).toEqual([
        ['fail', 'high', `${STAR} arn:aws:s3:::my-bucket).`],
      ]);
    });

    it('stays high under a boundary Parapet reads that allows none of those actions', () => {
      const under = (boundary: string) =>
        severities(
          escalating('!GetAtt AdminRole.Arn', "'*'", '', `      PermissionsBoundary: !Ref ${boundary}\n`),
        );
      expect(under('LogsBoundary')).toEqual([
        [
          'fail',
          'high',
          `${STAR} \${AdminRole.Arn}); its permissions boundary LogsBoundary allows every logs action ("logs:*").`,
        ],
      ]);
      expect(under('OpenBoundary')).toEqual([
        [
          'fail',
          'critical',
          `${STAR} \${AdminRole.Arn}, where it keeps ${ROLE_ACTIONS}: it can give that role any permission ` +
            '(privilege escalation through that role)); its permissions boundary OpenBoundary allows every action ("*").',
        ],
      ]);
    });

    it('stays high where only a Deny not known before deploy may take the escalation back, naming path and Deny', () => {
      const maybe = deny("'iam:*'", 'Resource: !Ref Denied');
      expect(severities(escalating('!GetAtt AdminRole.Arn', "'*'", maybe, '', DENIED_PARAM))).toEqual([
        [
          'fail',
          'high',
          `${STAR} \${AdminRole.Arn}, where it keeps ${ROLE_ACTIONS}: it may give that role any permission ` +
            '(privilege escalation through that role), unless the Deny of inline policy app, Statement[2] cancels ' +
            'it: the Resource of that Deny is not known before deploy (from parameter Denied, which has no ' +
            'default)).',
        ],
      ]);
      const onRole = deny('!Ref Denied', 'Resource: !GetAtt AdminRole.Arn');
      expect(severities(escalating('!GetAtt AdminRole.Arn', "'*'", onRole, '', DENIED_PARAM))).toEqual([
        [
          'fail',
          'high',
          `${STAR} \${AdminRole.Arn}, where it keeps ${ROLE_ACTIONS}: it may give that role any permission ` +
            '(privilege escalation through that role), unless the Deny of inline policy app, Statement[2] cancels ' +
            'it: the Action of that Deny is not known before deploy (from parameter Denied, which has no default)).',
        ],
      ]);
    });

    it('stays high where a Deny of iam:* names that role as the NotResource writes it', () => {
      const onRole = deny("'iam:*'", 'Resource: !GetAtt AdminRole.Arn');
      expect(severities(escalating('!GetAtt AdminRole.Arn', "'*'", onRole))).toEqual([
        ['fail', 'high', `${STAR} \${AdminRole.Arn}).`],
      ]);
    });

    it('stays critical on what no Deny may take back, naming those actions alone', () => {
      const maybe = deny("'iam:Put*'", 'Resource: !Ref Denied');
      expect(severities(escalating('!GetAtt AdminRole.Arn', "'*'", maybe, '', DENIED_PARAM))).toEqual([
        [
          'fail',
          'critical',
          `${STAR} \${AdminRole.Arn}, where it keeps iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, ` +
            'iam:UpdateAssumeRolePolicy: it can give that role any permission (privilege escalation through that ' +
            'role)).',
        ],
      ]);
    });

    it('is unknown when a Deny that may cancel the grant is not known before deploy, naming the path, not raising it', () => {
      const maybe = deny('!Ref Denied', "Resource: '*'");
      expect(severities(escalating('!GetAtt AdminRole.Arn', "'*'", maybe, '', DENIED_PARAM))).toEqual([
        [
          'unknown',
          'high',
          'inline policy app, Statement[0] may grant every action ("*") (the Deny of inline policy app, Statement[1] ' +
            `limits it to \${AdminRole.Arn}, where it keeps ${ROLE_ACTIONS}: it can give that role any permission ` +
            '(privilege escalation through that role)), unless the Deny of inline policy app, Statement[2] cancels ' +
            'it: the Action of that Deny is not known before deploy (from parameter Denied, which has no default).',
        ],
      ]);
      // Limited to a bucket: no escalation there to name.
      expect(severities(escalating('arn:aws:s3:::my-bucket', "'*'", maybe, '', DENIED_PARAM))).toEqual([
        [
          'unknown',
          'high',
          'inline policy app, Statement[0] may grant every action ("*"): a Deny may cancel it: the Action of that ' +
            'Deny is not known before deploy (from parameter Denied, which has no default).',
        ],
      ]);
    });
  });

  it('is unknown when the Deny has an Action not known before deploy', () => {
    const text = appRole(inline(SQS + deny('!Ref Denied', "Resource: '*'")), DENIED_PARAM);
    expect(results(text, wildcardAction)).toEqual([
      [
        'unknown',
        'inline policy app, Statement[0] may grant every sqs action ("sqs:*"): a Deny may cancel it: the Action ' +
          'of that Deny is not known before deploy (from parameter Denied, which has no default).',
      ],
    ]);
  });

  it('passes the reviewed template: a Deny of the same actions on every resource', () => {
    const text = template(
      role(
        'Role',
        inline(
          allow('[iam:PassRole, s3:PutObject, "sqs:*"]', '"*"') +
            deny('[iam:PassRole, s3:PutObject, "sqs:*"]', 'Resource: "*"'),
        ),
      ) + fn('Fn', '!GetAtt Role.Arn'),
    );
    expect(results(text, wildcardAction)).toEqual([
      [
        'pass',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels sqs:*)',
      ],
    ]);
    expect(results(text, writeOnAll)).toEqual([
      [
        'pass',
        `${NO_WRITE_PASS} (left out: iam:PassRole) (the Deny of inline policy app, Statement[1] cancels ` +
          '14 write actions of iam:PassRole, s3:PutObject, sqs:*)',
      ],
    ]);
  });
});
