import type { Mutable, Resource } from '../../model/index.js';
import type { AttachmentElsewhere, Reference } from '../../model/lambda.js';
import { type EgressRule, type Route, vpcOfDefaultSecurityGroup } from '../../model/network.js';
import type { SourceRef } from '../../model/source.js';
import { invalid, isInvalid, isUnknown, unknown } from '../../model/values.js';
import { choosesBeyondConditions, choosesTarget, optionsOf } from './chosen-targets.js';
import { resourcesMentioned } from './cycles.js';
import { asRecord } from './intrinsic-values.js';
import { mayExist, target } from './link-targets.js';
import type { MapContext } from './map/context.js';
import { readEgressRule, readRoute } from './map/ec2.js';
import {
  EC2_ROUTE_TABLE_ID,
  EC2_SECURITY_GROUP_ID,
  EC2_SUBNET_ID,
  type FixedForm,
} from './map/logical-id-text.js';
import { noteUnseenRouteTables } from './route-table-choices.js';

/**
 * Ties the template's routes, route table associations and standalone egress rules to what they attach to: rules
 * into their security group (or a VPC's default group), routes into their table, route tables onto subnets, each
 * noted where it attaches only by the stack's choices (ResourceBase.attachedByChoice, .addedByChoice). Returns those
 * attaching to a subnet, route table or security group the template does not declare (Inventory.attachesElsewhere).
 * `declared`: where a declaration is written.
 */
