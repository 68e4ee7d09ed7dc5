import { describe, expect, it } from 'vitest';
import functionNotInVpc from '../../../src/checks/lambda/function-not-in-vpc.js';
import functionUrlCors from '../../../src/checks/lambda/function-url-cors-wildcard-credentials.js';
import noReservedConcurrency from '../../../src/checks/lambda/no-reserved-concurrency.js';
import runtimeDeprecated from '../../../src/checks/lambda/runtime-deprecated.js';
import runtimeDeprecationSoon from '../../../src/checks/lambda/runtime-deprecation-soon.js';
import tracingNotActive from '../../../src/checks/lambda/tracing-not-active.js';
import type { LambdaFunction } from '../../../src/model/lambda.js';
import { isUnknown } from '../../../src/model/values.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { samTemplate } from '../../helpers/templates.js';

const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";

/**
 * A function with the given property lines (6 spaces of indent) after Role and Code; line 7 is the first. The
 * Runtime and Handler a .zip function requires follow, unless the lines set them.
 */
function fn(lines: string, parameters = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
${parameters}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
${lines}${required(lines)}`;
}

/** The lines of Runtime and Handler, where `lines` do not set them. */
function required(lines: string): string {
  const runtime = lines.includes('Runtime:') ? '' : '      Runtime: python3.13\n';
  return lines.includes('Handler:') ? runtime : `${runtime}      Handler: a.b\n`;
}

const fnOf = (scan: ReturnType<typeof scanTemplate>) => scan.inventory.resolve('Fn') as LambdaFunction;

describe('text (a String property)', () => {
  it("refuses !GetAZs '' where one zone goes: it is the list of the region's zones", () => {
    const subnet = (id: string, zone: string) =>
      `  ${id}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: vpc-1\n      CidrBlock: 10.0.0.0/24\n      AvailabilityZone: ${zone}\n`;
    const text = `${HEADER}${subnet('Whole', "!GetAZs ''")}${subnet('One', "!Select [0, !GetAZs '']")}`;
    const scan = scanTemplate(text, [runtimeDeprecated]);
    expect(scan.errors.map((e) => [e.message, e.line])).toEqual([
      ['AvailabilityZone of Whole is a list; CloudFormation expects text here and rejects the template', 8],
    ]);
  });

  it('refuses a list: one template error at the list, and the check says the value is not valid', () => {
    const scan = scanTemplate(fn('      Runtime: []\n'), [runtimeDeprecated, runtimeDeprecationSoon]);
    expect(scan.errors).toEqual([
      {
        kind: 'template',
        message: 'Runtime of Fn is a list; CloudFormation expects text here and rejects the template',
        file: 'template.yaml',
        line: 8,
        column: 16,
        resource: 'Fn',
      },
    ]);
    // Two checks meet the value; it is reported once.
    expect(scan.unknown.map((f) => f.message)).toEqual([
      'Runtime is not a valid value (a list where text is expected; see the scan error)',
      'Runtime is not a valid value (a list where text is expected; see the scan error)',
    ]);
  });

  it('refuses a mapping deeper down, naming the path', () => {
    const scan = scanTemplate(fn('      TracingConfig:\n        Mode: { a: b }\n'), tracingNotActive);
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [
        'TracingConfig.Mode of Fn is a mapping; CloudFormation expects text here and rejects the template',
        9,
        15,
      ],
    ]);
    expect(scan.unknown[0]?.message).toBe(
      'TracingConfig.Mode is not a valid value (a mapping where text is expected; see the scan error)',
    );
  });

  it('refuses a list an intrinsic makes, at the intrinsic', () => {
    const scan = scanTemplate(fn('      Runtime: !Split [",", "a,b"]\n'), runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      ['Runtime of Fn is a list; CloudFormation expects text here and rejects the template', 8, 16],
    ]);
  });

  it('takes a number or a boolean as text, as CloudFormation does', () => {
    const scan = scanTemplate(
      fn('      Handler: 3\n      Runtime: python3.12\n      Description: true\n'),
      [],
    );
    expect(scan.errors).toEqual([]);
    expect(fnOf(scan).handler).toBe('3');
  });

  it('leaves a parameter without default not known before deploy, with no error', () => {
    const parameters = 'Parameters:\n  Runtime:\n    Type: String\n';
    const scan = scanTemplate(fn('      Runtime: !Ref Runtime\n', parameters), runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(scan.unknown[0]?.message).toMatch(/^Runtime is not known before deploy \(/);
  });
});

describe('a number (an Integer property)', () => {
  it('refuses text that is not a number: the error is at the key (a scalar has no position of its own)', () => {
    const scan = scanTemplate(fn('      ReservedConcurrentExecutions: abc\n'), noReservedConcurrency);
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [
        'ReservedConcurrentExecutions of Fn is text that is not a number; CloudFormation expects a number here ' +
          'and rejects the template',
        8,
        7,
      ],
    ]);
    expect(scan.unknown[0]?.message).toBe(
      'ReservedConcurrentExecutions is not a valid value (text where a number is expected; see the scan error)',
    );
  });

  it('refuses a list', () => {
    const scan = scanTemplate(fn('      Timeout: [1]\n'), []);
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      ['Timeout of Fn is a list; CloudFormation expects a number here and rejects the template', 8, 16],
    ]);
    expect(String(fnOf(scan).timeout)).toBe(
      '<unknown: invalid: a list where a number is expected; see the scan error>',
    );
  });

  it('does not guess among equal values: a scalar written twice is named at both places, on the resource', () => {
    const scan = scanTemplate(fn('      Timeout: abc\n      MemorySize: abc\n'), []);
    expect(scan.errors.map((e) => e.message)).toEqual([
      'Fn: a property is text that is not a number where CloudFormation expects a number, and it rejects the ' +
        'template; the same value is written at Timeout, MemorySize, so Parapet cannot tell which',
    ]);
  });

  it('does not blame a valid property that holds the same text as an invalid one', () => {
    const scan = scanTemplate(fn('      Description: abc\n      Timeout: abc\n'), []);
    expect(scan.errors.map((e) => e.message)).toEqual([
      'Fn: a property is text that is not a number where CloudFormation expects a number, and it rejects the ' +
        'template; the same value is written at Description, Timeout, so Parapet cannot tell which',
    ]);
  });

  it('takes a number and the text of one', () => {
    const scan = scanTemplate(
      fn('      Timeout: "30"\n      MemorySize: 128\n      ReservedConcurrentExecutions: 5\n'),
      [noReservedConcurrency],
    );
    expect(scan.errors).toEqual([]);
    expect([fnOf(scan).timeout, fnOf(scan).memorySize]).toEqual([30, 128]);
    expect(scan.passed).toHaveLength(1);
  });

  it('leaves a parameter without default not known before deploy, with no error', () => {
    const parameters = 'Parameters:\n  Reserved:\n    Type: Number\n';
    const scan = scanTemplate(fn('      ReservedConcurrentExecutions: !Ref Reserved\n', parameters), [
      noReservedConcurrency,
    ]);
    expect(scan.errors).toEqual([]);
    expect(scan.unknown[0]?.message).toMatch(/^ReservedConcurrentExecutions is not known before deploy \(/);
  });
});

/** A function URL whose Cors sets AllowCredentials to `credentials` and allows every origin. */
function url(credentials: string, parameters = ''): string {
  return `${fn('', parameters)}  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !Ref Fn
      AuthType: AWS_IAM
      Cors:
        AllowOrigins: ['*']
        AllowCredentials: ${credentials}
`;
}

describe('true or false (a Boolean property)', () => {
  it('refuses other text', () => {
    const scan = scanTemplate(url('maybe'), functionUrlCors);
    expect(scan.errors.map((e) => [e.message, e.line, e.column, e.resource])).toEqual([
      [
        'Cors.AllowCredentials of Url is text other than true or false; CloudFormation expects true or false ' +
          'here and rejects the template',
        17,
        9,
        'Url',
      ],
    ]);
    expect(scan.failed).toEqual([]);
    expect(scan.unknown).toHaveLength(1);
  });

  it('takes true and false written as text, in any case', () => {
    for (const written of ['"true"', 'True', 'TRUE']) {
      const scan = scanTemplate(url(written), functionUrlCors);
      expect(scan.errors).toEqual([]);
      expect(scan.failed).toHaveLength(1);
    }
    expect(scanTemplate(url('"false"'), functionUrlCors).passed).toHaveLength(1);
  });

  it('leaves a parameter without default not known before deploy, with no error', () => {
    const scan = scanTemplate(url('!Ref Credentials', 'Parameters:\n  Credentials:\n    Type: String\n'), [
      functionUrlCors,
    ]);
    expect(scan.errors).toEqual([]);
    expect(scan.failed).toEqual([]);
  });
});

describe('a mapping (an object property)', () => {
  it('refuses text where a mapping goes', () => {
    const scan = scanTemplate(fn('      TracingConfig: Active\n'), tracingNotActive);
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      ['TracingConfig of Fn is text; CloudFormation expects a mapping here and rejects the template', 8, 7],
    ]);
    expect(scan.unknown[0]?.message).toBe(
      'TracingConfig.Mode is not a valid value (text where a mapping is expected; see the scan error)',
    );
  });

  it('refuses a list where a mapping goes, at the list', () => {
    const scan = scanTemplate(fn('      VpcConfig: [a]\n'), []);
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      ['VpcConfig of Fn is a list; CloudFormation expects a mapping here and rejects the template', 8, 18],
    ]);
  });

  it('refuses a dynamic reference where a mapping goes: it resolves to text', () => {
    const scan = scanTemplate(fn("      VpcConfig: '{{resolve:ssm:/net/vpc}}'\n"), functionNotInVpc);
    const refused = (property: string) =>
      `${property} of Fn is a dynamic reference, which CloudFormation resolves to text; CloudFormation expects a mapping here and rejects the template`;
    expect(scan.errors.map((e) => [e.message, e.line, e.column, e.resource])).toEqual([
      [refused('VpcConfig'), 8, 7, 'Fn'],
    ]);
    expect(scan.unknown.map((f) => f.message)).toEqual([
      'VpcConfig is not a valid value (text where a mapping is expected; see the scan error)',
    ]);
    const env = scanTemplate(fn("      Environment: '{{resolve:secretsmanager:app-env}}'\n"), []);
    expect(env.errors.map((e) => [e.message, e.line, e.column])).toEqual([[refused('Environment'), 8, 7]]);
    const vars = scanTemplate(fn("      Environment:\n        Variables: '{{resolve:ssm:/app/vars}}'\n"), []);
    expect(vars.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [refused('Environment.Variables'), 9, 9],
    ]);
  });

  it("refuses an event invoke config's DestinationConfig once, at its line, though both destinations are read of it", () => {
    const text = `${fn('')}  Cfg:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig: '{{resolve:ssm:/dest}}'
`;
    expect(scanTemplate(text, []).errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [
        'DestinationConfig of Cfg is a dynamic reference, which CloudFormation resolves to text; CloudFormation expects a mapping here and rejects the template',
        15,
        7,
      ],
    ]);
  });

  it('leaves a dynamic reference where text goes, and in a Json property (JSON text), unknown with no error', () => {
    const text = `${fn("      Handler: '{{resolve:ssm:/app/handler}}'\n")}  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: '{{resolve:ssm:/app/policy}}'
`;
    const scan = scanTemplate(text, []);
    expect(scan.errors).toEqual([]);
  });

  it("does not blame another resource holding the text a parameter's list gave where mappings go", () => {
    // `Targets: !Ref L` (a CommaDelimitedList `a,b`): text where target mappings go, in Rule alone; Rule2's Id is a.
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  L: { Type: CommaDelimitedList, Default: 'a,b' }
Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets: !Ref L
  Rule2:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets:
        - Id: a
          Arn: arn:aws:sqs:us-east-1:123456789012:q
`;
    const scan = scanTemplate(text, []);
    expect(scan.errors.map((e) => [e.file, e.line, e.column, e.resource, e.message])).toEqual([
      [
        'template.yaml',
        9,
        16,
        'Rule',
        'Targets of Rule is a list whose items are text (from parameter L); CloudFormation expects a mapping for each item and rejects the template',
      ],
    ]);
  });

  it("blames a parameter's list an Fn::If chooses at the Fn::If, once for all its items", () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  L: { Type: CommaDelimitedList, Default: 'a,b,c' }
  On: { Type: String, Default: 'yes' }
Conditions:
  IsOn: !Equals [!Ref On, 'yes']
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: !If [IsOn, !Ref L, []]
`;
    const scan = scanTemplate(text, []);
    expect(scan.errors.map((e) => [e.line, e.column, e.message.split(';')[0]])).toEqual([
      [11, 21, 'Subscription of Topic is a list whose items are text (from parameter L)'],
    ]);
  });

  it('still blames an item the template writes at the item', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets: [oops]
`;
    const scan = scanTemplate(text, []);
    expect(scan.errors.map((e) => [e.line, e.column, e.message.split(';')[0]])).toEqual([
      [7, 17, 'Targets[0] of Rule is text'],
    ]);
  });

  it('takes a mapping, and leaves a parameter not known before deploy', () => {
    expect(scanTemplate(fn('      TracingConfig: { Mode: Active }\n'), tracingNotActive).errors).toEqual([]);
    const parameters = 'Parameters:\n  Mode:\n    Type: String\n';
    const scan = scanTemplate(fn('      TracingConfig: { Mode: !Ref Mode }\n', parameters), tracingNotActive);
    expect(scan.errors).toEqual([]);
    expect(scan.unknown[0]?.message).toMatch(/^TracingConfig.Mode is not known before deploy \(/);
  });
});

