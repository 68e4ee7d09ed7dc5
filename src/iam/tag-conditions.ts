// Resource-tag conditions (attribute-based access control) on a grant on every resource (of a type): what they leave
// of it, and whether the role may widen it by tagging. See narrowByTags.
import type { Statement } from '../model/iam.js';
import { isUnknown, replacePlaceholders } from '../model/values.js';
import { type ActionInfo, listsResourceTagKey, taggingActionsOf } from './action-data.js';
import { type DenyStatement, denyOutcome } from './denies.js';
import { denyReach } from './deny-reach.js';
import { type HitOptions, type PolicyInput, type Visit, visitStatements } from './hits.js';
import { coversAction, isAllow } from './statements.js';
import { keepsFromSetting, onCreateOnly } from './tagging-conditions.js';
import { type AnalysisOptions, elementsOf, instantiate } from './templates.js';
import { hasWildcard, isStarOnly } from './wildcards.js';

/**
 * A positive condition on a resource tag: `StringEquals aws:ResourceTag/Scheduled: 'true'`. IAM grants the actions the
 * key applies to only on resources that carry the tag with one of the values: a resource without it does not match a
 * plain operator (IAM User Guide, "Condition operators": a key missing from the request context does not match). This
 * is attribute-based access control as the IAM User Guide describes it ("What is ABAC for AWS?", "Controlling access
 * to AWS resources using tags"): which resources it reaches is chosen by whoever may tag them.
 */
export interface TagCondition {
  /** `StringEquals aws:ResourceTag/Scheduled`. */
  readonly condition: string;
  /** `Scheduled=true`, several values joined with "or": `Env=dev or Env=test`. */
  readonly words: string;
  /** The key as written: `aws:ResourceTag/Scheduled`. */
  readonly key: string;
  /** The tag key (`Scheduled`) and the values it must hold, one of them (`true`). */
  readonly tag: string;
  readonly values: readonly string[];
}

export interface TagConditions {
  readonly positive: readonly TagCondition[];
  /** Conditions on a resource tag that do not narrow the grant, and why (`...IfExists`, negations, wildcards). */
  readonly ignored: readonly { readonly condition: string; readonly why: string }[];
}

const NONE: TagConditions = { positive: [], ignored: [] };

/** `aws:ResourceTag/Scheduled` → `Scheduled`; the service keys alike (`ec2:ResourceTag/`, `ssm:resourceTag/`). */
const RESOURCE_TAG = /^[a-z0-9-]+:resourcetag\/(.+)$/i;
const POSITIVE = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);

/** Why an operator on a resource tag does not limit the grant to tagged resources, if it does not. */
function operatorProblem(operator: string): string | undefined {
  const op = operator.toLowerCase();
  // A resource tag key holds one value: AWS writes set operators for keys that hold several.
  if (op.startsWith('forallvalues:')) return 'ForAllValues passes when the resource has no such tag';
  if (op.startsWith('foranyvalue:')) return 'a set operator on a key that holds one value is not weighed';
  if (op.endsWith('ifexists')) return 'an ...IfExists operator lets resources without the tag through';
  if (/^stringnot/.test(op))
    return 'a negated operator lets every other value through, and resources without the tag';
  return POSITIVE.has(op) ? undefined : `${operator} does not pin a value`;
}

/**
 * The statement's conditions on resource tags. A value not known before deploy (a parameter without default), or a
 * Condition block that cannot be read, gives none: the condition is then one the checks do not weigh, as before.
 */
export function tagConditions(statement: Statement): TagConditions {
  const conditions = statement.conditions;
  if (conditions === undefined || isUnknown(conditions)) return NONE;
  const positive: TagCondition[] = [];
  const ignored: { condition: string; why: string }[] = [];
  for (const [operator, entries] of Object.entries(conditions)) {
    for (const [key, list] of Object.entries(entries)) {
      const tag = RESOURCE_TAG.exec(key)?.[1];
      if (tag === undefined) continue;
      const condition = `${operator} ${key}`;
      const problem = operatorProblem(operator);
      const values = elementsOf(list);
      if (problem !== undefined) {
        if (!problem.endsWith('does not pin a value')) ignored.push({ condition, why: problem });
        continue;
      }
      if (isUnknown(values) || values.length === 0 || values.some((v) => isUnknown(v))) continue;
      const texts = values as readonly string[];
      if (operator.toLowerCase() === 'stringlike' && texts.some(hasWildcard)) {
        ignored.push({ condition, why: 'a wildcard value is not weighed' });
        continue;
      }
      positive.push({
        condition,
        key,
        tag,
        values: texts,
        words: texts.map((value) => `${tag}=${value}`).join(' or '),
      });
    }
  }
  return { positive, ignored };
}

/** Removing a tag never widens a positive condition: only the verbs that add or overwrite tags count. */
const REMOVES = /^(untag|delete|remove)/i;

