import { executionRoleOf, policiesOfRole } from '../../iam/role-policies.js';
import { allowStatements, coversAction } from '../../iam/statements.js';
import { elementsOf } from '../../iam/templates.js';
import { anyOf, type Tri } from '../../iam/tri.js';
import { arnService } from '../../model/arn.js';
import {
  DATA_STORE_KINDS,
  type DataStore,
  type DataStoreKind,
  isDataStore,
} from '../../model/data-stores.js';
import { DYNAMIC_REFERENCE_REASON } from '../../model/dynamic-references.js';
import type { Statement } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import type { EnvironmentVariable, LambdaFunction } from '../../model/lambda.js';
import { own } from '../../model/own.js';
import type { SourceRef } from '../../model/source.js';
import { isUnknown, placeholderMatches, type Unknown, type Value } from '../../model/values.js';
import { nameOf } from './vpc.js';

/**
 * How a function reaches the data stores of its inventory, for `lambda.function-not-in-vpc` with
 * `requireVpc: false`. What counts as reaching one, because it needs a network path to it:
 * - an environment variable that holds one of its endpoints (`!GetAtt Db.Endpoint.Address`, or a
 *   `!Sub` of it), or a literal host name of such a service. One that holds only its port
 *   (`!GetAtt Db.Endpoint.Port`) gives no address to connect to: alone it does not count, beside an
 *   endpoint it is listed as one more way the store is wired in;
 * - an Allow statement of the execution role that grants a data-plane action which connects over the
 *   network (`rds-db:connect`, `elasticfilesystem:ClientMount`, `es:ESHttpPost`, ...) and names the store;
 * - an EFS access point in FileSystemConfigs (Lambda mounts EFS only inside a VPC).
 * Not counted: a store's ARN or name alone (the RDS and Redshift Data APIs, control-plane calls), grants
 * on `*`, event source mappings (Lambda's pollers reach the source, not the function), and policies
 * Parapet cannot read.
 */
export interface Reach {
  /** "RDS DB instance Db", "an RDS endpoint not in this template (db.abc.us-east-1.rds.amazonaws.com)". */
  readonly what: string;
  /**
   * Every way the function reaches it: "environment variables DB_HOST, DB_PORT hold its endpoint and
   * port; its execution role may connect to it (statement Connect of role AppRole)".
   */
  readonly how: string;
  readonly where: SourceRef | readonly (string | number)[];
  /** Whether the target is reachable only inside its VPC. */
  readonly vpcOnly: Value<boolean>;
  /** Why it is or is not (or cannot be told), for the message. */
  readonly reason: string;
  /** An EFS mount (FileSystemConfigs), which Lambda accepts only on a function in a VPC. */
  readonly mount?: boolean;
}

/** One way to one store, before the ways to each store are put together (see byStore). */
interface Way extends Reach {
  /** For an environment variable: its name, and whether it holds an address or only a port. */
  readonly variable?: { readonly name: string; readonly holds: 'endpoint' | 'port' };
}

/** Something that may be such a reach, but cannot be told. */
export interface Doubt {
  readonly reason: string;
  readonly where?: SourceRef | readonly (string | number)[];
}

export interface ReachReport {
  readonly reaches: readonly Reach[];
  readonly doubts: readonly Doubt[];
}

const RDS_CONNECT = ['rds-db:connect'];
const EFS_CLIENT = [
  'elasticfilesystem:ClientMount',
  'elasticfilesystem:ClientWrite',
  'elasticfilesystem:ClientRootAccess',
];
const ELASTICACHE_CONNECT = ['elasticache:Connect'];
const DAX_DATA = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
].map((a) => `dax:${a}`);
const ES_HTTP = ['Get', 'Head', 'Post', 'Put', 'Patch', 'Delete'].map((a) => `es:ESHttp${a}`);
const NEPTUNE_DATA = ['connect', 'ReadDataViaQuery', 'WriteDataViaQuery', 'DeleteDataViaQuery'].map(
  (a) => `neptune-db:${a}`,
);
/** IAM actions that connect to a store over the network (its data plane), by kind. */
const NETWORK_ACTIONS: Partial<Record<DataStoreKind, readonly string[]>> = {
  'rds.db-instance': RDS_CONNECT,
  'rds.db-cluster': RDS_CONNECT,
  'rds.db-proxy': RDS_CONNECT,
  'elasticache.cache-cluster': ELASTICACHE_CONNECT,
  'elasticache.replication-group': ELASTICACHE_CONNECT,
  'elasticache.serverless-cache': ELASTICACHE_CONNECT,
  'memorydb.cluster': ['memorydb:Connect'],
  'dax.cluster': DAX_DATA,
  'efs.file-system': EFS_CLIENT,
  'efs.access-point': EFS_CLIENT,
  'opensearch.domain': ES_HTTP,
  'neptune.cluster': NEPTUNE_DATA,
  'msk.cluster': ['kafka-cluster:Connect'],
};