describe('values CloudFormation takes as JSON', () => {
  it('judges nothing inside a policy document (IAM does, at deploy)', () => {
    const role = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: [Allow]
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;
    expect(scanTemplate(`${HEADER}${role}`, []).errors).toEqual([]);
  });
});

/** A SAM function without Runtime (so that Globals can give it one), then `lines` at 6 spaces of indent. */
/** A SAM function with `lines`; a Runtime unless they or Globals (`inherits`) give one. */
function samFn(id: string, lines = '', inherits = false): string {
  const runtime = inherits || lines.includes('Runtime:') ? '' : '      Runtime: python3.13\n';
  return `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      CodeUri: s3://b/k\n${lines}${runtime}`;
}

describe('values SAM copies into the function it generates', () => {
  it('are reported where the user wrote them, named as written', () => {
    const text = samTemplate(samFn('Fn', '      Runtime: []\n      Timeout: abc\n      Tracing: [Active]\n'));
    const scan = scanTemplate(text, [runtimeDeprecated, tracingNotActive]);
    // Lines 8 to 10 of the template: after the header (2), Resources (1) and the function's first 5 lines.
    expect(scan.errors.map((e) => [e.message.split(';')[0], e.line, e.column])).toEqual([
      ['Runtime of Fn is a list', 9, 16],
      ['Tracing of Fn is a list', 11, 16],
      ['Timeout of Fn is text that is not a number', 10, 7],
    ]);
    expect(scan.unknown[0]?.message).toBe(
      'Runtime is not a valid value (a list where text is expected; see the scan error)',
    );
  });

  it('in Globals are reported there, once for all the functions that inherit them', () => {
    const globals = 'Globals:\n  Function:\n    Runtime: [python3.12]\n    Timeout: abc\n';
    const scan = scanTemplate(
      samTemplate(`${samFn('A', '', true)}${samFn('B', '', true)}`, globals),
      runtimeDeprecated,
    );
    expect(scan.errors.map((e) => [e.message.split(';')[0], e.line, e.column])).toEqual([
      ['Runtime in Globals is a list', 5, 14],
      ['Timeout in Globals is text that is not a number', 6, 5],
    ]);
    expect(scan.unknown.map((f) => f.resource.id)).toEqual(['A', 'B']);
  });
});

