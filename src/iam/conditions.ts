import { everyAddressIn } from '../model/cidr.js';
import type { Statement } from '../model/iam.js';
import { own } from '../model/own.js';
import { isUnknown, type Value } from '../model/values.js';
import { type AnalysisOptions, elementsOf, narrowTest } from './templates.js';
import { allOf, anyOf, type Tri } from './tri.js';
import { hasWildcard } from './wildcards.js';

/**
 * What the conditions must restrict:
 * - `public`: who can call at all (a `*` principal limited to an account, an organization, a source
 *   ARN, a VPC or a network range is not public — the S3 "is public" rules);
 * - `confused-deputy`: on whose behalf a service principal may act (aws:SourceArn, aws:SourceAccount, ...).
 */
export type RestrictionPurpose = 'public' | 'confused-deputy';

export interface Restriction {
  /** Whether the conditions pin the caller for the purpose. */
  readonly answer: Tri;
  /** The conditions that restrict (or may), as `Operator key`. */
  readonly by: readonly string[];
  /** Conditions that do not count, and why (`lambda:FunctionUrlAuthType`, `...IfExists`, negations). */
  readonly ignored: readonly { readonly condition: string; readonly why: string }[];
}

type KeyKind = 'account' | 'arn' | 'org' | 'org-path' | 'id' | 'cidr';

const CONFUSED_DEPUTY_KEYS: Readonly<Record<string, KeyKind>> = {
  'aws:sourceaccount': 'account',
  'aws:sourceowner': 'account',
  'aws:sourcearn': 'arn',
  'aws:sourceorgid': 'org',
  'aws:sourceorgpaths': 'org-path',
  // An Alexa skill id: only that skill's requests carry it.
  'lambda:eventsourcetoken': 'id',
};

const PUBLIC_KEYS: Readonly<Record<string, KeyKind>> = {
  ...CONFUSED_DEPUTY_KEYS,
  'aws:principalaccount': 'account',
  'aws:principalarn': 'arn',
  'aws:principalorgid': 'org',
  'aws:principalorgpaths': 'org-path',
  'aws:sourcevpc': 'id',
  'aws:sourcevpce': 'id',
  'aws:userid': 'id',
  'aws:sourceip': 'cidr',
};

const NOT_A_RESTRICTION: Readonly<Record<string, string>> = {
  'lambda:functionurlauthtype': 'it selects the function URL auth type; with NONE anyone can call',
  'aws:securetransport': 'it requires HTTPS, not a known caller',
  'lambda:invokedviafunctionurl': 'it limits the path (the function URL), not who calls',
};

const POSITIVE = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
  'ipaddress',
]);
const EXACT = new Set(['stringequals', 'stringequalsignorecase']);
const NEGATED = /^(stringnot|arnnot|notipaddress)/;

/** Why an `aws:SourceIp` condition does not restrict: its ranges (`0.0.0.0/0`, or `0.0.0.0/1` and `128.0.0.0/1`). */
export const EVERY_ADDRESS = 'its ranges hold every address';

/** The conditions of a statement that restrict who can use its grant, for a purpose; every condition is evaluated. */
export function restrictingConditions(
  statement: Statement,
  purpose: RestrictionPurpose,
  options: AnalysisOptions = {},
): Restriction {
  const conditions = statement.conditions;
  if (conditions === undefined) return { answer: 'no', by: [], ignored: [] };
  if (isUnknown(conditions)) {
    return { answer: 'unknown', by: [`conditions (${conditions.reason})`], ignored: [] };
  }
  const keys = purpose === 'public' ? PUBLIC_KEYS : CONFUSED_DEPUTY_KEYS;
  const answers: Tri[] = [];
  const by: string[] = [];
  const ignored: { condition: string; why: string }[] = [];
  for (const [operator, entries] of Object.entries(conditions)) {
    for (const [key, values] of Object.entries(entries)) {
      const condition = `${operator} ${key}`;
      const lowerKey = key.toLowerCase();
      const kind = own(keys, lowerKey);
      if (kind === undefined) {
        ignored.push({
          condition,
          why: own(NOT_A_RESTRICTION, lowerKey) ?? `${key} does not restrict the caller here`,
        });
        continue;
      }
      const skip = operatorProblem(operator, kind);
      if (skip) {
        ignored.push({ condition, why: skip });
        continue;
      }
      const answer = restricts(operator, kind, values, options);
      if (answer === 'no')
        ignored.push({
          condition,
          why: kind === 'cidr' ? EVERY_ADDRESS : 'its values match any caller (a wildcard)',
        });
      else by.push(condition);
      answers.push(answer);
    }
  }
  return { answer: anyOf(answers), by, ignored };
}

/**
 * Whether a condition pins its key to fixed values, for a key that holds one identifier (a service name, an ARN):
 * `yes` when every value is fixed text (or any text under an exact operator, which compares literally), `no` with
 * why when the operator lets other values through (a negation, `...IfExists`, `ForAllValues`) or a value is a
 * wildcard, `unknown` when a value is not known before deploy and could be one. With `kind` `arn`, a pattern that
 * names its owner (`arn:aws:iam::123456789012:role/*`: see arnPinsOwner) is fixed enough.
 */
