import type { Mutable, Resource } from '../../model/index.js';
import type {
  AttachmentElsewhere,
  EnvironmentVariable,
  LambdaFunction,
  Reference,
  SecretAttribute,
} from '../../model/lambda.js';
import { type EgressRule, type Route, vpcOfDefaultSecurityGroup } from '../../model/network.js';
import type { Qualified } from '../../model/qualifier.js';
import type { SourceRef } from '../../model/source.js';
import { isUnknown, unknown, type Value } from '../../model/values.js';
import { secretAttribute } from '../../secrets/index.js';
import { choosesTarget, optionsOf } from './chosen-targets.js';
import { functionNamed, functionsByName } from './function-names.js';
import { asRecord, subNames } from './intrinsic-values.js';
import type { MapContext } from './map/context.js';
import { linkDataStores } from './map/data-stores.js';
import { readEgressRule, readRoute } from './map/ec2.js';
import { forgetDefaultGroupsGivenAway, otherStackDefaultGroupsNamed } from './other-stack-default-groups.js';

/** Resources whose reference to a function keeps the version or alias it names: the callers Lambda tells apart. */
const QUALIFIED_KINDS: ReadonlySet<Resource['kind']> = new Set([
  'lambda.permission',
  'scheduler.schedule',
  'pipes.pipe',
]);

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
  const { assumed, undecidedMet } = ctx.resolver;
  const met = { assumed: [...assumed], undecided: [...undecidedMet] };
  ctx.resolver.resetAssumptions();
  const adds =
    type === 'AWS::EC2::Route'
      ? { route: { ...readRoute(ctx, props), source } }
      : type === 'AWS::EC2::SecurityGroupEgress'
        ? { rule: { ...readEgressRule(ctx, props), declaredBy: id, source } }
        : {};
  const leans = wholeChoice || leansOnChoices(ctx);
  // Back in the order met: the declaration's own first, then what it adds.
  const added = [...undecidedMet];
  undecidedMet.clear();
  for (const name of [...met.undecided, ...added]) undecidedMet.add(name);
  for (const name of met.assumed) assumed.add(name);
  if (leans) return {};
  return byChoice ? { ...adds, byChoice: true } : adds;
}

/**
 * Ties resources declared apart back together, the way AWS sees them: standalone egress rules
 * into their security group, routes into their table, route tables onto subnets, log groups onto
 * their function, aliases / versions through to the function they point at, Aurora and Neptune
 * clusters to their instances, and the resources each environment variable is built from. Also the declarations
 * attaching to a subnet, route table or security group the template does not declare (Inventory.attachesElsewhere).
 */
export function linkResources(
  resources: Resource[],
  ctx: MapContext,
  raw: Record<string, unknown>,
  written: Record<string, unknown>,
): { readonly resources: Resource[]; readonly attachesElsewhere: AttachmentElsewhere[] } {
  const declared = (id: string) => ctx.source(Object.hasOwn(written, id) ? written : raw, id);
  const byId = new Map(resources.map((r) => [r.id, r as Mutable<Resource>]));
  const functionOf = aliasTargets(ctx, raw);

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
    const named = ctx.reference(props[attaching.property]);
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
      added ??= exists ? read() : ctx.resolver.quietly(read);
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
      if (named !== undefined && !declaresTarget(raw, named))
        elsewhere.push({ declaredBy: id, kind: attaching.kind, target: named, ...adds() });
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
      for (const own of options.own) {
        const held = target(byId, own, attaching.kind);
        if (held) ownByChoice(held);
      }
      const added = options.elsewhere.length === 0 ? {} : adds();
      for (const other of options.elsewhere)
        elsewhere.push({ declaredBy: id, kind: attaching.kind, target: other, ...added });
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
          subnet.routeTable = ctx.reference(props.RouteTableId);
          if (leansOnChoices(ctx)) attachByChoice(subnet, id);
        }
        break;
      }
    }
  }
  noteAttachedByChoice(byId, byChoice, unlisted, addsById);

  noteCustomResourcesOnDefaultGroups(byId, ctx, raw);

  const functions = resources.filter((r): r is LambdaFunction => r.kind === 'lambda.function');
  const logGroups = logGroupIndex(functions, ctx, raw);
  for (const fn of functions) {
    markResourceRefs(fn, raw);
    const ownRole = ownRoleByArn(fn.role, raw);
    if (ownRole !== undefined) (fn as Mutable<LambdaFunction>).role = ownRole;
  }
  linkDataStores(resources);
  const byName = functionsByName(functions);
  // An alias or version stands for its function; so does the function's name or ARN written as text. The
  // version or alias it names is kept where Lambda tells callers of each apart (event invoke configs).
  const linkedFunction = (ref: Reference) =>
    typeof ref === 'string' && Object.hasOwn(raw, ref) ? functionOf.get(ref) : functionNamed(ref, byName);
  for (const resource of byId.values()) {
    if (resource.kind === 'stepfunctions.state-machine' && !isUnknown(resource.lambdaTasks))
      resource.lambdaTasks = resource.lambdaTasks.map((task) => linkedCall(task, linkedFunction));
    if (resource.kind === 'service.lambda-caller')
      resource.calls = resource.calls.map((call) => linkedCall(call, linkedFunction));
    if ('functionRef' in resource && resource.functionRef !== undefined) {
      const linked = linkedFunction(resource.functionRef);
      if (linked !== undefined) {
        (resource as { functionRef: Reference }).functionRef = linked.id;
        if (linked.qualifier !== undefined && QUALIFIED_KINDS.has(resource.kind))
          (resource as Mutable<Qualified>).qualifier = linked.qualifier;
      }
    }
    if (resource.kind === 'logs.log-group') {
      const fn = functionForLogGroup(resource.name, resource.id, logGroups);
      if (fn) (resource as { functionRef?: Reference }).functionRef = fn;
    }
  }
  return { resources: [...byId.values()], attachesElsewhere: elsewhere };
}

