import type { PolicyDocument, Statement } from '../model/iam.js';
import type { LambdaPermission, LayerVersionPermission } from '../model/lambda.js';
import {
  certainlyNonEmpty,
  isUnknown,
  nonEmptyParameter,
  type Unknown,
  unknown,
  type Value,
} from '../model/values.js';
import { type Restriction, restrictingConditions } from './conditions.js';
import { denyStatements } from './denies.js';
import { type HitOptions, type PolicyHit, statementHit, type Visit, visitStatements } from './hits.js';
import {
  analyzePrincipal,
  isPublicPrincipal,
  isServicePrincipal,
  type PrincipalEntry,
  principalEntries,
  servicePrincipalName,
} from './principals.js';
import { coversAction, isAllow } from './statements.js';
import { type AnalysisOptions, describeValue } from './templates.js';
import { allOf, anyOfEach, not, type Tri } from './tri.js';
import { trustDenyOutcome } from './trust-denies.js';

/** A resource-based policy, one of its statements, or a Lambda function / layer permission. */
export type ResourcePolicyTarget =
  | Value<PolicyDocument>
  | Statement
  | LambdaPermission
  | LayerVersionPermission;

export interface ExposureOptions extends HitOptions {
  /** Accounts trusted as principals besides the scanned one (settings.trustedAccounts). */
  readonly trustedAccounts?: readonly string[];
}

export interface ExposureHit extends PolicyHit {
  readonly kind: 'public' | 'confused-deputy' | 'cross-account' | 'assume-role';
  readonly principal: PrincipalEntry;
  /** What the conditions restrict; for cross-account hits, informative only. */
  readonly restriction: Restriction;
}

/** The statement an `AWS::Lambda::Permission` adds to the function's policy, with the conditions Lambda writes. */
export function permissionStatement(permission: LambdaPermission): Statement {
  const stringEquals: Record<string, Value<readonly Value<string>[]>> = {};
  const arnLike: Record<string, Value<readonly Value<string>[]>> = {};
  if (permission.sourceAccount !== undefined) {
    stringEquals['AWS:SourceAccount'] = [conditionSource('SourceAccount', permission.sourceAccount)];
  }
  if (permission.principalOrgId !== undefined) {
    stringEquals['aws:PrincipalOrgID'] = [
      conditionOrganizationId('PrincipalOrgID', permission.principalOrgId),
    ];
  }
  if (permission.functionUrlAuthType !== undefined) {
    stringEquals['lambda:FunctionUrlAuthType'] = [permission.functionUrlAuthType];
  }
  if (permission.eventSourceToken !== undefined) {
    stringEquals['lambda:EventSourceToken'] = [permission.eventSourceToken];
  }
  if (permission.sourceArn !== undefined) {
    arnLike['AWS:SourceArn'] = [conditionSource('SourceArn', permission.sourceArn)];
  }
  const conditions: Record<string, Record<string, Value<readonly Value<string>[]>>> = {};
  if (Object.keys(stringEquals).length > 0) conditions.StringEquals = stringEquals;
  if (Object.keys(arnLike).length > 0) conditions.ArnLike = arnLike;
  const viaUrl = permission.invokedViaFunctionUrl;
  if (viaUrl !== undefined)
    conditions.Bool = { 'lambda:InvokedViaFunctionUrl': [isUnknown(viaUrl) ? viaUrl : String(viaUrl)] };
  // A live statement may carry more conditions than the fields above: they all apply.
  for (const statement of liveStatements(permission.policy)) {
    if (statement.conditions === undefined) continue;
    if (isUnknown(statement.conditions)) {
      return untypedStatement(permission, permission.principal, statement.conditions);
    }
    for (const [operator, keys] of Object.entries(statement.conditions)) {
      conditions[operator] = { ...(conditions[operator] ?? {}), ...keys };
    }
  }
  return untypedStatement(permission, permission.principal, conditions);
}

