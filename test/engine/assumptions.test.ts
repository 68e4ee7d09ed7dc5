import { describe, expect, it } from 'vitest';
import { type Check, defineCheck } from '../../src/checks/define.js';
import roleAdminManagedPolicy from '../../src/checks/iam/role-admin-managed-policy.js';
import wildcardWrite from '../../src/checks/iam/role-wildcard-resource-write.js';
import envNoCustomerKms from '../../src/checks/lambda/env-no-customer-kms.js';
import envPlaintextSecret from '../../src/checks/lambda/env-plaintext-secret.js';
import noCodeSigning from '../../src/checks/lambda/no-code-signing.js';
import noErrorAlarm from '../../src/checks/lambda/no-error-alarm.js';
import noReservedConcurrency from '../../src/checks/lambda/no-reserved-concurrency.js';
import permissionPublicInvoke from '../../src/checks/lambda/permission-public-invoke.js';
import tracingNotActive from '../../src/checks/lambda/tracing-not-active.js';
import egressAll from '../../src/checks/lambda/vpc-security-group-egress-all.js';
import logGroupNoKms from '../../src/checks/logs/log-group-no-kms.js';
import logGroupNoRetention from '../../src/checks/logs/log-group-no-retention.js';
import type { Finding } from '../../src/findings/finding.js';
import { functionProbe, scanTemplate, template } from '../helpers/scan-template.js';
import { lambdaFunction, policyRole, samFunction, samTemplate } from '../helpers/templates.js';

/** A check that fails every function at the path it is given (undefined: the resource as a whole). */
function failsAt(path?: string[]): Check {
  return functionProbe(
    `test.fails-at-${path?.join('-').toLowerCase().replaceAll('_', '-') ?? 'resource'}`,
    (_fn, ctx) => ctx.fail('failed', path ? { where: path } : {}),
  );
}

const whole = failsAt();

/** The parameters a finding says it assumed the defaults of, in order. */
function assumed(finding: Finding | undefined): string[] {
  expect(finding, 'no such finding').toBeDefined();
  return (finding?.assumptions ?? []).flatMap((a) => /^parameter (\S+) uses its default/.exec(a)?.[1] ?? []);
}

function byCheck(findings: Finding[], id: string): Finding | undefined {
  return findings.find((f) => f.checkId === id);
}

const PARAMETERS = `Parameters:
  TableName: { Type: String, Default: orders }
  Rt: { Type: String, Default: python3.12 }
  Stage: { Type: String, Default: prod }
  Other: { Type: String, Default: x }
  NotUsed: { Type: String, Default: y }
`;

/** A plain function whose tracing is off (written), whose environment uses TableName and runtime Rt. */
const FUNCTION = template(
  `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Rt
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
      TracingConfig: { Mode: PassThrough }
      Environment:
        Variables:
          TABLE: !Ref TableName
`,
  PARAMETERS,
);

