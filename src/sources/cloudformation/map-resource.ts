// Mapping one resource of a template to the model: the mapper of its type, its Condition, the defaults it
// assumed, where SAM or a loop made it from, and what it inherits from SAM's Globals.

import type { ScanError } from '../../findings/finding.js';
import type { Resource } from '../../model/index.js';
import { own, setOwn } from '../../model/own.js';
import type { GeneratedBy, Mutable, ResourceBase } from '../../model/resource.js';
import { isFileSource, type Locator } from '../../model/source.js';
import { isUnknown } from '../../model/values.js';
import type { ConditionPlace } from './conditions.js';
import { asRecord, intrinsicName, parameterText } from './intrinsic-values.js';
import { MACRO_OUTPUT, type Resolver as ResolverType } from './intrinsics.js';
import { apigatewayMappers } from './map/apigateway.js';
import type { MapContext } from './map/context.js';
import { dataStoreMappers } from './map/data-stores.js';
import { ec2Mappers } from './map/ec2.js';
import { iamMappers } from './map/iam.js';
import { lambdaMappers } from './map/lambda.js';
import { monitoringMappers } from './map/monitoring.js';
import { pipesMappers } from './map/pipes.js';
import { schedulerMappers } from './map/scheduler.js';
import { serviceCallerMappers } from './map/service-callers.js';
import { stepFunctionsMappers } from './map/stepfunctions.js';
import type { BaseFields, Mapper } from './map/types.js';
import { holdsSecret } from './parameters.js';
import type { expandSam } from './sam/index.js';
import { inlineSuppressions } from './suppressions.js';
import type { TemplateWarning } from './template.js';
import { requiredLeftOut } from './template-errors.js';

// The mappers that read nothing of the template but the resource, merged once for every template.
const PLAIN_MAPPERS = new Map<string, Mapper>(
  Object.entries({ ...iamMappers, ...ec2Mappers, ...monitoringMappers, ...dataStoreMappers }),
);

const noType = () => undefined;

/**
 * The mappers that look at other resources, made per template: each table, and the types it maps (read
 * once from a table made with nothing to look at).
 */
const PER_TEMPLATE = [
  (typeOf: (id: string) => string | undefined, _resources: Record<string, unknown>) => lambdaMappers(typeOf),
  (_typeOf: (id: string) => string | undefined, resources: Record<string, unknown>) =>
    apigatewayMappers(resources),
  (typeOf: (id: string) => string | undefined, _resources: Record<string, unknown>) =>
    schedulerMappers(typeOf),
  (typeOf: (id: string) => string | undefined, _resources: Record<string, unknown>) => pipesMappers(typeOf),
  (typeOf: (id: string) => string | undefined, _resources: Record<string, unknown>) =>
    stepFunctionsMappers(typeOf),
  (typeOf: (id: string) => string | undefined, _resources: Record<string, unknown>) =>
    serviceCallerMappers(typeOf),
].map((make) => ({ make, types: new Set(Object.keys(make(noType, {}))) }));

/** Every resource type Parapet maps to its model (for telling a misspelt type, see resource-types.ts). */
export const MODELED_TYPES: ReadonlySet<string> = new Set([
  ...PLAIN_MAPPERS.keys(),
  ...PER_TEMPLATE.flatMap((table) => [...table.types]),
]);

/**
 * The mapper of a resource type, if Parapet models it. A Map, not an object: a `Type: constructor`
 * must not find Object's own properties. Those that look at other resources are made per template, and
 * only when the template has a resource of theirs (most templates have no API: 500 of them made the API
 * tables for nothing).
 */
export function mappersOf(
  typeOf: (id: string) => string | undefined,
  resources: Record<string, unknown>,
): (type: string) => Mapper | undefined {
  const made: (Record<string, Mapper> | undefined)[] = [];
  return (type) => {
    const plain = PLAIN_MAPPERS.get(type);
    if (plain !== undefined) return plain;
    const index = PER_TEMPLATE.findIndex((table) => table.types.has(type));
    if (index === -1) return undefined;
    let table = made[index];
    if (table === undefined) {
      table = (PER_TEMPLATE[index] as (typeof PER_TEMPLATE)[number]).make(typeOf, resources);
      made[index] = table;
    }
    return table[type];
  };
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
  /** What the scan should say but goes on without (Properties a macro makes, which are not checked). */
  readonly warnings?: TemplateWarning[];
  /** Resource id → defaults the collections of the loops that made it used (AWS::LanguageExtensions). */
  readonly loopDefaults: ReadonlyMap<string, readonly string[]> | undefined;
  /** Resource id → the loop that made it. */
  readonly madeBy: ReadonlyMap<string, string> | undefined;
  /** For a nested stack's template, the parameters its parent gives text (see `Resource.givenByParent`). */
  readonly parentGiven?: ParentGiven | undefined;
  /** Logical id → construct path from the cloud assembly's manifest.json, for resources without metadata. */
  readonly cdkPaths?: ReadonlyMap<string, string> | undefined;
  /** Whether no deploy makes a named condition hold (see never-holding.ts). */
  readonly neverHolds?: (name: string) => boolean;
}