/**
 * An organization id as AddPermission (PrincipalOrgID) and AddLayerVersionPermission (OrganizationId) take it: the
 * CloudFormation schemas of AWS::Lambda::Permission and AWS::Lambda::LayerVersionPermission give this pattern.
 */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * Why an organization id written as text limits nothing that can be known; undefined for an id, for a value not
 * known before deploy and for none. `''` names no organization: either CloudFormation rejects it and the deploy fails,
 * or the empty property is dropped and Principal `*` grants to every AWS account; which one, the template does not
 * say. Other text that is no id (`my-org`, `O-A1B2C3D4E5`) the API refuses, so the deploy may fail on it; no caller
 * that it would pin can be known.
 */
export function organizationIdDoubt(
  property: 'PrincipalOrgID' | 'OrganizationId',
  value: Value<string | undefined>,
): string | undefined {
  const grant = property === 'PrincipalOrgID' ? 'grant the function to' : 'share the layer with';
  if (isUnknown(value)) {
    const parameter = mayBeEmptyParameter(value);
    if (parameter === undefined) return undefined;
    return `its ${property} is parameter ${parameter}, which a deploy may give as '' (no AllowedPattern, AllowedValues or MinLength keeps an empty value out): CloudFormation may then drop it and ${grant} every AWS account`;
  }
  if (typeof value !== 'string' || ORGANIZATION_ID.test(value)) return undefined;
  if (value === '') {
    return `its ${property} is empty, which names no organization (an id is o- and 10 to 32 lowercase letters or digits): the deploy may fail on it, or CloudFormation may drop it and ${grant} every AWS account`;
  }
  return `its ${property} ${value} is not an organization id (o- and 10 to 32 lowercase letters or digits), so it pins no caller that can be known: the deploy may fail on it`;
}

/**
 * Why an empty SourceAccount or SourceArn pins nothing that can be known; undefined for any other value. AddPermission
 * takes a 12-digit account and an ARN there: `''` names no source. Either the deploy fails on it, or CloudFormation
 * drops the empty property and Principal `*` grants the function to every AWS account; the template does not say
 * which (as for an empty PrincipalOrgID: see organizationIdDoubt).
 */
export function emptySourceDoubt(
  property: 'SourceAccount' | 'SourceArn',
  value: Value<string | undefined>,
): string | undefined {
  if (value !== '') return undefined;
  const names = property === 'SourceAccount' ? 'no account' : 'no resource';
  return `its ${property} is empty, which names ${names}: the deploy may fail on it, or CloudFormation may drop it and grant the function to every AWS account`;
}

/** The first empty SourceArn or SourceAccount of a permission (see emptySourceDoubt), with why it pins nothing. */
export function emptySource(
  permission: Pick<LambdaPermission, 'sourceAccount' | 'sourceArn'>,
): { property: 'SourceAccount' | 'SourceArn'; doubt: string } | undefined {
  for (const [property, value] of [
    ['SourceArn', permission.sourceArn],
    ['SourceAccount', permission.sourceAccount],
  ] as const) {
    const doubt = emptySourceDoubt(property, value);
    if (doubt !== undefined) return { property, doubt };
  }
  return undefined;
}

/** A source as the AWS:SourceAccount / AWS:SourceArn condition reads it: unknown when it is empty. */
function conditionSource(property: 'SourceAccount' | 'SourceArn', value: Value<string>): Value<string> {
  const doubt = emptySourceDoubt(property, value);
  return doubt === undefined ? value : unknown(doubt);
}

/**
 * The parameter a value not known before deploy wholly is (`${Org}`), when a deploy may give it as '': no constraint
 * of it refuses the empty text (see nonEmptyParameter) and it is none of values that are all non-empty (see
 * certainlyNonEmpty). Undefined for anything else: a resource's attribute, an import (an export is never empty),
 * a pseudo parameter, text with literal parts.
 */
function mayBeEmptyParameter(value: Unknown): string | undefined {
  const name = WHOLE_PARAMETER.exec(value.template ?? '')?.[1];
  if (name === undefined || name.startsWith('AWS::') || value.resources !== undefined) return undefined;
  if (certainlyNonEmpty(value) || nonEmptyParameter(value) !== undefined) return undefined;
  return name;
}

