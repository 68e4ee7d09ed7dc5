import type { ScanError } from '../../findings/finding.js';
import { listedWithAnd } from '../../findings/words.js';
import { externalExecutionRoles } from '../../iam/external-roles.js';
import type { Resource } from '../../model/index.js';
import { Inventory, type TransformMayAdd } from '../../model/inventory.js';
import type { Neighbours } from '../../model/neighbours.js';
import { own, setOwn } from '../../model/own.js';
import type { Locator } from '../../model/source.js';
import { isUnknown, type Unknown } from '../../model/values.js';
import { referencesToAbsent } from './absent-references.js';
import { findResourceCycles } from './cycles.js';
import { type DefaultCondition, defaultConditions } from './default-conditions.js';
import { includedResourceTypes } from './included-resources.js';
import { asRecord, type TemplateIssue } from './intrinsic-values.js';
import { Resolver } from './intrinsics.js';
import {
  expandLanguageExtensions,
  FOR_EACH,
  IdsWithPatterns,
  reportedByLoops,
} from './language-extensions/index.js';
import { linkResources } from './link.js';
import { connectRoutesElsewhere } from './map/connect-routes-elsewhere.js';
import { MapContext } from './map/context.js';
import { conditionPlace, MODELED_TYPES, mapOne, mappersOf, type ParentGiven } from './map-resource.js';
import type { NestedOutput } from './nested-output-values.js';
import { unknownParentValues, withoutParentNames, withParentText } from './nested-parent-text.js';
import { listsGivenToNestedStacks } from './nested-stack-parameters.js';
import type { Nesting, ParentValues } from './nested-stacks.js';
import { transformsInProperties } from './nested-transforms.js';
import { fixedValues, neverHolding } from './never-holding.js';
import { noValueInConditions } from './novalue-conditions.js';
import { undefinedNamesInOutputs } from './output-references.js';
import type { ParameterOrigin, ParentText } from './parameter-values.js';
import { checkParameterValues, undeclaredParentParameters, unsetParentParameters } from './parameters.js';
import { type UndefinedInResources, undefinedNamesInResources } from './resource-references.js';
import { misspeltResourceType } from './resource-types.js';
import { expandSam, isSamTemplate, locatingOrigins, type SamExpansion } from './sam/index.js';
import { describe } from './sam/shapes.js';
import type { StackExports } from './stack-exports.js';
import {
  dependsOnNothing,
  missingRequiredProperties,
  parseError,
  resourceShapeProblems,
  samWithoutTransform,
} from './template-errors.js';
import {
  transformLabel,
  transformMakingResource,
  transformsMayAddResources,
  transformsNotApplied,
} from './transforms.js';
import type { ParseIssue } from './yaml.js';

/** CloudFormation allows this many resources in one template. */
const CLOUDFORMATION_RESOURCE_LIMIT = 500;

