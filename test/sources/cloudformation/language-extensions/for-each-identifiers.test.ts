import { describe, expect, it } from 'vitest';
import runtimeDeprecated from '../../../../src/checks/lambda/runtime-deprecated.js';
import { expandLanguageExtensions } from '../../../../src/sources/cloudformation/language-extensions/index.js';
import { parseYaml } from '../../../../src/sources/cloudformation/yaml.js';
import { scanTemplate } from '../../../helpers/scan-template.js';

/**
 * `Fn::ForEach` with a list of identifiers: a collection of lists (each inner list gives the identifiers in
 * order) or a mapping (its key the first identifier, its value the second), as cfn-lint reads them since
 * aws-cloudformation/cfn-lint#4285 (its good fixture functions/foreach_multi_identifier.yaml has these shapes).
 */
const LANGUAGE = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::LanguageExtensions\n";

/** Every shape the linter accepts: lists of 2 and 3, a mapping, an identifier from a parameter, a loop in Outputs. */
const SHAPES = `${LANGUAGE}Parameters:
  ServerId:
    Type: String
    Default: Server
Resources:
  Fn::ForEach::Instances:
    - [Index, Image]
    - - [1, ami-0000aaaa]
      - [2, ami-0000bbbb]
      - [3, ami-0000cccc]
    - 'Instance\${Index}':
        Type: AWS::EC2::Instance
        Properties:
          ImageId: !Ref Image
          InstanceType: t3.micro
  Fn::ForEach::Groups:
    - [Name, Port]
    - Web: 443
      SSH: 22
    - 'Group&{Name}':
        Type: AWS::EC2::SecurityGroup
        Properties:
          GroupDescription: !Sub 'for \${Name} on \${Port}'
          SecurityGroupIngress:
            - { IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 10.0.0.0/8 }
  Fn::ForEach::Alarms:
    - [Kind, Metric, Limit]
    - - [Cpu, CPUUtilization, 80]
      - [Mem, MemoryUtilization, 90]
    - 'Alarm\${Kind}':
        Type: AWS::CloudWatch::Alarm
        Properties:
          MetricName: !Ref Metric
          Threshold: !Ref Limit
  Fn::ForEach::Servers:
    - [!Ref ServerId, Ami]
    - - [A, ami-0000dddd]
    - 'Host\${Server}':
        Type: AWS::EC2::Instance
        Properties:
          ImageId: !Ref Ami
Outputs:
  Fn::ForEach::Images:
    - [Id, Ami]
    - First: ami-0000aaaa
      Second: ami-0000bbbb
    - 'Image\${Id}':
        Value: !Ref Ami
        Description: !Sub 'the image of \${Id}'
`;

const expand = (text: string, parameters?: Record<string, string>) =>
  expandLanguageExtensions(parseYaml(text, 't.yaml').value as Record<string, unknown>, parameters);

