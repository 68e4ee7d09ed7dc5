import { describe, expect, it } from 'vitest';
import roleWildcardAction from '../../../../src/checks/iam/role-wildcard-action.js';
import runtimeDeprecated from '../../../../src/checks/lambda/runtime-deprecated.js';
import tracingNotActive from '../../../../src/checks/lambda/tracing-not-active.js';
import { applySuppressions } from '../../../../src/findings/suppress.js';
import type { LambdaFunction } from '../../../../src/model/lambda.js';
import { expandLanguageExtensions } from '../../../../src/sources/cloudformation/language-extensions/index.js';
import { parseYaml } from '../../../../src/sources/cloudformation/yaml.js';
import { scanTemplate } from '../../../helpers/scan-template.js';
import { lambdaFunction } from '../../../helpers/templates.js';

const LANGUAGE_AND_SAM =
  "AWSTemplateFormatVersion: '2010-09-09'\nTransform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n";
const LANGUAGE = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::LanguageExtensions\n";

/** A loop `Fn::ForEach::Functions` over `collection` making SAM functions `Fn${Name}` on python3.8 (line 4: the loop). */
function samLoop(collection: string, extra = '', key = 'Fn${Name}'): string {
  return `${LANGUAGE_AND_SAM}${extra}Resources:
  Fn::ForEach::Functions:
    - Name
    - ${collection}
    - '${key}':
        Type: AWS::Serverless::Function
        Properties:
          Runtime: python3.8
          Handler: app.handler
          CodeUri: s3://bucket/app.zip
`;
}

const function_ = (scan: ReturnType<typeof scanTemplate>, id: string) =>
  scan.inventory.resolve(id) as LambdaFunction | undefined;

describe('Fn::ForEach: a loop of SAM functions', () => {
  const scan = scanTemplate(samLoop('[Orders, Billing]'), runtimeDeprecated);

  it('gives one finding per generated function, named by its id and located in the fragment', () => {
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => [f.resource.id, f.location])).toEqual([
      ['FnOrders', { file: 'template.yaml', line: 10, column: 11 }],
      ['FnBilling', { file: 'template.yaml', line: 10, column: 11 }],
    ]);
  });

  it('gives each generated resource its own fingerprint', () => {
    const [a, b] = scan.failed;
    expect(a?.fingerprint).toBeDefined();
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it('lets SAM expand what the loop made: each function gets its own role', () => {
    expect(scan.inventory.resolve('FnOrdersRole')).toBeDefined();
    expect(scan.inventory.resolve('FnBillingRole')).toBeDefined();
    expect(scan.inventory.resolve('Fn${Name}')).toBeUndefined();
  });

  it('locates a finding on a role SAM generates from a generated function at the statement in the fragment', () => {
    const text = samLoop('[A, B]').replace(
      '          CodeUri: s3://bucket/app.zip\n',
      '          CodeUri: s3://bucket/app.zip\n          Policies:\n            - Statement:\n' +
        "                - { Effect: Allow, Action: '*', Resource: '*' }\n",
    );
    const roles = scanTemplate(text, roleWildcardAction);
    expect(roles.errors).toEqual([]);
    expect(
      roles.failed.map((f) => [f.resource.id, f.resource.generated?.id, f.location.line, f.location.column]),
    ).toEqual([
      ['FnA', 'FnARole', 15, 19],
      ['FnB', 'FnBRole', 15, 19],
    ]);
  });

  it('says nothing about assumptions when the collection is written in the template', () => {
    expect(scan.failed.every((f) => f.assumptions === undefined)).toBe(true);
  });
});

