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

// CloudFormation refuses a template whose Resources name what it does not define: SAM's Globals are merged into the
// resources before it looks, and a condition may name only parameters, pseudo parameters and mappings.

const errorsOf = (text: string) => scanTemplate(text, []).errors.map((e) => [e.line, e.column, e.message]);
const resourcesRefused = (target: string) =>
  `(CloudFormation refuses the template: Unresolved resource dependencies [${target}] in the Resources block)`;
const undefinedRef = (name: string) =>
  `Ref to "${name}", which is neither a parameter nor a resource of this template`;
const CONDITIONS_ONLY =
  '(CloudFormation refuses the template: a condition can name only parameters, pseudo parameters, mappings and other conditions)';

/** Scans a folder holding `text` as template.yaml, as `parapet scan` does (the cases of its conditions explored). */
function scanFolder(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-globals-conditions-'));
  writeFileSync(join(dir, 'template.yaml'), text);
  return scan([dir], {
    checks: ALL_CHECKS.filter((c) => c.id === 'lambda.no-reserved-concurrency'),
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
  });
}

const GLOBALS = `Globals:
  Function:
    Environment:
      Variables:
        TABLE: !Ref Missing
        URL: !Sub 'https://\${Nope}/'
    Tags:
      Queue: !GetAtt Gone.Arn
`;

describe('a name SAM Globals give resources that the template does not define', () => {
  it('is a template error in Globals, naming the resources SAM gives it to, whether or not a check reads it', () => {
    const text = samTemplate(samFunction('A') + samFunction('B'), GLOBALS);
    expect(errorsOf(text)).toEqual([
      [
        7,
        16,
        `Globals.Function: ${undefinedRef('Missing')}, and SAM gives it to A and B ${resourcesRefused('Missing')}`,
      ],
      [
        8,
        14,
        `Globals.Function: \${Nope} in Fn::Sub names "Nope", which is neither a parameter, a resource nor a variable of the Sub, and SAM gives it to A and B ${resourcesRefused('Nope')}`,
      ],
      [
        10,
        14,
        `Globals.Function: Fn::GetAtt to "Gone", which is not a resource of this template, and SAM gives it to A and B ${resourcesRefused('Gone')}`,
      ],
    ]);
  });

  it('is no error where no resource takes it: none of its type, its own value replacing it, or IgnoreGlobals', () => {
    const api = 'Globals:\n  Api:\n    Name: !Ref Missing\n  Function:\n    Runtime: !Ref Missing\n';
    // No Api at all, and a Runtime every function writes itself.
    expect(errorsOf(samTemplate(samFunction('A') + samFunction('B'), api))).toEqual([]);
    // A variable each function sets itself, Environment ignored by one: only B takes TABLE and Tags.
    const own = '      Environment:\n        Variables:\n          TABLE: mine\n          URL: mine\n';
    const ignoring = samFunction('A', own).replace(
      '    Properties:\n',
      '    IgnoreGlobals: [Environment, Tags]\n    Properties:\n',
    );
    const taken = errorsOf(samTemplate(ignoring + samFunction('B', own), GLOBALS));
    expect(taken.map(([line, , message]) => [line, message])).toEqual([
      [
        10,
        `Globals.Function: Fn::GetAtt to "Gone", which is not a resource of this template, and SAM gives it to B ${resourcesRefused('Gone')}`,
      ],
    ]);
  });

  it('is found in what Globals give an implicit API', () => {
    const event =
      '      Events:\n        Get:\n          Type: Api\n          Properties: { Path: /, Method: get }\n';
    const text = samTemplate(samFunction('Fn', event), 'Globals:\n  Api:\n    Name: !Ref ApiName\n');
    expect(errorsOf(text)).toEqual([
      [
        5,
        11,
        `Globals.Api: ${undefinedRef('ApiName')}, and SAM gives it to ServerlessRestApi ${resourcesRefused('ApiName')}`,
      ],
    ]);
  });

  it('is no error for parameters, pseudo parameters and resources', () => {
    const globals = `Globals:
  Function:
    Environment:
      Variables:
        STAGE: !Ref Stage
        ALL: !Sub '\${Stage}-\${AWS::Region}-\${Queue.Arn}'
`;
    const queue = '  Queue:\n    Type: AWS::SQS::Queue\n';
    const parameters = 'Parameters:\n  Stage: { Type: String, Default: dev }\n';
    expect(errorsOf(samTemplate(samFunction('Fn') + queue, parameters + globals))).toEqual([]);
  });

  it('is reported once by a scan that explores the cases of its conditions', () => {
    const conditioned = samFunction(
      'Fn',
      '      ReservedConcurrentExecutions: !If [IsProd, 10, !Ref AWS::NoValue]\n',
    );
    const extra = `Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n${GLOBALS}`;
    const { errors } = scanFolder(samTemplate(conditioned, extra));
    expect(errors.map((e) => [e.line, e.message.split(',')[0]])).toEqual([
      [11, 'Globals.Function: Ref to "Missing"'],
      [12, 'Globals.Function: ${Nope} in Fn::Sub names "Nope"'],
      [14, 'Globals.Function: Fn::GetAtt to "Gone"'],
    ]);
  });
});

