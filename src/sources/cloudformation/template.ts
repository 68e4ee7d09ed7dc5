import type { ScanError } from '../../findings/finding.js';
import type { Resource } from '../../model/index.js';
import { Inventory } from '../../model/inventory.js';
import { own, setOwn } from '../../model/own.js';
import type { GeneratedBy, Mutable, ResourceBase } from '../../model/resource.js';
import type { Locator } from '../../model/source.js';
import { isUnknown } from '../../model/values.js';
import { findResourceCycles } from './cycles.js';
import {
  asRecord,
  parameterText,
  Resolver,
  type Resolver as ResolverType,
  type TemplateIssue,
} from './intrinsics.js';
import {
  expandLanguageExtensions,
  FOR_EACH,
  IdsWithUnexpandedLoops,
  reportedByLoops,
} from './language-extensions/index.js';
import { linkResources } from './link.js';
import { apigatewayMappers } from './map/apigateway.js';
import { MapContext } from './map/context.js';
import { dataStoreMappers } from './map/data-stores.js';
import { ec2Mappers } from './map/ec2.js';
import { iamMappers } from './map/iam.js';
import { lambdaMappers } from './map/lambda.js';
import { monitoringMappers } from './map/monitoring.js';
import { schedulerMappers } from './map/scheduler.js';
import type { BaseFields, Mapper } from './map/types.js';
import {
  type ParentValues,
  unknownParentValues,
  withoutParentNames,
  withParentText,
} from './nested-stacks.js';
import { checkParameterValues, holdsSecret } from './parameters.js';
import { expandSam, isSamTemplate, locatingOrigins } from './sam/index.js';
import type { StackExports } from './stack-exports.js';
import { inlineSuppressions } from './suppressions.js';
import { parseError, samWithoutTransform } from './template-errors.js';
import type { ParseIssue } from './yaml.js';

/** CloudFormation allows this many resources in one template. */
export const CLOUDFORMATION_RESOURCE_LIMIT = 500;

export interface TemplateOptions {
  /** Parameter values given on the command line; they replace defaults and are not "assumed". */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Errors the parser found (unknown tags), reported with the resource that holds each. */
  readonly parseErrors?: readonly ParseIssue[];
  /** Conditions taken as true or false, for one case of those not known before deploy. */
  readonly conditions?: ReadonlyMap<string, boolean>;
  /**
   * For a nested stack, the values its parent stack gives its parameters: known text is used as if given
   * with -p (for this template only), an Unknown says what it is in the parent. Both win over -p.
   */
  readonly fromParent?: ParentValues;
  /** Of `fromParent`, the values the parent took from its own parameters' defaults (a deploy may change them). */
  readonly fromParentDefaults?: ReadonlySet<string>;
  /** Exports of the other stacks scanned together, by export name: what an `Fn::ImportValue` of one gives. */
  readonly exports?: StackExports;
}

export interface TemplateResult {
  readonly inventory: Inventory;
  readonly errors: ScanError[];
  /** Conditions met whose value is not known before deploy, each with why (see Resolver.undecided). */
  readonly undecided: ReadonlyMap<string, string>;
  /** Per resource (logical id, generated ones too), the undecided conditions its mapping met. */
  readonly conditionsMet: ReadonlyMap<string, readonly string[]>;
}

/** Whether parsed content is a CloudFormation / SAM template. */
export function isTemplate(value: unknown): value is Record<string, unknown> {
  const doc = asRecord(value);
  if (!doc) return false;
  if ('AWSTemplateFormatVersion' in doc) return true;
  const resources = asRecord(doc.Resources);
  if (!resources) return false;
  for (const id in resources) {
    if (typeof asRecord(resources[id])?.Type === 'string' || id.startsWith(FOR_EACH)) return true;
  }
  return false;
}

// The mappers that read nothing of the template but the resource, merged once for every template.
const PLAIN_MAPPERS = new Map<string, Mapper>(
  Object.entries({ ...iamMappers, ...ec2Mappers, ...monitoringMappers, ...dataStoreMappers }),
);

/**
 * The mapper of a resource type, if Parapet models it. A Map, not an object: a `Type: constructor`
 * must not find Object's own properties. Those that look at other resources are made per template.
 */
function mappersOf(
  typeOf: (id: string) => string | undefined,
  resources: Record<string, unknown>,
): (type: string) => Mapper | undefined {
  const perTemplate = [lambdaMappers(typeOf), apigatewayMappers(resources), schedulerMappers(typeOf)];
  return (type) => PLAIN_MAPPERS.get(type) ?? perTemplate.find((table) => Object.hasOwn(table, type))?.[type];
}