/**
 * A call of a function (a state machine's Lambda task, a service resource's target) to the function it invokes,
 * keeping a `Qualifier` it gives beside the name.
 */
function linkedCall<T extends { readonly functionRef: Reference } & Qualified>(
  call: T,
  linkedFunction: (ref: Reference) => { readonly id: string; readonly qualifier?: Value<string> } | undefined,
): T {
  const linked = linkedFunction(call.functionRef);
  if (linked === undefined) return call;
  const qualifier = call.qualifier ?? linked.qualifier;
  return { ...call, functionRef: linked.id, ...(qualifier === undefined ? {} : { qualifier }) };
}

/** A role ARN of the deploy's own account whose name is a placeholder: `arn:aws:iam::${AWS::AccountId}:role/${X}`. */
const OWN_ACCOUNT_ROLE_ARN =
  /^arn:(?:aws|\$\{AWS::Partition\}):iam::\$\{AWS::AccountId\}:role\/\$\{([^}.]+)\}$/;

/**
 * The template's role a function's Role names by ARN, built from the role's Ref (its name):
 * `!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${FnRole}` is FnRole as `!GetAtt FnRole.Arn` names it.
 * Only for a role with the default path `/`: under another path its ARN holds the path, and this text names some
 * other role.
 */
function ownRoleByArn(role: LambdaFunction['role'], raw: Record<string, unknown>): string | undefined {
  if (!isUnknown(role) || role.template === undefined) return undefined;
  const id = OWN_ACCOUNT_ROLE_ARN.exec(role.template)?.[1];
  if (id === undefined || !Object.hasOwn(raw, id)) return undefined;
  const decl = asRecord(raw[id]);
  if (decl?.Type !== 'AWS::IAM::Role') return undefined;
  const path = asRecord(decl.Properties)?.Path;
  return path === undefined || path === '/' ? id : undefined;
}

/** What a declaration that only attaches to others attaches to: the property naming it, and its kind. */
interface AttachTarget {
  readonly property: string;
  readonly kind: 'ec2.route-table' | 'ec2.subnet' | 'ec2.security-group';
}

