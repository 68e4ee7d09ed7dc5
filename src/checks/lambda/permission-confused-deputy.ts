import { type Restriction, restrictingConditions } from '../../iam/conditions.js';
import {
  confusedDeputyAccess,
  type ExposureHit,
  type ExposureOptions,
  emptySource,
  permissionStatement,
} from '../../iam/exposure.js';
import { verdict } from '../../iam/hits.js';
import { describeValue } from '../../iam/templates.js';
import { not, type Tri } from '../../iam/tri.js';
import type { LambdaPermission } from '../../model/lambda.js';
import { own } from '../../model/own.js';
import { isUnknown, replacePlaceholders, shapeOf } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';
import { grantedWords, invokingActions, type PermissionActions } from './permission-actions.js';
import { eventSourceToken, PERMISSION_TEXTS, principalWords, readPermission } from './resource-policy.js';
import { serviceOnlyGrant } from './service-only.js';

/** What pins the caller, per service (the prefix of its principal). */
const WHAT_TO_ADD: Readonly<Record<string, string>> = {
  s3: 'SourceAccount (the bucket owner: bucket names are global, so the bucket may be any account’s) and SourceArn of the bucket',
  sns: 'SourceArn of the topic',
  events: 'SourceArn of the EventBridge rule',
  apigateway: 'SourceArn of the API (arn:aws:execute-api:<region>:<account>:<api-id>/*)',
  ses: 'SourceAccount and SourceArn of the receipt rule set',
  iot: 'SourceArn of the IoT topic rule',
  'cognito-idp': 'SourceArn of the user pool',
  'alexa-appkit': 'EventSourceToken (the skill id)',
  'alexa-connectedhome': 'EventSourceToken (the skill id)',
};
/**
 * Whether an ARN written as SourceArn pins no one account: its account is empty or holds a wildcard
 * (`arn:aws:events:*:*:rule/*`, `arn:aws:sns:us-east-1:1234*:t`), or the ARN stops before it (`arn:aws:sns:*`, `*`).
 */
function pinsNoAccount(arn: string): boolean {
  const text = replacePlaceholders(arn, 'x');
  if (text === '*') return true;
  const parts = text.split(':');
  if (parts[0] !== 'arn') return false;
  const account = parts[4];
  return account === undefined
    ? parts.some((part) => part.includes('*'))
    : account === '' || /[*?]/.test(account);
}
const ALEXA = new Set(['alexa-appkit', 'alexa-connectedhome']);

/**
 * Services that invoke a function only for resources of the function's own account: no other account can
 * point them at it, so there is no cross-account confused deputy. SourceArn then only narrows which
 * resource of the account may invoke it.
 */
const SAME_ACCOUNT_ONLY: Readonly<Record<string, { rule: string; narrow: string }>> = {
  // Elastic Load Balancing guide, "Lambda functions as targets", Limits.
  elasticloadbalancing: {
    rule: 'Elastic Load Balancing invokes a function only for a target group in the same account and Region',
    narrow: 'SourceArn of the target group would limit it to one target group of the account',
  },
  // CloudWatch Logs PutSubscriptionFilter: a Lambda destination belongs to the subscription filter's account.
  logs: {
    rule: 'CloudWatch Logs delivers to a Lambda function only from subscription filters in the same account',
    narrow: 'SourceArn of the log group would limit it to one log group of the account',
  },
};

