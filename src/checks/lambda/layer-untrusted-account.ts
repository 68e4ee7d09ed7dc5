import { listedWithAnd } from '../../findings/words.js';
import type { ExposureOptions } from '../../iam/exposure.js';
import { describeValue, instantiate, SELF_ACCOUNT } from '../../iam/templates.js';
import { wholeSsmReference, writtenDynamicReferences } from '../../model/dynamic-references.js';
import type { Reference } from '../../model/lambda.js';
import { writtenItemKey } from '../../model/source.js';
import { isUnknown, type StackResource } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { copiesWords, judgeTexts, type PossibleTexts, possibleTexts } from '../each-text.js';
import {
  AWS_LAYER_PUBLISHERS_TAKEN_ON,
  awsLayerParameter,
  awsLayerPublisher,
  THIRD_PARTY_LAYER_PUBLISHERS,
  THIRD_PARTY_LAYER_PUBLISHERS_TAKEN_ON,
  thirdPartyLayerPublisher,
} from './layer-publishers.js';
import { exposureOptions } from './resource-policy.js';

/** The layer resource types whose `Ref` (and `LayerVersionArn` attribute) is the version ARN they publish. */
const LAYER_VERSION_TYPES = ['AWS::Lambda::LayerVersion', 'AWS::Serverless::LayerVersion'];

/** `arn:<partition>:lambda:<region>:<account>:layer:<name>[:<version>]`; group 1 is the account. */
const LAYER_ARN = /^arn:[^:]+:lambda:[^:]*:([^:]*):layer:[^:]+(?::[^:]+)?$/;

interface LayerVerdict {
  readonly status: 'trusted' | 'untrusted' | 'unknown';
  readonly why: string;
  /** For `unknown`: the literal account that may be the one the function is deployed to (see judgeLayer). */
  readonly maybeOwn?: string;
}

