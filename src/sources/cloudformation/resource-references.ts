import type { ScanError } from '../../findings/finding.js';
import type { Locator } from '../../model/source.js';
import { CONDITION_NAMES_ONLY, namesInConditions } from './condition-references.js';
import { undefinedConditionMessage } from './conditions.js';
import { undefinedInGlobalsMessage, undefinedNamesInGlobals } from './globals-references.js';
import { undefinedConditionsNamed } from './if-conditions.js';
import { asRecord, type TemplateIssue } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';
import { type UndefinedName, undefinedNamesIn } from './output-references.js';
import type { GlobalsGiven } from './sam/types.js';

/** The undefined names of the Resources, as errors, and what the resolver says of each place where it reads one. */
export interface UndefinedInResources {
  readonly errors: readonly ScanError[];
  /** By the `Ref`, `Fn::GetAtt` or `Fn::Sub` written, the messages the resolver gives as it reads it: told already. */
  readonly told: ReadonlyMap<object, ReadonlySet<string>>;
  /**
   * The undefined conditions the Resources name (see undefinedConditionsNamed), each told once: the resolver, which
   * tells one where it first decides it, need not again (see `told`), nor the Outputs.
   */
  readonly conditions: UndefinedConditions;
}

/** The undefined conditions of the Resources: their names, and by resource the errors that tell them. */
export interface UndefinedConditions {
  /** Their names. */
  readonly told: ReadonlySet<string>;
  /** The resolver's messages for them (undefinedConditionMessage). */
  readonly messages: ReadonlySet<string>;
  readonly errors: ReadonlyMap<string, readonly ScanError[]>;
}

/** What else the walk reads besides the Resources. */
interface NamesElsewhere {
  /** What a step other than this one reports already (a loop's identifier left as written). */
  readonly toldElsewhere?: (issue: TemplateIssue) => boolean;
  /** What SAM's Globals gave each resource (SamExpansion.fromGlobals). */
  readonly fromGlobals?: readonly GlobalsGiven[] | undefined;
  /** The resources of the template as built (SAM's included), which no condition may name. */
  readonly built?: Record<string, unknown>;
}

const NONE: UndefinedInResources = {
  errors: [],
  told: new Map(),
  conditions: { told: new Set(), messages: new Set(), errors: new Map() },
};

/**
 * Template errors for the names the resources' Properties use (`Ref`, `Fn::GetAtt`, `${Name}` of an `Fn::Sub`) that
 * are neither a parameter, a pseudo parameter nor a resource: CloudFormation refuses the template ("Template format
 * error: Unresolved resource dependencies [Environment] in the Resources block of the template") before any
 * condition is worked out, so a resource with a Condition and each branch of an `Fn::If` are read too. Each resource
 * is walked once, whether or not a check reads the property (a stage's StageName, a function's Tags); the resolver,
 * which reports such a name where a reader resolves it, is told not to again (see `told`). What SAM generates, the ids
 * a loop or an inclusion may make and SAM's referenceable properties are defined (the resolver knows them); what an
 * `Fn::Transform` makes is left alone, as is a loop not expanded (`Fn::ForEach::…` key) and what `toldElsewhere`.
 * So are the values SAM's Globals give resources (see undefinedNamesInGlobals) and the template's Conditions, which
 * may name parameters only (see namesInConditions).
 */
export function undefinedNamesInResources(
  doc: Record<string, unknown>,
  resolver: Resolver,
  locator: Locator,
  elsewhere: NamesElsewhere = {},
): UndefinedInResources {
  const errors: ScanError[] = [];
  const told = new Map<object, Set<string>>();
  const toldElsewhere = elsewhere.toldElsewhere ?? (() => false);
  /** Reports `name` with `message` (none: only told not to again); false when another step tells it. */
  const tell = (name: UndefinedName, message: string | undefined, resource?: string): boolean => {
    if (toldElsewhere({ message: name.why, node: name.node })) return false;
    told.set(name.node, (told.get(name.node) ?? new Set()).add(name.why));
    if (message === undefined) return true;
    errors.push({
      kind: 'template',
      message,
      file: locator.file,
      ...(resource === undefined ? {} : { resource }),
      ...(locator.locate(name.node, name.key) ?? locator.locate(name.node)),
    });
    return true;
  };
  const resources = asRecord(doc.Resources) ?? {};
  for (const id in resources) {
    if (id.startsWith('Fn::ForEach::')) continue;
    const found: UndefinedName[] = [];
    undefinedNamesIn(asRecord(resources[id])?.Properties, resolver, found, true);
    const seen = new Set<string>();
    for (const name of found) {
      const message = `${id}: ${name.why} (CloudFormation refuses the template: Unresolved resource dependencies [${name.target}] in the Resources block)`;
      // Each name once by resource; the resolver is told of each place, however.
      if (tell(name, seen.has(name.target) ? undefined : message, id)) seen.add(name.target);
    }
  }
  for (const name of undefinedNamesInGlobals(elsewhere.fromGlobals ?? [], resolver))
    tell(name, undefinedInGlobalsMessage(name));
  const built = elsewhere.built ?? resources;
  for (const name of namesInConditions(doc.Conditions, (id) => Object.hasOwn(built, id), resolver)) {
    const what =
      name.why === undefinedConditionMessage(name.target)
        ? `"${name.target}" is not defined in Conditions`
        : name.why;
    tell(name, `condition ${name.condition}: ${what} (${CONDITION_NAMES_ONLY})`);
  }
  const conditions = undefinedConditionsOfResources(doc, resolver, locator, toldElsewhere);
  for (const list of conditions.errors.values()) {
    errors.push(...list);
  }
  return told.size === 0 && conditions.told.size === 0 ? NONE : { errors, told, conditions };
}

/**
 * The conditions the Resources name that the template does not define (see undefinedConditionsNamed), each told
 * once, naming its resource, unless another step tells it.
 */
function undefinedConditionsOfResources(
  doc: Record<string, unknown>,
  resolver: Resolver,
  locator: Locator,
  toldElsewhere: (issue: TemplateIssue) => boolean,
): UndefinedConditions {
  const told = new Set<string>();
  const errors = new Map<string, ScanError[]>();
  for (const use of undefinedConditionsNamed(
    doc.Resources,
    (name) => resolver.definesCondition(name),
    told,
  )) {
    const message = undefinedConditionMessage(use.name);
    if (toldElsewhere({ message, node: use.node })) continue;
    const list = errors.get(use.id) ?? [];
    list.push({
      kind: 'template',
      message,
      file: locator.file,
      resource: use.id,
      ...(locator.locate(use.node, use.key) ?? locator.locate(use.node)),
    });
    errors.set(use.id, list);
  }
  return { told, messages: new Set([...told].map(undefinedConditionMessage)), errors };
}