const ATTACH_TARGETS: Readonly<Record<string, AttachTarget>> = {
  'AWS::EC2::SecurityGroupEgress': { property: 'GroupId', kind: 'ec2.security-group' },
  'AWS::EC2::Route': { property: 'RouteTableId', kind: 'ec2.route-table' },
  'AWS::EC2::SubnetRouteTableAssociation': { property: 'SubnetId', kind: 'ec2.subnet' },
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
 * Whether a resource that only attaches to another exists in the case being built: not when its Condition
 * is false. False by the parameters' defaults, it is left out here and attached in the case where another
 * deploy makes it true (engine/condition-cases.ts explores the conditions the defaults decide), so a rule
 * only that case creates fails there only: unknown, saying when.
 */
function mayExist(ctx: MapContext, decl: Record<string, unknown>): boolean {
  const name = decl.Condition;
  if (typeof name !== 'string') return true;
  return ctx.resolver.conditionNamed(name, { node: decl, key: 'Condition' }) !== false;
}

/** `${Db}`, `${Db.Endpoint.Address}`: the logical id a placeholder starts with. */
const PLACEHOLDER = /\$\{([^}.]+)[^}]*\}/g;

/**
 * Records which `${...}` of an unknown environment value stand for resources of the template, so that
 * checks can tell them from parameters and imports (whose values could be anything), and which of them are
 * attributes that hold a secret (`${Client.ClientSecret}`).
 */
function markResourceRefs(fn: LambdaFunction, raw: Record<string, unknown>): void {
  if (isUnknown(fn.environment) || !fn.environment.some((v) => templateOf(v) !== undefined)) return;
  (fn as { environment: LambdaFunction['environment'] }).environment = fn.environment.map(
    (variable): EnvironmentVariable => {
      const template = templateOf(variable);
      if (template === undefined) return variable;
      const ids = new Set<string>();
      for (const match of template.matchAll(PLACEHOLDER)) {
        const id = (match[1] as string).trim();
        if (Object.hasOwn(raw, id)) ids.add(id);
      }
      const secrets = secretAttributesOf(template, raw);
      return {
        ...variable,
        resourceRefs: [...ids].sort(),
        ...(secrets.length > 0 ? { secretAttributes: secrets } : {}),
      };
    },
  );
}

/** The `${Id.Attribute}` of a value's template that name a secret attribute of a resource of the template. */
function secretAttributesOf(template: string, raw: Record<string, unknown>): SecretAttribute[] {
  const found = new Map<string, SecretAttribute>();
  for (const placeholder of subNames(template)) {
    const dot = placeholder.indexOf('.');
    if (dot === -1) continue;
    const type = asRecord(raw[placeholder.slice(0, dot)])?.Type;
    if (!Object.hasOwn(raw, placeholder.slice(0, dot)) || typeof type !== 'string') continue;
    const description = secretAttribute(type, placeholder.slice(dot + 1));
    if (description) found.set(placeholder, { placeholder, resourceType: type, description });
  }
  return [...found.values()];
}

function templateOf(variable: EnvironmentVariable): string | undefined {
  return isUnknown(variable.value) ? variable.value.template : undefined;
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

/**
 * A custom resource given the default security group of a VPC of the template may change its rules (CDK's
 * Custom::VpcRestrictDefaultSG revokes them all): what the group allows is then not known before deploy. So may one
 * given that of another stack's VPC (a nested stack's output, an import): see forgetDefaultGroupsGivenAway.
 */
function noteCustomResourcesOnDefaultGroups(
  byId: Map<string, Mutable<Resource>>,
  ctx: MapContext,
  raw: Record<string, unknown>,
): void {
  // Those of other stacks' VPCs: see forgetDefaultGroupsGivenAway.
  const givenAway = new Map<string, string>();
  for (const [id, value] of Object.entries(raw)) {
    const decl = asRecord(value);
    const type = decl?.Type;
    if (
      typeof type !== 'string' ||
      !(type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
    )
      continue;
    ctx.resolver.resetAssumptions();
    if (!decl || !mayExist(ctx, decl)) continue;
    for (const vpcId of defaultGroupsNamed(decl.Properties)) {
      const vpc = target(byId, vpcId, 'ec2.vpc');
      if (vpc === undefined) continue;
      vpc.defaultSecurityGroup = {
        egress: unknown(
          `custom resource ${id} (${type}) is given the default security group of ${vpcId} and may change its rules`,
        ),
      };
    }
    for (const vpc of otherStackDefaultGroupsNamed(ctx, decl.Properties)) {
      if (!givenAway.has(vpc)) givenAway.set(vpc, `custom resource ${id} (${type})`);
    }
  }
  const functions = [...byId.values()].filter((r) => r.kind === 'lambda.function');
  forgetDefaultGroupsGivenAway(functions as Mutable<LambdaFunction>[], givenAway);
}

/** The VPCs whose default security group a raw value names (`!GetAtt Vpc.DefaultSecurityGroup`, `${Vpc.DefaultSecurityGroup}`). */
function defaultGroupsNamed(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) defaultGroupsNamed(item, found);
    return found;
  }
  const record = asRecord(node);
  if (record === undefined) return found;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'Fn::GetAtt') {
      const [logicalId, attribute] =
        typeof value === 'string' ? value.split('.') : Array.isArray(value) ? value : [];
      if (attribute === 'DefaultSecurityGroup' && typeof logicalId === 'string') found.add(logicalId);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(value) ? value[0] : value;
      for (const name of typeof text === 'string' ? subNames(text) : []) {
        const vpcId = vpcOfDefaultSecurityGroup(name);
        if (vpcId !== undefined) found.add(vpcId);
      }
    }
    defaultGroupsNamed(value, found);
  }
  return found;
}

