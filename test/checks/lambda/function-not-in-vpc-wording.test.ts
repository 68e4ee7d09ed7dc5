import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/function-not-in-vpc.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

const options = { settings: { options: { 'lambda.function-not-in-vpc': { requireVpc: false } } } };
const db = (id: string) =>
  `  ${id}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: false\n`;
const env = (vars: string) => `      Environment:\n        Variables:\n${vars}`;

describe('lambda.function-not-in-vpc (requireVpc: false): one store or several, in words', () => {
  it('says "it" of a single database', () => {
    const fn = lambdaFunction('Fn', env('          DB_HOST: !GetAtt Db.Endpoint.Address\n'));
    const { failed } = scanTemplate(template(fn + db('Db')), check, options);
    expect(failed[0]?.message).toMatch(/From Lambda-managed networking it cannot connect to it\.$/);
  });

  it('says "them" of two', () => {
    const vars =
      '          DB_HOST: !GetAtt Db.Endpoint.Address\n          REPLICA: !GetAtt Replica.Endpoint.Address\n';
    const { failed } = scanTemplate(
      template(lambdaFunction('Fn', env(vars)) + db('Db') + db('Replica')),
      check,
      options,
    );
    expect(failed[0]?.message).toContain('RDS DB instance Db (');
    expect(failed[0]?.message).toContain('RDS DB instance Replica (');
    expect(failed[0]?.message).toMatch(/From Lambda-managed networking it cannot connect to them\.$/);
  });
});
