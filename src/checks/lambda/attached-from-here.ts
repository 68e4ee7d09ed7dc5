import type { Inventory } from '../../model/inventory.js';
import type { AttachmentElsewhere } from '../../model/lambda.js';
import type { ResourceBase } from '../../model/resource.js';
import { isUnknown } from '../../model/values.js';
import { type SubnetScope, stackScope } from './vpc.js';

/** What the function's template does, by a declaration of each kind, to what it does not declare. */
const DOES: Readonly<Record<AttachmentElsewhere['kind'], string>> = {
  'ec2.subnet': 'attaches a route table to a subnet it does not declare',
  'ec2.route-table': 'adds a route to a route table it does not declare',
  'ec2.security-group': 'adds an egress rule to a security group it does not declare',
};

/**
 * Whether what a route or egress rule adds (AttachmentElsewhere.route, .rule) opens what it names, read where the
 * stack declaring it resolves its references: true (a route 0.0.0.0/0 to an internet gateway, a rule to anywhere on
 * every port), false (it cannot: a route to a NAT gateway, a rule to one port of the VPC), undefined when not known.
 */
export type Opens = (
  attachment: Pick<AttachmentElsewhere, 'route' | 'rule'>,
  scope: SubnetScope,
) => boolean | undefined;

/** A route or egress rule of another template (`stack`; the function's own when undefined) that surely opens it. */
export interface Opening {
  readonly declaredBy: string;
  readonly route?: AttachmentElsewhere['route'];
  readonly rule?: AttachmentElsewhere['rule'];
  readonly stack?: string;
  /** Where the declaring stack's references (a route's gateway) resolve. */
  readonly scope: SubnetScope;
}

/**
 * What the declarations of other templates attaching to a resource show: one that surely opens it (`opening`), and why
 * others leave it unknown (`doubt`, a clause naming them). Those that cannot open it alone are neither: `added`.
 */
export interface Attached {
  readonly opening?: Opening;
  readonly doubt?: string;
  /**
   * Those read that cannot open it alone (a rule to `0.0.0.0/1`), which egress rules added up may (`128.0.0.0/1`
   * beside it): the caller judges them with the resource's own.
   */
  readonly added?: readonly Added[];
}

/** A route or rule of another template that cannot open a resource alone; `surely` where known to be on it. */
export interface Added extends Opening {
  /** Known to be on it, and by no choice of its stack; else one a deploy may add to it (or put elsewhere). */
  readonly surely: boolean;
}

/**
 * How `opens` judges a declaration: false (it cannot open what it names alone) is what it adds, surely where it surely
 * names `sure`, else what it may add; true, where it surely names `sure`, is an opening; anything else (not read, a
 * value not known, a target it only may be) a doubt.
 */
function judged(
  attachment: Pick<AttachmentElsewhere, 'route' | 'rule' | 'byChoice'>,
  scope: SubnetScope,
  opens: Opens | undefined,
  sure: boolean,
): 'adds' | 'may add' | 'opens' | 'doubt' {
  const verdict =
    opens === undefined || (attachment.route ?? attachment.rule) === undefined
      ? undefined
      : opens(attachment, scope);
  // One a deploy may leave out, or put elsewhere (byChoice), only may open: its own stack's scan explores that.
  const surely = sure && attachment.byChoice !== true;
  if (verdict === false) return surely ? 'adds' : 'may add';
  return verdict === true && surely ? 'opens' : 'doubt';
}

/**
 * What `resource` (`it`, as the message names it), of another stack scanned with the function's and read from that
 * stack's model, is given by the function's template, which declares a route table association, route or egress rule
 * on a `kind` it does not declare (Inventory.attachesElsewhere) that that model does not hold. One known to name another
 * resource of a scanned stack is left out; a route or rule `opens` finds cannot open it alone is what it adds.
 */
