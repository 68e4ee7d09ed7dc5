// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import roleSharedByFunctions from '../../../src/checks/iam/role-shared-by-functions.js';
import permissionPublicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import tracingNotActive from '../../../src/checks/lambda/tracing-not-active.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { isInvalid } from '../../../src/model/values.js';
import { scan } from '../../../src/scan.js';
import { isTemplate } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { lambdaFunction, SAM_HEADER, samFunction, samTemplate } from '../../helpers/templates.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-template-errors-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const run = (dir: string) =>
  scan([dir], {
    checks: [tracingNotActive, permissionPublicInvoke],
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
  });

describe('SAM resources without the SAM transform', () => {
  const WITHOUT = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${samFunction('Fn')}${samFunction('Other')}`;

  it('is a located template error saying what to add and what went unchecked', () => {
    const { errors, inventory } = scanTemplate(WITHOUT, tracingNotActive);
    expect(errors).toEqual([
      {
        kind: 'template',
        message:
          '2 resources are AWS::Serverless resources (Fn, Other) but the template has no Transform: ' +
          'AWS::Serverless-2016-10-31; CloudFormation rejects it: add Transform: AWS::Serverless-2016-10-31 ' +
          'at the top level (not expanded: 2 SAM resources not checked)',
        file: 'template.yaml',
        resource: 'Fn',
        line: 3,
        column: 3,
      },
    ]);
    expect(inventory.size).toBe(0);
  });

  it('says nothing when the transform is there', () => {
    const { errors, inventory } = scanTemplate(samTemplate(samFunction('Fn')), tracingNotActive);
    expect(errors).toEqual([]);
    expect(inventory.resolve('Fn')).toBeDefined();
  });
});

describe('Fn::ForEach loops in Resources', () => {
  // Expansion itself is tested in language-extensions/for-each.test.ts.
  const LOOP = `  Fn::ForEach::Functions:
    - Name
    - [A, B]
    - 'Fn\${Name}':
        Type: AWS::Lambda::Function
        Properties: { Runtime: python3.12, Handler: app.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
`;

  it('makes a file of loops only a template', () => {
    expect(isTemplate(parseYaml(`Resources:\n${LOOP}`, 't.yaml').value)).toBe(true);
  });
});

describe('what the parser finds, through a scan', () => {
  const dir = folder({
    'tags.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Bogus value
      Tags: [{ Key: team, Value: !Foo bar }]
Outputs:
  Out: { Value: !Foo baz }
`,
    'repeated.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.8
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
  Fn:
    Type: AWS::SQS::Queue
`,
    'repeated.json':
      '{"AWSTemplateFormatVersion": "2010-09-09",\n "Resources": {"Q": {"Type": "AWS::SQS::Queue"},\n  "Q": {"Type": "AWS::SQS::Queue"}}}\n',
  });
  const result = run(dir);

  it('reports every unknown tag once, located, with the resource that holds it', () => {
    const tagErrors = result.errors.filter((e) => e.file === 'tags.yaml');
    expect(tagErrors).toEqual([
      {
        kind: 'template',
        file: 'tags.yaml',
        line: 6,
        column: 18,
        resource: 'Q',
        message: 'unknown intrinsic function !Bogus',
      },
      {
        kind: 'template',
        file: 'tags.yaml',
        line: 7,
        column: 34,
        resource: 'Q',
        message: 'unknown intrinsic function !Foo',
      },
      {
        kind: 'template',
        file: 'tags.yaml',
        line: 9,
        column: 17,
        message: 'unknown intrinsic function !Foo',
      },
    ]);
  });

  it('warns about repeated keys with the file and both lines', () => {
    expect(result.warnings).toEqual([
      'repeated.json:3:3: key Q repeated (first at line 2); the last one is used',
      'repeated.yaml:11:3: key Fn repeated (first at line 3); the last one is used',
      'repeated.yaml:7:7: key Runtime repeated (first at line 6); the last one is used',
    ]);
    expect(result.errors.filter((e) => e.file?.startsWith('repeated'))).toEqual([]);
  });
});

describe('JSON templates with trailing commas, which CloudFormation deploys', () => {
  const TRAILING = `{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {"Runtime": "python3.13", "Handler": "app.handler", "Code": {"ZipFile": "x",},
        "Role": "arn:aws:iam::123456789012:role/r", "TracingConfig": {"Mode": "PassThrough"},},
    },
  },
}
`;
  const dir = folder({
    'trailing.json': TRAILING,
    // A trailing comma, then a key without its quotes: the error is the key.
    'broken.json': '{"Resources": {"Q": {"Type": "AWS::SQS::Queue",},\n  R: {}}}\n',
  });
  const result = run(dir);

  it('are read, with a warning at the first trailing comma, and findings located where the file writes them', () => {
    expect(result.warnings).toEqual([
      'trailing.json:5:96: a trailing comma (and 4 more after it): not strict JSON, which ' +
        'some tools reject (users report that CloudFormation deploys it); read as if it were not there',
    ]);
    expect(
      result.findings.map((f) => [f.checkId, f.resource.id, f.location.line, f.location.column]),
    ).toEqual([['lambda.tracing-not-active', 'Fn', 6, 71]]);
  });

  it('are an error still where something else is broken, at that place', () => {
    expect(result.errors).toEqual([
      {
        kind: 'parse',
        file: 'broken.json',
        line: 2,
        column: 3,
        message: expect.stringMatching(/^cannot parse: invalid JSON: unexpected "R" /),
      },
    ]);
  });
});

describe('JSON templates with a line break written raw inside a string, which CloudFormation reads', () => {
  // As aws-solutions' serverless-image-handler v4 template: a Metadata note broken over two lines.
  const RAW = `{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Metadata": { "note": "a line
         broken inside a string" },
      "Properties": {"Runtime": "python3.13", "Handler": "app.handler", "Code": {"ZipFile": "x"},
        "Role": "arn:aws:iam::123456789012:role/r", "TracingConfig": {"Mode": "PassThrough"}}
    }
  }
}
`;
  const dir = folder({ 'raw.json': RAW });
  const result = run(dir);

  it('are read, with a warning at the first, and findings located on the lines the file writes them', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'raw.json:5:36: a line break written raw inside a string: not strict JSON, which other tools reject ' +
        '(CloudFormation reads it); read as part of the string, as lenient JSON readers do',
    ]);
    expect(
      result.findings.map((f) => [f.checkId, f.resource.id, f.location.line, f.location.column]),
    ).toEqual([['lambda.tracing-not-active', 'Fn', 8, 71]]);
  });
});

describe('resource types that are names of every JavaScript object', () => {
  it('are types Parapet does not model, not a failure of the file', () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      ...['constructor', 'toString', '__proto__'].flatMap((type, i) => [`  R${i}:`, `    Type: ${type}`]),
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties: { Runtime: python3.12, Handler: app.handler, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }',
    ].join('\n');
    const { errors, inventory } = scanTemplate(text, tracingNotActive);
    expect(errors).toEqual([]);
    expect(inventory.list('lambda.function').map((fn) => fn.id)).toEqual(['Fn']);
    // Fn and the role outside the template it names: nothing for R0, R1, R2.
    expect([...inventory.all()].map((resource) => resource.id)).toEqual([
      'Fn',
      'arn:aws:iam::123456789012:role/r',
    ]);
  });
});

describe('templates whose Resources cannot be read', () => {
  it('are template errors that say why, in a folder scanned with a good template', () => {
    const version = "AWSTemplateFormatVersion: '2010-09-09'\n";
    const dir = folder({
      'a-version-only.yaml': version,
      'b-empty.yaml': `${version}Resources:\n`,
      'c-list.yaml': `${version}Resources: []\n`,
      'c-mapping.yaml': `${version}Resources: {}\n`,
      'd-good.yaml': `${version}Resources:\n${lambdaFunction('Fn')}`,
    });
    const result = run(dir);
    expect(result.errors.map((e) => [e.file, e.kind, e.message, e.line])).toEqual([
      [
        'a-version-only.yaml',
        'template',
        'template has no Resources section (CloudFormation requires one)',
        1,
      ],
      [
        'b-empty.yaml',
        'template',
        'the Resources section is empty (CloudFormation requires at least one resource)',
        2,
      ],
      ['c-list.yaml', 'template', 'Resources must be a mapping of logical ids to resources, not a list', 2],
      [
        'c-mapping.yaml',
        'template',
        'the Resources section is empty (CloudFormation requires at least one resource)',
        2,
      ],
    ]);
    expect(result.templates.map((t) => t.file)).toEqual([
      'a-version-only.yaml',
      'b-empty.yaml',
      'c-list.yaml',
      'c-mapping.yaml',
      'd-good.yaml',
    ]);
  });
});

describe('DependsOn', () => {
  it('naming no resource (a parameter, a typo) is a template error at the name', () => {
    const text = samTemplate(
      `${samFunction('Fn', '      Role: arn:aws:iam::123456789012:role/r\n')}    DependsOn: [Table, Stage]\n` +
        `${samFunction('Other')}    DependsOn: OtherRole\n` +
        '  Table:\n    Type: AWS::DynamoDB::Table\n    DependsOn: Tabel\n',
      'Parameters:\n  Stage: { Type: String }\n',
    );
    const { errors } = scanTemplate(text, tracingNotActive);
    // Other's DependsOn names the role SAM generates for it: a resource of the template as deployed.
    expect(errors.map((e) => [e.resource, e.message, e.line, e.column])).toEqual([
      [
        'Fn',
        'Fn: DependsOn names "Stage", which is not a resource of this template (CloudFormation rejects it)',
        13,
        24,
      ],
      [
        'Table',
        'Table: DependsOn names "Tabel", which is not a resource of this template (CloudFormation rejects it)',
        23,
        5,
      ],
    ]);
  });
});

describe('a resource without a property CloudFormation requires', () => {
  it('asks Runtime and Handler of a .zip function only, not of an image nor of a PackageType not known', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Kind: { Type: String, AllowedValues: [Zip, Image] }
Resources:
  Zip:
    Type: AWS::Lambda::Function
    Properties: { PackageType: Zip, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
  Image:
    Type: AWS::Lambda::Function
    Properties: { PackageType: Image, Role: arn:aws:iam::123456789012:role/r, Code: { ImageUri: repo:1 } }
  EitherKind:
    Type: AWS::Lambda::Function
    Properties: { PackageType: !Ref Kind, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
  NoHandler:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: !Ref AWS::NoValue, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
`;
    expect(scanTemplate(text, []).errors.map((e) => [e.resource, e.line, e.message])).toEqual([
      [
        'Zip',
        7,
        'Zip: AWS::Lambda::Function requires Runtime, Handler, which it does not set; Lambda refuses a .zip function without Runtime and Handler',
      ],
      [
        'NoHandler',
        16,
        'NoHandler: AWS::Lambda::Function requires Handler, which it does not set (!Ref AWS::NoValue removes it); ' +
          'Lambda refuses a .zip function without Handler',
      ],
    ]);
  });

  it('is a template error at its Properties, and makes no other role "maybe shared"', () => {
    const text = `${SAM_HEADER}Resources:
${samFunction('SamFn')}  PlainFn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Code: { ZipFile: x }
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref PlainFn
`;
    const { errors, unknown } = scanTemplate(text, roleSharedByFunctions);
    expect(errors.map((e) => [e.resource, e.line, e.message])).toEqual([
      [
        'PlainFn',
        12,
        'PlainFn: AWS::Lambda::Function requires Role, which it does not set; CloudFormation rejects the resource ("required key [Role] not found")',
      ],
      [
        'Perm',
        18,
        'Perm: AWS::Lambda::Permission requires Action, Principal, which it does not set; CloudFormation rejects the resource ("required key [Action] not found")',
      ],
    ]);
    expect(unknown).toEqual([]);
  });

  it('says which condition creates a conditional resource; a value an Fn::If leaves out is missing too', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ProdOnly:
    Type: AWS::Lambda::Function
    Condition: IsProd
    Properties: { Runtime: python3.12, Handler: a.b, Code: { ZipFile: x } }
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:us-east-1:123456789012:function:f
      AuthType: !If [IsProd, AWS_IAM, !Ref AWS::NoValue]
`;
    const { errors, inventory } = scanTemplate(text, []);
    // Built once, with the defaults (IsProd false); a scan says "Only when condition IsProd does not hold".
    expect(errors.map((e) => e.message)).toEqual([
      'ProdOnly: AWS::Lambda::Function requires Role, which it does not set; CloudFormation rejects the resource when condition IsProd creates it ("required key [Role] not found")',
      'Url: AWS::Lambda::Url requires AuthType, which it does not set (an Fn::If gives AWS::NoValue); CloudFormation rejects the resource ("required key [AuthType] not found")',
    ]);
    const url = inventory.list('lambda.function-url')[0];
    expect(isInvalid(url?.authType)).toBe(true);
  });

  it('is not judged when an Fn::If chooses the whole Properties', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  Never: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Fn::If: [Never, { Runtime: python3.12 }, { Runtime: python3.12, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x }, Handler: a.b }]
`;
    expect(scanTemplate(text, []).errors.filter((e) => e.message.includes('requires'))).toEqual([]);
  });
});

