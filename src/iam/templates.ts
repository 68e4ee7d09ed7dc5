import { DYNAMIC_REFERENCE_PLACEHOLDER, DYNAMIC_REFERENCE_REASON } from '../model/dynamic-references.js';
import type { Inventory } from '../model/inventory.js';
import type { SourceRef } from '../model/source.js';
import {
  IMPORT_PLACEHOLDER,
  IMPORTED_REASON,
  INVALID_REASON,
  isUnknown,
  namesOtherStack,
  placeholderMatches,
  replacePlaceholders,
  type Unknown,
  type Value,
} from '../model/values.js';
import type { Tri } from './tri.js';

/** What an analysis may know about where the policies come from. */
export interface AnalysisOptions {
  /**
   * The inventory the policies belong to: a `${Name}` placeholder naming one of its resources is a
   * specific value (an ARN, a name), never a wildcard.
   */
  readonly inventory?: { resolve: Inventory['resolve'] };
  /** The account being scanned, when known (live scans). `${AWS::AccountId}` stands for it. */
  readonly selfAccount?: string;
}

/** Stands for `${AWS::AccountId}` (the deploying account) when the account id itself is not known. */
export const SELF_ACCOUNT = 'self-account';

/** Stands for a specific but unknown piece of text: matches nothing but itself, and is never a wildcard. */
export const OPAQUE = '\u0000';

type PlaceholderKind = 'account' | 'partition' | 'url-suffix' | 'fixed' | 'literal' | 'open';

/**
 * What a `${...}` placeholder in an Unknown's template can be. Pseudo parameters, resource attributes,
 * references to resources and IAM policy variables are specific text; a parameter whose constraints keep
 * wildcards out is literal text, specific or empty; anything else (a parameter without default, an
 * import) is open: it could even be `*`.
 */
function placeholderKind(name: string, value: Unknown, options: AnalysisOptions): PlaceholderKind {
  if (name === 'AWS::AccountId') return 'account';
  if (name === 'AWS::Partition') return 'partition';
  if (name === 'AWS::URLSuffix') return 'url-suffix';
  if (name.startsWith('AWS::')) return 'fixed';
  // An import (placeholderOf): text of another stack, any at all. Its export name may hold `:` or `.`.
  if (name.startsWith(IMPORT_PLACEHOLDER)) return 'open';
  // A `{{resolve:…}}` dynamic reference: resolved at deploy from Parameter Store or Secrets Manager, any text at all.
  if (name.startsWith(DYNAMIC_REFERENCE_PLACEHOLDER)) return 'open';
  if (/^[\w-]+:[^:]/.test(name)) return 'fixed'; // an IAM policy variable such as ${aws:username}
  if (name.includes('.')) return 'fixed'; // Fn::GetAtt: an attribute of a resource
  if (options.inventory?.resolve(name) !== undefined) return 'fixed';
  // A resource the inventory does not model (an S3 bucket, an SNS topic), or one of another stack.
  if (value.resources?.includes(name)) return 'fixed';
  if (value.noWildcard?.includes(name)) return 'literal';
  return 'open';
}

/**
 * How to read placeholders: `narrow` as specific unknown text (the least the value can match),
 * `anyText` as any text at all (could it match a given string?), `anyPattern` with open placeholders
 * as `*` (could the value be a wildcard?).
 */
export type Reading = 'narrow' | 'anyText' | 'anyPattern';

/** The string a value stands for under a reading; undefined for an Unknown without a template. */
export function instantiate(
  value: Value<string>,
  reading: Reading,
  options: AnalysisOptions = {},
): string | undefined {
  if (!isUnknown(value)) return value;
  const template = value.template;
  if (template === undefined) return undefined;
  // Which names are constrained parameters can differ between stacks of one inventory for the same text,
  // and such values are few: read them afresh.
  if (value.noWildcard !== undefined) return readTemplate(template, value, reading, options);
  // Templates repeat across roles (every SAM policy template gives the same text), so readings are
  // cached per inventory and account. No key is built per call: the template string is the key, and V8
  // keeps its hash. Which of its names are resources (see placeholderKind) is the same wherever a text
  // appears in one template, so only whether it says tells readings apart.
  const slot = READINGS.indexOf(reading) * 2 + (value.resources === undefined ? 0 : 1);
  const cache = cacheFor(options);
  let readings = cache.get(template);
  if (readings === undefined) {
    readings = [];
    cache.set(template, readings);
  }
  const cached = readings[slot];
  if (cached !== undefined) return cached;
  const read = readTemplate(template, value, reading, options);
  readings[slot] = read;
  return read;
}