/**
 * Builds the inventory of one template: its transforms applied in CloudFormation's order (Fn::ForEach
 * loops, then SAM), intrinsics resolved as far as the template allows, each resource mapped to the model
 * and linked to the others.
 */
export function buildTemplateInventory(
  written: Record<string, unknown>,
  fileLocator: Locator,
  options: TemplateOptions = {},
): TemplateResult {
  const errors: ScanError[] = [];
  const parameters = withParentText(options.parameters, options.fromParent);
  for (const issue of options.parseErrors ?? []) errors.push(parseError(issue, written, fileLocator.file));
  // From here on, the template is the one the loops make; what they built is located at what they copy.
  const loops = asRecord(written.Resources)
    ? expandLanguageExtensions(written, parameters, options.exports)
    : undefined;
  const doc = loops?.template ?? written;
  const locator = loops ? locatingOrigins(fileLocator, loops.origins) : fileLocator;
  const issueToError = (issue: TemplateIssue, resource?: string): ScanError => {
    const position = issue.node
      ? (locator.locate(issue.node, issue.key) ?? locator.locate(issue.node))
      : undefined;
    return {
      kind: 'template',
      message: issue.message,
      file: locator.file,
      ...position,
      ...(resource ? { resource } : {}),
    };
  };
  if (!asRecord(doc.Resources)) {
    errors.push({
      kind: 'template',
      message: 'template has no Resources section',
      file: locator.file,
      ...locator.locate(doc),
    });
    return { inventory: new Inventory(locator.file), errors, undecided: new Map(), conditionsMet: new Map() };
  }

  // Values CloudFormation would refuse: reported, and the scan goes on with them.
  // Only the values given with -p: a parent's value is the deploy's, not the user's to correct.
  for (const issue of checkParameterValues(doc, withoutParentNames(options.parameters, options.fromParent)))
    errors.push(issueToError(issue));
  for (const issue of loops?.issues ?? []) errors.push(issueToError(issue, issue.resource));

  const sam = isSamTemplate(doc) ? expandSam(doc) : undefined;
  for (const issue of sam?.issues ?? []) errors.push(issueToError(issue));
  if (!sam) errors.push(...samWithoutTransform(doc, locator));
  const template = sam?.template ?? doc;
  const resources = asRecord(template.Resources) ?? {};
  const originalResources = asRecord(doc.Resources) ?? {};
  const ids = loops?.unexpandedIds.length
    ? new IdsWithUnexpandedLoops(Object.keys(resources), loops.unexpandedIds)
    : new Set(Object.keys(resources));
  const count = Object.keys(originalResources).length;
  if (count > CLOUDFORMATION_RESOURCE_LIMIT) {
    errors.push({
      kind: 'template',
      message: `template declares ${count} resources; CloudFormation accepts at most ${CLOUDFORMATION_RESOURCE_LIMIT} (scanned anyway)`,
      file: locator.file,
      ...locator.locate(doc, 'Resources'),
    });
  }

  for (const cycle of findResourceCycles(originalResources)) {
    errors.push({
      kind: 'template',
      message: `circular dependency between resources: ${cycle.join(' → ')} (CloudFormation rejects this template)`,
      file: locator.file,
      resource: cycle[0] as string,
      ...(locator.locate(originalResources, cycle[0] as string) ?? locator.locate(doc, 'Resources')),
    });
  }

  let currentResource: string | undefined;
  const resolver = new Resolver(
    template,
    ids,
    (issue) => {
      if (!loops || !reportedByLoops(issue, loops.leftAsWritten))
        errors.push(issueToError(issue, currentResource));
    },
    parameters,
    options.conditions,
    unknownParentValues(options.fromParent),
    options.fromParentDefaults,
    options.exports,
  );
  const ctx = new MapContext(resolver, sam ? locatingOrigins(locator, sam.origins) : locator);
  const typeOf = (id: string) => asRecord(own(resources, id))?.Type as string | undefined;
  const mapperOf = mappersOf(typeOf, resources);

  const mapped: Resource[] = [];
  const conditionsMet = new Map<string, readonly string[]>();
  for (const [id, raw] of Object.entries(resources)) {
    currentResource = id;
    const decl = asRecord(raw);
    const type = decl?.Type;
    if (!decl || typeof type !== 'string') {
      errors.push({
        kind: 'template',
        message: `resource ${id} has no Type`,
        file: locator.file,
        resource: id,
        ...locator.locate(resources, id),
      });
      continue;
    }
    const mapper = mapperOf(type);
    if (!mapper) continue;
    const resource = mapOne(ctx, resolver, mapper, {
      doc,
      id,
      decl,
      type,
      resources,
      originalResources,
      sam,
      locator,
      errors,
      loopDefaults: loops?.assumed,
      madeBy: loops?.madeBy,
    });
    if (resource) mapped.push(resource);
    if (resolver.undecidedMet.size > 0) conditionsMet.set(id, [...resolver.undecidedMet]);
  }
  currentResource = undefined;
  const inventory = new Inventory(locator.file, linkResources(mapped, ctx, resources, originalResources));
  return { inventory, errors, undecided: resolver.undecided, conditionsMet };
}