describe('Fn::ForEach: keys and values', () => {
  it('drops the non-alphanumeric characters of an item in a &{} key', () => {
    const scan = scanTemplate(samLoop('[orders-api, billing.api]', '', 'Fn&{Name}'), runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['Fnordersapi', 'Fnbillingapi']);
  });

  it('replaces Ref to the identifier and ${Identifier} in Fn::Sub inside the fragment', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::Functions:
    - Name
    - [orders, billing]
    - 'Fn&{Name}':
        Type: AWS::Lambda::Function
        Properties:
          FunctionName: !Ref Name
          Runtime: python3.12
          Handler: !Sub '\${Name}.handler'
          Role: !Sub 'arn:aws:iam::123456789012:role/\${Name}-\${AWS::Region}'
          Code: { ZipFile: x }
`;
    const scan = scanTemplate(text, tracingNotActive);
    expect(scan.errors).toEqual([]);
    const orders = function_(scan, 'Fnorders');
    expect(orders?.name).toBe('orders');
    expect(orders?.handler).toBe('orders.handler');
    expect(String(orders?.role)).toBe('arn:aws:iam::123456789012:role/orders-${AWS::Region}');
    expect(function_(scan, 'Fnbilling')?.name).toBe('billing');
  });

  it("locates a generated resource's property in a JSON template too", () => {
    const text = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::LanguageExtensions",
  "Resources": {
    "Fn::ForEach::Functions": ["Name", ["Orders"], {
      "Fn\${Name}": {
        "Type": "AWS::Lambda::Function",
        "Properties": {
          "FunctionName": {"Ref": "Name"},
          "Runtime": "python3.8", "Handler": "app.handler",
          "Role": "arn:aws:iam::123456789012:role/r", "Code": {"ZipFile": "x"}
        }
      }
    }]
  }
}
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => [f.resource.id, f.location])).toEqual([
      ['FnOrders', { file: 'template.json', line: 10, column: 11 }],
    ]);
    expect(function_(scan, 'FnOrders')?.name).toBe('Orders');
  });

  it('expands nested loops, each identifier in its own keys', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::Kinds:
    - Kind
    - [Api, Worker]
    - Fn::ForEach::Stages:
        - Stage
        - [Dev, Prod]
        - '\${Kind}\${Stage}':
            Type: AWS::Lambda::Function
            Properties:
              FunctionName: !Sub '\${Kind}-\${Stage}'
              Runtime: python3.12
              Handler: app.handler
              Role: arn:aws:iam::123456789012:role/r
              Code: { ZipFile: x }
`;
    const scan = scanTemplate(text, tracingNotActive);
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => [f.resource.id, f.location.line])).toEqual([
      ['ApiDev', 10],
      ['ApiProd', 10],
      ['WorkerDev', 10],
      ['WorkerProd', 10],
    ]);
    expect(function_(scan, 'WorkerProd')?.name).toBe('Worker-Prod');
  });

  it('expands a loop inside Properties, locating what it makes at its fragment', () => {
    const text = `${LANGUAGE}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      Environment:
        Variables:
          Fn::ForEach::Tables:
            - Table
            - [ORDERS, USERS]
            - '\${Table}_TABLE': !Sub '\${Table}-table'
      Fn::ForEach::Settings:
        - Setting
        - [Runtime]
        - '\${Setting}': python3.8
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(function_(scan, 'Fn')?.environment).toEqual([
      expect.objectContaining({ name: 'ORDERS_TABLE', value: 'ORDERS-table' }),
      expect.objectContaining({ name: 'USERS_TABLE', value: 'USERS-table' }),
    ]);
    expect(scan.failed.map((f) => [f.resource.id, f.location.line, f.location.column])).toEqual([
      ['Fn', 19, 11],
    ]);
  });

  it('expands loops in Conditions and Outputs', () => {
    const text = `${LANGUAGE}Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  Fn::ForEach::Envs:
    - Name
    - [prod, dev]
    - 'Is&{Name}': !Equals [!Ref Env, !Ref Name]
Resources:
  Fn::ForEach::Functions:
    - Name
    - [prod, dev]
    - 'Fn&{Name}':
        Type: AWS::Lambda::Function
        Condition: !Sub 'Is\${Name}'
        Properties: { Runtime: python3.12, Handler: app.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
Outputs:
  Fn::ForEach::Arns:
    - Name
    - [prod, dev]
    - 'Fn&{Name}Arn':
        Value: !GetAtt [!Sub 'Fn\${Name}', Arn]
`;
    const scan = scanTemplate(text, tracingNotActive);
    expect(scan.errors).toEqual([]);
    expect(function_(scan, 'Fnprod')?.condition).toBeUndefined();
    expect(function_(scan, 'Fndev')?.absentByDefault).toEqual({ condition: 'Isdev', defaults: ['Env=prod'] });
    const expanded = expandLanguageExtensions(parseYaml(text, 't.yaml').value as Record<string, unknown>);
    expect(expanded?.template.Outputs).toEqual({
      FnprodArn: { Value: { 'Fn::GetAtt': ['Fnprod', 'Arn'] } },
      FndevArn: { Value: { 'Fn::GetAtt': ['Fndev', 'Arn'] } },
    });
  });
});

describe('Fn::ForEach: a collection from a parameter', () => {
  const NAMES = '  Names:\n    Type: CommaDelimitedList\n    Default: Orders, Billing\n';

  it('uses the default and lists it as an assumption of each generated resource', () => {
    const scan = scanTemplate(samLoop('!Ref Names', `Parameters:\n${NAMES}`), runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => [f.resource.id, f.assumptions])).toEqual([
      ['FnOrders', ['parameter Names uses its default value, which a deploy may override']],
      ['FnBilling', ['parameter Names uses its default value, which a deploy may override']],
    ]);
  });

  it('uses a -p value as known, with no assumption', () => {
    const scan = scanTemplate(samLoop('!Ref Names', `Parameters:\n${NAMES}`), runtimeDeprecated, {
      parameters: { Names: 'Audit' },
    });
    expect(scan.failed.map((f) => [f.resource.id, f.assumptions])).toEqual([['FnAudit', undefined]]);
  });

  it('reads a list from Mappings', () => {
    const mappings = 'Mappings:\n  Lists:\n    Functions:\n      Names: [Orders, Billing]\n';
    const scan = scanTemplate(samLoop('!FindInMap [Lists, Functions, Names]', mappings), runtimeDeprecated);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['FnOrders', 'FnBilling']);
  });

  it('cannot expand a loop over a parameter without default: an error, and the rest is scanned', () => {
    const text = `${samLoop('!Ref Names', 'Parameters:\n  Names: { Type: CommaDelimitedList }\n')}${lambdaFunction('Plain').replace('python3.12', 'python3.8')}`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors).toEqual([
      {
        kind: 'template',
        message:
          'Fn::ForEach::Functions: its collection cannot be known before deploy (from parameter Names, which has ' +
          'no default); give -p Names=… to check what it makes; not expanded: the resources this loop makes are not checked',
        file: 'template.yaml',
        line: 8,
        column: 7,
        resource: 'Fn::ForEach::Functions',
      },
    ]);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['Plain']);
  });

  it('does not call a reference to an id the unexpanded loop would make undefined; others still are', () => {
    const text = `${samLoop('!Ref Names', 'Parameters:\n  Names: { Type: CommaDelimitedList }\n')}  Url:
    Type: AWS::Lambda::Url
    DependsOn: Fndev
    Properties: { TargetFunctionArn: !GetAtt Fndev.Arn, AuthType: !Sub '\${Fndev}\${Fndev.Arn}' }
  Permission:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !Ref Fndev, Action: lambda:InvokeFunction, Principal: !Ref Nothing }
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line])).toEqual([
      [
        'Fn::ForEach::Functions: its collection cannot be known before deploy (from parameter Names, which has ' +
          'no default); give -p Names=… to check what it makes; not expanded: the resources this loop makes are not checked',
        8,
      ],
      [
        'Permission: Ref to "Nothing", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [Nothing] in the Resources block)',
        21,
      ],
    ]);
  });

  it('reads the ids an unexpanded nested loop would make from its keys: letters and digits where an identifier is', () => {
    const text = `${LANGUAGE}Parameters:
  Names: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Outer:
    - Env
    - [dev, prod]
    - Fn::ForEach::Inner:
        - Name
        - !Ref Names
        - 'Queue&{Name}In\${Env}':
            Type: AWS::SQS::Queue
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref QueueOrdersIndev
      Action: lambda:InvokeFunction
      Principal: !Ref Queue-In-dev
`;
    expect(scanTemplate(text, runtimeDeprecated).errors.map((e) => e.message)).toEqual([
      'Fn::ForEach::Inner: its collection cannot be known before deploy (from parameter Names, which has no ' +
        'default); give -p Names=… to check what it makes; not expanded: the resources this loop makes are not checked',
      'Permission: Ref to "Queue-In-dev", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [Queue-In-dev] in the Resources block)',
    ]);
  });

  it('reads a key of many identifiers against a long id that almost matches it, at once', () => {
    // A regex of the key's parts joined by `[A-Za-z0-9]*` backtracked for minutes here.
    const key = `Q${'&{Name}a'.repeat(30)}Z`;
    const text = (ref: string) => `${LANGUAGE}Parameters:
  Names: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Outer:
    - Name
    - !Ref Names
    - '${key}':
        Type: AWS::SQS::Queue
  Permission:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !Ref ${ref}, Action: lambda:InvokeFunction, Principal: sns.amazonaws.com }
`;
    const errors = (ref: string) => scanTemplate(text(ref), runtimeDeprecated).errors.map((e) => e.message);
    const unexpanded =
      'Fn::ForEach::Outer: its collection cannot be known before deploy (from parameter Names, which has no ' +
      'default); give -p Names=… to check what it makes; not expanded: the resources this loop makes are not checked';
    const almost = `Q${'a'.repeat(240)}`;
    expect(errors(almost)).toEqual([
      unexpanded,
      `Permission: Ref to "${almost}", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [${almost}] in the Resources block)`,
    ]);
    expect(errors(`Q${'a'.repeat(240)}Z`)).toEqual([unexpanded]);
    expect(errors(`Q${'ba'.repeat(30)}Z`)).toEqual([unexpanded]);
  });

  it('cannot expand a loop over availability zones', () => {
    const scan = scanTemplate(samLoop('!GetAZs ""'), runtimeDeprecated);
    expect(scan.errors.map((e) => e.message)).toEqual([
      'Fn::ForEach::Functions: its collection cannot be known before deploy (availability zones of the region); ' +
        'not expanded: the resources this loop makes are not checked',
    ]);
    expect(scan.findings).toEqual([]);
  });
});

