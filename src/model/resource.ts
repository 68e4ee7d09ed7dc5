import type { EgressRule, Route } from './network.js';
import type { SourceRef } from './source.js';
import { Unknown } from './values.js';

/**
 * A model type with its `readonly` removed, for the source that builds it and completes it in place
 * (linking resources declared apart) before the inventory is handed to checks, which see it read-only.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every resource in the inventory: its kind, a stable id, and where it came from. */
export interface ResourceBase<K extends string = string> {
  readonly kind: K;
  /** Unique within its inventory: the logical id for IaC, the ARN for live resources. */
  readonly id: string;
  /** The resource type as its source names it: `AWS::Lambda::Function`, `aws_lambda_function`. */
  readonly type: string;
  /** Where the resource is declared (the logical id's key in IaC). */
  readonly source: SourceRef;
  /** Where its properties are declared; property locations are taken relative to this. */
  readonly properties?: SourceRef;
  /**
   * Where properties it inherits are declared (SAM `Globals.Function`): a property path not found
   * under `properties` is looked up here before falling back to the resource.
   */
  readonly inheritedProperties?: SourceRef;
  /** Top-level properties not taken from `inheritedProperties` (SAM's `IgnoreGlobals` list). */
  readonly notInherited?: readonly string[];
  /**
   * Properties the user wrote under another name (SAM's `Tracing` for `TracingConfig.Mode`): a
   * finding on the model's path points at what was written.
   */
  readonly writtenAs?: Readonly<Record<string, readonly string[]>>;
  /** Set when a transform generated this resource from one the user wrote (SAM, CDK). */
  readonly generatedBy?: GeneratedBy;
  /** The CDK construct path (`aws:cdk:path` metadata), when the template came from CDK. */
  readonly cdkPath?: string;
  /** The `Fn::ForEach` loop whose fragment wrote it (`Fn::ForEach::Topics`), when a loop made it. */
  readonly loop?: string;
  /** Parameters whose default values were assumed to resolve this resource: overridable at deploy. */
  readonly assumedDefaults?: readonly string[];
  /**
   * Logical ids of the template's declarations that only attach to this resource (a standalone
   * `AWS::EC2::SecurityGroupEgress`, a route): a finding pointing into one is about this resource, and the
   * defaults they assumed are in `assumedDefaults`.
   */
  readonly attached?: readonly string[];
  /**
   * Logical ids of declarations that attach to it (a route, a route table association, a security group egress rule)
   * only by the stack's parameter defaults or conditions not known before deploy, or that may attach to it in another
   * deploy (a Condition false by the defaults, a target an `Fn::If`, `Fn::Select` or `Fn::FindInMap` chooses by a value
   * not written out): what it holds then rests on choices a deploy may make. Read for a resource of another stack
   * scanned with this one, whose cases that stack's own scan explores.
   */
  readonly attachedByChoice?: readonly string[];
  /**
   * Logical ids of declarations of its own template that may attach to it in some deploy that no case of the template's
   * conditions shows: their target is text not known before deploy made from it (`RouteTableId: !Join ['', [!Ref
   * Private, '']]`, `!Sub '${Private}${Suffix}'`), which most likely names it, or an `Fn::Select` by a
   * parameter among it and others (`!Select [!Ref Idx, [!Ref Public, !Ref Private]]`). Read for a resource of the
   * template itself (its cases explore only its conditions); also in `attachedByChoice`, for other stacks.
   */
  readonly attachedUnseen?: readonly string[];
  /**
   * Of `attachedByChoice`, what each route or egress rule adds, by its logical id, where that rests on no choice: the
   * same in every deploy that has it. One that cannot open anything leaves the resource as it is, whichever deploy.
   */
  readonly addedByChoice?: Readonly<Record<string, { readonly route?: Route; readonly rule?: EgressRule }>>;
  /**
   * Which of `assumedDefaults` a finding on one top-level property depends on, so that it lists only
   * those: `properties` by CloudFormation property name (after SAM expansion; a property not listed
   * depends on none of its own), plus `everywhere`, the defaults behind every finding (those deciding
   * whether the resource exists: its Condition, the collection of the loop that made it; or read from
   * outside its properties). Absent (Properties chosen whole by an Fn::If): every finding lists all.
   */
  readonly assumedDefaultsByProperty?: {
    readonly everywhere: readonly string[];
    readonly properties: Readonly<Record<string, readonly string[]>>;
    /**
     * Of `properties`, the defaults that decide what a property holds rather than its values: those of the
     * conditions of its `Fn::If`s, which choose which items are set. Absent: none.
     */
    readonly choosing?: Readonly<Record<string, readonly string[]>>;
    /**
     * Per property written in the template that the defaults leave out (`!If [C, !Ref AWS::NoValue, 30]` with
     * C true), those defaults: a finding about what the resource lacks rests on them. Absent: none.
     */
    readonly leftOut?: Readonly<Record<string, readonly string[]>>;
    /**
     * The written mappings an `Fn::If` on a condition the defaults decide chooses as a whole (a policy
     * statement), each with the defaults of the conditions that chose it: a finding on that item rests on
     * them. Absent: none.
     */
    readonly chosen?: ReadonlyMap<object, readonly string[]>;
  };
  /**
   * For the template of a nested stack scanned with its parent: who gives its parameters, and per top-level
   * property (CloudFormation name) the parameters it uses whose text that parent gives. Those the parent
   * took from its own defaults are in `assumedDefaults` instead.
   */
  readonly givenByParent?: {
    readonly by: string;
    readonly properties: Readonly<Record<string, readonly string[]>>;
    /** Parameters whose text the parent took from defaults of its own: assumed defaults worded as such. */
    readonly fromDefaults?: readonly string[];
  };
  /** Name of a template Condition that decides whether the resource exists, when it cannot be decided. */
  readonly condition?: string;
  /**
   * Set when the resource's Condition is false, but only with parameter defaults assumed: a deploy with
   * the defaults does not create it, one that overrides them may. Checks read it as any other resource;
   * its failing findings are `unknown` and say why.
   */
  readonly absentByDefault?: {
    readonly condition: string;
    /** The defaults that make it false, as `Env=dev` (`DbPassword (value not shown)` for a NoEcho one). */
    readonly defaults: readonly string[];
  };
  /** Suppressions written on the resource itself (template Metadata). */
  readonly suppressions?: readonly InlineSuppression[];
}