export function pinsKey(
  operator: string,
  values: Value<readonly Value<string>[]>,
  options: AnalysisOptions = {},
  kind: Extract<KeyKind, 'id' | 'arn'> = 'id',
): { readonly answer: Tri; readonly why?: string } {
  const skip = operatorProblem(operator, kind);
  if (skip) return { answer: 'no', why: skip };
  const answer = restricts(operator, kind, values, options);
  return answer === 'no' ? { answer, why: 'its values match any (a wildcard)' } : { answer };
}

/** Why an operator cannot restrict, if it cannot. */
function operatorProblem(operator: string, kind: KeyKind): string | undefined {
  let op = operator.toLowerCase();
  if (op.startsWith('forallvalues:')) return 'ForAllValues passes when the request has no value for the key';
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  if (op.endsWith('ifexists')) {
    return 'an ...IfExists operator passes when the request has no value for the key';
  }
  if (NEGATED.test(op)) return 'a negated operator allows every other value';
  if (!POSITIVE.has(op)) return `${operator} does not pin a value`;
  if ((op === 'ipaddress') !== (kind === 'cidr')) return `${operator} does not apply to this key`;
  return undefined;
}

function restricts(
  operator: string,
  kind: KeyKind,
  list: Value<readonly Value<string>[]>,
  options: AnalysisOptions,
): Tri {
  const values = elementsOf(list);
  if (isUnknown(values)) return 'unknown';
  if (values.length === 0) return 'no';
  const op = operator.toLowerCase().replace(/^foranyvalue:/, '');
  // Ranges that together hold every address (`0.0.0.0/1` and `128.0.0.0/1`) let any caller in as `0.0.0.0/0` does.
  if (
    kind === 'cidr' &&
    everyAddressIn(values.filter((value): value is string => !isUnknown(value))) !== undefined
  )
    return 'no';
  // Several values are alternatives: the condition restricts only if every one of them does.
  return allOf(
    values.map((value) => {
      // Exact operators compare literally: any value present pins it (even `*`). A value without a
      // template may be an `!If` that removes it, so it cannot be counted.
      if (EXACT.has(op)) return !isUnknown(value) || value.template !== undefined ? 'yes' : 'unknown';
      return narrowTest(value, (text) => isFixed(kind, text), options);
    }),
  );
}

/** Whether a (wildcard-matched) value pins the caller for its kind of key. */
function isFixed(kind: KeyKind, text: string): boolean {
  switch (kind) {
    case 'cidr':
      return !/^(0\.0\.0\.0|::)\/0$/.test(text.trim()) && !hasWildcard(text);
    case 'arn':
      return arnPinsOwner(text);
    case 'org-path':
      return /^o-[a-z0-9]+$/.test(text.split('/')[0] ?? '');
    default:
      return text !== '' && !hasWildcard(text);
  }
}

/**
 * An ARN pattern pins an owner when its account is literal (`arn:aws:sns:*:123456789012:*`), or, for
 * ARNs without an account (S3 buckets), when the resource name is (`arn:aws:s3:::my-bucket/*`).
 * `arn:aws:s3:::*` or `arn:aws:sns:us-east-1:*:topic` match resources of anyone.
 */
function arnPinsOwner(text: string): boolean {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return !hasWildcard(text);
  const account = parts[4] as string;
  if (account !== '') return !hasWildcard(account);
  const name = parts.slice(5).join(':').split('/')[0] ?? '';
  return name !== '' && !hasWildcard(name);
}

/**
 * How the statement checks read a statement's conditions, which they do not evaluate:
 * - `viaService`: `yes` when a `Bool` condition requires `aws:ViaAWSService` to be `true`. Then the statement
 *   grants only to requests an AWS service makes on the role's behalf through a forward access session (AD
 *   Connector creating its security groups, S3 calling KMS), never to the function's own calls: the IAM
 *   User Guide, "Forward access sessions" and the aws:ViaAWSService global condition key.
 * - `others`: the conditions they do not weigh, as `Operator key` (all of them but that one); a list not
 *   known before deploy is one entry that says so.
 */
export interface UnweighedConditions {
  readonly viaService: boolean;
  readonly others: readonly string[];
}

const NO_CONDITIONS: UnweighedConditions = { viaService: false, others: [] };

export function unweighedConditions(statement: Statement): UnweighedConditions {
  const conditions = statement.conditions;
  if (conditions === undefined) return NO_CONDITIONS;
  if (isUnknown(conditions)) return { viaService: false, others: ['conditions not known before deploy'] };
  let viaService = false;
  const others: string[] = [];
  for (const [operator, entries] of Object.entries(conditions)) {
    for (const [key, values] of Object.entries(entries)) {
      if (requiresViaService(operator, key, values)) viaService = true;
      else others.push(`${operator} ${key}`);
    }
  }
  return { viaService, others };
}

/** `Bool: { aws:ViaAWSService: true }` (not BoolIfExists, which passes a request without the key). */
function requiresViaService(operator: string, key: string, list: Value<readonly Value<string>[]>): boolean {
  if (operator.toLowerCase() !== 'bool' || key.toLowerCase() !== 'aws:viaawsservice') return false;
  const values = elementsOf(list);
  return (
    !isUnknown(values) &&
    values.length > 0 &&
    values.every((value) => typeof value === 'string' && value.toLowerCase() === 'true')
  );
}
