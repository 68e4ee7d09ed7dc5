// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check, { SENSITIVE_READS } from '../../../src/checks/iam/role-wildcard-resource-read.js';
import { matchingActions } from '../../../src/iam/actions.js';
import { knownAwsManagedPolicy } from '../../../src/iam/aws-managed-data.js';
import { DEPRECATED_READ_POLICIES } from '../../../src/iam/deprecated-read-policies.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { allow, appRole, fn, inline, role, sam, samFn } from './fixtures.js';

const PASS = 'no statement allows sensitive reads on every resource, or on every resource of a type';
/** The logs reads that accept only `*`, which `*` less a Deny of `NotAction: logs:*` grants: named, not failed. */
const LOGS_STAR_ONLY =
  ' (left out, as they accept only "*": logs:DescribeAccountPolicies, logs:DescribeConfigurationTemplates, ' +
  'logs:DescribeDeliveries, logs:DescribeDeliveryDestinations, logs:DescribeDeliverySources and 29 more)';

/** What ReadOnlyAccess (v188) grants of the reads, in its two statements that grant any. */
const READ_ONLY_GROUP_1 =
  'AWS managed policy ReadOnlyAccess, Sid ReadOnlyActionsGroup1: Allow grants sensitive reads ("dynamodb:BatchGet*", ' +
  '"dynamodb:Get*", "dynamodb:PartiQLSelect", "dynamodb:Query", "dynamodb:Scan", "ecr:BatchGet*", "ecr:Get*") on ' +
  'every resource: dynamodb:BatchGetItem, dynamodb:GetItem, dynamodb:GetRecords, dynamodb:PartiQLSelect, ' +
  'dynamodb:Query and 3 more.';
const READ_ONLY_GROUP_2 =
  'AWS managed policy ReadOnlyAccess, Sid ReadOnlyActionsGroup2: Allow grants sensitive reads ("kinesis:Get*", ' +
  '"lambda:Get*", "s3:Get*", "sqs:Receive*", "ssm:Get*") on every resource: kinesis:GetRecords, lambda:GetFunction, ' +
  's3:GetObject, s3:GetObjectVersion, sqs:ReceiveMessage and 4 more.';

/** The role AppRole of function Fn with `ManagedPolicyArns` of these AWS managed policies (`path/name`). */
function managed(...names: string[]): string {
  return appRole(
    `      ManagedPolicyArns:\n${names.map((name) => `        - arn:aws:iam::aws:policy/${name}\n`).join('')}`,
  );
}

