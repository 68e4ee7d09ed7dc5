// Where a stack is deployed is not known before deploy: `${AWS::Region}`, `${AWS::AccountId}` and `${AWS::Partition}`
// may or may not be the region, account and partition a literal ARN names. A Deny written with them covers a grant
// written with literals in some deploys and not in others (and the reverse, but for the partition: see
// otherPartitions), so it is never counted as covering it for certain; and what a Deny's NotResource keeps is told
// apart from a grant only where no deploy could make them meet.
import type { SourceRef } from '../model/source.js';
import { isUnknown, placeholderMatches, replacePlaceholders, unknown, type Value } from '../model/values.js';
import { OTHER_PARTITIONS, PARTITIONS } from './partitions.js';
import {
  type AnalysisOptions,
  comparedText,
  OPAQUE,
  openPlaceholders,
  placeholderName,
  SELF_ACCOUNT,
  sameDeployText,
} from './templates.js';
import type { Tri } from './tri.js';
import { hasWildcard, isStarOnly, wildcardMatches } from './wildcards.js';

/**
 * Stands, in patternsOverlap, for any run of characters but `:`: a field of an ARN whose text is not known before
 * deploy (the partition, the region, the account), which holds no `:`.
 */
const FIELD = '\u0005';

/** Whether a pattern character matches any run of characters: `*`, or FIELD (any run without `:`). */
function isRun(c: string | undefined): boolean {
  return c === '*' || c === FIELD;
}

/** Whether two pattern characters may both match one character of a text. */
function mayMeet(p: string, q: string): boolean {
  const literal = (c: string) => c !== '*' && c !== '?' && c !== FIELD;
  if (literal(p) && literal(q)) return p === q;
  if (literal(p)) return q !== FIELD || p !== ':';
  if (literal(q)) return p !== FIELD || q !== ':';
  return true;
}

/**
 * Whether some text matches both IAM wildcard patterns (`*` any run, `?` one character; FIELD, any run without `:`):
 * a walk of the pairs of positions in both, each step reading one character both may match. Case counts: IAM
 * matches a Resource or NotResource ARN case-sensitively. The IAM User Guide says it outright only of one part ("In
 * the Resource element, the IAM user name is case sensitive", though IAM user names are otherwise unique regardless
 * of case), its ARN condition operators (ArnEquals, ArnLike) match case-sensitively, and it names no service whose
 * Resource matching ignores case (S3 object keys are case-sensitive names). So `Keep/*` and `keep/*` name no resource
 * in common.
 */
export function patternsOverlap(x: string, y: string): boolean {
  const width = y.length + 1;
  const seen = new Uint8Array((x.length + 1) * width);
  const stack: number[] = [0];
  while (stack.length > 0) {
    const at = stack.pop() as number;
    if (seen[at] === 1) continue;
    seen[at] = 1;
    const i = Math.floor(at / width);
    const j = at % width;
    if (i === x.length && j === y.length) return true;
    const p = x[i];
    const q = y[j];
    // A run may match nothing more; or one more character, which the other pattern reads too.
    if (isRun(p)) stack.push(at + width);
    if (isRun(q)) stack.push(at + 1);
    if (p === undefined || q === undefined || (isRun(p) && isRun(q)) || !mayMeet(p, q)) continue;
    stack.push(at + (isRun(p) ? 0 : width) + (isRun(q) ? 0 : 1));
  }
  return false;
}

/** The pseudo parameters that name where the stack is: each an ARN field, without `:`. */
const PLACES: ReadonlySet<string> = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId']);

/**
 * A pattern at its widest: every `${...}` and every specific but unknown text (OPAQUE) read as `*`, the stack's
 * partition, region and account (the deploying account when not known) as any text without `:`. What matches nothing
 * of it matches nothing in any deploy.
 */
function widest(text: string, options: AnalysisOptions): string {
  const account = options.selfAccount;
  const read = replacePlaceholders(text, (_whole, inner: string) => {
    const name = placeholderName(inner);
    if (name === 'AWS::AccountId' && account !== undefined) return account;
    return PLACES.has(name) ? FIELD : '*';
  }).replaceAll(OPAQUE, '*');
  return account === undefined ? read.replaceAll(SELF_ACCOUNT, FIELD) : read;
}