/** The parameters a parent stack gives known text, and who gives them. */
export interface ParentGiven {
  readonly names: ReadonlySet<string>;
  /** Those of its text the parent took from defaults of its own (a deploy may change them). */
  readonly fromDefaults: ReadonlySet<string>;
  readonly by: string;
}

/** What a resource's Condition says about it, beside its own fields. */
type Existence = Pick<ResourceBase, 'condition' | 'absentByDefault'>;

/**
 * Maps one resource, unless its Condition is false. A Condition false only because parameter defaults
 * were assumed does not drop it: a deploy with other values creates it, so it is mapped, marked, and
 * its failing findings become unknown. Decided with -p values alone (no default used), false drops it; so does
 * one that no value the parameters' constraints allow makes hold (`neverHolds`).
 */
export function mapOne(
  ctx: MapContext,
  resolver: ResolverType,
  mapper: Mapper,
  input: MapInput,
): readonly Resource[] {
  const { decl } = input;
  resolver.resetAssumptions();
  const name = decl.Condition;
  if (typeof name !== 'string') return mapResource(ctx, resolver, mapper, input, {});
  const holds = resolver.conditionNamed(name, conditionPlace(input, name));
  if (isUnknown(holds)) return mapResource(ctx, resolver, mapper, input, { condition: name });
  if (holds) return mapResource(ctx, resolver, mapper, input, {});
  // Decided without a default (with -p), or false in every deploy the constraints allow: in no deploy.
  if (resolver.assumed.size === 0 || input.neverHolds?.(name)) return [];
  const absentByDefault = { condition: name, defaults: shownDefaults(input.doc, resolver.assumed) };
  // Where it is deployed its Condition holds: an `Fn::If` on it in its properties takes the true branch.
  return resolver.whileHolding(name, () => mapResource(ctx, resolver, mapper, input, { absentByDefault }));
}

/**
 * Where the resource's Condition is written: one SAM generates has it from the SAM resource the user wrote (an
 * undefined condition is an error at that line).
 */
export function conditionPlace(
  input: Pick<MapInput, 'id' | 'decl' | 'sam' | 'originalResources'>,
  name: string,
): ConditionPlace {
  const samId = input.sam?.provenance.get(input.id)?.samId;
  const written = samId === undefined ? undefined : asRecord(own(input.originalResources, samId));
  return written?.Condition === name
    ? { node: written, key: 'Condition' }
    : { node: input.decl, key: 'Condition' };
}