/** The same, by the service of an ARN outside the inventory, with what such an ARN names. */
const NETWORK_ARNS: Readonly<Record<string, { actions: readonly string[]; what: string }>> = {
  'rds-db': { actions: RDS_CONNECT, what: 'an RDS database user' },
  elasticache: { actions: ELASTICACHE_CONNECT, what: 'an ElastiCache resource' },
  memorydb: { actions: ['memorydb:Connect'], what: 'a MemoryDB resource' },
  dax: { actions: DAX_DATA, what: 'a DAX cluster' },
  elasticfilesystem: { actions: EFS_CLIENT, what: 'an EFS file system' },
  es: { actions: ES_HTTP, what: 'an OpenSearch domain' },
  'neptune-db': { actions: NEPTUNE_DATA, what: 'a Neptune database' },
  kafka: { actions: ['kafka-cluster:Connect'], what: 'an MSK cluster' },
};

/** Host names of services whose endpoints live in a VPC (the services' API hosts do not match). */
const ENDPOINT_HOSTS: readonly (readonly [RegExp, string])[] = [
  [/\.[^./]+\.rds\.amazonaws\.com/, 'an RDS endpoint'],
  [/\.cache\.amazonaws\.com/, 'an ElastiCache endpoint'],
  [/\.memorydb\.[^./]+\.amazonaws\.com/, 'a MemoryDB endpoint'],
  [/\.dax-clusters\.[^./]+\.amazonaws\.com/, 'a DAX endpoint'],
  [/\.[^./]+\.redshift(-serverless)?\.amazonaws\.com/, 'a Redshift endpoint'],
  [/(^|[/.@])vpc-[^./]+\.[^./]+\.(es|aos)\.amazonaws\.com/, 'an OpenSearch VPC endpoint'],
  [/\.[^./]+\.docdb\.amazonaws\.com/, 'a DocumentDB endpoint'],
  [/\.[^./]+\.neptune\.amazonaws\.com/, 'a Neptune endpoint'],
  [/\.kafka\.[^./]+\.amazonaws\.com/, 'an MSK broker'],
  [/\.efs\.[^./]+\.amazonaws\.com/, 'an EFS mount target'],
];

/** The logical ids (or names) the `${...}` of a template start with; pseudo parameters left out. */
function placeholderHeads(template: string): string[] {
  const heads: string[] = [];
  for (const match of placeholderMatches(template)) {
    const inner = (match[1] as string).trim();
    if (inner.startsWith('AWS::') || inner.startsWith('!')) continue;
    heads.push(inner.split('.')[0] as string);
  }
  return heads;
}

function describeStore(store: DataStore): string {
  return `${DATA_STORE_KINDS[store.kind]} ${store.id}`;
}

function storeReach(store: DataStore, how: string, where: Reach['where']): Way {
  return {
    what: describeStore(store),
    how,
    where,
    vpcOnly: store.access.vpcOnly,
    reason: store.access.reason,
  };
}

/** What the function's environment, mounts and execution role show it reaches. */
export function vpcOnlyReach(fn: LambdaFunction, inventory: Inventory): ReachReport {
  const reaches: Way[] = [];
  const doubts: Doubt[] = [];
  fileSystems(fn, inventory, reaches, doubts);
  if (isUnknown(fn.environment)) {
    doubts.push({
      reason: `Environment is not known before deploy (${fn.environment.reason})`,
      where: ['Environment'],
    });
  } else {
    for (const variable of fn.environment) environmentVariable(variable, inventory, reaches, doubts);
  }
  executionRole(fn, inventory, reaches, doubts);
  return { reaches: byStore(reaches), doubts };
}

/**
 * One reach per store with every way to it, in the order first met; a store reached only through
 * variables holding its port is left out (a port is no address), and the reach points at the first way
 * that is not a port.
 */
