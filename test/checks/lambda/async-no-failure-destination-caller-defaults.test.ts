// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/async-no-failure-destination.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { template } from '../../helpers/scan-template.js';
import { lambdaFunction, lambdaPermission } from '../../helpers/templates.js';

// A failure that rests on a caller whose Condition the parameters' defaults make hold rests on those defaults:
// a deploy that overrides them has no caller, and the function is then not invoked asynchronously.

/** Add holds by AddRule's default only; Open is not known before deploy. */
const HEAD = `Parameters:
  AddRule: { Type: String, AllowedValues: ['Yes', 'No'], Default: 'Yes' }
  Env: { Type: String }
  Stage: { Type: String, Default: dev }
Conditions:
  Add: !Equals [!Ref AddRule, 'Yes']
  Open: !Equals [!Ref Env, prod]
`;

/** An EventBridge rule on Fn and its permission, each under `condition` when given. */
const callers = (condition?: string) => {
  const under = condition === undefined ? '' : `    Condition: ${condition}\n`;
  return `  Rule:
    Type: AWS::Events::Rule
${under}    Properties:
      ScheduleExpression: rate(5 minutes)
      Targets: [{ Id: Main, Arn: !GetAtt Fn.Arn }]
${lambdaPermission('Perm', 'events.amazonaws.com', '      SourceArn: !GetAtt Rule.Arn\n').replace(/(\n {4}Type: [^\n]+\n)/, `$1${under}`)}`;
};

const findings = (text: string) =>
  scanTemplateFile(text, check.id).findings.map((f) => [f.status, f.assumptions ?? []]);

describe('lambda.async-no-failure-destination: the defaults behind its callers', () => {
  it('lists the default that makes the only caller exist', () => {
    expect(findings(template(lambdaFunction('Fn') + callers('Add'), HEAD))).toEqual([
      ['fail', ['parameter AddRule uses its default value, which a deploy may override']],
    ]);
  });

  it('lists it too where a dead-letter queue not known before deploy leaves the verdict unknown', () => {
    const queue = '      DeadLetterConfig: { TargetArn: !Ref Queue }\n';
    const head = HEAD.replace('Conditions:', '  Queue: { Type: String }\nConditions:');
    expect(findings(template(lambdaFunction('Fn', queue) + callers('Add'), head))).toEqual([
      ['unknown', ['parameter AddRule uses its default value, which a deploy may override']],
    ]);
  });

  it('lists none for a caller every deploy has', () => {
    expect(findings(template(lambdaFunction('Fn') + callers(), HEAD))).toEqual([['fail', []]]);
  });

  it('lists none of a default that does not decide whether the caller exists (its rule names the stage)', () => {
    const named = callers().replace(
      'ScheduleExpression:',
      'Name: !Sub "${Stage}-rule"\n      ScheduleExpression:',
    );
    expect(findings(template(lambdaFunction('Fn') + named, HEAD))).toEqual([['fail', []]]);
  });

  it('stays unknown, saying when, for a caller under a condition not known before deploy', () => {
    const result = scanTemplateFile(template(lambdaFunction('Fn') + callers('Open'), HEAD), check.id);
    expect(result.findings.map((f) => [f.status, f.assumptions ?? []])).toEqual([['unknown', []]]);
    expect(result.findings[0]?.message).toMatch(/^When condition Open holds: /);
  });
});
