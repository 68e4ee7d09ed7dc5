import type { ExposureOptions } from '../../iam/exposure.js';
import { type ExposureHit, LAMBDA_SERVICE_PRINCIPALS, trustedBeyond } from '../../iam/index.js';
import { analyzePrincipal } from '../../iam/principals.js';
import { SELF_ACCOUNT } from '../../iam/templates.js';
import type { Statement } from '../../model/iam.js';
import { writtenItemKey } from '../../model/source.js';
import type { Value } from '../../model/values.js';
import { defineCheck, type Severity } from '../define.js';
import { exposureOptions } from '../lambda/resource-policy.js';
import { otherStackFunctionName, roleUse, userNames, whyMaybe } from './execution-role.js';
import { knownStatements, LEFT_TO_ADMIN_CHECK, statementPlace } from './policy-hits.js';
import { principalArnAccount } from './principal-arn.js';
import { type CallerPin, pinnedWho, trustConditions } from './trust-conditions.js';

/** Everyone, or an account that is neither the scanned one nor a trusted one: high. */
function severityOf(hit: ExposureHit, trusted: readonly string[]): Severity | undefined {
  const { info, negated } = hit.principal;
  if (negated || info.kind === 'public') return 'high';
  if (info.kind === 'account' && info.self !== 'yes' && !trusted.includes(info.account)) return 'high';
  return undefined;
}

/**
 * `*` limited to accounts (aws:PrincipalAccount) or to principals (aws:PrincipalArn) is as severe as those accounts
 * or principals named: high unless each is of the scanned account or a trusted one. An organization is high: no
 * setting says which organizations are yours.
 */
function pinSeverity(pin: CallerPin, options: ExposureOptions): Severity | undefined {
  if (pin.kind === 'organization') return 'high';
  const trusted = options.trustedAccounts ?? [];
  const ours = (value: Value<string>) => {
    const info = analyzePrincipal(value, 'AWS', options);
    return info.kind === 'account' && (info.self === 'yes' || trusted.includes(info.account));
  };
  // An ARN pattern (`arn:aws:iam::123456789012:*`) is not a principal: its account is.
  const accountOf = (value: Value<string>) => {
    const account = principalArnAccount(value);
    if (account === '${AWS::AccountId}') return SELF_ACCOUNT;
    return account !== undefined && /^\d{12}$/.test(account) ? account : value;
  };
  const known = pin.values.every(
    (value) => ours(value) || (pin.kind === 'principal' && ours(accountOf(value))),
  );
  return known ? undefined : 'high';
}

/**
 * `Statement[1].Principal.AWS[0]`: where a principal is written, when its value is not fixed text (a parameter, an
 * `!If` makes it). Its finding is keyed there, not on the account it resolves to: that differs with `-p` and
 * between the cases of a condition, and the finding must not (see WrittenItem). Never like a value key (`AWS:...`).
 */
function placeKey(hit: ExposureHit, statements: readonly Statement[] | undefined): string | undefined {
  const { place, type, negated } = hit.principal;
  if (hit.statement === undefined) return undefined;
  const block = negated ? 'NotPrincipal' : 'Principal';
  return writtenItemKey(place, `${statementPlace(hit.statement, statements)}.${block}.${type}`);
}

/** Who the hit's principal is, in words; `own`: the account the stack deploys to, where its input names it. */
function whoText(hit: ExposureHit, own?: string): string {
  const { info, negated } = hit.principal;
  const value = hit.value ?? 'a principal';
  if (negated) return `${value} (a NotPrincipal)`; // the value reads `everyone but ...`
  switch (info.kind) {
    case 'public':
      return `anyone (${value})`;
    case 'account':
      if (info.self === 'yes') return `${value} (this account)`;
      return info.self === 'no' && own !== undefined
        ? `account ${info.account} (${value}; the stack deploys to ${own})`
        : `account ${info.account} (${value})`;
    case 'service':
      return `the service ${value}`;
    case 'federated':
      return `federated identities of ${value}`;
    default:
      return value;
  }
}

