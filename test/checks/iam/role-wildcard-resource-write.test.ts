// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { IAM_DATA_UPDATED_AT, serviceActions } from '../../../src/iam/action-data.js';
import { defaultHeader, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, appRole, fn, inline, LAMBDA_TRUST, sam, samFn } from './fixtures.js';

describe('iam.role-wildcard-resource-write', () => {
  it('fails a write action on "*" and points at the statement', () => {
    const { failed, errors } = scanTemplate(
      appRole(inline(allow('[sqs:SendMessage, sqs:ReceiveMessage]', "'*'"))),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('AppRole');
    expect(failed[0]?.message).toBe(
      // The action is named already: no list of what it expands to.
      'inline policy app, Statement[0]: Allow grants write actions ("sqs:SendMessage") on every resource.',
    );
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 15, column: 17 });
  });

  it('lists the first five actions and how many more, and says when permissions management is included', () => {
    const { failed } = scanTemplate(appRole(inline(allow('s3:*', "'*'"))), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(
      /^inline policy app, Statement\[0\]: Allow grants write actions \("s3:\*"\) on every resource: (s3:\w+, ){4}s3:\w+ and \d+ more \(permissions management included\)\.$/,
    );
    // All of them counted, not only the 25 the analysis lists: every s3 write that can be scoped.
    const writes = [...(serviceActions('s3')?.values() ?? [])].filter(
      (a) => !a.wildcardOnly && (a.levels.has('Write') || a.levels.has('Permissions management')),
    );
    expect(writes.length).toBeGreaterThan(25);
    expect(failed[0]?.message).toContain(` and ${writes.length - 5} more (`);
  });

  it('says when the writes granted are tagging only', () => {
    const { failed } = scanTemplate(
      appRole(inline(allow('[ec2:CreateTags, ec2:DeleteTags]', 'arn:aws:ec2:*:*:instance/*'))),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("ec2:CreateTags", "ec2:DeleteTags") on every EC2 instance in every account and region ("arn:aws:ec2:*:*:instance/*") (tagging only: tags decide access where policies test them).',
    ]);
  });

  it('passes scoped writes, reads on "*", actions that only support "*", and AWS managed policies', () => {
    const { failed, unknown, passed } = scanTemplate(
      appRole(
        `      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
` +
          inline(`              - Effect: Allow
                Action: [s3:PutObject, s3:DeleteObject]
                Resource: arn:aws:s3:::orders/*
              - Effect: Allow
                Action: [s3:GetObject, dynamodb:Query, xray:PutTraceSegments, cloudwatch:PutMetricData]
                Resource: '*'
`),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('passes an action the catalog does not know whose verb only reads, and is unknown for any other', () => {
    // s3:HeadBucket is an API call (s3:ListBucket authorises it), often written as an action.
    const read = scanTemplate(appRole(inline(allow('[s3:ListAllMyBuckets, s3:HeadBucket]', "'*'"))), check);
    expect(read.unknown).toEqual([]);
    expect(read.passed).toHaveLength(1);
    const other = scanTemplate(appRole(inline(allow('s3:PutBucketWhatever', "'*'"))), check);
    expect(other.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('knows no such action: if AWS added it since, it may write'),
    ]);
  });

  it('says when the grant on every resource comes from a NotResource, and what it leaves out', () => {
    const notResource = (action: string, excluded: string) => `              - Effect: Allow
                ${action}
                NotResource: ${excluded}
`;
    const { failed } = scanTemplate(
      appRole(
        inline(
          notResource('Action: s3:PutObject', 'arn:aws:s3:::secret-bucket/*') +
            notResource('NotAction: iam:*', '[arn:aws:s3:::a/*, arn:aws:s3:::b/*]'),
        ),
      ),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow with NotResource grants write actions ("s3:PutObject") on every resource except ' +
        'arn:aws:s3:::secret-bucket/*.',
      'inline policy app, Statement[1]: Allow with NotAction and NotResource grants write actions on every resource ' +
        'except arn:aws:s3:::a/*, arn:aws:s3:::b/* (permissions management included).',
    ]);
    // A NotResource not known before deploy: unknown, saying what it excepts is not known.
    const { unknown } = scanTemplate(
      appRole(
        inline(notResource('Action: s3:PutObject', '!Ref Keep')),
        'Parameters:\n  Keep: { Type: String }\n',
      ),
      check,
    );
    expect(unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("s3:PutObject") on every resource except ${Keep}: ' +
        'the NotResource is not known before deploy (from parameter Keep, which has no default).',
    ]);
    // `NotResource: "*"` excludes every resource: no grant, and a Resource beside it keeps the usual words.
    const none = scanTemplate(appRole(inline(notResource('Action: s3:PutObject', "'*'"))), check);
    expect(none.failed).toEqual([]);
    expect(none.unknown).toEqual([]);
  });

  it('stays unknown for an action the catalog does not know: added since, it may write; misspelt, it grants nothing', () => {
    const catalog = `the IAM action catalog (of ${IAM_DATA_UPDATED_AT.slice(0, 10)})`;
    const typo = scanTemplate(appRole(inline(allow('iam:CreateAcountAlias', "'*'"))), check);
    expect(typo.failed).toEqual([]);
    expect(typo.unknown.map((f) => f.message)).toEqual([
      `inline policy app, Statement[0] may grant write actions ("iam:CreateAcountAlias") on every resource: ${catalog} ` +
        'knows no such action: if AWS added it since, it may write; if it is iam:CreateAccountAlias misspelt, it ' +
        'grants nothing.',
    ]);
    const service = scanTemplate(appRole(inline(allow('dynamdb:PutItem', "'*'"))), check);
    expect(service.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        `${catalog} does not know this service: if AWS added it since, it may write; if it is dynamodb:PutItem ` +
          'misspelt, it grants nothing.',
      ),
    ]);
    // Far from every action: only that the catalog does not know it.
    expect(
      scanTemplate(appRole(inline(allow('s3:PutBucketWhatever', "'*'"))), check).unknown[0]?.message,
    ).toMatch(/ knows no such action: if AWS added it since, it may write\.$/);
  });

  describe('conditions', () => {
    const withCondition = (condition: string) =>
      appRole(
        inline(`              - Sid: OnlyThroughDirectoryService
                Effect: Allow
                Action: [ec2:CreateSecurityGroup, ec2:AuthorizeSecurityGroupIngress]
                Resource: '*'
                Condition:
${condition}`),
        'Parameters:\n  Via: { Type: String }\n',
      );
    const writes =
      'inline policy app, Sid OnlyThroughDirectoryService: Allow grants write actions ("ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress") on every resource';

    it('reports writes granted only through AWS services (Bool aws:ViaAWSService: true) at low severity, saying so', () => {
      // As AWS writes it for AD Connector; YAML's true and the string 'true' alike.
      for (const value of ['true', "'true'", 'TRUE']) {
        const { failed } = scanTemplate(
          withCondition(`                  Bool: { aws:ViaAWSService: ${value} }\n`),
          check,
        );
        expect(failed.map((f) => [f.severity, f.message])).toEqual([
          [
            'low',
            `${writes}, but only to requests an AWS service makes on the role's behalf (Bool aws:ViaAWSService: ` +
              'forward access sessions), not to calls of the function itself.',
          ],
        ]);
      }
    });

    it('keeps high severity and names the conditions when they do not limit the grant to AWS services', () => {
      const cases: [string, string][] = [
        ['                  Bool: { aws:ViaAWSService: false }\n', 'Bool aws:ViaAWSService'],
        // BoolIfExists also matches a request without the key: the function's own calls.
        ['                  BoolIfExists: { aws:ViaAWSService: true }\n', 'BoolIfExists aws:ViaAWSService'],
        [
          '                  StringEquals: { aws:SourceVpce: vpce-1a2b3c4d }\n',
          'StringEquals aws:SourceVpce',
        ],
      ];
      for (const [condition, named] of cases) {
        const { failed } = scanTemplate(withCondition(condition), check);
        expect(failed.map((f) => [f.severity, f.message])).toEqual([
          ['high', `${writes} (with conditions it does not weigh: ${named}).`],
        ]);
      }
    });

    it('does not take a value not known before deploy for true', () => {
      const { failed } = scanTemplate(
        withCondition('                  Bool: { aws:ViaAWSService: !Ref Via }\n'),
        check,
      );
      expect(failed.map((f) => [f.severity, f.message])).toEqual([
        ['high', `${writes} (with conditions it does not weigh: Bool aws:ViaAWSService).`],
      ]);
    });

    it('stays unknown, whatever its conditions, when the resource is not known before deploy', () => {
      const { failed, unknown } = scanTemplate(
        appRole(
          inline(`              - Effect: Allow
                Action: ec2:CreateSecurityGroup
                Resource: !Ref Target
                Condition:
                  Bool: { aws:ViaAWSService: true }
`),
          'Parameters:\n  Target: { Type: String }\n',
        ),
        check,
      );
      expect(failed).toEqual([]);
      expect(unknown).toHaveLength(1);
    });
  });

  describe('AWS managed policies whose name hides a broad grant', () => {
    // (SecretsManagerReadWrite's CloudFormationTagOnCreate tags on `*` only within the create calls its
    // cloudformation:CreateAction names: no write on every resource, see tag-on-create.test.ts)
    it('fails SecretsManagerReadWrite, AWSKeyManagementServicePowerUser and AWSLambdaRole statement by statement', () => {
      const { failed, errors } = scanTemplate(
        appRole(`      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/SecretsManagerReadWrite
        - arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser
        - arn:aws:iam::aws:policy/service-role/AWSLambdaRole
`),
        check,
      );
      expect(errors).toEqual([]);
      expect(
        failed.map((f) => [
          f.message.replace(/resource: secretsmanager:.*\(/, 'resource: <sample> ('),
          f.location.line,
        ]),
      ).toEqual([
        [
          'AWS managed policy SecretsManagerReadWrite, Sid BasePermissions: Allow grants write actions ("secretsmanager:*", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet") on every resource: <sample> (permissions management included).',
          12,
        ],
        [
          'AWS managed policy AWSKeyManagementServicePowerUser, Statement[0]: Allow grants write actions ("kms:CreateAlias", "kms:DeleteAlias", "kms:TagResource", "kms:UntagResource") on every resource.',
          13,
        ],
        [
          'AWS managed policy service-role/AWSLambdaRole, Statement[0]: Allow grants write actions ("lambda:InvokeFunction") on every resource.',
          14,
        ],
      ]);
    });

    it('fails AmazonAPIGatewayAdministrator: apigateway:* on every API Gateway resource', () => {
      const { failed } = scanTemplate(
        appRole(`      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonAPIGatewayAdministrator
`),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /^AWS managed policy AmazonAPIGatewayAdministrator, Statement\[0\]: Allow grants write actions \("apigateway:\*"\) on every API Gateway resource in every region \("arn:aws:apigateway:\*::\/\*"\): apigateway:\w+/,
        ),
      ]);
    });

    it('still leaves the execution policies and the ones judged by name to iam.role-admin-managed-policy', () => {
      const { failed, unknown, passed } = scanTemplate(
        appRole(`      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole
        - arn:aws:iam::aws:policy/AmazonSQSFullAccess
        - arn:aws:iam::aws:policy/AdministratorAccess
`),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toBe(
        'no statement allows write actions on every resource, or on every resource of a type (AWS managed ' +
          'policies AmazonSQSFullAccess and AdministratorAccess are left to iam.role-admin-managed-policy)',
      );
    });
  });

  it('is unknown when the resource comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      appRole(inline(allow('sns:Publish', '!Ref TopicArn')), 'Parameters:\n  TopicArn: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toBe(
      'inline policy app, Statement[0] may grant write actions ("sns:Publish") on every resource: the Resource ' +
        'is not known before deploy (from parameter TopicArn, which has no default).',
    );
    expect(unknown[0]?.location.line).toBe(17);
  });

  it('is unknown when the resource is, or embeds, a {{resolve:…}} dynamic reference (guardian/mobile-purchases)', () => {
    const whole = scanTemplate(
      appRole(inline(allow('s3:PutObject', "'{{resolve:ssm:/app/bucket-arn}}'"))),
      check,
    );
    expect(whole.failed).toEqual([]);
    expect(whole.unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("s3:PutObject") on every resource: the Resource ' +
        'is not known before deploy (dynamic reference {{resolve:ssm:/app/bucket-arn}}, read from SSM Parameter ' +
        'Store at deploy).',
    ]);
    // Embedded in text, after a pseudo parameter that gives specific text: the reference may still give `*`.
    const embedded = scanTemplate(
      appRole(
        inline(allow('s3:PutObject', "!Sub 'arn:${AWS::Partition}:s3:::{{resolve:ssm:/app/bucket}}/*'")),
      ),
      check,
    );
    expect(embedded.failed).toEqual([]);
    expect(embedded.unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("s3:PutObject") on every object in every S3 bucket ' +
        '("arn:${AWS::Partition}:s3:::{{resolve:ssm:/app/bucket}}/*"): the Resource is not known before deploy ' +
        '(dynamic reference {{resolve:ssm:/app/bucket}}, read from SSM Parameter Store at deploy).',
    ]);
    // Built with !Sub alone, and with a parameter without default inside the reference: each named as written.
    const subbed = scanTemplate(
      appRole(inline(allow('s3:PutObject', "!Sub 'arn:aws:s3:::{{resolve:ssm:b}}/*'"))),
      check,
    );
    expect(subbed.unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("s3:PutObject") on every object in every S3 bucket ' +
        '("arn:aws:s3:::{{resolve:ssm:b}}/*"): the Resource is not known before deploy (dynamic reference ' +
        '{{resolve:ssm:b}}, read from SSM Parameter Store at deploy).',
    ]);
    const staged = scanTemplate(
      appRole(
        inline(allow('s3:PutObject', "!Sub 'arn:aws:s3:::{{resolve:ssm:/${Stage}/bucket}}/*'")),
        'Parameters:\n  Stage: { Type: String }\n',
      ),
      check,
    );
    expect(staged.unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("s3:PutObject") on every object in every S3 bucket ' +
        '("arn:aws:s3:::{{resolve:ssm:/${Stage}/bucket}}/*"): the Resource is not known before deploy (dynamic ' +
        'reference {{resolve:ssm:/${Stage}/bucket}}, read from SSM Parameter Store at deploy).',
    ]);
    // The reference in a part that cannot widen the grant to every resource: judged on the rest.
    const scoped = scanTemplate(
      appRole(inline(allow('s3:PutObject', "'arn:aws:s3:::uploads/{{resolve:ssm:/app/prefix}}'"))),
      check,
    );
    expect(scoped.unknown).toEqual([]);
    expect(scoped.passed).toHaveLength(1);
  });

  it('names the import a Resource is joined from, and reads it as any text, whatever its export name holds', () => {
    const joined = (importValue: string) =>
      scanTemplate(
        appRole(inline(allow('s3:PutBucketNotification', `!Join ['', ['arn:aws:s3:::', ${importValue}]]`))),
        check,
      );
    const plain = joined("!ImportValue 'DataStack:BucketName'");
    expect(plain.failed).toEqual([]);
    expect(plain.unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("s3:PutBucketNotification") on every S3 bucket ' +
        '("arn:aws:s3:::${ImportValue DataStack:BucketName}"): the Resource is not known before deploy (it depends ' +
        'on ${ImportValue DataStack:BucketName}).',
    ]);
    // A `.` in the name is no resource attribute (`${Bucket.Arn}`): the import may still be `*`.
    const dotted = joined("!ImportValue 'data.stack-BucketName'");
    expect(dotted.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining('${ImportValue data.stack-BucketName}'),
    ]);
    // An export name not known before deploy has no name to show.
    const built = joined("{ 'Fn::ImportValue': !Sub '${AWS::StackName}-Bucket' }");
    expect(built.unknown.map((f) => f.message)).toEqual([expect.stringContaining('("arn:aws:s3:::${?}")')]);
  });

  it('names the import a Sub variable gives, not the variable', () => {
    const { failed, unknown } = scanTemplate(
      appRole(
        inline(
          allow(
            's3:PutBucketNotification',
            "!Sub ['arn:aws:s3:::${B}', { B: !ImportValue 'DataStack:BucketName' }]",
          ),
        ),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant write actions ("s3:PutBucketNotification") on every S3 bucket ' +
        '("arn:aws:s3:::${ImportValue DataStack:BucketName}"): the Resource is not known before deploy (it depends ' +
        'on ${ImportValue DataStack:BucketName}).',
    ]);
  });

  it('leaves iam:PassRole alone to iam.role-passrole-wildcard', () => {
    const { failed, passed } = scanTemplate(appRole(inline(allow('iam:PassRole', "'*'"))), check);
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toBe(
      'no statement allows write actions on every resource, or on every resource of a type (left out: iam:PassRole)',
    );
  });

  it('passes SAM S3CrudPolicy (writes on its bucket only) and CloudWatchPutMetricPolicy, and fails a SAM inline statement on "*"', () => {
    const { failed, passed } = scanTemplate(
      sam(
        `  Uploads:
    Type: AWS::S3::Bucket
` +
          samFn(
            'Resize',
            `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Uploads
        - CloudWatchPutMetricPolicy: {}
`,
          ) +
          samFn(
            'Cleanup',
            `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Uploads
        - Statement:
            - Effect: Allow
              Action: dynamodb:DeleteItem
              Resource: '*'
`,
          ),
      ),
      check,
    );
    expect(passed.map((f) => [f.resource.id, f.resource.generated?.id])).toEqual([['Resize', 'ResizeRole']]);
    expect(failed.map((f) => [f.resource.id, f.resource.generated?.id, f.message])).toEqual([
      [
        'Cleanup',
        'CleanupRole',
        'Policies[1], Statement[0]: Allow grants write actions ("dynamodb:DeleteItem") on every resource.',
      ],
    ]);
  });

  it('says so on the log retention role CDK adds, with a suppression covering it', () => {
    const logRetention = `  LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB:
    Type: AWS::IAM::Role
    Metadata:
      aws:cdk:path: Shop/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/Resource
    Properties:
${LAMBDA_TRUST}  LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRoleDefaultPolicyADDA7DEB:
    Type: AWS::IAM::Policy
    Metadata:
      aws:cdk:path: Shop/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/DefaultPolicy/Resource
    Properties:
      PolicyName: LogRetentionDefaultPolicy
      Roles: [!Ref LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [logs:PutRetentionPolicy, logs:DeleteRetentionPolicy]
            Resource: '*'
`;
    const { failed } = scanTemplate(
      template(
        logRetention +
          fn(
            'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A',
            '!GetAtt LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aServiceRole9741ECFB.Arn',
          ),
      ),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('("logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy")');
    expect(failed[0]?.message).toContain(
      "This is the log retention function (logRetention), which CDK adds (CDK path Shop/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/Resource): its policy is CDK's, and no prop narrows it: suppress the finding with a reason, or give the function a logGroup",
    );
    expect(failed[0]?.message).toContain(
      "One parapet.yaml suppression with id '*' and resource '**/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/**'",
    );
    expect(failed[0]?.location.line).toBe(22);
  });

  describe('on every resource of a type', () => {
    it("fails SAM policy templates given '*': every S3 bucket, every DynamoDB table", () => {
      const text = sam(
        samFn(
          'Api',
          `      Policies:
        - S3CrudPolicy:
            BucketName: '*'
        - DynamoDBCrudPolicy:
            TableName: '*'
`,
        ),
      );
      const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
      const { failed, errors } = scanTemplate(text, check);
      expect(errors).toEqual([]);
      expect(failed.map((f) => [f.resource.id, f.message])).toEqual([
        [
          'Api',
          // Named by the template the user wrote, not by the statement SAM made of it.
          'S3CrudPolicy (Policies[0]): Allow grants write actions ("s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration", "s3:DeleteObject") on every S3 bucket and object ("arn:${AWS::Partition}:s3:::*") (permissions management included).',
        ],
        [
          'Api',
          'DynamoDBCrudPolicy (Policies[1]): Allow grants write actions ("dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem") on every DynamoDB table in the account and region ("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*").',
        ],
      ]);
      // Each at the policy template entry it comes from, not at the function or its Policies key.
      expect(failed.map((f) => [f.location.line, f.location.column])).toEqual([
        [lineOf('- S3CrudPolicy:'), 11],
        [lineOf('- DynamoDBCrudPolicy:'), 11],
      ]);
    });

    it('names the template, and a statement of its own only when the template has several', () => {
      const { failed, unknown } = scanTemplate(
        sam(
          samFn(
            'Api',
            `      Policies:
        - S3FullAccessPolicy:
            BucketName: '*'
        - S3CrudPolicy:
            BucketName: !Ref BucketParam
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: '*'
`,
          ),
          'Parameters:\n  BucketParam: { Type: String }\n',
        ),
        check,
      );
      expect(failed.map((f) => f.message.slice(0, f.message.indexOf(':')))).toEqual([
        'S3FullAccessPolicy (Policies[0]), its Statement[0]',
        'S3FullAccessPolicy (Policies[0]), its Statement[1]',
        // A statement the user wrote is named as written.
        'Policies[2], Statement[0]',
      ]);
      expect(unknown.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /^S3CrudPolicy \(Policies\[1\]\) may grant write actions \(.*\) on every S3 bucket /,
        ),
      ]);
    });

    it('passes the same templates scoped to a bucket and a table of the template, or named by a parameter default', () => {
      const { failed, unknown, passed } = scanTemplate(
        sam(
          `  Uploads:
    Type: AWS::S3::Bucket
  Orders:
    Type: AWS::DynamoDB::Table
` +
            samFn(
              'Api',
              `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Uploads
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
        - SQSSendMessagePolicy:
            QueueName: !Ref QueueName
`,
            ),
          'Parameters:\n  QueueName: { Type: String, Default: jobs }\n',
        ),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    });

    it('fails plain ARNs naming every bucket, queue or table, and lists what they expand to', () => {
      const { failed } = scanTemplate(
        appRole(
          inline(`              - Effect: Allow
                Action: s3:Put*
                Resource: ['arn:aws:s3:::*/*', 'arn:aws:s3:::orders']
              - Effect: Allow
                Action: [sqs:SendMessage, s3:GetObject]
                Resource: arn:aws:sqs:*:*:*
              - Effect: Allow
                Action: dynamodb:PutItem
                Resource: !Sub arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/*
`),
        ),
        check,
      );
      expect(
        failed.map((f) => f.message.replace(/: s3:Put\w+(, s3:\w+)*( and \d+\+? more)?/, ': <sample>')),
      ).toEqual([
        'inline policy app, Statement[0]: Allow grants write actions ("s3:Put*") on every object in every S3 bucket ("arn:aws:s3:::*/*"): <sample> (permissions management included).',
        'inline policy app, Statement[1]: Allow grants write actions ("sqs:SendMessage") on every SQS queue in every account and region ("arn:aws:sqs:*:*:*").',
        'inline policy app, Statement[2]: Allow grants write actions ("dynamodb:PutItem") on every DynamoDB table in the account and region ("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*").',
      ]);
      expect(failed.map((f) => f.location.line)).toEqual([15, 18, 21]);
    });

    it('passes ARNs scoped to one bucket, a name prefix, or another service than the actions', () => {
      const { failed, unknown, passed } = scanTemplate(
        appRole(
          inline(`              - Effect: Allow
                Action: [s3:PutObject, s3:DeleteObject]
                Resource: arn:aws:s3:::my-bucket/*
              - Effect: Allow
                Action: dynamodb:PutItem
                Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders-*
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: arn:aws:s3:::*
`),
        ),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toBe(
        'no statement allows write actions on every resource, or on every resource of a type',
      );
    });

    describe('actions whose resources are ARNs of another service', () => {
      // kafka-cluster actions act on `arn:aws:kafka:...` clusters, topics and groups; s3 access points
      // for Object Lambda are `arn:aws:s3-object-lambda:...`; es applications are `arn:aws:opensearch:...`.
      it('fails them on every resource of that service, as the catalog says, not as the prefix does', () => {
        const { failed, errors } = scanTemplate(
          appRole(
            inline(
              allow(
                '[kafka-cluster:AlterCluster, kafka-cluster:WriteData, kafka-cluster:DescribeCluster]',
                "!Sub 'arn:aws:kafka:${AWS::Region}:${AWS::AccountId}:*'",
              ) +
                allow(
                  's3:PutAccessPointPolicyForObjectLambda',
                  'arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/*',
                ) +
                allow('es:UpdateApplication', 'arn:aws:opensearch:*:*:application/*'),
            ),
          ),
          check,
        );
        expect(errors).toEqual([]);
        expect(failed.map((f) => f.message)).toEqual([
          // The read (DescribeCluster) is not a write.
          'inline policy app, Statement[0]: Allow grants write actions ("kafka-cluster:AlterCluster", "kafka-cluster:WriteData") on every MSK resource in the account and region ("arn:aws:kafka:${AWS::Region}:${AWS::AccountId}:*").',
          'inline policy app, Statement[1]: Allow grants write actions ("s3:PutAccessPointPolicyForObjectLambda") on every s3-object-lambda accesspoint in region us-east-1 of account 123456789012 ("arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/*") (permissions management included).',
          'inline policy app, Statement[2]: Allow grants write actions ("es:UpdateApplication") on every OpenSearch application in every account and region ("arn:aws:opensearch:*:*:application/*").',
        ]);
      });

      it('still fails the action on the service of its prefix, and a wildcard of it', () => {
        const { failed } = scanTemplate(
          appRole(inline(allow('[kafka:DeleteCluster, kafka-cluster:*]', 'arn:aws:kafka:*:*:cluster/*'))),
          check,
        );
        expect(failed).toHaveLength(1);
        expect(failed[0]?.message).toMatch(
          /^inline policy app, Statement\[0\]: Allow grants write actions \("kafka:DeleteCluster", "kafka-cluster:\*"\) on every MSK cluster in every account and region \("arn:aws:kafka:\*:\*:cluster\/\*"\): kafka:DeleteCluster, kafka-cluster:/,
        );
      });

      it('passes them on one topic, and on ARNs of a service they do not act on', () => {
        const { failed, unknown, passed } = scanTemplate(
          appRole(
            inline(
              allow(
                '[kafka-cluster:WriteData, kafka-cluster:AlterGroup]',
                'arn:aws:kafka:us-east-1:123456789012:topic/demo/abcd-1234/orders',
              ) +
                allow('kafka-cluster:WriteData', 'arn:aws:kafka-cluster:*:*:*') +
                allow('kafka-cluster:WriteData', 'arn:aws:s3:::*') +
                allow('kafka:DeleteCluster', 'arn:aws:s3-object-lambda:*:*:accesspoint/*'),
            ),
          ),
          check,
        );
        expect([failed, unknown]).toEqual([[], []]);
        expect(passed).toHaveLength(1);
      });

      it('is unknown when a parameter without default could make the topic a wildcard, or names the action', () => {
        const { failed, unknown } = scanTemplate(
          appRole(
            inline(
              allow(
                'kafka-cluster:WriteData',
                "!Sub 'arn:aws:kafka:${AWS::Region}:${AWS::AccountId}:topic/${Cluster}/*'",
              ) +
                allow(
                  "!Sub 'kafka-cluster:${Operation}'",
                  "!Sub 'arn:aws:kafka:${AWS::Region}:${AWS::AccountId}:*'",
                ),
            ),
            'Parameters:\n  Cluster: { Type: String }\n  Operation: { Type: String }\n',
          ),
          check,
        );
        expect(failed).toEqual([]);
        expect(unknown.map((f) => f.message)).toEqual([
          // A topic's ARN is `topic/<cluster>/<uuid>/<name>`: ids only after the type, so every topic.
          'inline policy app, Statement[0] may grant write actions ("kafka-cluster:WriteData") on every MSK topic in the account and region ("arn:aws:kafka:${AWS::Region}:${AWS::AccountId}:topic/${Cluster}/*"): the Resource is not known before deploy (from parameter Cluster, which has no default).',
          'inline policy app, Statement[1] may grant write actions ("kafka-cluster:${Operation}") on every MSK resource in the account and region ("arn:aws:kafka:${AWS::Region}:${AWS::AccountId}:*"): the Action is not known before deploy (from parameter Operation, which has no default).',
        ]);
      });
    });

    describe('API Gateway, whose ARNs are paths (arn:aws:apigateway:region::/usageplans/id)', () => {
      /** A SAM function whose one inline statement list is `statements` (YAML lines at 12 spaces). */
      const samStatements = (statements: string, extra = '') =>
        sam(
          `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
` +
            samFn(
              'Fn',
              `      Policies:
        - Statement:
${statements}`,
            ),
          extra,
        );
      const statement = (action: string, resource: string) => `            - Effect: Allow
              Action: ${action}
              Resource: ${resource}
`;

      it('fails writes on every usage plan, every REST API, and every stage of every API', () => {
        const { failed, errors } = scanTemplate(
          samStatements(
            statement('apigateway:PATCH', '!Sub arn:aws:apigateway:${AWS::Region}::/usageplans/*') +
              statement('apigateway:DELETE', '!Sub arn:aws:apigateway:${AWS::Region}::/restapis/*') +
              statement('[apigateway:DELETE, apigateway:POST]', "'arn:aws:apigateway:*::/apis/*/stages/*'") +
              statement('apigateway:GET', '!Sub arn:aws:apigateway:${AWS::Region}::/apikeys/*'),
          ),
          check,
        );
        expect(errors).toEqual([]);
        // The GET (a read) is no write.
        expect(failed.map((f) => f.message)).toEqual([
          'Policies[0], Statement[0]: Allow grants write actions ("apigateway:PATCH") on every API Gateway usage plan in the region ("arn:aws:apigateway:${AWS::Region}::/usageplans/*").',
          'Policies[0], Statement[1]: Allow grants write actions ("apigateway:DELETE") on every API Gateway REST API in the region ("arn:aws:apigateway:${AWS::Region}::/restapis/*").',
          'Policies[0], Statement[2]: Allow grants write actions ("apigateway:DELETE") on every API Gateway stage of every HTTP or WebSocket API in every region ("arn:aws:apigateway:*::/apis/*/stages/*").',
        ]);
      });

      it("passes one API and everything under it, one usage plan, the template's own API, and execute-api routes", () => {
        const { failed, unknown, passed } = scanTemplate(
          samStatements(
            // Everything under one API is that API's, as `arn:aws:s3:::my-bucket/*` is one bucket's objects.
            statement('apigateway:*', '!Sub arn:aws:apigateway:${AWS::Region}::/restapis/a1b2c3/*') +
              statement('apigateway:PATCH', '!Sub arn:aws:apigateway:${AWS::Region}::/usageplans/x9y8z7') +
              statement(
                'apigateway:PATCH',
                '!Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/*',
              ) +
              statement('apigateway:PATCH', "'arn:aws:apigateway:us-east-1::/restapis/*/stages/prod'") +
              statement(
                'execute-api:Invoke',
                '!Sub arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/prod/POST/orders',
              ) +
              statement('execute-api:Invoke', "'arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*'"),
          ),
          check,
        );
        expect([failed, unknown]).toEqual([[], []]);
        expect(passed).toHaveLength(1);
      });

      it('is unknown when a parameter without default names the usage plan, and passes when given', () => {
        const text = samStatements(
          statement('apigateway:PATCH', '!Sub arn:aws:apigateway:${AWS::Region}::/usageplans/${PlanId}'),
          'Parameters:\n  PlanId: { Type: String }\n',
        );
        const { failed, unknown } = scanTemplate(text, check);
        expect(failed).toEqual([]);
        expect(unknown.map((f) => f.message)).toEqual([
          'Policies[0], Statement[0] may grant write actions ("apigateway:PATCH") on every API Gateway usage plan in the region ("arn:aws:apigateway:${AWS::Region}::/usageplans/${PlanId}"): the Resource is not known before deploy (from parameter PlanId, which has no default).',
        ]);
        expect(scanTemplate(text, check, { parameters: { PlanId: 'x9y8z7' } }).passed).toHaveLength(1);
        expect(scanTemplate(text, check, { parameters: { PlanId: '*' } }).failed).toHaveLength(1);
      });
    });

    describe('types within a type, read by one principle for API Gateway paths and other ARNs', () => {
      const samStatements = (statements: string, extra = '') =>
        sam(samFn('Fn', `      Policies:\n        - Statement:\n${statements}`), extra);
      const statement = (action: string, resource: string) =>
        `            - Effect: Allow\n              Action: ${action}\n              Resource: ${resource}\n`;

      it('fails writes on a stage collection, on every stage under anything, on documentation parts, and on every index', () => {
        const { failed, errors } = scanTemplate(
          samStatements(
            statement('apigateway:POST', '!Sub arn:aws:apigateway:${AWS::Region}::/restapis/*/stages') +
              statement('apigateway:DELETE', "'arn:aws:apigateway:*::/*/stages/*'") +
              statement('apigateway:PUT', "'arn:aws:apigateway:us-*::/restapis/*/documentation/parts/*'") +
              statement('dynamodb:UpdateContributorInsights', "'arn:aws:dynamodb:*:*:table/*/index/*'"),
          ),
          check,
        );
        expect(errors).toEqual([]);
        expect(failed.map((f) => f.message)).toEqual([
          'Policies[0], Statement[0]: Allow grants write actions ("apigateway:POST") on every API Gateway stage collection of every REST API in the region ("arn:aws:apigateway:${AWS::Region}::/restapis/*/stages").',
          'Policies[0], Statement[1]: Allow grants write actions ("apigateway:DELETE") on every API Gateway stage of every parent of any kind in every region ("arn:aws:apigateway:*::/*/stages/*").',
          'Policies[0], Statement[2]: Allow grants write actions ("apigateway:PUT") on every API Gateway documentation part of every REST API in regions us-* ("arn:aws:apigateway:us-*::/restapis/*/documentation/parts/*").',
          'Policies[0], Statement[3]: Allow grants write actions ("dynamodb:UpdateContributorInsights") on every DynamoDB index of every table in every account and region ("arn:aws:dynamodb:*:*:table/*/index/*").',
        ]);
      });

      it('passes one parent, one name in every parent, and reads', () => {
        const { failed, unknown, passed } = scanTemplate(
          samStatements(
            statement('apigateway:POST', "'arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages'") +
              statement('apigateway:DELETE', "'arn:aws:apigateway:*::/*/stages/prod'") +
              statement('apigateway:PUT', "'arn:aws:apigateway:*::/restapis/a1b2c3/documentation/parts/*'") +
              statement('dynamodb:UpdateContributorInsights', "'arn:aws:dynamodb:*:*:table/orders/index/*'") +
              statement('[dynamodb:Query, dynamodb:Scan]', "'arn:aws:dynamodb:*:*:table/*/index/*'"),
          ),
          check,
        );
        expect([failed, unknown]).toEqual([[], []]);
        expect(passed).toHaveLength(1);
      });

      describe('counts on a type within a type only the actions that act on that type', () => {
        const orders = `  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
`;
        // The table itself, and every index of every table.
        const resources = `
                - !GetAtt Orders.Arn
                - !Sub arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/*/index/*`;
        const onOrdersAndEveryIndex = (action: string) =>
          sam(samFn('Fn', `      Policies:\n        - Statement:\n${statement(action, resources)}`) + orders);

        it('passes item writes on every index of every table: PutItem acts on a table, not an index', () => {
          const { failed, unknown, passed, errors } = scanTemplate(
            onOrdersAndEveryIndex('[dynamodb:PutItem, dynamodb:Query]'),
            check,
          );
          expect(errors).toEqual([]);
          expect([failed, unknown]).toEqual([[], []]);
          expect(passed).toHaveLength(1);
        });

        it('reads a type the catalog leaves to a variable as any type: every Kinesis consumer of every stream', () => {
          const consumers =
            ' !Sub arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/*/consumer/*';
          const onConsumers = (action: string) =>
            scanTemplate(
              sam(samFn('Fn', `      Policies:\n        - Statement:\n${statement(action, consumers)}`)),
              check,
            );
          const deregister = onConsumers('kinesis:DeregisterStreamConsumer');
          expect(deregister.failed.map((f) => f.message)).toEqual([
            expect.stringContaining('every Kinesis consumer of every stream'),
          ]);
          // PutRecord acts on a stream, never on a consumer.
          const put = onConsumers('kinesis:PutRecord');
          expect([put.failed, put.unknown, put.passed.length]).toEqual([[], [], 1]);
        });

        it('passes a word between wildcards that is no type of the service: part of a name, some resources', () => {
          for (const [action, arn] of [
            ['ssm:PutParameter', 'ssm:${AWS::Region}:${AWS::AccountId}:parameter/*/config/*'],
            [
              'secretsmanager:PutSecretValue',
              'secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:*/prod/*',
            ],
          ]) {
            const text = sam(
              samFn(
                'Fn',
                `      Policies:\n        - Statement:\n${statement(action as string, ` !Sub arn:\${AWS::Partition}:${arn}`)}`,
              ),
            );
            const { failed, unknown, passed } = scanTemplate(text, check);
            expect([failed, unknown, passed.length], arn).toEqual([[], [], 1]);
          }
        });

        it('fails the writes that act on an index, naming them alone (UpdateContributorInsights, dynamodb:*)', () => {
          const where = 'every DynamoDB index of every table in the account and region';
          const on = '"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*/index/*"';
          const named = scanTemplate(
            onOrdersAndEveryIndex('[dynamodb:PutItem, dynamodb:UpdateContributorInsights]'),
            check,
          );
          expect(named.failed.map((f) => f.message)).toEqual([
            `Policies[0], Statement[0]: Allow grants write actions ("dynamodb:UpdateContributorInsights") on ${where} (${on}).`,
          ]);
          const all = scanTemplate(onOrdersAndEveryIndex('dynamodb:*'), check);
          expect(all.failed.map((f) => f.message)).toEqual([
            `Policies[0], Statement[0]: Allow grants write actions ("dynamodb:*") on ${where} (${on}): ` +
              'dynamodb:UpdateContributorInsights.',
          ]);
          const update = scanTemplate(onOrdersAndEveryIndex('dynamodb:Update*'), check);
          expect(update.failed.map((f) => f.message)).toEqual([
            `Policies[0], Statement[0]: Allow grants write actions ("dynamodb:Update*") on ${where} (${on}): ` +
              'dynamodb:UpdateContributorInsights.',
          ]);
        });

        it('reads every log stream of every log group from the catalog: stream writes fail, group writes pass', () => {
          const streams = "'arn:aws:logs:*:*:log-group:*:log-stream:*'";
          const { failed } = scanTemplate(
            samStatements(
              statement('[logs:DeleteLogStream, logs:DeleteLogGroup]', streams) +
                statement('[logs:PutRetentionPolicy, logs:DeleteLogGroup]', streams),
            ),
            check,
          );
          expect(failed.map((f) => f.message)).toEqual([
            'Policies[0], Statement[0]: Allow grants write actions ("logs:DeleteLogStream") on every CloudWatch Logs log-stream of every log-group in every account and region ("arn:aws:logs:*:*:log-group:*:log-stream:*").',
          ]);
          // logs:PutLogEvents does act on a log stream; it is Lambda's own logging, which this check leaves out.
          const logging = scanTemplate(samStatements(statement('logs:PutLogEvents', streams)), check);
          expect(logging.failed).toEqual([]);
          expect(logging.passed.map((f) => f.message)).toEqual([
            expect.stringContaining('(left out: logs:PutLogEvents)'),
          ]);
        });

        it('keeps API Gateway paths as they were: its PATCH acts on a stage, so every stage of every REST API fails', () => {
          const { failed } = scanTemplate(
            samStatements(statement('apigateway:PATCH', "'arn:aws:apigateway:*::/restapis/*/stages/*'")),
            check,
          );
          expect(failed.map((f) => f.message)).toEqual([
            'Policies[0], Statement[0]: Allow grants write actions ("apigateway:PATCH") on every API Gateway stage of every REST API in every region ("arn:aws:apigateway:*::/restapis/*/stages/*").',
          ]);
        });

        it('is unknown when a parameter without default names the index of every table, for an index write only', () => {
          const text = (action: string) =>
            samStatements(
              statement(
                action,
                '!Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*/index/${Index}',
              ),
              'Parameters:\n  Index: { Type: String }\n',
            );
          const update = scanTemplate(text('dynamodb:UpdateContributorInsights'), check);
          expect(update.failed).toEqual([]);
          expect(update.unknown.map((f) => f.message)).toEqual([
            'Policies[0], Statement[0] may grant write actions ("dynamodb:UpdateContributorInsights") on every DynamoDB index of every table in the account and region ("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*/index/${Index}"): the Resource is not known before deploy (from parameter Index, which has no default).',
          ]);
          const put = scanTemplate(text('dynamodb:PutItem'), check);
          expect([put.failed, put.unknown]).toEqual([[], []]);
          expect(put.passed).toHaveLength(1);
        });
      });

      it('names only the table when the same statement also names its indexes (DynamoDBCrudPolicy)', () => {
        const text = samStatements(
          statement(
            'dynamodb:PutItem',
            '[!Sub "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}", !Sub "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/index/*"]',
          ),
          'Parameters:\n  Table: { Type: String }\n',
        );
        expect(scanTemplate(text, check).unknown.map((f) => f.message)).toEqual([
          'Policies[0], Statement[0] may grant write actions ("dynamodb:PutItem") on every DynamoDB table in the account and region ("arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}"): the Resource is not known before deploy (from parameter Table, which has no default).',
        ]);
      });

      it('is unknown when a parameter without default names the parent, and fails when it is given as *', () => {
        const text = samStatements(
          statement('apigateway:POST', '!Sub arn:aws:apigateway:${AWS::Region}::/restapis/${ApiId}/stages') +
            statement(
              'dynamodb:UpdateContributorInsights',
              '!Sub arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/index/*',
            ),
          'Parameters:\n  ApiId: { Type: String }\n  Table: { Type: String }\n',
        );
        const { failed, unknown } = scanTemplate(text, check);
        expect(failed).toEqual([]);
        expect(unknown.map((f) => f.message)).toEqual([
          'Policies[0], Statement[0] may grant write actions ("apigateway:POST") on every API Gateway stage collection of every REST API in the region ("arn:aws:apigateway:${AWS::Region}::/restapis/${ApiId}/stages"): the Resource is not known before deploy (from parameter ApiId, which has no default).',
          'Policies[0], Statement[1] may grant write actions ("dynamodb:UpdateContributorInsights") on every DynamoDB index of every table in the account and region ("arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/index/*"): the Resource is not known before deploy (from parameter Table, which has no default).',
        ]);
        const given = { parameters: { ApiId: 'a1b2c3', Table: 'orders' } };
        expect(scanTemplate(text, check, given).passed).toHaveLength(1);
        expect(scanTemplate(text, check, { parameters: { ApiId: '*', Table: '*' } }).failed).toHaveLength(2);
      });
    });

    describe('wildcards read exactly as IAM matches them', () => {
      const samStatements = (statements: string, extra = '') =>
        sam(samFn('Fn', `      Policies:\n        - Statement:\n${statements}`), extra);
      const statement = (action: string, resource: string) =>
        `            - Effect: Allow\n              Action: ${action}\n              Resource: ${resource}\n`;
      const scan = (statements: string, extra = '', parameters?: Record<string, string>) =>
        scanTemplate(samStatements(statements, extra), check, parameters ? { parameters } : {});

      describe('table/*/* names what lies under every table (a second `/`), not the tables', () => {
        const under = "'arn:aws:dynamodb:us-east-1:123456789012:table/*/*'";

        it('passes item writes and reads on it: PutItem acts on a table, which `table/orders` (no second `/`) is', () => {
          const { failed, unknown, passed, errors } = scan(
            statement('[dynamodb:PutItem, dynamodb:DeleteItem, dynamodb:Query]', under),
          );
          expect(errors).toEqual([]);
          expect([failed, unknown]).toEqual([[], []]);
          // The pass says why: the writes (not the read) act on a table, which the ARN does not name.
          expect(passed.map((f) => f.message)).toEqual([
            'no statement allows write actions on every resource, or on every resource of a type ' +
              '("arn:aws:dynamodb:us-east-1:123456789012:table/*/*" names every DynamoDB resource under every table ' +
              'in region us-east-1 of account 123456789012, which dynamodb:DeleteItem and dynamodb:PutItem do not act on)',
          ]);
        });

        it('fails the writes that act on an index, a stream or a backup: every one of those', () => {
          const { failed } = scan(
            statement('[dynamodb:PutItem, dynamodb:UpdateContributorInsights, dynamodb:DeleteBackup]', under),
          );
          expect(failed.map((f) => f.message)).toEqual([
            'Policies[0], Statement[0]: Allow grants write actions ("dynamodb:UpdateContributorInsights", ' +
              '"dynamodb:DeleteBackup") on every DynamoDB resource under every table in region us-east-1 of account ' +
              `123456789012 (${under.replaceAll("'", '"')}).`,
          ]);
          // With every table beside it, the statement names the tables: the item writes fail there.
          const both = scan(statement('dynamodb:PutItem', `[${under}, 'arn:aws:dynamodb:*:*:table/*']`));
          expect(both.failed.map((f) => f.message)).toEqual([
            expect.stringContaining(
              '("dynamodb:PutItem") on every DynamoDB table in every account and region',
            ),
          ]);
        });

        it('is unknown for an index write when a parameter without default may be `*`; item writes still pass', () => {
          const text = (action: string) =>
            samStatements(
              statement(action, '!Sub arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/*'),
              'Parameters:\n  Table: { Type: String }\n',
            );
          const tag = scanTemplate(text('dynamodb:TagResource'), check);
          expect(tag.failed).toEqual([]);
          expect(tag.unknown.map((f) => f.message)).toEqual([
            expect.stringContaining(
              'may grant write actions ("dynamodb:TagResource") on every DynamoDB resource under every table',
            ),
          ]);
          expect(
            scanTemplate(text('dynamodb:TagResource'), check, { parameters: { Table: '*' } }).failed,
          ).toHaveLength(1);
          const put = scanTemplate(text('dynamodb:PutItem'), check);
          expect([put.failed, put.unknown, put.passed.length]).toEqual([[], [], 1]);
        });
      });

      describe('API Gateway paths count the actions the catalog says act on what they name', () => {
        it('passes POST and PUT on every stage: POST acts on the stage collection, PUT on neither', () => {
          const { failed, unknown, passed } = scan(
            statement('[apigateway:POST, apigateway:PUT]', "'arn:aws:apigateway:*::/apis/*/stages/*'") +
              statement('[apigateway:POST, apigateway:PUT]', "'arn:aws:apigateway:*::/restapis/*/stages/*'"),
          );
          expect([failed, unknown]).toEqual([[], []]);
          expect(passed).toHaveLength(1);
        });

        it('fails PATCH on every stage, and POST on the stage collection of every API', () => {
          const { failed } = scan(
            statement('[apigateway:PATCH, apigateway:PUT]', "'arn:aws:apigateway:*::/apis/*/stages/*'") +
              statement('[apigateway:POST, apigateway:PATCH]', "'arn:aws:apigateway:*::/apis/*/stages'"),
          );
          expect(failed.map((f) => f.message)).toEqual([
            'Policies[0], Statement[0]: Allow grants write actions ("apigateway:PATCH") on every API Gateway stage of every HTTP or WebSocket API in every region ("arn:aws:apigateway:*::/apis/*/stages/*").',
            'Policies[0], Statement[1]: Allow grants write actions ("apigateway:POST") on every API Gateway stage collection of every HTTP or WebSocket API in every region ("arn:aws:apigateway:*::/apis/*/stages").',
          ]);
        });

        it('reads /restapis/*/* as what lies under every REST API: POST creates stages there; not the APIs', () => {
          const under = "'arn:aws:apigateway:*::/restapis/*/*'";
          const post = scan(statement('apigateway:POST', under));
          expect(post.failed.map((f) => f.message)).toEqual([
            'Policies[0], Statement[0]: Allow grants write actions ("apigateway:POST") on every API Gateway resource under every REST API in every region ("arn:aws:apigateway:*::/restapis/*/*").',
          ]);
        });

        it("still counts every action on a type the catalog lists for none (API Gateway V2's routes and APIs)", () => {
          // The catalog keeps V1's resource types for the verbs V1 and V2 share: it knows no write on a route.
          const { failed } = scan(
            statement('apigateway:DELETE', "'arn:aws:apigateway:us-east-1::/apis/*/routes/*'") +
              statement('apigateway:PUT', "'arn:aws:apigateway:us-east-1::/apis/*'"),
          );
          expect(failed.map((f) => f.message)).toEqual([
            expect.stringContaining('every API Gateway route of every HTTP or WebSocket API'),
            expect.stringContaining('every API Gateway HTTP or WebSocket API in region us-east-1'),
          ]);
        });

        it('is unknown when a parameter without default names the API, for DELETE; PUT still passes', () => {
          const text = (action: string) =>
            samStatements(
              statement(action, '!Sub arn:aws:apigateway:${AWS::Region}::/apis/${ApiId}/stages/*'),
              'Parameters:\n  ApiId: { Type: String }\n',
            );
          const remove = scanTemplate(text('apigateway:DELETE'), check);
          expect(remove.failed).toEqual([]);
          expect(remove.unknown.map((f) => f.message)).toEqual([
            expect.stringContaining(
              'may grant write actions ("apigateway:DELETE") on every API Gateway stage of every HTTP or WebSocket API',
            ),
          ]);
          const put = scanTemplate(text('apigateway:PUT'), check);
          expect([put.failed, put.unknown, put.passed.length]).toEqual([[], [], 1]);
        });
      });

      describe('`?` is exactly one character: no AWS text fixes the length of an API Gateway id', () => {
        it('passes ids of `?` (the ids of that length: some), and fails `*` beside them', () => {
          const some = scan(
            statement('apigateway:DELETE', "'arn:aws:apigateway:*::/restapis/??????????'") +
              statement('apigateway:PATCH', "'arn:aws:apigateway:*::/restapis/??????????/stages/*'") +
              statement('apigateway:PATCH', "'arn:aws:apigateway:*::/restapis/*/stages/????'"),
          );
          expect([some.failed, some.unknown, some.passed.length]).toEqual([[], [], 1]);
          const every = scan(statement('apigateway:DELETE', "'arn:aws:apigateway:*::/restapis/*'"));
          expect(every.failed).toHaveLength(1);
        });

        it('is unknown when the id comes from a parameter without default; `?` given passes, `*` given fails', () => {
          const text = samStatements(
            statement('apigateway:DELETE', '!Sub arn:aws:apigateway:${AWS::Region}::/restapis/${ApiId}'),
            'Parameters:\n  ApiId: { Type: String }\n',
          );
          expect(scanTemplate(text, check).unknown).toHaveLength(1);
          const given = (ApiId: string) => scanTemplate(text, check, { parameters: { ApiId } });
          expect([given('??????????').failed, given('??????????').unknown]).toEqual([[], []]);
          expect(given('*').failed).toHaveLength(1);
        });
      });
    });

    it("fails kms:Decrypt on every key, saying that IAM's access levels call it Write", () => {
      const { failed } = scanTemplate(
        appRole(
          inline(
            allow('kms:Decrypt', "!Sub 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*'") +
              allow('kms:GenerateDataKey*', 'arn:aws:kms:*:*:key/*') +
              // With a key change beside it, the finding needs no such word.
              allow('[kms:Decrypt, kms:ScheduleKeyDeletion]', 'arn:aws:kms:*:*:key/*'),
          ),
        ),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0]: Allow grants write actions ("kms:Decrypt") on every KMS key in the account and region ("arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*") ' +
          "(kms:Decrypt is a Write action in IAM's access levels).",
        'inline policy app, Statement[1]: Allow grants write actions ("kms:GenerateDataKey*") on every KMS key in every account and region ("arn:aws:kms:*:*:key/*"): kms:GenerateDataKey, kms:GenerateDataKeyPair, kms:GenerateDataKeyPairWithoutPlaintext, kms:GenerateDataKeyWithoutPlaintext ' +
          "(these KMS key uses are Write actions in IAM's access levels).",
        'inline policy app, Statement[2]: Allow grants write actions ("kms:Decrypt", "kms:ScheduleKeyDeletion") on every KMS key in every account and region ("arn:aws:kms:*:*:key/*").',
      ]);
    });

    it('is unknown when a parameter without default could make the name a wildcard, and passes when given', () => {
      const text = appRole(
        inline(allow('dynamodb:PutItem', `!Sub 'arn:aws:dynamodb:us-east-1:123456789012:table/\${Prefix}*'`)),
        'Parameters:\n  Prefix: { Type: String }\n',
      );
      const { failed, unknown } = scanTemplate(text, check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0] may grant write actions ("dynamodb:PutItem") on every DynamoDB table in region us-east-1 of account 123456789012 ("arn:aws:dynamodb:us-east-1:123456789012:table/${Prefix}*"): the Resource is not known before deploy (from parameter Prefix, which has no default).',
      ]);
      // An empty prefix is every table; a given one is not.
      expect(scanTemplate(text, check, { parameters: { Prefix: '' } }).failed).toHaveLength(1);
      expect(scanTemplate(text, check, { parameters: { Prefix: 'orders-' } }).passed).toHaveLength(1);
    });
  });

  it('is unknown for a SAM policy template whose bucket comes from a parameter without default', () => {
    const text = sam(
      samFn(
        'Fn',
        `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref BucketParam
`,
      ),
      'Parameters:\n  BucketParam: { Type: String }\n',
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('from parameter BucketParam, which has no default');
    expect(scanTemplate(text, check, { parameters: { BucketParam: 'uploads' } }).passed).toHaveLength(1);
  });

  describe("a parameter's constraints", () => {
    const withBucket = (declaration: string) =>
      sam(
        samFn(
          'Fn',
          `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref ExistingBucket
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub arn:\${AWS::Partition}:s3:::\${ExistingBucket}/*
`,
        ),
        `Parameters:\n  ExistingBucket:\n${declaration}`,
      );

    it('passes a bucket name whose AllowedPattern cannot match * or ?', () => {
      const { failed, unknown, passed } = scanTemplate(
        withBucket("    Type: String\n    AllowedPattern: '^[a-z0-9.-]*$'\n"),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    });

    it('passes a bucket name whose AllowedValues hold no wildcard', () => {
      const { failed, unknown } = scanTemplate(
        withBucket('    Type: String\n    AllowedValues: [uploads-dev, uploads-prod]\n'),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
    });

    it('stays unknown when the pattern allows * or cannot be read, or one allowed value is *', () => {
      for (const declaration of [
        "    Type: String\n    AllowedPattern: '^[a-z0-9.*-]*$'\n",
        "    Type: String\n    AllowedPattern: '.+'\n",
        "    Type: String\n    AllowedValues: [uploads, '*']\n",
        '    Type: String\n',
      ]) {
        const { failed, unknown } = scanTemplate(withBucket(declaration), check);
        expect({ declaration, failed }).toEqual({ declaration, failed: [] });
        expect(unknown.map((f) => f.message)).toEqual([
          expect.stringContaining('(from parameter ExistingBucket, which has no default)'),
          expect.stringContaining('(from parameter ExistingBucket, which has no default)'),
        ]);
      }
    });

    it('still fails an allowed * once it is given, and a prefix that may be empty before a * stays unknown', () => {
      const text = withBucket("    Type: String\n    AllowedValues: [uploads, '*']\n");
      expect(scanTemplate(text, check, { parameters: { ExistingBucket: '*' } }).failed).toHaveLength(2);
      // `^[a-z-]*$` keeps wildcards out, but an empty prefix leaves `table/*`: every table.
      const { failed, unknown } = scanTemplate(
        appRole(
          inline(
            allow('dynamodb:PutItem', `!Sub 'arn:aws:dynamodb:us-east-1:123456789012:table/\${Prefix}*'`),
          ),
          "Parameters:\n  Prefix: { Type: String, AllowedPattern: '^[a-z-]*$' }\n",
        ),
        check,
      );
      expect(failed).toEqual([]);
      expect(unknown[0]?.message).toContain('every DynamoDB table');
    });
  });

  describe("Lambda's own logging", () => {
    it('passes the statement AWSLambdaBasicExecutionRole holds, written inline on "*" or on every log group', () => {
      const { failed, unknown, passed } = scanTemplate(
        sam(
          samFn(
            'Fn',
            `      Policies:
        - Statement:
            - Effect: Allow
              Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents]
              Resource: '*'
            - Effect: Allow
              Action: [logs:CreateLogStream, logs:PutLogEvents]
              Resource: !Sub arn:\${AWS::Partition}:logs:*:*:*
`,
          ),
        ),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toBe(
        'no statement allows write actions on every resource, or on every resource of a type ' +
          '(left out: logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents)',
      );
    });

    it('still fails any other write in the same statement, and logs:* on "*"', () => {
      const { failed } = scanTemplate(
        appRole(
          inline(`              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents, logs:DeleteLogGroup, s3:PutObject]
                Resource: '*'
              - Effect: Allow
                Action: logs:*
                Resource: '*'
`),
        ),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0]: Allow grants write actions ("logs:DeleteLogGroup", "s3:PutObject") on every resource.',
        expect.stringMatching(
          /^inline policy app, Statement\[1\]: Allow grants write actions \("logs:\*"\) on every resource: logs:\w+/,
        ),
      ]);
      expect(failed[1]?.message).not.toMatch(/logs:(CreateLogGroup|CreateLogStream|PutLogEvents)\b/);
    });
  });

  describe('the network interfaces Lambda manages in a VPC', () => {
    it("passes SAM's VPCAccessPolicy on a VPC function", () => {
      const { failed, unknown, passed } = scanTemplate(
        sam(
          samFn(
            'Fn',
            `      Policies:
        - VPCAccessPolicy: {}
      VpcConfig:
        SecurityGroupIds: [sg-0123456789abcdef0]
        SubnetIds: [subnet-0123456789abcdef0]
`,
          ),
        ),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toBe(
        'no statement allows write actions on every resource, or on every resource of a type ' +
          '(left out: ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:DetachNetworkInterface)',
      );
    });

    it('passes the same grant written inline on "*" for an event source (Amazon MQ), in a function outside any VPC', () => {
      const { failed, unknown, passed } = scanTemplate(
        sam(
          samFn(
            'Listener',
            `      Policies:
        - Statement:
            - Effect: Allow
              Resource: '*'
              Action:
                - mq:DescribeBroker
                - ec2:CreateNetworkInterface
                - ec2:DescribeNetworkInterfaces
                - ec2:DeleteNetworkInterface
                - ec2:AssignPrivateIpAddresses
                - ec2:UnassignPrivateIpAddresses
                - ec2:DescribeSubnets
`,
          ),
        ),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    });

    it('still fails any other ec2 write on "*" beside them, and ec2:* on "*"', () => {
      const { failed } = scanTemplate(
        appRole(
          inline(`              - Effect: Allow
                Action: [ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface, ec2:CreateVpc]
                Resource: '*'
              - Effect: Allow
                Action: ec2:*NetworkInterface
                Resource: '*'
`),
        ),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0]: Allow grants write actions ("ec2:CreateVpc") on every resource.',
        expect.stringMatching(
          /^inline policy app, Statement\[1\]: Allow grants write actions \("ec2:\*NetworkInterface"\) on every resource: ec2:AttachNetworkInterface/,
        ),
      ]);
      expect(failed[1]?.message).not.toMatch(/ec2:(Create|Delete|Detach)NetworkInterface\b/);
    });

    it('is unknown when the Action that sits beside them is not known before deploy', () => {
      const { failed, unknown } = scanTemplate(
        appRole(
          inline(`              - Effect: Allow
                Action: [ec2:CreateNetworkInterface, !Ref ExtraAction]
                Resource: '*'
`),
          'Parameters:\n  ExtraAction: { Type: String }\n',
        ),
        check,
      );
      expect(failed).toEqual([]);
      expect(unknown).toHaveLength(1);
      expect(unknown[0]?.message).toContain('from parameter ExtraAction, which has no default');
    });
  });
});