export function attachedFromHere(
  inventory: Inventory,
  kind: AttachmentElsewhere['kind'],
  resource: ResourceBase | undefined,
  it = 'it',
  opens?: Opens,
): Attached {
  const ids: string[] = [];
  let opening: Opening | undefined;
  const added: Added[] = [];
  for (const attachment of inventory.attachesElsewhere) {
    if (attachment.kind !== kind) continue;
    const named = namedBy(inventory, attachment);
    if (named !== undefined && named !== resource) continue;
    const verdict = judged(attachment, inventory, opens, resource !== undefined && named === resource);
    if (verdict === 'opens') opening ??= { ...attachment, scope: inventory };
    else if (verdict === 'doubt') ids.push(attachment.declaredBy);
    else added.push({ ...attachment, scope: inventory, surely: verdict === 'adds' });
  }
  const doubt =
    ids.length === 0 ? undefined : `this template ${DOES[kind]} (${ids.join(', ')}), which may be ${it}`;
  return { opening, doubt, added };
}

/** The resource of a scanned stack an attachment stands for; undefined when it may be any. */
function namedBy(inventory: Inventory, attachment: AttachmentElsewhere): ResourceBase | undefined {
  const named = attachment.target;
  const other = isUnknown(named) ? named.stackResource : undefined;
  return other === undefined ? undefined : inventory.neighbours.resourceOf(other);
}

/** What a declaration of each kind does to what it names: `adds a route to` a table. */
const ADDS: Readonly<Record<AttachmentElsewhere['kind'], string>> = {
  'ec2.subnet': 'attaches a route table to',
  'ec2.route-table': 'adds a route to',
  'ec2.security-group': 'adds an egress rule to',
};

/**
 * What another scanned stack (a sibling nested stack given it by their parent, a stack importing it) declares on
 * `resource` (`it`, as the message names it) of stack `stack` (the function's own template when undefined), which that
 * stack's model does not hold: a route table association, route or egress rule, or a nested stack given it whose
 * template the scan does not read. A route or rule `opens` finds cannot open it alone is what it adds.
 */
export function attachedByOthers(
  inventory: Inventory,
  kind: AttachmentElsewhere['kind'],
  resource: ResourceBase,
  stack: string | undefined,
  it = 'it',
  opens?: Opens,
): Attached {
  const found = inventory.neighbours.attachedByOthers({ stack, logicalId: resource.id }, kind);
  const byStack = new Map<string, string[]>();
  const unread: string[] = [];
  let opening: Opening | undefined;
  const added: Added[] = [];
  for (const attachment of found) {
    if ('nesting' in attachment) {
      unread.push(`${attachment.nesting} of stack ${attachment.parent}`);
      continue;
    }
    // Known to name the resource, unless its target is not read (`maybe`: its parent gives the stack the resource).
    const scope = stackScope(inventory, attachment.stack);
    const verdict = judged(attachment, scope, opens, attachment.maybe !== true);
    if (verdict === 'opens') opening ??= { ...attachment, scope };
    else if (verdict === 'doubt') {
      const key = `${attachment.maybe === true ? 'maybe' : 'surely'}\0${attachment.stack}`;
      byStack.set(key, [...(byStack.get(key) ?? []), attachment.declaredBy]);
    } else added.push({ ...attachment, scope, surely: verdict === 'adds' });
  }
  const parts = [...byStack].map(([key, ids]) => {
    const [which, other] = key.split('\0') as [string, string];
    const to = which === 'maybe' ? `what may be ${it}` : it;
    return `stack ${other} ${ADDS[kind]} ${to} (${ids.join(', ')})`;
  });
  if (unread.length > 0) {
    const nestings = unread.length === 1 ? 'nested stack' : 'nested stacks';
    parts.push(
      `${nestings} ${unread.join(', ')} ${unread.length === 1 ? 'is' : 'are'} given ${it}, and the scan does not read ${unread.length === 1 ? 'its template' : 'their templates'}`,
    );
  }
  return { opening, doubt: parts.length === 0 ? undefined : parts.join('; '), added };
}
