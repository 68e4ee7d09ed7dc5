import { isUnknown } from '../../model/values.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'lambda.no-reserved-concurrency',
  title: 'Lambda function has no reserved concurrency',
  severity: 'info',
  resource: 'lambda.function',
  description:
    "Reserved concurrency (`ReservedConcurrentExecutions`) both guarantees a function a share of the account's " +
    'concurrency and caps how far it can scale. This check is informational on purpose: most functions are ' +
    'fine without it, setting it on every function splits the regional pool into slices that throttle under load, ' +
    'and users of other scanners (cfn_nag W92) suppress the equivalent rule wholesale as noise. Use the finding ' +
    'to decide, for functions that face the internet or call fragile downstream systems, whether a cap belongs ' +
    'there. A value of 0 (the function is switched off) passes.',
  risk: 'An uncapped function can take the whole regional concurrency during a traffic spike, a retry storm or a denial-of-wallet attack, throttling every other function in the account, and can overwhelm the databases and APIs it calls.',
  remediation: {
    text: 'Where a cap or a guarantee is wanted, set reserved concurrency (Lambda console → the function → Configuration → Concurrency → Edit → Reserve concurrency). Otherwise suppress this finding with the reason.',
    cloudformation: 'ReservedConcurrentExecutions: 50   # same property name in SAM\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      '  reservedConcurrentExecutions: 50,\n' +
      '});\n',
    cli: 'aws lambda put-function-concurrency --function-name <name> --reserved-concurrent-executions 50',
    terraform: 'resource "aws_lambda_function" "this" {\n  reserved_concurrent_executions = 50\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['SC-5'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
  ],
  evaluate(fn, ctx) {
    const reserved = fn.reservedConcurrency;
    if (isUnknown(reserved)) {
      return ctx.unknown(`ReservedConcurrentExecutions is not known before deploy (${reserved.reason})`, {
        where: ['ReservedConcurrentExecutions'],
      });
    }
    if (reserved === undefined)
      return ctx.fail('The function has no reserved concurrency: it scales until the account limit.', {
        lacks: 'ReservedConcurrentExecutions',
      });
    return ctx.pass(`reserved concurrency is ${reserved}`, { where: ['ReservedConcurrentExecutions'] });
  },
});