export function linkNetwork(
  byId: Map<string, Mutable<Resource>>,
  ctx: MapContext,
  raw: Record<string, unknown>,
  declared: (id: string) => SourceRef,
): AttachmentElsewhere[] {
  // Per resource, the declarations attached to it by the stack's choices (see attachByChoice); per kind, those whose
  // target a choice makes that cannot be listed: in another deploy they may attach to any of that kind.
  const byChoice = new Map<Mutable<Resource>, Set<string>>();
  const attachByChoice = (resource: Mutable<Resource>, id: string) => {
    const ids = byChoice.get(resource) ?? new Set<string>();
    byChoice.set(resource, ids.add(id));
  };
  const unlisted = new Map<AttachTarget['kind'], string[]>();
  // What each route or rule attached by choice adds, where that rests on no choice (ResourceBase.addedByChoice).
  const addsById = new Map<string, Pick<AttachmentElsewhere, 'route' | 'rule'>>();
  // Declarations attaching to a subnet, table or group the template does not declare (see Inventory.attachesElsewhere).
  const elsewhere: AttachmentElsewhere[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const decl = asRecord(value);
    // Resources that only attach to others.
    const attaching =
      decl && Object.hasOwn(ATTACH_TARGETS, decl.Type as string)
        ? ATTACH_TARGETS[decl.Type as string]
        : undefined;
    if (!decl || !attaching) continue;
    // Properties an Fn::If chooses whole may name another target in each branch.
    const written = asRecord(decl.Properties);
    const choice = Object.hasOwn(written ?? {}, 'Fn::If') || choosesTarget(written?.[attaching.property]);
    // What each deploy may attach it to, read before the rest: it reads conditions the defaults decide. Quietly: a
    // problem of a branch the defaults do not take is told where the scan explores the case that takes it.
    const options = choice
      ? ctx.resolver.quietly(() => chosenTargets(ctx, raw, decl.Properties, attaching.property))
      : undefined;
    const listed = options === undefined ? undefined : new Set(options.own).size + options.elsewhere.length;
    ctx.resolver.resetAssumptions();
    const exists = mayExist(ctx, decl);
    // One the defaults leave out is still noted on what it attaches to: another deploy creates it.
    if (!exists && !leansOnChoices(ctx)) continue;
    const props = asRecord(ctx.resolver.shallow(decl.Properties));
    if (!props) continue;
    ctx.reading(id, props);
    const targetRaw = props[attaching.property];
    const read = () =>
      ctx.idReference(targetRaw, attaching.form, props, attaching.property, [attaching.property]);
    const named = exists ? read() : ctx.silently(read);
    // Its target's logical id written as text (`SubnetId: PublicSubnet`): refused by EC2, not attached to that one.
    const refused = isInvalid(named) ? ctx.logicalIdText(targetRaw, attaching.form) : undefined;
    // Conditions decided whatever the parameters may leave one target, the one read: no choice then. But one the
    // defaults do not take (`!If [C, !Ref Table, !Ref AWS::NoValue]` where C holds in another deploy) is a choice.
    const chosen = choice && (listed === undefined || listed > 1 || (listed === 1 && named === undefined));
    // What it adds to what the template does not declare. Quietly where the defaults leave it out: a problem there is
    // told where the scan explores the case that creates it.
    const wholeChoice = Object.hasOwn(written ?? {}, 'Fn::If');
    let added: Pick<AttachmentElsewhere, 'route' | 'rule' | 'byChoice'> | undefined;
    const adds = () => {
      const read = () =>
        addedElsewhere(ctx, decl.Type as string, props, id, declared(id), { chosen, wholeChoice });
      added ??= exists ? read() : ctx.silently(read);
      return added;
    };
    // Attached to a resource of its own template by the stack's choices, with what it adds.
    const noteAdds = () => {
      const { route, rule } = adds();
      addsById.set(id, { ...(route ? { route } : {}), ...(rule ? { rule } : {}) });
    };
    const ownByChoice = (resource: Mutable<Resource>) => {
      attachByChoice(resource, id);
      noteAdds();
    };
    if (!chosen) {
      if (named !== undefined && !declaresTarget(raw, named) && refused === undefined)
        elsewhere.push({ declaredBy: id, kind: attaching.kind, target: named, ...adds() });
      // Text not known before deploy made from the template's own of that kind (`!Join ['', [!Ref Table, '']]`,
      // `!Sub '${Table}-x'`) is most likely one of them: attached to each as a choice would (unknown there).
      if (isUnknown(named))
        for (const own of mentionedOfKind(byId, props[attaching.property], attaching.kind)) {
          ownByChoice(own);
          attachUnseen(own, id);
        }
    } else if (options === undefined) {
      const ids = unlisted.get(attaching.kind);
      if (ids) ids.push(id);
      else unlisted.set(attaching.kind, [id]);
      noteAdds();
      // May be any: one the template does not declare too.
      elsewhere.push({
        declaredBy: id,
        kind: attaching.kind,
        target: unknown(`a target ${id} chooses`),
        ...adds(),
      });
    } else {
      // Chosen by a parameter (an `Fn::Select` index), not only by conditions: another own option is unseen too.
      const beyond = choosesBeyondConditions(written?.[attaching.property]);
      for (const own of options.own) {
        const held = target(byId, own, attaching.kind);
        if (held) ownByChoice(held);
        if (held && beyond && own !== named) attachUnseen(held, id);
      }
      const added = options.elsewhere.length === 0 ? {} : adds();
      for (const other of options.elsewhere)
        elsewhere.push({ declaredBy: id, kind: attaching.kind, target: other, ...added });
    }
    if (refused !== undefined) {
      // EC2 refuses it: what it meant to attach is not known. One the defaults leave out is still noted on what it
      // names, as attached by the stack's choices: the scan explores the case that creates it.
      const held = target(byId, refused, attaching.kind);
      if (held && exists) refuseAttachment(held, id, refused, attaching);
      else if (held) ownByChoice(held);
      continue;
    }
    if (!exists) {
      const held = target(byId, named, attaching.kind);
      if (held) ownByChoice(held);
      continue;
    }
    switch (decl.Type) {
      case 'AWS::EC2::SecurityGroupEgress': {
        const rule = () =>
          ({ ...readEgressRule(ctx, props), declaredBy: id, source: declared(id) }) as EgressRule;
        const holder = addEgressRule(byId, named, rule);
        if (holder) attach(holder, id, ctx.resolver.assumed);
        // Not a VPC's default group: another stack keeps only its default rule, which no choice removes.
        if (holder?.kind === 'ec2.security-group' && leansOnChoices(ctx)) ownByChoice(holder);
        break;
      }
      case 'AWS::EC2::Route': {
        const table = target(byId, named, 'ec2.route-table');
        if (table && !isUnknown(table.routes)) {
          table.routes = [...table.routes, { ...readRoute(ctx, props), source: declared(id) } as Route];
          attach(table, id, ctx.resolver.assumed);
          if (leansOnChoices(ctx)) ownByChoice(table);
        }
        break;
      }
      case 'AWS::EC2::SubnetRouteTableAssociation': {
        const subnet = target(byId, named, 'ec2.subnet');
        if (subnet) {
          subnet.routeTable = ctx.idReference(props.RouteTableId, EC2_ROUTE_TABLE_ID, props, 'RouteTableId', [
            'RouteTableId',
          ]);
          if (leansOnChoices(ctx)) attachByChoice(subnet, id);
          noteUnseenRouteTables(ctx, byId, subnet, decl.Properties, id);
        }
        break;
      }
    }
  }
  noteAttachedByChoice(byId, byChoice, unlisted, addsById);
  return elsewhere;
}