interface MapInput {
  readonly doc: Record<string, unknown>;
  readonly id: string;
  readonly decl: Record<string, unknown>;
  readonly type: string;
  readonly resources: Record<string, unknown>;
  readonly originalResources: Record<string, unknown>;
  readonly sam: ReturnType<typeof expandSam> | undefined;
  readonly locator: Locator;
  readonly errors: ScanError[];
  /** Resource id → defaults the collections of the loops that made it used (AWS::LanguageExtensions). */
  readonly loopDefaults: ReadonlyMap<string, readonly string[]> | undefined;
  /** Resource id → the loop that made it. */
  readonly madeBy: ReadonlyMap<string, string> | undefined;
}

/** What a resource's Condition says about it, beside its own fields. */
type Existence = Pick<ResourceBase, 'condition' | 'absentByDefault'>;

/**
 * Maps one resource, unless its Condition is false. A Condition false only because parameter defaults
 * were assumed does not drop it: a deploy with other values creates it, so it is mapped, marked, and
 * its failing findings become unknown. Decided with -p values alone (no default used), false drops it.
 */
function mapOne(
  ctx: MapContext,
  resolver: ResolverType,
  mapper: Mapper,
  input: MapInput,
): Resource | undefined {
  const { decl } = input;
  resolver.resetAssumptions();
  const name = decl.Condition;
  if (typeof name !== 'string') return mapResource(ctx, resolver, mapper, input, {});
  const holds = resolver.conditionNamed(name, { node: decl, key: 'Condition' });
  if (isUnknown(holds)) return mapResource(ctx, resolver, mapper, input, { condition: name });
  if (holds) return mapResource(ctx, resolver, mapper, input, {});
  if (resolver.assumed.size === 0) return undefined;
  const absentByDefault = { condition: name, defaults: shownDefaults(input.doc, resolver.assumed) };
  // Where it is deployed its Condition holds: an `Fn::If` on it in its properties takes the true branch.
  return resolver.whileHolding(name, () => mapResource(ctx, resolver, mapper, input, { absentByDefault }));
}

/** `Env=dev` for each default assumed; the value of a NoEcho parameter, or one named as a secret, is not shown. */
function shownDefaults(doc: Record<string, unknown>, assumed: ReadonlySet<string>): string[] {
  const parameters = asRecord(doc.Parameters);
  return [...assumed].sort().map((name) => {
    const decl = asRecord(parameters?.[name]);
    return holdsSecret(name, decl) ? `${name} (value not shown)` : `${name}=${parameterText(decl?.Default)}`;
  });
}