/**
 * Whether a deploy with the parameters' defaults creates the resource: no Condition of it the defaults make false (one
 * not known before deploy counts as holding). The question for what makes a finding about that deploy, as a caller
 * that invokes a function does: a resource under a Condition the defaults make false is absent there, the deploy that
 * creates it is checked as a case of its own, and a finding resting on it says when it fails (`When condition IsProd
 * holds (Stage=PROD, not its default CODE): ...`), as no-error-alarm does not count such an alarm.
 */
export function deployedByDefault(resource: Pick<ResourceBase, 'absentByDefault'>): boolean {
  return resource.absentByDefault === undefined;
}

/**
 * Whether every deploy creates the resource: no Condition of it is open or false by the parameters' defaults. The
 * question for what silences a finding or holds back advice, stricter than deployedByDefault: a deploy without the
 * resource must not lose the finding (a synchronous caller that makes an event invoke config no sign of asynchronous
 * use, see sync-callers.ts) or be told something only true with it (a Lambda@Edge function, see edge-functions.ts).
 */
export function inEveryDeploy(resource: Pick<ResourceBase, 'condition' | 'absentByDefault'>): boolean {
  return resource.condition === undefined && resource.absentByDefault === undefined;
}

/**
 * "deployed only when condition IsProd holds, which is false with the parameters' defaults (Env=dev)",
 * for a resource whose Condition the defaults make false; undefined for any other.
 */
export function notDeployedByDefault(resource: Pick<ResourceBase, 'absentByDefault'>): string | undefined {
  const absent = resource.absentByDefault;
  if (!absent) return undefined;
  const defaults = absent.defaults.length > 0 ? ` (${absent.defaults.join(', ')})` : '';
  return `deployed only when condition ${absent.condition} holds, which is false with the parameters' defaults${defaults}`;
}

/**
 * Whether a resource of another scanned stack exists, or holds what `properties` hold, only by that stack's parameter
 * defaults or a condition not known before deploy: that stack's cases are explored in its own scan, not from here,
 * so a verdict resting on it is unknown. Without `properties`, any default it assumed counts, and any declaration
 * attached to it by such choices (attachedByChoice).
 */
export function restsOnDeployChoices(
  resource: ResourceBase,
  properties?: readonly string[],
  /** Declarations attached by choice that change nothing whichever deploy (see addedByChoice): not counted. */
  harmless: (declaredBy: string) => boolean = () => false,
): boolean {
  if (resource.condition !== undefined || resource.absentByDefault !== undefined) return true;
  if (properties === undefined && (resource.attachedByChoice ?? []).some((id) => !harmless(id))) return true;
  const by = resource.assumedDefaultsByProperty;
  if (by === undefined || properties === undefined) return (resource.assumedDefaults?.length ?? 0) > 0;
  return by.everywhere.length > 0 || properties.some((name) => (by.properties[name]?.length ?? 0) > 0);
}

export interface GeneratedBy {
  /** The id of the resource the user wrote (the SAM function's logical id). */
  readonly id: string;
  readonly type: string;
  /** Where on it the generated resource comes from (its Policies, Events.X, FunctionUrlConfig). */
  readonly source: SourceRef;
  /**
   * The type of the SAM event (`Events.X.Type`: `MSK`, `Kinesis`, `SQS`) that made it, for an event source
   * mapping: SAM makes one for that service whatever its ARN holds.
   */
  readonly eventType?: string;
  /** It comes from what SAM's Globals give every resource of the type, not from the resource itself. */
  readonly fromGlobals?: true;
}

/** A suppression written on the resource; the source reading it refuses one without a reason or a real date. */
export interface InlineSuppression {
  /** Check id or glob. */
  readonly id: string;
  readonly reason: string;
  /** Last day it applies (YYYY-MM-DD, a real calendar date). */
  readonly expires?: string;
  readonly source: SourceRef;
}

/**
 * Whether each of the values `value` lists is deployed (copies of a nested template, one per nesting:
 * Unknown.everyOne) on this resource: only when the resource itself has no condition, since a copy whose condition
 * leaves the resource out deploys none of it.
 */
export function deployedEach(
  value: unknown,
  resource: Pick<ResourceBase, 'condition' | 'absentByDefault'>,
): boolean {
  return (
    value instanceof Unknown &&
    value.everyOne === true &&
    resource.condition === undefined &&
    resource.absentByDefault === undefined
  );
}
