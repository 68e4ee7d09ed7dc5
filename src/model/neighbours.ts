import type { ConnectRouteElsewhere } from './apigateway.js';
import type { Resource } from './index.js';
import type { AttachmentElsewhere, LambdaFunction } from './lambda.js';
import type { MetricAlarm } from './monitoring.js';
import type { StackResource } from './values.js';

/** An alarm of another scanned stack on a resource of this one, and that stack (as findings name it). */
export interface AlarmOfOtherStack {
  readonly alarm: MetricAlarm;
  readonly stack: string;
}

/** A function of another scanned stack, and that stack (as findings name it). */
export interface FunctionOfOtherStack {
  readonly fn: LambdaFunction;
  readonly stack: string;
  /** The copy of the resource's template it runs with, where that template is nested more than once (StackResource.copy). */
  readonly copy?: string;
}

/** The functions of other scanned stacks that run as a role of this scope (see Neighbours.functionsRunningAs). */
export interface RoleUsersOfOtherStacks {
  /** Those whose Role is this role's ARN, given by a parent or imported from an export of it. */
  readonly surely: readonly FunctionOfOtherStack[];
  /** Those whose Role imports an export of it that another scanned stack makes too: which they get is not known. */
  readonly maybe: readonly FunctionOfOtherStack[];
}

/**
 * What attaches to a subnet, route table or security group of a stack from another: a route table association, route
 * or egress rule of another scanned stack (`declaredBy` there), or a nested stack of the resource's stack given it
 * whose template the scan does not read (`nesting`, its stack resource there): what it adds is not known.
 */
export type AttachmentFromOther =
  | (Pick<AttachmentElsewhere, 'declaredBy' | 'route' | 'rule' | 'byChoice'> & {
      readonly stack: string;
      /** Its target is not read (`!Sub "${Subnet}"`): it may be this resource, given to that stack by its parent. */
      readonly maybe?: boolean;
    })
  | { readonly nesting: string; readonly parent: string };

/**
 * A WebSocket `$connect` route of another scanned stack (`declaredBy` there) that is, or may be, on an API of this one:
 * `surely` where its `ApiId` names that API (an import of its export, a parent's value), not where it is a literal id
 * or a value Parapet cannot trace (it may be any API), or where a deploy may leave it out.
 */
export interface ConnectRouteOfOtherStack extends ConnectRouteElsewhere {
  readonly stack: string;
  readonly surely: boolean;
}

/**
 * What the other scopes scanned with an inventory's own show about it: for a template, the other stacks of the
 * scan linked to it by exports and imports, or by nesting (a parent's values, a nested stack's outputs). Checks
 * read them as they read the inventory: model objects, never another template's text.
 */
export interface Neighbours {
  /**
   * The resource of another scanned stack that a value stands for (`Unknown.stackResource`, such as the queue an
   * imported ARN names); undefined when that stack was not scanned or has no such resource.
   */
  resourceOf(ref: StackResource): Resource | undefined;
  /**
   * The alarms of other scanned stacks that name a resource of this scope through an import: each as a copy
   * whose dimension values name that resource by its logical id, as a reference from this template would.
   */
  alarmsOnThis(): readonly AlarmOfOtherStack[];
  /**
   * The functions of other scanned stacks whose execution role is this scope's resource `logicalId`: a nested stack
   * given its ARN by its parent, a parent given it as a nested stack's output, a stack importing its export.
   */
  functionsRunningAs(logicalId: string): RoleUsersOfOtherStacks;
  /**
   * What other scanned stacks, besides this one, attach to resource `logicalId` of `kind` of stack `stack` (this
   * scope's own when undefined): that stack's model does not hold it. Nested stacks of `stack` given the resource
   * whose template is not read are listed too.
   */
  attachedByOthers(
    target: { readonly stack?: string; readonly logicalId: string },
    kind: AttachmentElsewhere['kind'],
  ): readonly AttachmentFromOther[];
  /**
   * The WebSocket `$connect` routes other scanned stacks declare that are, or may be, on this scope's API `logicalId`
   * (see ConnectRouteOfOtherStack).
   */
  connectRoutesOn(logicalId: string): readonly ConnectRouteOfOtherStack[];
  /** Whether other scanned stacks can name this one's resources (it exports, is nested or nests stacks). */
  readonly linked: boolean;
}

/** No function of another stack runs as the role. */
export const NO_ROLE_USERS: RoleUsersOfOtherStacks = { surely: [], maybe: [] };

/** A scope scanned alone (or built for a neighbour: neighbours of neighbours are not followed). */
export const NO_NEIGHBOURS: Neighbours = {
  resourceOf: () => undefined,
  alarmsOnThis: () => [],
  functionsRunningAs: () => NO_ROLE_USERS,
  attachedByOthers: () => [],
  connectRoutesOn: () => [],
  linked: false,
};