/**
 * Whether a Deny's NotResource element (`kept`, written at `where`) keeps nothing of a granted pattern (as comparedText
 * writes it), so that the Deny applies to all of it: `yes` when no text, in any deploy, matches both (read with every
 * value not known before deploy as `*`; case counts, as in IAM: see patternsOverlap); `no` when they meet even as
 * written (each `${...}` one text of its own, see sameDeployText); else `unknown`.
 */
export function keepsNoneOf(
  kept: Value<string>,
  where: SourceRef,
  granted: string,
  options: AnalysisOptions = {},
): Tri {
  const written = comparedText(kept, where);
  if (written === undefined) return 'unknown';
  if (!patternsOverlap(widest(written, options), widest(granted, options))) return 'yes';
  return patternsOverlap(sameDeployText(written, options), sameDeployText(granted, options))
    ? 'no'
    : 'unknown';
}

/** The ARN fields that say where a stack is: the partition, the region and the account. */
const PLACE_FIELDS = [
  { field: 1, name: 'AWS::Partition' },
  { field: 3, name: 'AWS::Region' },
  { field: 4, name: 'AWS::AccountId' },
] as const;

/** An ARN's fields up to the account, a `${...}` read as one piece (a stack's name may hold `:`). */
const ARN_FIELDS =
  /^arn:((?:\$\{[^}]*\}|[^:])*):((?:\$\{[^}]*\}|[^:])*):((?:\$\{[^}]*\}|[^:])*):((?:\$\{[^}]*\}|[^:])*):/;

function fieldsOf(text: string): readonly string[] | undefined {
  const match = ARN_FIELDS.exec(text);
  return match === null ? undefined : ['arn', ...match.slice(1)];
}

/** Whether a field is the placeholder `name` alone (the deploying account read as SELF_ACCOUNT counts as its). */
function isPlace(field: string, name: string): boolean {
  if (name === 'AWS::AccountId' && field === SELF_ACCOUNT) return true;
  const match = /^\$\{([^}]*)\}$/.exec(field);
  return match !== null && placeholderName(match[1] as string) === name;
}

/** Replaces the placeholder `name` (any stack's) with `text`; the account read as SELF_ACCOUNT too. */
function put(template: string, name: string, text: string): string {
  const out = replacePlaceholders(template, (whole, inner: string) =>
    placeholderName(inner) === name ? text : whole,
  );
  return name === 'AWS::AccountId' ? out.replaceAll(SELF_ACCOUNT, text) : out;
}

/** Stands for one region (or partition) both texts name alike, when each names the stack's: they may be one. */
const SOME_PLACE = 'some-place';

/**
 * The deploys that could make a Deny's pattern (`denied`, as written) cover a granted one where it does not as read
 * (each with the stack's own region, account and partition): for each of those a text names by placeholder on one side
 * and as literal text on the other, the literal (a `us-*` of the Deny stands for the regions it matches). Each is
 * the pair of texts with the placeholder replaced on both sides; none when neither names the place by placeholder.
 */
