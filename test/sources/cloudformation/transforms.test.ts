import { describe, expect, it } from 'vitest';
import { buildTemplateInventory, isTemplate } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { samFunction } from '../../helpers/templates.js';

function warningsOf(text: string): string[] {
  const parsed = parseYaml(text, 't.yaml');
  return buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator).warnings.map(
    (w) => `${w.line} ${w.message}`,
  );
}

describe('transforms Parapet does not run', () => {
  it('are a warning each, at Transform: what a macro or AWS transform adds is not checked', () => {
    const text = `Transform:
  - AWS::Serverless-2016-10-31
  - Name: DatadogServerless
    Parameters: { extensionLayerVersion: '85' }
  - AWS::SecretsManager-2020-07-23
Resources:
${samFunction('Fn')}`;
    expect(warningsOf(text)).toEqual([
      '1 Transform DatadogServerless is a macro Parapet does not run: what it adds to the template or changes in it (functions, layers, variables, roles) is not checked',
      '1 Transform AWS::SecretsManager-2020-07-23 is a transform Parapet does not run: what it adds to the template or changes in it (functions, layers, variables, roles) is not checked',
    ]);
  });

  it('are none for SAM and the language extensions, which Parapet applies', () => {
    const text = `Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources:\n${samFunction('Fn')}`;
    expect(warningsOf(text)).toEqual([]);
  });
});

