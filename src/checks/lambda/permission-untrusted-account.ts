import { crossAccountAccess } from '../../iam/exposure.js';
import { verdict } from '../../iam/hits.js';
import { analyzePrincipal, type PrincipalInfo } from '../../iam/principals.js';
import { describeValue } from '../../iam/templates.js';
import type { LambdaPermission } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';
import { exposureOptions, PERMISSION_TEXTS, readPermission } from './resource-policy.js';
import { serviceOnlyGrant } from './service-only.js';
import { accountPins } from './source-account.js';

export default defineCheck({
  id: 'lambda.permission-untrusted-account',
  title: 'Lambda permission grants an account that is not trusted',
  severity: 'high',
  resource: 'lambda.permission',
  description:
    'Fails an `AWS::Lambda::Permission` whose principal is another AWS account (an account id, ' +
    '`arn:aws:iam::<account>:root`, or one of its roles or users) that is not in `trustedAccounts` ' +
    '(parapet.yaml). The account the function lives in is never cross-account: `${AWS::AccountId}` passes, and ' +
    'so does the account of a live scan. A literal account id in a template may be the account it is deployed ' +
    'to, which the template does not say: that is unknown until the account is listed in `trustedAccounts`, ' +
    'unless the CDK cloud assembly’s manifest.json names the account the stack deploys to ' +
    '(`"environment": "aws://ACCOUNT/REGION"`; a nested stack is in its parent’s): then that account passes and ' +
    'any other fails.',
  details:
    'A service principal (events.amazonaws.com, s3.amazonaws.com, ...) acts for whoever owns the rule, topic or ' +
    'bucket that invokes: the account its permission is pinned to, by `SourceAccount` or the account field of ' +
    '`SourceArn`, is judged the same way, since every such resource of that account can invoke the function. ' +
    'An S3 bucket ARN holds no account: there only `SourceAccount` tells. A `SourceArn` that is a resource of the ' +
    'template is in its account and passes; with both properties a call must match both, so one pin to the ' +
    'function’s account or a trusted one passes. A service pinned to no account is left to ' +
    '`lambda.permission-confused-deputy`. A permission for `*` with SourceArn or SourceAccount (and no ' +
    'PrincipalOrgID) is judged as a service permission: those keys are in a request only when an AWS service ' +
    'calls for a resource, so only the services of the account it is pinned to can use it.',
  risk: 'Principals in another account can invoke (or otherwise use) the function; if that account is compromised or no longer yours, so is the function.',
  remediation: {
    text: 'Remove the permission if the account no longer needs it, or list the account in trustedAccounts (parapet.yaml) if you trust it. Prefer PrincipalOrgID to granting accounts one by one.',
    cloudformation:
      'Type: AWS::Lambda::Permission\n' +
      'Properties:\n' +
      '  FunctionName: !GetAtt Fn.Arn\n' +
      '  Action: lambda:InvokeFunction\n' +
      '  Principal: "*"\n' +
      '  PrincipalOrgID: o-a1b2c3d4e5        # every account of your organization, and no other\n',
    cdk:
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      '// every account of your organization, and no other, instead of an account you do not trust\n' +
      '// (remove the fn.addPermission or fn.grantInvoke that names that account)\n' +
      "fn.grantInvoke(new iam.OrganizationPrincipal('o-a1b2c3d4e5'));\n",
    cli: 'aws lambda remove-permission --function-name <name> --statement-id <sid>',
    terraform:
      'resource "aws_lambda_permission" "org" {\n' +
      '  action           = "lambda:InvokeFunction"\n' +
      '  function_name    = aws_lambda_function.this.function_name\n' +
      '  principal        = "*"\n' +
      '  principal_org_id = "o-a1b2c3d4e5"\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-21'],
    soc2: ['CC6.1'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
  ],
  evaluate(permission, ctx) {
    // Copies of a nested template each given its own principal or source: each judged (see judgeCopies).
    return judgedPerCopy(permission, PERMISSION_TEXTS, ctx, judgePermission);
  },
});

/** What of an account a principal names, as the pass tells it: `arn:aws:iam::<account>:role/x` is a role in it. */
const ENTITY_WORDS: Readonly<Record<Extract<PrincipalInfo, { kind: 'account' }>['entity'], string>> = {
  root: '',
  role: 'a role in ',
  user: 'a user in ',
  'assumed-role': 'an assumed-role session in ',
  'federated-user': 'a federated user in ',
  other: 'a principal in ',
};

