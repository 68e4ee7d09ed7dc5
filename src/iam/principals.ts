import type { Statement } from '../model/iam.js';
import { BoundedMemo } from '../model/memo.js';
import type { WrittenItem } from '../model/source.js';
import { isUnknown, type Unknown, type Value } from '../model/values.js';
import { commercialSpelling, SERVICE_SUFFIX_SOURCE } from './partitions.js';
import { type AnalysisOptions, broadTest, instantiate, OPAQUE, SELF_ACCOUNT } from './templates.js';
import type { Tri } from './tri.js';

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/**
 * What a principal is:
 * - `public`: `*` (anyone, any account, unauthenticated callers included);
 * - `service`: an AWS service principal (`s3.amazonaws.com`); `service` is its prefix (`s3`);
 * - `account`: an account (`123456789012`, `arn:aws:iam::123456789012:root`) or one of its roles and users;
 * - `federated`: an identity provider (Cognito, an OIDC or SAML provider);
 * - `canonical-user`: an S3 canonical user id;
 * - `unknown`: not known before deploy (from a parameter, an import);
 * - `other`: anything else (the unique id of a deleted role, an AWS-owned pseudo account, a malformed value).
 */
export type PrincipalInfo =
  | { readonly kind: 'public' }
  | { readonly kind: 'service'; readonly principal: string; readonly service: string }
  | {
      readonly kind: 'account';
      /** The account id, or `SELF_ACCOUNT` for `${AWS::AccountId}`. */
      readonly account: string;
      /** Whether it is the account being scanned (unknown when the template does not say and no account was given). */
      readonly self: Tri;
      readonly entity: 'root' | 'role' | 'user' | 'assumed-role' | 'federated-user' | 'other';
    }
  | { readonly kind: 'federated'; readonly provider: string }
  | { readonly kind: 'canonical-user'; readonly id: string }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'other'; readonly value: string };

/** One principal of a statement (or of an `AWS::Lambda::Permission`, where the type is implied). */
export interface PrincipalEntry {
  readonly type: PrincipalType | 'untyped';
  readonly value: Value<string>;
  readonly info: PrincipalInfo;
  /** From a NotPrincipal: the statement applies to everyone except this one. */
  readonly negated?: boolean;
  /** Where it is written in its type's list, and whether its value is fixed text (templates: Principals.places). */
  readonly place?: WrittenItem;
}

const ACCOUNT_ARN =
  /^arn:[^:]+:(iam|sts)::([^:]+):(root|role\/.+|user\/.+|assumed-role\/.+|federated-user\/.+)$/;
/**
 * A service principal of any partition: `s3.amazonaws.com`, `s3.amazonaws.com.cn` in China, `s3.c2s.ic.gov` in
 * aws-iso, `s3.sc2s.sgov.gov` in aws-iso-b (each partition's DNS suffix, see SERVICE_SUFFIXES in partitions.ts), and the older
 * `states.amazon.com` spelling.
 */
const SERVICE = new RegExp(
  `^([a-z0-9][a-z0-9-]*)(\\.[a-z0-9-]+)*\\.(${SERVICE_SUFFIX_SOURCE}|amazon\\.com)$`,
  'i',
);
const REGIONAL_SERVICE = new RegExp(
  `^([a-z0-9][a-z0-9-]*)\\.\\$\\{AWS::Region\\}\\.(?:${SERVICE_SUFFIX_SOURCE}|\\$\\{AWS::URLSuffix\\})$`,
  'i',
);

function accountInfo(account: string, entity: string, options: AnalysisOptions): PrincipalInfo {
  if (account.includes(OPAQUE)) {
    return { kind: 'unknown', reason: 'the account id is not known before deploy' };
  }
  const kinds = ['root', 'role', 'user', 'assumed-role', 'federated-user'] as const;
  const found = kinds.find((kind) => entity === kind || entity.startsWith(`${kind}/`)) ?? 'other';
  if (!/^\d{12}$/.test(account) && account !== SELF_ACCOUNT) {
    return { kind: 'other', value: `${account}:${entity}` };
  }
  const self: Tri =
    account === SELF_ACCOUNT || account === options.selfAccount
      ? 'yes'
      : options.selfAccount === undefined
        ? 'unknown'
        : 'no';
  return { kind: 'account', account, self, entity: found };
}

