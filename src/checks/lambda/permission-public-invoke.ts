import { restrictingConditions } from '../../iam/conditions.js';
import {
  type ExposureHit,
  emptySourceDoubt,
  organizationIdDoubt,
  permissionStatement,
  publicAccess,
} from '../../iam/exposure.js';
import { verdict } from '../../iam/hits.js';
import { analyzePrincipal } from '../../iam/principals.js';
import { describeValue } from '../../iam/templates.js';
import type { LambdaPermission } from '../../model/lambda.js';
import { invokedQualifier, sameQualifier } from '../../model/qualifier.js';
import { deployedByDefault } from '../../model/resource.js';
import { isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';
import {
  exposureOptions,
  invokedViaFunctionUrl,
  PERMISSION_TEXTS,
  principalWords,
  refusedPermission,
} from './resource-policy.js';
import { serviceOnlyGrant } from './service-only.js';

const URL_CHECK = 'lambda.function-url-auth-none';
const CONFUSED_DEPUTY_CHECK = 'lambda.permission-confused-deputy';

export default defineCheck({
  id: 'lambda.permission-public-invoke',
  title: 'Lambda function policy lets anyone call the function',
  severity: 'critical',
  resource: 'lambda.permission',
  description:
    'Looks at each statement of a function policy (`AWS::Lambda::Permission`) whose principal is `*` and fails ' +
    'when no condition pins the caller. The conditions are evaluated: SourceAccount, SourceArn (with a fixed ' +
    'account or bucket) and PrincipalOrgID restrict the grant (prowler#4870); `FunctionUrlAuthType` does not. ' +
    'A grant that only holds through a function URL (`FunctionUrlAuthType: NONE`, or `InvokedViaFunctionUrl`, ' +
    "as SAM writes for `FunctionUrlConfig.AuthType: NONE`) is the URL's own permission: the public URL is " +
    `reported once, by ${URL_CHECK}, and this check says not applicable (unknown when the URL is not in the ` +
    'template). `*` with `FunctionUrlAuthType: AWS_IAM` fails with high severity: any signed-in principal of any ' +
    'AWS account can call the URL. A grant to an organization that goes beyond invoking (`lambda:*`) is ' +
    "`lambda.permission-org-beyond-invoke`'s.",
  details:
    'SourceArn or SourceAccount of any value (a wildcard account too) leaves only AWS services: those keys are in ' +
    'a request only when an AWS service principal calls for a resource of its own (IAM User Guide, global condition ' +
    `keys). Such a grant passes here, and ${CONFUSED_DEPUTY_CHECK} and lambda.permission-untrusted-account judge ` +
    'it as the grant of the service its SourceArn names. A grant for `FunctionUrlAuthType: AWS_IAM` is not ' +
    'applicable when the function URL of the template it is for (the same alias, or none) has `AuthType: NONE`: ' +
    'Lambda compares the key with the URL’s own auth type, so no call matches the grant. A PrincipalOrgID that ' +
    "names no organization (`''`, or text that is no id such as `my-org`: AddPermission takes `o-` and 10 to 32 " +
    'lowercase letters or digits) pins nothing that can be known: the deploy may fail on it, or CloudFormation may ' +
    'drop an empty one and grant `*` to every account, so such a grant is unknown, as is one from a parameter no ' +
    "AllowedPattern, AllowedValues or MinLength keeps from `''`. So is one pinned only by an " +
    "empty SourceAccount or SourceArn (`''`), which names no source.",
  risk: 'Anyone (or any AWS account) can invoke the function, run up its cost and exploit any flaw in its input handling with the permissions of its execution role; with other actions than invoke, they can read or change the function.',
  remediation: {
    text: 'Grant the permission to a specific service, account or organization instead of `*`: for a service, set SourceArn (and SourceAccount); for callers in your organization, set PrincipalOrgID. Remove the statement if nobody outside the account needs it.',
    cloudformation:
      'Type: AWS::Lambda::Permission\n' +
      'Properties:\n' +
      '  FunctionName: !GetAtt Fn.Arn\n' +
      '  Action: lambda:InvokeFunction\n' +
      '  Principal: s3.amazonaws.com          # or an account id; not "*"\n' +
      '  SourceAccount: !Ref AWS::AccountId\n' +
      '  SourceArn: !GetAtt Uploads.Arn\n',
    cdk:
      "import * as cdk from 'aws-cdk-lib';\n" +
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      "// a service with SourceArn and SourceAccount, not iam.AnyPrincipal or '*'\n" +
      "fn.addPermission('S3Invoke', {\n" +
      "  principal: new iam.ServicePrincipal('s3.amazonaws.com'),\n" +
      '  sourceAccount: cdk.Stack.of(this).account,\n' +
      '  sourceArn: uploads.bucketArn,\n' +
      '});\n' +
      "// callers in your organization: fn.grantInvoke(new iam.OrganizationPrincipal('o-a1b2c3d4e5'))\n",
    cli:
      'aws lambda remove-permission --function-name <name> --statement-id <sid>\n' +
      'aws lambda add-permission --function-name <name> --statement-id <sid> --action lambda:InvokeFunction ' +
      '--principal <service-or-account> --source-account <account-id> --source-arn <arn>',
    terraform:
      'resource "aws_lambda_permission" "this" {\n' +
      '  action         = "lambda:InvokeFunction"\n' +
      '  function_name  = aws_lambda_function.this.function_name\n' +
      '  principal      = "s3.amazonaws.com"\n' +
      '  source_account = data.aws_caller_identity.current.account_id\n' +
      '  source_arn     = aws_s3_bucket.uploads.arn\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'],
    'pci-dss-4.0': ['7.2.1'],
    hipaa: ['164.312(a)(1)'],
    soc2: ['CC6.1', 'CC6.6'],
    'aws-fsbp': ['Lambda.1'],
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html',
  ],
  evaluate(permission, ctx) {
    // Copies of a nested template each given its own principal or source: each judged (see judgeCopies).
    return judgedPerCopy(permission, PERMISSION_TEXTS, ctx, judgePermission);
  },
});