function mapResource(
  ctx: MapContext,
  resolver: ResolverType,
  mapper: Mapper,
  input: MapInput,
  existence: Existence,
): Resource | undefined {
  const { doc, id, decl, type, sam, originalResources, locator } = input;
  const provenance = sam?.provenance.get(id);
  // A resource a loop made (or one SAM generated from it) exists as it is only with the loop's collection.
  const loopDefaults = input.loopDefaults?.get(provenance?.samId ?? id) ?? [];
  for (const parameter of loopDefaults) resolver.assumed.add(parameter);
  const props = resolver.shallow(decl.Properties ?? {});
  if (isUnknown(props) || !asRecord(props)) {
    const position = locator.locate(decl, 'Properties');
    input.errors.push({
      kind: 'template',
      message: isUnknown(props)
        ? `Properties of ${id} cannot be known before deploy (${props.reason}); not checked`
        : `Properties of ${id} is not a mapping`,
      file: locator.file,
      resource: id,
      ...position,
    });
    return undefined;
  }

  const written = asRecord(originalResources[id]);
  let base: BaseFields;
  if (provenance && provenance.samId !== id) {
    const generatedBy: GeneratedBy = {
      id: provenance.samId,
      type: provenance.samType,
      source: ctx.source(provenance.node, provenance.key),
    };
    base = { id, type, source: generatedBy.source, properties: generatedBy.source, generatedBy };
  } else {
    // A resource the user wrote (or a SAM resource expanded in place): locate through what they wrote.
    const userProps = asRecord(written?.Properties) ?? (props as object);
    // A SAM resource expanded in place keeps the type the user wrote (AWS::Serverless::Function).
    base = {
      id,
      type: provenance?.samType ?? type,
      source: ctx.source(Object.hasOwn(originalResources, id) ? originalResources : input.resources, id),
      properties: ctx.source(userProps),
      ...inherited(ctx, doc, provenance?.samType, written),
      ...(provenance?.samType === 'AWS::Serverless::Function' ? { writtenAs: SAM_FUNCTION_NAMES } : {}),
    };
  }
  const metadata = asRecord(decl.Metadata) ?? asRecord(written?.Metadata);
  const cdkPath = metadata?.['aws:cdk:path'];
  const suppressions = inlineSuppressions(ctx, metadata, id, input.errors);
  const resource = mapper(ctx, base, props as Record<string, unknown>);
  if (!resource) return undefined;
  // Properties chosen by an `Fn::If` as a whole depend on its condition throughout: no narrowing.
  const byProperty =
    resolver.assumed.size > 0 && props === decl.Properties
      ? assumptionsByProperty(resolver, decl, props as Record<string, unknown>, loopDefaults)
      : undefined;
  // Completed in place: the mapper's object is new, and `{ ...resource }` of resources of every kind
  // is a copy V8 makes on its slowest path (as `{ ...base, more }` was in the mappers).
  const complete = resource as Mutable<Resource>;
  if (typeof cdkPath === 'string') complete.cdkPath = cdkPath;
  const loop = input.madeBy?.get(provenance?.samId ?? id);
  if (loop !== undefined) complete.loop = loop;
  if (resolver.assumed.size > 0) complete.assumedDefaults = [...resolver.assumed].sort();
  if (byProperty) complete.assumedDefaultsByProperty = byProperty;
  if (existence.condition !== undefined) complete.condition = existence.condition;
  if (existence.absentByDefault !== undefined) complete.absentByDefault = existence.absentByDefault;
  if (suppressions.length > 0) complete.suppressions = suppressions;
  return complete;
}

/**
 * Which of the defaults just assumed for a resource each top-level property depends on: a cheap walk
 * of the raw properties (no second resolution), kept to the defaults the mapping actually used.
 * Those deciding whether the resource exists (its Condition, the collection of the loop that made it),
 * and any the mapper read outside the resource's own properties, stand behind every finding.
 */
function assumptionsByProperty(
  resolver: ResolverType,
  decl: Record<string, unknown>,
  props: Record<string, unknown>,
  loopDefaults: readonly string[],
): ResourceBase['assumedDefaultsByProperty'] {
  const assumed = resolver.assumed;
  const attributed = new Set<string>();
  const found = new Set<string>();
  const properties: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(props)) {
    found.clear();
    resolver.parametersIn(value, found);
    if (found.size === 0) continue;
    const used = [...found].filter((parameter) => assumed.has(parameter));
    if (used.length === 0) continue;
    setOwn(properties, name, used.sort());
    for (const parameter of used) attributed.add(parameter);
  }
  const everywhere = new Set<string>(loopDefaults);
  if (typeof decl.Condition === 'string') resolver.parametersIn({ Condition: decl.Condition }, everywhere);
  for (const parameter of assumed) if (!attributed.has(parameter)) everywhere.add(parameter);
  return {
    everywhere: [...everywhere].filter((parameter) => assumed.has(parameter)).sort(),
    properties,
  };
}

/** CloudFormation property names of a function that SAM users write differently. */
const SAM_FUNCTION_NAMES: Readonly<Record<string, readonly string[]>> = {
  TracingConfig: ['Tracing'],
  DeadLetterConfig: ['DeadLetterQueue'],
  Code: ['CodeUri'],
};

/** SAM Globals sections by the resource type they apply to. */
const GLOBALS_SECTION: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
};

/**
 * Where a SAM resource's inherited properties are written (its Globals section), and the properties
 * its `IgnoreGlobals` attribute turns off: `"*"` inherits nothing.
 */
function inherited(
  ctx: MapContext,
  doc: Record<string, unknown>,
  samType: string | undefined,
  written: Record<string, unknown> | undefined,
): Pick<BaseFields, 'inheritedProperties' | 'notInherited'> {
  const section = samType ? asRecord(asRecord(doc.Globals)?.[GLOBALS_SECTION[samType] ?? '']) : undefined;
  const ignore = written?.IgnoreGlobals;
  if (!section || ignore === '*') return {};
  const notInherited = Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === 'string') : [];
  return {
    inheritedProperties: ctx.source(section),
    ...(notInherited.length > 0 ? { notInherited } : {}),
  };
}