// A scan asks about the same few principals (lambda.amazonaws.com, its own account) for every statement:
// remember each answer, per type and scanned account.
const classified = new BoundedMemo<PrincipalInfo>();

function classify(text: string, type: PrincipalEntry['type'], options: AnalysisOptions): PrincipalInfo {
  const key = `${type}\u0000${options.selfAccount ?? ''}\u0000${text}`;
  return classified.get(key, () => classifyText(text, type, options));
}

function classifyText(text: string, type: PrincipalEntry['type'], options: AnalysisOptions): PrincipalInfo {
  if (text === '*') return { kind: 'public' };
  if (type === 'CanonicalUser') return { kind: 'canonical-user', id: text };
  if (type === 'Federated') return { kind: 'federated', provider: text };
  if (type === 'AWS' || type === 'untyped') {
    if (/^\d{12}$/.test(text) || text === SELF_ACCOUNT) return accountInfo(text, 'root', options);
    const arn = ACCOUNT_ARN.exec(text);
    if (arn) return accountInfo(arn[2] as string, arn[3] as string, options);
  }
  if (type === 'Service' || type === 'untyped') {
    const service = SERVICE.exec(text);
    if (service) {
      return {
        kind: 'service',
        principal: text.toLowerCase(),
        service: (service[1] as string).toLowerCase(),
      };
    }
  }
  if (text.includes(OPAQUE)) return { kind: 'unknown', reason: 'not known before deploy' };
  return { kind: 'other', value: text };
}

/**
 * What a principal value is. `type` is the key it was listed under (`AWS`, `Service`, ...); omit it for
 * the single string of an `AWS::Lambda::Permission`. Templates are read: `${AWS::AccountId}` is the
 * scanned account, `lambda.${AWS::URLSuffix}` is Lambda.
 */
export function analyzePrincipal(
  value: Value<string>,
  type: PrincipalEntry['type'] = 'untyped',
  options: AnalysisOptions = {},
): PrincipalInfo {
  if (!isUnknown(value)) return classify(value, type, options);
  if (value.oneOf !== undefined) return oneOfPrincipals(value, value.oneOf, type, options);
  // `logs.${AWS::Region}.amazonaws.com`: a regional service principal is its service whatever the region.
  const regional = REGIONAL_SERVICE.exec(value.template ?? '');
  if (regional && (type === 'Service' || type === 'untyped')) {
    const service = (regional[1] as string).toLowerCase();
    return { kind: 'service', principal: `${service}.\${AWS::Region}.amazonaws.com`, service };
  }
  const own = ownIdentity(value, type, options);
  if (own !== undefined) return own;
  const narrow = instantiate(value, 'narrow', options);
  if (narrow === undefined) return { kind: 'unknown', reason: value.reason };
  const info = classify(narrow, type, options);
  return info.kind === 'unknown' || info.kind === 'other' ? { kind: 'unknown', reason: value.reason } : info;
}

/**
 * A principal that is one of some texts (`!If [IsChina, events.amazonaws.com.cn, events.amazonaws.com]` where the
 * partition is not known before deploy): the service they all name, whichever it is (`.amazonaws.com.cn` is the China
 * partition's spelling of the same service, `.c2s.ic.gov` aws-iso's); anything else stays not known before deploy.
 */