/** A template that is one `${Name}` of a parameter (no `.Attribute`). */
const WHOLE_PARAMETER = /^\$\{([A-Za-z0-9:]+)\}$/;

/**
 * The organization id as the aws:PrincipalOrgID condition of a statement reads it: unknown when it names none. The
 * Unknown is made anew, without the value's template (`${Org}`): an exact condition reads a templated value as one
 * that pins the caller (restricts in conditions.ts), which would pass a grant the doubt is about. The doubt itself
 * names the parameter.
 */
function conditionOrganizationId(
  property: 'PrincipalOrgID' | 'OrganizationId',
  value: Value<string>,
): Value<string> {
  const doubt = organizationIdDoubt(property, value);
  return doubt === undefined ? value : unknown(doubt);
}

/** The statement an `AWS::Lambda::LayerVersionPermission` adds (an OrganizationId becomes aws:PrincipalOrgID). */
export function layerPermissionStatement(permission: LayerVersionPermission): Statement {
  const org = permission.organizationId;
  return untypedStatement(
    permission,
    permission.principal,
    org === undefined
      ? undefined
      : { StringEquals: { 'aws:PrincipalOrgID': [conditionOrganizationId('OrganizationId', org)] } },
  );
}

function liveStatements(policy: PolicyDocument | undefined): readonly Statement[] {
  if (policy === undefined || isUnknown(policy.statements)) return [];
  return policy.statements;
}

// The principal of a permission is one string whose type Lambda infers. When the value does not show
// its type (a parameter), the statement carries it untyped, beside the Principal block, under this key.
const UNTYPED = Symbol('untyped principal');

interface UntypedStatement extends Statement {
  readonly [UNTYPED]?: Value<string>;
}

function untypedStatement(
  permission: LambdaPermission | LayerVersionPermission,
  principal: Value<string>,
  conditions: Statement['conditions'],
): UntypedStatement {
  const info = analyzePrincipal(principal);
  const principals =
    info.kind === 'service'
      ? { Service: [principal] }
      : info.kind === 'public' || info.kind === 'account'
        ? { AWS: [principal] }
        : undefined;
  return {
    effect: 'Allow',
    actions: [permission.action],
    ...(principals ? { principals } : { [UNTYPED]: principal }),
    ...(conditions === undefined ? {} : { conditions }),
    source: permission.source,
  };
}

function entriesOf(statement: UntypedStatement, options: AnalysisOptions): Value<readonly PrincipalEntry[]> {
  const untyped = statement[UNTYPED];
  if (untyped !== undefined) {
    return [{ type: 'untyped', value: untyped, info: analyzePrincipal(untyped, 'untyped', options) }];
  }
  return principalEntries(statement, options);
}

function isPermission(target: ResourcePolicyTarget): target is LambdaPermission | LayerVersionPermission {
  return (
    !isUnknown(target) &&
    'kind' in target &&
    (target.kind === 'lambda.permission' || target.kind === 'lambda.layer-permission')
  );
}

function isStatement(target: ResourcePolicyTarget): target is Statement {
  return !isUnknown(target) && 'effect' in target;
}

/** Visits the Allow-able statements of a target; returns `unknown` hits for what cannot be read. */
function visitTarget(
  target: ResourcePolicyTarget,
  options: HitOptions,
  visit: (v: Visit) => void,
): PolicyHit[] {
  if (isPermission(target)) {
    visit({
      statement:
        target.kind === 'lambda.permission' ? permissionStatement(target) : layerPermissionStatement(target),
    });
    return [];
  }
  if (isStatement(target)) {
    visit({ statement: target });
    return [];
  }
  return visitStatements(target, options, visit);
}

function unknownPrincipal(reason: string): PrincipalEntry {
  return { type: 'untyped', value: unknown(reason), info: { kind: 'unknown', reason } };
}

function principalText(entry: PrincipalEntry): string {
  const text = describeValue(entry.value);
  return entry.negated ? `everyone but ${text}` : text;
}