/**
 * The service's actions at IAM's Tagging level that add or overwrite tags (ec2:CreateTags, lambda:TagResource,
 * ssm:AddTagsToResource), for the services whose resources an action acts on: its own and its ARNs'.
 */
function taggingActions(action: ActionInfo): readonly string[] {
  const own = action.name.split(':')[0] as string;
  const services = new Set([own, ...(action.arnServices ?? [])]);
  return [...services].flatMap((service) =>
    taggingActionsOf(service)
      .filter((a) => !REMOVES.test(a.name.split(':')[1] ?? ''))
      .map((a) => a.name),
  );
}

/**
 * Whether two resource patterns may name a common resource, field by field of the ARN: literal fields that differ
 * (another service, another account), or resource parts whose literal beginnings differ (`volume/` and `instance/`),
 * name none in common. Anything else may overlap. A `*` matches `:` too, so a wildcard region could in principle
 * reach into the resource part; the literal type after it (`:volume/`) must still appear there, which no ARN of the
 * other type holds.
 */
export function mayOverlap(a: string, b: string): boolean {
  if (isStarOnly(a) || isStarOnly(b)) return true;
  const [fa, fb] = [a.split(':'), b.split(':')];
  if (fa.length < 6 || fb.length < 6) return true;
  for (let i = 0; i < 5; i++) {
    const [x, y] = [fa[i] as string, fb[i] as string];
    if (!hasWildcard(x) && !hasWildcard(y) && x.toLowerCase() !== y.toLowerCase()) return false;
  }
  const literal = (parts: string[]) => parts.slice(5).join(':').split(/[*?]/, 1)[0] as string;
  const [ra, rb] = [literal(fa), literal(fb)];
  return ra.startsWith(rb) || rb.startsWith(ra);
}

/** A pattern as written with its `${...}` read as any text (`arn:aws:ec2:${AWS::Region}:...` → `arn:aws:ec2:*:...`). */
const widened = (written: string) => replacePlaceholders(written, '*');

/**
 * Whether an Allow of the role may add a tag to resources of `granted` (`all`, or the patterns as written) with one
 * of the tagging actions: a statement whose Action covers one (`ec2:CreateTags`, `ec2:*`, `*`) and whose Resource may
 * name some of them, unless a Deny of `denies` certainly takes that action back there (without conditions, on every
 * resource of `granted`: IAM User Guide, "Policy evaluation logic", an explicit Deny overrides any Allow) or the
 * statement's conditions keep it from setting every key of `keys` to a value they want (see keepsFromSetting), or let
 * it tag only within a call creating a resource (see onCreateOnly). A
 * statement whose Effect, Action or Resource is not known, and a policy that cannot be read (`unreadable`), may: the
 * role may then tag them. Returns the tagging action found, or undefined when none is.
 */
export function mayTag(
  allows: readonly Visit[],
  unreadable: boolean,
  action: ActionInfo,
  granted: 'all' | readonly string[],
  options: AnalysisOptions,
  denies: readonly DenyStatement[] = [],
  keys: readonly TagCondition[] = [],
): string | undefined {
  const denied = (name: string) =>
    denyOutcome(
      denies,
      (deny) => coversAction(deny, name, options),
      (deny) => denyReach(deny, granted, options),
      false,
    ).answer === 'yes';
  const tagging = taggingActions(action).filter((name) => !denied(name));
  for (const { statement } of allows) {
    if (isAllow(statement) === 'no') continue;
    const found = tagging.find(
      (name) => coversAction(statement, name, options) !== 'no' && !onCreateOnly(statement, name),
    );
    if (found === undefined || !mayReach(statement, granted, options)) continue;
    if (keys.length > 0 && keys.every((key) => keepsFromSetting(statement, key))) continue;
    return found;
  }
  return unreadable ? 'a policy of it that Parapet cannot read may let it' : undefined;
}

function mayReach(
  statement: Statement,
  granted: 'all' | readonly string[],
  options: AnalysisOptions,
): boolean {
  if (statement.resources === undefined) return true; // a NotResource: every resource but some
  const resources = elementsOf(statement.resources);
  if (isUnknown(resources) || granted === 'all') return true;
  return resources.some((value) => {
    const text = instantiate(value, 'anyText', options);
    return text === undefined || granted.some((pattern) => mayOverlap(text, widened(pattern)));
  });
}

/** What the statement's resource-tag conditions do to the writes a hit grants (see tagNarrowing). */
export interface TagNarrowing {
  /** The writes granted only on resources carrying the tag: the catalog lists a positive condition's key for them. */
  readonly tagged: readonly ActionInfo[];
  /** The writes left as they were. */
  readonly open: readonly ActionInfo[];
  /** The conditions that narrow every one of `tagged`, or (none does) those narrowing some, with their words. */
  readonly conditions: readonly string[];
  /** `tagged Scheduled=true`, `tagged Env=dev and Owner=ops`, `tagged A=1 or B=2`. */
  readonly words: string;
  /** Resource-tag conditions that narrow none of them, and why (`...IfExists`; the role may tag them itself). */
  readonly ignored: readonly { readonly condition: string; readonly why: string }[];
}