describe('Fn::ForEach with a list of identifiers', () => {
  const expanded = expand(SHAPES);
  const resources = (expanded?.template.Resources ?? {}) as Record<string, { Properties: unknown }>;

  it('expands every shape without an issue', () => {
    expect(expanded?.issues).toEqual([]);
    expect(Object.keys(resources)).toEqual([
      'Instance1',
      'Instance2',
      'Instance3',
      'GroupWeb',
      'GroupSSH',
      'AlarmCpu',
      'AlarmMem',
      'HostA',
    ]);
  });

  it('gives each identifier its value of the inner list, in order', () => {
    expect(resources.Instance1?.Properties).toEqual({ ImageId: 'ami-0000aaaa', InstanceType: 't3.micro' });
    expect(resources.Instance3?.Properties).toEqual({ ImageId: 'ami-0000cccc', InstanceType: 't3.micro' });
    expect(resources.AlarmMem?.Properties).toEqual({ MetricName: 'MemoryUtilization', Threshold: '90' });
  });

  it('reads a mapping as key and value, in ${} and &{} keys, Fn::Sub and Ref alike', () => {
    expect(resources.GroupSSH?.Properties).toEqual({
      GroupDescription: 'for SSH on 22',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: '22', ToPort: '22', CidrIp: '10.0.0.0/8' }],
    });
  });

  it("names an identifier by a parameter's value, listing its default as an assumption", () => {
    expect(resources.HostA?.Properties).toEqual({ ImageId: 'ami-0000dddd' });
    expect(expanded?.assumed.get('HostA')).toEqual(['ServerId']);
    expect(expanded?.assumed.get('Instance1')).toBeUndefined();
    const given = expand(SHAPES.replace("'Host${Server}'", "'Host${Box}'"), { ServerId: 'Box' });
    expect(given?.issues).toEqual([]);
    expect(Object.keys(given?.template.Resources as object)).toContain('HostA');
    expect(given?.assumed.get('HostA')).toBeUndefined();
  });

  it('expands a loop of Outputs over a mapping', () => {
    expect(expanded?.template.Outputs).toEqual({
      ImageFirst: { Value: 'ami-0000aaaa', Description: 'the image of First' },
      ImageSecond: { Value: 'ami-0000bbbb', Description: 'the image of Second' },
    });
  });

  it('expands such a loop nested in another, whose identifier picks its values', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::Stages:
    - Stage
    - [Dev, Prod]
    - Fn::ForEach::Queues:
        - [Name, Size]
        - - [Orders, !Ref Stage]
          - [Billing, '10']
        - 'Queue\${Name}\${Stage}':
            Type: AWS::SQS::Queue
            Properties: { QueueName: !Sub '\${Name}-\${Size}' }
`;
    const result = expand(text);
    expect(result?.issues).toEqual([]);
    expect(result?.template.Resources).toEqual({
      QueueOrdersDev: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'Orders-Dev' } },
      QueueBillingDev: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'Billing-10' } },
      QueueOrdersProd: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'Orders-Prod' } },
      QueueBillingProd: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'Billing-10' } },
    });
  });
});

describe('Fn::ForEach with a list of identifiers: the entry limit', () => {
  it('counts the items of a nested loop of lists, and of a nested loop over a mapping', () => {
    const pairs = Array.from({ length: 100 }, (_, i) => [`n${i}`, `v${i}`]);
    const outer = Array.from({ length: 101 }, (_, i) => `o${i}`);
    const queue = { Type: 'AWS::SQS::Queue' };
    const text = JSON.stringify({
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        'Fn::ForEach::Lists': [
          'O',
          outer,
          { 'Fn::ForEach::Inner': [['N', 'V'], pairs, { 'Q${O}${N}': queue }] },
        ],
        'Fn::ForEach::Maps': [
          'P',
          outer,
          { 'Fn::ForEach::Deep': [['K', 'W'], Object.fromEntries(pairs), { 'R${P}${K}': queue }] },
        ],
      },
    });
    const tooMany = (loop: string) =>
      `Fn::ForEach::${loop}: it would make 10,100 resources (with the loops inside it); Parapet expands at ` +
      'most 10,000 entries per template; not expanded: the resources this loop makes are not checked';
    expect(scanTemplate(text, runtimeDeprecated).errors.map((e) => e.message)).toEqual([
      tooMany('Lists'),
      tooMany('Maps'),
    ]);
  });
});

/** Lambda functions `Fn<Name>` made by a loop over `[Name, Runtime]` (line 4: the loop; line 13: Runtime). */
function functionLoop(collection: string, identifiers = '[Name, Runtime]', extra = ''): string {
  return `${LANGUAGE}${extra}Resources:
  Fn::ForEach::Functions:
    - ${identifiers}
    - ${collection}
    - 'Fn\${Name}':
        Type: AWS::Lambda::Function
        Properties:
          Code: { ZipFile: x }
          Role: arn:aws:iam::123456789012:role/r
          Handler: index.handler
          Runtime: !Ref Runtime
`;
}

describe('Fn::ForEach with a list of identifiers: its Lambda functions are checked', () => {
  it('finds the function on a deprecated runtime, located at its line in the loop', () => {
    const scan = scanTemplate(functionLoop('[[A, nodejs12.x], [B, nodejs24.x]]'), runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => [f.resource.id, f.resource.loop, f.location])).toEqual([
      ['FnA', 'Fn::ForEach::Functions', { file: 'template.yaml', line: 13, column: 11 }],
    ]);
    expect(scan.passed.map((f) => f.resource.id)).toEqual(['FnB']);
  });

  it('reads a mapping of name to runtime the same way', () => {
    const scan = scanTemplate(functionLoop('{ A: nodejs12.x, B: nodejs24.x }'), runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => [f.resource.id, f.location.line])).toEqual([['FnA', 13]]);
  });

  it('reads mapping keys named as Object.prototype members as any other', () => {
    const collection = '{ __proto__: nodejs12.x, constructor: nodejs24.x, toString: nodejs12.x }';
    const scan = scanTemplate(
      functionLoop(collection).replace("'Fn${Name}'", "'Fn&{Name}'"),
      runtimeDeprecated,
    );
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['Fnproto', 'FntoString']);
    expect(scan.passed.map((f) => f.resource.id)).toEqual(['Fnconstructor']);
  });
});

describe('Fn::ForEach with a list of identifiers: what cannot be expanded is a located error', () => {
  const errorsOf = (text: string, parameters?: Record<string, string>) =>
    scanTemplate(text, runtimeDeprecated, parameters ? { parameters } : {}).errors.map((e) => [
      e.message,
      e.line,
      e.column,
    ]);
  const NOT_CHECKED = 'not expanded: the resources this loop makes are not checked';

  it('an inner list of the wrong length, at that list', () => {
    const text = functionLoop('\n      - [A, nodejs12.x]\n      - [B, nodejs24.x, extra]');
    expect(errorsOf(text)).toEqual([
      [
        'Fn::ForEach::Functions: item 2 of its collection is a list of 3 values, but the loop has 2 identifiers ' +
          `(Name, Runtime); ${NOT_CHECKED}`,
        8,
        9,
      ],
    ]);
  });

  it('an item that is not a list', () => {
    expect(errorsOf(functionLoop('[[A, nodejs12.x], B]'))).toEqual([
      [
        "Fn::ForEach::Functions: item 2 of its collection is 'B'; with 2 identifiers each item must be a list " +
          `of 2 values (or the collection a mapping of key to value); ${NOT_CHECKED}`,
        6,
        25,
      ],
    ]);
  });

  it('a mapping with other than 2 identifiers', () => {
    expect(errorsOf(functionLoop('{ A: nodejs12.x }', '[Name, Runtime, Other]'))).toEqual([
      [
        'Fn::ForEach::Functions: a mapping as collection gives each item a key and a value, so the loop takes ' +
          `2 identifiers, not 3; ${NOT_CHECKED}`,
        6,
        7,
      ],
    ]);
  });

  it('a list of one identifier, or one that is not a name', () => {
    expect(errorsOf(functionLoop('[[A]]', '[Name]'))[0]?.[0]).toBe(
      `Fn::ForEach::Functions: a list of identifiers (first argument) takes 2 or more, not 1 (write one identifier as a name alone); ${NOT_CHECKED}`,
    );
    expect(errorsOf(functionLoop('[[A, B]]', '[Name, [Runtime]]'))[0]?.[0]).toBe(
      'Fn::ForEach::Functions: identifier 2 of the list (first argument) must be a name or a Ref to a ' +
        `parameter, not a list of 1; ${NOT_CHECKED}`,
    );
  });

  it('the same identifier twice, or one no output key uses', () => {
    expect(errorsOf(functionLoop('[[A, B]]', '[Name, Name]'))[0]?.[0]).toBe(
      `Fn::ForEach::Functions: the identifier Name is in the list twice; ${NOT_CHECKED}`,
    );
    expect(errorsOf(functionLoop('[[A, B]]', '[Id, Runtime]'))[0]?.[0]).toBe(
      "Fn::ForEach::Functions: the output key 'Fn${Name}' does not use any of its identifiers (${Id}, " +
        `\${Runtime} or their &{} forms), so every item would make the same key; ${NOT_CHECKED}`,
    );
  });

  it('a collection from a parameter without default stays unknown, as with one identifier', () => {
    const text = functionLoop(
      '!Ref Pairs',
      '[Name, Runtime]',
      'Parameters:\n  Pairs: { Type: CommaDelimitedList }\n',
    );
    expect(errorsOf(text)).toEqual([
      [
        'Fn::ForEach::Functions: its collection cannot be known before deploy (from parameter Pairs, which has ' +
          `no default); give -p Pairs=… to check what it makes; ${NOT_CHECKED}`,
        8,
        7,
      ],
    ]);
  });

  it('a value of an inner list from a parameter without default stays unknown', () => {
    const text = functionLoop(
      '[[A, !Ref Later]]',
      '[Name, Runtime]',
      'Parameters:\n  Later: { Type: String }\n',
    );
    expect(errorsOf(text).map((e) => e[0])).toEqual([
      'Fn::ForEach::Functions: an item of its collection cannot be known before deploy (from parameter Later, ' +
        `which has no default); ${NOT_CHECKED}`,
    ]);
  });

  it('an identifier from a parameter without default stays unknown; -p gives it', () => {
    const text = functionLoop(
      '[[A, nodejs12.x]]',
      '[!Ref NameId, Runtime]',
      'Parameters:\n  NameId: { Type: String }\n',
    );
    expect(errorsOf(text)).toEqual([
      [
        'Fn::ForEach::Functions: identifier 1 of the list (first argument) cannot be known before deploy (from ' +
          `parameter NameId, which has no default); give -p NameId=… to check what it makes; ${NOT_CHECKED}`,
        7,
        8,
      ],
    ]);
    expect(errorsOf(text, { NameId: 'Name' })).toEqual([]);
  });

  it('does not call a reference to an id the loop of an unknown identifier would make undefined', () => {
    const text = `${functionLoop('[[A, nodejs12.x]]', '[!Ref NameId, Runtime]', 'Parameters:\n  NameId: { Type: String }\n')}  Url:
    Type: AWS::Lambda::Url
    Properties: { TargetFunctionArn: !GetAtt FnA.Arn, AuthType: NONE }
`;
    expect(errorsOf(text).map((e) => e[0])).toEqual([
      'Fn::ForEach::Functions: identifier 1 of the list (first argument) cannot be known before deploy (from ' +
        `parameter NameId, which has no default); give -p NameId=… to check what it makes; ${NOT_CHECKED}`,
    ]);
  });
});
