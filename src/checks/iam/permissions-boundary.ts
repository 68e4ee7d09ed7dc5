import {
  awsManagedDocument,
  describeValue,
  managedPolicyClass,
  type PolicyHit,
  type PolicyInput,
  unknownAwsManagedPolicy,
  wildcardMatches,
} from '../../iam/index.js';
import type { IamRole, PolicyDocument } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { importedFrom, isUnknown } from '../../model/values.js';
import { denyLabel } from './deny-words.js';
import { groupHits } from './policy-hits.js';

/** What a Deny leaves, listed up to this many patterns; beyond, counted. */
const SHOWN = 3;

/**
 * A role's permissions boundary (PermissionsBoundary, which SAM copies from a function to the role it makes):
 * a managed policy that sets the most the role's identity policies can grant. What the role may do is what both
 * its policies and the boundary allow (IAM User Guide, "Permissions boundaries for IAM entities": "The effective
 * permissions are the intersection of both policy types"). `read`: Parapet holds its document (a managed policy
 * of the template, or an AWS managed one of Parapet's data); else it is only named.
 */
type Boundary =
  | { readonly read: true; readonly name: string; readonly document: PolicyDocument }
  | { readonly read: false; readonly name: string; readonly why: string };

/** The document of a role's permissions boundary, when Parapet reads it (see withinBoundary); else undefined. */
export function boundaryDocument(inventory: Inventory, role: IamRole): PolicyDocument | undefined {
  const boundary = boundaryOf(inventory, role);
  return boundary?.read ? boundary.document : undefined;
}

function boundaryOf(inventory: Inventory, role: IamRole): Boundary | undefined {
  // A role outside the template: whether it has a boundary is not known, nor is anything else of it.
  const arn = role.permissionsBoundary;
  if (role.external || arn === undefined) return undefined;
  const policy = isUnknown(arn) ? undefined : inventory.resolve(arn, 'iam.policy');
  if (policy !== undefined) {
    return isUnknown(policy.document)
      ? { read: false, name: policy.id, why: `its document cannot be read: ${policy.document.reason}` }
      : { read: true, name: policy.id, document: policy.document };
  }
  const managed = managedPolicyClass(arn, { inventory });
  if (managed.awsManaged === 'yes') {
    const shipped = awsManagedDocument(managed.name, managed.path, role.properties ?? role.source);
    if (shipped !== undefined)
      return { read: true, name: `AWS managed policy ${managed.name}`, document: shipped };
    return {
      read: false,
      name: `AWS managed policy ${managed.name}`,
      why: unknownAwsManagedPolicy(managed.name, managed.path),
    };
  }
  if (!isUnknown(arn)) return { read: false, name: arn, why: 'it is not in this template' };
  const exported = importedFrom(arn);
  if (exported !== undefined)
    return { read: false, name: `Fn::ImportValue ${exported}`, why: 'another stack exports it' };
  // `arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary` (as CDK writes one): a policy named outside.
  const outside = arn.template !== undefined && /:policy\/[^$]+$/.test(arn.template);
  return {
    read: false,
    name: describeValue(arn),
    why: outside ? 'it is not in this template' : 'it is not known before deploy',
  };
}

/** How the statement checks weigh a role's permissions boundary, for their details. */
export const BOUNDARY_DETAILS =
  "A role's permissions boundary (`PermissionsBoundary`, of the role or of a SAM function) limits what its " +
  'policies grant: the role gets what both allow. A boundary Parapet reads (an `AWS::IAM::ManagedPolicy` of the ' +
  "template, an AWS managed policy of Parapet's data) is read like a policy: a grant of the role's passes where the " +
  'boundary allows no such grant (`*` under a boundary of `logs:PutLogEvents` and `s3:GetObject` grants no ' +
  'wildcard), and a finding it allows names what the boundary allows (under `logs:*`, `*` is a wildcard, but ' +
  'no administrator). A boundary it cannot read (an ARN outside the template, a ' +
  'parameter) leaves the finding and its severity as they are, and the finding says that the boundary may limit it. ' +
  'An explicit Deny and the boundary are weighed together (IAM allows a request only when a policy allows it, no ' +
  'Deny denies it and the boundary allows it): the boundary is weighed against what the Deny leaves, so `*` less a ' +
  'Deny of `NotAction: s3:*` under a boundary of `logs:*` passes, saying both limit it; what survives both is a ' +
  'finding saying what the Deny cancelled and naming the boundary; what a Deny whose NotAction is not known before ' +
  'deploy leaves, under a boundary allowing only part of it, is `unknown`. ';