export default defineCheck({
  id: 'iam.role-trust-beyond-lambda',
  title: 'Lambda execution role can be assumed by principals other than Lambda',
  severity: 'medium',
  resource: 'iam.role',
  description:
    'Reads the trust policy (AssumeRolePolicyDocument) of every role a function of the template runs as, or a ' +
    'function of another stack scanned with it (a nested stack given the role\u2019s ARN, a stack importing its ' +
    'export), and reports each principal other than `lambda.amazonaws.com` and `edgelambda.amazonaws.com` (as ' +
    'each partition spells them: `lambda.amazonaws.com.cn` in China, `lambda.c2s.ic.gov` in aws-iso) that ' +
    'may assume it (sts:AssumeRole, AssumeRoleWithWebIdentity or AssumeRoleWithSAML): another service, a role, ' +
    'user or account, a federated identity provider, or everyone. Roles no function of the scanned stacks uses ' +
    'are not evaluated.',
  details:
    'The severity is high when the principal is everyone (`*`) or an account other than the ' +
    'scanned one and the trusted accounts of the settings; a literal account id counts as another account ' +
    'unless it is trusted in the settings, because a template does not say where it is deployed; but where a CDK ' +
    "manifest (cdk.out's manifest.json) names the account the stack deploys to, that account's id " +
    '(`arn:aws:iam::123456789012:root`, `123456789012`, or in `aws:PrincipalAccount`) is the stack\u2019s own, as ' +
    '`${AWS::AccountId}` is (medium: no cross-account trust, though any principal of the account its IAM policies ' +
    'let may assume the role), and any other is another account, which the finding names beside it; a Deny ' +
    'naming `${AWS::AccountId}` then covers that id, and one naming the id covers `${AWS::AccountId}`. A principal ' +
    'not known before deploy gives `unknown`, and so does a role that functions of another scanned stack only ' +
    'may run as (they import an export that more than one scanned stack makes, this role among them). ' +
    '`*` limited by a fixed `aws:PrincipalOrgID` or `aws:PrincipalAccount` condition (StringEquals or StringLike ' +
    'without a wildcard) is read as the principals of that organization or account: still beyond Lambda, at the ' +
    'severity of a named account (high for an organization, which no setting marks as yours; for an account, high ' +
    'unless it is the scanned or a trusted one). A fixed `aws:PrincipalArn` (StringEquals, or ArnEquals/ArnLike ' +
    'without a wildcard) is read as those principals (`role ci-deployer of the account the stack is deployed to`), ' +
    'an ARN pattern whose account is written (`arn:aws:iam::123456789012:role/ci-*`) as that account\u2019s ' +
    'matching principals, both at the severity of their account. A wildcard, a negated operator or ' +
    '`...IfExists` leaves it `*`. An ' +
    '`sts:ExternalId` condition is named in the finding and keeps the severity of the account: it guards a third ' +
    'party against the confused deputy, it does not narrow who is trusted. ' +
    'A `Deny` of the trust policy overrides its Allows (IAM "Policy evaluation logic"): a principal is not ' +
    'reported when a Deny without conditions covers it (its Principal, `*` or its account) on every assume ' +
    'action the Allow grants; it is `unknown` when such a Deny may (a principal ' +
    'not known before deploy, or `${AWS::AccountId}` beside a literal account id, which may be the account deployed ' +
    'to where no CDK manifest names it). A Deny with conditions takes nothing back for certain: the Allow still holds where ' +
    'they do not match. IAM refuses a NotPrincipal in a trust policy, and a statement without Principal ' +
    '(IAM User Guide, "AWS JSON policy elements: NotPrincipal" and "...: Principal"): the stack fails to deploy, ' +
    'a scan error names the statement, and the check is `unknown` for the role.',
  risk: 'Whoever else can assume the role gets the function permissions without going through the function: a shared role between Lambda and EC2 or CI turns any compromise of those into access to the function data, and a trust to another account or to `*` lets outsiders in.',
  remediation: {
    text: 'Trust only lambda.amazonaws.com in the execution role of a function (edgelambda.amazonaws.com too for Lambda@Edge). Give other services, pipelines and people roles of their own; for a deliberate cross-account trust, name the role ARN and require sts:ExternalId or aws:PrincipalOrgID.',
    cloudformation:
      'AssumeRolePolicyDocument:\n' +
      '  Version: "2012-10-17"\n' +
      '  Statement:\n' +
      '    - Effect: Allow\n' +
      '      Principal: { Service: lambda.amazonaws.com }\n' +
      '      Action: sts:AssumeRole\n',
    cdk:
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      '// lambda.amazonaws.com only, not a CompositePrincipal with other services, accounts or roles\n' +
      '// (or leave role: out of the lambda.Function, and CDK creates one that trusts only Lambda)\n' +
      "const fnRole = new iam.Role(this, 'FnRole', {\n" +
      "  assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),\n" +
      "  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],\n" +
      '});\n',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://lambda-trust.json',
    terraform:
      'data "aws_iam_policy_document" "assume" {\n' +
      '  statement {\n' +
      '    actions = ["sts:AssumeRole"]\n' +
      '    principals {\n' +
      '      type        = "Service"\n' +
      '      identifiers = ["lambda.amazonaws.com"]\n' +
      '    }\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-6'],
    'pci-dss-4.0': ['7.2.1', '7.2.5'],
    hipaa: ['164.312(a)(1)'],
    soc2: ['CC6.1', 'CC6.3'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  evaluate(role, ctx) {
    const use = roleUse(ctx.inventory, role);
    const users = userNames(use);
    const maybe = use.possibleInOtherStacks.map(otherStackFunctionName);
    if (users.length === 0 && maybe.length === 0)
      return ctx.notApplicable(
        'no function of the template, or of a stack scanned with it, runs as this role',
      );
    if (role.external) return ctx.notApplicable(LEFT_TO_ADMIN_CHECK);
    const trusted = ctx.settings.trustedAccounts;
    // With the account the stack deploys to where its input names it (a CDK manifest), as the Lambda permission
    // checks read a function's policy: a literal account id is then this account or another, where without it, it
    // may be either; and a Deny naming `${AWS::AccountId}` covers that account's literal id.
    const options = exposureOptions(ctx, role);
    const own = options.selfAccount;
    const hits = trustedBeyond(role.assumeRolePolicy, LAMBDA_SERVICE_PRINCIPALS, options);
    if (hits.length === 0) return ctx.pass('only Lambda can assume the role');
    const certain = hits.filter((hit) => hit.answer === 'yes');
    const reported = certain.length > 0 ? certain : hits;
    // One finding per principal (a principal listed in two statements is one finding, on the first).
    const seen = new Set<string>();
    const statements = knownStatements(role.assumeRolePolicy);
    return reported.flatMap((hit) => {
      const read =
        hit.statement && !hit.principal.negated ? trustConditions(hit.statement, options) : undefined;
      const pin = hit.principal.info.kind === 'public' ? read?.pin : undefined;
      // `*` pinned to an organization in one statement and `*` alone in another are two principals: anyone, and
      // that organization's. Neither hides the other.
      const pinned = pin === undefined ? '' : `:${pinnedWho(pin)}`;
      const principal = `${hit.principal.type}:${hit.value ?? ''}${pinned}`;
      if (seen.has(principal)) return [];
      seen.add(principal);
      const key = placeKey(hit, statements) ?? principal;
      const where = hit.source ? { where: hit.source } : {};
      // Only functions importing an export that several scanned stacks make may run as it: which role they get
      // depends on where they deploy.
      if (users.length === 0) {
        const mayUse = `${maybe.join(', ')} may run as the role (${whyMaybe(maybe.length)})`;
        return [
          ctx.unknown(
            hit.answer === 'unknown'
              ? `${mayUse}; who may assume it cannot be told: ${hit.reason}.`
              : `${mayUse}; if so, besides Lambda, ${whoText(hit, own)} can assume it and act with its permissions.`,
            { key, ...where },
          ),
        ];
      }
      if (hit.answer === 'unknown') {
        return [
          ctx.unknown(`Cannot tell who may assume the role of ${users.join(', ')}: ${hit.reason}.`, {
            key,
            ...where,
          }),
        ];
      }
      const restricted =
        hit.restriction.by.length > 0 ? ` (restricted by ${hit.restriction.by.join(', ')})` : '';
      const weighed = read !== undefined && (pin !== undefined || read.externalId);
      const mayNarrow = read === undefined ? hit.conditions === 'yes' : read.others > 0;
      const conditions =
        restricted === '' && mayNarrow ? ` (its ${weighed ? 'other ' : ''}conditions may narrow this)` : '';
      const externalId = read?.externalId
        ? ' when it passes the sts:ExternalId the trust policy requires'
        : '';
      const who = pin ? `${pinnedWho(pin)} (${hit.value} limited by ${pin.key})` : whoText(hit, own);
      const severity = pin ? pinSeverity(pin, options) : severityOf(hit, trusted);
      return [
        ctx.fail(
          `Besides Lambda, ${who} can assume the execution role of ${users.join(', ')}${externalId}${restricted}${conditions}, and act with its permissions.`,
          { key, ...where, ...(severity ? { severity } : {}) },
        ),
      ];
    });
  },
});
