import type { ConnectRouteElsewhere } from './apigateway.js';
import type { Resource, ResourceKind, ResourceKinds } from './index.js';
import type { AttachmentElsewhere, Reference } from './lambda.js';
import { type Neighbours, NO_NEIGHBOURS } from './neighbours.js';
import { isUnknown } from './values.js';

/**
 * The normalized resources of one scope (one template or stack, or one account and region):
 * what every check reads. Built once, read many times; checks never modify it.
 */
export class Inventory {
  private readonly byId = new Map<string, Resource>();
  private readonly byKind = new Map<ResourceKind, Resource[]>();
  private readonly referrers = new Map<string, Map<string, Map<string, Resource[]>>>();
  private readonly derivations = new Map<Derivation<object, unknown>, Map<object, unknown>>();

  constructor(
    /** What this inventory covers: a template path, or `aws://account/region`. */
    readonly scope: string,
    resources: Iterable<Resource> = [],
    /** The other scopes scanned with this one, as far as they bear on it (stacks linked by exports). */
    readonly neighbours: Neighbours = NO_NEIGHBOURS,
    /**
     * Whether a value of this scope may be each of several texts, every one deployed by its own copy (a template
     * nested more than once: Unknown.everyOne). Checks judge copies one by one only then (src/checks/each-text.ts).
     */
    readonly holdsCopies = false,
    /**
     * The declarations of the scope's template that attach to a subnet, route table or security group it does not
     * declare: those of another stack scanned with it may be theirs, which that stack's model does not hold.
     */
    readonly attachesElsewhere: readonly AttachmentElsewhere[] = [],
    /**
     * The transforms of the template that Parapet does not run and that may add resources (a macro, AWS::Include, an
     * Fn::Transform that makes a resource): a check must not read "none in this template" as "none" (transforms.ts).
     * Read through transformsThatMayAdd.
     */
    readonly transformsMayAddResources: readonly TransformMayAdd[] = [],
    /**
     * The WebSocket `$connect` routes of the scope's template on an API it does not declare: another stack scanned
     * with it may declare that API, whose model does not hold them.
     */
    readonly connectRoutesElsewhere: readonly ConnectRouteElsewhere[] = [],
    /**
     * The account the scope's template deploys to, when its input says so (a CDK cloud assembly's manifest.json
     * names each stack's `aws://ACCOUNT/REGION`); undefined when not known before deploy. A literal account id equal
     * to it is the stack's own, and any other is another account (see exposureOptions).
     */
    readonly ownAccount?: string,
  ) {
    for (const resource of resources) this.add(resource);
  }

  /**
   * The same resources (the same objects, in the same order) with other neighbours: another stack's checks read a
   * stack's model without its neighbours, which they do not follow.
   */
  withNeighbours(neighbours: Neighbours): Inventory {
    const copy = new Inventory(
      this.scope,
      [],
      neighbours,
      this.holdsCopies,
      this.attachesElsewhere,
      this.transformsMayAddResources,
      this.connectRoutesElsewhere,
      this.ownAccount,
    );
    for (const [id, resource] of this.byId) copy.byId.set(id, resource);
    for (const [kind, list] of this.byKind) copy.byKind.set(kind, [...list]);
    return copy;
  }

  /**
   * The transforms that may add a resource of one of `types` (CloudFormation types), as findings name them: those that
   * may add any, and those that make one resource of such a type (`Type: AWS::CloudWatch::Alarm` beside its
   * Fn::Transform).
   */
  transformsThatMayAdd(types: readonly string[]): string[] {
    return this.transformsMayAddResources
      .filter((transform) => transform.type === undefined || types.includes(transform.type))
      .map((transform) => transform.label);
  }

  add(resource: Resource): void {
    this.byId.set(resource.id, resource);
    const list = this.byKind.get(resource.kind);
    if (list) list.push(resource);
    else this.byKind.set(resource.kind, [resource]);
    this.referrers.clear();
    this.derivations.clear();
  }

  get size(): number {
    return this.byId.size;
  }

  all(): Iterable<Resource> {
    return this.byId.values();
  }

  list<K extends ResourceKind>(kind: K): readonly ResourceKinds[K][] {
    return (this.byKind.get(kind) ?? []) as ResourceKinds[K][];
  }

  /** The resource a reference points at, if the inventory holds it under that id. */
  resolve<K extends ResourceKind>(ref: Reference | undefined, kind?: K): ResourceKinds[K] | undefined {
    if (ref === undefined || isUnknown(ref)) return undefined;
    const found = this.byId.get(ref);
    if (found && (kind === undefined || found.kind === kind)) return found as ResourceKinds[K];
    return undefined;
  }

  /**
   * Resources of `kind` whose `field` refers to `id`: the permissions of a function, the
   * functions using a role. Indexed on first use.
   */
  referencing<K extends ResourceKind>(
    kind: K,
    field: keyof ResourceKinds[K] & string,
    id: string,
  ): readonly ResourceKinds[K][] {
    // Two levels of maps: a joined string key would be built and hashed anew on every call.
    let byField = this.referrers.get(kind);
    if (!byField) {
      byField = new Map();
      this.referrers.set(kind, byField);
    }
    let index = byField.get(field);
    if (!index) {
      index = new Map();
      for (const resource of this.list(kind)) {
        const value = (resource as unknown as Record<string, unknown>)[field];
        const targets = Array.isArray(value) ? value : [value];
        for (const target of targets) {
          if (typeof target !== 'string') continue;
          const bucket = index.get(target);
          if (bucket) bucket.push(resource);
          else index.set(target, [resource]);
        }
      }
      byField.set(field, index);
    }
    return (index.get(id) ?? []) as ResourceKinds[K][];
  }

  /**
   * What a check derives from this inventory (the policies of a role, the functions using it), worked out
   * once per key and remembered as long as the inventory lives; adding a resource forgets it. Kept here
   * rather than in module-level WeakMaps: V8's young-generation collector keeps a WeakMap's values
   * alive, and values that point into a template's model kept every scanned template's model and parse
   * tree alive until a full collection (measured: three times the collection time on 500 templates).
   */
  derived<K extends object, V>(derivation: Derivation<K, V>, key: K): V {
    let table = this.derivations.get(derivation as Derivation<object, unknown>);
    if (table === undefined) {
      table = new Map();
      this.derivations.set(derivation as Derivation<object, unknown>, table);
    }
    // One lookup for what is there (a value is undefined only where a derivation gives undefined).
    const known = table.get(key);
    if (known !== undefined || table.has(key)) return known as V;
    const value = derivation.compute(this, key);
    table.set(key, value);
    return value;
  }
}

/** A transform Parapet does not run that may add resources to the template (Inventory.transformsMayAddResources). */
export interface TransformMayAdd {
  /** How findings name it: `SlicWatch-v2`, `AWS::Include of s3://b/alarms.yaml in Resources`. */
  readonly label: string;
  /** The type of the one resource it makes, where that resource declares its Type; absent: it may add any. */
  readonly type?: string;
}

/** A value derived from an inventory and a key of it (see Inventory.derived): made by `compute`. */
export interface Derivation<K extends object, V> {
  readonly compute: (inventory: Inventory, key: K) => V;
}
