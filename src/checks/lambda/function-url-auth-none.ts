import { isUnknown } from '../../model/values.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'lambda.function-url-auth-none',
  title: 'Lambda function URL allows unauthenticated invocation',
  severity: 'critical',
  resource: 'lambda.function-url',
  description:
    'A function URL with `AuthType: NONE` is a public HTTPS endpoint: Lambda does not check who calls it. ' +
    'Only the function code stands between the internet and whatever the execution role can reach.',
  risk: 'Anyone who finds the URL can invoke the function, run up cost, and exploit any flaw in its input handling with the permissions of its role.',
  remediation: {
    text: 'Set the function URL auth type to AWS_IAM and sign requests (SigV4), or put the function behind API Gateway with an authorizer. If the URL must be public, say so with a suppression and a reason.',
    cloudformation:
      'FunctionUrlConfig:        # SAM; AWS::Lambda::Url takes AuthType the same way\n  AuthType: AWS_IAM\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      '// AWS_IAM, not FunctionUrlAuthType.NONE\n' +
      'const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });\n' +
      'url.grantInvokeUrl(callerRole); // callers sign their requests with SigV4\n',
    cli: 'aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM',
    terraform: 'resource "aws_lambda_function_url" "this" {\n  authorization_type = "AWS_IAM"\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-6', 'SC-7'],
    'pci-dss-4.0': ['7.2.1', '8.2.1'],
    hipaa: ['164.312(a)(1)', '164.312(d)'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  evaluate(url, ctx) {
    if (isUnknown(url.authType))
      return ctx.unknown(`AuthType is not known before deploy (${url.authType.reason})`, {
        where: ['AuthType'],
      });
    if (url.authType === 'NONE') {
      return ctx.fail('The function URL has AuthType NONE: anyone on the internet can invoke the function.', {
        where: ['AuthType'],
      });
    }
    return ctx.pass(`AuthType is ${url.authType}`);
  },
});