export default defineCheck({
  id: 'lambda.layer-untrusted-account',
  title: 'Lambda function uses a layer published by an untrusted account',
  severity: 'high',
  resource: 'lambda.function',
  description:
    'Reads the account in each layer ARN of a function (its own `Layers` and, in SAM, `Globals.Function.Layers`) ' +
    "and fails a layer published by an account that is neither AWS, the function's own, nor one you trust " +
    '(`trustedAccounts` in parapet.yaml). A literal account id may be the function’s own where the account it is ' +
    'deployed to is not known: unknown, as for a permission’s principal (lambda.permission-untrusted-account), ' +
    'but for an account a vendor publishes its layers from (Datadog’s, Lumigo’s, …), which is never the function’s: ' +
    'it fails.',
  details:
    'A layer is trusted when it is published in the same template, or by a layer version of another stack ' +
    'scanned with it (a nested stack output the parent passes down, an `Fn::ImportValue` of its export: both ' +
    'deploy to the same account), by `${AWS::AccountId}` (or, in a live scan, the account of the function), by an account in `trustedAccounts` (parapet.yaml), or by AWS itself: ' +
    'Powertools for AWS Lambda, Lambda Insights, the Parameters and Secrets and AppConfig extensions, ADOT, ' +
    'the CodeGuru Profiler agent, AWS SDK for pandas and the Lambda Web Adapter are published from AWS-owned accounts listed in src/data/aws-layer-publishers.json ' +
    `(taken ${AWS_LAYER_PUBLISHERS_TAKEN_ON}; prowler flags them, Parapet does not). Any other account fails ` +
    'where the account the function is deployed to is known: in a live scan, and for a CDK stack whose cloud ' +
    'assembly’s manifest.json names it (`"environment": "aws://ACCOUNT/REGION"`; a nested stack is in its ' +
    'parent’s). Elsewhere a literal account id may be that account (CDK writes a stack’s own account as its id ' +
    'when the stack is given one), which the template does not say: unknown until the account is in ' +
    'trustedAccounts. But a layer from an account a monitoring or security vendor publishes its layers from ' +
    `(${THIRD_PARTY_LAYER_PUBLISHERS.map(({ name }) => name).join(', ')}: the accounts each vendor states, listed ` +
    'in src/data/third-party-layer-publishers.json, taken ' +
    `${THIRD_PARTY_LAYER_PUBLISHERS_TAKEN_ON}) fails wherever the function is deployed, naming the vendor: that ` +
    'account is the vendor’s, not the function’s, so the layer is a third party’s until its account is in ' +
    'trustedAccounts. A layer ARN from a ' +
    'parameter, an import or SSM is not known before deploy: unknown, but for the public SSM parameters AWS keeps ' +
    'for Powertools for AWS Lambda layers (`{{resolve:ssm:/aws/service/powertools/python/x86_64/python3.12/latest}}`, ' +
    '`/aws/service/powertools/typescript/generic/all/latest`): no account can create a parameter under `/aws`, ' +
    "and Powertools documents these as its layer ARNs, so the layer is AWS's. One finding per layer. A layer chosen " +
    'by region from a mapping is judged over each ARN the mapping holds: it fails when each is untrusted, ' +
    'passes when each is trusted, and is `unknown` otherwise. A template nested more than once whose nestings give ' +
    'its layer ARN differently is deployed once per nesting: where each copy is surely made, one untrusted ARN fails.',
  risk: 'A layer runs inside the function with the permissions of its execution role and sees every event and secret. Whoever controls the publishing account can publish a new version with malicious code, or delete the layer and break deployments.',
  remediation: {
    text: 'Build the layer from reviewed sources and publish it in your own account (or one you trust), or vendor the dependency into the deployment package. If you trust the publisher, add its account to trustedAccounts in parapet.yaml.',
    cloudformation:
      'SharedLayer:\n' +
      '  Type: AWS::Lambda::LayerVersion\n' +
      '  Properties:\n' +
      '    Content: { S3Bucket: !Ref ArtifactBucket, S3Key: layers/shared.zip }\n' +
      'Fn:\n' +
      '  Type: AWS::Lambda::Function\n' +
      '  Properties:\n' +
      '    Layers: [!Ref SharedLayer]\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      '// built from reviewed sources and published by this stack, instead of\n' +
      '// lambda.LayerVersion.fromLayerVersionArn() of a layer in an account you do not trust\n' +
      "const sharedLayer = new lambda.LayerVersion(this, 'SharedLayer', {\n" +
      "  code: lambda.Code.fromAsset('layers/shared'),\n" +
      '  compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],\n' +
      '});\n' +
      "const fn = new lambda.Function(this, 'Fn', { /* ...runtime, handler, code */ layers: [sharedLayer] });\n",
    cli: 'aws lambda update-function-configuration --function-name <name> --layers <layer-version-arn-in-your-account>',
    terraform:
      'resource "aws_lambda_function" "this" {\n' +
      '  layers = [aws_lambda_layer_version.shared.arn]\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['SR-3', 'SI-7'],
    soc2: ['CC6.8'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-layers.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Lambda-Insights-extension-versions.html',
  ],
  evaluate(fn, ctx) {
    const layers = fn.layers;
    if (isUnknown(layers)) {
      return ctx.unknown(`Layers is not known before deploy (${layers.reason})`, { where: ['Layers'] });
    }
    if (layers.length === 0) return ctx.notApplicable('the function uses no layers');
    const options = exposureOptions(ctx, fn);
    const outcomes: Outcome[] = [];
    const trusted: string[] = [];
    layers.forEach((layer, index) => {
      // One of some texts (see judgeEach); the layers are the function's, deployed where it is.
      const possible = possibleTexts(layer, fn);
      const verdict = possible ? judgeEach(possible, ctx, options) : judgeLayer(layer, ctx, options);
      // A dynamic reference as the template writes it (`{{resolve:ssm:...}}`), not as the shape holds it.
      const written =
        possible && isUnknown(layer) ? `(${layer.reason})` : writtenDynamicReferences(describeValue(layer));
      // An empty ARN (a parameter whose default is '') is shown as such, not as nothing at all.
      const text = written === '' ? '""' : written;
      if (verdict.status === 'trusted') {
        trusted.push(`${text} (${verdict.why})`);
        return;
      }
      const place = fn.layerPlaces?.[index];
      // The engine maps an index of the merged list back to the Globals item or the function's own: the index
      // as written, which an item an `!If` removes before it does not move.
      const where = ['Layers', place?.path ?? index];
      // Where it is listed when a parameter or a condition makes its ARN: the same finding with any.
      const key = (place && writtenItemKey(place, place.list)) ?? text;
      outcomes.push(
        verdict.status === 'untrusted'
          ? ctx.fail(`Layer ${text} ${verdict.why}.`, { where, key, evidence: { layer: text } })
          : ctx.unknown(`Layer ${text}: ${verdict.why}.`, { where, key }),
      );
    });
    return outcomes.length > 0 ? outcomes : ctx.pass(`every layer is trusted: ${trusted.join('; ')}`);
  },
});

/**
 * A layer chosen by region from a mapping, or given by the nestings of its template (its ARN is one of some texts):
 * judged by judgeTexts, untrusted counting as failing: where each is deployed, one untrusted is.
 */
function judgeEach(possible: PossibleTexts, ctx: CheckContext, options: ExposureOptions): LayerVerdict {
  const { status, judged, failing, byCopy } = judgeTexts(
    possible,
    (arn) => judgeLayer(arn, ctx, options),
    (verdict) =>
      verdict.status === 'untrusted' ? 'fail' : verdict.status === 'trusted' ? 'pass' : 'unknown',
  );
  const one = `is one of ${possible.texts.join(', ')}${copiesWords(possible)}`;
  if (status === 'pass') return { status: 'trusted', why: `${one}, each trusted` };
  if (status === 'fail') {
    const failingAccounts = [...new Set(failing.flatMap(({ text }) => LAYER_ARN.exec(text)?.[1] ?? []))];
    // A vendor's account is named with the vendor ("Datadog's account 464622532012").
    const publishers = failingAccounts.some((a) => thirdPartyLayerPublisher(a) !== undefined)
      ? listedWithAnd(failingAccounts.map(publisherWords))
      : `${failingAccounts.length > 1 ? 'accounts' : 'account'} ${listedWithAnd(failingAccounts)}`;
    const which = byCopy
      ? `${failing.map(({ text }) => text).join(', ')} ${failing.length > 1 ? 'are' : 'is'}`
      : 'each is';
    const several = failingAccounts.length > 1;
    // Untrusted only where the deploying account is known (judgeLayer): a failure names it.
    const own =
      options.selfAccount === undefined
        ? ''
        : `, nor the account the function is deployed to (${options.selfAccount}),`;
    return {
      status: 'untrusted',
      why: `${one}: ${which} published by ${publishers}, which ${several ? 'are' : 'is'} neither AWS${own} nor in trustedAccounts (if you trust ${several ? 'them' : 'it'}, ${trustAdvice(failingAccounts)})`,
    };
  }
  const notTrusted = judged.filter(({ judged: v }) => v.status !== 'trusted');
  // Accounts that may be the deploying one, which the template does not name: said once, with what to do.
  const maybeOwn = [...new Set(notTrusted.flatMap(({ judged: v }) => (v.maybeOwn ? [v.maybeOwn] : [])))];
  const own =
    maybeOwn.length === 0
      ? ''
      : ` (the template does not say whether ${maybeOwn.join(', ')} ${maybeOwn.length > 1 ? 'are' : 'is'} the account it is deployed to: if so, or if you trust ${maybeOwn.length > 1 ? 'them' : 'it'}, ${trustAdvice(maybeOwn)})`;
  return {
    status: 'unknown',
    why: `${one}, and not every one is trusted: ${notTrusted.map(({ text }) => text).join(', ')}${own}`,
  };
}

function judgeLayer(layer: Reference, ctx: CheckContext, options: ExposureOptions): LayerVerdict {
  // A layer published by another scanned stack (a nested stack's output, an export): that stack is deployed to
  // the same account (nested stacks are created in their parent's account; an import reads only exports of the
  // same account and region), so the layer's publisher is the deploying account, as for one of this template.
  const from = isUnknown(layer) ? layer.stackResource : undefined;
  if (from !== undefined && publishesLayerVersion(from)) {
    return {
      status: 'trusted',
      why: `published by stack ${from.stack} (${from.logicalId}), in the same account`,
    };
  }
  const fromAws = isUnknown(layer) ? publicLayerParameter(layer.template) : undefined;
  if (fromAws !== undefined) {
    return {
      status: 'trusted',
      why:
        `published by AWS: ${fromAws.product}, whose layer ARNs AWS keeps in its public SSM parameters under ` +
        `${fromAws.prefix}, where no account can create one`,
    };
  }
  const whole = isUnknown(layer) ? /^\$\{([^}]+)\}$/.exec(layer.template ?? '')?.[1] : layer;
  if (whole !== undefined && ctx.inventory.resolve(whole, 'lambda.layer-version')) {
    return { status: 'trusted', why: 'published by this template' };
  }
  // `!GetAtt App.Outputs.LayerArn` of a nested application or stack: another template's output.
  const other = whole === undefined ? undefined : ctx.inventory.resolve(whole);
  if (other !== undefined) {
    return {
      status: 'unknown',
      why: `its ARN comes from ${other.type} ${other.id}, and is not known before deploy`,
    };
  }
  const text = instantiate(layer, 'narrow', options);
  const account = text === undefined ? undefined : LAYER_ARN.exec(text)?.[1];
  if (account === undefined) {
    // A value not known before deploy (a parameter without default, a `{{resolve:…}}` dynamic reference: see
    // model/dynamic-references.ts) is not an unreadable ARN: say where it comes from.
    const why = isUnknown(layer)
      ? `its ARN is not known before deploy (${layer.reason})`
      : 'not a layer version ARN Parapet can read';
    return { status: 'unknown', why };
  }
  if (account === SELF_ACCOUNT || account === options.selfAccount) {
    return { status: 'trusted', why: 'published by the account the function is deployed to' };
  }
  if (!/^\d{12}$/.test(account)) {
    const why = isUnknown(layer)
      ? 'the publishing account is not known before deploy'
      : `${account} is not an account id`;
    return { status: 'unknown', why };
  }
  if (options.trustedAccounts?.includes(account)) {
    return { status: 'trusted', why: `${publisherWords(account)} is in trustedAccounts` };
  }
  const aws = awsLayerPublisher(account);
  if (aws !== undefined) return { status: 'trusted', why: `published by AWS: ${aws}` };
  const advice = trustAdvice([account]);
  // A vendor publishes its layers from its own account (src/data/third-party-layer-publishers.json): whichever account
  // the function is deployed to, that is another one (the deploying account itself was trusted above).
  const vendor = thirdPartyLayerPublisher(account);
  if (vendor !== undefined) {
    return {
      status: 'untrusted',
      why: `is published by ${publisherWords(account)}, not in trustedAccounts (a vendor's account, so not the one the function is deployed to): if you trust it, ${advice}`,
    };
  }
  // A template may name its own account by its id rather than as `${AWS::AccountId}` (CDK writes it so for a stack
  // given an account): whether this one is, only the account the stack deploys to tells, as for a permission's
  // principal (crossAccountAccess). Not known: unknown, never a failure for what Parapet cannot see.
  if (options.selfAccount === undefined) {
    return {
      status: 'unknown',
      maybeOwn: account,
      why: `published by account ${account}, which is neither AWS, a known vendor, nor in trustedAccounts, and the template does not say whether that is the account it is deployed to (if it is, or if you trust it, ${advice})`,
    };
  }
  return {
    status: 'untrusted',
    why: `is published by account ${account}, which is neither AWS, nor the account the function is deployed to (${options.selfAccount}), nor in trustedAccounts (if you trust it, ${advice})`,
  };
}