describe('iam.role-wildcard-resource-write on a parameter that names a bucket the template creates', () => {
  /** Fn with S3CrudPolicy on parameter BucketName, and a bucket named by `name` (with `more` lines). */
  const template = (name: string, more = '', extra = '') =>
    sam(
      `  Bucket:
    Type: AWS::S3::Bucket
${more}    Properties:
      BucketName: ${name}
${samFn('Fn', '      Policies:\n        - S3CrudPolicy:\n            BucketName: !Ref BucketName\n')}`,
      `Parameters:\n  BucketName:\n    Type: String\n${extra}`,
    );

  it('passes: a deploy giving it a wildcard fails (bucket names hold none), so it names that one bucket', () => {
    const { failed, unknown, passed } = scanTemplate(template('!Ref BucketName'), check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.resource.id)).toEqual(['Fn']);
  });

  it('stays unknown when the bucket exists only by a condition, or is named otherwise', () => {
    const conditional = template(
      '!Ref BucketName',
      '    Condition: Make\n',
      'Conditions:\n  Make: !Equals [!Ref BucketName, x]\n',
    );
    expect(scanTemplate(conditional, check).unknown).toHaveLength(1);
    expect(scanTemplate(template('my-bucket'), check).unknown).toHaveLength(1);
  });
});

