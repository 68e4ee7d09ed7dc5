// The shapes of the analysis of grants on every resource (writeOnAllResources, in write-grants.ts): what it is
// asked (its options), what it gives (its hits) and what it tells its caller along the way (writes left out,
// narrowed, denied, or inapplicable to a type); and the context its parts share while it reads one policy input.
import type { AccessLevel, ActionInfo } from './actions.js';
import type { DenyStatement } from './denies.js';
import type { HitOptions, PolicyHit } from './hits.js';
import type { TypeScope } from './resource-scope.js';
import type { RolePolicy } from './role-policies.js';
import type { RoleAllows } from './tag-conditions.js';
import type { CatalogContext } from './write-catalog.js';

/** One per statement (two or more when it names every resource of several services); `value` lists the action patterns that grant the writes. */
export interface WriteOnAllResourcesHit extends PolicyHit {
  /** The write-level actions granted on every resource (at most 25, by name), when the catalog knows them. */
  readonly actions: readonly string[];
  /** How many write-level actions it grants there in all (`actions` lists the first 25), when the catalog knows them. */
  readonly actionCount?: number;
  readonly levels: readonly AccessLevel[];
  /** Every action granted is at IAM's Tagging level (some also at Write: ec2:CreateTags), when the catalog knows them. */
  readonly taggingOnly?: true;
  /**
   * `all`: every resource (`Resource: "*"`, a NotResource); `type`: every resource of one type of one
   * service (`arn:aws:s3:::*`, `arn:aws:dynamodb:us-east-1:123456789012:table/*`), where only that
   * service's actions count.
   */
  readonly scope: 'all' | 'type';
  /** For `type`: the Resource elements that name them, as written. */
  readonly resources?: readonly string[];
  /**
   * The statement's conditions on keys naming the resource (see resourceConditions), as `Operator key`, and what
   * they do here: `narrowing` ones pin some of its actions to named resources (those are not in `actions`); an
   * `ignored` one does not narrow, with why. Conditions not listed here are not weighed.
   */
  readonly resourceConditions?: {
    readonly narrowing: readonly string[];
    readonly ignored: readonly { readonly condition: string; readonly why: string }[];
    /**
     * Set when every write left is narrowed only by a condition whose key the catalog does not list for it (so IAM
     * grants it to no request without the key): the conditions.
     */
    readonly unlisted?: readonly string[];
    /**
     * Conditions on `<service>:CreateAction` that limit some of its tagging actions to create calls (see
     * createOnlyService): those are not in `actions`, the create action being judged by its own grant.
     */
    readonly onCreate?: readonly OnCreateCondition[];
    /**
     * Set when positive resource-tag conditions (`StringEquals aws:ResourceTag/Scheduled`) limit writes to resources
     * carrying the tag, and the role may not tag them itself (see tagNarrowing): `all` when they limit every write
     * (the reason then says `tagged Scheduled=true`), else `actions`, the writes they limit, left out of `actions`.
     */
    readonly tagged?: {
      readonly conditions: readonly string[];
      readonly words: string;
      readonly all: boolean;
      readonly actions: readonly string[];
    };
  };
  /** What Deny statements of the policies read do to its writes (see DeniedWrites); the actions above are what is left. */
  readonly denied?: DeniedWrites;
  /** Every write action it grants (what `actions` samples), when the catalog knows them: see writesWithin. */
  readonly writes?: readonly ActionInfo[];
}

/**
 * Writes a Deny takes back from a hit: `actions`, each cancelled by a Deny covering it on every resource it was
 * granted on, or limited to what the Deny's NotResource leaves (`only`), which names some resources; and the Denies
 * that would take some back but for conditions they carry, which are not weighed.
 */
export interface DeniedWrites {
  readonly actions: readonly DeniedWrite[];
  readonly conditional: readonly DenyStatement[];
}

export interface DeniedWrite {
  readonly action: string;
  readonly by: DenyStatement;
  readonly only?: string;
}

