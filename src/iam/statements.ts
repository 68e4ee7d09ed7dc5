import { writtenDynamicReferences } from '../model/dynamic-references.js';
import type { PolicyDocument, Statement } from '../model/iam.js';
import { type Derivation, Inventory } from '../model/inventory.js';
import { isUnknown, shapeOf, type Value } from '../model/values.js';
import { actionPatternMatches } from './actions.js';
import { partitionOf } from './partitions.js';
import { resourceStartOf, type TypeScope, typeScopeOf } from './resource-scope.js';
import {
  type AnalysisOptions,
  broadTest,
  comparedText,
  describeValue,
  elementsOf,
  instantiate,
  mayComeFromOutside,
  openPlaceholders,
} from './templates.js';
import { anyOfEach, not, type Tri } from './tri.js';
import { isStarOnly, wildcardMatches } from './wildcards.js';

/** The statements of a document; Unknown when the document or its statement list cannot be seen. */
export function statementsOf(doc: Value<PolicyDocument>): Value<readonly Statement[]> {
  return isUnknown(doc) ? doc : doc.statements;
}

/** Whether the statement is an Allow (a Deny never grants). */
export function isAllow(statement: Statement): Tri {
  return isUnknown(statement.effect) ? 'unknown' : statement.effect === 'Allow' ? 'yes' : 'no';
}

export function isDeny(statement: Statement): Tri {
  return isUnknown(statement.effect) ? 'unknown' : statement.effect === 'Deny' ? 'yes' : 'no';
}

/** The Allow statements of a document with how sure that is; an unseen document gives none (see statementsOf). */
export function allowStatements(
  doc: Value<PolicyDocument>,
): readonly { statement: Statement; allow: 'yes' | 'unknown' }[] {
  const statements = statementsOf(doc);
  if (isUnknown(statements)) return [];
  const result: { statement: Statement; allow: 'yes' | 'unknown' }[] = [];
  for (const statement of statements) {
    const allow = isAllow(statement);
    if (allow !== 'no') result.push({ statement, allow });
  }
  return result;
}

/**
 * Whether the statement's Action (or NotAction) covers an action, effect, resources and conditions
 * aside: `Action: s3:Get*` covers `s3:GetObject`; `NotAction: iam:*` covers every non-IAM action.
 */
export function coversAction(statement: Statement, action: string, options: AnalysisOptions = {}): Tri {
  return coveredBy(statement.actions, statement.notActions, (pattern) =>
    broadTest(pattern, (text) => actionPatternMatches(text, action), 'anyText', options),
  );
}

/**
 * Whether the statement's Resource (or NotResource) covers every resource `coversAll` stands for.
 * A NotResource covers them unless one of its patterns excludes them all (`NotResource: "*"`).
 */
export function coversResources(
  statement: Statement,
  coversAll: (pattern: string) => boolean,
  options: AnalysisOptions = {},
): Tri {
  return coveredBy(statement.resources, statement.notResources, (pattern) =>
    broadTest(pattern, coversAll, 'anyPattern', options),
  );
}

/**
 * An element and its Not form (Action / NotAction, Resource / NotResource): the element covers what any of
 * its patterns `matches`; the Not form, what none of its patterns does; neither covers nothing.
 */
function coveredBy(
  element: Statement['actions'],
  notElement: Statement['actions'],
  matches: (pattern: Value<string>) => Tri,
): Tri {
  const listed = elementsOf(element);
  if (listed !== undefined) return isUnknown(listed) ? 'unknown' : anyOfEach(listed, matches);
  const excluded = elementsOf(notElement);
  if (excluded !== undefined) return isUnknown(excluded) ? 'unknown' : not(anyOfEach(excluded, matches));
  return 'no';
}

/**
 * Whether a resource pattern matches every resource: `*`, `arn:*`, `arn:aws:*:*:*:*`. Tested against
 * unrelated ARNs of several services, accounts and regions in the pattern's partition.
 */
export function isAllResources(pattern: string): boolean {
  if (isStarOnly(pattern)) return true;
  if (!pattern.includes('*')) return false; // without a `*` it matches at most one name
  const p = partitionOf(pattern);
  // Cheap rejection of the usual ARNs: the text before the first wildcard must fit every probe.
  const prefix = pattern.split(/[*?]/, 1)[0] as string;
  if (!`arn:${p}:`.startsWith(prefix)) return false;
  return [
    `arn:${p}:s3:::parapet-probe/some/key`,
    `arn:${p}:iam::111122223333:role/service-role/Probe-1`,
    `arn:${p}:lambda:eu-west-3:999988887777:function:probe`,
    `arn:${p}:execute-api:us-east-1:444455556666:abc123/prod/GET/`,
  ].every((arn) => wildcardMatches(pattern, arn));
}

/** Whether the statement applies to every resource (`Resource: "*"`, or any NotResource short of `*`). */
export function coversAllResources(statement: Statement, options: AnalysisOptions = {}): Tri {
  const reading = resourceReading(statement, options);
  if (reading === undefined) return coversResources(statement, isAllResources, options);
  reading.all ??= coversResources(statement, isAllResources, options);
  return reading.all;
}

/** What coversAllResources and typedResources found of a statement. */
interface ResourceReading {
  all?: Tri;
  typed?: readonly TypedResource[];
}

const RESOURCE_READINGS: Derivation<Statement, ResourceReading> = { compute: () => ({}) };