/** `Env=dev` for each default assumed; the value of a NoEcho parameter, or one named as a secret, is not shown. */
export function shownDefaults(doc: Record<string, unknown>, assumed: Iterable<string>): string[] {
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
): readonly Resource[] {
  const { doc, id, decl, type, sam, originalResources, locator } = input;
  const provenance = sam?.provenance.get(id);
  // A resource a loop made (or one SAM generated from it) exists as it is only with the loop's collection.
  const loopDefaults = input.loopDefaults?.get(provenance?.samId ?? id) ?? [];
  for (const parameter of loopDefaults) resolver.assumed.add(parameter);
  // `Properties: !If [Cond, {...}, !Ref AWS::NoValue]` takes them all away: the resource has none.
  const props = resolver.shallow(decl.Properties ?? {}) ?? {};
  if (isUnknown(props) || !asRecord(props)) {
    const position = locator.locate(decl, 'Properties');
    // CloudFormation accepts Properties an AWS::Include or a macro makes: a gap in what is checked, not an error.
    if (isUnknown(props) && props.reason === MACRO_OUTPUT && input.warnings) {
      input.warnings.push({
        message: `Properties of ${id} come from Fn::Transform (AWS::Include or a macro), which Parapet does not run: ${id} is not checked`,
        ...position,
      });
      return [];
    }
    input.errors.push({
      kind: 'template',
      message: isUnknown(props)
        ? `Properties of ${id} cannot be known before deploy (${props.reason}); not checked`
        : `Properties of ${id} is not a mapping`,
      file: locator.file,
      resource: id,
      ...position,
    });
    return [];
  }

  // A macro or include beside written properties may add or rewrite any of them: checked as written, and said so.
  if (Object.hasOwn(props as object, 'Fn::Transform') && input.warnings) {
    input.warnings.push({
      message: `Properties of ${id} hold an Fn::Transform (AWS::Include or a macro), which Parapet does not run: ${id} is checked as written, and what the transform adds or changes is not`,
      ...locator.locate(decl.Properties as object, 'Fn::Transform'),
    });
  }
  const written = asRecord(originalResources[id]);
  let base: BaseFields;
  if (provenance && provenance.samId !== id) {
    const generatedBy: GeneratedBy = {
      id: provenance.samId,
      type: provenance.samType,
      source: ctx.source(provenance.node, provenance.key),
      ...(provenance.eventType === undefined ? {} : { eventType: provenance.eventType }),
      ...(inGlobals(provenance.node, input.doc) ? { fromGlobals: true as const } : {}),
    };
    // Properties SAM built as a copy of a map the user wrote (a FunctionUrlConfig merged with Globals'): each is
    // located where its key is written, in the function or in Globals.
    const copied = sam?.origins.get(props as object)?.copy === true;
    const properties = copied ? ctx.source(props as object) : generatedBy.source;
    base = { id, type, source: generatedBy.source, properties, generatedBy };
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
  const pathMetadata = metadata?.['aws:cdk:path'];
  const cdkPath = typeof pathMetadata === 'string' ? pathMetadata : input.cdkPaths?.get(id);
  const suppressions = inlineSuppressions(ctx, metadata, id, input.errors, cdkPath);
  ctx.reading(id, props as object, base);
  const made = mapper(ctx, base, props as Record<string, unknown>);
  // Not for a resource the defaults leave out: a deploy that creates it is a case of its own.
  if (existence.absentByDefault === undefined) {
    const where = () =>
      isFileSource(base.source) ? locator.locate(base.source.node, base.source.key) : undefined;
    const leftOut = requiredLeftOut(
      id,
      decl,
      props as Record<string, unknown>,
      (raw) => resolver.shallow(raw),
      locator,
      where,
    );
    if (leftOut) input.errors.push(leftOut);
  }
  if (!made) return [];
  const resources: readonly Resource[] = isResourceList(made) ? made : [made];
  // Properties chosen by an `Fn::If` as a whole depend on its condition throughout: no narrowing.
  const byProperty =
    resolver.assumed.size > 0 && props === decl.Properties
      ? assumptionsByProperty(resolver, decl, props as Record<string, unknown>, loopDefaults)
      : undefined;
  // Completed in place: the mapper's objects are new, and `{ ...resource }` of resources of every kind
  // is a copy V8 makes on its slowest path (as `{ ...base, more }` was in the mappers).
  const loop = input.madeBy?.get(provenance?.samId ?? id);
  const assumed = resolver.assumed.size > 0 ? [...resolver.assumed].sort() : undefined;
  const given =
    input.parentGiven && givenByParent(resolver, props as Record<string, unknown>, input.parentGiven);
  for (const resource of resources) {
    const complete = resource as Mutable<Resource>;
    if (cdkPath !== undefined) complete.cdkPath = cdkPath;
    if (loop !== undefined) complete.loop = loop;
    if (assumed) complete.assumedDefaults = assumed;
    if (byProperty) complete.assumedDefaultsByProperty = byProperty;
    if (given) complete.givenByParent = given;
    if (existence.condition !== undefined) complete.condition = existence.condition;
    if (existence.absentByDefault !== undefined) complete.absentByDefault = existence.absentByDefault;
    if (suppressions.length > 0) complete.suppressions = suppressions;
  }
  return resources;
}

function isResourceList(made: Resource | readonly Resource[]): made is readonly Resource[] {
  return Array.isArray(made);
}

/**
 * Which of the defaults just assumed for a resource each top-level property depends on: a cheap walk
 * of the raw properties (no second resolution), kept to the defaults the mapping actually used.
 * Those deciding whether the resource exists (its Condition, the collection of the loop that made it),
 * and any the mapper read outside the resource's own properties, stand behind every finding; so do all of
 * them for a resource that is one policy statement (STATEMENT_TYPES). Also recorded: per property, those
 * that choose what it holds (`choosing`), and those that leave a written property out (`leftOut`).
 */
function assumptionsByProperty(
  resolver: ResolverType,
  decl: Record<string, unknown>,
  props: Record<string, unknown>,
  loopDefaults: readonly string[],
): ResourceBase['assumedDefaultsByProperty'] {
  const assumed = resolver.assumed;
  // Conditions met while mapping the resource that its defaults (or deploy-time values) decide.
  const decidedByDefault = resolver.undecidedMet.size > 0;
  const attributed = new Set<string>();
  const found = new Set<string>();
  const properties: Record<string, readonly string[]> = {};
  const choosing: Record<string, readonly string[]> = {};
  const leftOut: Record<string, readonly string[]> = {};
  const chosen = new Map<object, readonly string[]>();
  for (const [name, value] of Object.entries(props)) {
    found.clear();
    resolver.parametersIn(value, found);
    if (found.size === 0) continue;
    const used = [...found].filter((parameter) => assumed.has(parameter));
    if (used.length === 0) continue;
    setOwn(properties, name, used.sort());
    for (const parameter of used) attributed.add(parameter);
    // Only an `Fn::If` on a condition the defaults decide (alone or with values known at deploy) chooses what is
    // set, or leaves a property out: with no such condition met while mapping the resource, nothing more to find.
    if (!decidedByDefault) continue;
    found.clear();
    resolver.choosingParametersIn(value, found);
    const chosenBy = [...found].filter((parameter) => assumed.has(parameter));
    if (chosenBy.length > 0) {
      setOwn(choosing, name, chosenBy.sort());
      resolver.chosenMappings(value, chosen);
    }
    // Written, yet absent with the defaults (an Fn::If giving AWS::NoValue): the resource lacks it because of them.
    if (intrinsicName(value) !== undefined && resolver.shallow(value) === undefined)
      setOwn(leftOut, name, used);
  }
  const chosenByDefault = chosen.size > 0 ? assumedOnly(chosen, assumed) : undefined;
  const everywhere = new Set<string>(loopDefaults);
  if (typeof decl.Condition === 'string') resolver.parametersIn({ Condition: decl.Condition }, everywhere);
  for (const parameter of assumed) {
    if (!attributed.has(parameter) || STATEMENT_TYPES.has(decl.Type as string)) everywhere.add(parameter);
  }
  return {
    everywhere: [...everywhere].filter((parameter) => assumed.has(parameter)).sort(),
    properties,
    ...(Object.keys(choosing).length > 0 ? { choosing } : {}),
    ...(Object.keys(leftOut).length > 0 ? { leftOut } : {}),
    ...(chosenByDefault ? { chosen: chosenByDefault } : {}),
  };
}

/** Of the parameters that chose each mapping, those whose defaults were assumed (mappings without any dropped). */
function assumedOnly(
  chosen: ReadonlyMap<object, readonly string[]>,
  assumed: ReadonlySet<string>,
): ReadonlyMap<object, readonly string[]> | undefined {
  const kept = new Map<object, readonly string[]>();
  for (const [mapping, parameters] of chosen) {
    const used = parameters.filter((parameter) => assumed.has(parameter));
    if (used.length > 0) kept.set(mapping, used.sort());
  }
  return kept.size > 0 ? kept : undefined;
}

/**
 * Per top-level property, the parameters whose text the parent stack gives that end up in its value (not
 * those that only decide a condition); undefined when none.
 */
function givenByParent(
  resolver: ResolverType,
  props: Record<string, unknown>,
  parent: ParentGiven,
): ResourceBase['givenByParent'] {
  const found = new Set<string>();
  const properties: Record<string, readonly string[]> = {};
  const fromDefaults = new Set<string>();
  for (const [name, value] of Object.entries(props)) {
    found.clear();
    resolver.valueParameters(value, found);
    const used = [...found].filter((parameter) => parent.names.has(parameter));
    if (used.length > 0) setOwn(properties, name, used.sort());
    for (const parameter of found) if (parent.fromDefaults.has(parameter)) fromDefaults.add(parameter);
  }
  if (Object.keys(properties).length === 0 && fromDefaults.size === 0) return undefined;
  return {
    by: parent.by,
    properties,
    ...(fromDefaults.size > 0 ? { fromDefaults: [...fromDefaults].sort() } : {}),
  };
}

/**
 * Resources that are one policy statement written as properties: whether a permission grants anything to
 * anyone rests on all of them together (Principal, Action, SourceArn, SourceAccount, PrincipalOrgID,
 * FunctionUrlAuthType...), so every finding on one lists the defaults of all.
 */
const STATEMENT_TYPES: ReadonlySet<string> = new Set([
  'AWS::Lambda::Permission',
  'AWS::Lambda::LayerVersionPermission',
]);

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

/** Whether a node of the template is a section of its SAM Globals (`Globals.Function`). */
function inGlobals(node: object, doc: Record<string, unknown>): boolean {
  const globals = asRecord(doc.Globals);
  return globals !== undefined && Object.values(globals).includes(node);
}
