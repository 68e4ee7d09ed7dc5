// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-action.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, appRole, fn, inline, role, sam, samFn } from './fixtures.js';

describe('iam.role-wildcard-action', () => {
  it('fails a service-wide wildcard (high) and points at the statement', () => {
    const { failed, errors } = scanTemplate(
      appRole(inline(allow("['s3:*', 'dynamodb:GetItem']", 'arn:aws:s3:::orders/*'))),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('AppRole');
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.message).toBe(
      'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*").',
    );
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 15, column: 17 });
  });

  it('raises "iam:*" on "*" to critical: the role can give itself any permission; on one role it stays high', () => {
    const { failed } = scanTemplate(appRole(inline(allow("'iam:*'", "'*'"))), check);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'critical',
        'inline policy app, Statement[0]: Allow grants every iam action ("iam:*"); it lets the role change its own ' +
          'permissions or boundary (iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, ' +
          'iam:PutRolePermissionsBoundary, iam:PutRolePolicy, iam:UpdateAssumeRolePolicy): privilege escalation.',
      ],
    ]);
    // A Deny of those actions takes them back, but what is left still escalates through other principals.
    const own =
      '[iam:PutRolePolicy, iam:AttachRolePolicy, iam:UpdateAssumeRolePolicy, iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary]';
    const less = (actions: string) =>
      scanTemplate(
        appRole(
          inline(
            `${allow("'iam:*'", "'*'")}              - { Effect: Deny, Action: ${actions}, Resource: '*' }\n`,
          ),
        ),
        check,
      ).failed.map((f) => [f.severity, f.message]);
    expect(less(own)).toEqual([
      [
        'critical',
        'inline policy app, Statement[0]: Allow grants every iam action ("iam:*"); it lets the role give other IAM ' +
          'principals more permissions or take over IAM users (iam:AddUserToGroup, iam:AttachGroupPolicy, ' +
          'iam:AttachUserPolicy, iam:CreateAccessKey, iam:CreateLoginProfile and 7 more): privilege escalation.',
      ],
    ]);
    // Taken back through every principal: high, as any service wildcard.
    expect(
      less(
        "['iam:Put*', 'iam:Attach*', 'iam:Delete*Boundary', 'iam:Update*', 'iam:Create*', 'iam:SetDefault*', 'iam:AddUserToGroup']",
      ),
    ).toEqual([['high', 'inline policy app, Statement[0]: Allow grants every iam action ("iam:*").']]);
    const one = scanTemplate(
      appRole(inline(allow("'iam:*'", "'arn:aws:iam::123456789012:role/reports'"))),
      check,
    );
    expect(one.failed.map((f) => [f.severity, f.message])).toEqual([
      ['high', 'inline policy app, Statement[0]: Allow grants every iam action ("iam:*").'],
    ]);
  });

  describe('"iam:*" on every IAM role, user or policy of the account: escalation through that type, critical', () => {
    const OWN =
      '(iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary, iam:PutRolePolicy, ' +
      'iam:UpdateAssumeRolePolicy): privilege escalation.';
    const results = (text: string) => scanTemplate(text, check).failed.map((f) => [f.severity, f.message]);

    it('says the role can change its own permissions on every role, in every account or its own', () => {
      for (const roles of [
        "'arn:aws:iam::*:role/*'",
        "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*'",
        "{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/*']] }",
      ]) {
        expect(results(appRole(inline(allow("'iam:*'", roles))))).toEqual([
          [
            'critical',
            'inline policy app, Statement[0]: Allow grants every iam action ("iam:*"); it lets the role change its ' +
              `own permissions or boundary ${OWN}`,
          ],
        ]);
      }
      // `"*"` there, as written: nothing was cut from it.
      expect(results(appRole(inline(allow("'*'", "'arn:aws:iam::*:role/*'"))))).toEqual([
        [
          'critical',
          'inline policy app, Statement[0]: Allow grants every action ("*"); it lets the role change its own ' +
            `permissions or boundary ${OWN}`,
        ],
      ]);
    });

    it('names the actions on users or managed policies through which it raises another principal', () => {
      expect(results(appRole(inline(allow("'iam:*'", "'arn:aws:iam::*:policy/*'"))))).toEqual([
        [
          'critical',
          'inline policy app, Statement[0]: Allow grants every iam action ("iam:*"); it lets the role give other IAM ' +
            'principals more permissions or take over IAM users (iam:CreatePolicyVersion and ' +
            'iam:SetDefaultPolicyVersion): privilege escalation.',
        ],
      ]);
    });

    it('stays high on some roles, in an account written out (which may not be the one deployed to), or where a Deny takes those actions back', () => {
      const high = ['high', 'inline policy app, Statement[0]: Allow grants every iam action ("iam:*").'];
      for (const roles of ["'arn:aws:iam::*:role/app-*'", "'arn:aws:iam::123456789012:role/*'"])
        expect(results(appRole(inline(allow("'iam:*'", roles))))).toEqual([high]);
      const denied =
        "              - Effect: Deny\n                Action: ['iam:Put*', 'iam:Attach*', 'iam:Delete*', 'iam:Update*']\n" +
        "                Resource: 'arn:aws:iam::*:role/*'\n";
      expect(results(appRole(inline(allow("'iam:*'", "'arn:aws:iam::*:role/*'") + denied)))).toEqual([high]);
    });
  });

  it('names a statement with an empty Sid by its place, as one without', () => {
    const statement = `              - Sid: ''
                Effect: Allow
                Action: 's3:*'
                Resource: '*'
`;
    const { failed } = scanTemplate(appRole(inline(statement)), check);
    expect(failed[0]?.message).toBe(
      'inline policy app, Statement[0]: Allow grants every s3 action ("s3:*").',
    );
  });

  it('raises "*" on "*" to critical', () => {
    const { failed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: s3:GetObject
                Resource: '*'
              - Effect: Allow
                Action: '*'
                Resource: '*'
`),
      ),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'critical',
        'inline policy app, Statement[1]: Allow grants every action ("*") on every resource: the role is an administrator.',
      ],
    ]);
  });

  it('fails NotAction with Allow, and a wildcard in an AWS::IAM::Policy attached to the role', () => {
    const policy = `  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref AppRole]
      PolicyDocument:
        Statement:
          - Sid: Everything
            Effect: Allow
            NotAction: iam:*
            Resource: '*'
`;
    const { failed } = scanTemplate(
      template(role('AppRole') + fn('Fn', '!GetAtt AppRole.Arn') + policy),
      check,
    );
    expect(failed.map((f) => [f.resource.id, f.message, f.location.line])).toEqual([
      ['AppRole', 'policy Extra, Sid Everything: Allow with NotAction grants every action except iam:*.', 25],
    ]);
  });

  it('passes named actions and prefix wildcards, and AWS managed policies whose documents are not shipped', () => {
    const { failed, unknown, passed } = scanTemplate(
      appRole(
        `      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
${inline(allow('[s3:Get*, dynamodb:PutItem]', "'*'"))}`,
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('reports a wildcard granted only through AWS services (aws:ViaAWSService) at low severity', () => {
    const { failed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: '*'
                Resource: '*'
                Condition:
                  Bool: { aws:ViaAWSService: true }
              - Effect: Allow
                Action: ds:*
                Resource: '*'
                Condition:
                  StringEquals: { aws:RequestedRegion: eu-west-1 }
`),
      ),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'inline policy app, Statement[0]: Allow grants every action ("*") on every resource: the role is an ' +
          "administrator, but only to requests an AWS service makes on the role's behalf (Bool aws:ViaAWSService: " +
          'forward access sessions), not to calls of the function itself.',
      ],
      [
        'high',
        'inline policy app, Statement[1]: Allow grants every ds action ("ds:*") (with conditions it does not ' +
          'weigh: StringEquals aws:RequestedRegion).',
      ],
    ]);
  });

  describe('AWS managed policies whose name hides a broad grant', () => {
    it('fails SecretsManagerReadWrite (secretsmanager:* on "*") as it would the same statement inline', () => {
      const text = sam(samFn('Fn', '      Policies:\n        - SecretsManagerReadWrite\n'));
      const { failed, errors } = scanTemplate(text, check);
      expect(errors).toEqual([]);
      expect(failed.map((f) => [f.resource.id, f.message, f.location.line])).toEqual([
        [
          'Fn',
          'AWS managed policy SecretsManagerReadWrite, Sid BasePermissions: Allow grants every secretsmanager ' +
            'action ("secretsmanager:*").',
          text.split('\n').findIndex((line) => line.includes('- SecretsManagerReadWrite')) + 1,
        ],
      ]);
    });

    it('fails AmazonAPIGatewayAdministrator, named by an ARN with ${AWS::Partition}', () => {
      const { failed } = scanTemplate(
        appRole(`      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonAPIGatewayAdministrator
`),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'AWS managed policy AmazonAPIGatewayAdministrator, Statement[0]: Allow grants every apigateway action ' +
          '("apigateway:*").',
      ]);
    });

    it('passes AWSKeyManagementServicePowerUser, whose wildcards are prefixes (kms:Get*, kms:List*)', () => {
      const { failed, unknown, passed } = scanTemplate(
        appRole(`      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser
`),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    });
  });

  it('is unknown when a customer managed policy is not in the template', () => {
    const { failed, unknown } = scanTemplate(
      appRole(`      ManagedPolicyArns:
        - arn:aws:iam::123456789012:policy/platform-lambda
`),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toBe(
      'Cannot tell whether managed policy arn:aws:iam::123456789012:policy/platform-lambda allows wildcard ' +
        'actions: it is not in this template, so its document cannot be read.',
    );
    expect(unknown[0]?.location.line).toBe(12);
  });

  it('is unknown when the action comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      appRole(
        inline(allow('!Ref Actions', 'arn:aws:s3:::orders/*')),
        'Parameters:\n  Actions: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('("${Actions}")');
  });

  it('fails on the certain statement and is unknown on the one only possibly a wildcard', () => {
    const { failed, unknown } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: !Ref Actions
                Resource: '*'
              - Effect: Allow
                Action: lambda:*
                Resource: '*'
`),
        'Parameters:\n  Actions: { Type: String }\n',
      ),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[1]: Allow grants every lambda action ("lambda:*").',
    ]);
    // Listed beside the failure, not hidden by it: fixing Statement[1] would only then reveal it.
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringMatching(/^inline policy app, Statement\[0\] may grant every action \("\$\{Actions\}"\)/),
    ]);
  });

  it('does not concern roles of other services', () => {
    const trust = `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
`;
    const body = inline(allow("'*'", "'*'"));
    expect(scanTemplate(template(role('TaskRole', body, trust)), check).findings).toEqual([]);
  });

  it('reports on the SAM function for its generated role; AdministratorAccess by name is left to the managed-policy check', () => {
    const { failed } = scanTemplate(
      sam(
        samFn(
          'Orders',
          `      Policies:
        - AdministratorAccess
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: '*'
`,
        ),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Orders');
    expect(failed[0]?.resource.generated?.id).toBe('OrdersRole');
    expect(failed[0]?.message).toBe(
      'Policies[1], Statement[0]: Allow grants every dynamodb action ("dynamodb:*").',
    );
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 13, column: 15 });
  });

  it('passes an Action from a parameter whose constraints keep wildcards out, and is unknown otherwise', () => {
    const body = inline(allow('!Ref Verb', "'*'"));
    const parameter = (constraint: string) => `Parameters:\n  Verb: { Type: String${constraint} }\n`;
    const scan = (constraint: string) => scanTemplate(appRole(body, parameter(constraint)), check);
    const allowed = scan(', AllowedValues: [s3:GetObject, sqs:SendMessage]');
    expect([allowed.failed, allowed.unknown, allowed.passed.length]).toEqual([[], [], 1]);
    expect(scan(", AllowedPattern: '^[a-z0-9]+:[A-Za-z]+$'").unknown).toEqual([]);
    expect(scan(", AllowedValues: [s3:GetObject, 's3:*']").unknown).toHaveLength(1);
    expect(scan('').unknown).toHaveLength(1);
  });

  it('names the SAM policy template a statement comes from', () => {
    const { failed } = scanTemplate(
      sam(samFn('Scan', '      Policies:\n        - TextractPolicy: {}\n')),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'TextractPolicy (Policies[0]): Allow grants every textract action ("textract:*").',
    ]);
  });

  /** The role of the AwsCustomResource singleton, as CDK output writes it, with `body` after its trust. */
  const AWS_CUSTOM_RESOURCE_ROLE = 'Shop/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/Resource';
  const cdkRole = (id: string, body = '') =>
    role(id, body).replace(
      '    Properties:\n',
      `    Metadata:\n      aws:cdk:path: ${AWS_CUSTOM_RESOURCE_ROLE}\n    Properties:\n`,
    );

  it('says so when the role belongs to a function CDK adds', () => {
    const { failed } = scanTemplate(
      template(cdkRole('AwsCustomResourceRole', inline(allow('ssm:*', "'*'")))),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.cdkPath).toBe('Shop/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/Resource');
    expect(failed[0]?.message).toContain('the AwsCustomResource function, which CDK adds');
    // Its policy is the user's (AwsCustomResource's policy prop): no blanket suppression is offered.
    expect(failed[0]?.message).toContain('its permissions are the policy you give AwsCustomResource');
    expect(failed[0]?.message).not.toContain('suppression');
  });

  it('names the construct of a policy that another construct wrote onto the role (CDK output)', () => {
    const policy = (id: string, path: string) => `  ${id}:
    Type: AWS::IAM::Policy
    Metadata:
      aws:cdk:path: ${path}
    Properties:
      PolicyName: p
      Roles: [!Ref SharedRole]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: 'ssm:*', Resource: '*' }
`;
    const text = template(
      cdkRole('SharedRole') +
        policy('PutParamPolicy', 'Shop/PutParam/CustomResourcePolicy/Resource') +
        policy(
          'DefaultPolicy',
          'Shop/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/DefaultPolicy/Resource',
        ),
    );
    const labels = scanTemplate(text, check).failed.map((f) => f.message.split(', Statement')[0]);
    expect(labels.sort()).toEqual([
      'policy DefaultPolicy',
      'policy PutParamPolicy (CDK path Shop/PutParam/CustomResourcePolicy/Resource)',
    ]);
  });
});

describe('iam.role-wildcard-action on a template nested more than once', () => {
  /** child.yaml: role AppRole of function Fn, allowing parameter Action on a bucket's objects. */
  const CHILD = appRole(
    inline(allow('!Ref Action', 'arn:aws:s3:::orders/*')),
    'Parameters:\n  Action:\n    Type: String\n',
  );
  const actions = (...texts: string[]) => texts.map((text) => ({ parameters: { Action: `'${text}'` } }));
  const found = (scan: ReturnType<typeof scanNestings>) => scan.of('iam.role-wildcard-action', 'AppRole');

  it('fails when one nesting gives a wildcard action: that copy of the role is deployed with it, named', () => {
    const result = found(scanNestings(CHILD, actions('s3:GetObject', 's3:*')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toMatch(
      /^inline policy app, Statement\[0\]: Allow grants every s3 action \("s3:\*"\) where \$\{Action\} is s3:\* \(one of s3:GetObject, s3:\* \(from parameter Action, .*\), each deployed by its own copy\)\.$/,
    );
  });

  it('passes when every nesting gives a named action', () => {
    expect(found(scanNestings(CHILD, actions('s3:GetObject', 's3:PutObject'))).map((f) => f.status)).toEqual([
      'pass',
    ]);
  });

  it('reads a list parameter giving the whole Action list as the items of its comma-separated text', () => {
    const child = appRole(
      inline(allow('!Ref Actions', "'*'")),
      'Parameters:\n  Actions:\n    Type: CommaDelimitedList\n',
    );
    const lists = (...texts: string[]) => texts.map((text) => ({ parameters: { Actions: `'${text}'` } }));
    const result = found(scanNestings(child, lists('s3:GetObject', 's3:GetObject,iam:*')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toContain('where ${Actions} is s3:GetObject,iam:*');
  });

  it('reads the copies of the Action parameter though another parameter gives a Resource elsewhere', () => {
    const child = appRole(
      inline(`${allow('!Ref Action', 'arn:aws:s3:::orders/*')}${allow('s3:GetObject', '!Ref Bucket')}`),
      'Parameters:\n  Action:\n    Type: String\n  Bucket:\n    Type: String\n',
    );
    const nestings = [
      { parameters: { Action: "'s3:GetObject'", Bucket: "'arn:aws:s3:::a/*'" } },
      { parameters: { Action: "'s3:*'", Bucket: "'arn:aws:s3:::b/*'" } },
    ];
    expect(found(scanNestings(child, nestings)).map((f) => f.status)).toEqual(['fail']);
  });

  it('is unknown when the nesting giving the wildcard may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { Action: "'s3:*'" }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...actions('s3:GetObject'), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(
      CHILD,
      [...actions('s3:GetObject'), { parameters: { Action: '!Ref Given' } }],
      defaultHeader('s3:*'),
    );
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});
