import type {
  DataStore,
  DataStoreKind,
  MskCluster,
  NeptuneDbInstance,
  NetworkAccess,
  OpenSearchDomain,
  RdsDbCluster,
  RdsDbInstance,
  RedshiftCluster,
} from '../../../model/data-stores.js';
import type { Mutable, Resource } from '../../../model/index.js';
import { deployedByDefault, notDeployedByDefault } from '../../../model/resource.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import type { BaseFields, Mapper } from './types.js';

/**
 * VPC data stores (src/model/data-stores.ts). What decides whether each is reachable only inside its
 * VPC, from the CloudFormation resource reference and the service docs:
 * - RDS instances and Multi-AZ DB clusters: `PubliclyAccessible`. When it is not set, RDS decides from the
 *   VPC (public when it has an internet gateway; the API reference says so, older copies disagree): Unknown.
 * - Aurora clusters: their instances (see link.ts); Aurora Serverless v1 cannot be public.
 * - Redshift: `PubliclyAccessible`, false by default (CreateCluster API reference).
 * - OpenSearch / Elasticsearch: VPC-only with `VPCOptions`, else the domain has a public endpoint.
 * - MSK: `ConnectivityInfo.PublicAccess.Type`, `DISABLED` by default.
 * - Neptune: public endpoints are enabled per instance and off by default (see link.ts).
 * - RDS Proxy, ElastiCache, MemoryDB, DAX, EFS, DocumentDB: always inside the VPC.
 * The RDS and Redshift Data APIs reach data without a network path, but through the store's ARN, not its
 * endpoint: they do not make the endpoint reachable from outside, so they do not change `vpcOnly`.
 */

/** The attributes (`Fn::GetAtt`) that give a client the address or port it connects to, by resource type. */
const ENDPOINT_ATTRIBUTES: Record<string, readonly string[]> = {
  'AWS::RDS::DBInstance': ['Endpoint.Address', 'Endpoint.Port'],
  'AWS::RDS::DBCluster': ['Endpoint.Address', 'Endpoint.Port', 'ReadEndpoint.Address'],
  'AWS::RDS::DBProxy': ['Endpoint'],
  'AWS::ElastiCache::CacheCluster': [
    'ConfigurationEndpoint.Address',
    'ConfigurationEndpoint.Port',
    'RedisEndpoint.Address',
    'RedisEndpoint.Port',
  ],
  'AWS::ElastiCache::ReplicationGroup': [
    'ConfigurationEndPoint.Address',
    'ConfigurationEndPoint.Port',
    'PrimaryEndPoint.Address',
    'PrimaryEndPoint.Port',
    'ReaderEndPoint.Address',
    'ReaderEndPoint.Port',
    'ReadEndPoint.Addresses',
    'ReadEndPoint.Addresses.List',
    'ReadEndPoint.Ports',
    'ReadEndPoint.Ports.List',
  ],
  'AWS::ElastiCache::ServerlessCache': [
    'Endpoint.Address',
    'Endpoint.Port',
    'ReaderEndpoint.Address',
    'ReaderEndpoint.Port',
  ],
  'AWS::MemoryDB::Cluster': ['ClusterEndpoint.Address', 'ClusterEndpoint.Port'],
  'AWS::DAX::Cluster': ['ClusterDiscoveryEndpoint', 'ClusterDiscoveryEndpointURL'],
  'AWS::Redshift::Cluster': ['Endpoint.Address', 'Endpoint.Port'],
  'AWS::OpenSearchService::Domain': ['DomainEndpoint', 'DomainEndpoints', 'DomainEndpointV2'],
  'AWS::Elasticsearch::Domain': ['DomainEndpoint'],
  'AWS::DocDB::DBCluster': ['Endpoint', 'ReadEndpoint', 'Port'],
  'AWS::Neptune::DBCluster': ['Endpoint', 'ReadEndpoint', 'Port'],
  // EFS is mounted through FileSystemConfigs, and MSK's bootstrap brokers come from an API call: no attribute.
};