/** The check on one permission (or one copy of it: see judgeCopies). */
function judgePermission(permission: LambdaPermission, ctx: CheckContext): Outcome {
  const refused = refusedPermission(permission);
  if (refused) return ctx.notApplicable(refused);
  const hits = publicAccess(permission, exposureOptions(ctx, permission));
  const answer = verdict(hits);
  if (answer === 'no') return ctx.pass(`not public: ${notPublicBecause(permission, ctx)}`);
  const onlyServices = serviceOnlyGrant(permission, analyzePrincipal(permission.principal));
  if (onlyServices) {
    return ctx.pass(
      `not public: ${onlyServices.property} admits only calls an AWS service makes for a resource of its own (no other request carries it); ${CONFUSED_DEPUTY_CHECK} judges whose resources`,
    );
  }
  const throughUrl = functionUrlOutcome(permission, answer, ctx);
  if (throughUrl) return throughUrl;
  const hit = hits.find((h) => h.answer === 'yes') ?? hits[0];
  const action = describeValue(permission.action);
  const principal = describeValue(permission.principal);
  if (answer === 'unknown') {
    const restriction = hit?.restriction;
    const doubts = restriction?.answer === 'unknown' ? textDoubts(permission, restriction.by) : [];
    const why =
      restriction?.answer === 'unknown'
        ? unknownConditionsWords(restriction.by, doubts)
        : `Principal ${principal} is not known before deploy${reasonOf(permission.principal)}`;
    return ctx.unknown(`Cannot tell whether anyone can call ${action}: ${why}.`, {
      where: [doubts[0]?.property ?? 'Principal'],
    });
  }
  return ctx.fail(
    `Anyone can call ${action} on the function: Principal is ${principal} and no condition pins the caller${ignoredText(hit)}.`,
    { where: ['Principal'], evidence: { principal, action } },
  );
}

/** A property written as text that pins nothing that can be known, the condition it becomes, and why. */
interface TextDoubt {
  readonly property: string;
  readonly condition: string;
  readonly doubt: string;
}

/**
 * The properties among the unknown conditions `by` whose text pins nothing that can be known: a PrincipalOrgID that
 * names no organization (see organizationIdDoubt), an empty SourceArn or SourceAccount (see emptySourceDoubt).
 */
function textDoubts(permission: LambdaPermission, by: readonly string[]): TextDoubt[] {
  const doubts = [
    {
      property: 'PrincipalOrgID',
      condition: 'StringEquals aws:PrincipalOrgID',
      doubt: organizationIdDoubt('PrincipalOrgID', permission.principalOrgId),
    },
    {
      property: 'SourceArn',
      condition: 'ArnLike AWS:SourceArn',
      doubt: emptySourceDoubt('SourceArn', permission.sourceArn),
    },
    {
      property: 'SourceAccount',
      condition: 'StringEquals AWS:SourceAccount',
      doubt: emptySourceDoubt('SourceAccount', permission.sourceAccount),
    },
  ];
  return doubts.filter((d): d is TextDoubt => d.doubt !== undefined && by.includes(d.condition));
}

/**
 * Why conditions that may pin the caller are not known to: text that pins nothing that can be known (see textDoubts)
 * said as such, the others as values not known before deploy.
 */
function unknownConditionsWords(by: readonly string[], doubts: readonly TextDoubt[]): string {
  const others = by.filter((condition) => !doubts.some((d) => d.condition === condition));
  const notKnown = others.length > 0 ? [`the value of ${others.join(', ')} is not known before deploy`] : [];
  return [...doubts.map((d) => d.doubt), ...notKnown].join('; ');
}