/** The check on one permission (or one copy of it: see judgeCopies). */
function judgePermission(permission: LambdaPermission, ctx: CheckContext): Outcome {
  const read = readPermission(permission, ctx);
  if ('refused' in read) return read.refused;
  const { options, principal: info } = read;
  if (info.kind === 'service') {
    const service = info.principal;
    return judgeServicePins(
      permission,
      { principal: service, subject: service, actor: service, only: '' },
      ctx,
    );
  }
  // `*` with SourceArn or SourceAccount: only AWS services carry those keys, so it is their grant (see service-only.ts).
  const onlyServices = serviceOnlyGrant(permission, info);
  if (onlyServices) {
    const principal = describeValue(permission.principal);
    const only = ` (only AWS services send ${onlyServices.property}: no one else can use the grant)`;
    return judgeServicePins(
      permission,
      { principal, subject: `Principal ${principal}`, actor: onlyServices.caller, only },
      ctx,
    );
  }
  if (info.kind !== 'account' && info.kind !== 'unknown') {
    return ctx.notApplicable('the principal is not an AWS account');
  }
  const hits = crossAccountAccess(permission, options);
  const answer = verdict(hits);
  const principal = describeValue(permission.principal);
  if (answer === 'no') {
    return ctx.pass(
      info.kind === 'account' && info.self === 'yes'
        ? `the principal is ${ENTITY_WORDS[info.entity]}the account the function is deployed to`
        : `${principal} is a trusted account`,
    );
  }
  const reason = hits[0]?.reason ?? '';
  if (answer === 'unknown') {
    const message =
      info.kind === 'account'
        ? `Account ${info.account} is not in trustedAccounts, and the template does not say whether it is the account it is deployed to. If it is, or if you trust it, add it to trustedAccounts in parapet.yaml.`
        : // The reason names the principal and why it is not known: said once, not again before it.
          `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
    return ctx.unknown(message, { where: ['Principal'] });
  }
  return ctx.fail(`The permission grants ${principal}: ${reason}.`, {
    where: ['Principal'],
    evidence: { principal, ...(info.kind === 'account' ? { account: info.account } : {}) },
  });
}

/**
 * Who a service grant admits, for the messages: `subject` is what the pins pin (the service principal, or
 * `Principal *`), `actor` who invokes for a resource of the account, `only` what a fail adds (why `*` is a
 * service's grant).
 */
interface ServiceCaller {
  /** The principal as written, for the evidence. */
  readonly principal: string;
  readonly subject: string;
  readonly actor: string;
  readonly only: string;
}

/**
 * A service permission pinned to an account (SourceAccount, or the account field of SourceArn) lets every
 * resource of that account of the service invoke the function: any rule of the account for events.amazonaws.com,
 * any bucket for s3.amazonaws.com. With both, a call must match both: one pin to a trusted account is enough.
 */
function judgeServicePins(permission: LambdaPermission, caller: ServiceCaller, ctx: CheckContext): Outcome {
  const service = caller.subject;
  const options = exposureOptions(ctx, permission);
  const trusted = ctx.settings.trustedAccounts;
  const pins = accountPins(permission, options).flatMap((pin) => {
    const info = isUnknown(pin.account) ? undefined : analyzePrincipal(pin.account, 'AWS', options);
    return info === undefined || info.kind === 'account' ? [{ ...pin, info }] : [];
  });
  if (pins.length === 0) {
    return ctx.notApplicable(
      `${caller.only === '' ? 'the service permission' : `the grant to ${caller.principal}`} is pinned to no account (lambda.permission-confused-deputy judges that)`,
    );
  }
  const isTrusted = (info: (typeof pins)[number]['info']) =>
    info?.kind === 'account' && (info.self === 'yes' || trusted.includes(info.account));
  const own = pins.find((pin) => isTrusted(pin.info));
  if (own?.info?.kind === 'account') {
    return ctx.pass(
      own.info.self === 'yes'
        ? `${own.property} pins ${service} to the account the function is deployed to`
        : `${own.property} pins ${service} to the trusted account ${own.info.account}`,
      { where: [own.property] },
    );
  }
  const notKnown = pins.find((pin) => pin.info === undefined);
  if (notKnown !== undefined && isUnknown(notKnown.account)) {
    return ctx.unknown(
      `Cannot tell which account ${service} is pinned to: ${notKnown.property} is not known before deploy (${notKnown.account.reason}).`,
      { where: [notKnown.property] },
    );
  }
  const maybeOwn = pins.find((pin) => pin.info?.kind === 'account' && pin.info.self === 'unknown');
  if (maybeOwn?.info?.kind === 'account') {
    const account = maybeOwn.info.account;
    return ctx.unknown(
      `${maybeOwn.property} pins ${service} to account ${account}, which is not in trustedAccounts, and the template does not say whether it is the account it is deployed to. If it is, or if you trust it, add it to trustedAccounts in parapet.yaml.`,
      { where: [maybeOwn.property] },
    );
  }
  const pin = pins[0] as (typeof pins)[number];
  const account = pin.info?.kind === 'account' ? pin.info.account : '';
  return ctx.fail(
    `${pin.property} ${pin.written} pins ${service} to account ${account}, which is neither the function's account nor a trusted one: any resource of that account can have ${caller.actor} invoke the function${caller.only}.`,
    { where: [pin.property], evidence: { principal: caller.principal, account } },
  );
}