describe('one problem that SAM Globals give every function', () => {
  it('is one error, and a Ref to an AWS:: name that is no pseudo parameter says which are', () => {
    const globals =
      'Globals:\n  Function:\n    Environment:\n      Variables:\n        DEPLOYED_AT: !Ref AWS::Timestamp\n';
    const text = samTemplate(samFunction('A') + samFunction('B') + samFunction('C'), globals);
    const { errors } = scanTemplate(text, []);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        7,
        'Globals.Function: Ref to "AWS::Timestamp", which is neither a parameter nor a resource of this template (the pseudo parameters are AWS::AccountId, AWS::NoValue, AWS::NotificationARNs, AWS::Partition, AWS::Region, AWS::StackId, AWS::StackName, AWS::URLSuffix), and SAM gives it to A, B and C (CloudFormation refuses the template: Unresolved resource dependencies [AWS::Timestamp] in the Resources block)',
      ],
    ]);
  });
});

describe('a required property written as !Ref AWS::NoValue', () => {
  it('is as missing as one left out: a scan error', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Perm:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: f, Action: lambda:InvokeFunction, Principal: !Ref AWS::NoValue }
`;
    expect(scanTemplate(text, []).errors.map((e) => e.message)).toEqual([
      'Perm: AWS::Lambda::Permission requires Principal, which it does not set (!Ref AWS::NoValue removes it); ' +
        'CloudFormation rejects the resource ("required key [Principal] not found")',
    ]);
  });
});

describe('a managed policy ARN with a pseudo parameter written outside Fn::Sub', () => {
  it('is a scan error at the item, and no policy the statement checks call unknown', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns:
        - arn:{AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
`;
    const { errors } = scanTemplate(text, []);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [
        8,
        "ManagedPolicyArns[0] of Role holds {AWS::Partition}, which CloudFormation substitutes only in Fn::Sub: IAM refuses the ARN. Write it !Sub 'arn:${AWS::Partition}:…'",
      ],
    ]);
  });
});