/**
 * The route or egress rule a declaration adds to a route table or security group the template does not declare, as
 * read (AttachmentElsewhere.route, .rule); nothing where what it adds rests on the stack's choices, which a deploy
 * may change (its Properties chosen whole by an `Fn::If`: `wholeChoice`). `byChoice` where the declaration or its
 * target does (`chosen`, or what was met reading them). What was met before is kept for the linking after.
 */
function addedElsewhere(
  ctx: MapContext,
  type: string,
  props: Record<string, unknown>,
  id: string,
  source: SourceRef,
  { chosen = false, wholeChoice = false }: { chosen?: boolean; wholeChoice?: boolean } = {},
): Pick<AttachmentElsewhere, 'route' | 'rule' | 'byChoice'> {
  const byChoice = chosen || leansOnChoices(ctx);
  const read = ctx.resolver.aside(() =>
    type === 'AWS::EC2::Route'
      ? { route: { ...readRoute(ctx, props), source } }
      : type === 'AWS::EC2::SecurityGroupEgress'
        ? { rule: { ...readEgressRule(ctx, props), declaredBy: id, source } }
        : {},
  );
  // Kept, in the order met: the declaration's own first, then what it adds.
  ctx.resolver.remember(read);
  const adds = read.value;
  if (wholeChoice || read.assumed.length > 0 || read.met.length > 0) return {};
  return byChoice ? { ...adds, byChoice: true } : adds;
}

/**
 * What a route table association, route or egress rule (`id`) naming `resource` by its logical id written as text
 * (`refused`) does to it: nothing, for EC2 refuses the text and the stack fails to deploy; but what it meant to attach
 * is not known either way, so the subnet's route table, the table's routes or the group's rules are not a valid value.
 */
function refuseAttachment(
  resource: Mutable<Resource>,
  id: string,
  refused: string,
  attaching: AttachTarget,
): void {
  const names = `${attaching.declaration} ${id} names it by the text ${refused}, where ${attaching.form.takes} is expected`;
  if (resource.kind === 'ec2.subnet') resource.routeTable = invalid(names);
  else if (resource.kind === 'ec2.route-table') resource.routes = invalid(names);
  else if (resource.kind === 'ec2.security-group') resource.egress = invalid(names);
}

/** Records that declaration `id` may attach to `resource` in a deploy no case of the conditions shows. */
function attachUnseen(resource: Mutable<Resource>, id: string): void {
  if (!resource.attachedUnseen?.includes(id))
    resource.attachedUnseen = [...(resource.attachedUnseen ?? []), id];
}

/** The template's resources of `kind` that a value names (a Ref, a GetAtt, a `${...}` of an Fn::Sub). */
function mentionedOfKind(
  byId: Map<string, Mutable<Resource>>,
  value: unknown,
  kind: AttachTarget['kind'],
): Mutable<Resource>[] {
  if (value === null || typeof value !== 'object') return [];
  const ofKind = [...byId].filter(([, resource]) => resource.kind === kind);
  const named = resourcesMentioned(value, new Set(ofKind.map(([id]) => id)));
  return ofKind.flatMap(([id, resource]) => (named.has(id) ? [resource] : []));
}

/** What a declaration that only attaches to others attaches to: the property naming it, and its kind. */
interface AttachTarget {
  readonly property: string;
  readonly kind: 'ec2.route-table' | 'ec2.subnet' | 'ec2.security-group';
  /** What the property takes (see logical-id-text.ts). */
  readonly form: FixedForm;
  /** How a message names the declaration: `association`. */
  readonly declaration: string;
}

const ATTACH_TARGETS: Readonly<Record<string, AttachTarget>> = {
  'AWS::EC2::SecurityGroupEgress': {
    property: 'GroupId',
    kind: 'ec2.security-group',
    form: EC2_SECURITY_GROUP_ID,
    declaration: 'egress rule',
  },
  'AWS::EC2::Route': {
    property: 'RouteTableId',
    kind: 'ec2.route-table',
    form: EC2_ROUTE_TABLE_ID,
    declaration: 'route',
  },
  'AWS::EC2::SubnetRouteTableAssociation': {
    property: 'SubnetId',
    kind: 'ec2.subnet',
    form: EC2_SUBNET_ID,
    declaration: 'association',
  },
};