export default defineCheck({
  id: 'lambda.permission-confused-deputy',
  title: 'Lambda permission lets an AWS service invoke or use the function for any account',
  severity: 'high',
  resource: 'lambda.permission',
  description:
    'Fails an `AWS::Lambda::Permission` that grants an AWS service principal (s3.amazonaws.com, ' +
    'sns.amazonaws.com, events.amazonaws.com, apigateway.amazonaws.com, ..., as each partition spells them: ' +
    's3.amazonaws.com.cn in China, s3.c2s.ic.gov in aws-iso) without a condition that pins ' +
    'the resource or account the service acts for: SourceArn with a fixed account or bucket, SourceAccount, or ' +
    'EventSourceToken for Alexa. Severity is high for Amazon S3 (bucket names are global and hold no account, ' +
    'so anyone’s bucket can be pointed at the function) and medium for other services; low where the Action does ' +
    'not invoke the function (see details). A permission for `*` ' +
    'with SourceArn or SourceAccount is judged the same way, as the grant of the service its SourceArn names ' +
    '(high when it names none): those keys are in a request only when an AWS service calls for a resource.',
  details:
    'An S3 permission pinned ' +
    'only by the ARN of a bucket outside the template fails with low severity: a deleted bucket name can be ' +
    're-registered by another account, which is why AWS asks for SourceAccount as well. SAM event permissions ' +
    '(S3, SNS, Api, Schedule, ...) carry these conditions and pass. Elastic Load Balancing ' +
    '(elasticloadbalancing.amazonaws.com) and CloudWatch Logs (logs.amazonaws.com) pass without a condition: ' +
    'they invoke a function only for a target group or subscription filter of its own account (the function ' +
    'and the target group must be in the same account and Region), so no other account can use them against it. ' +
    'The Action words the finding and sets its severity, not its verdict: AWS services are granted a function to ' +
    'invoke it, and none is documented to call another Lambda action for a customer, so a service granted an ' +
    'action that does not invoke (`lambda:GetFunction`, which reads the function and the location of its code) ' +
    'fails at low severity, saying what it allows and that the permission can go (should the service ever call ' +
    'it, any account could have it do so); `lambda:*` and `*` invoke and change the function. ' +
    'An Action not known before deploy fails too, named as written, as lambda.permission-public-invoke names it. ' +
    "An empty SourceArn or SourceAccount (`''`) names no source: the deploy may fail on it, or CloudFormation may " +
    'drop it and leave the grant unpinned, so it is unknown.',
  risk: 'Another AWS customer can configure their own bucket, topic, rule or API to invoke the function (the confused deputy problem), feeding it input the function trusts and spending its concurrency and budget.',
  remediation: {
    text: 'Add SourceArn (the ARN of the bucket, topic, rule or API that should invoke the function) and, for Amazon S3, SourceAccount (your account id) to the permission.',
    cloudformation:
      'Type: AWS::Lambda::Permission\n' +
      'Properties:\n' +
      '  FunctionName: !GetAtt Fn.Arn\n' +
      '  Action: lambda:InvokeFunction\n' +
      '  Principal: s3.amazonaws.com\n' +
      '  SourceAccount: !Ref AWS::AccountId\n' +
      '  SourceArn: !GetAtt Uploads.Arn\n',
    cdk:
      "import * as cdk from 'aws-cdk-lib';\n" +
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      "fn.addPermission('S3Invoke', {\n" +
      "  principal: new iam.ServicePrincipal('s3.amazonaws.com'),\n" +
      '  sourceAccount: cdk.Stack.of(this).account,\n' +
      '  sourceArn: uploads.bucketArn,\n' +
      '});\n' +
      "// bucket.addEventNotification with aws-s3-notifications' LambdaDestination sets both for you\n",
    cli: 'aws lambda add-permission --function-name <name> --statement-id <sid> --action lambda:InvokeFunction --principal s3.amazonaws.com --source-account <account-id> --source-arn arn:aws:s3:::<bucket>',
    terraform:
      'resource "aws_lambda_permission" "s3" {\n' +
      '  action         = "lambda:InvokeFunction"\n' +
      '  function_name  = aws_lambda_function.this.function_name\n' +
      '  principal      = "s3.amazonaws.com"\n' +
      '  source_account = data.aws_caller_identity.current.account_id\n' +
      '  source_arn     = aws_s3_bucket.uploads.arn\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-6'],
    'pci-dss-4.0': ['7.2.1'],
    soc2: ['CC6.1'],
    // Lambda.1 also fails an S3 grant without a condition such as AWS:SourceAccount.
    'aws-fsbp': ['Lambda.1'],
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/lambda-function-public-access-prohibited.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html',
    'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html',
  ],
  evaluate(permission, ctx) {
    // Copies of a nested template each given its own principal or source: each judged (see judgeCopies).
    return judgedPerCopy(permission, PERMISSION_TEXTS, ctx, judgePermission);
  },
});