export function otherDeploys(
  denied: string,
  granted: string,
  options: AnalysisOptions = {},
): readonly { readonly denied: string; readonly granted: string }[] {
  const named = (text: string) => text.includes('${') || text.includes(SELF_ACCOUNT);
  if (!named(denied) && !named(granted)) return [];
  const d = fieldsOf(denied);
  const g = fieldsOf(granted);
  if (d === undefined || g === undefined) return [];
  let pairs = [{ denied, granted }];
  for (const { field, name } of PLACE_FIELDS) {
    // A known account is no doubt.
    if (name === 'AWS::AccountId' && options.selfAccount !== undefined) continue;
    const df = d[field] as string;
    const gf = g[field] as string;
    const texts: string[] = [];
    if (isPlace(df, name) && isPlace(gf, name)) texts.push(SOME_PLACE);
    else if (isPlace(df, name) && !gf.includes('${') && !/[*?]/.test(gf)) texts.push(gf);
    // A partition of the Deny (`aws-cn`, `aws-??`) stands for those of the partitions it matches (see PARTITIONS).
    else if (isPlace(gf, name) && !df.includes('${'))
      texts.push(...(name === 'AWS::Partition' ? PARTITIONS.filter((p) => wildcardMatches(df, p)) : [df]));
    if (texts.length === 0) continue;
    pairs = pairs.flatMap((pair) =>
      texts.map((text) => ({ denied: put(pair.denied, name, text), granted: put(pair.granted, name, text) })),
    );
  }
  return pairs.length === 1 && pairs[0]?.denied === denied && pairs[0]?.granted === granted ? [] : pairs;
}

/**
 * The deploys in another partition that could leave a grant written with `${AWS::Partition}` out of a Deny's pattern
 * (`denied`, as written) that covers it as read (with `aws`): each pair of texts with `${AWS::Partition}` replaced by
 * that partition on both sides (a Deny that writes it too names the same one). None for a grant that names no
 * partition by placeholder: a literal `arn:aws:...` grant is of no use in another partition, as IAM credentials of one
 * partition cannot act on resources of another (AWS whitepaper "AWS Fault Isolation Boundaries", Partitions), so a
 * Deny of `arn:${AWS::Partition}:...` that covers it in `aws` covers it wherever it grants anything.
 */
export function otherPartitions(
  denied: string,
  granted: string,
): readonly { readonly denied: string; readonly granted: string }[] {
  const named = (text: string) =>
    [...placeholderMatches(text)].some((match) => placeholderName(match[1] as string) === 'AWS::Partition');
  if (!named(granted)) return [];
  return OTHER_PARTITIONS.map((partition) => ({
    denied: put(denied, 'AWS::Partition', partition),
    granted: put(granted, 'AWS::Partition', partition),
  }));
}

/**
 * Whether patterns (as written) reach every partition between them: each partition is reached by one of them (see
 * partitionsReached). `arn:aws:*` alone is every resource of the aws partition: a grant on `*` in aws-cn is on
 * resources it does not reach; with a pattern for each other partition beside it (`arn:aws-*:*`, or `arn:aws-cn:*`,
 * `arn:aws-us-gov:*`, `arn:aws-iso:*` and so on for each of PARTITIONS), every partition is reached.
 */
export function reachesEveryPartition(...written: readonly string[]): boolean {
  const reached = new Set(written.flatMap(partitionsReached));
  return PARTITIONS.every((partition) => reached.has(partition));
}

/**
 * The partitions a pattern (as written) reaches: every one where its partition field is `${AWS::Partition}` (the
 * deploy's own) or it does not begin with `arn:` (`*`); else those its partition field matches (`aws`, `aws*`).
 */
function partitionsReached(written: string): readonly string[] {
  if (!written.startsWith('arn:')) return PARTITIONS;
  const field = /^arn:((?:\$\{[^}]*\}|[^:])*)/.exec(written)?.[1] ?? '';
  if (field.startsWith('${') && placeholderName(field.slice(2, -1)) === 'AWS::Partition') return PARTITIONS;
  return PARTITIONS.filter((partition) => wildcardMatches(field, partition));
}

/**
 * Why a Deny's Resource or NotResource (`element`, as written) may or may not reach a grant when neither holds a value
 * that could be any text: the names in either not known before deploy (`${AWS::Region}`, a resource's name).
 */
