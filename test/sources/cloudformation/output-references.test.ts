// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../../src/config/config.js';
import { scan } from '../../../src/scan.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

// CloudFormation refuses a template whose Outputs name what it does not define ("Template format error: Unresolved
// resource dependencies [Missing] in the Outputs block of the template"), as it does in Resources.

const errorsOf = (text: string) => scanTemplate(text, []).errors.map((e) => [e.line, e.column, e.message]);
const refused = (target: string) =>
  `(CloudFormation refuses the template: Unresolved resource dependencies [${target}] in the Outputs block)`;

describe('a name an output uses that the template does not define', () => {
  it('is a template error at the Ref, GetAtt or Sub, naming the output', () => {
    const text = template(lambdaFunction('Fn'), '').concat(`Outputs:
  ByRef:
    Value: !Ref Missing
  ByGetAtt:
    Value: !GetAtt Gone.Arn
  BySub:
    Value: !Sub 'arn:\${AWS::Partition}:x:\${Fn.Arn}:\${Absent.Name}'
  InExport:
    Value: !Ref Fn
    Export: { Name: !Sub '\${AWS::Stage}-fn' }
`);
    expect(errorsOf(text)).toEqual([
      [
        12,
        12,
        `output ByRef: Ref to "Missing", which is neither a parameter nor a resource of this template ${refused('Missing')}`,
      ],
      [
        14,
        12,
        `output ByGetAtt: Fn::GetAtt to "Gone", which is not a resource of this template ${refused('Gone')}`,
      ],
      [
        16,
        12,
        `output BySub: Fn::GetAtt to "Absent", which is not a resource of this template ${refused('Absent')}`,
      ],
      [
        19,
        21,
        `output InExport: \${AWS::Stage} in Fn::Sub names "AWS::Stage", which is neither a parameter, a resource nor a variable of the Sub (the pseudo parameters are AWS::AccountId, AWS::NoValue, AWS::NotificationARNs, AWS::Partition, AWS::Region, AWS::StackId, AWS::StackName, AWS::URLSuffix) ${refused('AWS::Stage')}`,
      ],
    ]);
  });

  it('is no error for parameters, pseudo parameters, resources, Sub variables and literals', () => {
    const text = template(
      lambdaFunction('Fn'),
      'Parameters:\n  Stage: { Type: String, Default: dev }\n',
    ).concat(`Outputs:
  All:
    Value: !Join
      - ','
      - - !Ref Stage
        - !Ref AWS::Region
        - !GetAtt [Fn, Arn]
        - !Sub ['\${Stage}-\${Fn}-\${Extra}-\${!Literal}-\${AWS::AccountId}', { Extra: !Ref AWS::StackName }]
        - !ImportValue shared-vpc
    Export: { Name: !Sub '\${AWS::StackName}-all' }
`);
    expect(errorsOf(text)).toEqual([]);
  });

  it('is no error for what SAM generates (the implicit APIs, the role, the URL, an alias), but a typo is', () => {
    const text = samTemplate(
      samFunction(
        'Fn',
        `      AutoPublishAlias: live
      FunctionUrlConfig: { AuthType: AWS_IAM }
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
        Http: { Type: HttpApi }
`,
      ),
    ).concat(`Outputs:
  Api:
    Value: !Sub 'https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/'
  HttpApi:
    Value: !Ref ServerlessHttpApi
  Role:
    Value: !GetAtt FnRole.Arn
  Url:
    Value: !GetAtt FnUrl.FunctionUrl
  Alias:
    Value: !Ref Fn.Alias
  AliasInSub:
    Value: !Sub '\${Fn.Alias}'
  Stage:
    Value: !Ref ServerlessRestApiProdStage
  Typo:
    Value: !GetAtt FnRoel.Arn
`);
    expect(errorsOf(text).map(([, , message]) => message)).toEqual([
      `output Typo: Fn::GetAtt to "FnRoel", which is not a resource of this template ${refused('FnRoel')}`,
    ]);
  });

  it('is no error for the stage SAM generates for an Api or HttpApi, whatever gives its StageName', () => {
    // SAM's _construct_stage: `<Id><StageName>Stage` for a literal name, `<Id>Stage` for one given by an intrinsic.
    const text = samTemplate(
      `  ByParameter:
    Type: AWS::Serverless::Api
    Properties: { StageName: !Ref Stage }
  Literal:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1 }
  HttpByParameter:
    Type: AWS::Serverless::HttpApi
    Properties: { StageName: !Ref Stage }
  HttpLiteral:
    Type: AWS::Serverless::HttpApi
    Properties: { StageName: v2 }
  HttpDefault:
    Type: AWS::Serverless::HttpApi
`,
      'Parameters:\n  Stage: { Type: String, Default: prod }\n',
    ).concat(`Outputs:
  A: { Value: !Ref ByParameterStage }
  B: { Value: !Ref Literalv1Stage }
  C: { Value: !GetAtt HttpByParameterStage.Arn }
  D: { Value: !Sub '\${HttpLiteralv2Stage}' }
  E: { Value: !Ref HttpDefaultApiGatewayDefaultStage }
  F: { Value: !Ref ByParameter.Stage }
  Typo: { Value: !Ref ByParameterprodStage }
`);
    expect(errorsOf(text).map(([, , message]) => message)).toEqual([
      `output Typo: Ref to "ByParameterprodStage", which is neither a parameter nor a resource of this template ${refused('ByParameterprodStage')}`,
    ]);
  });

  it('is reported for an output whose Condition holds, not for one whose Condition is false', () => {
    const text = template(
      lambdaFunction('Fn').concat('    Condition: IsProd\n'),
      `Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Never: !Equals [a, b]
`,
    ).concat(`Outputs:
  WhenProd:
    Condition: IsProd
    Value: !Ref Missing
  NeverMade:
    Condition: Never
    Value: !Ref Missing
  Chosen:
    Value: !If [IsProd, !Ref Fn, !Ref Missing]
`);
    expect(errorsOf(text).map(([, , message]) => message)).toEqual([
      `output WhenProd: Ref to "Missing", which is neither a parameter nor a resource of this template ${refused('Missing')}`,
    ]);
  });

  it('is not judged where a macro Parapet does not run may make it', () => {
    const outputs = `Outputs:
  Made:
    Value: !Ref MadeByMacro
  Included:
    Value: { 'Fn::Transform': { Name: AWS::Include, Parameters: { Location: s3://b/k.yaml } } }
`;
    const withMacro = `Transform: MyMacro\n${template(lambdaFunction('Fn'))}${outputs}`;
    expect(scanTemplate(withMacro, []).errors).toEqual([]);
    const withoutMacro = template(lambdaFunction('Fn')) + outputs;
    expect(errorsOf(withoutMacro).map(([, , message]) => message)).toEqual([
      `output Made: Ref to "MadeByMacro", which is neither a parameter nor a resource of this template ${refused('MadeByMacro')}`,
    ]);
  });

  it('is reported by a scan that explores the cases of its conditions: in each case, or in those of its Condition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-output-references-'));
    const conditioned = lambdaFunction(
      'Fn',
      '      ReservedConcurrentExecutions: !If [IsProd, 10, !Ref AWS::NoValue]\n',
    );
    writeFileSync(
      join(dir, 'template.yaml'),
      template(
        conditioned,
        'Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
      ).concat(`Outputs:
  Always:
    Value: !Ref Missing
  WhenProd:
    Condition: IsProd
    Value: !Ref AlsoMissing
`),
    );
    const result = scan([dir], {
      checks: ALL_CHECKS.filter((c) => c.id === 'lambda.no-reserved-concurrency'),
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
    expect(result.errors.map((e) => e.message)).toEqual([
      `output Always: Ref to "Missing", which is neither a parameter nor a resource of this template ${refused('Missing')}`,
      `output WhenProd: Ref to "AlsoMissing", which is neither a parameter nor a resource of this template ${refused('AlsoMissing')}. Only when condition IsProd holds.`,
    ]);
  });
});