/** The check on one permission (or one copy of it: see judgeCopies). */
function judgePermission(permission: LambdaPermission, ctx: CheckContext): Outcome {
  const read = readPermission(permission, ctx);
  if ('refused' in read) return read.refused;
  const { options, principal: info } = read;
  // `*` with SourceArn or SourceAccount: only AWS services carry those keys, so it is their grant (see service-only.ts).
  const onlyServices = serviceOnlyGrant(permission, info);
  const empty = info.kind === 'public' && onlyServices === undefined ? emptySource(permission) : undefined;
  if (empty !== undefined && permission.principalOrgId === undefined) {
    // Kept, it would leave `*` to AWS services (see service-only.ts); dropped, the grant is public-invoke's.
    return ctx.unknown(
      `Cannot tell whether ${describeValue(permission.principal)} is pinned to a source: ${empty.doubt}.`,
      { where: [empty.property] },
    );
  }
  if (info.kind !== 'service' && info.kind !== 'unknown' && onlyServices === undefined) {
    return ctx.notApplicable('the principal is not an AWS service');
  }
  const service = info.kind === 'service' ? info.service : onlyServices?.service;
  const alexa = service !== undefined && ALEXA.has(service) ? alexaOutcome(permission, ctx) : undefined;
  if (alexa) return alexa;
  // What the Action grants, read once: the wording, the fix and the severity all depend on it.
  const actions = invokingActions(permission.action);
  const principal = onlyServices
    ? `${describeValue(permission.principal)} (its ${onlyServices.property} admits only ${onlyServices.caller})`
    : principalWords(permission, info);
  const sameAccount = own(SAME_ACCOUNT_ONLY, service ?? '');
  if (sameAccount) {
    const narrowed = permission.sourceArn === undefined ? `; ${sameAccount.narrow}` : '';
    return ctx.pass(`${principal} cannot act for another account: ${sameAccount.rule}${narrowed}.`);
  }
  const { answer, restriction } = onlyServices
    ? sourcePinned(permission, options)
    : pinnedAnswer(confusedDeputyAccess(permission, options));
  if (answer === 'unknown') {
    const value = permission.principal;
    if (restriction?.answer === 'unknown') {
      // Name the property the user wrote, and why its value is not known, where the permission says.
      const unseen = unknownSource(permission);
      return unseen
        ? ctx.unknown(
            `Cannot tell whether ${principal} is pinned to a source: ${unseen.property} is not known before deploy (${unseen.reason}).`,
            { where: [unseen.property], ...severityOf(service, actions) },
          )
        : ctx.unknown(
            `Cannot tell whether ${principal} is pinned to a source: the value of ${restriction.by.join(', ')} is not known before deploy.`,
            { where: ['Principal'], ...severityOf(service, actions) },
          );
    }
    const message = `Principal ${principal} is not known before deploy${isUnknown(value) ? ` (${value.reason})` : ''}; if it is an AWS service, no SourceArn or SourceAccount pins the account it acts for.`;
    return ctx.unknown(message, { where: ['Principal'], ...severityOf(service, actions) });
  }
  if (answer === 'yes') {
    const add =
      own(WHAT_TO_ADD, service ?? '') ?? 'SourceArn of the resource that invokes it, or SourceAccount';
    // A SourceArn written with a wildcard account is there and pins nothing: say so at it. S3 ARNs name no account at all: there the advice stays SourceAccount.
    const arn = permission.sourceArn === undefined ? undefined : shapeOf(permission.sourceArn);
    const openArn = service !== 's3' && arn !== undefined && pinsNoAccount(arn);
    const pin = openArn
      ? `SourceArn ${arn} does not pin one account: write the account id in it`
      : `add ${add}`;
    // A grant the service is not known to use: the first fix is to remove it.
    const fix = doesNotInvoke(actions)
      ? `AWS services are granted a function to invoke it, so remove the permission unless this one calls it; if it is to stay, ${pin}`
      : pin;
    // Without the skill id, any Alexa skill may invoke it, whoever's account: the token pins a skill, not an account.
    const onBehalfOf = service !== undefined && ALEXA.has(service) ? 'any Alexa skill' : 'any AWS account';
    return ctx.fail(`${principal} ${mayDo(permission, actions, onBehalfOf)}: ${fix}.`, {
      where: [openArn ? 'SourceArn' : 'Principal'],
      ...severityOf(service, actions),
      evidence: {
        principal: principalWords(permission, info),
        service: service ?? 'unknown',
        action: describeValue(permission.action),
      },
    });
  }
  return (
    s3BucketOutsideTemplate(permission, service, principal, ctx) ??
    ctx.pass(`${principal} is pinned to a source`)
  );
}

/**
 * What the service may do for any account, worded for the permission's Action: invoke the function
 * (lambda:InvokeFunction), invoke it and more (`lambda:*`), or only what the Action names (`lambda:GetFunction`). The
 * grant is open whatever the Action (every Action AddPermission takes grants something), so one not known before deploy
 * is named as written, as lambda.permission-public-invoke names it.
 */
function mayDo(permission: LambdaPermission, actions: PermissionActions, onBehalfOf: string): string {
  const action = describeValue(permission.action);
  if (actions.kind === 'invoke') return `may invoke the function on behalf of ${onBehalfOf}`;
  if (actions.kind === 'unknown') {
    return `may use ${action} on the function on behalf of ${onBehalfOf}, whatever Action a deploy gives (${actions.why})`;
  }
  if (actions.invokes) {
    return `may invoke the function, and use ${grantedWords(actions)} on it, on behalf of ${onBehalfOf} (Action ${action})`;
  }
  // One action named in full needs no list of what it grants; a wildcard does.
  const granted = actions.writes.length + actions.reads.length > 1 ? `${grantedWords(actions)}; ` : '';
  return `may use ${action} on the function (${granted}it does not invoke it) on behalf of ${onBehalfOf}, should the service ever call that action`;
}