/** The endpoints of a template resource: its endpoint attributes, known only after deploy. */
function endpointsOf(base: BaseFields): Value<string>[] {
  return (ENDPOINT_ATTRIBUTES[base.type] ?? []).map((attribute) =>
    unknown(`attribute ${attribute} of resource ${base.id}`, `\${${base.id}.${attribute}}`, {
      resources: [`${base.id}.${attribute}`],
    }),
  );
}

function store<K extends DataStoreKind>(
  kind: K,
  base: BaseFields,
  access: NetworkAccess,
): BaseFields & { kind: K; access: NetworkAccess; endpoints: Value<string>[] } {
  return { kind, access, endpoints: endpointsOf(base), ...base };
}

/** A store of a service that offers no public access at all. */
function alwaysPrivate(kind: DataStoreKind, service: string): Mapper {
  return (_ctx, base) =>
    store(kind, base, { vpcOnly: true, reason: `${service} is reachable only inside its VPC` }) as DataStore;
}

/** `PubliclyAccessible` of RDS; `unset` says what not setting it means. */
function publiclyAccessible(value: Value<boolean | undefined>, unset: NetworkAccess): NetworkAccess {
  const where = ['PubliclyAccessible'];
  if (value === undefined) return unset;
  if (isUnknown(value)) {
    return {
      vpcOnly: value,
      reason: `PubliclyAccessible is not known before deploy (${value.reason})`,
      where,
    };
  }
  return value
    ? {
        vpcOnly: false,
        reason: 'PubliclyAccessible is true: its endpoint resolves to a public address',
        where,
      }
    : { vpcOnly: true, reason: 'PubliclyAccessible is false', where };
}

const RDS_DEFAULT =
  'PubliclyAccessible is not set: RDS then makes it publicly accessible when its VPC has an internet gateway';

const rdsUnset = (): NetworkAccess => ({ vpcOnly: unknown(RDS_DEFAULT), reason: RDS_DEFAULT });

const dbInstance: Mapper = (ctx, base, p): RdsDbInstance => {
  const flag = ctx.boolean(p.PubliclyAccessible);
  return {
    ...store('rds.db-instance', base, publiclyAccessible(flag, rdsUnset())),
    engine: ctx.string(p.Engine),
    cluster: ctx.reference(p.DBClusterIdentifier),
    publiclyAccessible: flag,
  };
};

/** Until link.ts looks at an Aurora cluster's instances. */
const AURORA_INSTANCES_DECIDE = 'whether it is publicly accessible depends on its DB instances';

const dbCluster: Mapper = (ctx, base, p): RdsDbCluster => {
  const engine = ctx.string(p.Engine);
  const engineMode = ctx.string(p.EngineMode) ?? 'provisioned';
  const flag = ctx.boolean(p.PubliclyAccessible);
  let access: NetworkAccess;
  if (engine === undefined || isUnknown(engine)) {
    const reason = `its Engine is not known before deploy${engine ? ` (${engine.reason})` : ''}`;
    access = { vpcOnly: unknown(reason), reason, where: ['Engine'] };
  } else if (!engine.startsWith('aurora')) {
    access = publiclyAccessible(flag, rdsUnset()); // a Multi-AZ DB cluster
  } else if (engineMode === 'serverless') {
    access = { vpcOnly: true, reason: 'an Aurora Serverless v1 cluster cannot be publicly accessible' };
  } else if (isUnknown(engineMode)) {
    access = { vpcOnly: engineMode, reason: `EngineMode is not known before deploy (${engineMode.reason})` };
  } else {
    access = { vpcOnly: unknown(AURORA_INSTANCES_DECIDE), reason: AURORA_INSTANCES_DECIDE };
  }
  return {
    ...store('rds.db-cluster', base, access),
    engine,
    engineMode,
    publiclyAccessible: flag,
    dataApi: ctx.boolean(p.EnableHttpEndpoint) ?? false,
  };
};

