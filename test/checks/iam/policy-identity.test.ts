// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import { scanTemplateFile } from '../../helpers/scan-file.js';

// A policy's findings are told apart by where the policy is written, not by its resolved name: a name made
// from a parameter differs between the cases of a condition (the statement that fails in both must be one
// finding, not a failure and an unknown) and with `-p` (code scanning must see the same alert).

const CHECK = 'iam.role-wildcard-resource-write';
const ONE_TABLE = 'Resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders';
const WRITE_ON_EVERY_TABLE = 'Resource: !Sub arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*';

/** A role with these Policies (YAML at 8 spaces), run by a function whose concurrency hangs on IsPooled. */
function tenantTemplate(policies: string, tenant = '{ Type: String, Default: pooled }'): string {
  return `Parameters:
  Tenant: ${tenant}
Conditions:
  IsPooled: !Equals [!Ref Tenant, pooled]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
${policies}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      ReservedConcurrentExecutions: !If [IsPooled, !Ref AWS::NoValue, 5]
`;
}

/** An inline policy entry named `name` with one DynamoDB write statement on `resource`. */
function writePolicy(name: string, resource = WRITE_ON_EVERY_TABLE): string {
  return `        - PolicyName: ${name}
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: dynamodb:PutItem
                ${resource}
`;
}

const scanText = (text: string, parameters?: Record<string, string>, check = CHECK) =>
  scanTemplateFile(text, check, parameters);

const statuses = (result: ReturnType<typeof scanText>) =>
  result.findings.map((f) => [f.resource.id, f.status, f.message]);

describe('an inline policy whose name is made from a parameter', () => {
  it('fails once where its statement fails in every case of a condition (the defaults decide it)', () => {
    const result = scanText(tenantTemplate(writePolicy('!Sub ${Tenant}-policy')));
    // The default case's wording stands: the name as the defaults resolve it.
    expect(statuses(result)).toEqual([
      [
        'Role',
        'fail',
        'inline policy pooled-policy, Statement[0]: Allow grants write actions ("dynamodb:PutItem") on every DynamoDB table in the account and region ("arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*").',
      ],
    ]);
  });

  it('fails once where the condition cannot be decided before deploy (no default), named as written', () => {
    const result = scanText(tenantTemplate(writePolicy('!Sub ${Tenant}-policy'), '{ Type: String }'));
    expect(statuses(result)).toEqual([
      [
        'Role',
        'fail',
        expect.stringMatching(/^inline policy \$\{Tenant\}-policy, Statement\[0\]: Allow grants/),
      ],
    ]);
  });

  it('fails once, telling each name with its case, where a condition chooses the name', () => {
    const result = scanText(
      tenantTemplate(writePolicy('!If [IsPooled, pooled-policy, siloed-policy]'), '{ Type: String }'),
    );
    expect(result.findings.map((f) => f.status)).toEqual(['fail']);
    expect(result.findings[0]?.message).toMatch(
      /^When condition IsPooled holds: inline policy pooled-policy, Statement\[0\]: .* It fails in the other cases too: when condition IsPooled does not hold: inline policy siloed-policy, Statement\[0\]: /,
    );
  });

  it('is still unknown, saying when, where its statement fails in one case only', () => {
    const onlyWhenSiloed =
      'Resource: !If [IsPooled, !Sub "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/pooled", "*"]';
    const result = scanText(tenantTemplate(writePolicy('!Sub ${Tenant}-policy', onlyWhenSiloed)));
    expect(statuses(result)).toEqual([
      [
        'Role',
        'unknown',
        expect.stringMatching(
          /^When condition IsPooled does not hold \(Tenant other than its default pooled\): inline policy \$\{Tenant\}-policy, Statement\[0\]: .* With the parameters' defaults condition IsPooled holds; a deploy may override them\.$/,
        ),
      ],
    ]);
  });

  it('keeps its fingerprint when -p gives the parameter another value', () => {
    const text = tenantTemplate(writePolicy('!Sub ${Tenant}-policy'));
    const byDefault = scanText(text).findings;
    const other = scanText(text, { Tenant: 'other' }).findings;
    expect(other.map((f) => [f.status, f.message.slice(0, 35)])).toEqual([
      ['fail', 'inline policy other-policy, Stateme'],
    ]);
    expect(other[0]?.fingerprint).toBe(byDefault[0]?.fingerprint);
  });

  it('is told apart from another such policy of the role: one finding each', () => {
    const result = scanText(
      tenantTemplate(writePolicy('!Sub ${Tenant}-reads') + writePolicy('!Sub ${Tenant}-writes')),
    );
    expect(result.findings.map((f) => [f.status, f.message.slice(0, 34)])).toEqual([
      ['fail', 'inline policy pooled-reads, Statem'],
      ['fail', 'inline policy pooled-writes, State'],
    ]);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(2);
  });
});

describe('a policy named as written', () => {
  it('keeps the fingerprint of its name wherever the role lists it', () => {
    const first = scanText(
      tenantTemplate(writePolicy('app') + writePolicy('!Sub ${Tenant}-other', ONE_TABLE)),
    );
    const moved = scanText(
      tenantTemplate(writePolicy('!Sub ${Tenant}-other', ONE_TABLE) + writePolicy('app')),
    );
    expect(first.findings.map((f) => f.message.slice(0, 16))).toEqual(['inline policy ap']);
    expect(moved.findings[0]?.fingerprint).toBe(first.findings[0]?.fingerprint);
  });
});

describe('an AWS managed policy a parameter or a condition chooses', () => {
  const ADMIN = 'iam.role-admin-managed-policy';
  const managed = (arn: string) =>
    tenantTemplate('        - !Ref AWS::NoValue').replace(
      '      Policies:\n        - !Ref AWS::NoValue\n',
      `      ManagedPolicyArns:\n        - ${arn}\n`,
    );

  it('fails once where it is an admin or power-user policy in every case', () => {
    const text = managed(
      '!If [IsPooled, arn:aws:iam::aws:policy/PowerUserAccess, arn:aws:iam::aws:policy/AdministratorAccess]',
    );
    const result = scanText(text, undefined, ADMIN);
    expect(result.findings.map((f) => [f.status, f.message.slice(0, 47)])).toEqual([
      ['fail', 'AWS managed policy PowerUserAccess is attached:'],
    ]);
  });

  it('keeps its fingerprint when -p names another such policy', () => {
    const text = managed('!Ref PolicyArn').replace(
      'Parameters:\n',
      'Parameters:\n  PolicyArn: { Type: String, Default: arn:aws:iam::aws:policy/AdministratorAccess }\n',
    );
    const byDefault = scanText(text, undefined, ADMIN).findings;
    const other = scanText(text, { PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }, ADMIN).findings;
    expect([...byDefault, ...other].map((f) => [f.status, f.message.slice(0, 40)])).toEqual([
      ['fail', 'AWS managed policy AdministratorAccess i'],
      ['fail', 'AWS managed policy PowerUserAccess is at'],
    ]);
    expect(other[0]?.fingerprint).toBe(byDefault[0]?.fingerprint);
  });
});
