import { listedWithAnd } from '../../findings/words.js';
import type { EventSourceKind, LambdaFunction } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';
import { edgeDistributions } from './edge-functions.js';

/** Event sources whose invocations X-Ray does not trace (Security Hub Lambda.7 exempts them too). */
const UNTRACEABLE_SOURCES: readonly EventSourceKind[] = ['msk', 'kafka', 'mq', 'documentdb'];

export default defineCheck({
  id: 'lambda.tracing-not-active',
  title: 'Lambda function does not have active X-Ray tracing',
  severity: 'low',
  resource: 'lambda.function',
  description:
    'With `TracingConfig.Mode: Active` Lambda samples invocations and sends traces to AWS X-Ray, so each request ' +
    'can be followed across the services it touches. `PassThrough` (the default) only traces requests that ' +
    'arrive with a sampled trace header. Functions fed by MSK, self-managed Kafka, Amazon MQ or DocumentDB ' +
    'event source mappings are not evaluated: X-Ray does not trace those invocations; nor are functions a CloudFront ' +
    'distribution of the template runs as Lambda@Edge (a version named in its `LambdaFunctionAssociations`): ' +
    'Lambda@Edge does not support X-Ray.',
  risk: 'Without traces, an error, a slowdown or an unusual call path (a function suddenly reaching a new service) is hard to see and to reconstruct during an investigation.',
  remediation: {
    text: 'Turn on active tracing (Lambda console → the function → Configuration → Monitoring and operations tools → AWS X-Ray active tracing) and let the execution role write traces (the AWSXRayDaemonWriteAccess managed policy).',
    cloudformation:
      'TracingConfig:          # SAM: Tracing: Active (or Globals.Function.Tracing)\n  Mode: Active\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      '  tracing: lambda.Tracing.ACTIVE, // CDK also lets the role it creates write traces\n' +
      '});\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --tracing-config Mode=Active',
    terraform: 'resource "aws_lambda_function" "this" {\n  tracing_config {\n    mode = "Active"\n  }\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CA-7'],
    'aws-fsbp': ['Lambda.7'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-7',
  ],
  evaluate(fn, ctx) {
    // Copies of a nested template each given their own tracing mode: each judged (see judgeCopies).
    return judgedPerCopy(fn, ['tracingMode'], ctx, judgeTracing);
  },
});

function judgeTracing(fn: LambdaFunction, ctx: CheckContext): Outcome {
  const mode = fn.tracingMode;
  // Named as the author wrote it: SAM's `Tracing` is CloudFormation's TracingConfig.Mode.
  const sam = fn.type === 'AWS::Serverless::Function';
  const setting = sam ? 'Tracing' : 'TracingConfig.Mode';
  if (isUnknown(mode))
    return ctx.unknown(`${setting} is not known before deploy (${mode.reason})`, {
      where: ['TracingConfig', 'Mode'],
    });
  if (mode === 'Active') return ctx.pass('active tracing is on');
  const untraceable = ctx.inventory
    .referencing('lambda.event-source-mapping', 'functionRef', fn.id)
    .find((m) => !isUnknown(m.sourceKind) && UNTRACEABLE_SOURCES.includes(m.sourceKind));
  if (untraceable)
    return ctx.notApplicable(
      `X-Ray does not trace invocations from ${String(untraceable.sourceKind)} (${untraceable.id})`,
    );
  // "AWS X-Ray is not supported" (CloudFront Developer Guide, Requirements and Restrictions on Lambda Functions, as
  // awsdocs/amazon-cloudfront-developer-guide keeps it; the Lambda console refuses X-Ray on an Edge function).
  // One under a Condition leaves a regional function in the deploys without it: judged as one.
  const edge = edgeDistributions(fn.id, ctx.inventory).surely;
  if (edge.length > 0)
    return ctx.notApplicable(
      `The function runs as Lambda@Edge for CloudFront distribution ${listedWithAnd(edge)}: Lambda@Edge does not support X-Ray.`,
    );
  if (mode === undefined) {
    // The property to add: it locates on the resource (nothing is written), and only the parameter
    // defaults TracingConfig would depend on (none) become the finding's assumptions.
    return ctx.fail(
      `The function has no ${sam ? 'Tracing' : 'TracingConfig'}: X-Ray active tracing is off (PassThrough).`,
      {
        where: ['TracingConfig'],
      },
    );
  }
  return ctx.fail(
    `${setting} is ${mode}, not Active: X-Ray only traces requests that arrive already sampled.`,
    {
      where: ['TracingConfig', 'Mode'],
    },
  );
}