/** ` (why)` a principal is not known, unless its text already says it (`<from parameter P, ...>`). */
function whyNotKnown(principal: PrincipalEntry, reason: string): string {
  return principalText(principal).includes(reason) ? '' : ` (${reason})`;
}

interface Judgement {
  readonly answer: Tri;
  readonly reason: string;
  readonly restriction: Restriction;
}

type Judge = (principal: PrincipalEntry, statement: Statement) => Judgement | undefined;

/** Judges every principal of every Allow statement (whose actions pass `actions`, when given). */
function scan(
  target: ResourcePolicyTarget,
  kind: ExposureHit['kind'],
  options: ExposureOptions,
  judge: Judge,
  actions?: (statement: Statement) => Tri,
): ExposureHit[] {
  const hits: ExposureHit[] = [];
  const unseen = visitTarget(target, options, (visit) => {
    const { statement } = visit;
    const allow = isAllow(statement);
    if (allow === 'no') return;
    const acts = actions ? actions(statement) : 'yes';
    if (acts === 'no') return;
    const entries = entriesOf(statement, options);
    const list = isUnknown(entries)
      ? [unknownPrincipal(`principal not known before deploy (${entries.reason})`)]
      : entries;
    for (const principal of list) {
      const judged = judge(principal, statement);
      if (judged === undefined) continue;
      const hit = statementHit(visit, [allow, acts, judged.answer], {
        reason: judged.reason,
        value: principalText(principal),
      });
      if (hit) hits.push({ ...hit, kind, principal, restriction: judged.restriction });
    }
  });
  // Nearly always nothing is unseen: the hits are then the answer as they are.
  if (unseen.length === 0) return hits;
  const none: Restriction = { answer: 'no', by: [], ignored: [] };
  return [
    ...unseen.map((hit) => ({ ...hit, kind, principal: unknownPrincipal(hit.reason), restriction: none })),
    ...hits,
  ];
}

/**
 * Statements that let anyone in: a `*` principal (or `{AWS: "*"}`, or an Allow with NotPrincipal)
 * whose conditions do not pin the caller (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, ...;
 * every condition is evaluated, so `lambda:FunctionUrlAuthType` or a wildcard value does not count).
 */
export function publicAccess(target: ResourcePolicyTarget, options: ExposureOptions = {}): ExposureHit[] {
  return scan(target, 'public', options, (principal, statement) => {
    const isPublic = isPublicPrincipal(principal, options);
    if (isPublic === 'no') return undefined;
    const restriction = restrictingConditions(statement, 'public', options);
    const unless = restriction.answer === 'unknown' ? ', unless its conditions restrict the caller' : '';
    return {
      answer: allOf([isPublic, not(restriction.answer)]),
      reason: `anyone (${principalText(principal)}) is allowed${unless}`,
      restriction,
    };
  });
}

/**
 * Statements that let an AWS service principal act without aws:SourceArn / aws:SourceAccount (or
 * another source condition): any customer's bucket, topic or rule could then trigger the resource
 * (the confused deputy problem).
 */
export function confusedDeputyAccess(
  target: ResourcePolicyTarget,
  options: ExposureOptions = {},
): ExposureHit[] {
  return scan(target, 'confused-deputy', options, (principal, statement) => {
    const isService = isServicePrincipal(principal);
    if (isService === 'no') return undefined;
    const restriction = restrictingConditions(statement, 'confused-deputy', options);
    return {
      answer: allOf([isService, not(restriction.answer)]),
      reason: `service principal ${principalText(principal)} is allowed without a source condition (aws:SourceArn or aws:SourceAccount)`,
      restriction,
    };
  });
}

/**
 * Statements granting an account other than the scanned one and the trusted ones (an account id, its
 * root, one of its roles or users). Without a known scanned account, a literal account id is `unknown`:
 * it may be the account the template is deployed to. Conditions are reported, not applied.
 */