/** The role's Allow statements, and whether a policy of it cannot be read (it may allow tagging). */
export interface RoleAllows {
  readonly allows: readonly Visit[];
  readonly unreadable: boolean;
}

/**
 * How the statement's positive resource-tag conditions narrow writes it grants on `granted`: a write narrows when the
 * IAM action catalog lists the condition's key for it (for any other the key says nothing known, and it is left as it
 * was) and no Allow of the role may add tags to those resources (see mayTag): a role that can tag them chooses them
 * itself, and the condition limits nothing. Undefined when the statement has no condition on a resource tag.
 */
/**
 * IAM's permissions management (iam:PutRolePolicy, iam:AttachRolePolicy, iam:CreatePolicyVersion...) is not narrowed
 * by a tag: the role itself may carry it (SAM copies a function's Tags onto the role it generates; CDK's Tags.of
 * tags every construct below), and then it changes its own permissions: privilege escalation, whoever tags.
 */
function changesIamPermissions(action: ActionInfo): boolean {
  return action.name.toLowerCase().startsWith('iam:') && action.levels.has('Permissions management');
}

const SELF_TAGGED =
  "the role may carry the tag itself (SAM copies a function's Tags to its role) and then change its own permissions with it";

export function tagNarrowing(
  statement: Statement,
  actions: readonly ActionInfo[],
  granted: 'all' | readonly string[],
  role: () => RoleAllows,
  options: AnalysisOptions,
  denies: readonly DenyStatement[] = [],
): TagNarrowing | undefined {
  const read = tagConditions(statement);
  if (read.positive.length === 0 && read.ignored.length === 0) return undefined;
  const tagged: { action: ActionInfo; by: readonly TagCondition[] }[] = [];
  const open: ActionInfo[] = [];
  const ignored = new Map(read.ignored.map((i) => [i.condition, i.why]));
  const taggers = new Map<string, string | undefined>();
  for (const action of actions) {
    const by = read.positive.filter((c) => listsResourceTagKey(c.key, action.name) === true);
    if (by.length === 0) {
      open.push(action);
      continue;
    }
    if (changesIamPermissions(action)) {
      open.push(action);
      for (const c of by) ignored.set(c.condition, SELF_TAGGED);
      continue;
    }
    const service = [
      action.name.split(':')[0],
      ...(action.arnServices ?? []),
      ...by.map((c) => c.condition),
    ].join(' ');
    if (!taggers.has(service)) {
      const { allows, unreadable } = role();
      taggers.set(service, mayTag(allows, unreadable, action, granted, options, denies, by));
    }
    const tagger = taggers.get(service);
    if (tagger === undefined) tagged.push({ action, by });
    else {
      open.push(action);
      for (const c of by) ignored.set(c.condition, `the role may tag them itself (${tagger})`);
    }
  }
  const every = read.positive.filter((c) => tagged.every((t) => t.by.includes(c)));
  const some = read.positive.filter((c) => tagged.some((t) => t.by.includes(c)));
  const shown = every.length > 0 ? every : some;
  return {
    tagged: tagged.map((t) => t.action),
    open,
    conditions: shown.map((c) => c.condition),
    words: `tagged ${shown.map((c) => c.words).join(every.length > 0 ? ' and ' : ' or ')}`,
    ignored: [...ignored].map(([condition, why]) => ({ condition, why })),
  };
}

/**
 * The Allow statements (or those that may be) of the policies read and of the role's `others` (those the caller
 * leaves out of its reading, AWS managed ones), read once on first use; a policy whose document is not known counts
 * as unreadable, AWS managed or not.
 */
export function roleAllows(input: PolicyInput, others: PolicyInput, options: HitOptions): () => RoleAllows {
  let read: RoleAllows | undefined;
  return () => {
    if (read === undefined) {
      const allows: Visit[] = [];
      const visit = (v: Visit) => {
        if (isAllow(v.statement) !== 'no') allows.push(v);
      };
      const every = { ...options, unseenAwsManaged: 'unknown' as const };
      const unseen = [...visitStatements(input, every, visit), ...visitStatements(others, every, visit)];
      read = { allows, unreadable: unseen.length > 0 };
    }
    return read;
  };
}

/** `tagged Scheduled=true (StringEquals aws:ResourceTag/Scheduled)`, after the resources a hit names. */
export function taggedWords(tags: TagNarrowing): string {
  return `${tags.words} (${tags.conditions.join(', ')})`;
}