describe('iam.role-wildcard-resource-read', () => {
  it('lists only actions the IAM action catalog knows, none of them Write (kms:Decrypt is the write check’s)', () => {
    for (const name of SENSITIVE_READS) {
      const found = matchingActions(name);
      expect(typeof found === 'string' ? [] : found.map((action) => action.name), name).toEqual([name]);
      expect(typeof found !== 'string' && found[0]?.levels.has('Read'), name).toBe(true);
    }
  });

  it('fails the reads of secrets, parameters and objects on "*" and points at the statement', () => {
    const { failed, errors } = scanTemplate(
      appRole(inline(allow('[secretsmanager:GetSecretValue, ssm:GetParameters, s3:GetObject]', "'*'"))),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed.map((f) => [f.resource.id, f.message, f.location.line, f.severity])).toEqual([
      [
        'AppRole',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("secretsmanager:GetSecretValue", ' +
          '"ssm:GetParameters", "s3:GetObject") on every resource.',
        15,
        'medium',
      ],
    ]);
  });

  it('fails what wildcards and NotAction grant, naming the reads', () => {
    const prefix = scanTemplate(appRole(inline(allow('s3:Get*', "'*'"))), check).failed;
    expect(prefix.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:Get*") on every resource: ' +
        's3:GetObject, s3:GetObjectVersion.',
    ]);
    const service = scanTemplate(appRole(inline(allow('secretsmanager:*', "'*'"))), check).failed;
    expect(service.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("secretsmanager:*") on every resource: ' +
        'secretsmanager:GetSecretValue.',
    ]);
    const notAction = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                NotAction: [iam:*, s3:*]
                Resource: '*'
`),
      ),
      check,
    ).failed;
    expect(notAction.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow with NotAction grants sensitive reads on every resource: ' +
        'dynamodb:BatchGetItem, dynamodb:GetItem, dynamodb:GetRecords, dynamodb:PartiQLSelect, dynamodb:Query and 11 more.',
    ]);
  });

  it('fails the reads on every resource of a type, and passes them on named resources', () => {
    const everyObject = scanTemplate(appRole(inline(allow('s3:GetObject', "'arn:aws:s3:::*/*'"))), check);
    expect(everyObject.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every object in every ' +
        'S3 bucket ("arn:aws:s3:::*/*").',
    ]);
    // The catalog's types within types are those of writes: the reads that act on an index are the check's own.
    const everyIndex = scanTemplate(
      appRole(inline(allow('[dynamodb:Query, dynamodb:GetItem]', "'arn:aws:dynamodb:*:*:table/*/index/*'"))),
      check,
    );
    expect(everyIndex.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("dynamodb:Query") on every DynamoDB index of ' +
        'every table in every account and region ("arn:aws:dynamodb:*:*:table/*/index/*").',
    ]);
    const everyParameter = scanTemplate(
      appRole(
        inline(
          allow(
            'ssm:GetParametersByPath',
            '!Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/*',
          ),
        ),
      ),
      check,
    );
    expect(everyParameter.failed).toHaveLength(1);
    for (const resource of [
      "'arn:aws:s3:::uploads/*'",
      "'arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/*'",
      '!Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*',
      '!Sub arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db-*',
    ]) {
      const named = scanTemplate(
        appRole(
          inline(
            allow(
              '[s3:GetObject, ssm:GetParameter, secretsmanager:GetSecretValue, dynamodb:Query]',
              resource,
            ),
          ),
        ),
        check,
      );
      expect(named.failed, resource).toEqual([]);
      expect(named.unknown, resource).toEqual([]);
      expect(named.passed.map((f) => f.message)).toEqual([PASS]);
    }
  });

  it('fails DynamoDB Streams GetRecords on every stream as it fails Kinesis GetRecords, and passes it on one stream', () => {
    // GetRecords of DynamoDB Streams returns the stream's records: the items changed, their images included.
    const star = scanTemplate(
      appRole(inline(allow('[dynamodb:GetRecords, dynamodb:GetShardIterator]', "'*'"))),
      check,
    );
    expect(star.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("dynamodb:GetRecords") on every resource.',
    ]);
    const everyStream = scanTemplate(
      appRole(inline(allow('dynamodb:GetRecords', "'arn:aws:dynamodb:*:*:table/*/stream/*'"))),
      check,
    );
    expect(everyStream.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("dynamodb:GetRecords") on every DynamoDB ' +
        'stream of every table in every account and region ("arn:aws:dynamodb:*:*:table/*/stream/*").',
    ]);
    const one = scanTemplate(
      appRole(
        inline(
          allow('dynamodb:GetRecords', "'arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/*'"),
        ),
      ),
      check,
    );
    expect([one.failed, one.unknown]).toEqual([[], []]);
    const unknownStream = scanTemplate(
      appRole(
        inline(allow('dynamodb:GetRecords', '!Ref StreamArn')),
        'Parameters:\n  StreamArn:\n    Type: String\n',
      ),
      check,
    );
    expect(unknownStream.failed).toEqual([]);
    expect(unknownStream.unknown.length).toBe(1);
  });

  it('passes reads that return no data (Describe, List) on every resource, naming those that accept only "*"', () => {
    const { failed, unknown, passed } = scanTemplate(
      appRole(
        inline(
          allow('[logs:Describe*, s3:ListBucket, ssm:DescribeParameters, dynamodb:DescribeTable]', "'*'"),
        ),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    // s3:ListBucket acts on a bucket: it could be narrowed, but reads no data.
    expect(passed.map((f) => f.message)).toEqual([
      `${PASS} (left out, as they accept only "*": logs:DescribeAccountPolicies, logs:DescribeConfigurationTemplates, ` +
        'logs:DescribeDeliveries, logs:DescribeDeliveryDestinations, logs:DescribeDeliverySources and 12 more)',
    ]);
  });

  it('passes an action the catalog does not know: it is none of the reads listed', () => {
    const { failed, unknown } = scanTemplate(
      appRole(inline(allow('[s3:GetObjekt, foo:GetBar]', "'*'"))),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it('is unknown when the resource comes from a parameter without default, and fails once it is given as *', () => {
    const text = appRole(
      inline(allow('secretsmanager:GetSecretValue', '!Ref SecretArn')),
      'Parameters:\n  SecretArn: { Type: String }\n',
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0] may grant sensitive reads ("secretsmanager:GetSecretValue") on every ' +
        'resource: the Resource is not known before deploy (from parameter SecretArn, which has no default).',
    ]);
    const given = scanTemplate(text, check, { parameters: { SecretArn: '*' } });
    expect(given.failed).toHaveLength(1);
    expect(given.unknown).toEqual([]);
    const named = scanTemplate(text, check, {
      parameters: { SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' },
    });
    expect(named.failed).toEqual([]);
    expect(named.unknown).toEqual([]);
  });

  it('leaves Action "*" on every resource to iam.role-wildcard-action, saying so', () => {
    const { failed, unknown, passed } = scanTemplate(appRole(inline(allow("'*'", "'*'"))), check);
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      `${PASS} (\`Action: "*"\` on every resource is left to iam.role-wildcard-action)`,
    ]);
  });

  describe('Action "*" on every resource that iam.role-wildcard-action does not report as an administrator', () => {
    /** Allow `*` on `*`, then a Deny of every action but `notAction` (a YAML value). */
    const denyAllBut = (notAction: string) =>
      appRole(
        inline(`${allow("'*'", "'*'")}              - Effect: Deny
                NotAction: ${notAction}
                Resource: '*'
`),
        '',
      );

    it("reports the reads a Deny's NotAction leaves, naming them and the Deny", () => {
      const { failed, unknown } = scanTemplate(
        denyAllBut('[secretsmanager:GetSecretValue, s3:GetObject]'),
        check,
      );
      expect(unknown).toEqual([]);
      expect(failed.map((f) => [f.message, f.location.line, f.severity])).toEqual([
        [
          'inline policy app, Statement[0]: Allow grants sensitive reads ("*") on every resource: s3:GetObject, ' +
            'secretsmanager:GetSecretValue (the Deny of inline policy app, Statement[1] cancels 16 sensitive reads, ' +
            'all but those of NotAction secretsmanager:GetSecretValue, s3:GetObject).',
          15,
          'medium',
        ],
      ]);
      const wildcard = scanTemplate(denyAllBut("'s3:Get*'"), check).failed;
      expect(wildcard.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0]: Allow grants sensitive reads ("*") on every resource: s3:GetObject, ' +
          's3:GetObjectVersion (the Deny of inline policy app, Statement[1] cancels 16 sensitive reads, all but ' +
          'those of NotAction s3:Get*).',
      ]);
    });

    it('passes where the Deny leaves no sensitive read, saying what it cancels', () => {
      const { failed, unknown, passed } = scanTemplate(denyAllBut("'logs:*'"), check);
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed.map((f) => f.message)).toEqual([
        `${PASS}${LOGS_STAR_ONLY} (the Deny of inline policy app, Statement[1] cancels 18 sensitive reads, all but those of NotAction logs:*)`,
      ]);
    });

    it('names each NotAction pattern once, as a parameter repeating one leaves it', () => {
      const { passed } = scanTemplate(denyAllBut("['logs:*', 'logs:*']"), check);
      expect(passed.map((f) => f.message)).toEqual([
        `${PASS}${LOGS_STAR_ONLY} (the Deny of inline policy app, Statement[1] cancels 18 sensitive reads, all but those of NotAction logs:*)`,
      ]);
    });

    it('still leaves "*" to iam.role-wildcard-action where a Deny cuts reads but leaves an administrator', () => {
      const text = appRole(
        inline(`${allow("'*'", "'*'")}              - Effect: Deny
                Action: secretsmanager:GetSecretValue
                Resource: '*'
`),
      );
      const { failed, unknown, passed } = scanTemplate(text, check);
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toContain(
        '(`Action: "*"` on every resource is left to iam.role-wildcard-action)',
      );
    });

    it("is unknown where what a Deny's NotAction leaves is not known before deploy, and fails once it is given", () => {
      const text = template(
        role(
          'AppRole',
          inline(`${allow("'*'", "'*'")}              - Effect: Deny
                NotAction: !Ref Kept
                Resource: '*'
`),
        ) + fn('Fn', '!GetAtt AppRole.Arn'),
        'Parameters:\n  Kept: { Type: String }\n',
      );
      const { failed, unknown } = scanTemplate(text, check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0] may grant sensitive reads ("*") on every resource: a Deny may cancel it: ' +
          'the NotAction of that Deny is not known before deploy (from parameter Kept, which has no default).',
      ]);
      const given = scanTemplate(text, check, { parameters: { Kept: 'ssm:GetParameter' } });
      expect(given.unknown).toEqual([]);
      expect(given.failed.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0]: Allow grants sensitive reads ("*") on every resource: ssm:GetParameter ' +
          '(the Deny of inline policy app, Statement[1] cancels 17 sensitive reads, all but those of NotAction ' +
          'ssm:GetParameter).',
      ]);
    });
  });

  it('passes reads a Deny cancels on every resource, saying which', () => {
    const { failed, passed } = scanTemplate(
      appRole(
        inline(`${allow('secretsmanager:GetSecretValue', "'*'")}              - Effect: Deny
                Action: secretsmanager:*
                Resource: '*'
`),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      `${PASS} (the Deny of inline policy app, Statement[1] cancels secretsmanager:GetSecretValue)`,
    ]);
  });

  it('passes reads narrowed by a condition on the secret named', () => {
    const { failed, passed } = scanTemplate(
      appRole(
        inline(`              - Effect: Allow
                Action: secretsmanager:GetSecretValue
                Resource: '*'
                Condition:
                  StringEquals: { secretsmanager:SecretId: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf }
`),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toContain('limits secretsmanager:GetSecretValue to');
  });

  it("fails SAM read policy templates given '*', and passes them given a name", () => {
    const policies = (value: string) =>
      sam(
        samFn(
          'Fn',
          `      Policies:
        - AWSSecretsManagerGetSecretValuePolicy: { SecretArn: ${value} }
        - SQSPollerPolicy: { QueueName: ${value} }
`,
        ),
      );
    expect(scanTemplate(policies("'*'"), check).failed.map((f) => f.message)).toEqual([
      'AWSSecretsManagerGetSecretValuePolicy (Policies[0]): Allow grants sensitive reads ' +
        '("secretsmanager:GetSecretValue") on every resource.',
      'SQSPollerPolicy (Policies[1]): Allow grants sensitive reads ("sqs:ReceiveMessage") on every SQS queue in the ' +
        'account and region ("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*").',
    ]);
    const named = scanTemplate(policies('jobs'), check);
    expect([named.failed, named.unknown]).toEqual([[], []]);
  });

  describe('a permissions boundary of the template', () => {
    /** AppRole with `body` under a boundary allowing `action` on `*`. */
    const bounded = (body: string, action: string) =>
      template(
        role('AppRole', `      PermissionsBoundary: !Ref Boundary\n${body}`) +
          fn('Fn', '!GetAtt AppRole.Arn') +
          `  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: ${action}, Resource: '*' }
`,
      );
    const reads = inline(allow('secretsmanager:GetSecretValue', "'*'"));
    const readOnly = '      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n';

    it('keeps ReadOnlyAccess where the boundary allows a read it grants beyond S3, SSM, DynamoDB items and Lambda', () => {
      // ReadOnlyAccess grants sqs:Receive*, kinesis:Get*, ecr:Get* and ecr:BatchGet* too (its version v188), in two
      // statements: the one the boundary lets through fails.
      for (const [action, sid] of [
        ['sqs:ReceiveMessage', 'ReadOnlyActionsGroup2'],
        ['kinesis:GetRecords', 'ReadOnlyActionsGroup2'],
        ['ecr:BatchGetImage', 'ReadOnlyActionsGroup1'],
        ['dynamodb:PartiQLSelect', 'ReadOnlyActionsGroup1'],
      ] as const) {
        const { failed } = scanTemplate(bounded(readOnly, action), check);
        expect(
          failed.map((f) => f.message.split(':')[0]),
          action,
        ).toEqual([`AWS managed policy ReadOnlyAccess, Sid ${sid}`]);
      }
    });

    it('rules out the reads, and ReadOnlyAccess, where it allows none of them', () => {
      for (const body of [reads, readOnly]) {
        const { failed, unknown, passed } = scanTemplate(bounded(body, '[logs:PutLogEvents]'), check);
        expect([failed, unknown]).toEqual([[], []]);
        expect(passed[0]?.message).toMatch(
          /is limited by its permissions boundary Boundary, which allows no such grant\)$/,
        );
      }
    });

    it('reports the reads of "*" it allows, which make no administrator', () => {
      const { failed, unknown } = scanTemplate(
        bounded(inline(allow("'*'", "'*'")), '[s3:GetObject, secretsmanager:GetSecretValue]'),
        check,
      );
      expect(unknown).toEqual([]);
      expect(failed.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0]: Allow grants sensitive reads ("*") on every resource: s3:GetObject, ' +
          'secretsmanager:GetSecretValue; its permissions boundary Boundary allows sensitive reads ("s3:GetObject", ' +
          '"secretsmanager:GetSecretValue") on every resource.',
      ]);
    });

    it('leaves "*" to iam.role-wildcard-action under a boundary Parapet cannot read (it reports an administrator)', () => {
      const text = appRole(
        `      PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary\n${inline(allow("'*'", "'*'"))}`,
      );
      const { failed, unknown, passed } = scanTemplate(text, check);
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toContain(
        '(`Action: "*"` on every resource is left to iam.role-wildcard-action)',
      );
    });

    it('leaves "*" to iam.role-wildcard-action where it allows "*" too', () => {
      const { failed, unknown, passed } = scanTemplate(bounded(inline(allow("'*'", "'*'")), "'*'"), check);
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toContain(
        '(`Action: "*"` on every resource is left to iam.role-wildcard-action)',
      );
    });

    it('keeps the reads it allows too, naming what it allows', () => {
      const { failed } = scanTemplate(bounded(reads, "'secretsmanager:*'"), check);
      expect(failed.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0]: Allow grants sensitive reads ("secretsmanager:GetSecretValue") on every ' +
          'resource; its permissions boundary Boundary allows sensitive reads ("secretsmanager:*") on every resource.',
      ]);
      const managed = scanTemplate(bounded(readOnly, "'s3:GetObject'"), check);
      expect(managed.failed).toHaveLength(1);
    });
  });

  describe('AWS managed policies', () => {
    it('fails ReadOnlyAccess and the service read-only policies statement by statement, pointing at each entry', () => {
      const { failed } = scanTemplate(
        managed(
          'ReadOnlyAccess',
          'AmazonS3ReadOnlyAccess',
          'AmazonSSMReadOnlyAccess',
          'AmazonDynamoDBReadOnlyAccess',
        ),
        check,
      );
      expect(failed.map((f) => [f.message, f.location.line])).toEqual([
        [READ_ONLY_GROUP_1, 12],
        [READ_ONLY_GROUP_2, 12],
        [
          'AWS managed policy AmazonS3ReadOnlyAccess, Statement[0]: Allow grants sensitive reads ("s3:Get*") on ' +
            'every resource: s3:GetObject, s3:GetObjectVersion.',
          13,
        ],
        [
          'AWS managed policy AmazonSSMReadOnlyAccess, Statement[0]: Allow grants sensitive reads ("ssm:Get*") on ' +
            'every resource: ssm:GetParameter, ssm:GetParameterHistory, ssm:GetParameters, ssm:GetParametersByPath.',
          14,
        ],
        [
          'AWS managed policy AmazonDynamoDBReadOnlyAccess, Sid GeneralReadOnlyAccess: Allow grants sensitive reads ' +
            '("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", ' +
            '"dynamodb:PartiQLSelect") on every resource.',
          15,
        ],
      ]);
    });

    it('fails the Lambda read-only policies: lambda:Get* on every resource is lambda:GetFunction', () => {
      const { failed } = scanTemplate(managed('AWSLambda_ReadOnlyAccess', 'AWSLambdaReadOnlyAccess'), check);
      expect(failed.map((f) => [f.message, f.location.line])).toEqual([
        [
          'AWS managed policy AWSLambda_ReadOnlyAccess, Statement[0]: Allow grants sensitive reads ("lambda:Get*") ' +
            'on every resource: lambda:GetFunction.',
          12,
        ],
        [
          // Deprecated, so not in the data: judged by name (DEPRECATED_READ_POLICIES).
          'AWS managed policy AWSLambdaReadOnlyAccess is attached: it grants lambda:Get*, s3:Get* and ' +
            'dynamodb:GetItem, BatchGetItem, Query and Scan on every resource: the code and environment variables ' +
            'of every function, every object, every item.',
          13,
        ],
      ]);
    });

    it('fails the Kinesis, ECR, Secrets Manager, SSM, DynamoDB Streams, SQS and Config policies that grant the reads on "*"', () => {
      // Read from their documents (the data's default versions): each statement that grants the reads, at the entry.
      const ECR =
        'Allow grants sensitive reads ("ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage") on every resource';
      const grants: [string, string[]][] = [
        [
          'AmazonKinesisReadOnlyAccess',
          [
            'Statement[0]: Allow grants sensitive reads ("kinesis:Get*") on every resource: kinesis:GetRecords',
          ],
        ],
        ['AmazonEC2ContainerRegistryReadOnly', [`Statement[0]: ${ECR}`]],
        ['AmazonEC2ContainerRegistryPowerUser', [`Statement[0]: ${ECR}`]],
        [
          'AmazonEC2ContainerRegistryPullOnly',
          [
            'Statement[0]: Allow grants sensitive reads ("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer") on every ' +
              'resource',
          ],
        ],
        ['service-role/AmazonECSTaskExecutionRolePolicy', [`Statement[0]: ${ECR}`]],
        ['service-role/AmazonEC2ContainerServiceforEC2Role', [`Statement[0]: ${ECR}`]],
        ['service-role/AWSAppRunnerServicePolicyForECRAccess', [`Statement[0]: ${ECR}`]],
        ['AmazonEKSFargatePodExecutionRolePolicy', [`Statement[0]: ${ECR}`]],
        [
          'AWSSecretsManagerClientReadOnlyAccess',
          [
            'Sid SecretsManagerGetAndDescribeSecret: Allow grants sensitive reads ("secretsmanager:GetSecretValue") ' +
              'on every Secrets Manager secret in every account and region ("arn:aws:secretsmanager:*:*:secret:*")',
          ],
        ],
        [
          'AmazonSSMManagedInstanceCore',
          [
            'Statement[0]: Allow grants sensitive reads ("ssm:GetParameter", "ssm:GetParameters") on every resource',
          ],
        ],
        [
          'service-role/AmazonEC2RoleforSSM',
          [
            'Statement[0]: Allow grants sensitive reads ("ssm:GetParameters") on every resource',
            'Statement[7]: Allow grants sensitive reads ("s3:GetObject") on every resource',
          ],
        ],
        [
          'service-role/AmazonSSMAutomationRole',
          [
            'Statement[2]: Allow grants sensitive reads ("ssm:*") on every resource: ssm:GetParameter, ' +
              'ssm:GetParameterHistory, ssm:GetParameters, ssm:GetParametersByPath',
          ],
        ],
        [
          'AWSLambdaInvocation-DynamoDB',
          ['Statement[1]: Allow grants sensitive reads ("dynamodb:GetRecords") on every resource'],
        ],
        [
          'AWSElasticBeanstalkWorkerTier',
          ['Sid QueueAccess: Allow grants sensitive reads ("sqs:ReceiveMessage") on every resource'],
        ],
        [
          'service-role/AWS_ConfigRole',
          [
            'Sid AWSConfigRoleStatementID2: Allow grants sensitive reads ("lambda:GetFunction") on every resource',
          ],
        ],
      ];
      const { failed, unknown } = scanTemplate(managed(...grants.map(([name]) => name)), check);
      expect(unknown).toEqual([]);
      expect(failed.map((f) => [f.message, f.location.line])).toEqual(
        grants.flatMap(([name, statements], index) =>
          statements.map((statement) => [`AWS managed policy ${name}, ${statement}.`, 12 + index]),
        ),
      );
    });

    it('judges by name only the deprecated policies the data lacks: the others are read from their documents', () => {
      for (const key of Object.keys(DEPRECATED_READ_POLICIES)) {
        const slash = key.lastIndexOf('/');
        expect(knownAwsManagedPolicy(key.slice(slash + 1), key.slice(0, slash + 1)), key).toBeUndefined();
      }
    });

    it('passes the read-only policies that grant none of the reads (AmazonSQSReadOnlyAccess: no sqs:ReceiveMessage)', () => {
      const { failed, unknown, passed } = scanTemplate(
        managed('AmazonSQSReadOnlyAccess', 'CloudWatchLogsReadOnlyAccess', 'AmazonKinesisAnalyticsReadOnly'),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      // Read from their documents: their reads on "*" are of actions that accept nothing else.
      expect(passed.map((f) => f.message)).toEqual([
        `${PASS} (left out, as they accept only "*": 43 actions of 8 services)`,
      ]);
    });

    /** A role with AWS managed policy `policy` under a boundary that allows `allowed` on every resource. */
    const underBoundary = (policy: string, allowed: string) =>
      appRole(
        `      PermissionsBoundary: !Ref Boundary
      ManagedPolicyArns: [arn:aws:iam::aws:policy/${policy}]
`,
      ).concat(`  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: '${allowed}', Resource: '*' }
`);

    it('weighs the ECR policies against a permissions boundary: what they grant is the image pulls', () => {
      const text = (allowed: string) => underBoundary('AmazonEC2ContainerRegistryReadOnly', allowed);
      const tokenOnly = scanTemplate(text('ecr:GetAuthorizationToken'), check);
      expect([tokenOnly.failed, tokenOnly.unknown]).toEqual([[], []]);
      expect(scanTemplate(text('ecr:BatchGet*'), check).failed).toHaveLength(1);
    });

    it('weighs AWSLambda_ReadOnlyAccess against a permissions boundary: lambda:Get* is what it grants', () => {
      const text = (allowed: string) => underBoundary('AWSLambda_ReadOnlyAccess', allowed);
      const listOnly = scanTemplate(text('lambda:List*'), check);
      expect([listOnly.failed, listOnly.unknown]).toEqual([[], []]);
      expect(scanTemplate(text('lambda:GetFunction'), check).failed.map((f) => f.message)).toEqual([
        'AWS managed policy AWSLambda_ReadOnlyAccess, Statement[0]: Allow grants sensitive reads ("lambda:Get*") on ' +
          'every resource: lambda:GetFunction; its permissions boundary Boundary allows sensitive reads ' +
          '("lambda:GetFunction") on every resource.',
      ]);
    });

    it('passes the execution policies and reads the shipped SecretsManagerReadWrite like a customer policy', () => {
      const basic = scanTemplate(managed('service-role/AWSLambdaBasicExecutionRole'), check);
      expect(basic.failed).toEqual([]);
      expect(basic.unknown).toEqual([]);
      const secrets = scanTemplate(managed('SecretsManagerReadWrite'), check);
      expect(secrets.failed.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /^AWS managed policy SecretsManagerReadWrite, Sid BasePermissions: Allow grants sensitive reads \("secretsmanager:\*"\) on every resource: secretsmanager:GetSecretValue\.$/,
        ),
      ]);
    });

    it('passes the policies SAM attaches for polling SQS and Kinesis, naming what they grant', () => {
      // An SQS event: SAM attaches service-role/AWSLambdaSQSQueueExecutionRole (sqs:ReceiveMessage on "*").
      const { passed, failed } = scanTemplate(
        sam(
          `${samFn(
            'Fn',
            `      Events:
        Jobs:
          Type: SQS
          Properties: { Queue: !GetAtt Jobs.Arn }
`,
          )}  Jobs:\n    Type: AWS::SQS::Queue\n`,
        ),
        check,
      );
      expect(failed).toEqual([]);
      expect(passed.map((f) => f.message)).toEqual([
        `${PASS} (left out, as what Lambda's event source polling needs: AWS managed policy ` +
          'service-role/AWSLambdaSQSQueueExecutionRole (sqs:ReceiveMessage on every queue))',
      ]);
      const both = scanTemplate(
        managed('service-role/AWSLambdaSQSQueueExecutionRole', 'service-role/AWSLambdaKinesisExecutionRole'),
        check,
      );
      expect(both.passed.map((f) => f.message)).toEqual([
        `${PASS} (left out, as what Lambda's event source polling needs: AWS managed policies ` +
          'service-role/AWSLambdaSQSQueueExecutionRole (sqs:ReceiveMessage on every queue) and ' +
          'service-role/AWSLambdaKinesisExecutionRole (kinesis:GetRecords on every stream))',
      ]);
    });

    it('passes the policy SAM attaches for a DynamoDB stream event, naming what it grants', () => {
      // A DynamoDB event: SAM attaches service-role/AWSLambdaDynamoDBExecutionRole (dynamodb:GetRecords on "*").
      const { passed, failed, unknown } = scanTemplate(
        sam(
          `${samFn(
            'Fn',
            `      Events:
        Changes:
          Type: DynamoDB
          Properties: { Stream: !GetAtt Orders.StreamArn, StartingPosition: LATEST }
`,
          )}  Orders:\n    Type: AWS::DynamoDB::Table\n`,
        ),
        check,
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed.map((f) => f.message)).toEqual([
        `${PASS} (left out, as what Lambda's event source polling needs: AWS managed policy ` +
          'service-role/AWSLambdaDynamoDBExecutionRole (dynamodb:GetRecords on every stream))',
      ]);
    });

    it('points at the SAM Policies entry whether it names the policy or writes its ARN (review r11 item 4)', () => {
      const entries = (...items: string[]) =>
        `      Policies:\n${items.map((i) => `        - ${i}\n`).join('')}`;
      const { failed } = scanTemplate(
        sam(
          samFn('ByName', entries('AWSLambdaBasicExecutionRole', 'AmazonSSMReadOnlyAccess')) +
            samFn(
              'ByArn',
              entries(
                'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
                'arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess',
              ),
            ),
        ),
        check,
      );
      // Lines 10 and 19 are `Policies:`; each finding points at the second entry below it.
      expect(failed.map((f) => [f.resource.id, f.location.line, f.location.column])).toEqual([
        ['ByName', 12, 11],
        ['ByArn', 21, 11],
      ]);
    });

    it('fails ReadOnlyAccess written as a SAM policy name, as in the review repro', () => {
      const { failed } = scanTemplate(
        sam(
          samFn(
            'Fn',
            `      Policies:
        - ReadOnlyAccess
        - Statement:
            - Effect: Allow
              Action: [secretsmanager:GetSecretValue, ssm:GetParameters, s3:GetObject]
              Resource: '*'
`,
          ),
        ),
        check,
      );
      expect(failed.map((f) => f.message)).toEqual([
        'Policies[1], Statement[0]: Allow grants sensitive reads ("secretsmanager:GetSecretValue", ' +
          '"ssm:GetParameters", "s3:GetObject") on every resource.',
        READ_ONLY_GROUP_1,
        READ_ONLY_GROUP_2,
      ]);
    });
  });
});
