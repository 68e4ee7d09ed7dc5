import type { SamReferences } from './references.js';

/** What a section of Globals gave one resource: its Properties after the merge (see Globals.given). */
export interface GlobalsGiven {
  /** The resource (`Fn`; `ServerlessRestApi` for an implicit API). */
  readonly id: string;
  /** `Function` of `Globals.Function`. */
  readonly section: string;
  /** The section as the user wrote it. */
  readonly node: Record<string, unknown>;
  /** The merged Properties: the values Globals gives are its own objects, the resource's win where SAM says. */
  readonly properties: Record<string, unknown>;
}

/** Where a generated CloudFormation resource comes from in the SAM template the user wrote. */
export interface Provenance {
  /** Logical id of the SAM resource the user wrote. */
  readonly samId: string;
  /** Its type, e.g. `AWS::Serverless::Function`. */
  readonly samType: string;
  /** The object in the user's template the generated resource comes from. */
  readonly node: object;
  /** Child of `node`, e.g. node = the function's Properties object, key = `Policies`. */
  readonly key?: string | number;
  /** The type of the `Events` entry that generated it (`MSK`, `Kinesis`), when one did and it tells what the resource is. */
  readonly eventType?: string;
}

/** Something the expansion could not do (a bad shape); it never throws. */
export interface SamIssue {
  readonly message: string;
  readonly node?: object;
  readonly key?: string | number;
}

/** Where a new object built by the expansion stands in the user's template. */
export interface Origin {
  readonly node: object;
  readonly key?: string | number;
  /**
   * The built object is a copy of `node` (a loop's fragment with its identifier replaced): each child is
   * located at the same child of `node`, and a child the copy does not have is not there (no fallback).
   */
  readonly copy?: boolean;
  /** Children of a copy that have new names (keys a loop generated): where each was written. */
  readonly renamed?: ReadonlyMap<string | number, Origin>;
}

export interface SamExpansion {
  /** CloudFormation, with `AWS::Serverless::*` resources replaced by what SAM generates for them. */
  readonly template: Record<string, unknown>;
  /** Generated logical id → origin; also for the `AWS::Lambda::Function` made from a SAM function (samId is itself). */
  readonly provenance: ReadonlyMap<string, Provenance>;
  readonly issues: readonly SamIssue[];
  /** What SAM accepts but ignores (a FunctionUrlConfig key it does not take): the scan warns, it does not fail. */
  readonly warnings?: readonly SamIssue[];
  /**
   * New objects the expansion had to build inside generated resources (merged Globals, policy documents from
   * policy templates, wrappers without SAM-only keys) → the user's object they stand for. A locator that finds no
   * position for an output object can look here; objects the user wrote are reused as they are and need no entry,
   * and a generated resource as a whole is traced by `provenance`. (A Map, not a WeakMap: it lives as long as the
   * template, and WeakMap entries cost far more to garbage-collect.)
   */
  readonly origins: ReadonlyMap<object, Origin>;
  /**
   * Lists the expansion built (a generated role's ManagedPolicyArns) → where their items that are text, not objects
   * (a `Policies` entry written as an ARN), were written, by index: `origins` cannot hold a string.
   */
  readonly itemOrigins?: ReadonlyMap<object, ReadonlyMap<number, Origin>>;
  /**
   * The inline policies (`{ PolicyName, PolicyDocument }` of a generated role's Policies) made from a policy
   * template → the template's name (`S3CrudPolicy`): findings name what the user wrote, not statements SAM made.
   */
  readonly policyTemplates?: ReadonlyMap<object, string>;
  /**
   * Each function's DeploymentPreference.Alarms as written (`[!Ref ErrorAlarm]`), by the function's logical id: the
   * alarms CodeDeploy watches while it deploys the function, to roll back (SAM writes them into the deployment
   * group's AlarmConfiguration, which Parapet does not generate).
   */
  readonly rollbackAlarms?: ReadonlyMap<string, unknown>;
  /** What SAM lets the template name besides the resources in `template`: `Fn.Alias`, `RestApiProdStage`. */
  readonly references?: SamReferences;
  /** The resources Globals gave properties to, with their merged Properties (for the names Globals use). */
  readonly fromGlobals?: readonly GlobalsGiven[];
}

export interface ExpandSamOptions {
  /**
   * The AWS partition (`aws`, `aws-cn`, `aws-us-gov`, ...: see src/iam/partitions.ts) to write into ARNs SAM
   * generates, as the translator does for the region it runs in. Default: the partition is left to CloudFormation, as `${AWS::Partition}` in an `Fn::Sub`.
   */
  readonly partition?: string;
  /**
   * Parameter values given to the scan (-p, a parent stack's text): the translator resolves a parameter's Ref with
   * the value deployed where it reads one (AutoPublishAlias, RetentionPolicy), and these win over the Default.
   */
  readonly parameterValues?: Readonly<Record<string, string>>;
}