const redshiftCluster: Mapper = (ctx, base, p): RedshiftCluster => {
  const flag = ctx.boolean(p.PubliclyAccessible);
  const unset = { vpcOnly: true, reason: 'PubliclyAccessible is not set (false by default)' };
  return { ...store('redshift.cluster', base, publiclyAccessible(flag, unset)), publiclyAccessible: flag };
};

const openSearchDomain: Mapper = (ctx, base, p): OpenSearchDomain => {
  const options = ctx.object(p.VPCOptions);
  const subnets = options === undefined || isUnknown(options) ? options : ctx.references(options.SubnetIds);
  const where = ['VPCOptions'];
  let access: NetworkAccess;
  if (isUnknown(subnets)) {
    access = { vpcOnly: subnets, reason: `VPCOptions is not known before deploy (${subnets.reason})`, where };
  } else if (subnets === undefined || subnets.length === 0) {
    access = { vpcOnly: false, reason: 'it has no VPCOptions: its endpoint is public', where };
  } else {
    access = { vpcOnly: true, reason: 'VPCOptions places it in a VPC', where };
  }
  return { ...store('opensearch.domain', base, access), inVpc: access.vpcOnly };
};

const mskCluster: Mapper = (ctx, base, p): MskCluster => {
  const type = ctx.string(ctx.dig(p.ConnectivityInfo, 'PublicAccess', 'Type')) ?? 'DISABLED';
  const where = ['ConnectivityInfo', 'PublicAccess', 'Type'];
  let access: NetworkAccess;
  if (isUnknown(type)) {
    access = {
      vpcOnly: type,
      reason: `its public access is not known before deploy (${type.reason})`,
      where,
    };
  } else if (type === 'DISABLED') {
    access = { vpcOnly: true, reason: 'public access is disabled', where };
  } else {
    access = { vpcOnly: false, reason: `public access is ${type}: its brokers have public addresses`, where };
  }
  return { ...store('msk.cluster', base, access), publicAccess: type };
};

const mskServerless: Mapper = (_ctx, base): MskCluster => ({
  ...store('msk.cluster', base, { vpcOnly: true, reason: 'MSK Serverless is reachable only inside its VPC' }),
  publicAccess: 'DISABLED',
});

/** Until link.ts looks at its instances, which may enable public endpoints (off by default). */
const NEPTUNE_DEFAULT = 'Neptune public endpoints are off unless one of its DB instances enables them';

const neptuneCluster: Mapper = (_ctx, base) =>
  store('neptune.cluster', base, { vpcOnly: true, reason: NEPTUNE_DEFAULT }) as DataStore;

const neptuneInstance: Mapper = (ctx, base, p): NeptuneDbInstance => {
  const access = publiclyAccessible(ctx.boolean(p.PubliclyAccessible), {
    vpcOnly: true,
    reason: 'no public endpoint',
  });
  return { kind: 'neptune.db-instance', cluster: ctx.reference(p.DBClusterIdentifier), access, ...base };
};

const efsAccessPoint: Mapper = (ctx, base, p) => ({
  ...store('efs.access-point', base, {
    vpcOnly: true,
    reason: 'EFS is mounted through mount targets in a VPC',
  }),
  fileSystem: ctx.reference(p.FileSystemId) ?? unknown('no FileSystemId'),
});