describe('a list of references (a List property)', () => {
  it('refuses a single text value, which CloudFormation does not take for a list', () => {
    const scan = scanTemplate(
      fn(
        '      Layers: arn:aws:lambda:us-east-1:111122223333:layer:a:1\n      VpcConfig:\n        SubnetIds: subnet-1\n        SecurityGroupIds: [sg-1]\n',
      ),
      [],
    );
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [
        'VpcConfig.SubnetIds of Fn is text; CloudFormation expects a list here and rejects the template',
        10,
        9,
      ],
      ['Layers of Fn is text; CloudFormation expects a list here and rejects the template', 8, 7],
    ]);
    expect(isUnknown(fnOf(scan).layers)).toBe(true);
  });

  it('takes a list, a list an intrinsic makes, and leaves a parameter not known before deploy', () => {
    const parameters = 'Parameters:\n  LayerArns: { Type: CommaDelimitedList }\n';
    const listed = scanTemplate(fn("      Layers: !Split [',', 'arn:a,arn:b']\n"), []);
    expect(listed.errors).toEqual([]);
    expect(fnOf(listed).layers).toEqual(['arn:a', 'arn:b']);
    const fromParameter = scanTemplate(fn('      Layers: !Ref LayerArns\n', parameters), []);
    expect(fromParameter.errors).toEqual([]);
    expect(isUnknown(fnOf(fromParameter).layers)).toBe(true);
  });
});