const READINGS: readonly Reading[] = ['narrow', 'anyText', 'anyPattern'];
/**
 * Readings of each template (by reading, and whether it names resources), per inventory and account.
 * Only strings: a WeakMap value that pointed into the inventory would keep it alive (see Inventory.derived).
 */
type ReadingCache = Map<string, (string | undefined)[]>;
const cachesByInventory = new WeakMap<object, Map<string, ReadingCache>>();
const sharedCaches = new Map<string, ReadingCache>();

function cacheFor(options: AnalysisOptions): ReadingCache {
  let byAccount = sharedCaches;
  if (options.inventory !== undefined) {
    const known = cachesByInventory.get(options.inventory);
    byAccount = known ?? new Map();
    if (known === undefined) cachesByInventory.set(options.inventory, byAccount);
  }
  const account = options.selfAccount ?? '';
  let cache = byAccount.get(account);
  if (cache === undefined) {
    cache = new Map();
    byAccount.set(account, cache);
  }
  return cache;
}

function readTemplate(template: string, value: Unknown, reading: Reading, options: AnalysisOptions): string {
  return replacePlaceholders(template, (_whole, inner: string) => {
    const kind = placeholderKind(inner.trim(), value, options);
    if (kind === 'account') return options.selfAccount ?? SELF_ACCOUNT;
    if (kind === 'partition') return 'aws';
    if (kind === 'url-suffix') return 'amazonaws.com';
    if (reading === 'narrow') return OPAQUE;
    if (reading === 'anyText') return '*';
    // Literal text is at widest empty: `table/${Prefix}*` is then every table (see testReadings).
    if (kind === 'literal') return '';
    return kind === 'open' ? '*' : OPAQUE;
  });
}

/** Whether a reason is one the CloudFormation source gives a value taken from outside the template. */
function isOutsideReason(reason: string): boolean {
  return (
    reason.startsWith('from parameter ') ||
    reason.startsWith(DYNAMIC_REFERENCE_REASON) ||
    reason.startsWith(IMPORTED_REASON) ||
    reason.startsWith('Ref to undefined ')
  );
}

/**
 * Whether some part of a value may come from outside the template (a parameter without default, an
 * import), and so could be any text, `*` included. The CloudFormation source gives a `!Sub` the reason of
 * its first unknown part, so this reads the reason: a `!Sub` whose first unknown part is
 * `${AWS::Partition}` or a resource of the template reads as holding none. That misses a parameter after
 * such a part (`arn:${AWS::Partition}:s3:::${BucketParam}`), never the reverse: callers use it where
 * taking a resource's name for a possible `*` would make most templates unknown (typed resources).
 */
export function mayComeFromOutside(value: Value<string>): boolean {
  return isUnknown(value) && (value.template === undefined || isOutsideReason(value.reason));
}

/**
 * The `${...}` of a value that could be any text, wildcards included (a parameter without default, an
 * import): `['${Prefix}']` for `arn:${AWS::Partition}:dynamodb:...:table/${Prefix}`. Pseudo parameters,
 * resource attributes and references to resources are specific text and are not listed.
 */
export function openPlaceholders(value: Value<string>, options: AnalysisOptions = {}): string[] {
  if (!isUnknown(value) || value.template === undefined) return [];
  const open = new Set<string>();
  for (const match of placeholderMatches(value.template)) {
    if (placeholderKind((match[1] as string).trim(), value, options) === 'open') open.add(match[0]);
  }
  return [...open];
}

/**
 * A test that broader values pass more easily (matches an action, covers every resource, is a
 * wildcard): yes when even the narrow reading passes, no when even the widest fails.
 */
export function broadTest(
  value: Value<string>,
  test: (text: string) => boolean,
  widest: 'anyText' | 'anyPattern',
  options: AnalysisOptions = {},
): Tri {
  return testReadings(value, test, 'narrow', widest, options);
}

/**
 * A test that narrower values pass more easily (pins an account, is a fixed value): yes when even
 * open placeholders read as `*` pass, no when even the narrow reading fails.
 */
export function narrowTest(
  value: Value<string>,
  test: (text: string) => boolean,
  options: AnalysisOptions = {},
): Tri {
  return testReadings(value, test, 'anyPattern', 'narrow', options);
}

/**
 * A known value's answer; an unknown one's: yes when its `hardest` reading passes, no when even its
 * `easiest` fails. A literal placeholder (see placeholderKind) is specific text or empty, and which of
 * the two a test finds broader depends on the test (empty, `table/${P}*` is every table; `arn:aws:s3:::${P}/*`
 * no bucket at all): a value with one is yes or no only when both readings agree.
 */
