// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { appRole, inline } from './fixtures.js';

// A resource-tag condition narrows a grant only where the role cannot choose the tag itself (attribute-based access
// control, IAM User Guide). A tagging grant the role holds is no way to choose it where an explicit Deny takes the
// tagging action back on those resources, or where its conditions keep it from setting that key to the value wanted
// (aws:TagKeys, aws:RequestTag/<key>).

const INSTANCES = "!Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*'";
const ON_INSTANCES =
  'inline policy app, Statement[0]: Allow grants write actions ("ec2:StopInstances", "ec2:StartInstances") on every ' +
  'EC2 instance in the account and region ("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*")';
const LOW = [
  'low',
  `${ON_INSTANCES} tagged Scheduled=true (StringEquals aws:ResourceTag/Scheduled) (whoever may tag them chooses ` +
    'which, and the role cannot tag them itself: this is reported at low severity).',
];
const HIGH = [
  'high',
  `${ON_INSTANCES} (StringEquals aws:ResourceTag/Scheduled does not narrow it: the role may tag them itself ` +
    '(ec2:CreateTags)).',
];

/** Start/stop of instances tagged Scheduled=true, then `others` (statements at 14 spaces); `head` before Resources. */
function scheduled(others: string, head = '') {
  return appRole(
    inline(`              - Effect: Allow
                Action: [ec2:StopInstances, ec2:StartInstances]
                Resource: ${INSTANCES}
                Condition:
                  StringEquals: { aws:ResourceTag/Scheduled: 'true' }
${others}`),
    head,
  );
}

/** An Allow of ec2:CreateTags on every resource, with `condition` (a YAML flow mapping) when given. */
function tagging(condition?: string): string {
  const when = condition === undefined ? '' : `, Condition: ${condition}`;
  return `              - { Effect: Allow, Action: ec2:CreateTags, Resource: '*'${when} }\n`;
}

function results(text: string, parameters?: Record<string, string>) {
  const { failed, errors } = scanTemplate(text, check, parameters ? { parameters } : {});
  expect(errors).toEqual([]);
  return failed
    .filter((f) => f.message.startsWith('inline policy app, Statement[0]'))
    .map((f) => [f.severity, f.message]);
}