function byStore(ways: readonly Way[]): Reach[] {
  const groups = new Map<string, Way[]>();
  for (const way of ways) {
    const group = groups.get(way.what);
    if (group) group.push(way);
    else groups.set(way.what, [way]);
  }
  const reaches: Reach[] = [];
  for (const [what, group] of groups) {
    const first = group.find((way) => way.variable?.holds !== 'port');
    if (first === undefined) continue;
    const mount = group.some((way) => way.mount);
    reaches.push({
      what,
      how: waysInWords(group),
      where: first.where,
      vpcOnly: group.some((way) => way.vpcOnly === true) ? true : first.vpcOnly,
      reason: first.reason,
      ...(mount ? { mount } : {}),
    });
  }
  return reaches;
}

/** "environment variables DB_HOST, DB_PORT hold its endpoint and port; FileSystemConfigs mounts it". */
function waysInWords(ways: readonly Way[]): string {
  const variables = new Map<string, 'endpoint' | 'port'>();
  for (const { variable } of ways) {
    if (variable && variables.get(variable.name) !== 'endpoint') variables.set(variable.name, variable.holds);
  }
  const parts: string[] = [];
  if (variables.size > 0) {
    const names = [...variables.keys()];
    const held = [...new Set(variables.values())].sort().join(' and ');
    parts.push(
      names.length === 1
        ? `environment variable ${names[0]} holds its ${held}`
        : `environment variables ${names.join(', ')} hold its ${held}`,
    );
  }
  for (const way of ways) if (way.variable === undefined) parts.push(way.how);
  return [...new Set(parts)].join('; ');
}

function fileSystems(fn: LambdaFunction, inventory: Inventory, reaches: Way[], doubts: Doubt[]): void {
  const configs = fn.fileSystemConfigs;
  if (configs === undefined) return;
  if (isUnknown(configs)) {
    doubts.push({
      reason: `FileSystemConfigs is not known before deploy (${configs.reason})`,
      where: ['FileSystemConfigs'],
    });
    return;
  }
  for (const config of configs) {
    const how = 'FileSystemConfigs mounts it';
    const store = inventory.resolve(config.arn);
    // Whatever the ARN names, it is an EFS access point, and Lambda mounts EFS only inside a VPC.
    const reached: Way = isDataStore(store)
      ? storeReach(store, how, config.source)
      : {
          what: `EFS access point ${nameOf(config.arn)}`,
          how,
          where: config.source,
          vpcOnly: true,
          reason: 'EFS',
        };
    reaches.push({ ...reached, vpcOnly: true, mount: true });
  }
}

function environmentVariable(
  variable: EnvironmentVariable,
  inventory: Inventory,
  reaches: Way[],
  doubts: Doubt[],
): void {
  const { value, name, source } = variable;
  const label = `environment variable ${name}`;
  const held = (store: DataStore, holds: 'endpoint' | 'port'): Way => ({
    ...storeReach(store, `${label} holds its ${holds}`, source),
    variable: { name, holds },
  });
  if (!isUnknown(value)) {
    const store = knownEndpointOwner(value, inventory);
    if (store) reaches.push(held(store, 'endpoint'));
    else hostDoubt(value, variable, label, doubts);
    return;
  }
  // A `{{resolve:…}}` dynamic reference (model/dynamic-references.ts).
  if (value.reason.startsWith(DYNAMIC_REFERENCE_REASON)) {
    doubts.push({ reason: `${label} is read from SSM or Secrets Manager at deploy`, where: source });
    return;
  }
  const template = value.template;
  if (template === undefined) {
    doubts.push({ reason: `${label} is not known before deploy (${value.reason})`, where: source });
    return;
  }
  const resources = variable.resourceRefs;
  const outside = new Set<string>();
  for (const head of new Set(placeholderHeads(template))) {
    const target = inventory.resolve(head);
    if (isDataStore(target)) {
      const used = target.endpoints.filter(
        (e): e is Unknown & { template: string } =>
          isUnknown(e) && e.template !== undefined && template.includes(e.template),
      );
      if (used.length > 0) {
        reaches.push(held(target, used.every((e) => isPort(e.template)) ? 'port' : 'endpoint'));
      }
    } else if (resources ? !resources.includes(head) : target === undefined) outside.add(head);
  }
  if (outside.size > 0) {
    const names = [...outside].map((n) => `\${${n}}`).join(', ');
    doubts.push({
      reason: `${label} takes ${names} from outside the template (${value.reason})`,
      where: source,
    });
  } else hostDoubt(template, variable, label, doubts);
}

/** Whether an endpoint attribute (`${Db.Endpoint.Port}`, `${Cache.ReadEndPoint.Ports.List}`) is a port. */
function isPort(template: string): boolean {
  return /Ports?(\.List)?\}$/.test(template);
}

