import type { Unknown } from '../../model/values.js';
import { runtimeState } from '../../runtimes/index.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgeTexts, type PossibleTexts, possibleTexts } from '../each-text.js';
import { describeStages, replacementFor, runtimeOf, stageEvidence } from './runtime.js';

const DEFAULT_WARN_DAYS = 180;

export default defineCheck({
  id: 'lambda.runtime-deprecation-soon',
  title: 'Lambda function runtime is deprecated soon',
  severity: 'medium',
  resource: 'lambda.function',
  description:
    'Fails a function whose runtime reaches its deprecation date within the next `warnDays` days of the scan ' +
    'date (option `warnDays`, default 180), per the dated copy of the AWS "Lambda runtimes" page shipped with ' +
    'Parapet. Runtimes already deprecated, and values that are no runtime at all, are reported by ' +
    '`lambda.runtime-deprecated` instead; a runtime with no announced deprecation date passes. Container image ' +
    'functions are not evaluated. A runtime chosen by region from a mapping (CDK\u2019s `LatestNodeRuntimeMap`) ' +
    'is judged over each runtime the mapping holds: it fails when each is deprecated soon or already, and is ' +
    '`unknown` when another is supported longer. So is one from a parameter without default over its ' +
    '`AllowedValues`, since CloudFormation refuses any other value.',
  risk: 'After the deprecation date the runtime gets no more security patches, and some weeks later Lambda blocks creating and then updating functions on it. A migration started late becomes a rushed one.',
  remediation: {
    text: 'Plan the move to a newer runtime of the same language before the deprecation date: update the Runtime setting (Lambda console → the function → Code → Runtime settings → Edit), test, and deploy.',
    cloudformation: 'Runtime: nodejs24.x        # same property in SAM (or Globals.Function.Runtime)\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...handler, code\n' +
      '  runtime: lambda.Runtime.NODEJS_24_X, // a recent aws-cdk-lib has the newest runtimes\n' +
      '});\n' +
      '// A function CDK adds itself (custom resource providers, log retention, bucket notifications,\n' +
      '// auto-delete objects) takes its runtime from aws-cdk-lib: upgrade aws-cdk-lib and synthesize again.\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --runtime nodejs24.x',
    terraform: 'resource "aws_lambda_function" "this" {\n  runtime = "nodejs24.x"\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['SA-22'],
    'pci-dss-4.0': ['12.3.4'],
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtime-support-policy'],
  options: {
    warnDays: {
      type: 'number',
      integer: true,
      // 0 would never fail: disable the check instead.
      min: 1,
      unit: 'days',
      default: DEFAULT_WARN_DAYS,
      description:
        "How many days before a runtime's deprecation date the check starts failing, counted from the scan date.",
    },
  },
  evaluate(fn, ctx) {
    const possible = possibleTexts(fn.runtime, fn);
    if (possible !== undefined && fn.packageType !== 'Image')
      return judgeEach(possible, fn.runtime as Unknown, ctx);
    const runtime = runtimeOf(fn, ctx);
    if (typeof runtime !== 'string') return runtime;
    const scanDate = ctx.settings.scanDate;
    // An invalid warnDays (negative, not a number) makes runtimeState throw: a scan error naming the option.
    const state = runtimeState(runtime, scanDate, ctx.option<number>('warnDays', DEFAULT_WARN_DAYS));

    if (state.kind === 'unrecognized')
      return ctx.notApplicable('not a known runtime: lambda.runtime-deprecated reports it');
    if (state.kind === 'deprecated')
      return ctx.notApplicable('already deprecated: lambda.runtime-deprecated reports it');
    const info = state.runtime;
    if (state.kind === 'supported') {
      return ctx.pass(`${info.identifier}: ${describeStages(info, scanDate)}`, { where: ['Runtime'] });
    }

    const replacement = replacementFor(info, scanDate);
    const advice = replacement === undefined ? '' : ` Plan the move to ${replacement}.`;
    const days = state.daysLeft === 1 ? '1 day' : `${state.daysLeft} days`;
    return ctx.fail(
      `Runtime ${info.identifier} (${info.name}) reaches its deprecation in ${days}: ${describeStages(info, scanDate)}.${advice}`,
      { where: ['Runtime'], evidence: { ...stageEvidence(info), daysLeft: String(state.daysLeft) } },
    );
  },
});

/**
 * A runtime that is one of several (CDK's `LatestNodeRuntimeMap`, by region), judged as
 * lambda.runtime-deprecated judges it: fails when each is deprecated soon or already (and one is soon),
 * passes when none is soon, unknown, naming them, when only some are (a fail where each is deployed, `each`). All
 * deprecated is the other check's.
 */
function judgeEach(possible: PossibleTexts, runtime: Unknown, ctx: CheckContext): Outcome {
  const where = ['Runtime'];
  const scanDate = ctx.settings.scanDate;
  const warnDays = ctx.option<number>('warnDays', DEFAULT_WARN_DAYS);
  // Deprecated already counts with the soon ones: when every one is either, the function is on its way out.
  const { status, judged, byCopy } = judgeTexts(
    possible,
    (value) => runtimeState(value, scanDate, warnDays),
    (state) => (state.kind === 'supported' ? 'pass' : 'fail'),
  );
  const states = judged.map((one) => one.judged);
  const soon = states.flatMap((state) =>
    state.kind === 'deprecating-soon'
      ? [`${state.runtime.identifier} in ${state.daysLeft === 1 ? '1 day' : `${state.daysLeft} days`}`]
      : [],
  );
  const which = `Runtime is one of ${possible.texts.join(', ')} (${runtime.reason})`;
  if (soon.length === 0) {
    return status === 'fail' && !byCopy
      ? ctx.notApplicable('each is deprecated or no runtime: lambda.runtime-deprecated reports it')
      : ctx.pass(`${which}: none is deprecated within ${warnDays} days`, { where });
  }
  const message = `${which}, and ${soon.join(', ')} ${soon.length === 1 ? 'reaches its' : 'reach their'} deprecation`;
  if (status === 'unknown') return ctx.unknown(`${message}; the others are supported longer.`, { where });
  // A copy of the template is deployed with each (nested more than once): the one reaching deprecation is deployed.
  if (byCopy)
    return ctx.fail(`${message}, deployed by its own copy; the others are supported longer.`, { where });
  const rest =
    soon.length === states.length ? '' : '; the others are deprecated already (lambda.runtime-deprecated)';
  return ctx.fail(`${message}${rest}.`, { where });
}
