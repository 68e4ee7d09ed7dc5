// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { appRole, inline } from './fixtures.js';

// A tagging action on `*` whose conditions need `<service>:CreateAction` (Amazon EC2 User Guide, "Grant permission to
// tag Amazon EC2 resources during creation") runs only inside the create call it names: it tags what that call
// makes, and cannot retag existing resources. It is no write on every resource of its own: the create action it rides
// on is judged by its own grant.

const INSTANCES = "!Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*'";

/** RunInstances on the account's instances, then `tagging` (statements at 14 spaces). */
function runAndTag(tagging: string, head = '') {
  return appRole(
    inline(`              - { Effect: Allow, Action: ec2:RunInstances, Resource: ${INSTANCES} }
${tagging}`),
    head,
  );
}

/** An Allow of `action` on every resource under `condition` (a YAML flow mapping). */
function onEvery(action: string, condition: string): string {
  return `              - { Effect: Allow, Action: ${action}, Resource: '*', Condition: ${condition} }\n`;
}

/** The results on the tagging statement (Statement[1]); RunInstances on every instance fails on its own. */
function results(text: string) {
  const { findings, errors } = scanTemplate(text, check);
  expect(errors).toEqual([]);
  return findings
    .filter((f) => !f.message.startsWith('inline policy app, Statement[0]'))
    .map((f) => [f.status, f.message]);
}

const RUN_INSTANCES =
  'inline policy app, Statement[0]: Allow grants write actions ("ec2:RunInstances") on every EC2 instance in the ' +
  'account and region ("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*").';

describe('a tagging grant on every resource limited to create calls by <service>:CreateAction', () => {
  it('is no write on every resource: StringEquals, StringLike and their ForAnyValue forms, whatever the values', () => {
    for (const condition of [
      '{ StringEquals: { ec2:CreateAction: RunInstances } }',
      '{ StringEqualsIgnoreCase: { ec2:CreateAction: runinstances } }',
      "{ StringLike: { ec2:CreateAction: ['Run*', CreateVolume] } }",
      '{ ForAnyValue:StringEquals: { ec2:CreateAction: [RunInstances, CreateVolume] } }',
      "{ ForAnyValue:StringLike: { ec2:CreateAction: '*' } }",
      // A call of ec2:CreateTags itself carries no such key, whatever the value given at deploy.
      '{ StringEquals: { ec2:CreateAction: !Ref CreateActions } }',
    ]) {
      const text = runAndTag(
        onEvery('ec2:CreateTags', condition),
        'Parameters:\n  CreateActions: { Type: String }\n',
      );
      const { failed, passed, errors } = scanTemplate(text, check);
      expect(errors).toEqual([]);
      // The create action is what is judged: on every instance, it is a finding of its own.
      expect(
        failed.map((f) => f.message),
        condition,
      ).toEqual([RUN_INSTANCES]);
      expect(passed, condition).toEqual([]);
    }
  });

  it('passes, naming the condition, where the create action is scoped', () => {
    const text = appRole(
      inline(
        '              - { Effect: Allow, Action: ec2:RunInstances, Resource: arn:aws:ec2:us-east-1:123456789012:instance/i-0abc }\n' +
          onEvery('ec2:CreateTags', '{ StringEquals: { ec2:CreateAction: RunInstances } }'),
      ),
    );
    const { findings, errors } = scanTemplate(text, check);
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      [
        'pass',
        'no statement allows write actions on every resource, or on every resource of a type (StringEquals ' +
          'ec2:CreateAction limits ec2:CreateTags to tagging what the create calls it names make: it cannot ' +
          'retag existing resources)',
      ],
    ]);
  });

  it("reads another service's CreateAction key alike for its own tagging actions", () => {
    const text = appRole(
      inline(
        onEvery(
          '[ecs:TagResource, elasticloadbalancing:AddTags]',
          '{ StringEquals: { ecs:CreateAction: RunTask } }',
        ),
      ),
    );
    const { failed, errors } = scanTemplate(text, check);
    expect(errors).toEqual([]);
    // ecs:CreateAction says nothing of elasticloadbalancing:AddTags, which stays.
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("elasticloadbalancing:AddTags") on every ' +
        'resource (tagging only: tags decide access where policies test them) (StringEquals ecs:CreateAction ' +
        'limits ecs tagging to the create calls it names).',
    ]);
  });

  it('keeps the finding where the condition lets a request without the key through, or is of another service', () => {
    const kept = (condition: string) => [
      'fail',
      'inline policy app, Statement[1]: Allow grants write actions ("ec2:CreateTags") on every resource (tagging ' +
        `only: tags decide access where policies test them) (with conditions it does not weigh: ${condition}).`,
    ];
    for (const [condition, words] of [
      ['{ StringNotEquals: { ec2:CreateAction: RunInstances } }', 'StringNotEquals ec2:CreateAction'],
      [
        '{ StringEqualsIfExists: { ec2:CreateAction: RunInstances } }',
        'StringEqualsIfExists ec2:CreateAction',
      ],
      // ForAllValues is true when the request has no value for the key.
      [
        '{ ForAllValues:StringEquals: { ec2:CreateAction: RunInstances } }',
        'ForAllValues:StringEquals ec2:CreateAction',
      ],
      ['{ StringEquals: { ecs:CreateAction: RunTask } }', 'StringEquals ecs:CreateAction'],
    ] as const) {
      expect(results(runAndTag(onEvery('ec2:CreateTags', condition))), condition).toEqual([kept(words)]);
    }
  });

  it('leaves the other writes of the statement as they were', () => {
    const text = runAndTag(
      onEvery('[ec2:CreateTags, ec2:DeleteVolume]', '{ StringEquals: { ec2:CreateAction: RunInstances } }'),
    );
    expect(results(text)).toEqual([
      [
        'fail',
        'inline policy app, Statement[1]: Allow grants write actions ("ec2:DeleteVolume") on every resource ' +
          '(StringEquals ec2:CreateAction limits ec2 tagging to the create calls it names).',
      ],
    ]);
  });

  it('is not read from conditions not known before deploy', () => {
    const text = runAndTag(
      `              - Effect: Allow
                Action: ec2:CreateTags
                Resource: '*'
                Condition: !If [OnCreate, { StringEquals: { ec2:CreateAction: RunInstances } }, !Ref AWS::NoValue]
`,
      'Parameters:\n  Mode: { Type: String }\nConditions:\n  OnCreate: !Equals [!Ref Mode, create]\n',
    );
    expect(results(text).map(([status]) => status)).toEqual(['fail']);
  });
});