/** A public grant limited to the function URL: covered by the URL check, or its own finding for AWS_IAM. */
function functionUrlOutcome(
  permission: LambdaPermission,
  answer: 'yes' | 'unknown',
  ctx: CheckContext,
): Outcome | undefined {
  const viaUrl = invokedViaFunctionUrl(permission);
  if (isUnknown(viaUrl)) {
    return ctx.unknown(`InvokedViaFunctionUrl is not known before deploy (${viaUrl.reason}).`, {
      where: ['InvokedViaFunctionUrl'],
    });
  }
  if (viaUrl === true) {
    return ctx.notApplicable(
      `holds only for calls through the function URL: its auth type is judged by ${URL_CHECK}, and who may call it by the lambda:InvokeFunctionUrl permission`,
    );
  }
  const authType = permission.functionUrlAuthType;
  if (authType === undefined) return undefined;
  if (isUnknown(authType)) {
    return ctx.unknown(`FunctionUrlAuthType is not known before deploy (${authType.reason}).`, {
      where: ['FunctionUrlAuthType'],
    });
  }
  if (authType === 'AWS_IAM') {
    const urlNone = urlOfNoneAuth(permission, ctx);
    if (urlNone) return urlNone;
    // Signed requests only, but from any account: public to AWS. When the principal is unknown, say so generally.
    if (answer === 'unknown') return undefined;
    return ctx.fail(
      'Any signed-in principal of any AWS account can call the function URL: the permission grants `*` with FunctionUrlAuthType AWS_IAM. Name the accounts, or add PrincipalOrgID.',
      { where: ['Principal'], severity: 'high' },
    );
  }
  if (authType !== 'NONE') return undefined;
  const ref = permission.functionRef;
  const urls = isUnknown(ref) ? [] : ctx.inventory.referencing('lambda.function-url', 'functionRef', ref);
  if (urls.length > 0) {
    return ctx.notApplicable(
      `holds only through a function URL with AuthType NONE; ${URL_CHECK} judges the URL (${urls.map((u) => u.id).join(', ')})`,
    );
  }
  return ctx.unknown(
    'The permission lets anyone call the function through a function URL with AuthType NONE; the function URL is not in this template.',
    { where: ['FunctionUrlAuthType'] },
  );
}

/**
 * A grant conditioned on FunctionUrlAuthType AWS_IAM for a function whose URL of the same qualifier has AuthType
 * NONE: Lambda puts the URL's own auth type in lambda:FunctionUrlAuthType (Lambda guide, "Control access to Lambda
 * function URLs"), and a function has one URL per qualifier (Lambda API: GetFunctionUrlConfig reads the one URL of a
 * function name and Qualifier), so the grant matches no request. Not applicable then
 * (as a NONE grant for an AWS_IAM URL), unknown when that URL's AuthType is not known before deploy; undefined when
 * the template has no such URL deployed wherever the permission is (one made elsewhere may take signed requests).
 */
function urlOfNoneAuth(permission: LambdaPermission, ctx: CheckContext): Outcome | undefined {
  const ref = permission.functionRef;
  if (isUnknown(ref)) return undefined;
  const url = ctx.inventory
    .referencing('lambda.function-url', 'functionRef', ref)
    .find(
      (u) =>
        deployedByDefault(u) &&
        (u.condition === undefined || u.condition === permission.condition) &&
        sameQualifier(invokedQualifier(permission), invokedQualifier(u)) === true,
    );
  if (url === undefined) return undefined;
  if (isUnknown(url.authType)) {
    return ctx.unknown(
      `The permission grants \`*\` with FunctionUrlAuthType AWS_IAM, and the AuthType of the function URL ${url.id} is not known before deploy (${url.authType.reason}): with AWS_IAM, any signed-in principal of any AWS account can call it.`,
      { where: ['FunctionUrlAuthType'], severity: 'high' },
    );
  }
  if (url.authType !== 'NONE') return undefined;
  return ctx.notApplicable(
    `holds only for calls through a function URL with AuthType AWS_IAM, and the function's URL ${url.id} has AuthType NONE: the grant matches no request (${URL_CHECK} judges the URL)`,
  );
}

function notPublicBecause(permission: LambdaPermission, ctx: CheckContext): string {
  const options = exposureOptions(ctx, permission);
  const info = analyzePrincipal(permission.principal, 'untyped', options);
  if (info.kind !== 'public') return `the principal is ${principalWords(permission, info)}`;
  const by = restrictingConditions(permissionStatement(permission), 'public', options).by;
  return `the caller is pinned by ${by.join(', ')}`;
}

/** Why a principal is not known, unless its description already says it (`<depends on condition ...>`). */
function reasonOf(value: LambdaPermission['principal']): string {
  return isUnknown(value) && !describeValue(value).includes(value.reason) ? ` (${value.reason})` : '';
}

function ignoredText(hit: ExposureHit | undefined): string {
  const ignored = hit?.restriction.ignored ?? [];
  if (ignored.length === 0) return '';
  return ` (${ignored.map((i) => `${i.condition} does not restrict: ${i.why}`).join('; ')})`;
}
