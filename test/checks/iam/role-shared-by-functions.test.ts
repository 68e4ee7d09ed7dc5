import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/role-shared-by-functions.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { fn, role, sam, samFn } from './fixtures.js';

describe('iam.role-shared-by-functions', () => {
  it('fails a role two functions run as, names them, and points at the role', () => {
    const { failed, passed, errors } = scanTemplate(
      template(role('Shared') + fn('Orders', '!GetAtt Shared.Arn') + fn('Invoices', '!GetAtt Shared.Arn')),
      check,
    );
    expect(errors).toEqual([]);
    expect(passed).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Shared');
    expect(failed[0]?.message).toBe('The role is the execution role of 2 functions: Invoices, Orders.');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
  });

  it('is unknown when the second function is deployed only under a condition the defaults make false', () => {
    const conditional = fn('Invoices', '!GetAtt Shared.Arn').replace(
      '    Type: AWS::Lambda::Function\n',
      '    Type: AWS::Lambda::Function\n    Condition: IsProd\n',
    );
    const text = template(
      role('Shared') + fn('Orders', '!GetAtt Shared.Arn') + conditional,
      'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
    );
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'The role is the execution role of 2 functions: Invoices, Orders; but Invoices is deployed only when a ' +
        "condition holds that the parameters' defaults make false.",
    ]);
    // Deployed with Env=prod, the role is shared.
    expect(scanTemplate(text, check, { parameters: { Env: 'prod' } }).failed).toHaveLength(1);
  });

  it('counts a literal ARN naming the role by its RoleName', () => {
    const { failed } = scanTemplate(
      template(
        role('Shared', '      RoleName: orders-fn\n') +
          fn('Orders', '!GetAtt Shared.Arn') +
          fn('Invoices', 'arn:aws:iam::123456789012:role/orders-fn'),
      ),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      'The role is the execution role of 2 functions: Invoices, Orders.',
    ]);
  });

  it('passes a role one function runs as, and a Lambda role no function uses', () => {
    const { failed, passed } = scanTemplate(
      template(role('Own') + role('Spare') + fn('Orders', '!GetAtt Own.Arn')),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed.map((f) => [f.resource.id, f.message])).toEqual([
      ['Own', 'used by Orders only'],
      ['Spare', 'used by no function of the template'],
    ]);
  });

  it('is unknown when another function takes its role from a parameter that may name this role', () => {
    const { failed, unknown } = scanTemplate(
      template(
        role('Shared', '      RoleName: orders-fn\n') +
          fn('Orders', '!GetAtt Shared.Arn') +
          fn('Invoices', '!Ref InvoicesRoleArn'),
        'Parameters:\n  InvoicesRoleArn: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('Invoices (from parameter InvoicesRoleArn');
  });

  it('does not take a parameter for this role when CloudFormation names the role (no RoleName)', () => {
    const { unknown, passed } = scanTemplate(
      template(
        role('Own') + fn('Orders', '!GetAtt Own.Arn') + fn('Invoices', '!Ref InvoicesRoleArn'),
        'Parameters:\n  InvoicesRoleArn: { Type: String }\n',
      ),
      check,
    );
    expect(unknown).toEqual([]);
    // Own, and the role the parameter names (outside the template), each used by one function.
    expect(passed).toHaveLength(2);
  });

  it('fails a role outside the template that two functions name by the same ARN, at the first one', () => {
    const arn = 'arn:aws:iam::123456789012:role/platform-lambda';
    const { failed, errors } = scanTemplate(template(fn('Orders', arn) + fn('Invoices', arn)), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource).toMatchObject({ id: arn, type: 'AWS::IAM::Role' });
    expect(failed[0]?.message).toBe('The role is the execution role of 2 functions: Invoices, Orders.');
    // Where Orders (first in the file, though not by id) names it: the first Role property written.
    const lines = template(fn('Orders', arn) + fn('Invoices', arn)).split('\n');
    const roleLines = lines.flatMap((line, index) => (line.includes(`Role: ${arn}`) ? [index + 1] : []));
    expect(roleLines).toHaveLength(2);
    expect(failed[0]?.location.line).toBe(roleLines[0]);
  });

  it('passes a role outside the template that one function names, and tells accounts apart', () => {
    const one = scanTemplate(template(fn('Orders', 'arn:aws:iam::123456789012:role/app')), check);
    expect(one.failed).toEqual([]);
    expect(one.passed).toHaveLength(1);
    const twoAccounts = scanTemplate(
      template(
        fn('Orders', 'arn:aws:iam::123456789012:role/app') +
          fn('Invoices', 'arn:aws:iam::210987654321:role/app'),
      ),
      check,
    );
    expect(twoAccounts.failed).toEqual([]);
    expect(twoAccounts.passed).toHaveLength(2);
  });

  it('compares a role given by a parameter only with functions naming the same parameter', () => {
    const arn = 'arn:aws:iam::123456789012:role/app';
    const parameters = 'Parameters:\n  RoleArn:\n    Type: String\n  OtherArn:\n    Type: String\n';
    const apart = scanTemplate(
      template(fn('Orders', arn) + fn('Invoices', '!Ref RoleArn'), parameters),
      check,
    );
    expect([...apart.failed, ...apart.unknown]).toEqual([]);
    expect(apart.passed).toHaveLength(2);
    const same = scanTemplate(
      template(
        fn('Orders', '!Ref RoleArn') + fn('Invoices', '!Ref RoleArn') + fn('Other', '!Ref OtherArn'),
        parameters,
      ),
      check,
    );
    expect(same.failed.map((f) => [f.resource.id, f.message])).toEqual([
      ['${RoleArn}', 'The role is the execution role of 2 functions: Invoices, Orders.'],
    ]);
  });

  it('does not concern roles of other services', () => {
    const ecsTrust = `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
`;
    const { findings } = scanTemplate(template(role('TaskRole', '', ecsTrust)), check);
    expect(findings).toEqual([]);
  });

  it('fails an explicit role shared by SAM functions, and passes the roles SAM generates', () => {
    const { failed, passed } = scanTemplate(
      sam(
        role('Shared') +
          samFn('Orders', '      Role: !GetAtt Shared.Arn\n') +
          samFn('Invoices', '      Role: !GetAtt Shared.Arn\n') +
          samFn('Health'),
      ),
      check,
    );
    expect(failed.map((f) => [f.resource.id, f.message])).toEqual([
      ['Shared', 'The role is the execution role of 2 functions: Invoices, Orders.'],
    ]);
    expect(passed.map((f) => [f.resource.id, f.resource.generated?.id, f.message])).toEqual([
      ['Health', 'HealthRole', 'used by Health only'],
    ]);
  });
});