describe('assumptions per property', () => {
  it('lists on a finding only the defaults its property depends on', () => {
    const { failed, errors } = scanTemplate(FUNCTION, [
      tracingNotActive,
      failsAt(['Environment']),
      failsAt(['Runtime']),
    ]);
    expect(errors).toEqual([]);
    const tracing = byCheck(failed, 'lambda.tracing-not-active');
    expect(tracing?.property).toBe('TracingConfig.Mode');
    expect(tracing?.assumptions).toBeUndefined();
    expect(assumed(byCheck(failed, 'test.fails-at-environment'))).toEqual(['TableName']);
    expect(assumed(byCheck(failed, 'test.fails-at-runtime'))).toEqual(['Rt']);
  });

  it('keeps no property default on a finding about the resource as a whole (about something it lacks)', () => {
    const { failed } = scanTemplate(FUNCTION, whole);
    expect(failed[0]?.assumptions).toBeUndefined();
  });

  it('keeps, on a finding about the resource as a whole, the defaults that decide whether it exists', () => {
    const text = template(
      lambdaFunction('Fn').replace('  Fn:\n', '  Fn:\n    Condition: IsProd\n'),
      `${PARAMETERS}Conditions:\n  IsProd: !Equals [!Ref Stage, prod]\n`,
    );
    const { findings } = scanTemplate(text, whole);
    // Stage's default makes IsProd true: the function exists only because of it.
    expect(findings[0]?.assumptions).toEqual([
      'parameter Stage uses its default value, which a deploy may override',
    ]);
  });

  it('records, on the model, which property depends on which default', () => {
    const { inventory } = scanTemplate(FUNCTION, []);
    const fn = inventory.resolve('Fn');
    expect(fn?.assumedDefaults).toEqual(['Rt', 'TableName']);
    expect(fn?.assumedDefaultsByProperty).toEqual({
      everywhere: [],
      properties: { Runtime: ['Rt'], Environment: ['TableName'] },
    });
  });

  it('follows Fn::Sub in both forms, but not its own variables, escapes or pseudo parameters', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        `      Environment:
        Variables:
          A: !Sub '\${Stage}-\${AWS::Region}-\${!TableName}'
          B: !Sub ['\${Rt}-\${TableName}', { TableName: !Ref Other }]
`,
      ),
      PARAMETERS,
    );
    const { failed } = scanTemplate(text, failsAt(['Environment']));
    expect(assumed(failed[0])).toEqual(['Other', 'Rt', 'Stage']);
  });

  it('follows the keys of Fn::FindInMap and the condition and taken branch of Fn::If', () => {
    const text = template(
      `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !FindInMap [Runtimes, !Ref Stage, name]
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
      MemorySize: !If [IsProd, !Ref TableName, !Ref Other]
`,
      `${PARAMETERS}Mappings:
  Runtimes:
    prod: { name: python3.12 }
    dev: { name: python3.13 }
Conditions:
  IsProd: !Equals [!Ref Rt, python3.12]
`,
    );
    const { failed } = scanTemplate(text, [failsAt(['Runtime']), failsAt(['MemorySize'])]);
    expect(assumed(byCheck(failed, 'test.fails-at-runtime'))).toEqual(['Stage']);
    expect(assumed(byCheck(failed, 'test.fails-at-memorysize'))).toEqual(['Rt', 'TableName']);
  });

  it('puts the defaults that decide the resource Condition behind every finding', () => {
    const text = template(
      `${['First', 'Second']
        .map(
          (id) => `  ${id}:
    Type: AWS::Lambda::Function
    Condition: IsProd
    Properties:
      Runtime: !Ref Rt
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
      TracingConfig: { Mode: PassThrough }
`,
        )
        .join('')}`,
      `${PARAMETERS}Conditions:
  IsProd: !Equals [!Ref Stage, prod]
`,
    );
    const { failed } = scanTemplate(text, [tracingNotActive, failsAt(['Runtime'])]);
    // Both resources: the condition is decided once and remembered, and its default stays assumed.
    for (const id of ['First', 'Second']) {
      const mine = failed.filter((f) => f.resource.id === id);
      expect(assumed(byCheck(mine, 'lambda.tracing-not-active')), id).toEqual(['Stage']);
      expect(assumed(byCheck(mine, 'test.fails-at-runtime')), id).toEqual(['Stage', 'Rt'].sort());
    }
  });

  it('keeps the Condition defaults of a role SAM generates, on a finding that points at a policy entry', () => {
    const text = samTemplate(
      samFunction('Fn', '      Policies: [AdministratorAccess]\n').replace(
        '    Properties:',
        '    Condition: IsProd\n    Properties:',
      ),
      `${PARAMETERS}Conditions:\n  IsProd: !Equals [!Ref Stage, prod]\n`,
    );
    const { failed } = scanTemplate(text, roleAdminManagedPolicy);
    expect(failed.map((f) => [f.resource.generated?.id, assumed(f)])).toEqual([['FnRole', ['Stage']]]);
  });

  it('puts the defaults of the loop collection that made a resource behind every finding', () => {
    const text = `Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList, Default: a }
Resources:
  Fn::ForEach::Functions:
    - Name
    - !Ref Names
    - 'Fn\${Name}':
        Type: AWS::Lambda::Function
        Properties:
          Runtime: python3.12
          Handler: app.handler
          Role: arn:aws:iam::123456789012:role/r
          Code: { ZipFile: 'x' }
          Environment: { Variables: { ALL: !Join [',', !Ref Names] } }
`;
    const { failed } = scanTemplate(text, [failsAt(['Runtime']), failsAt(['Environment'])]);
    expect(failed.map((f) => [f.checkId, assumed(f)])).toEqual([
      ['test.fails-at-runtime', ['Names']],
      ['test.fails-at-environment', ['Names']],
    ]);
  });

  it('does not count a value given with -p as assumed', () => {
    const { failed } = scanTemplate(FUNCTION, [envNoCustomerKms, whole], {
      parameters: { TableName: 'given' },
    });
    expect(byCheck(failed, 'lambda.env-no-customer-kms')?.assumptions).toBeUndefined();
    expect(byCheck(failed, 'test.fails-at-resource')?.assumptions).toBeUndefined();
  });

  it('keeps every default when a finding points at a source instead of a path', () => {
    const pointsAtSource = defineCheck({
      ...whole,
      id: 'test.points-at-source',
      evaluate: (fn, ctx) => ctx.fail('failed', { where: fn.source }),
    });
    const { failed } = scanTemplate(FUNCTION, pointsAtSource);
    expect(assumed(failed[0])).toEqual(['Rt', 'TableName']);
  });

  it('keeps every default when an Fn::If chooses all of Properties', () => {
    const text = template(
      `  Fn:
    Type: AWS::Lambda::Function
    Properties: !If
      - IsProd
      - Runtime: !Ref Rt
        Handler: app.handler
        Role: arn:aws:iam::123456789012:role/r
        Code: { ZipFile: 'x' }
      - !Ref AWS::NoValue
`,
      `${PARAMETERS}Conditions:
  IsProd: !Equals [!Ref Stage, prod]
`,
    );
    const { failed, inventory } = scanTemplate(text, failsAt(['Runtime']));
    expect(assumed(failed[0])).toEqual(['Rt', 'Stage']);
    expect(inventory.resolve('Fn')?.assumedDefaultsByProperty).toBeUndefined();
  });
});