describe('iam.role-wildcard-resource-write on a template nested more than once', () => {
  /** child.yaml: role AppRole of function Fn, allowing s3:PutObject on the objects parameter Objects names. */
  const CHILD = appRole(
    inline(allow('s3:PutObject', '!Ref Objects')),
    'Parameters:\n  Objects:\n    Type: String\n',
  );
  const BUCKET = 'arn:aws:s3:::orders/*';
  const objects = (...texts: string[]) => texts.map((text) => ({ parameters: { Objects: `'${text}'` } }));
  const found = (scan: ReturnType<typeof scanNestings>) =>
    scan.of('iam.role-wildcard-resource-write', 'AppRole');

  it('fails when one nesting gives "*": that copy of the role writes everywhere, and the finding names it', () => {
    const result = found(scanNestings(CHILD, objects(BUCKET, '*')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toContain(' where ${Objects} is * (one of ');
  });

  it('passes when every nesting names one bucket', () => {
    expect(
      found(scanNestings(CHILD, objects(BUCKET, 'arn:aws:s3:::invoices/*'))).map((f) => f.status),
    ).toEqual(['pass']);
  });

  it('is unknown when the nesting giving "*" gives it by default', () => {
    const byDefault = scanNestings(
      CHILD,
      [...objects(BUCKET), { parameters: { Objects: '!Ref Given' } }],
      defaultHeader('*'),
    );
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});