export interface WriteOnAllResourcesOptions extends HitOptions {
  readonly levels?: readonly AccessLevel[];
  /**
   * The actions looked for, instead of those at `levels`: a list of the catalog's own (sensitive reads on every
   * resource, see iam.role-wildcard-resource-read). A pattern the catalog does not know names none of them.
   * Answers by the action alone, as `leaveOut` does: what the catalog gives of a pattern with both is kept for
   * every later analysis with the same functions (see sharedLookups).
   */
  readonly selects?: (action: ActionInfo) => boolean;
  /** What the actions looked for are called in the hits' reasons: `write actions` unless told. */
  readonly noun?: string;
  /**
   * With `selects`: those of its actions that act on what a type within a type names (`table/*` then `/index/*`:
   * dynamodb:Query). The catalog's types within a type are kept for writes alone (see actionsOnNestedType), so a
   * check looking for other actions says which act there; S3's buckets and objects are kept at every level.
   */
  readonly actingAlso?: (scope: TypeScope) => readonly string[];
  /** Write actions the caller leaves out, for reasons of its own (`iam:PassRole`): they count as no write. */
  readonly leaveOut?: (action: string) => boolean;
  /**
   * Told the actions a statement grants on every resource that accept only `*` (see wildcardOnlyActions), which are
   * no hit, where it gives no certain hit there; may repeat them. Those `wildcardOnlySelects` keeps (by default, the
   * actions the analysis looks for: `selects`, else `levels`).
   */
  readonly onWildcardOnly?: (actions: readonly string[]) => void;
  /** Which of the actions that accept only `*` onWildcardOnly tells of (the reads a read check names). */
  readonly wildcardOnlySelects?: (action: ActionInfo) => boolean;
  /** Told the left-out actions that a statement grants on every resource (of a type); may repeat them. */
  readonly onLeftOut?: (actions: readonly string[]) => void;
  /**
   * Told the writes a statement grants on every resource (of a type) only for resources a condition names:
   * `iam:CreateServiceLinkedRole` by `StringEquals iam:AWSServiceName` (`only`: what it leaves); may repeat them.
   */
  readonly onNarrowed?: (narrowed: readonly NarrowedWrite[]) => void;
  /**
   * Weigh resource-tag conditions (see tagNarrowing), with every policy of the role: whether one of its Allows may
   * add tags (AWS managed ones included, which the caller may leave out of what it reads; one whose document is not
   * known may). Without, tag conditions are not weighed (a permissions boundary read with the same analysis).
   */
  readonly taggingPolicies?: readonly RolePolicy[];
  /** Told the writes a Deny takes back from a statement's grant (see DeniedWrites); may repeat them. */
  readonly onDenied?: (denied: readonly DeniedWrite[]) => void;
  /**
   * Told of a Resource element naming every resource of a type that none of its statement's writes acts on (S3's
   * `arn:aws:s3:::*` then `/*`, every object, beside s3:DeleteBucket), which is then no grant; may repeat it.
   */
  readonly onInapplicable?: (inapplicable: InapplicableWrites) => void;
}

/**
 * A Resource element as written, what it names in words (`every object in every S3 bucket`), whether it names that
 * for certain or only may (a value not known before deploy), and the statement's writes that act on none of it.
 */
export interface InapplicableWrites {
  readonly resource: string;
  readonly words: string;
  readonly answer: 'yes' | 'unknown';
  readonly actions: readonly string[];
}

export interface NarrowedWrite {
  readonly action: string;
  readonly condition: string;
  readonly only: string;
}

/** What the parts of one writeOnAllResources call share: its options, what counts as a write, its catalog lookups. */
export interface WriteContext extends CatalogContext {
  readonly options: WriteOnAllResourcesOptions;
  readonly wanted: readonly AccessLevel[];
  /** The Deny statements of the policies read, which take writes back (see afterDenies). */
  readonly denies: readonly DenyStatement[];
  /** The Allow statements of the role (see roleAllows), asked only for a statement with resource-tag conditions. */
  readonly allows: () => RoleAllows;
}

/** A condition on `<service>:CreateAction` (`StringEquals ec2:CreateAction`) and the service whose tagging it limits. */
export interface OnCreateCondition {
  readonly condition: string;
  /** As the key writes it: `ec2`. */
  readonly service: string;
}