describe('assumptions per property in SAM', () => {
  const SAM = samTemplate(
    samFunction(
      'Fn',
      `      Tracing: !Ref TracingMode
`,
    ),
    `Parameters:
  TracingMode: { Type: String, Default: PassThrough }
  TableName: { Type: String, Default: orders }
  DbPassword: { Type: String, Default: 'Pa55word-for-prod-9' }
Globals:
  Function:
    Environment:
      Variables:
        TABLE: !Ref TableName
        DB_PASSWORD: !Ref DbPassword
`,
  );

  it('attributes Globals and properties written the SAM way to the expanded property', () => {
    const checks = [tracingNotActive, failsAt(['Environment']), envPlaintextSecret];
    const { failed, errors } = scanTemplate(SAM, checks);
    expect(errors).toEqual([]);
    const tracing = byCheck(failed, 'lambda.tracing-not-active');
    expect(assumed(tracing)).toEqual(['TracingMode']);
    expect(tracing?.location.line).toBe(20);
    expect(assumed(byCheck(failed, 'test.fails-at-environment'))).toEqual(['DbPassword', 'TableName']);
    const secret = byCheck(failed, 'lambda.env-plaintext-secret');
    expect(secret?.property).toBe('Environment.Variables.DB_PASSWORD');
    // Only what DB_PASSWORD's own value (written in Globals) refers to, not all of Environment.
    expect(assumed(secret)).toEqual(['DbPassword']);
  });

  it('finds the property when a path names it the SAM way', () => {
    const { failed } = scanTemplate(SAM, [failsAt(['Tracing']), failsAt(['Runtime'])]);
    expect(assumed(byCheck(failed, 'test.fails-at-tracing'))).toEqual(['TracingMode']);
    expect(byCheck(failed, 'test.fails-at-runtime')?.assumptions).toBeUndefined();
  });

  it('narrows the assumptions of resources SAM generates too', () => {
    const text = samTemplate(
      samFunction(
        'Fn',
        `      FunctionUrlConfig:
        AuthType: !Ref Auth
        Cors:
          AllowOrigins: [!Ref Origin]
`,
      ),
      `Parameters:
  Auth: { Type: String, Default: NONE }
  Origin: { Type: String, Default: 'https://example.com' }
`,
    );
    const onAuth = defineCheck({
      ...whole,
      id: 'test.url-auth',
      resource: 'lambda.function-url',
      evaluate: (_url, ctx) => ctx.fail('failed', { where: ['AuthType'] }),
    });
    const { failed, inventory } = scanTemplate(text, onAuth);
    expect(failed[0]?.resource.generated?.type).toBe('AWS::Lambda::Url');
    expect(assumed(failed[0])).toEqual(['Auth']);
    const url = inventory.list('lambda.function-url')[0];
    expect(url?.assumedDefaultsByProperty?.properties).toEqual({ AuthType: ['Auth'], Cors: ['Origin'] });
  });
});