/** `add them to parapet.yaml: trustedAccounts: ['111122223333', '444455556666']`: what trusting `accounts` takes. */
function trustAdvice(accounts: readonly string[]): string {
  const listed = accounts.map((account) => `'${account}'`).join(', ');
  return `add ${accounts.length > 1 ? 'them' : 'it'} to parapet.yaml: trustedAccounts: [${listed}]`;
}

/** "Datadog's account 464622532012" for an account a vendor publishes from, "account 999988887777" otherwise. */
function publisherWords(account: string): string {
  const vendor = thirdPartyLayerPublisher(account);
  return vendor === undefined ? `account ${account}` : `${vendor}'s account ${account}`;
}

/**
 * The AWS product and the parameter prefix it documents, when the layer ARN is wholly a dynamic reference to one of
 * the public SSM parameters AWS keeps for its layers (awsLayerParameter). A parameter named by its ARN (one shared from
 * another account) or any other `/aws/service/` parameter is not one.
 */
function publicLayerParameter(shape: string | undefined): { product: string; prefix: string } | undefined {
  const name = shape === undefined ? undefined : wholeSsmReference(shape);
  return name === undefined ? undefined : awsLayerParameter(name);
}

function publishesLayerVersion(from: StackResource): boolean {
  const ownArn = from.attribute === undefined || from.attribute === 'LayerVersionArn';
  return from.type !== undefined && LAYER_VERSION_TYPES.includes(from.type) && ownArn;
}
