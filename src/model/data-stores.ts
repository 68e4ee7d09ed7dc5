import type { Reference } from './lambda.js';
import type { ResourceBase } from './resource.js';
import type { Value } from './values.js';

/**
 * Data stores that live in a VPC: databases, caches, file systems, search domains and brokers whose
 * clients connect to addresses inside the VPC. One kind per resource type, so that checks of their own
 * (encryption, backups) can grow on each; what they share is how they can be reached over the network.
 */
export interface NetworkAccess {
  /**
   * Whether its endpoints can be reached only from inside its VPC (or networks joined to it). `false`
   * when they are also reachable from outside: a publicly accessible database, an OpenSearch domain
   * without VPCOptions, an MSK cluster with public access. Unknown when that depends on values not known
   * before deploy, or on defaults that depend on the VPC (RDS without `PubliclyAccessible`).
   *
   * APIs that reach the data without a network path (the RDS Data API, the Redshift Data API) do not
   * count: they are a different way in, which a client uses through the store's ARN, not its endpoint.
   */
  readonly vpcOnly: Value<boolean>;
  /** Why, in words for a report: "PubliclyAccessible is false", "ElastiCache is reachable only inside its VPC". */
  readonly reason: string;
  /** The property (under the resource's Properties) that decides it, when one does. */
  readonly where?: readonly string[];
}

interface DataStoreBase<K extends string> extends ResourceBase<K> {
  readonly access: NetworkAccess;
  /**
   * The addresses (and ports) clients connect to. From a template these are Unknown values whose
   * template names the attribute (`${Db.Endpoint.Address}`); from a live account, the host names.
   */
  readonly endpoints: readonly Value<string>[];
}

/** `AWS::RDS::DBInstance`. An Aurora instance belongs to a cluster (`cluster`). */
export interface RdsDbInstance extends DataStoreBase<'rds.db-instance'> {
  readonly engine: Value<string | undefined>;
  /** DBClusterIdentifier: the Aurora cluster the instance belongs to. */
  readonly cluster: Value<Reference | undefined>;
  /** Undefined when not set: RDS then decides from the VPC (public when it has an internet gateway). */
  readonly publiclyAccessible: Value<boolean | undefined>;
}

/**
 * `AWS::RDS::DBCluster`: an Aurora cluster (whose instances decide whether it is publicly accessible) or a
 * Multi-AZ DB cluster (which says so itself).
 */
export interface RdsDbCluster extends DataStoreBase<'rds.db-cluster'> {
  readonly engine: Value<string | undefined>;
  /** `provisioned` (the default) or `serverless` (Aurora Serverless v1). */
  readonly engineMode: Value<string>;
  /** Multi-AZ DB clusters only. */
  readonly publiclyAccessible: Value<boolean | undefined>;
  /** EnableHttpEndpoint: the RDS Data API serves the cluster over HTTPS, without a network path. */
  readonly dataApi: Value<boolean>;
}

/** `AWS::RDS::DBProxy`: reachable only inside its VPC. */
export interface RdsDbProxy extends DataStoreBase<'rds.db-proxy'> {}

export interface ElastiCacheCacheCluster extends DataStoreBase<'elasticache.cache-cluster'> {}
export interface ElastiCacheReplicationGroup extends DataStoreBase<'elasticache.replication-group'> {}
export interface ElastiCacheServerlessCache extends DataStoreBase<'elasticache.serverless-cache'> {}
export interface MemoryDbCluster extends DataStoreBase<'memorydb.cluster'> {}
export interface DaxCluster extends DataStoreBase<'dax.cluster'> {}
export interface EfsFileSystem extends DataStoreBase<'efs.file-system'> {}

/** `AWS::EFS::AccessPoint`: how Lambda mounts a file system. */
export interface EfsAccessPoint extends DataStoreBase<'efs.access-point'> {
  readonly fileSystem: Reference;
}

export interface RedshiftCluster extends DataStoreBase<'redshift.cluster'> {
  /** Undefined when not set (the Redshift API's default is false). */
  readonly publiclyAccessible: Value<boolean | undefined>;
}

/** `AWS::OpenSearchService::Domain` and its predecessor `AWS::Elasticsearch::Domain`. */
export interface OpenSearchDomain extends DataStoreBase<'opensearch.domain'> {
  /** Whether VPCOptions places the domain in a VPC; without it the domain has a public endpoint. */
  readonly inVpc: Value<boolean>;
}

export interface DocDbCluster extends DataStoreBase<'docdb.cluster'> {}

/** `AWS::Neptune::DBCluster`; public endpoints are enabled per instance, so its instances decide. */
export interface NeptuneCluster extends DataStoreBase<'neptune.cluster'> {}

/**
 * `AWS::Neptune::DBInstance`. Not a data store of its own here: it is modelled for what it tells of its
 * cluster (whether it enables a public endpoint), and so that its Condition is read as every resource's.
 */
export interface NeptuneDbInstance extends ResourceBase<'neptune.db-instance'> {
  /** DBClusterIdentifier: the cluster the instance belongs to. */
  readonly cluster: Value<Reference | undefined>;
  /** Its `PubliclyAccessible`; not set: no public endpoint. */
  readonly access: NetworkAccess;
}

/** `AWS::MSK::Cluster` and `AWS::MSK::ServerlessCluster`. */
export interface MskCluster extends DataStoreBase<'msk.cluster'> {
  /** ConnectivityInfo.PublicAccess.Type: `DISABLED` (the default) or `SERVICE_PROVIDED_EIPS`. */
  readonly publicAccess: Value<string>;
}

/** Every data-store kind, with the words a report uses for it. */
export const DATA_STORE_KINDS = {
  'rds.db-instance': 'RDS DB instance',
  'rds.db-cluster': 'RDS DB cluster',
  'rds.db-proxy': 'RDS proxy',
  'elasticache.cache-cluster': 'ElastiCache cluster',
  'elasticache.replication-group': 'ElastiCache replication group',
  'elasticache.serverless-cache': 'ElastiCache serverless cache',
  'memorydb.cluster': 'MemoryDB cluster',
  'dax.cluster': 'DAX cluster',
  'efs.file-system': 'EFS file system',
  'efs.access-point': 'EFS access point',
  'redshift.cluster': 'Redshift cluster',
  'opensearch.domain': 'OpenSearch domain',
  'docdb.cluster': 'DocumentDB cluster',
  'neptune.cluster': 'Neptune cluster',
  'msk.cluster': 'MSK cluster',
} as const;

export type DataStoreKind = keyof typeof DATA_STORE_KINDS;

export type DataStore =
  | RdsDbInstance
  | RdsDbCluster
  | RdsDbProxy
  | ElastiCacheCacheCluster
  | ElastiCacheReplicationGroup
  | ElastiCacheServerlessCache
  | MemoryDbCluster
  | DaxCluster
  | EfsFileSystem
  | EfsAccessPoint
  | RedshiftCluster
  | OpenSearchDomain
  | DocDbCluster
  | NeptuneCluster
  | MskCluster;

export function isDataStore(resource: { readonly kind: string } | undefined): resource is DataStore {
  return resource !== undefined && Object.hasOwn(DATA_STORE_KINDS, resource.kind);
}