describe('assumptions per property path', () => {
  const PATH_PARAMETERS = `Parameters:
  DbPassword: { Type: String, Default: 'Pa55word-for-prod-9' }
  Stage: { Type: String, Default: dev }
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
`;
  const VARIABLES = template(
    lambdaFunction(
      'Fn',
      `      Environment:
        Variables:
          AWS_SECRET: literal-value
          DB_PASSWORD: !Ref DbPassword
          SITE: !Sub ['https://\${Stage}.\${Domain}', { Domain: example.com }]
          CHOSEN: !If [IsProd, !Ref DbPassword, none]
`,
    ),
    PATH_PARAMETERS,
  );
  /** A check that fails one environment variable, naming it (`key`), as checks of one item among several do. */
  const variable = (name: string) =>
    defineCheck({
      ...whole,
      id: `test.fails-at-environment-variables-${name.toLowerCase().replaceAll('_', '-')}`,
      evaluate: (_fn, ctx) => ctx.fail('failed', { where: ['Environment', 'Variables', name], key: name }),
    });

  it('lists only the defaults the value at the path refers to (review item 8)', () => {
    const checks = ['AWS_SECRET', 'DB_PASSWORD', 'SITE'].map(variable);
    const { failed } = scanTemplate(VARIABLES, [...checks, failsAt(['Environment'])]);
    expect(byCheck(failed, 'test.fails-at-environment-variables-aws-secret')?.assumptions).toBeUndefined();
    expect(assumed(byCheck(failed, 'test.fails-at-environment-variables-db-password'))).toEqual([
      'DbPassword',
    ]);
    expect(assumed(byCheck(failed, 'test.fails-at-environment-variables-site'))).toEqual(['Stage']);
    // The property as a whole still depends on all of them.
    expect(assumed(byCheck(failed, 'test.fails-at-environment'))).toEqual(['DbPassword', 'Env', 'Stage']);
  });

  it('drops a parameter given with -p, and keeps the others', () => {
    const { failed } = scanTemplate(VARIABLES, [variable('SITE'), variable('DB_PASSWORD')], {
      parameters: { Stage: 'prod' },
    });
    expect(byCheck(failed, 'test.fails-at-environment-variables-site')?.assumptions).toBeUndefined();
    expect(assumed(byCheck(failed, 'test.fails-at-environment-variables-db-password'))).toEqual([
      'DbPassword',
    ]);
  });

  it('keeps the whole property on a finding that names no item (it may weigh siblings)', () => {
    const { failed } = scanTemplate(VARIABLES, failsAt(['Environment', 'Variables', 'AWS_SECRET']));
    expect(assumed(failed[0])).toEqual(['DbPassword', 'Env', 'Stage']);
  });

  it('falls back to the whole property when the value holds an Fn::If', () => {
    const { failed } = scanTemplate(VARIABLES, variable('CHOSEN'));
    expect(assumed(failed[0])).toEqual(['DbPassword', 'Env', 'Stage']);
  });

  it('falls back to the whole property when the path is not written as such', () => {
    const { failed } = scanTemplate(VARIABLES, variable('MISSING'));
    expect(assumed(failed[0])).toEqual(['DbPassword', 'Env', 'Stage']);
  });

  it('follows SAM Globals: merged maps, and list items from the list they came from', () => {
    const text = samTemplate(
      samFunction(
        'Fn',
        `      Layers: [!Ref OwnLayer]
      Environment:
        Variables:
          OWN: !Ref Stage
`,
      ),
      `Parameters:
  Stage: { Type: String, Default: dev }
  Table: { Type: String, Default: orders }
  SharedLayer: { Type: String, Default: 'arn:aws:lambda:us-east-1:123456789012:layer:shared:1' }
  OwnLayer: { Type: String, Default: 'arn:aws:lambda:us-east-1:123456789012:layer:own:1' }
Globals:
  Function:
    Layers: [!Ref SharedLayer]
    Environment:
      Variables:
        TABLE: !Ref Table
`,
    );
    // Checks name list items by number.
    const items = [0, 1].map((i) =>
      defineCheck({
        ...whole,
        id: `test.layer-${i}`,
        evaluate: (_fn, ctx) => ctx.fail('x', { where: ['Layers', i], key: String(i) }),
      }),
    );
    const { failed } = scanTemplate(text, [variable('OWN'), variable('TABLE'), ...items]);
    expect(assumed(byCheck(failed, 'test.fails-at-environment-variables-own'))).toEqual(['Stage']);
    expect(assumed(byCheck(failed, 'test.fails-at-environment-variables-table'))).toEqual(['Table']);
    expect(assumed(byCheck(failed, 'test.layer-0'))).toEqual(['SharedLayer']);
    expect(assumed(byCheck(failed, 'test.layer-1'))).toEqual(['OwnLayer']);
  });
});