describe('in a resource SAM generates', () => {
  const sam = (urlConfig: string) =>
    samTemplate(`  B:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: b.h
      CodeUri: src/
      FunctionUrlConfig:
${urlConfig}`);

  it('is reported on the SAM resource the user wrote', () => {
    const scan = scanTemplate(
      sam('        AuthType: NONE\n        Cors:\n          AllowCredentials: [true]\n'),
      [],
    );
    expect(scan.errors.map((e) => [e.message, e.resource, e.line])).toEqual([
      [
        'Cors.AllowCredentials of B is a list; CloudFormation expects true or false here and rejects the template (SAM writes it into BUrl)',
        'B',
        13,
      ],
    ]);
  });

  it('is not reported again where the SAM expansion already said what is wrong', () => {
    const scan = scanTemplate(sam('        AuthType: [NONE]\n'), []);
    expect(scan.errors.map((e) => e.message)).toEqual([
      'B: FunctionUrlConfig.AuthType must be AWS_IAM or NONE',
    ]);
  });
});

describe('an ambiguous value of a SAM function', () => {
  it('is located at the function the user wrote', () => {
    const text = samTemplate(
      `  A:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      CodeUri: .
      Description: abc
`,
      'Globals:\n  Function:\n    Timeout: abc\n',
    );
    const scan = scanTemplate(text, []);
    const ambiguous = scan.errors.find((e) => e.message.includes('Parapet cannot tell which'));
    expect([ambiguous?.line, ambiguous?.column]).toEqual([7, 3]);
  });
});