describe('Fn::ForEach: bad input is a located error, never a crash', () => {
  const errorsOf = (text: string) =>
    scanTemplate(text, runtimeDeprecated).errors.map((e) => [e.message, e.line, e.resource]);

  it('wrong number of arguments', () => {
    const text = `${LANGUAGE_AND_SAM}Resources:\n  Fn::ForEach::Functions:\n    - Name\n    - [A, B]\n`;
    expect(errorsOf(text)).toEqual([
      [
        'Fn::ForEach::Functions: takes 3 arguments (an identifier, a collection, a fragment), not a list of 2; ' +
          'not expanded: the resources this loop makes are not checked',
        4,
        'Fn::ForEach::Functions',
      ],
    ]);
  });

  it('a collection that is not a list', () => {
    expect(errorsOf(samLoop('Orders'))).toEqual([
      [
        "Fn::ForEach::Functions: its collection must be a list, not 'Orders'; not expanded: the resources this " +
          'loop makes are not checked',
        6,
        'Fn::ForEach::Functions',
      ],
    ]);
  });

  it('an output key that does not use the identifier', () => {
    expect(errorsOf(samLoop('[A, B]', '', 'Fn'))).toEqual([
      [
        "Fn::ForEach::Functions: the output key 'Fn' does not use ${Name} or &{Name}, so every item would make " +
          'the same key; not expanded: the resources this loop makes are not checked',
        7,
        'Fn::ForEach::Functions',
      ],
    ]);
  });

  it('a generated id that is not alphanumeric, the other items expanded', () => {
    const scan = scanTemplate(samLoop('[Orders, order-api]'), runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line])).toEqual([
      [
        "Fn::ForEach::Functions: the key 'Fn${Name}' makes 'Fnorder-api', which is not an alphanumeric logical id " +
          "(write &{Name} to drop other characters); 'Fnorder-api' is left out and not checked",
        7,
      ],
    ]);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['FnOrders']);
  });

  it('replaces an identifier inside a Fn::Sub placeholder: ${${Name}Queue} names the resource the loop made', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::Queues:
    - Name
    - [Orders]
    - '\${Name}Queue':
        Type: AWS::SQS::Queue
      '\${Name}Fn':
        Type: AWS::Lambda::Function
        Properties:
          Runtime: python3.13
          Handler: app.handler
          Role: arn:aws:iam::123456789012:role/r
          Code: { ZipFile: x }
          Environment: { Variables: { QUEUE: !Sub '\${\${Name}Queue}' } }
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    const fn = scan.inventory.resolve('OrdersFn') as LambdaFunction;
    expect(fn.environment).toMatchObject([{ name: 'QUEUE', resourceRefs: ['OrdersQueue'] }]);
  });

  it('generated ids that collide with a written resource or with each other', () => {
    const text = `${samLoop('[Orders, Billing]')}  FnOrders:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.13, Handler: app.handler, CodeUri: s3://bucket/app.zip }
  Fn::ForEach::Again:
    - Name
    - [Billing]
    - 'Fn\${Name}':
        Type: AWS::SQS::Queue
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line, e.resource])).toEqual([
      [
        "Fn::ForEach::Functions: it makes the logical id 'FnOrders', which is also written beside the loop; " +
          'CloudFormation rejects the template (the written one is kept)',
        7,
        'FnOrders',
      ],
      [
        "Fn::ForEach::Again: it makes the logical id 'FnBilling' a second time (another item or loop makes it " +
          'too); CloudFormation rejects the template (the first one is kept)',
        19,
        'FnBilling',
      ],
    ]);
    // The written FnOrders (python3.13) stays; the loop's FnBilling is checked.
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['FnBilling']);
  });

  it('a loop named as a resource', () => {
    const text = `${samLoop('[A]')}  Functions: { Type: AWS::SQS::Queue }\n`;
    expect(errorsOf(text)).toEqual([
      [
        "Fn::ForEach::Functions: the loop's name Functions is also the logical id of a resource; CloudFormation " +
          'rejects the template',
        4,
        'Fn::ForEach::Functions',
      ],
    ]);
  });

  it('more than 5 nested levels', () => {
    const levels = ['A', 'B', 'C', 'D', 'E', 'F'];
    let fragment = `{ 'Q${levels.map((l) => `\${${l}}`).join('')}': { Type: AWS::SQS::Queue } }`;
    for (const level of [...levels].reverse())
      fragment = `{ 'Fn::ForEach::L${level}': [${level}, [x], ${fragment}] }`;
    const text = `${LANGUAGE}Resources:\n  Queue: { Type: AWS::SQS::Queue }\n  ${fragment.slice(2, -2)}\n`;
    expect(errorsOf(text)).toEqual([
      [
        'Fn::ForEach::LF: loops nest 6 deep here; CloudFormation allows at most 5 levels; not expanded: the ' +
          'resources this loop makes are not checked',
        5,
        'Fn::ForEach::LF',
      ],
    ]);
  });

  it('loops that would make more than 10,000 entries: an error on the outer loop, no crash', () => {
    // Three nested loops of 60 items: 216,000 functions from 1.5 KB of JSON.
    const items = Array.from({ length: 60 }, (_, i) => `i${i}`);
    const fn = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.8', Handler: 'x.h' } };
    const loops = {
      'Fn::ForEach::LA': [
        'A',
        items,
        { 'Fn::ForEach::LB': ['B', items, { 'Fn::ForEach::LC': ['C', items, { 'F${A}${B}${C}': fn }] }] },
      ],
    };
    const text = JSON.stringify({ Transform: 'AWS::LanguageExtensions', Resources: { ...loops } });
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line, e.resource])).toEqual([
      [
        'Fn::ForEach::LA: it would make 216,000 resources (with the loops inside it); Parapet expands at most ' +
          '10,000 entries per template; not expanded: the resources this loop makes are not checked',
        1,
        'Fn::ForEach::LA',
      ],
    ]);
    expect(scan.findings).toEqual([]);
  });

  it('counts what earlier loops made against the limit; the loops that fit are expanded', () => {
    const queues = (name: string, count: number) =>
      `  Fn::ForEach::${name}:\n    - N\n    - [${Array.from({ length: count }, (_, i) => `n${i}`).join(', ')}]\n` +
      `    - '${name}\${N}': { Type: AWS::SQS::Queue }\n`;
    const text = `${LANGUAGE}Resources:\n${queues('First', 6000)}${queues('Second', 5000)}${queues('Third', 10)}`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line])).toEqual([
      [
        'Fn::ForEach::Second: it would make 5,000 resources, and the loops before it made 6,000; Parapet ' +
          'expands at most 10,000 entries per template; not expanded: the resources this loop makes are not checked',
        8,
      ],
      ['template declares 6010 resources; CloudFormation accepts at most 500 (scanned anyway)', 3],
    ]);
  });

  it('a loop named as another loop, nested or not, and a loop without a name: expanded anyway', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::A:
    - N
    - [a]
    - F\${N}: { Type: AWS::SQS::Queue }
      Fn::ForEach::A:
        - M
        - [b]
        - G\${M}\${N}: { Type: AWS::SQS::Queue }
  'Fn::ForEach::':
    - N
    - [c]
    - H\${N}: { Type: AWS::SQS::Queue }
Outputs:
  Fn::ForEach::A: [N, [x], { 'O\${N}': { Value: x } }]
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line, e.resource])).toEqual([
      [
        'Fn::ForEach::A: another loop of the template is named A too; CloudFormation wants loop names unique ' +
          'in a template and rejects it (expanded and checked anyway)',
        8,
        'Fn::ForEach::A',
      ],
      [
        'Fn::ForEach::: the loop has no name (write Fn::ForEach::<Name>); CloudFormation rejects the template ' +
          '(expanded and checked anyway)',
        12,
        'Fn::ForEach::',
      ],
      [
        'Fn::ForEach::A: another loop of the template is named A too; CloudFormation wants loop names unique ' +
          'in a template and rejects it (expanded and checked anyway)',
        17,
        undefined,
      ],
    ]);
    expect(
      Object.keys(
        expandLanguageExtensions(parseYaml(text, 't.yaml').value as Record<string, unknown>)?.template
          .Resources ?? {},
      ),
    ).toEqual(['Fa', 'Gba', 'Hc']);
  });

  it('a pseudo parameter as identifier', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::A:
    - AWS::Region
    - [a]
    - F\${AWS::Region}: { Type: AWS::SQS::Queue }
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line, e.resource])).toEqual([
      [
        "Fn::ForEach::A: the identifier AWS::Region is named as CloudFormation's pseudo parameters (AWS::*), so " +
          '${AWS::Region} and Ref: AWS::Region would mean two things; write a name of your own; not expanded: ' +
          'the resources this loop makes are not checked',
        5,
        'Fn::ForEach::A',
      ],
    ]);
    expect(scan.inventory.resolve('Fa')).toBeUndefined();
  });

  it('an identifier that is not a name, and a fragment that is not a mapping', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::One: [[Name], [A], { 'Q\${Name}': { Type: AWS::SQS::Queue } }]
  Fn::ForEach::Two: [Name, [A], !Ref Fragment]
  Fn::ForEach::Three: [{ Name: x }, [A], { 'Q\${Name}': { Type: AWS::SQS::Queue } }]
`;
    expect(errorsOf(text).map(([message]) => message)).toEqual([
      'Fn::ForEach::One: a list of identifiers (first argument) takes 2 or more, not 1 (write one identifier ' +
        'as a name alone); not expanded: the resources this loop makes are not checked',
      'Fn::ForEach::Two: the fragment (third argument) must be a mapping of output keys, not Ref; not expanded: ' +
        'the resources this loop makes are not checked',
      'Fn::ForEach::Three: the identifier (first argument) must be a name, not a mapping; not expanded: the ' +
        'resources this loop makes are not checked',
    ]);
  });
});