function target<K extends Resource['kind']>(
  byId: Map<string, Mutable<Resource>>,
  ref: Reference | undefined,
  kind: K,
): Mutable<Extract<Resource, { kind: K }>> | undefined {
  if (ref === undefined || isUnknown(ref)) return undefined;
  const found = byId.get(ref);
  return found?.kind === kind ? (found as Mutable<Extract<Resource, { kind: K }>>) : undefined;
}

/**
 * Alias and Version logical ids → the function they belong to, and the qualifier they stand for: the alias's
 * Name, or the version's number (known only at deploy, as `!GetAtt <Version>.Version` gives it).
 */
function aliasTargets(
  ctx: MapContext,
  raw: Record<string, unknown>,
): Map<string, { readonly id: string; readonly qualifier: Value<string> }> {
  const out = new Map<string, { readonly id: string; readonly qualifier: Value<string> }>();
  for (const [id, value] of Object.entries(raw)) {
    const decl = asRecord(value);
    if (decl?.Type !== 'AWS::Lambda::Alias' && decl?.Type !== 'AWS::Lambda::Version') continue;
    const props = asRecord(decl.Properties);
    const fn = ctx.reference(props?.FunctionName);
    if (typeof fn !== 'string') continue;
    const qualifier =
      decl.Type === 'AWS::Lambda::Alias'
        ? (ctx.string(props?.Name) ?? unknown(`alias ${id} has no Name`))
        : unknown(`the number of version ${id}, known only at deploy`, `\${${id}.Version}`, {
            resources: [`${id}.Version`],
          });
    out.set(id, { id: fn, qualifier });
  }
  return out;
}

interface LogGroupIndex {
  /** Log group logical id → the function whose LoggingConfig names it. */
  readonly byLoggingConfig: Map<string, string>;
  /** Function name (or its `${Fn}` shape) and `${Id}` → function id. */
  readonly byName: Map<string, string>;
}

/** Built once per template: looking functions up per log group would be quadratic. */
function logGroupIndex(
  functions: LambdaFunction[],
  ctx: MapContext,
  raw: Record<string, unknown>,
): LogGroupIndex {
  const byLoggingConfig = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const fn of functions) {
    const loggingConfig = asRecord(asRecord(asRecord(raw[fn.id])?.Properties)?.LoggingConfig);
    const group = loggingConfig ? ctx.reference(loggingConfig.LogGroup) : undefined;
    if (typeof group === 'string' && !byLoggingConfig.has(group)) byLoggingConfig.set(group, fn.id);
    byName.set(`\${${fn.id}}`, fn.id);
    const name = isUnknown(fn.name) ? fn.name.template : fn.name;
    if (name !== undefined && !byName.has(name)) byName.set(name, fn.id);
  }
  return { byLoggingConfig, byName };
}

/**
 * The function whose logs a group holds: named by a function's LoggingConfig, or called
 * `/aws/lambda/<function name>` (the name written, or `${Fn}` of a Ref to the function).
 */
function functionForLogGroup(
  name: ReturnType<MapContext['string']>,
  groupId: string,
  index: LogGroupIndex,
): string | undefined {
  const configured = index.byLoggingConfig.get(groupId);
  if (configured) return configured;
  const text = isUnknown(name) ? name.template : name;
  const match = text ? /^\/aws\/lambda\/(.+)$/.exec(text) : null;
  return match ? index.byName.get(match[1] as string) : undefined;
}
