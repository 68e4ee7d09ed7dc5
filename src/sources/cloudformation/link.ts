import type { Mutable, Resource } from '../../model/index.js';
import type {
  AttachmentElsewhere,
  CustomResourceValue,
  EnvironmentVariable,
  LambdaFunction,
  Reference,
  SecretAttribute,
} from '../../model/lambda.js';
import type { Qualified } from '../../model/qualifier.js';
import { isUnknown, unknown, type Value } from '../../model/values.js';
import { secretAttribute } from '../../secrets/index.js';
import { noteCustomResourcesOnDefaultGroups } from './default-group-customs.js';
import { functionNamed, functionsByName } from './function-names.js';
import { asRecord, subNames } from './intrinsic-values.js';
import type { MapContext } from './map/context.js';
import { linkDataStores } from './map/data-stores.js';
import { linkNetwork } from './network-links.js';
import { customValueWords, isCustomResourceType } from './resource-types.js';

/** Resources whose reference to a function keeps the version or alias it names: the callers Lambda tells apart. */
const QUALIFIED_KINDS: ReadonlySet<Resource['kind']> = new Set([
  'lambda.permission',
  // A URL answers for one qualifier: the permissions of that qualifier apply to it.
  'lambda.function-url',
  'scheduler.schedule',
  'pipes.pipe',
]);

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

  const elsewhere = linkNetwork(byId, ctx, raw, declared);

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

/**
 * `${Db}`, `${Db.Endpoint.Address}`: the logical id a placeholder starts with. The id runs to the first `.` and the
 * rest to the `}`; no part runs across a `{` (a name holds none). Written as `[^}.]+[^}]*`, the two parts could
 * share each text in many ways, each tried at each `${` left open: an environment value of a thousand `${resolve:`
 * pieces after a `${Env}` not known before deploy took 29 s to scan.
 */
const PLACEHOLDER = /\$\{([^{}.]+)(?:\.[^{}]*)?\}/g;

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
      const names = subNames(template);
      const secrets = secretAttributesOf(names, raw);
      const customs = customValuesOf(names, raw);
      return {
        ...variable,
        resourceRefs: [...ids].sort(),
        ...(secrets.length > 0 ? { secretAttributes: secrets } : {}),
        ...(customs.length > 0 ? { customValues: customs } : {}),
      };
    },
  );
}

/** The `${Id.Attribute}` of a value's template (its subNames) that name a secret attribute of a resource of the template. */
function secretAttributesOf(names: readonly string[], raw: Record<string, unknown>): SecretAttribute[] {
  const found = new Map<string, SecretAttribute>();
  for (const placeholder of names) {
    const dot = placeholder.indexOf('.');
    if (dot === -1) continue;
    const type = asRecord(raw[placeholder.slice(0, dot)])?.Type;
    if (!Object.hasOwn(raw, placeholder.slice(0, dot)) || typeof type !== 'string') continue;
    const description = secretAttribute(type, placeholder.slice(dot + 1));
    if (description) found.set(placeholder, { placeholder, resourceType: type, description });
  }
  return [...found.values()];
}

/** The `${Id}` and `${Id.Attribute}` of a value's template (its subNames) that name a custom resource of the template. */
function customValuesOf(names: readonly string[], raw: Record<string, unknown>): CustomResourceValue[] {
  const found = new Map<string, CustomResourceValue>();
  for (const placeholder of names) {
    const [id, ...attribute] = placeholder.split('.') as [string, ...string[]];
    const type = Object.hasOwn(raw, id) ? asRecord(raw[id])?.Type : undefined;
    if (!isCustomResourceType(type)) continue;
    const description = customValueWords(id, attribute.length > 0 ? attribute.join('.') : undefined, type);
    found.set(placeholder, { placeholder, description });
  }
  return [...found.values()];
}

function templateOf(variable: EnvironmentVariable): string | undefined {
  return isUnknown(variable.value) ? variable.value.template : undefined;
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
