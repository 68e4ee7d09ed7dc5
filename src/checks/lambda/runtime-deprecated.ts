import type { Unknown } from '../../model/values.js';
import { RUNTIME_TABLE_TAKEN_ON, runtimeState } from '../../runtimes/index.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { copiesWords, judgeTexts, type PossibleTexts, possibleTexts } from '../each-text.js';
import {
  describeStages,
  looksNewerThanTable,
  replacementFor,
  runtimeOf,
  runtimeTableEvidence,
  stageEvidence,
} from './runtime.js';

export default defineCheck({
  id: 'lambda.runtime-deprecated',
  title: 'Lambda function uses a deprecated or invalid runtime',
  severity: 'high',
  resource: 'lambda.function',
  description:
    'Fails a function whose runtime is past its deprecation date on the scan date, per a dated copy of the AWS ' +
    '"Lambda runtimes" page shipped with Parapet (the finding names the copy). The message says which stage ' +
    'applies: deprecated only, creating functions blocked, or updating them blocked too (the most urgent stage, ' +
    'reported as critical: the function can then no longer be changed at all, not even to fix a vulnerability). A runtime is never ' +
    'flagged only for not being the newest one.',
  details:
    'A runtime value Lambda does not know (a placeholder such as ' +
    '`PYTHON3_VERSION`, a misspelling such as `provided.al2023023`) fails too, with the runtime it most likely ' +
    'meant: Lambda rejects it, so the template cannot deploy as written. A value shaped like a newer version ' +
    'than the table knows (`python3.16`) is reported as unknown instead, since the table may be older than the ' +
    'runtime. A runtime chosen by region from a mapping (`!FindInMap [LatestNodeRuntimeMap, !Ref AWS::Region, value]`, ' +
    'as CDK writes for its own providers) is judged over every runtime the mapping holds: it fails when each is ' +
    'deprecated, and is unknown when only some are. So is one from a parameter without default over its ' +
    '`AllowedValues`, since CloudFormation refuses any other value (one with a default is judged at it). Container image functions are not evaluated: they bring their own runtime.',
  risk: 'A deprecated runtime no longer receives security patches for the language runtime or the operating system under it, so known vulnerabilities stay open. Once Lambda blocks updates, the function can no longer be redeployed or reconfigured, which turns an urgent fix into an outage.',
  remediation: {
    text: 'Move the function to a supported runtime of the same language (Lambda console → the function → Code → Runtime settings → Edit), test it, and deploy. Check the deprecation dates on the AWS "Lambda runtimes" page.',
    cloudformation: 'Runtime: python3.13        # same property in SAM (or Globals.Function.Runtime)\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...handler, code\n' +
      '  runtime: lambda.Runtime.PYTHON_3_13,\n' +
      '});\n' +
      '// A function CDK adds itself (custom resource providers, log retention, bucket notifications,\n' +
      '// auto-delete objects) takes its runtime from aws-cdk-lib: upgrade aws-cdk-lib and synthesize again.\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --runtime python3.13',
    terraform: 'resource "aws_lambda_function" "this" {\n  runtime = "python3.13"\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CM-2', 'SA-22', 'SI-2'],
    'pci-dss-4.0': ['6.3.3', '12.3.4'],
    soc2: ['CC7.1'],
    'aws-fsbp': ['Lambda.2'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2',
  ],
  evaluate(fn, ctx) {
    const possible = possibleTexts(fn.runtime, fn);
    if (possible !== undefined && fn.packageType !== 'Image')
      return judgeEach(possible, fn.runtime as Unknown, ctx);
    const runtime = runtimeOf(fn, ctx);
    if (typeof runtime !== 'string') return runtime;
    const where = ['Runtime'];
    const scanDate = ctx.settings.scanDate;
    // warnDays 0: "deprecating soon" is the other check's business; here it counts as supported.
    const state = runtimeState(runtime, scanDate, 0);

    if (state.kind === 'unrecognized') {
      const evidence = { runtime: state.value, runtimeTable: runtimeTableEvidence() };
      // Before any suggestion: `dotnet12` is more likely a runtime newer than the table than a typo of dotnet10.
      if (looksNewerThanTable(state.value)) {
        return ctx.unknown(
          `Runtime ${state.value} is not in Parapet's runtime table (taken on ${RUNTIME_TABLE_TAKEN_ON}): it may be a runtime released since; update Parapet.`,
          { where, evidence },
        );
      }
      const hint = state.suggestion === undefined ? '' : ` (did you mean ${state.suggestion}?)`;
      // An empty value (`!Join ['', [!Ref AWS::NoValue]]` gives "") is shown as such, not as nothing.
      const shown = state.value.trim() === '' ? JSON.stringify(state.value) : state.value;
      return ctx.fail(
        `Runtime ${shown} is not a Lambda runtime${hint}: Lambda rejects it, so the function cannot be deployed as written.`,
        {
          where,
          evidence: state.suggestion === undefined ? evidence : { ...evidence, suggestion: state.suggestion },
        },
      );
    }

    const info = state.runtime;
    const stages = describeStages(info, scanDate);
    if (state.kind !== 'deprecated')
      return ctx.pass(`${info.identifier} is supported (${stages})`, { where });

    const replacement = replacementFor(info, scanDate);
    const advice = replacement === undefined ? '' : ` Move to ${replacement} or another supported runtime.`;
    const urgency = state.blocked === 'update' ? ' The function can no longer be updated.' : '';
    return ctx.fail(
      `Runtime ${info.identifier} (${info.name}) is deprecated: ${stages}.${urgency}${advice}`,
      {
        where,
        // Once updates are blocked a security fix to the code cannot ship at all.
        ...(state.blocked === 'update' ? { severity: 'critical' as const } : {}),
        evidence: { ...stageEvidence(info), stage: `deprecated, blocked: ${state.blocked}` },
      },
    );
  },
});

