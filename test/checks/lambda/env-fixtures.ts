import { template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

/** A function with `variables` under Environment.Variables, beside a database whose address is known at deploy. */
export const functionWithVariables = (variables: string, extra = ''): string =>
  template(
    `${lambdaFunction('Fn', `      Environment:\n        Variables:\n${variables}`)}  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
`,
    extra,
  );