/**
 * Where to keep what coversAllResources and typedResources find of a statement: each check of a role's grants asks
 * it of every statement again (wildcard read, wildcard write, the managed policy boundary), with the same options.
 * Kept with the inventory the options name (see Inventory.derived); undefined, worked out each time, without one or
 * for a given account (what `${AWS::AccountId}` reads as).
 */
function resourceReading(statement: Statement, options: AnalysisOptions): ResourceReading | undefined {
  const inventory = options.inventory;
  if (options.selfAccount !== undefined || !(inventory instanceof Inventory)) return undefined;
  return inventory.derived(RESOURCE_READINGS, statement);
}

/**
 * What a statement's NotResource leaves out, as words after `every resource` (` except arn:aws:s3:::b/*`), for a
 * finding to say the grant comes from it, as NotAction's findings do; undefined when the statement has a
 * Resource or no NotResource.
 */
export function notResourceWords(statement: Statement): string | undefined {
  if (statement.resources !== undefined || statement.notResources === undefined) return undefined;
  const excluded = elementsOf(statement.notResources);
  return isUnknown(excluded)
    ? ' except those its NotResource names'
    : ` except ${excluded.map(describeValue).join(', ')}`;
}

/** A Resource element naming every resource of one type (see typeScopeOf), certainly or possibly. */
export interface TypedResource {
  readonly answer: 'yes' | 'unknown';
  readonly scope: TypeScope;
  /** The element as written (its template when not known before deploy). */
  readonly written: string;
  /** The element as a Deny's resources are compared with it (see comparedText). */
  readonly compared: string;
  /** The literal start of its resource part, up to its first wildcard or value not known (see resourceStartOf). */
  readonly start: string;
  /** For `unknown`: what is not known, in words (`the Resource is not known before deploy (...)`). */
  readonly doubt?: string;
}

/**
 * The Resource elements of a statement that name every resource of one type: `arn:aws:s3:::*`,
 * `arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*` (yes), or may once a value
 * from outside the template is filled in: `arn:aws:s3:::${BucketName}` of a parameter without default
 * could be `*`, and `table/${Prefix}*` every table when the prefix is empty (unknown; see
 * mayComeFromOutside for what the source lets this see). Elements that do or may name every resource are left to coversAllResources;
 * a NotResource is too (it grants every resource but the ones it names).
 */
export function typedResources(
  statement: Statement,
  options: AnalysisOptions = {},
): readonly TypedResource[] {
  const reading = resourceReading(statement, options);
  if (reading === undefined) return typedResourcesOf(statement, options);
  reading.typed ??= typedResourcesOf(statement, options);
  return reading.typed;
}

function typedResourcesOf(statement: Statement, options: AnalysisOptions): TypedResource[] {
  const resources = elementsOf(statement.resources);
  if (resources === undefined || isUnknown(resources)) return [];
  const found: TypedResource[] = [];
  for (const pattern of resources) {
    // Without a `*` as written, only a value from outside the template could make one (the common case).
    if (!(shapeOf(pattern) ?? '').includes('*') && !mayComeFromOutside(pattern)) continue;
    const narrow = instantiate(pattern, 'narrow', options);
    if (narrow === undefined || isAllResources(narrow)) continue;
    const certain = typeScopeOf(narrow);
    const start = resourceStartOf(instantiate(pattern, 'anyPattern', options) ?? '');
    if (certain) {
      found.push({ answer: 'yes', scope: certain, ...writtenAs(pattern, statement), start });
      continue;
    }
    // Unlike every resource, every resource of a type is open only to values from outside the template:
    // `arn:${AWS::Partition}:s3:::${Uploads}` names one bucket when Uploads is a bucket of the template.
    if (!mayComeFromOutside(pattern)) continue;
    const wide = instantiate(pattern, 'anyPattern', options) as string;
    const possible = isAllResources(wide) ? undefined : typeScopeOf(wide);
    if (possible) {
      found.push({
        answer: 'unknown',
        scope: possible,
        ...writtenAs(pattern, statement),
        start,
        doubt: resourceDoubt(pattern, options),
      });
    }
  }
  return found;
}

function writtenAs(pattern: Value<string>, statement: Statement): { written: string; compared: string } {
  const written = describeValue(pattern);
  return { written, compared: comparedText(pattern, statement.source) ?? written };
}

/**
 * Why a Resource element is not known, naming what could widen it: a `!Sub` takes the reason of its first
 * unknown part, often `${AWS::Partition}`, which is not what could make it `*`. A reason names a dynamic reference
 * as written (`{{resolve:ssm:/${Stage}/bucket}}`), not as the shape holds it (`${resolve:ssm:/$(Stage)/bucket}`).
 */
function resourceDoubt(pattern: Value<string>, options: AnalysisOptions): string {
  const reason = isUnknown(pattern) ? pattern.reason : '';
  const open = openPlaceholders(pattern, options);
  const named = open.some(
    (p) => reason.includes(p.slice(2, -1)) || reason.includes(writtenDynamicReferences(p)),
  );
  const why = open.length === 0 || named ? reason : `it depends on ${open.join(', ')}`;
  return `the Resource is not known before deploy (${why})`;
}

/** Whether the statement carries conditions (which may narrow what it grants). */
export function hasConditions(statement: Statement): Tri {
  const conditions = statement.conditions;
  if (conditions === undefined) return 'no';
  if (isUnknown(conditions)) return 'unknown';
  return Object.values(conditions).some((keys) => Object.keys(keys).length > 0) ? 'yes' : 'no';
}