/** What a hit of a statement check grants, without the words before it (`every action ("*")`). */
export function granted(hit: PolicyHit): string {
  return hit.reason.replace(/^(?:Allow(?: with \w+)? grants|may grant) /, '');
}

/** The hits of a role's policies, as its permissions boundary leaves them (see withinBoundary). */
export interface Bounded<H extends PolicyHit> {
  /** The hits the boundary does not rule out. */
  readonly hits: H[];
  /** The boundary's own hits that allow a hit, when the boundary is read. */
  readonly allowedBy: (hit: H) => readonly H[] | undefined;
  /** Words to put at the end of a finding on these hits (`; its permissions boundary Boundary allows ...`), or ''. */
  readonly words: (hits: readonly H[]) => string;
  /** For a pass: what the boundary ruled out (` (what policy P, Statement[0] grants is limited by ...)`), or ''. */
  readonly limitedWords: string;
  /** `its permissions boundary Boundary`, when the role has one and there were hits to weigh. */
  readonly its?: string;
}

// What a role without a boundary (nearly every one) is given: made once, not per call.
const NONE_ALLOWED = () => undefined;
const NO_WORDS = () => '';

/**
 * The hits of a role's policies (`hits`, from `grants` on them) that its permissions boundary lets through. The
 * boundary is read with the same analysis (`grants` on its document): what the role's policies grant is a
 * finding only where the boundary allows such a grant too (`overlaps`), for what both allow is all the role gets.
 * A boundary that grants nothing of the kind rules the hits out: it allows a part at most, which the check does
 * not look for (`s3:GetObject` of a policy's `s3:*`). A boundary Parapet cannot read, or one whose statements
 * may allow the grant, leaves the hits as they are, and the finding says the boundary may limit them: the
 * policies grant it, and a guess either way would be a false alarm or a false pass.
 */
export function withinBoundary<H extends PolicyHit>(
  inventory: Inventory,
  role: IamRole,
  hits: H[],
  grants: (input: PolicyInput) => H[],
  overlaps: (hit: H, allowed: H) => boolean = actionsOverlap,
): Bounded<H> {
  const none: Bounded<H> = { hits, allowedBy: NONE_ALLOWED, words: NO_WORDS, limitedWords: '' };
  const boundary = hits.length === 0 ? undefined : boundaryOf(inventory, role);
  if (boundary === undefined) return none;
  const its = `its permissions boundary ${boundary.name}`;
  if (!boundary.read) {
    const words = `; ${its} may limit this, but Parapet did not read it (${boundary.why})`;
    return { ...none, words: () => words, its };
  }
  const allowed = grants(boundary.document);
  // A boundary whose statements cannot be read at all: as one not read.
  const unread = allowed.find((hit) => hit.statement === undefined);
  if (unread !== undefined) {
    const words = `; ${its} may limit this, but Parapet did not read it (${unread.reason})`;
    return { ...none, words: () => words, its };
  }
  const by = new Map<H, H[]>();
  const kept: H[] = [];
  for (const hit of hits) {
    const found = allowed.filter((other) => overlaps(hit, other));
    if (found.length === 0) continue;
    // What a Deny leaves is not known before deploy, and the boundary allows only what that may be: unknown.
    const known = knownLeft(hit);
    const unsure =
      known !== undefined && !found.some((other) => overlaps(known, other) || allowsEvery(other));
    const weighed = unsure ? maybeLeft(hit) : hit;
    by.set(weighed, found);
    kept.push(weighed);
  }
  const limited = hits.filter((hit) => allowed.every((other) => !overlaps(hit, other)));
  const labels = groupHits(
    limited.filter((hit) => hit.left === undefined),
    role,
  ).map((group) => group.label);
  const alone =
    labels.length === 0
      ? []
      : [`what ${labels.join('; ')} grants is limited by ${its}, which allows no such grant`];
  // Cut by a Deny first: both limit it (IAM allows only what no Deny denies and the boundary allows).
  const withDenies = groupHits(
    limited.filter((hit) => hit.left !== undefined),
    role,
  ).map((group) => {
    const left = group.hits.flatMap((hit) => (hit.left === undefined ? [] : [hit.left]));
    const denies = [...new Set(left.flatMap((l) => l.by.map((deny) => denyLabel(deny, role))))];
    const patterns = [...new Set(left.flatMap((l) => l.patterns))];
    // Left by a NotResource: the actions on what it keeps, named by it rather than counted.
    const kept = [...new Set(left.map((l) => l.onKept))];
    const what =
      kept.length === 1 && kept[0] !== undefined
        ? `the actions on ${kept[0]}`
        : patterns.length <= SHOWN
          ? patterns.join(', ')
          : `${patterns.length.toLocaleString('en-US')} actions`;
    return (
      `what ${group.label} grants is limited by ${denies.join(' and ')}, which leave${denies.length === 1 ? 's' : ''} ` +
      `it ${what}, and by ${its}, which allows none of that`
    );
  });
  const clauses = [...withDenies, ...alone];
  const limitedWords = clauses.length === 0 ? '' : ` (${clauses.join('; ')})`;
  const words = (group: readonly H[]) => {
    const found = [...new Set(group.flatMap((hit) => by.get(hit) ?? []))];
    const certain = found.filter((hit) => hit.answer === 'yes');
    if (certain.length > 0) return `; ${its} allows ${[...new Set(certain.map(granted))].join(', ')}`;
    return found.length === 0
      ? ''
      : `; whether ${its} allows it is not known: it ${[...new Set(found.map((hit) => hit.reason))].join('; ')}`;
  };
  return { hits: kept, allowedBy: (hit) => by.get(hit), words, limitedWords, its };
}

