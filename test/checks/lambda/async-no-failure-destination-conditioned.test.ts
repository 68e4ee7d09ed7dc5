// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/async-no-failure-destination.js';
import { scanTemplateFile } from '../../helpers/scan-file.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaAlias, lambdaFunction, lambdaPermission } from '../../helpers/templates.js';

/** Stage CODE by default; IsProd holds with Stage=PROD (guardian's support-service-lambdas write it so). */
const STAGE = `Parameters:
  Stage: { Type: String, Default: CODE, AllowedValues: [CODE, PROD] }
  Env: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Stage, PROD]
  Open: !Equals [!Ref Env, prod]
`;

/** Adds `Condition: <condition>` to each of `resources` (after its Type line). */
function under(condition: string, resources: string): string {
  return resources.replace(/(\n {4}Type: [^\n]+\n)/g, `$1    Condition: ${condition}\n`);
}

const fn = lambdaFunction('Fn');

/** An EventBridge rule on Fn and the permission for it (catalog-service's schedule, as CloudFormation writes it). */
const RULE_AND_PERMISSION = `  Rule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(10 minutes)
      Targets: [{ Id: t, Arn: !GetAtt Fn.Arn }]
${lambdaPermission('Perm', 'events.amazonaws.com', '      SourceArn: !GetAtt Rule.Arn\n')}`;

const DROPPED =
  'The function is invoked asynchronously (by events.amazonaws.com (Perm)) but has neither a dead-letter queue ' +
  'nor an on-failure destination: events that fail all retries are dropped.';

/** FnConfig on Fn's $LATEST, sending failed events to a queue. */
const CONFIG = `  FnConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure: { Destination: arn:aws:sqs:us-east-1:123456789012:failed }
`;

/** The async check's findings of a scan as `parapet scan` makes it (the cases of the conditions merged). */
function results(text: string, parameters?: Record<string, string>): string[][] {
  return scanTemplateFile(text, check.id, parameters).findings.map((f) => [f.status, f.message]);
}

describe('lambda.async-no-failure-destination: callers and configs the defaults do not deploy (review S23 r3)', () => {
  it('is unknown where the only caller is deployed only when a condition holds that the defaults make false', () => {
    const text = template(fn + under('IsProd', RULE_AND_PERMISSION), STAGE);
    expect(results(text)).toEqual([
      [
        'unknown',
        `When condition IsProd holds (Stage=PROD, not its default CODE): ${DROPPED} With the parameters' defaults ` +
          'condition IsProd does not hold; a deploy may override them.',
      ],
    ]);
    expect(results(text, { Stage: 'PROD' })).toEqual([['fail', DROPPED]]);
    expect(results(text, { Stage: 'CODE' })).toEqual([]);
  });

  it('leaves such a caller out of a failure the callers every deploy has make', () => {
    const s3 = lambdaPermission('S3Perm', 's3.amazonaws.com');
    const text = template(fn + s3 + under('IsProd', RULE_AND_PERMISSION), STAGE);
    expect(scanTemplate(text, check).failed.map((f) => f.message)).toEqual([
      'The function is invoked asynchronously (by s3.amazonaws.com (S3Perm)) but has neither a dead-letter queue ' +
        'nor an on-failure destination: events that fail all retries are dropped.',
    ]);
  });

  it('still counts a caller under a condition not known before deploy (no default) where it exists', () => {
    const text = template(fn + under('Open', RULE_AND_PERMISSION), STAGE);
    expect(results(text)).toEqual([
      [
        'unknown',
        `When condition Open holds: ${DROPPED} Condition Open cannot be decided before deploy: it compares values ` +
          'not known before deploy (from parameter Env, which has no default).',
      ],
    ]);
  });

  it('fails where the only config keeping failed events is deployed only when the defaults make a condition hold', () => {
    const text = template(fn + RULE_AND_PERMISSION + under('IsProd', CONFIG), STAGE);
    expect(results(text)).toEqual([
      [
        'fail',
        `${DROPPED} Event invoke config FnConfig, with an on-failure destination, is deployed only when condition ` +
          "IsProd holds, which is false with the parameters' defaults (Stage=CODE).",
      ],
    ]);
    expect(scanTemplate(text, check, { parameters: { Stage: 'PROD' } }).passed.map((f) => f.message)).toEqual(
      [
        'failed asynchronous events of $LATEST (unqualified) go to arn:aws:sqs:us-east-1:123456789012:failed (FnConfig)',
      ],
    );
  });

  it('names no such config of another alias than the one invoked: deployed, it would not keep these events', () => {
    const onAlias = CONFIG.replace('Qualifier: $LATEST', 'Qualifier: live');
    const text = template(fn + lambdaAlias() + RULE_AND_PERMISSION + under('IsProd', onAlias), STAGE);
    expect(scanTemplate(text, check).failed.map((f) => f.message)).toEqual([DROPPED]);
  });

  it('takes no config the defaults leave out as a sign of asynchronous use', () => {
    const text = template(fn + under('IsProd', CONFIG.replace(/ {6}DestinationConfig:\n.*\n/, '')), STAGE);
    expect(scanTemplate(text, check).findings).toEqual([]);
  });

  describe('a state machine task, asked as every other caller is (async-callers.ts, sync-callers.ts)', () => {
    /** A state machine Sm with one Task state A invoking Fn with `invocationType`. */
    const machine = (invocationType: string) => `  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionString: !Sub '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:\${AWS::Partition}:states:::lambda:invoke","Parameters":{"FunctionName":"\${Fn.Arn}","InvocationType":"${invocationType}"},"End":true}}}'
`;
    const TASK_DROPPED =
      'The function is invoked asynchronously (by state machine Sm (state A)) but has neither a dead-letter queue ' +
      'nor an on-failure destination: events that fail all retries are dropped.';
    const RETRIES = `  FnRetries:
    Type: AWS::Lambda::EventInvokeConfig
    Properties: { FunctionName: !Ref Fn, Qualifier: $LATEST, MaximumRetryAttempts: 0 }
`;
    const SIGN =
      'The function has event invoke config FnRetries, so it is most likely invoked asynchronously, but has ' +
      'neither a dead-letter queue nor an on-failure destination: events that fail all retries are dropped.';

    it('invokes asynchronously where the deploy of the defaults creates the machine, a condition not known holding', () => {
      expect(results(template(fn + machine('Event'), STAGE))).toEqual([['fail', TASK_DROPPED]]);
      expect(results(template(fn + under('Open', machine('Event')), STAGE))).toEqual([
        [
          'unknown',
          `When condition Open holds: ${TASK_DROPPED} Condition Open cannot be decided before deploy: it compares ` +
            'values not known before deploy (from parameter Env, which has no default).',
        ],
      ]);
      expect(scanTemplate(template(fn + under('IsProd', machine('Event')), STAGE), check).findings).toEqual(
        [],
      );
    });

    it('takes a config as no sign of asynchronous use only where every deploy creates the machine invoking synchronously', () => {
      expect(results(template(fn + RETRIES + machine('RequestResponse'), STAGE))).toEqual([]);
      for (const condition of ['Open', 'IsProd']) {
        const text = template(fn + RETRIES + under(condition, machine('RequestResponse')), STAGE);
        expect(scanTemplate(text, check).failed.map((f) => f.message)).toEqual([SIGN]);
      }
    });
  });
});