function testReadings(
  value: Value<string>,
  test: (text: string) => boolean,
  hardest: Reading,
  easiest: Reading,
  options: AnalysisOptions,
): Tri {
  if (!isUnknown(value)) return test(value) ? 'yes' : 'no';
  const hard = instantiate(value, hardest, options);
  if (hard === undefined) return 'unknown';
  const hardPasses = test(hard);
  if (hardPasses && value.noWildcard === undefined) return 'yes';
  const easyPasses = test(instantiate(value, easiest, options) as string);
  if (hardPasses) return easyPasses ? 'yes' : 'unknown';
  return easyPasses ? 'unknown' : 'no';
}

/** Joins the stack and the name of a `${...}` in comparedText; starts another stack's resource there. */
const OF_STACK = '\u0004';
const OTHER_STACK = '\u0003';

/** The name of a `${...}` as comparedText writes it, without its stack or other-stack mark: `AWS::Region`, `Bucket`. */
export function placeholderName(inner: string): string {
  return (inner.split(OF_STACK).at(-1) ?? inner).replace(OTHER_STACK, '').trim();
}

/** Around a name in sameDeployText: characters no ARN or name holds. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/**
 * A value's text as a Deny's resources are compared with an Allow's (see denyPatternCovers): known text, or the
 * template, each `${...}` named with the template it is written in (`where`: a parameter or `${AWS::StackName}`
 * of one stack is not another's) and, for a resource of another stack (Unknown.otherStacks), marked so that it
 * never meets a name of this stack written alike (`${Fn}` of the producer's Fn). Undefined without a template.
 */
export function comparedText(value: Value<string>, where: SourceRef): string | undefined {
  const text = isUnknown(value) ? value.template : value;
  if (text === undefined) return undefined;
  const stack = 'file' in where ? where.file : where.arn;
  return replacePlaceholders(text, (whole, inner: string) => {
    const name = inner.trim();
    if (PSEUDO_TEXTS.has(name)) return whole;
    const id = name.split('.')[0] as string; // `${Queue.Arn}`: an attribute of Queue
    const other = isUnknown(value) && namesOtherStack(value, id) ? OTHER_STACK : '';
    return `\${${stack}${OF_STACK}${other}${name}}`;
  });
}

/** The pseudo parameters read as instantiate reads them: the same text in every stack of a scan. */
const PSEUDO_TEXTS: ReadonlySet<string> = new Set(['AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix']);

/**
 * Texts of comparedText as of one deploy: each `${...}` stands for one text however often it is written, whatever
 * policy it is in (a deploy gives `${AWS::Region}`, a `!Ref` of a parameter or a resource, one value; a policy
 * variable has one value in a request), so it is read as a mark of its own that matches only itself, or a `*` of the
 * other text. The partition and the account read as instantiate reads them.
 */
export function sameDeployText(text: string, options: AnalysisOptions = {}): string {
  return replacePlaceholders(text, (_whole, inner: string) => {
    const name = inner.trim();
    if (name === 'AWS::AccountId') return options.selfAccount ?? SELF_ACCOUNT;
    if (name === 'AWS::Partition') return 'aws';
    if (name === 'AWS::URLSuffix') return 'amazonaws.com';
    return `${MARK_START}${name}${MARK_END}`;
  });
}

/**
 * The elements of a list value. The CloudFormation source reads a single intrinsic in a list position
 * (`Resource: !Sub arn:...`) as an Unknown list carrying the string's template: that is one element.
 */
export function elementsOf<T extends Value<readonly Value<string>[]> | undefined>(list: T): T {
  return (isUnknown(list) && list.template !== undefined ? [list] : list) as T;
}

/** A value as words for a report: the string, its template, the values it is one of, or why it is unknown. */
export function describeValue(value: Value<string>): string {
  if (!isUnknown(value)) return shownText(value);
  if (value.template !== undefined) return shownText(value.template);
  if (value.oneOf !== undefined && value.oneOf.length > 0) return eitherOf(value.oneOf.map(shownText));
  // An invalid value's reason is said once, by the message: here it is only named.
  return value.reason.startsWith(INVALID_REASON) ? '(invalid value)' : `<${value.reason}>`;
}

/** Text as a message prints it: empty text as `""`, as elsewhere, never as nothing (`event source  is`). */
function shownText(text: string): string {
  return text === '' ? '""' : text;
}

/** `a or b`, `a, b, c or d`; beyond four (a map's values over every region), how many more. */
function eitherOf(values: readonly string[]): string {
  const shown = values.length > 4 ? [...values.slice(0, 3), `${values.length - 3} more`] : values;
  return shown.length === 1 ? (shown[0] as string) : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}