describe('a name a condition uses that is no parameter nor pseudo parameter', () => {
  const conditions = `Parameters:
  Stage: { Type: String, Default: dev }
Mappings:
  Envs: { dev: { Prod: 'no' } }
Conditions:
  Used: !Equals [!Ref Stge, prod]
  Unused: !Not [!Equals [!Sub '\${Nope}', x]]
  OnResource: !Equals [!Ref Fn, prod]
  OnAttribute: !Equals [!GetAtt Fn.Arn, x]
  Fine: !And [!Equals [!Ref Stage, !FindInMap [Envs, !Ref Stage, Prod]], !Equals [!Ref AWS::Region, x]]
  Nested: !Or [!Condition Fine, !Equals [!Sub '\${Stage}-\${AWS::AccountId}', x]]
`;
  const fn = lambdaFunction('Fn').replace('    Properties:\n', '    Condition: Used\n    Properties:\n');

  it('is a template error at the name, in each condition, used or not; a resource is told as one', () => {
    expect(errorsOf(template(fn, conditions))).toEqual([
      [7, 18, `condition Used: ${undefinedRef('Stge')} ${CONDITIONS_ONLY}`],
      [
        8,
        26,
        `condition Unused: \${Nope} in Fn::Sub names "Nope", which is neither a parameter, a resource nor a variable of the Sub ${CONDITIONS_ONLY}`,
      ],
      [9, 24, `condition OnResource: Ref to resource "Fn" ${CONDITIONS_ONLY}`],
      [10, 25, `condition OnAttribute: Fn::GetAtt to resource "Fn" ${CONDITIONS_ONLY}`],
    ]);
  });

  it('is reported once by a scan that explores the cases of its conditions', () => {
    const { errors } = scanFolder(template(fn, conditions));
    expect(errors.map((e) => [e.line, e.message.split(' (')[0]])).toEqual([
      [7, `condition Used: ${undefinedRef('Stge')}`],
      [
        8,
        'condition Unused: ${Nope} in Fn::Sub names "Nope", which is neither a parameter, a resource nor a variable of the Sub',
      ],
      [9, 'condition OnResource: Ref to resource "Fn"'],
      [10, 'condition OnAttribute: Fn::GetAtt to resource "Fn"'],
    ]);
  });

  describe('a condition named within a condition that Conditions does not define', () => {
    const named = `Parameters:
  Stage: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  Unused: !And [!Condition Missing, !Condition IsProd]
  Used: !Or [!Condition IsProd, !Not [!Condition Gone]]
`;
    const used = lambdaFunction('Fn').replace('    Properties:\n', '    Condition: Used\n    Properties:\n');
    const undefinedIn = (condition: string, name: string) =>
      `condition ${condition}: "${name}" is not defined in Conditions ${CONDITIONS_ONLY}`;

    it('is a template error at the name, once, whether or not a resource uses the condition', () => {
      expect(errorsOf(template(used, named))).toEqual([
        [6, 17, undefinedIn('Unused', 'Missing')],
        [7, 39, undefinedIn('Used', 'Gone')],
      ]);
      const { errors } = scanFolder(template(used, named));
      expect(errors.map((e) => [e.line, e.message])).toEqual([
        [6, undefinedIn('Unused', 'Missing')],
        [7, undefinedIn('Used', 'Gone')],
      ]);
    });

    it('is no error where every condition named is defined', () => {
      const defined = named
        .replace('!Condition Missing', '!Condition IsProd')
        .replace('!Condition Gone', '!Condition Unused');
      expect(errorsOf(template(used, defined))).toEqual([]);
    });
  });

  it('is not judged where a macro Parapet does not run may make it', () => {
    const messages = errorsOf(`Transform: MyMacro\n${template(fn, conditions)}`).map(
      ([, , message]) => message,
    );
    expect(messages.filter((message) => String(message).startsWith('condition '))).toEqual([]);
  });
});