describe('resource-tag narrowing where the role holds a tagging grant it cannot use to choose the tag', () => {
  it('narrows (low) where a Deny without conditions takes the tagging action back on those resources', () => {
    expect(results(scheduled(tagging()))).toEqual([HIGH]);
    for (const deny of [
      "              - { Effect: Deny, Action: ec2:CreateTags, Resource: '*' }\n",
      "              - { Effect: Deny, Action: 'ec2:*Tags', Resource: 'arn:*:ec2:*:*:instance/*' }\n",
    ]) {
      expect(results(scheduled(tagging() + deny)), deny).toEqual([LOW]);
    }
  });

  it('stays high where the Deny may not apply: conditions, another type, a Resource not known before deploy', () => {
    const cases: [string, string][] = [
      [
        "              - { Effect: Deny, Action: ec2:CreateTags, Resource: '*', Condition: { Bool: { aws:MultiFactorAuthPresent: 'false' } } }\n",
        '',
      ],
      [
        "              - { Effect: Deny, Action: ec2:CreateTags, Resource: !Sub 'arn:${AWS::Partition}:ec2:*:*:volume/*' }\n",
        '',
      ],
      [
        "              - { Effect: Deny, Action: ec2:CreateTags, Resource: !Sub 'arn:${AWS::Partition}:ec2:*:*:${Kind}/*' }\n",
        'Parameters:\n  Kind: { Type: String }\n',
      ],
    ];
    for (const [deny, head] of cases)
      expect(results(scheduled(tagging() + deny, head)), deny).toEqual([HIGH]);
  });

  it('narrows where aws:TagKeys lets the role set only other keys, and not where it lists the key', () => {
    expect(
      results(scheduled(tagging('{ ForAllValues:StringEquals: { aws:TagKeys: [Owner, CostCenter] } }'))),
    ).toEqual([LOW]);
    for (const condition of [
      '{ ForAllValues:StringEquals: { aws:TagKeys: [Owner, Scheduled] } }',
      "{ ForAllValues:StringLike: { aws:TagKeys: ['Sched*'] } }",
      // Any listed key must be there, others may come with it.
      '{ ForAnyValue:StringEquals: { aws:TagKeys: [Owner] } }',
    ]) {
      expect(results(scheduled(tagging(condition))), condition).toEqual([HIGH]);
    }
  });

  it('reads a plain operator on aws:TagKeys as letting only the keys listed be set', () => {
    for (const condition of [
      '{ StringEquals: { aws:TagKeys: [Owner, CostCenter] } }',
      "{ StringLike: { aws:TagKeys: ['Cost*'] } }",
    ]) {
      expect(results(scheduled(tagging(condition))), condition).toEqual([LOW]);
    }
    // Listed: that the role may set it is not ruled out. Negated or ...IfExists: every other key may be set.
    for (const condition of [
      '{ StringEquals: { aws:TagKeys: [Owner, Scheduled] } }',
      '{ StringNotEquals: { aws:TagKeys: [Owner] } }',
      '{ StringEqualsIfExists: { aws:TagKeys: [Owner] } }',
    ]) {
      expect(results(scheduled(tagging(condition))), condition).toEqual([HIGH]);
    }
  });

  it('narrows where ec2:CreateAction lets the role tag only within a create call: it cannot retag instances', () => {
    for (const condition of [
      '{ StringEquals: { ec2:CreateAction: RunInstances } }',
      "{ StringLike: { ec2:CreateAction: '*' } }",
      // ForAnyValue is false when the request has no value for the key.
      '{ ForAnyValue:StringEquals: { ec2:CreateAction: RunInstances } }',
      // Whatever the values: a call of ec2:CreateTags itself carries no such key.
      '{ StringEquals: { ec2:CreateAction: !Ref CreateActions } }',
    ]) {
      const text = scheduled(tagging(condition), 'Parameters:\n  CreateActions: { Type: String }\n');
      expect(results(text), condition).toEqual([LOW]);
    }
    for (const condition of [
      '{ StringEqualsIfExists: { ec2:CreateAction: RunInstances } }',
      '{ StringNotEquals: { ec2:CreateAction: RunInstances } }',
      // ForAllValues is true when it has none.
      '{ ForAllValues:StringEquals: { ec2:CreateAction: RunInstances } }',
      // Another service's key says nothing of ec2:CreateTags.
      '{ StringEquals: { ecs:CreateAction: RunTask } }',
    ]) {
      expect(results(scheduled(tagging(condition))), condition).toEqual([HIGH]);
    }
  });

  it('narrows where aws:RequestTag/<key> lets the role give the key no value wanted, or not set it', () => {
    for (const condition of [
      "{ StringEquals: { aws:RequestTag/Scheduled: 'false' } }",
      "{ 'Null': { aws:RequestTag/Scheduled: 'true' } }",
      "{ 'Null': { aws:RequestTag/Scheduled: true } }",
    ]) {
      expect(results(scheduled(tagging(condition))), condition).toEqual([LOW]);
    }
    for (const condition of [
      "{ StringEquals: { aws:RequestTag/Scheduled: ['true', 'false'] } }",
      "{ StringEqualsIfExists: { aws:RequestTag/Scheduled: 'false' } }",
      // Another key required says nothing of this one.
      "{ StringEquals: { aws:RequestTag/Owner: 'ops' } }",
    ]) {
      expect(results(scheduled(tagging(condition))), condition).toEqual([HIGH]);
    }
  });

  it('stays high where the condition value is not known before deploy, and weighs it once given with -p', () => {
    const text = scheduled(
      tagging('{ ForAllValues:StringEquals: { aws:TagKeys: !Ref Keys } }'),
      'Parameters:\n  Keys: { Type: CommaDelimitedList }\n',
    );
    expect(results(text)).toEqual([HIGH]);
    expect(results(text, { Keys: 'Owner,CostCenter' })).toEqual([LOW]);
    expect(results(text, { Keys: 'Owner,Scheduled' })).toEqual([HIGH]);
  });
});