describe('Properties an Fn::Transform makes (AWS::Include, a macro)', () => {
  it('are a warning that the resource is not checked, not a scan error: CloudFormation accepts them', () => {
    const text = `Resources:
  Included:
    Type: AWS::Lambda::Function
    Properties:
      Fn::Transform:
        Name: AWS::Include
        Parameters: { Location: s3://bucket/fn-props.yaml }
`;
    const parsed = parseYaml(text, 't.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors).toEqual([]);
    expect(built.warnings.map((w) => `${w.line} ${w.message}`)).toEqual([
      '4 Properties of Included come from Fn::Transform (AWS::Include or a macro), which Parapet does not run: Included is not checked',
    ]);
  });
});

describe('a resource whose whole body is an Fn::Transform (AWS::Include)', () => {
  it('is a warning that it is not checked, not "no Type": the snippet brings the Type', () => {
    const text = `Resources:
  Included:
    Fn::Transform:
      Name: AWS::Include
      Parameters: { Location: s3://bucket/fn.yaml }
  Other:
    Properties: {}
`;
    const parsed = parseYaml(text, 't.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors.map((e) => `${e.line} ${e.message}`)).toEqual(['6 resource Other has no Type']);
    expect(built.warnings.map((w) => `${w.line} ${w.message}`)).toEqual([
      '3 resource Included is made by an Fn::Transform (AWS::Include or a macro), which Parapet does not run: it is not checked',
    ]);
  });
});

describe("an Fn::Transform beside a resource's Type (AWS::Include of its properties)", () => {
  const build = (text: string) => {
    const parsed = parseYaml(text, 't.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    return {
      errors: built.errors.map((e) => e.message),
      warnings: built.warnings.map((w) => `${w.line} ${w.message}`),
      resources: [...built.inventory.all()].map((r) => r.id),
    };
  };
  const include = '    Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/fn.yaml } }\n';

  it('without Properties: the include brings them; a warning, no "requires Role" error, not checked', () => {
    const built = build(`Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n${include}`);
    expect(built.errors).toEqual([]);
    expect(built.warnings).toEqual([
      '4 resource Fn takes its properties from an Fn::Transform (AWS::Include or a macro), which Parapet does not run: it is not checked',
    ]);
    expect(built.resources).toEqual([]);
  });

  it('with Properties: checked as written, and a warning says what the transform adds is not', () => {
    const built = build(
      `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n${include}    Properties:\n      Runtime: python3.13\n`,
    );
    expect(built.errors).toEqual([]);
    expect(built.warnings).toEqual([
      '4 resource Fn holds an Fn::Transform (AWS::Include or a macro), which Parapet does not run: Fn is checked as written, and what the transform adds or changes is not',
    ]);
    expect(built.resources).toEqual(['Fn']);
  });
});

describe('an Fn::Transform among the Resources (AWS::Include of resources)', () => {
  it('is a warning that what it adds is not checked, with no scan error, even when it is the only entry', () => {
    for (const before of ['  Topic:\n    Type: AWS::SNS::Topic\n', '']) {
      const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${before}  Fn::Transform:
    Name: AWS::Include
    Parameters: { Location: s3://my-bucket/functions.yaml }
`;
      const parsed = parseYaml(text, 't.yaml');
      const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
      expect(built.errors).toEqual([]);
      expect(built.warnings.map((w) => w.message)).toEqual([
        'Resources holds an Fn::Transform (AWS::Include or a macro), which Parapet does not run: the resources it adds are not checked',
      ]);
    }
  });
});

describe('resources an AWS::Include brings', () => {
  it('may be named without an error, and a template of only the include is a template', () => {
    const text = `Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters: { Location: s3://b/r.yaml }
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: IncludedRole
    Properties: { Runtime: python3.12, Handler: a.b, Code: { ZipFile: x }, Role: !GetAtt IncludedRole.Arn }
`;
    const parsed = parseYaml(text, 't.yaml');
    expect(isTemplate(parsed.value)).toBe(true);
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors).toEqual([]);
    expect(
      isTemplate(parseYaml('Resources:\n  Fn::Transform: { Name: AWS::Include }\n', 'u.yaml').value),
    ).toBe(true);
  });
});

describe('an AWS::Include of resources in a template with default-decided conditions', () => {
  it('gives no error in the cases of the conditions either (they are built from the same document)', () => {
    const text = `Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn::Transform:
    Name: AWS::Include
    Parameters: { Location: s3://b/r.yaml }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !If [IsProd, python3.12, python3.11]
      Handler: a.b
      Code: { ZipFile: x }
      Role: !GetAtt IncludedRole.Arn
`;
    const parsed = parseYaml(text, 't.yaml');
    const doc = parsed.value as Record<string, unknown>;
    const main = buildTemplateInventory(doc, parsed.locator);
    const otherCase = buildTemplateInventory(doc, parsed.locator, {
      conditions: new Map([['IsProd', false]]),
    });
    expect([...main.errors, ...otherCase.errors]).toEqual([]);
    expect(main.warnings).toHaveLength(1);
  });
});

describe('an Fn::Transform beside written Properties', () => {
  it('is a warning that the resource is checked as written', () => {
    const text = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      Fn::Transform:
        Name: AWS::Include
        Parameters: { Location: s3://b/props.yaml }
`;
    const parsed = parseYaml(text, 't.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors).toEqual([]);
    expect(built.inventory.list('lambda.function')).toHaveLength(1);
    expect(built.warnings.map((w) => `${w.line} ${w.message}`)).toEqual([
      '9 Properties of Fn hold an Fn::Transform (AWS::Include or a macro), which Parapet does not run: Fn is checked as written, and what the transform adds or changes is not',
    ]);
  });
});

describe('an Fn::Transform inside a property (AWS::Include of an OpenAPI definition, a macro)', () => {
  it('is a warning at the transform, naming the property and the file', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters: { Location: ./api.definition.yml }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      Layers:
        - Fn::Transform: { Name: LayerArn, Parameters: { Layer: common } }
`;
    expect(warningsOf(text)).toEqual([
      '8 Properties of Api hold an Fn::Transform at DefinitionBody (AWS::Include of ./api.definition.yml), which Parapet does not run: Api is checked as written, and what the transform brings there is not',
      '19 Properties of Fn hold an Fn::Transform at Layers[0] (macro LayerArn), which Parapet does not run: Fn is checked as written, and what the transform brings there is not',
    ]);
  });
});