/** A boundary's hit allowing every action (`*`): whatever a Deny leaves, it allows. */
function allowsEvery(hit: PolicyHit): boolean {
  return hit.answer === 'yes' && (patternsOf(hit)?.includes('*') ?? false);
}

/** A certain hit whose Deny leaves what is not known before deploy, with only the known part left; else undefined. */
function knownLeft<H extends PolicyHit>(hit: H): H | undefined {
  const left = hit.left;
  if (hit.answer !== 'yes' || left?.doubt === undefined) return undefined;
  return { ...hit, left: { ...left, patterns: left.patterns.filter((pattern) => !pattern.includes('${')) } };
}

/** The hit as one that may grant: `may grant every action ("*"): the NotAction of that Deny is not known ...`. */
function maybeLeft<H extends PolicyHit>(hit: H): H {
  return { ...hit, answer: 'unknown', reason: `may grant ${granted(hit)}: ${hit.left?.doubt}` };
}

/**
 * Whether two hits may grant some action in common, by the action patterns they quote (`value`: `s3:*`,
 * `*`, `s3:PutObject, dynamodb:*`): one matches the other as text, or both hold wildcards in one service.
 * A hit that quotes none (a NotAction, an Action not known before deploy) may grant anything.
 */
export function actionsOverlap(hit: PolicyHit, other: PolicyHit): boolean {
  const mine = patternsOf(hit);
  const theirs = patternsOf(other);
  if (mine === undefined || theirs === undefined) return true;
  return mine.some((a) => theirs.some((b) => actionPatternsOverlap(a, b)));
}

/**
 * Whether a boundary's hit may allow an action: its patterns (what a Deny leaves of them, else as quoted) match it,
 * or it quotes none (a NotAction, an Action not known before deploy).
 */
export function mayAllowAction(hit: PolicyHit, action: string): boolean {
  // An Allow with NotAction (and no Deny cutting it): every action but those, which it does not allow.
  const excluded = hit.left === undefined ? notActionsOf(hit) : undefined;
  if (excluded !== undefined) return !excluded.some((pattern) => wildcardMatches(pattern, action, true));
  const patterns = patternsOf(hit);
  return patterns === undefined || patterns.some((pattern) => wildcardMatches(pattern, action, true));
}

/** The NotAction patterns of a hit's statement, lower case, when all are known before deploy. */
function notActionsOf(hit: PolicyHit): readonly string[] | undefined {
  const written = hit.statement?.notActions;
  if (written === undefined || isUnknown(written) || written.some(isUnknown)) return undefined;
  return (written as readonly string[]).map((pattern) => pattern.toLowerCase());
}

function patternsOf(hit: PolicyHit): readonly string[] | undefined {
  const patterns = hit.left?.patterns ?? hit.value?.split(', ');
  if (patterns === undefined || patterns.some((p) => p.includes('${') || p.startsWith('<'))) return undefined;
  return patterns.map((pattern) => pattern.toLowerCase());
}

/** Whether two action patterns (lower case) may name a common action: one matches the other, or both are wildcards of one service. */
function actionPatternsOverlap(a: string, b: string): boolean {
  if (wildcardMatches(a, b) || wildcardMatches(b, a)) return true;
  const service = (pattern: string) => pattern.split(':')[0];
  return /[*?]/.test(a) && /[*?]/.test(b) && service(a) === service(b);
}