export interface TemplateOptions {
  /** Parameter values given on the command line; they replace defaults and are not "assumed". */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Errors the parser found (unknown tags), reported with the resource that holds each. */
  readonly parseErrors?: readonly ParseIssue[];
  /** Conditions taken as true or false, for one case of those not known before deploy. */
  readonly conditions?: ReadonlyMap<string, boolean>;
  /**
   * In such a case, the parameters a default-decided condition taken the other way gives other values
   * (DefaultCondition.otherValues): known text is used as if given, an Unknown as not known before deploy.
   */
  readonly caseValues?: Readonly<Record<string, string | Unknown>>;
  /**
   * Whether no deploy makes a named condition hold (never-holding.ts), worked out once per template by the scan for
   * every case it builds; without it, each build works it out for itself.
   */
  readonly neverHolds?: (name: string) => boolean;
  /**
   * For a nested stack, the values its parent stack gives its parameters: known text is used as if given
   * with -p (for this template only), an Unknown says what it is in the parent. Both win over -p.
   */
  readonly fromParent?: ParentValues;
  /** Of `fromParent`, the values the parent took from its own parameters' defaults (a deploy may change them). */
  readonly fromParentDefaults?: ReadonlySet<string>;
  /**
   * Of `fromParent`, the values made with a NoEcho parameter of the parent stack, with where the parent's value
   * comes from (see ParentGift.noEcho): judged as this template's own NoEcho values are.
   */
  readonly fromParentNoEcho?: ReadonlyMap<string, ParameterOrigin>;
  /** Of those, the text the parent knows: only for this template's conditions and constraints, which never print it. */
  readonly fromParentNoEchoTexts?: Readonly<Record<string, string>>;
  /** Who gives `fromParent`, as findings name it (`the parent stack parent.yaml (resource Child)`). */
  readonly fromParentBy?: string;
  /** Of `fromParent`, the names an `Fn::If` of the parent may leave out (given in some deploys only). */
  readonly fromParentOptional?: ReadonlySet<string>;
  /** The stack resources nesting this template, and the parameters each gives (see `unsetParentParameters`). */
  readonly fromParentNestings?: readonly Nesting[];
  /** Outputs of its nested stacks that are resources of theirs (see `nestedStacks`), by `Dlq.Outputs.QueueArn`. */
  readonly nestedOutputs?: ReadonlyMap<string, NestedOutput>;
  /** Exports of the other stacks scanned together, by export name: what an `Fn::ImportValue` of one gives. */
  readonly exports?: StackExports;
  /**
   * False when the template's text names no `Fn::Transform` (nor `!Transform`): the walk of every property for one
   * inside Properties is skipped. Unset: walked.
   */
  readonly transformsInText?: boolean;
  /** What the stacks linked to this one by exports and imports show about it (see OtherStacks). */
  readonly neighbours?: Neighbours;
  /**
   * For CDK output without `aws:cdk:path` metadata, the construct paths its cloud assembly's manifest.json
   * gives, by logical id (see CloudAssemblies); a resource's own metadata wins.
   */
  readonly cdkPaths?: ReadonlyMap<string, string>;
  /** The account the stack deploys to, when its input names it (a CDK stack's environment: see CloudAssemblies). */
  readonly ownAccount?: string;
}

export interface TemplateResult {
  readonly inventory: Inventory;
  readonly errors: ScanError[];
  /** Conditions met whose value is not known before deploy, each with why (see Resolver.undecided). */
  readonly undecided: ReadonlyMap<string, string>;
  /**
   * Conditions met whose value the parameters' defaults decided (a deploy may give the other), each with
   * that value and what gives the other (see Resolver.byDefault). Not those decided by -p values alone.
   */
  readonly byDefault: ReadonlyMap<string, DefaultCondition>;
  /** Per resource (logical id, generated ones too), the undecided and default-decided conditions its mapping met. */
  readonly conditionsMet: ReadonlyMap<string, readonly string[]>;
  /** Of `errors`, those found while reading a resource with a `Condition`: see ErrorUnderCondition. */
  readonly errorsUnder: ReadonlyMap<ScanError, ErrorUnderCondition>;
  /** What the scan should mention but goes on without: a resource type that looks misspelt. */
  readonly warnings: readonly TemplateWarning[];
  /**
   * The Conditions of the template as built, with those the SAM transform adds (`NOTHasRole` for a role an
   * `Fn::If` may leave out): which combinations of conditions a deploy can make depends on them too.
   */
  readonly conditions: Readonly<Record<string, unknown>>;
}

/** The `Condition` of the resource an error was found in: the error is of the deploys where it holds. */
interface ErrorUnderCondition {
  readonly condition: string;
  /**
   * Whether this build leaves the resource out (its Condition false with the parameters' defaults) and read it as
   * the deploy that creates it would: the error then belongs to the cases where the Condition holds, not this one.
   */
  readonly leftOut: boolean;
}

