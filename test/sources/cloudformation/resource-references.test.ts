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

// CloudFormation refuses a template whose Resources name what it does not define ("Template format error: Unresolved
// resource dependencies [Environment] in the Resources block of the template"), whatever its conditions.

const errorsOf = (text: string) =>
  scanTemplate(text, []).errors.map((e) => [e.line, e.column, e.resource, e.message]);
const refused = (target: string) =>
  `(CloudFormation refuses the template: Unresolved resource dependencies [${target}] in the Resources block)`;
const undefinedRef = (id: string, name: string) =>
  `${id}: Ref to "${name}", which is neither a parameter nor a resource of this template ${refused(name)}`;

const STAGE = `  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: api, ProtocolType: HTTP }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: !Ref Environment
`;

describe('a name a resource uses that the template does not define', () => {
  it('is a template error at the Ref, naming the resource, where no check reads the property', () => {
    const tagged = lambdaFunction('Fn').concat(
      '      Tags:\n        - Key: Environment\n          Value: !Ref Environment\n',
    );
    expect(errorsOf(template(STAGE + tagged))).toEqual([
      [10, 18, 'Stage', undefinedRef('Stage', 'Environment')],
      [20, 18, 'Fn', undefinedRef('Fn', 'Environment')],
    ]);
  });

  it('is one error where a check reads it too, and one per resource however often it is named', () => {
    const text = template(
      lambdaFunction('Fn').concat(`      Environment:
        Variables:
          STAGE: !Ref Environment
          AGAIN: !Ref Environment
`),
    );
    expect(errorsOf(text).map(([line, , , message]) => [line, message])).toEqual([
      [12, undefinedRef('Fn', 'Environment')],
    ]);
  });

  it('is found in Fn::GetAtt and Fn::Sub, in each branch of an Fn::If and in a resource with a Condition', () => {
    const text = template(
      lambdaFunction('Fn')
        .replace('    Properties:\n', '    Condition: Never\n    Properties:\n')
        .concat(`      Environment:
        Variables:
          ARN: !GetAtt Gone.Arn
          URL: !Sub 'https://\${Host}/\${Stage}/\${Absent.Name}'
          CHOSEN: !If [Never, !Ref Stage, !Ref Missing]
`),
      'Parameters:\n  Stage: { Type: String, Default: dev }\nConditions:\n  Never: !Equals [a, b]\n',
    );
    expect(errorsOf(text).map(([, , resource, message]) => [resource, message])).toEqual([
      ['Fn', `Fn: Fn::GetAtt to "Gone", which is not a resource of this template ${refused('Gone')}`],
      [
        'Fn',
        `Fn: \${Host} in Fn::Sub names "Host", which is neither a parameter, a resource nor a variable of the Sub ${refused('Host')}`,
      ],
      ['Fn', `Fn: Fn::GetAtt to "Absent", which is not a resource of this template ${refused('Absent')}`],
      ['Fn', undefinedRef('Fn', 'Missing')],
    ]);
  });

  it('is no error for parameters, pseudo parameters, resources, Sub variables, literals and what SAM generates', () => {
    const defined = template(
      STAGE +
        lambdaFunction('Fn').concat(`      Environment:
        Variables:
          ALL: !Sub
            - '\${Environment}-\${AWS::Region}-\${Api.ApiEndpoint}-\${Var}-\${!Literal}'
            - Var: !Ref Api
`),
      'Parameters:\n  Environment: { Type: String, Default: dev }\n',
    );
    expect(errorsOf(defined)).toEqual([]);
    const sam = samTemplate(
      samFunction('Fn', '      AutoPublishAlias: live\n').concat(`  Other:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      FunctionName: !Ref Fn.Alias
      SourceArn: !Sub '\${FnRole.Arn}'
`),
    );
    expect(errorsOf(sam)).toEqual([]);
  });

  it('is not judged where a macro Parapet does not run may make it', () => {
    const text = `Transform: MyMacro\n${template(STAGE)}`;
    expect(scanTemplate(text, []).errors).toEqual([]);
  });

  it('is reported once by a scan that explores the cases of its conditions, in none only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-resource-references-'));
    const conditioned = lambdaFunction('Fn').concat(
      '      ReservedConcurrentExecutions: !If [IsProd, 10, !Ref AWS::NoValue]\n',
    );
    writeFileSync(
      join(dir, 'template.yaml'),
      template(
        STAGE + conditioned,
        'Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
      ),
    );
    const result = scan([dir], {
      checks: ALL_CHECKS.filter((c) => c.id === 'lambda.no-reserved-concurrency'),
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
    expect(result.errors.map((e) => e.message)).toEqual([undefinedRef('Stage', 'Environment')]);
  });
});