/**
 * A runtime that is one of several (CDK's `LatestNodeRuntimeMap`, by region; the texts the nestings of a template
 * give): judged by judgeTexts, deprecated or not a runtime counting as failing, one shaped like a runtime newer than
 * the table as not known.
 */
function judgeEach(possible: PossibleTexts, runtime: Unknown, ctx: CheckContext): Outcome {
  const where = ['Runtime'];
  const scanDate = ctx.settings.scanDate;
  const { status, judged, failing, byCopy } = judgeTexts(
    possible,
    (value) => runtimeState(value, scanDate, 0),
    (state) =>
      state.kind === 'deprecated'
        ? 'fail'
        : state.kind !== 'unrecognized'
          ? 'pass'
          : looksNewerThanTable(state.value)
            ? 'unknown'
            : 'fail',
  );
  const texts = possible.texts.join(', ');
  // A value shaped like a runtime newer than the table may be one released since: not counted against it.
  const newer = judged.filter(({ judged: s }) => s.kind === 'unrecognized' && looksNewerThanTable(s.value));
  if (status === 'unknown' && newer.length > 0) {
    return ctx.unknown(
      `Runtime is one of ${texts} (${runtime.reason}); ${newer.map((s) => s.text).join(', ')} ` +
        `is not in Parapet's runtime table (taken on ${RUNTIME_TABLE_TAKEN_ON}): it may be a runtime released since; update Parapet.`,
      { where },
    );
  }
  const which = `Runtime is one of ${texts} (${runtime.reason})${copiesWords(possible)}`;
  if (status === 'pass') return ctx.pass(`${which}: each is supported`, { where });
  const named = failing.map(({ text, judged: state }) =>
    state.kind === 'deprecated'
      ? `${text} (${describeStages(state.runtime, scanDate)})`
      : `${text} (not a Lambda runtime)`,
  );
  const evidence = { runtimes: texts, runtimeTable: runtimeTableEvidence() };
  // A copy of the template is deployed with each (nested more than once): the deprecated ones are deployed.
  if (byCopy) return ctx.fail(`${which}, and some are deprecated: ${named.join('; ')}.`, { where, evidence });
  if (status === 'unknown')
    return ctx.unknown(`${which}, and some are deprecated: ${named.join('; ')}.`, { where });
  return ctx.fail(`${which}, and each is deprecated: ${named.join('; ')}.`, { where, evidence });
}