/** A warning about a template, at a place in it when it has one. */
export interface TemplateWarning {
  readonly message: string;
  /** The file it is in, when not the template (an OpenAPI definition the template includes). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Whether parsed content is a CloudFormation / SAM template. */
export function isTemplate(value: unknown): value is Record<string, unknown> {
  const doc = asRecord(value);
  if (!doc) return false;
  if ('AWSTemplateFormatVersion' in doc) return true;
  const resources = asRecord(doc.Resources);
  if (!resources) return false;
  for (const id in resources) {
    // A loop, or an AWS::Include of resources (`Fn::Transform` as a key of Resources), stands for resources too.
    if (
      typeof asRecord(resources[id])?.Type === 'string' ||
      id.startsWith(FOR_EACH) ||
      id === 'Fn::Transform'
    )
      return true;
  }
  return false;
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
  const included = takeIncludedResources(written, fileLocator);
  const parameters = withCaseText(withParentText(options.parameters, options.fromParent), options.caseValues);
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
  // `Resources: {}` as written is as empty as `Resources:`; emptied by loops that could not be expanded, the
  // loops' own errors say why.
  const writtenResources = asRecord(written.Resources);
  const writtenEmpty =
    writtenResources !== undefined && Object.keys(writtenResources).length === 0 && included === undefined;
  if (!asRecord(doc.Resources) || writtenEmpty) {
    errors.push({
      kind: 'template',
      message: missingResources(doc.Resources),
      file: locator.file,
      ...(locator.locate(doc, 'Resources') ?? locator.locate(doc)),
    });
    return {
      inventory: new Inventory(locator.file),
      errors,
      undecided: new Map(),
      byDefault: new Map(),
      conditionsMet: new Map(),
      errorsUnder: new Map(),
      warnings: [],
      conditions: {},
    };
  }

  // Values CloudFormation would refuse: reported, and the scan goes on with them.
  // Values given with -p for parameters the parent does not give, and the text a parent stack gives:
  // CloudFormation rejects a nested stack whose parent gives a value its constraints refuse.
  const parameterWarnings: TemplateWarning[] = [];
  for (const issue of checkParameterValues(
    doc,
    withoutParentNames(options.parameters, options.fromParent),
    parentTextValues(options),
    (warning) => {
      const at = warning.node && (locator.locate(warning.node, warning.key) ?? locator.locate(warning.node));
      parameterWarnings.push({ message: warning.message, ...at });
    },
  ))
    errors.push(issueToError(issue));
  if (options.fromParent && options.fromParentBy !== undefined)
    for (const issue of undeclaredParentParameters(
      doc,
      Object.keys(options.fromParent).filter((name) => !options.fromParentOptional?.has(name)),
      options.fromParentBy,
    ))
      errors.push(issueToError(issue));
  for (const issue of unsetParentParameters(doc, options.fromParentNestings ?? []))
    errors.push(issueToError(issue));
  for (const issue of loops?.issues ?? []) errors.push(issueToError(issue, issue.resource));

  const sam = isSamTemplate(doc)
    ? expandSam(doc, parameters ? { parameterValues: parameters } : {})
    : undefined;
  for (const issue of sam?.issues ?? []) errors.push(issueToError(issue));
  if (!sam) errors.push(...samWithoutTransform(doc, locator));
  const template = sam?.template ?? doc;
  const resources = asRecord(template.Resources) ?? {};
  const originalResources = asRecord(doc.Resources) ?? {};
  // Any id a loop that could not be expanded would make, and those SAM generates that Parapet does not write
  // (`RestApiProdStage`), are ids of this template: a reference to one is no undefined name.
  const generated = sam?.references;
  // Resources an AWS::Include brings may have any id: naming one is no error.
  const idPatterns = [
    ...(loops?.unexpandedIds ?? []),
    ...(generated?.patterns ?? []),
    ...(included ? [/^[A-Za-z0-9]+$/] : []),
  ];
  const allIds = generated ? [...Object.keys(resources), ...generated.ids] : Object.keys(resources);
  const ids = idPatterns.length > 0 ? new IdsWithPatterns(allIds, idPatterns) : new Set(allIds);
  const count = Object.keys(originalResources).length;
  if (count > CLOUDFORMATION_RESOURCE_LIMIT) {
    errors.push({
      kind: 'template',
      message: `template declares ${count} resources; CloudFormation accepts at most ${CLOUDFORMATION_RESOURCE_LIMIT} (scanned anyway)`,
      file: locator.file,
      ...locator.locate(doc, 'Resources'),
    });
  }

  errors.push(...dependsOnNothing(originalResources, ids, locator));
  const shapes = resourceShapeProblems(originalResources, sam !== undefined, locator);
  errors.push(...shapes.errors);
  errors.push(...missingRequiredProperties(originalResources, locator));
  errors.push(...listsGivenToNestedStacks(originalResources, asRecord(doc.Parameters), locator));
  const asWritten = sam ? { resources: originalResources, globals: doc.Globals } : undefined;
  const samProperties = sam?.references?.properties;
  const dotted = (name: string) => samProperties?.has(name) ?? false;
  for (const { names, through } of findResourceCycles(
    resources,
    (id) => writtenAs(id, sam),
    asWritten,
    dotted,
  )) {
    const generated = through.length > 0 ? `, through ${listedWithAnd(through)}, which SAM generates` : '';
    errors.push({
      kind: 'template',
      message: `circular dependency between resources: ${names.join(' → ')}${generated} (CloudFormation rejects this template)`,
      file: locator.file,
      resource: names[0] as string,
      ...(locator.locate(originalResources, names[0] as string) ?? locator.locate(doc, 'Resources')),
    });
  }

  let currentResource: string | undefined;
  let undefinedNames: UndefinedInResources | undefined;
  const resolver = new Resolver(
    template,
    ids,
    (issue) => {
      // An undefined name of the Resources, reported once (naming its resource) before any is read.
      if (issue.node !== undefined && undefinedNames?.told.get(issue.node)?.has(issue.message)) return;
      // An undefined condition of the Resources or Outputs, reported once where first named before any is read.
      if (undefinedNames?.conditions.messages.has(issue.message)) return;
      if (!loops || !reportedByLoops(issue, loops.leftAsWritten))
        errors.push(issueToError(issue, currentResource));
    },
    parameters,
    options.conditions,
    { ...unknownParentValues(options.fromParent), ...unknownCaseValues(options.caseValues) },
    parentTextOf(options),
    options.exports,
    generated?.properties,
    options.nestedOutputs,
  );
  const ctx = new MapContext(
    resolver,
    sam ? locatingOrigins(locator, sam.origins, sam.itemOrigins) : locator,
    {
      report: (error) => reportInvalid(errors, error, sam?.provenance.get(error.resource ?? '')?.samId),
      resources,
      writtenType: (id) => {
        // Only a resource SAM expanded in place: one it generated (a function's role) is of the type it has.
        const provenance = sam?.provenance.get(id);
        return provenance?.samId === id ? provenance.samType : undefined;
      },
    },
    sam?.policyTemplates,
    sam?.rollbackAlarms,
  );
  // A macro Parapet does not run may make the resources a name is used for. In every case built: each has them.
  if (transformsNotApplied(written.Transform).length === 0) {
    undefinedNames = undefinedNamesInResources(doc, resolver, locator, {
      toldElsewhere: (issue) => loops !== undefined && reportedByLoops(issue, loops.leftAsWritten),
      fromGlobals: sam?.fromGlobals,
      built: resources,
    });
    errors.push(...undefinedNames.errors);
  }
  const typeOf = (id: string) => asRecord(own(resources, id))?.Type as string | undefined;
  const mapperOf = mappersOf(typeOf, resources);

  const parentGiven = parentText(options);
  // scan.ts gives one for all the cases it builds; the first build (and a build outside a scan) makes its own.
  const neverHolds = options.neverHolds ?? ownNeverHolding(template, options);
  const mapped: Resource[] = [];
  const warnings: TemplateWarning[] = transformsNotApplied(written.Transform).map((message) => ({
    message,
    ...locator.locate(written, 'Transform'),
  }));
  if (included?.warning) warnings.push(included.warning);
  warnings.push(...parameterWarnings, ...shapes.warnings);
  for (const warning of [...(loops?.warnings ?? []), ...(sam?.warnings ?? [])]) {
    const at = warning.node
      ? (locator.locate(warning.node, warning.key) ?? locator.locate(warning.node))
      : undefined;
    warnings.push({ message: warning.message, ...at });
  }
  const conditionsMet = new Map<string, readonly string[]>();
  const errorsUnder = new Map<ScanError, ErrorUnderCondition>();
  // What may add resources no check sees: a macro, an AWS::Include of resources, a resource a transform makes.
  const adding: TransformMayAdd[] = transformsMayAddResources(written.Transform).map((label) => ({ label }));
  if (included) {
    // One that brings a local file's resources adds those types only (see readIncludedResourceTypes).
    const label = `${transformLabel(included.transform)} in Resources`;
    const types = includedResourceTypes(included.transform);
    if (types === undefined) adding.push({ label });
    else for (const type of types) adding.push({ label, type });
  }
  for (const [id, raw] of Object.entries(resources)) {
    currentResource = id;
    const decl = asRecord(raw);
    const type = decl?.Type;
    const making = decl && transformMakingResource(decl);
    if (making) {
      const label = `${transformLabel(making.spec)} in resource ${id}`;
      adding.push(typeof type === 'string' ? { label, type } : { label });
    }
    if (
      decl &&
      Object.hasOwn(decl, 'Fn::Transform') &&
      (type === undefined || decl.Properties === undefined)
    ) {
      // The resource, or all its properties, come from an AWS::Include snippet (or a macro): CloudFormation allows it.
      const what = type === undefined ? 'is made by' : 'takes its properties from';
      warnings.push({
        message: `resource ${id} ${what} an Fn::Transform (AWS::Include or a macro), which Parapet does not run: it is not checked`,
        ...locator.locate(decl, 'Fn::Transform'),
      });
      continue;
    }
    if (decl && Object.hasOwn(decl, 'Fn::Transform')) {
      warnings.push({
        message: `resource ${id} holds an Fn::Transform (AWS::Include or a macro), which Parapet does not run: ${id} is checked as written, and what the transform adds or changes is not`,
        ...locator.locate(decl, 'Fn::Transform'),
      });
    }
    if (!decl || typeof type !== 'string') {
      errors.push({
        kind: 'template',
        message: `resource ${id} has no Type`,
        file: locator.file,
        resource: id,
        ...locator.locate(Object.hasOwn(originalResources, id) ? originalResources : resources, id),
      });
      continue;
    }
    const mapper = mapperOf(type);
    if (!mapper) {
      // A misspelt AWS::Serverless type is reported by the SAM expansion (or as SAM without the transform).
      const meant = type.startsWith('AWS::Serverless::')
        ? undefined
        : misspeltResourceType(type, MODELED_TYPES);
      if (meant !== undefined) warnings.push(misspeltTypeWarning(id, type, meant, ctx.locator, decl));
      // CloudFormation rejects a Condition the Conditions section does not define whatever the type (CDK's
      // AWS::CDK::Metadata with `Condition: CDKMetadataAvailable`): asked only then, so as to decide nothing else.
      const condition = decl.Condition;
      if (typeof condition === 'string' && !resolver.definesCondition(condition))
        resolver.conditionNamed(condition, conditionPlace({ id, decl, sam, originalResources }, condition));
      continue;
    }
    const found = errors.length;
    const made = mapOne(ctx, resolver, mapper, {
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
      parentGiven,
      warnings,
      cdkPaths: options.cdkPaths,
      neverHolds,
    });
    for (const resource of made) mapped.push(resource);
    if (typeof decl.Condition === 'string') {
      const under = { condition: decl.Condition, leftOut: made[0]?.absentByDefault !== undefined };
      for (const error of errors.slice(found)) errorsUnder.set(error, under);
      // An Fn::If of the resource naming an undefined condition, told before any resource was read, is of it too.
      if (resolver.definesCondition(decl.Condition))
        for (const error of undefinedNames?.conditions.errors.get(id) ?? []) errorsUnder.set(error, under);
    }
    if (resolver.undecidedMet.size > 0) conditionsMet.set(id, [...resolver.undecidedMet]);
  }
  currentResource = undefined;
  ctx.reading(undefined, undefined);
  const linked = linkResources(mapped, ctx, resources, originalResources);
  const inventory = new Inventory(
    locator.file,
    linked.resources,
    options.neighbours,
    Object.values(options.fromParent ?? {}).some((value) => isUnknown(value) && value.everyOne === true),
    linked.attachesElsewhere,
    adding,
    connectRoutesElsewhere(ctx, resources),
    options.ownAccount,
  );
  for (const role of externalExecutionRoles(inventory)) inventory.add(role);
  const byDefault = defaultConditions(template, resolver, options.fromParentDefaults);
  // Once, on the template as the parameters make it: not again in each case of its conditions.
  if (options.conditions === undefined) {
    warnings.push(...referencesToAbsent(originalResources, doc, resolver, locator));
    if (options.transformsInText !== false)
      warnings.push(...transformsInProperties(originalResources, locator));
    warnings.push(...noValueInConditions(doc, locator));
  }
  // A macro Parapet does not run may make the resources an output names. In every case built, as the Resources' are:
  // a scan that explores cases reports the errors of its cases, not those of this first build.
  if (transformsNotApplied(written.Transform).length === 0)
    errors.push(...undefinedNamesInOutputs(doc, resolver, locator, undefinedNames?.conditions.told));
  return {
    inventory,
    errors: onceEach(errors),
    undecided: resolver.undecided,
    byDefault,
    conditionsMet,
    errorsUnder,
    warnings,
    conditions: asRecord(template.Conditions) ?? {},
  };
}

/**
 * `Fn::Transform` as a key of Resources (AWS::Include of a snippet of resources, which CloudFormation allows
 * anywhere but in Parameters and the version): the resources it brings are not checked, which a warning says.
 * The key is taken out of the parsed template, once (the first build), so that nothing reads it as a resource
 * named `Fn::Transform`; the template's cases, built from the same document, still know it had one.
 */
function takeIncludedResources(
  written: Record<string, unknown>,
  locator: Locator,
): { transform: unknown; warning?: TemplateWarning } | undefined {
  const resources = asRecord(written.Resources);
  if (!resources) return undefined;
  if (!Object.hasOwn(resources, 'Fn::Transform'))
    return INCLUDED.has(written) ? { transform: INCLUDED.get(written) } : undefined;
  const at = locator.locate(resources, 'Fn::Transform');
  const transform = resources['Fn::Transform'];
  delete resources['Fn::Transform'];
  INCLUDED.set(written, transform);
  return {
    transform,
    warning: {
      message:
        'Resources holds an Fn::Transform (AWS::Include or a macro), which Parapet does not run: the resources it adds are not checked',
      ...at,
    },
  };
}

/** Parsed templates whose Resources held an AWS::Include, and its value (taken out by takeIncludedResources). */
const INCLUDED = new WeakMap<object, unknown>();

/** The text values a case gives its parameters, over those given otherwise. */
function withCaseText(
  given: Readonly<Record<string, string>> | undefined,
  caseValues: Readonly<Record<string, string | Unknown>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (!caseValues) return given;
  const text = Object.entries(caseValues).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return text.length === 0 ? given : { ...given, ...Object.fromEntries(text) };
}

/** The values a case leaves not known before deploy (a parameter other than its default). */
function unknownCaseValues(
  caseValues: Readonly<Record<string, string | Unknown>> | undefined,
): Record<string, Unknown> {
  if (!caseValues) return {};
  return Object.fromEntries(
    Object.entries(caseValues).filter((entry): entry is [string, Unknown] => isUnknown(entry[1])),
  );
}

/**
 * Each error once by place and message: a value SAM Globals give every function is resolved once per function,
 * and reported each time (the resource it was read for differs, the problem does not).
 */
function onceEach(errors: ScanError[]): ScanError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.file}:${error.line}:${error.column}:${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The SAM resource the user wrote that generated resource `id` comes from (`Fn` for `FnRole`, `FnAliaslive`), or
 * `id` itself. SAM names what it generates after the resource, except what several share (the implicit APIs,
 * `ServerlessRestApi`), which keep their own names: a template can name them.
 */
function writtenAs(id: string, sam: SamExpansion | undefined): string {
  const samId = sam?.provenance.get(id)?.samId;
  return samId !== undefined && id.startsWith(samId) ? samId : id;
}

/** A resource skipped for a type that is close to one Parapet checks: most likely a typo. */
function misspeltTypeWarning(
  id: string,
  type: string,
  meant: string,
  locator: Locator,
  decl: Record<string, unknown>,
): TemplateWarning {
  return {
    message:
      `resource ${id} has type ${type}, which is not a resource type; did you mean ${meant}? ` +
      'Parapet did not check it (and CloudFormation rejects a type it does not know)',
    ...(locator.locate(decl, 'Type') ?? locator.locate(decl)),
  };
}

/** Why a template's Resources cannot be read: CloudFormation requires a mapping of at least one resource. */
function missingResources(resources: unknown): string {
  if (resources === undefined) return 'template has no Resources section (CloudFormation requires one)';
  if (resources === null || asRecord(resources))
    return 'the Resources section is empty (CloudFormation requires at least one resource)';
  return `Resources must be a mapping of logical ids to resources, not ${describe(resources)}`;
}

/**
 * An invalid value in a resource SAM generated: reported on the SAM resource the user wrote, and not at
 * all when the SAM expansion already said what is wrong with it on that line (`FunctionUrlConfig.AuthType
 * must be AWS_IAM or NONE`): one problem, one error.
 */
function reportInvalid(errors: ScanError[], error: ScanError, samId: string | undefined): void {
  if (samId === undefined || samId === error.resource) {
    errors.push(error);
    return;
  }
  if (errors.some((e) => e.line === error.line && e.message.startsWith(`${samId}: `))) return;
  const message = `${error.message.replace(` of ${error.resource} is `, ` of ${samId} is `)} (SAM writes it into ${error.resource})`;
  errors.push({ ...error, resource: samId, message });
}

/** The parameters a parent stack gives known text, not taken from its own defaults, and who gives them. */
function parentText(options: TemplateOptions): ParentGiven | undefined {
  const { fromParent, fromParentDefaults, fromParentBy } = options;
  if (!fromParent || fromParentBy === undefined) return undefined;
  const texts = Object.entries(fromParent).filter(([, value]) => typeof value === 'string');
  const names = new Set(texts.map(([name]) => name).filter((name) => !fromParentDefaults?.has(name)));
  // Of any value a parent gives, text or one of some texts (nestings giving it differently), one taken from defaults.
  const fromDefaults = new Set(Object.keys(fromParent).filter((name) => fromParentDefaults?.has(name)));
  return names.size > 0 || fromDefaults.size > 0 ? { names, fromDefaults, by: fromParentBy } : undefined;
}

/** What the Resolver is told of the text a parent stack gives (see ParentText). */
function parentTextOf(options: TemplateOptions): ParentText {
  const { fromParent, fromParentBy, fromParentDefaults, fromParentNoEcho, fromParentNoEchoTexts } = options;
  const names = Object.keys(fromParent ?? {}).filter((name) => typeof fromParent?.[name] === 'string');
  return {
    ...(fromParentBy !== undefined ? { by: fromParentBy } : {}),
    ...(names.length > 0 ? { names: new Set(names) } : {}),
    ...(fromParentDefaults ? { defaults: fromParentDefaults } : {}),
    ...(fromParentNoEcho ? { noEcho: fromParentNoEcho } : {}),
    ...(fromParentNoEchoTexts ? { noEchoTexts: fromParentNoEchoTexts } : {}),
  };
}

/** The text a parent stack gives this nested template's parameters, and who gives it; undefined for none. */
function parentTextValues(
  options: TemplateOptions,
): { values: Record<string, string>; by: string; noEcho?: ReadonlySet<string> } | undefined {
  const { fromParent, fromParentBy, fromParentNoEchoTexts } = options;
  if (!fromParent || fromParentBy === undefined) return undefined;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fromParent))
    if (typeof value === 'string') setOwn(values, name, value);
  // A NoEcho value's text, checked against the constraints without ever being printed.
  const noEcho = new Set(Object.keys(fromParentNoEchoTexts ?? {}));
  for (const name of noEcho) setOwn(values, name, fromParentNoEchoTexts?.[name] as string);
  if (Object.keys(values).length === 0) return undefined;
  return { values, by: fromParentBy, ...(noEcho.size > 0 ? { noEcho } : {}) };
}

/** neverHolding for a template built with these options, given and fixed as scan.ts makes them. */
function ownNeverHolding(
  template: Record<string, unknown>,
  options: TemplateOptions,
): (name: string) => boolean {
  const given = withParentText(options.parameters, options.fromParent);
  return neverHolding(template, given ?? {}, fixedValues(given, options.fromParentDefaults));
}