export function crossAccountAccess(
  target: ResourcePolicyTarget,
  options: ExposureOptions = {},
): ExposureHit[] {
  const trusted = new Set(options.trustedAccounts ?? []);
  return scan(target, 'cross-account', options, (principal, statement) => {
    const info = principal.info;
    if (principal.negated) return undefined;
    const restriction = () => restrictingConditions(statement, 'public', options);
    if (info.kind === 'unknown') {
      const could =
        isServicePrincipal(principal) === 'no' || principal.type === 'untyped' || principal.type === 'AWS';
      if (!could) return undefined;
      return {
        answer: 'unknown',
        reason: `principal ${principalText(principal)} may be another account${whyNotKnown(principal, info.reason)}`,
        restriction: restriction(),
      };
    }
    if (info.kind !== 'account' || info.self === 'yes' || trusted.has(info.account)) return undefined;
    const answer: Tri = info.self === 'no' ? 'yes' : 'unknown';
    const why =
      answer === 'unknown'
        ? ' (it may be the account the template is deployed to: trust it in the settings if so)'
        : '';
    // Known to be another (options.selfAccount: a live scan's, or the one a CDK manifest names): say which is its own.
    const reason =
      answer === 'yes' && options.selfAccount !== undefined
        ? `account ${info.account} is neither the account the resource is deployed to (${options.selfAccount}) nor a trusted account`
        : `account ${info.account} is not a trusted account${why}`;
    return {
      answer,
      reason,
      restriction: restriction(),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Trust policies

/** The service principals a Lambda execution role needs to trust. */
export const LAMBDA_SERVICE_PRINCIPALS: readonly string[] = [
  'lambda.amazonaws.com',
  'edgelambda.amazonaws.com',
];

// The names of LAMBDA_SERVICE_PRINCIPALS, made once rather than for every role's trust policy.
const LAMBDA_SERVICE_NAMES: ReadonlySet<string> = new Set(
  LAMBDA_SERVICE_PRINCIPALS.map(servicePrincipalName),
);

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

/**
 * Principals a trust policy lets assume the role besides the allowed service principals (by default
 * Lambda and Lambda@Edge; each partition's spelling, `lambda.amazonaws.com.cn` or `lambda.c2s.ic.gov`, counts as the
 * same service, see servicePrincipalName): another service, an
 * account, a federated identity, everyone. One a Deny of the policy takes back is none (see trustDenyOutcome);
 * one a Deny may take back is `unknown`.
 */
export function trustedBeyond(
  trustPolicy: Value<PolicyDocument>,
  allowed: readonly string[] = LAMBDA_SERVICE_PRINCIPALS,
  options: ExposureOptions = {},
): ExposureHit[] {
  const allowedNames =
    allowed === LAMBDA_SERVICE_PRINCIPALS ? LAMBDA_SERVICE_NAMES : new Set(allowed.map(servicePrincipalName));
  const denies = denyStatements(trustPolicy, options);
  return scan(
    trustPolicy,
    'assume-role',
    options,
    (principal, statement) => {
      const info = principal.info;
      if (
        !principal.negated &&
        info.kind === 'service' &&
        allowedNames.has(servicePrincipalName(info.principal))
      )
        return undefined;
      const denied =
        denies.length === 0
          ? undefined
          : trustDenyOutcome(denies, statement, principal, ASSUME_ACTIONS, options);
      if (denied?.answer === 'yes') return undefined;
      const doubts = [...new Set(denied?.uncertain?.flatMap((deny) => deny.doubts))];
      const unless =
        denied?.answer === 'unknown' ? `, unless a Deny takes it back (${doubts.join('; ')})` : '';
      return {
        answer: allOf([
          info.kind === 'unknown' ? 'unknown' : 'yes',
          denied?.answer === 'unknown' ? 'unknown' : 'yes',
        ]),
        reason: `${principalText(principal)} can assume the role${unless}`,
        restriction: restrictingConditions(statement, 'confused-deputy', options),
      };
    },
    (statement) => anyOfEach(ASSUME_ACTIONS, (action) => coversAction(statement, action, options)),
  );
}