describe('Fn::ForEach: ${Identifier} outside Fn::Sub', () => {
  it('is left as written, with one located error saying to write !Sub instead of the undefined names', () => {
    const text = `${LANGUAGE_AND_SAM}Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  Ca: !Equals [!Ref Env, dev]
Resources:
  Fn::ForEach::Functions:
    - N
    - [a, b]
    - Fn\${N}:
        Type: AWS::Serverless::Function
        Condition: C\${N}
        Properties:
          Runtime: !If ['C&{N}', python3.8, python3.12]
          Handler: app.handler
          CodeUri: s3://bucket/app.zip
      Perm\${N}:
        Type: AWS::Lambda::Permission
        Properties:
          Action: lambda:InvokeFunction
          FunctionName: !GetAtt Fn\${N}.Arn
          Principal: !Ref \${N}Principal
          SourceAccount: !GetAtt ['Fn\${N}', Arn]
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    const written = "CloudFormation replaces a loop's identifier only in keys and Fn::Sub";
    expect(scan.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [`Condition: C\${N} is left as written: ${written}; write Condition: !Sub 'C\${N}'`, 13, 9],
      [`Fn::If on C&{N} is left as written: ${written}; write !If [!Sub 'C&{N}', ...]`, 15, 20],
      [`Fn::GetAtt to Fn\${N} is left as written: ${written}; write !GetAtt [!Sub 'Fn\${N}', Arn]`, 22, 25],
      [`Ref: \${N}Principal is left as written: ${written}; write Ref: !Sub '\${N}Principal'`, 23, 22],
      [`Fn::GetAtt to Fn\${N} is left as written: ${written}; write !GetAtt [!Sub 'Fn\${N}', Arn]`, 24, 26],
    ]);
  });

  it('expands the !Sub forms it suggests', () => {
    const text = `${LANGUAGE}Conditions:
  Ca: !Equals [a, a]
Resources:
  Fn::ForEach::Functions:
    - N
    - [a]
    - Fn\${N}:
        Type: AWS::Lambda::Function
        Condition: !Sub 'C\${N}'
        Properties: { Runtime: !If [!Sub 'C\${N}', python3.8, python3.12], Handler: x.h, Role: !Ref Role, Code: { ZipFile: x } }
      Perm\${N}:
        Type: AWS::Lambda::Permission
        Properties: { Action: lambda:InvokeFunction, FunctionName: !GetAtt [!Sub 'Fn\${N}', Arn], Principal: x }
  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['Fna']);
  });

  it('still reports a Ref to an undefined name that holds no identifier of the loops around it', () => {
    const text = `${LANGUAGE}Resources:
  Fn::ForEach::Queues:
    - N
    - [a]
    - Q\${N}:
        Type: AWS::Lambda::Permission
        Properties: { Action: lambda:InvokeFunction, FunctionName: !Ref '\${Other}Fn', Principal: x }
`;
    expect(scanTemplate(text, runtimeDeprecated).errors.map((e) => e.message)).toEqual([
      'Qa: Ref to "${Other}Fn", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [${Other}Fn] in the Resources block)',
    ]);
  });
});