describe('assumptions of a finding on one policy statement', () => {
  it('lists the defaults that statement uses, not those of the other policies', () => {
    const text = samTemplate(
      samFunction(
        'Fn',
        `      Policies:
        - S3CrudPolicy:
            BucketName: !Ref BucketP
        - DynamoDBCrudPolicy:
            TableName: '*'
`,
      ),
      "Parameters:\n  BucketP: { Type: String, Default: '*' }\n",
    );
    const { failed } = scanTemplate(text, wildcardWrite);
    const byPolicy = (n: number) => failed.find((f) => f.message.includes(`(Policies[${n}])`));
    expect(byPolicy(0)?.assumptions).toEqual([
      'parameter BucketP uses its default value, which a deploy may override',
    ]);
    expect(byPolicy(1)?.assumptions).toBeUndefined();
  });
});

describe('assumptions of a policy statement an Fn::If chooses as a whole (review U)', () => {
  const PARAMS = `Parameters:
  FetchTags: { Type: String, Default: 'true', AllowedValues: ['true', 'false'] }
  Vpc: { Type: String, Default: 'yes' }
Conditions:
  SetFetchTags: !Equals [!Ref FetchTags, 'true']
  UseVpc: !Equals [!Ref Vpc, 'yes']
`;
  const CHOSEN = `              - !If
                - SetFetchTags
                - { Effect: Allow, Action: s3:PutObject, Resource: '*' }
                - !Ref AWS::NoValue
`;
  const PLAIN = "              - { Effect: Allow, Action: sqs:SendMessage, Resource: '*' }\n";
  const withRole = (resources: string) =>
    template(lambdaFunction('Fn', '', '!GetAtt Role.Arn') + resources, PARAMS);
  const byStatement = (failed: Finding[]) =>
    failed.map((f) => [/Statement\[(\d)\]/.exec(f.message)?.[1], assumed(f)]);

  it('lists the default of the condition that chose the statement, and none on a statement always there', () => {
    const text = withRole(policyRole('p', CHOSEN + PLAIN));
    const { failed, errors } = scanTemplate(text, wildcardWrite);
    expect(errors).toEqual([]);
    expect(byStatement(failed)).toEqual([
      ['0', ['FetchTags']],
      ['1', []],
    ]);
    // The default is what the finding rests on: overriding it leaves the statement out.
    const overridden = scanTemplate(text, wildcardWrite, { parameters: { FetchTags: 'false' } });
    expect(byStatement(overridden.failed)).toEqual([['1', []]]);
  });

  it('lists the conditions of every Fn::If on the way to the statement, the outer one included', () => {
    const nested = `              - !If
                - UseVpc
                - !If [SetFetchTags, { Effect: Allow, Action: s3:PutObject, Resource: '*' }, !Ref AWS::NoValue]
                - !Ref AWS::NoValue
`;
    const { failed } = scanTemplate(withRole(policyRole('p', nested + PLAIN)), wildcardWrite);
    expect(byStatement(failed)).toEqual([
      ['0', ['FetchTags', 'Vpc']],
      ['1', []],
    ]);
  });

  it('lists it on a statement of an AWS::IAM::Policy attached to the role', () => {
    const policy = `  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
${CHOSEN}${PLAIN}`;
    const role = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
`;
    const { failed } = scanTemplate(withRole(role + policy), wildcardWrite);
    expect(byStatement(failed)).toEqual([
      ['0', ['FetchTags']],
      ['1', []],
    ]);
  });
});

describe('assumptions follow what the verdict rests on (review of real templates)', () => {
  /** A function with DB_PORT from parameter Port (default 3306) in a security group whose egress is `rule`. */
  const openEgress = (rule: string, parameters: string) =>
    samTemplate(
      `  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress:
        - ${rule}
${samFunction(
  'Fn',
  `      Environment: { Variables: { DB_PORT: !Ref Port } }
      VpcConfig:
        SecurityGroupIds: [!Ref Sg]
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
`,
)}`,
      `Parameters:\n  Port: { Type: Number, Default: 3306 }\n${parameters}`,
    );

  it('lists, on a finding pointing into another resource, the defaults of the value there, not the function’s', () => {
    const text = openEgress(
      "{ CidrIp: !Ref EgressCidr, IpProtocol: '-1' }",
      '  EgressCidr: { Type: String, Default: 0.0.0.0/0 }\n',
    );
    const { failed } = scanTemplate(text, egressAll);
    expect(failed.map((f) => [f.resource.id, assumed(f)])).toEqual([['Fn', ['EgressCidr']]]);
  });

  it('lists the defaults of a standalone egress rule, which attaches to the group', () => {
    const egress = `  Egress:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !GetAtt Sg.GroupId
      IpProtocol: '-1'
      CidrIp: !Ref Cidr
`;
    const text =
      openEgress(
        '{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }',
        '  Cidr: { Type: String, Default: 0.0.0.0/0 }\n',
      ) + egress;
    const { failed } = scanTemplate(text, egressAll);
    expect(failed.map((f) => [f.resource.id, assumed(f)])).toEqual([['Fn', ['Cidr']]]);
  });

  it('lists none on a finding pointing into another resource whose value uses no default', () => {
    const { failed } = scanTemplate(openEgress("{ CidrIp: 0.0.0.0/0, IpProtocol: '-1' }", ''), egressAll);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.assumptions).toBeUndefined();
  });

  it('lists no value’s default when the verdict rests only on what is set (variables, no KmsKeyArn)', () => {
    const { failed } = scanTemplate(FUNCTION, envNoCustomerKms);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.assumptions).toBeUndefined();
  });

  it('still lists the defaults that decide whether the variables or the key are set', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        `      KmsKeyArn: !If [UseKey, !Ref Key, !Ref AWS::NoValue]
      Environment:
        Variables:
          TABLE: !Ref TableName
          DEBUG: !If [Verbose, 'true', !Ref AWS::NoValue]
`,
      ),
      `Parameters:
  TableName: { Type: String, Default: orders }
  Key: { Type: String, Default: '' }
  Level: { Type: String, Default: debug }
Conditions:
  UseKey: !Not [!Equals [!Ref Key, '']]
  Verbose: !Equals [!Ref Level, debug]
`,
    );
    const { failed } = scanTemplate(text, envNoCustomerKms);
    expect(failed).toHaveLength(1);
    expect(assumed(failed[0])).toEqual(['Key', 'Level']);
  });

  it('lists the default that leaves a property out, on a finding about its absence (Fn::If to NoValue)', () => {
    const text = template(
      `  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/fn
      RetentionInDays: !If [NeverExpire, !Ref AWS::NoValue, 30]
`,
      `Parameters:
  LogRetention: { Type: String, Default: Forever, AllowedValues: [Forever, '30'] }
Conditions:
  NeverExpire: !Equals [!Ref LogRetention, Forever]
`,
    );
    const { failed } = scanTemplate(text, [logGroupNoRetention, logGroupNoKms]);
    // No KmsKeyId is not what LogRetention's default leaves out: that finding assumes nothing.
    expect(failed.map((f) => [f.checkId, assumed(f)])).toEqual([
      ['logs.log-group-no-retention', ['LogRetention']],
      ['logs.log-group-no-kms', []],
    ]);
  });

  it('keeps, on a finding about something lacking that names no property, every default leaving one out', () => {
    const text = template(
      lambdaFunction('Fn', '      ReservedConcurrentExecutions: !If [Unlimited, !Ref AWS::NoValue, 5]\n'),
      `Parameters:
  Limit: { Type: String, Default: none }
Conditions:
  Unlimited: !Equals [!Ref Limit, none]
`,
    );
    const { failed } = scanTemplate(text, [whole, noReservedConcurrency]);
    expect(failed.map((f) => [f.checkId, assumed(f)])).toEqual([
      ['test.fails-at-resource', ['Limit']],
      ['lambda.no-reserved-concurrency', ['Limit']],
    ]);
  });

  it('lists no default of an Fn::If that only picks a variable’s value, on a finding that rests on what is set', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        `      Environment:
        Variables:
          LOG_LEVEL: !If [IsProd, WARN, INFO]
          DEBUG: !If [IsProd, !Ref AWS::NoValue, 'true']
`,
      ),
      `Parameters:
  Env: { Type: String, Default: dev }
  Stage: { Type: String, Default: test }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
`,
    );
    // DEBUG's If may leave the variable out: that decides what is set. LOG_LEVEL's picks a value only.
    const { failed } = scanTemplate(text, envNoCustomerKms);
    expect(failed.map(assumed)).toEqual([['Env']]);
    const picksOnly = template(
      lambdaFunction(
        'Fn',
        '      Environment:\n        Variables:\n          LOG_LEVEL: !If [IsProd, WARN, INFO]\n',
      ),
      'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
    );
    expect(scanTemplate(picksOnly, envNoCustomerKms).failed.map((f) => f.assumptions)).toEqual([undefined]);
  });

  it('lists no default that leaves out another property, though a variable’s value uses the same one', () => {
    // The same condition leaves ReservedConcurrentExecutions out and picks IS_POOLED's value (review S13-B 4).
    const text = template(
      lambdaFunction(
        'Fn',
        `      ReservedConcurrentExecutions: !If [IsPooled, !Ref AWS::NoValue, 20]
      Environment:
        Variables:
          TABLE: orders
          IS_POOLED: !If [IsPooled, 'true', 'false']
`,
      ),
      'Parameters:\n  Tenant: { Type: String, Default: pooled }\nConditions:\n  IsPooled: !Equals [!Ref Tenant, pooled]\n',
    );
    const { failed } = scanTemplate(text, [envNoCustomerKms, noReservedConcurrency]);
    expect(failed.map((f) => [f.checkId, assumed(f)])).toEqual([
      ['lambda.env-no-customer-kms', []],
      ['lambda.no-reserved-concurrency', ['Tenant']],
    ]);
  });

  it('lists no default leaving out another property on findings about a missing key, signing or alarm', () => {
    // The defaults leave VpcConfig out: that decides nothing about KmsKeyArn, code signing or alarms.
    const text = template(
      lambdaFunction(
        'Fn',
        `      VpcConfig: !If [UseVpc, { SubnetIds: !Ref Subnets, SecurityGroupIds: [sg-1] }, !Ref AWS::NoValue]
      Environment: { Variables: { MODE: fast } }
`,
      ),
      `Parameters:
  Subnets: { Type: CommaDelimitedList, Default: '' }
Conditions:
  UseVpc: !Not [!Equals [!Join ['', !Ref Subnets], '']]
`,
    );
    const { failed } = scanTemplate(text, [whole, envNoCustomerKms, noCodeSigning, noErrorAlarm]);
    expect(failed.map((f) => [f.checkId, assumed(f)])).toEqual([
      ['test.fails-at-resource', ['Subnets']],
      ['lambda.env-no-customer-kms', []],
      ['lambda.no-code-signing', []],
      ['lambda.no-error-alarm', []],
    ]);
  });

  it('keeps the default leaving out reserved concurrency, and drops one leaving out the FunctionName', () => {
    const text = template(
      lambdaFunction(
        'Fn',
        `      FunctionName: !If [HasName, !Ref Name, !Ref AWS::NoValue]
      ReservedConcurrentExecutions: !If [Unlimited, !Ref AWS::NoValue, 5]
`,
      ),
      `Parameters:
  Name: { Type: String, Default: '' }
  Limit: { Type: String, Default: none }
Conditions:
  HasName: !Not [!Equals [!Ref Name, '']]
  Unlimited: !Equals [!Ref Limit, none]
`,
    );
    const { failed } = scanTemplate(text, [whole, noReservedConcurrency, noCodeSigning]);
    expect(failed.map((f) => [f.checkId, assumed(f)])).toEqual([
      ['test.fails-at-resource', ['Limit', 'Name']],
      ['lambda.no-reserved-concurrency', ['Limit']],
      ['lambda.no-code-signing', []],
    ]);
  });

  it('lists on a public permission the defaults of all it weighs, as FunctionUrlAuthType beside Principal', () => {
    const text = template(
      `${lambdaFunction('Fn')}  UrlPerm:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunctionUrl
      FunctionName: !Ref Fn
      Principal: '*'
      FunctionUrlAuthType: !Ref UrlAuth
`,
      'Parameters:\n  UrlAuth: { Type: String, Default: AWS_IAM, AllowedValues: [AWS_IAM, NONE] }\n',
    );
    const { failed } = scanTemplate(text, permissionPublicInvoke);
    expect(failed.map((f) => [f.resource.id, f.property, assumed(f)])).toEqual([
      ['UrlPerm', 'Principal', ['UrlAuth']],
    ]);
  });
});
