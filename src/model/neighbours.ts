import type { Resource } from './index.js';
import type { MetricAlarm } from './monitoring.js';
import type { StackResource } from './values.js';

/** An alarm of another scanned stack on a resource of this one, and that stack (as findings name it). */
export interface AlarmOfOtherStack {
  readonly alarm: MetricAlarm;
  readonly stack: string;
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
  /** Whether other scanned stacks can name this one's resources (it exports, is nested or nests stacks). */
  readonly linked: boolean;
}

/** A scope scanned alone (or built for a neighbour: neighbours of neighbours are not followed). */
export const NO_NEIGHBOURS: Neighbours = {
  resourceOf: () => undefined,
  alarmsOnThis: () => [],
  linked: false,
};