describe('Fn::ForEach: transforms', () => {
  it('expands a loop without the transform, saying CloudFormation rejects it', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn::ForEach::Functions:\n    - Name\n    - [A]\n    - 'Fn\${Name}':\n${lambdaFunction(
      'X',
    )
      .split('\n')
      .slice(1)
      .map((line) => `    ${line}`)
      .join('\n')}`;
    const scan = scanTemplate(text, tracingNotActive);
    expect(scan.errors.map((e) => [e.message, e.line, e.resource])).toEqual([
      [
        'Fn::ForEach::Functions: CloudFormation rejects Fn::ForEach without the AWS::LanguageExtensions transform: ' +
          'write Transform: AWS::LanguageExtensions at the top level (expanded and checked anyway)',
        3,
        'Fn::ForEach::Functions',
      ],
    ]);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['FnA']);
  });

  it('says where the transform goes when SAM is listed alone', () => {
    const text = samLoop('[A]').replace(
      'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
      'Transform: AWS::Serverless-2016-10-31',
    );
    expect(scanTemplate(text, runtimeDeprecated).errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        'write Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31] at the top level',
      ),
    ]);
  });

  it('says SAM must come after the language extensions, and expands in that order', () => {
    const text = samLoop('[A]').replace(
      '[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
      '[AWS::Serverless-2016-10-31, AWS::LanguageExtensions]',
    );
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors.map((e) => [e.message, e.line])).toEqual([
      [
        'Transform lists AWS::Serverless-2016-10-31 before AWS::LanguageExtensions, whose documentation says it ' +
          'must come first: transforms run in the order listed, so SAM would meet Fn::ForEach loops unprocessed; ' +
          'write AWS::LanguageExtensions first (Parapet processes them in that order anyway)',
        2,
      ],
    ]);
    expect(scan.failed.map((f) => f.resource.id)).toEqual(['FnA']);
  });

  it('calls a loop in Parameters an error', () => {
    const text = `${LANGUAGE}Parameters:\n  Fn::ForEach::P: [N, [A], { 'P\${N}': { Type: String } }]\nResources:\n  Q: { Type: AWS::SQS::Queue }\n`;
    expect(scanTemplate(text, runtimeDeprecated).errors.map((e) => [e.message, e.line])).toEqual([
      [
        'Fn::ForEach::P: CloudFormation does not allow Fn::ForEach in Parameters, only in Resources, Conditions ' +
          'and Outputs; not expanded',
        4,
      ],
    ]);
  });

  it('leaves a template without loops or the transform as it is, at no cost', () => {
    const doc = parseYaml(
      `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${lambdaFunction()}`,
      't.yaml',
    ).value;
    expect(expandLanguageExtensions(doc as Record<string, unknown>)).toBeUndefined();
  });
});

describe('Fn::ForEach: inline suppressions', () => {
  it('written in the fragment, suppress the finding of each generated resource', () => {
    const text = samLoop('[Orders, Billing]').replace(
      '        Properties:\n',
      '        Metadata:\n          parapet:\n            ignore:\n              - id: lambda.runtime-deprecated\n' +
        '                reason: migrating next sprint\n        Properties:\n',
    );
    const scan = scanTemplate(text, runtimeDeprecated);
    expect(scan.errors).toEqual([]);
    const applied = applySuppressions(scan.failed, scan.inventory, [], new Date('2026-11-25T00:00:00Z'));
    expect(applied.findings.map((f) => [f.resource.id, f.suppressed?.reason])).toEqual([
      ['FnOrders', 'migrating next sprint'],
      ['FnBilling', 'migrating next sprint'],
    ]);
  });
});

describe('which loop made a resource', () => {
  it('is on each finding of a resource a loop made, and SAM resources made from it, and nowhere else', () => {
    const text = `${samLoop('[Orders, Billing]')}  Written:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.8, Handler: app.handler, CodeUri: s3://bucket/app.zip }
`;
    const { failed, inventory } = scanTemplate(text, runtimeDeprecated);
    expect(failed.map((f) => [f.resource.id, f.resource.loop])).toEqual([
      ['Written', undefined],
      ['FnOrders', 'Fn::ForEach::Functions'],
      ['FnBilling', 'Fn::ForEach::Functions'],
    ]);
    expect(inventory.resolve('FnOrdersRole')?.loop).toBe('Fn::ForEach::Functions');
  });

  it('names the innermost loop of nested ones', () => {
    const text = `${LANGUAGE_AND_SAM}Resources:
  Fn::ForEach::Outer:
    - Env
    - [Dev]
    - Fn::ForEach::Inner:
        - Name
        - [Orders]
        - 'Fn\${Env}\${Name}':
            Type: AWS::Serverless::Function
            Properties: { Runtime: python3.8, Handler: app.handler, CodeUri: s3://bucket/app.zip }
`;
    const { failed } = scanTemplate(text, runtimeDeprecated);
    expect(failed.map((f) => [f.resource.id, f.resource.loop])).toEqual([
      ['FnDevOrders', 'Fn::ForEach::Inner'],
    ]);
  });
});

describe('a parapet.yaml suppression by loop name', () => {
  it('covers every resource the loop made, and no other', () => {
    const text = `${samLoop('[Orders, Billing]')}  Written:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.8, Handler: app.handler, CodeUri: s3://bucket/app.zip }
`;
    const scan = scanTemplate(text, runtimeDeprecated);
    const config = [
      { id: 'lambda.runtime-deprecated', resource: 'Fn::ForEach::Functions', reason: 'legacy fleet' },
    ];
    const out = applySuppressions(scan.failed, scan.inventory, config, new Date('2026-11-25T00:00:00Z'));
    expect(out.findings.map((f) => [f.resource.id, f.suppressed?.by])).toEqual([
      ['Written', undefined],
      ['FnOrders', 'config'],
      ['FnBilling', 'config'],
    ]);
  });
});
