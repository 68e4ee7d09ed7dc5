// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import readCheck from '../../../src/checks/iam/role-wildcard-resource-read.js';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

const INSTANCES = "!Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*'";
const START_STOP = '[ec2:StopInstances, ec2:StartInstances]';
const SCHEDULED = "                  StringEquals: { aws:ResourceTag/Scheduled: 'true' }\n";

/** A statement allowing `action` on `resource` under `condition` (YAML lines at 18 spaces), then `others`. */
function tagged(action: string, resource: string, condition: string, others = '', extra = '') {
  return appRole(
    inline(`              - Effect: Allow
                Action: ${action}
                Resource: ${resource}
                Condition:
${condition}${others}`),
    extra,
  );
}

const ON_INSTANCES =
  'inline policy app, Statement[0]: Allow grants write actions ("ec2:StopInstances", "ec2:StartInstances") on every ' +
  'EC2 instance in the account and region ("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*")';
const LOW_NOTE =
  '(whoever may tag them chooses which, and the role cannot tag them itself: this is reported at low severity)';

describe('iam.role-wildcard-resource-write: resource-tag conditions (ABAC)', () => {
  it('reports writes limited to resources carrying a tag at low severity, naming the tag', () => {
    const { failed, unknown, passed } = scanTemplate(tagged(START_STOP, INSTANCES, SCHEDULED), check);
    expect([...unknown, ...passed]).toEqual([]);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      ['low', `${ON_INSTANCES} tagged Scheduled=true (StringEquals aws:ResourceTag/Scheduled) ${LOW_NOTE}.`],
    ]);
  });

  it('does so on every resource too, and reads a service key (ec2:ResourceTag) and several values', () => {
    const { failed } = scanTemplate(
      tagged(
        START_STOP,
        "'*'",
        '                  StringEqualsIgnoreCase: { ec2:ResourceTag/Env: [dev, test] }\n',
      ),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'inline policy app, Statement[0]: Allow grants write actions ("ec2:StopInstances", "ec2:StartInstances") on ' +
          `every resource tagged Env=dev or Env=test (StringEqualsIgnoreCase ec2:ResourceTag/Env) ${LOW_NOTE}.`,
      ],
    ]);
  });

  it('joins two tag conditions with "and": both must hold', () => {
    const { failed } = scanTemplate(
      tagged(
        START_STOP,
        INSTANCES,
        "                  StringEquals: { aws:ResourceTag/Scheduled: 'true' }\n" +
          '                  StringLike: { ec2:ResourceTag/Team: ops }\n',
      ),
      check,
    );
    expect(failed.map((f) => f.severity)).toEqual(['low']);
    expect(failed[0]?.message).toContain(
      'tagged Scheduled=true and Team=ops (StringEquals aws:ResourceTag/Scheduled, StringLike ec2:ResourceTag/Team)',
    );
  });

  it('never narrows IAM permissions management: the role may carry the tag and rewrite its own policy', () => {
    // SAM copies a function's Tags onto its generated role: `team=payments` there lets it put any policy on itself.
    const team = '                  StringEquals: { aws:ResourceTag/team: payments }\n';
    const { failed } = scanTemplate(tagged('iam:PutRolePolicy', "'*'", team), check);
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("iam:PutRolePolicy") on every resource ' +
          '(permissions management included) (StringEquals aws:ResourceTag/team does not narrow it: the role may ' +
          "carry the tag itself (SAM copies a function's Tags to its role) and then change its own permissions with it).",
      ],
    ]);
  });

  it('keeps the finding high when the role may tag those resources itself, and says so', () => {
    const cases: [string, string][] = [
      [allow('ec2:CreateTags', "'*'"), 'ec2:CreateTags'],
      [allow('ec2:Create*', INSTANCES), 'ec2:CreateTags'],
      [allow("'*'", "'*'"), 'ec2:CreateTags'],
      [allow('ec2:CreateTags', "'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc'"), 'ec2:CreateTags'],
    ];
    for (const [other, action] of cases) {
      const { failed } = scanTemplate(tagged(START_STOP, INSTANCES, SCHEDULED, other), check);
      const mine = failed.filter((f) => f.message.startsWith('inline policy app, Statement[0]'));
      expect(
        mine.map((f) => [f.severity, f.message]),
        other,
      ).toEqual([
        [
          'high',
          `${ON_INSTANCES} (StringEquals aws:ResourceTag/Scheduled does not narrow it: the role may tag them itself ` +
            `(${action})).`,
        ],
      ]);
    }
  });

  it('reads the AWS managed policies of the role for tagging too: one it cannot read may let it tag', () => {
    const managed = (name: string) => `      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/${name}\n`;
    const withManaged = (name: string) =>
      appRole(
        inline(`              - Effect: Allow
                Action: ${START_STOP}
                Resource: ${INSTANCES}
                Condition:
${SCHEDULED}`) + managed(name),
      );
    const severities = (name: string) =>
      scanTemplate(withManaged(name), check)
        .failed.filter((f) => f.message.startsWith('inline policy app, Statement[0]'))
        .map((f) => [f.severity, f.message]);
    // It grants logs writes alone.
    expect(severities('service-role/AWSLambdaBasicExecutionRole').map(([severity]) => severity)).toEqual([
      'low',
    ]);
    // `*` on `*`, ec2:CreateTags among them.
    expect(severities('AdministratorAccess')).toEqual([
      [
        'high',
        `${ON_INSTANCES} (StringEquals aws:ResourceTag/Scheduled does not narrow it: the role may tag them itself ` +
          '(ec2:CreateTags)).',
      ],
    ]);
    // Read from the data of every AWS managed policy: ec2:* on `*`.
    expect(severities('AmazonEC2FullAccess')).toEqual([
      [
        'high',
        `${ON_INSTANCES} (StringEquals aws:ResourceTag/Scheduled does not narrow it: the role may tag them itself ` +
          '(ec2:CreateTags)).',
      ],
    ]);
    // No AWS managed policy of that name: what it grants is not known here.
    expect(severities('NoSuchPolicyAtAll')).toEqual([
      [
        'high',
        `${ON_INSTANCES} (StringEquals aws:ResourceTag/Scheduled does not narrow it: the role may tag them itself ` +
          '(a policy of it that Parapet cannot read may let it)).',
      ],
    ]);
  });

  it('counts the tagging the same statement grants, and not one on resources of another type, nor removing tags', () => {
    const same = scanTemplate(tagged('[ec2:StopInstances, ec2:CreateTags]', INSTANCES, SCHEDULED), check);
    expect(same.failed.map((f) => f.severity)).toEqual(['high']);
    expect(same.failed[0]?.message).toContain('the role may tag them itself (ec2:CreateTags)');
    for (const other of [
      allow('ec2:CreateTags', "!Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:volume/*'"),
      allow('ec2:DeleteTags', "'*'"),
      allow('lambda:TagResource', "'*'"),
    ]) {
      const { failed } = scanTemplate(tagged(START_STOP, INSTANCES, SCHEDULED, other), check);
      const mine = failed.filter((f) => f.message.startsWith('inline policy app, Statement[0]'));
      expect(
        mine.map((f) => f.severity),
        other,
      ).toEqual(['low']);
    }
  });

  it('keeps the finding high when the operator lets untagged resources or any value through, saying why', () => {
    const cases: [string, string][] = [
      [
        "                  StringEqualsIfExists: { aws:ResourceTag/Scheduled: 'true' }\n",
        'StringEqualsIfExists aws:ResourceTag/Scheduled does not narrow it: an ...IfExists operator lets resources ' +
          'without the tag through',
      ],
      [
        "                  ForAnyValue:StringEquals: { aws:ResourceTag/Scheduled: 'true' }\n",
        'ForAnyValue:StringEquals aws:ResourceTag/Scheduled does not narrow it: a set operator on a key that holds ' +
          'one value is not weighed',
      ],
      [
        "                  StringNotEquals: { aws:ResourceTag/Scheduled: 'false' }\n",
        'StringNotEquals aws:ResourceTag/Scheduled does not narrow it: a negated operator lets every other value ' +
          'through, and resources without the tag',
      ],
      [
        "                  StringLike: { aws:ResourceTag/Scheduled: 't*' }\n",
        'StringLike aws:ResourceTag/Scheduled does not narrow it: a wildcard value is not weighed',
      ],
    ];
    for (const [condition, words] of cases) {
      const { failed } = scanTemplate(tagged(START_STOP, INSTANCES, condition), check);
      expect(
        failed.map((f) => [f.severity, f.message]),
        condition,
      ).toEqual([['high', `${ON_INSTANCES} (${words}).`]]);
    }
  });

  it('leaves the writes the key does not apply to as they were, naming those it limits', () => {
    // The reference lists aws:ResourceTag for ec2:StopInstances, not for ec2:AssociateEnclaveCertificateIamRole.
    const { failed } = scanTemplate(
      tagged('[ec2:StopInstances, ec2:AssociateEnclaveCertificateIamRole]', "'*'", SCHEDULED),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("ec2:StopInstances", ' +
          '"ec2:AssociateEnclaveCertificateIamRole") on every resource: ec2:AssociateEnclaveCertificateIamRole ' +
          '(StringEquals aws:ResourceTag/Scheduled limits ec2:StopInstances to resources tagged Scheduled=true).',
      ],
    ]);
    // ssm:resourceTag is listed for SSM documents, not for parameters.
    const parameters = scanTemplate(
      tagged('ssm:PutParameter', "'*'", '                  StringEquals: { ssm:resourceTag/Team: ops }\n'),
      check,
    );
    expect(parameters.failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'inline policy app, Statement[0]: Allow grants write actions ("ssm:PutParameter") on every resource (with ' +
          'conditions it does not weigh: StringEquals ssm:resourceTag/Team).',
      ],
    ]);
  });

  it('does not weigh a value from a parameter without default, as before, and weighs it once given with -p', () => {
    const text = tagged(
      START_STOP,
      INSTANCES,
      '                  StringEquals: { aws:ResourceTag/Scheduled: !Ref Flag }\n',
      '',
      'Parameters:\n  Flag: { Type: String }\n',
    );
    expect(scanTemplate(text, check).failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        `${ON_INSTANCES} (with conditions it does not weigh: StringEquals aws:ResourceTag/Scheduled).`,
      ],
    ]);
    const given = scanTemplate(text, check, { parameters: { Flag: 'yes' } });
    expect(given.failed.map((f) => [f.severity, f.message])).toEqual([
      ['low', `${ON_INSTANCES} tagged Scheduled=yes (StringEquals aws:ResourceTag/Scheduled) ${LOW_NOTE}.`],
    ]);
  });

  it('lets the read check weigh them alike', () => {
    const { failed } = scanTemplate(
      tagged(
        'secretsmanager:GetSecretValue',
        "'*'",
        '                  StringEquals: { aws:ResourceTag/App: orders }\n',
      ),
      readCheck,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'inline policy app, Statement[0]: Allow grants sensitive reads ("secretsmanager:GetSecretValue") on every ' +
          `resource tagged App=orders (StringEquals aws:ResourceTag/App) ${LOW_NOTE}.`,
      ],
    ]);
    const taggable = scanTemplate(
      tagged(
        'secretsmanager:GetSecretValue',
        "'*'",
        '                  StringEquals: { aws:ResourceTag/App: orders }\n',
        allow('secretsmanager:TagResource', "'*'"),
      ),
      readCheck,
    );
    expect(taggable.failed.map((f) => f.severity)).toEqual(['medium']);
  });
});