/** Whether what the resolver read since its last `resetAssumptions()` used a parameter default or met a condition not known before deploy. */
function leansOnChoices(ctx: MapContext): boolean {
  return ctx.resolver.assumed.size > 0 || ctx.resolver.undecidedMet.size > 0;
}

/**
 * Whether what a route, association or egress rule names is a resource of its own template (`Sg`, the default group
 * `Vpc.DefaultSecurityGroup`): not a parameter, an import or a literal id, which may name another stack's.
 */
function declaresTarget(raw: Record<string, unknown>, named: Reference): boolean {
  if (isUnknown(named)) return false;
  return Object.hasOwn(raw, vpcOfDefaultSecurityGroup(named) ?? named);
}

/**
 * What a route, association or egress rule whose target a choice makes (see optionsOf) may attach to: resources of its
 * template (`own`), and the others, each as read (a parameter's, an import, a literal id). Undefined when the choice's
 * options cannot be listed.
 */
function chosenTargets(
  ctx: MapContext,
  raw: Record<string, unknown>,
  properties: unknown,
  property: string,
): { readonly own: string[]; readonly elsewhere: Reference[] } | undefined {
  const options = optionsOf(ctx, properties, property);
  if (options === undefined) return undefined;
  const own: string[] = [];
  const elsewhere: Reference[] = [];
  for (const option of options) {
    ctx.resolver.resetAssumptions();
    const named = ctx.reference(option);
    if (named === undefined) continue;
    if (declaresTarget(raw, named)) own.push(named as string);
    else elsewhere.push(named);
  }
  return { own, elsewhere };
}

/**
 * Records on each resource the declarations attached to it by the stack's choices (ResourceBase.attachedByChoice):
 * `byChoice`, and those whose target a choice that cannot be listed makes (`unlisted`, by kind), on all of that kind.
 */
function noteAttachedByChoice(
  byId: Map<string, Mutable<Resource>>,
  byChoice: ReadonlyMap<Mutable<Resource>, ReadonlySet<string>>,
  unlisted: ReadonlyMap<AttachTarget['kind'], readonly string[]>,
  adds: ReadonlyMap<string, Pick<AttachmentElsewhere, 'route' | 'rule'>>,
): void {
  if (byChoice.size === 0 && unlisted.size === 0) return;
  for (const resource of byId.values()) {
    const own = byChoice.get(resource);
    const any = unlisted.get(resource.kind as AttachTarget['kind']);
    if (own === undefined && any === undefined) continue;
    // Shared by all of the kind where the resource has none of its own: read only.
    const ids = own === undefined ? (any as readonly string[]) : [...new Set([...own, ...(any ?? [])])];
    resource.attachedByChoice = ids;
    const read = ids.flatMap((id) => {
      const what = adds.get(id);
      return what?.route === undefined && what?.rule === undefined ? [] : [[id, what] as const];
    });
    if (read.length > 0) resource.addedByChoice = Object.fromEntries(read);
  }
}

/** Records that declaration `id` attaches to `resource`, with the defaults reading it assumed. */
function attach(resource: Mutable<Resource>, id: string, assumed: ReadonlySet<string>): void {
  resource.attached = [...(resource.attached ?? []), id];
  if (assumed.size === 0) return;
  resource.assumedDefaults = [...new Set([...(resource.assumedDefaults ?? []), ...assumed])].sort();
}

/**
 * Adds a standalone egress rule (`rule()`, read only then) to the group its GroupId names: a security group of the
 * template, or the default security group of one of its VPCs. Returns the resource it attaches to, if any.
 */
function addEgressRule(
  byId: Map<string, Mutable<Resource>>,
  ref: Reference | undefined,
  rule: () => EgressRule,
): Mutable<Resource> | undefined {
  const group = target(byId, ref, 'ec2.security-group');
  if (group) {
    if (isUnknown(group.egress)) return undefined;
    group.egress = [...group.egress, rule()];
    return group;
  }
  const vpc = typeof ref === 'string' ? target(byId, vpcOfDefaultSecurityGroup(ref), 'ec2.vpc') : undefined;
  const egress = vpc?.defaultSecurityGroup.egress;
  if (vpc === undefined || egress === undefined || isUnknown(egress)) return undefined;
  vpc.defaultSecurityGroup = { egress: [...egress, rule()] };
  return vpc;
}