export const dataStoreMappers: Record<string, Mapper> = {
  'AWS::RDS::DBInstance': dbInstance,
  'AWS::RDS::DBCluster': dbCluster,
  'AWS::RDS::DBProxy': alwaysPrivate('rds.db-proxy', 'RDS Proxy'),
  'AWS::ElastiCache::CacheCluster': alwaysPrivate('elasticache.cache-cluster', 'ElastiCache'),
  'AWS::ElastiCache::ReplicationGroup': alwaysPrivate('elasticache.replication-group', 'ElastiCache'),
  'AWS::ElastiCache::ServerlessCache': alwaysPrivate('elasticache.serverless-cache', 'ElastiCache'),
  'AWS::MemoryDB::Cluster': alwaysPrivate('memorydb.cluster', 'MemoryDB'),
  'AWS::DAX::Cluster': alwaysPrivate('dax.cluster', 'DAX'),
  'AWS::EFS::FileSystem': alwaysPrivate('efs.file-system', 'EFS'),
  'AWS::EFS::AccessPoint': efsAccessPoint,
  'AWS::Redshift::Cluster': redshiftCluster,
  'AWS::OpenSearchService::Domain': openSearchDomain,
  'AWS::Elasticsearch::Domain': openSearchDomain,
  'AWS::DocDB::DBCluster': alwaysPrivate('docdb.cluster', 'DocumentDB'),
  'AWS::Neptune::DBCluster': neptuneCluster,
  'AWS::Neptune::DBInstance': neptuneInstance,
  'AWS::MSK::Cluster': mskCluster,
  'AWS::MSK::ServerlessCluster': mskServerless,
};

/** An instance that decides whether its cluster is publicly accessible. */
type ClusterMember = RdsDbInstance | NeptuneDbInstance;

/**
 * Completes what only the whole template tells, once every resource is mapped: an Aurora cluster is
 * publicly accessible when one of its instances is; a Neptune cluster when one of its instances enables a
 * public endpoint. An instance whose Condition is false is not mapped, so it counts for nothing.
 */
export function linkDataStores(resources: readonly Resource[]): void {
  const instancesOf = new Map<string, ClusterMember[]>();
  for (const resource of resources) {
    if (resource.kind !== 'rds.db-instance' && resource.kind !== 'neptune.db-instance') continue;
    if (typeof resource.cluster !== 'string') continue;
    const list = instancesOf.get(resource.cluster);
    if (list) list.push(resource);
    else instancesOf.set(resource.cluster, [resource]);
  }
  for (const resource of resources) {
    const cluster = resource as Mutable<DataStore>;
    if (cluster.kind === 'rds.db-cluster' && cluster.access.reason === AURORA_INSTANCES_DECIDE) {
      cluster.access = clusterAccess(
        instancesOf.get(cluster.id) ?? [],
        'its DB instances are not in this template',
      );
    } else if (cluster.kind === 'neptune.cluster') {
      const instances = instancesOf.get(cluster.id) ?? [];
      if (instances.some((i) => i.access.vpcOnly !== true)) cluster.access = clusterAccess(instances);
    }
  }
}

/**
 * A cluster reachable from outside when any of its instances is; `none` says why an empty list decides
 * nothing. An instance the parameters' defaults leave out of the deploy (`absentByDefault`) is treated as
 * checks treat such a resource: what it would make fail is unknown, and says why.
 */
function clusterAccess(instances: readonly ClusterMember[], none?: string): NetworkAccess {
  if (instances.length === 0 && none !== undefined) return { vpcOnly: unknown(none), reason: none };
  const open = instances.filter((i) => i.access.vpcOnly === false);
  const deployed = open.find(deployedByDefault);
  if (deployed) {
    // A Condition that cannot be decided: the instance counts, as the resource itself does, and says so.
    const when =
      deployed.condition === undefined ? '' : ` (it exists only when condition ${deployed.condition} holds)`;
    return { vpcOnly: false, reason: `its DB instance ${deployed.id} is publicly accessible${when}` };
  }
  const undecided = instances.find((i) => isUnknown(i.access.vpcOnly));
  if (undecided) {
    const reason = `DB instance ${undecided.id}: ${undecided.access.reason}`;
    return { vpcOnly: unknown(reason), reason };
  }
  const absent = open[0];
  if (absent) {
    const reason = `its DB instance ${absent.id} is publicly accessible, but it is ${notDeployedByDefault(absent)}`;
    return { vpcOnly: unknown(reason), reason };
  }
  return { vpcOnly: true, reason: 'none of its DB instances is publicly accessible' };
}