export function deployDoubt(
  element: string,
  written: string,
  denied: readonly string[],
  granted: readonly string[],
): string {
  const namesIn = (texts: readonly string[], partition: boolean) => {
    const names = new Set<string>();
    for (const text of texts) {
      for (const match of placeholderMatches(text)) {
        const name = placeholderName(match[1] as string);
        if ((partition || name !== 'AWS::Partition') && name !== 'AWS::URLSuffix') names.add(`\${${name}}`);
      }
      if (text.includes(SELF_ACCOUNT)) names.add('${AWS::AccountId}');
    }
    return names;
  };
  // Those on one side alone (a name on both is one text in a deploy); else all (of two stacks, each its own). The
  // partition only on the grant's: a Deny's leaves out nothing a grant on `arn:aws:...` is of use for (see
  // otherPartitions).
  const onDeny = namesIn(denied, false);
  const onGrant = namesIn(granted, !namesIn(denied, true).has('${AWS::Partition}'));
  // A place the Deny writes as `*` (`arn:aws:sqs:*:*:q`) is whatever the grant's is: no doubt.
  const anyPlace = PLACE_FIELDS.filter(({ field }) =>
    denied.every((text) => /^\*+$/.test(fieldsOf(text)?.[field] ?? '')),
  ).map(({ name }) => `\${${name}}`);
  const apart = [...onDeny, ...onGrant].filter(
    (name) => !(onDeny.has(name) && onGrant.has(name)) && !anyPlace.includes(name),
  );
  const listed = apart.length > 0 ? apart : [...new Set([...onDeny, ...onGrant])];
  const which =
    listed.length === 0
      ? 'where the stack is deployed is not known before deploy'
      : `${[listed.slice(0, -1).join(', '), listed.at(-1)].filter((t) => t).join(' and ')} ${listed.length === 1 ? 'is' : 'are'} not known before deploy`;
  return `whether the ${element} of that Deny (${written}) reaches it depends on the deploy (${which})`;
}

/** Whether a value may be any text (a parameter without default, an import): its own doubt says more. */
export function mayBeAnyText(value: Value<string>, options: AnalysisOptions = {}): boolean {
  return isUnknown(value) && (value.template === undefined || openPlaceholders(value, options).length > 0);
}

/** A granted pattern in one partition: the text it is there (`arn:aws-cn:*` for `*` in aws-cn). */
export interface PartitionGrant {
  readonly partition: string;
  readonly granted: string;
}

/** An ARN's partition field (a `${...}` read as one piece), and what follows it. */
const PARTITION_FIELD = /^arn:((?:\$\{[^}]*\}|[^:])*)(:.*)$/s;

/**
 * A granted pattern (as comparedText writes it) in each partition the stack may be deployed to, where which one
 * decides what it grants: `*` is every resource of the stack's partition (`arn:aws-cn:*` in aws-cn), as is
 * `arn:*:*`, and `arn:${AWS::Partition}:sqs:*` is `arn:aws-cn:sqs:*` there; credentials of one partition cannot act
 * on another's resources (see otherPartitions), so a pattern whose partition field matches some partitions alone
 * (`arn:aws-*:...`) is read in those. Undefined for a grant that names one partition (`arn:aws:...`: it grants in
 * that one alone) or whose partition is not written (`${Queue.Arn}`).
 */
export function grantInPartitions(granted: string): readonly PartitionGrant[] | undefined {
  if (isStarOnly(granted))
    return PARTITIONS.map((partition) => ({ partition, granted: `arn:${partition}:*` }));
  const match = PARTITION_FIELD.exec(granted);
  if (match === null) return undefined;
  const [, field = '', rest = ''] = match;
  if (isPlace(field, 'AWS::Partition'))
    return PARTITIONS.map((partition) => ({ partition, granted: put(granted, 'AWS::Partition', partition) }));
  if (field.includes('${') || !hasWildcard(field)) return undefined;
  return PARTITIONS.filter((partition) => wildcardMatches(field, partition)).map((partition) => ({
    partition,
    granted: `arn:${partition}${rest}`,
  }));
}

/** A Deny's pattern in a deploy to `partition`: its `${AWS::Partition}` that partition (see grantInPartitions). */
export function deniedInPartition(pattern: Value<string>, partition: string): Value<string> {
  if (!isUnknown(pattern)) return put(pattern, 'AWS::Partition', partition);
  if (pattern.template === undefined) return pattern;
  return unknown(pattern.reason, put(pattern.template, 'AWS::Partition', partition), pattern);
}