/** Whether a service grant is open to any account (`yes`), and what its conditions restrict. */
interface Pinned {
  readonly answer: Tri;
  readonly restriction: Restriction | undefined;
}

/** The answer of the service principals' hits: the first one's restriction tells why. */
function pinnedAnswer(hits: readonly ExposureHit[]): Pinned {
  return { answer: verdict(hits), restriction: hits[0]?.restriction };
}

/** The answer for `*` left to AWS services by its source conditions: open unless they pin the source, as for a service. */
function sourcePinned(permission: LambdaPermission, options: ExposureOptions): Pinned {
  const restriction = restrictingConditions(permissionStatement(permission), 'confused-deputy', options);
  return { answer: not(restriction.answer), restriction };
}

/**
 * High for S3 and for a principal that may be S3; medium for the other services; low where the Action does not invoke
 * the function (see doesNotInvoke).
 */
function severityOf(
  service: string | undefined,
  actions: PermissionActions,
): { severity?: 'medium' | 'low' } {
  if (doesNotInvoke(actions)) return { severity: 'low' };
  return service === undefined || service === 's3' ? {} : { severity: 'medium' };
}

/**
 * Whether the permission's Action certainly does not invoke the function (`lambda:GetFunction`, each value of an `!If`
 * alike). AWS services are granted a function to invoke it (Lambda Developer Guide, "Granting Lambda function access
 * to AWS services"); none is documented to call another Lambda action for a customer's resource, so such a grant is
 * one the service only may use. Not a pass: whether it ever calls that action is not documented either.
 */
function doesNotInvoke(actions: PermissionActions): boolean {
  return actions.kind === 'beyond' && !actions.invokes;
}

/**
 * Alexa permissions are pinned by EventSourceToken (the skill id), whatever it is: Lambda takes only letters, digits,
 * `.`, `_` and `-` there (AddPermission's pattern), so no value is a wildcard, and the caller must present that token.
 */
function alexaOutcome(permission: LambdaPermission, ctx: CheckContext): Outcome | undefined {
  const token = eventSourceToken(permission);
  if (isUnknown(token)) {
    return ctx.pass(
      `EventSourceToken pins one skill whatever it is at deploy (${token.reason}): Lambda takes no wildcard there`,
    );
  }
  return token === undefined ? undefined : ctx.pass('EventSourceToken pins the skill');
}

/** An S3 grant pinned only by the ARN of a bucket outside the template, without SourceAccount. */
function s3BucketOutsideTemplate(
  permission: LambdaPermission,
  service: string | undefined,
  principal: string,
  ctx: CheckContext,
): Outcome | undefined {
  const arn = outsideArnText(permission.sourceArn);
  if (service !== 's3' || permission.sourceAccount !== undefined || arn === undefined) return undefined;
  if (!arn.startsWith('arn:')) return undefined; // a bucket of this template, which the stack owns
  return ctx.fail(
    `${principal} is pinned only by the bucket ARN ${arn}: if that bucket is deleted, another account can create a bucket of the same name and invoke the function. Add SourceAccount.`,
    { where: ['SourceArn'], severity: 'low' },
  );
}

/**
 * The SourceArn as written when it names a bucket by its name: a literal ARN, or one whose only unknown
 * parts are pseudo parameters (`arn:${AWS::Partition}:s3:::uploads`). Undefined for a resource of the
 * template, or for text with other unknown parts (which the restriction analysis has judged already).
 */
function outsideArnText(arn: LambdaPermission['sourceArn']): string | undefined {
  if (typeof arn === 'string') return arn;
  if (!isUnknown(arn) || arn.template === undefined || arn.resources !== undefined) return undefined;
  return /\$\{(?!AWS::)/.test(arn.template) ? undefined : arn.template;
}

/** The first property pinning the source whose value is not known before deploy, with why. */
function unknownSource(permission: LambdaPermission): { property: string; reason: string } | undefined {
  const empty = emptySource(permission);
  if (empty !== undefined) return { property: empty.property, reason: empty.doubt };
  const properties = [
    ['SourceArn', permission.sourceArn],
    ['SourceAccount', permission.sourceAccount],
    ['PrincipalOrgID', permission.principalOrgId],
    ['EventSourceToken', permission.eventSourceToken],
  ] as const;
  for (const [property, value] of properties) {
    if (isUnknown(value)) return { property, reason: value.reason };
  }
  return undefined;
}