/** A store of the inventory whose known endpoint a literal value contains (live inventories). */
function knownEndpointOwner(value: string, inventory: Inventory): DataStore | undefined {
  for (const kind of Object.keys(DATA_STORE_KINDS) as DataStoreKind[]) {
    for (const store of inventory.list(kind) as readonly DataStore[]) {
      if (store.endpoints.some((e) => typeof e === 'string' && e !== '' && value.includes(e))) return store;
    }
  }
  return undefined;
}

/**
 * A value naming a data store's host outside the template. Only the host name is shown: the value
 * may be a connection string with a password in it, or come from a NoEcho parameter (then not even
 * the host is shown).
 */
function hostDoubt(text: string, variable: EnvironmentVariable, label: string, doubts: Doubt[]): void {
  for (const [pattern, what] of ENDPOINT_HOSTS) {
    const match = pattern.exec(text);
    if (!match) continue;
    // One naming the secret a dynamic reference reads counts too: its value is no more to be shown.
    const named = [...(variable.parameters ?? []), ...(variable.referenceParameters ?? [])];
    const noEcho = named.some((p) => p.noEcho);
    const shown = noEcho ? '' : ` (${hostAround(text, match.index + match[0].length - 1)})`;
    doubts.push({ reason: `${label} names ${what} not in this template${shown}`, where: variable.source });
    return;
  }
}

/** The host name around position `at`: the run of host-name characters that holds it. */
function hostAround(text: string, at: number): string {
  const isHostChar = (ch: string) => /[A-Za-z0-9.-]/.test(ch);
  let start = at;
  while (start > 0 && isHostChar(text.charAt(start - 1))) start--;
  let end = at;
  while (end < text.length && isHostChar(text.charAt(end))) end++;
  return text.slice(start, end);
}

function executionRole(fn: LambdaFunction, inventory: Inventory, reaches: Way[], doubts: Doubt[]): void {
  const role = executionRoleOf(inventory, fn);
  if (!role) return;
  const options = { inventory };
  for (const policy of policiesOfRole(inventory, role)) {
    for (const { statement, allow } of allowStatements(policy.document)) {
      const resources = elementsOf(statement.resources);
      if (resources === undefined || isUnknown(resources)) continue;
      const certain = allow === 'yes' && policy.attached === 'yes';
      const grants = (actions: readonly string[]): Tri =>
        anyOf(actions.map((action) => coversAction(statement, action, options)));
      for (const resource of resources) {
        const text = isUnknown(resource) ? resource.template : resource;
        if (text === undefined) continue;
        const named = placeholderHeads(text)
          .map((head) => inventory.resolve(head))
          .filter(isDataStore);
        for (const store of named) {
          const granted = grants(NETWORK_ACTIONS[store.kind] ?? []);
          if (granted === 'no') continue;
          const how = `its execution role may connect to it (${statementName(statement, role.id)})`;
          if (granted === 'yes' && certain) {
            reaches.push(storeReach(store, how, statement.source));
            continue;
          }
          const open = [
            ...(granted === 'unknown' ? ['whether its Action allows connecting'] : []),
            ...(allow === 'unknown' ? ['its Effect'] : []),
            ...(policy.attached === 'unknown' ? ['whether the policy is attached to the role'] : []),
          ];
          doubts.push({
            reason: `${describeStore(store)}: ${how}; ${open.join(' and ')} is not known before deploy`,
            where: statement.source,
          });
        }
        if (named.length === 0) externalGrant(text, grants, statement, doubts);
      }
    }
  }
}

/** A grant to connect to a specific resource outside the inventory: it may or may not be VPC-only. */
function externalGrant(
  text: string,
  grants: (actions: readonly string[]) => Tri,
  statement: Statement,
  doubts: Doubt[],
): void {
  // The text as written: `${AWS::Partition}` holds colons that are not the ARN's (see arnService).
  const service = arnService(text);
  const network = service ? own(NETWORK_ARNS, service) : undefined;
  if (!network || text.replace(/\/?\*$/, '').includes('*')) return;
  if (grants(network.actions) === 'no') return;
  doubts.push({
    reason: `its execution role may connect to ${network.what} not in this template (${text})`,
    where: statement.source,
  });
}

function statementName(statement: Statement, roleId: string): string {
  return statement.sid ? `statement ${statement.sid} of role ${roleId}` : `a statement of role ${roleId}`;
}