function oneOfPrincipals(
  value: Unknown,
  texts: readonly string[],
  type: PrincipalEntry['type'],
  options: AnalysisOptions,
): PrincipalInfo {
  const infos = texts.map((text) => classify(text, type, options));
  const first = infos[0];
  if (first?.kind !== 'service') return { kind: 'unknown', reason: value.reason };
  const name = servicePrincipalName(first.principal);
  const same = infos.every(
    (info) => info.kind === 'service' && servicePrincipalName(info.principal) === name,
  );
  return same ? first : { kind: 'unknown', reason: value.reason };
}

/** The kinds of the inventory whose `Arn` names an identity of the deploying account (the model has no IAM users yet). */
const IDENTITY_KINDS: Readonly<Record<string, 'role'>> = { 'iam.role': 'role' };

/**
 * `!GetAtt Role.Arn` of a role the template creates: an identity of the deploying account, whatever
 * its name: never a service, never another account. Not an external role (IamRole.external), which is not
 * the template's.
 */
function ownIdentity(
  value: Unknown,
  type: PrincipalEntry['type'],
  options: AnalysisOptions,
): PrincipalInfo | undefined {
  if (type !== 'AWS' && type !== 'untyped') return undefined;
  const whole = /^\$\{([^}.]+)\.Arn\}$/.exec(value.template ?? '');
  const resource = whole ? options.inventory?.resolve(whole[1] as string) : undefined;
  const entity =
    resource && !('external' in resource && resource.external) ? IDENTITY_KINDS[resource.kind] : undefined;
  return entity === undefined ? undefined : accountInfo(SELF_ACCOUNT, entity, options);
}

/** The principals of a statement (Principal, or NotPrincipal marked `negated`); Unknown when not known before deploy. */
export function principalEntries(
  statement: Statement,
  options: AnalysisOptions = {},
): Value<readonly PrincipalEntry[]> {
  const negated = statement.principals === undefined && statement.notPrincipals !== undefined;
  const principals = negated ? statement.notPrincipals : statement.principals;
  if (principals === undefined) return [];
  if (isUnknown(principals)) return principals;
  const entries: PrincipalEntry[] = [];
  for (const type of ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const) {
    const values = principals[type];
    if (values === undefined) continue;
    const list = isUnknown(values) ? [values] : values;
    const places = principals.places?.[type];
    for (let index = 0; index < list.length; index++) {
      const value = list[index] as Value<string>;
      const info = analyzePrincipal(value, type, options);
      const place = places?.[index];
      entries.push({
        type,
        value,
        info,
        ...(negated ? { negated } : {}),
        ...(place === undefined ? {} : { place }),
      });
    }
  }
  return entries;
}

/** Whether a principal is everyone (`*`); a NotPrincipal entry means everyone but it, which counts. */
export function isPublicPrincipal(entry: PrincipalEntry, options: AnalysisOptions = {}): Tri {
  if (entry.negated) return 'yes';
  const isStar = (text: string) => text === '*' || /^\*+$/.test(text);
  // One of some texts (an Fn::If whose condition is not known before deploy): public if each is, not if none is.
  const possible = isUnknown(entry.value) ? entry.value.oneOf : undefined;
  if (possible !== undefined && possible.length > 0) {
    const starred = possible.filter(isStar).length;
    return starred === 0 ? 'no' : starred === possible.length ? 'yes' : 'unknown';
  }
  return broadTest(entry.value, isStar, 'anyPattern', options);
}

/** Whether a principal is an AWS service principal. */
export function isServicePrincipal(entry: PrincipalEntry): Tri {
  if (entry.negated) return 'no';
  if (entry.info.kind === 'service') return 'yes';
  return entry.info.kind === 'unknown' && (entry.type === 'Service' || entry.type === 'untyped')
    ? 'unknown'
    : 'no';
}

/**
 * Normalizes a service principal for comparison: lower case, as the commercial partition spells it
 * (`lambda.amazonaws.com` for `lambda.amazonaws.com.cn` and `lambda.c2s.ic.gov`).
 */
export function servicePrincipalName(principal: string): string {
  return commercialSpelling(principal.toLowerCase());
}
