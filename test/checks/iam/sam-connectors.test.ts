import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import wildcardWrite from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { samFunction, samTemplate } from '../../helpers/templates.js';

const TABLE = `  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
`;

/** Function Fn with a connector Orders to `destination` (a YAML flow map), Read and Write. */
function connected(destination: string): string {
  return samTemplate(`${TABLE}${samFunction()}    Connectors:
      Orders:
        Properties:
          Destination: ${destination}
          Permissions: [Read, Write]
`);
}

describe('IAM checks on the policy of a function → DynamoDB table connector', () => {
  it('see its actions, all named, on the table and its indexes: both pass on the function SAM makes the role for', () => {
    const scan = scanTemplate(connected('{Id: Table}'), [wildcardAction, wildcardWrite]);
    expect(scan.errors).toEqual([]);
    expect(scan.failed).toEqual([]);
    expect(scan.passed.map((f) => [f.checkId, f.resource.id])).toEqual([
      ['iam.role-wildcard-action', 'Fn'],
      ['iam.role-wildcard-resource-write', 'Fn'],
    ]);
    const policies = scan.inventory.list('iam.policy');
    expect(policies.map((p) => p.id)).toEqual(['FnOrdersPolicy']);
  });

  it('read it: a table given by an ARN of "*" fails, naming the policy, at the Permissions of the connector', () => {
    const { failed } = scanTemplate(connected("{Type: AWS::DynamoDB::Table, Arn: '*'}"), wildcardWrite);
    expect(failed.map((f) => [f.resource.id, f.message, f.location])).toEqual([
      [
        'Fn',
        'managed policy FnOrdersPolicy, Statement[1]: Allow grants write actions ("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate") on every resource.',
        { file: 'template.yaml', line: 19, column: 11 },
      ],
    ]);
  });
});
