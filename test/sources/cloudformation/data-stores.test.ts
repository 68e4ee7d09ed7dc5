import { describe, expect, it } from 'vitest';
import { type DataStore, isDataStore } from '../../../src/model/data-stores.js';
import type { LambdaFunction } from '../../../src/model/lambda.js';
import { isUnknown } from '../../../src/model/values.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

/** The data stores of a template by id: kind and whether only their VPC reaches them (`?` when unknown). */
function stores(resources: string, extra = ''): Record<string, [string, boolean | '?']> {
  const { inventory, errors } = scanTemplate(template(resources, extra), []);
  expect(errors).toEqual([]);
  const out: Record<string, [string, boolean | '?']> = {};
  for (const resource of inventory.all()) {
    if (!isDataStore(resource)) continue;
    out[resource.id] = [resource.kind, isUnknown(resource.access.vpcOnly) ? '?' : resource.access.vpcOnly];
  }
  return out;
}

function store(resources: string, id: string, extra = ''): DataStore {
  const found = scanTemplate(template(resources, extra), []).inventory.resolve(id);
  if (!isDataStore(found)) throw new Error(`${id} is not a data store`);
  return found;
}

const resource = (id: string, type: string, props = '') =>
  `  ${id}:\n    Type: ${type}\n${props ? `    Properties:\n${props}` : ''}`;

describe('CloudFormation data stores', () => {
  it('reads RDS PubliclyAccessible: false, true, not set, and from a parameter', () => {
    const db = (id: string, flag: string) =>
      resource(id, 'AWS::RDS::DBInstance', `      Engine: postgres\n${flag}`);
    expect(
      stores(
        db('Private', '      PubliclyAccessible: false\n') +
          db('Public', '      PubliclyAccessible: true\n') +
          db('Unset', '') +
          db('FromParam', '      PubliclyAccessible: !Ref Exposed\n'),
        'Parameters:\n  Exposed: { Type: String }\n',
      ),
    ).toEqual({
      Private: ['rds.db-instance', true],
      Public: ['rds.db-instance', false],
      Unset: ['rds.db-instance', '?'],
      FromParam: ['rds.db-instance', '?'],
    });
    const unset = store(db('Unset', ''), 'Unset');
    expect(unset.access.reason).toContain('when its VPC has an internet gateway');
  });

  it('names the endpoint attributes a client connects to, as templates', () => {
    const db = store(resource('Db', 'AWS::RDS::DBInstance', '      Engine: mysql\n'), 'Db');
    expect(db.endpoints.map((e) => (isUnknown(e) ? e.template : e))).toEqual([
      '${Db.Endpoint.Address}',
      '${Db.Endpoint.Port}',
    ]);
  });

  it('decides an Aurora cluster from its instances; Serverless v1 and Multi-AZ clusters from their own settings', () => {
    const cluster = (id: string, props: string) => resource(id, 'AWS::RDS::DBCluster', props);
    const member = (id: string, clusterId: string, flag: string) =>
      resource(
        id,
        'AWS::RDS::DBInstance',
        `      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref ${clusterId}\n      PubliclyAccessible: ${flag}\n`,
      );
    const result = stores(
      cluster('Private', '      Engine: aurora-mysql\n') +
        member('PrivateA', 'Private', 'false') +
        member('PrivateB', 'Private', 'false') +
        cluster('Exposed', '      Engine: aurora-postgresql\n') +
        member('ExposedA', 'Exposed', 'false') +
        member('ExposedB', 'Exposed', 'true') +
        cluster('Lonely', '      Engine: aurora-postgresql\n') +
        cluster(
          'V1',
          '      Engine: aurora-mysql\n      EngineMode: serverless\n      EnableHttpEndpoint: true\n',
        ) +
        cluster('MultiAz', '      Engine: postgres\n      PubliclyAccessible: true\n'),
    );
    expect(result).toMatchObject({
      Private: ['rds.db-cluster', true],
      Exposed: ['rds.db-cluster', false],
      Lonely: ['rds.db-cluster', '?'],
      V1: ['rds.db-cluster', true],
      MultiAz: ['rds.db-cluster', false],
    });
    const exposed = store(
      cluster('Exposed', '      Engine: aurora-postgresql\n') + member('ExposedB', 'Exposed', 'true'),
      'Exposed',
    );
    expect(exposed.access.reason).toBe('its DB instance ExposedB is publicly accessible');
    const v1 = store(cluster('V1', '      Engine: aurora-mysql\n      EnableHttpEndpoint: true\n'), 'V1');
    expect(v1.kind === 'rds.db-cluster' && v1.dataApi).toBe(true);
  });

  it('reads Redshift, OpenSearch, MSK and Neptune public access', () => {
    const result = stores(
      resource('Warehouse', 'AWS::Redshift::Cluster', '      NodeType: ra3.xlplus\n') +
        resource('OpenWarehouse', 'AWS::Redshift::Cluster', '      PubliclyAccessible: true\n') +
        resource(
          'Search',
          'AWS::OpenSearchService::Domain',
          '      VPCOptions:\n        SubnetIds: [subnet-0abc]\n',
        ) +
        resource('PublicSearch', 'AWS::OpenSearchService::Domain', '      EngineVersion: OpenSearch_2.11\n') +
        resource('LegacySearch', 'AWS::Elasticsearch::Domain', '      ElasticsearchVersion: "7.10"\n') +
        resource('Kafka', 'AWS::MSK::Cluster', '      ClusterName: k\n') +
        resource(
          'PublicKafka',
          'AWS::MSK::Cluster',
          '      ConnectivityInfo:\n        PublicAccess:\n          Type: SERVICE_PROVIDED_EIPS\n',
        ) +
        resource('Graph', 'AWS::Neptune::DBCluster', '      IamAuthEnabled: true\n') +
        resource('PublicGraph', 'AWS::Neptune::DBCluster', '      IamAuthEnabled: true\n') +
        resource(
          'PublicGraphA',
          'AWS::Neptune::DBInstance',
          '      DBClusterIdentifier: !Ref PublicGraph\n      PubliclyAccessible: true\n',
        ),
    );
    expect(result).toEqual({
      Warehouse: ['redshift.cluster', true],
      OpenWarehouse: ['redshift.cluster', false],
      Search: ['opensearch.domain', true],
      PublicSearch: ['opensearch.domain', false],
      LegacySearch: ['opensearch.domain', false],
      Kafka: ['msk.cluster', true],
      PublicKafka: ['msk.cluster', false],
      Graph: ['neptune.cluster', true],
      PublicGraph: ['neptune.cluster', false],
    });
  });

  it('takes caches, file systems, proxies and DocumentDB as reachable only inside their VPC', () => {
    const types: Record<string, string> = {
      Proxy: 'AWS::RDS::DBProxy',
      Cache: 'AWS::ElastiCache::CacheCluster',
      Group: 'AWS::ElastiCache::ReplicationGroup',
      Serverless: 'AWS::ElastiCache::ServerlessCache',
      Memory: 'AWS::MemoryDB::Cluster',
      Dax: 'AWS::DAX::Cluster',
      Files: 'AWS::EFS::FileSystem',
      Docs: 'AWS::DocDB::DBCluster',
    };
    const result = stores(
      Object.entries(types)
        .map(([id, type]) => resource(id, type))
        .join(''),
    );
    expect(Object.values(result).every(([, vpcOnly]) => vpcOnly === true)).toBe(true);
    expect(Object.keys(result).sort()).toEqual(Object.keys(types).sort());
  });

  it('links an EFS access point to its file system', () => {
    const ap = store(
      resource('Files', 'AWS::EFS::FileSystem') +
        resource('AccessPoint', 'AWS::EFS::AccessPoint', '      FileSystemId: !Ref Files\n'),
      'AccessPoint',
    );
    expect(ap.kind === 'efs.access-point' && ap.fileSystem).toBe('Files');
  });
});

describe('a cluster whose publicly accessible instance has a Condition', () => {
  const CONDITIONS =
    'Parameters:\n  Env: { Type: String, Default: dev }\n  Stage: { Type: String }\n' +
    'Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsLive: !Equals [!Ref Stage, live]\n';
  const engines = [
    { name: 'Neptune', cluster: 'AWS::Neptune::DBCluster', instance: 'AWS::Neptune::DBInstance', engine: '' },
    {
      name: 'Aurora',
      cluster: 'AWS::RDS::DBCluster',
      instance: 'AWS::RDS::DBInstance',
      engine: '      Engine: aurora-mysql\n',
    },
  ];
  type Engine = (typeof engines)[number];
  /** A cluster `Graph` with instances `Graph0`...: publicly accessible or not, deployed under a Condition or always. */
  const cluster = (engine: Engine, ...instances: { when?: string; open: boolean }[]) =>
    template(
      resource('Graph', engine.cluster, engine.engine || '      IamAuthEnabled: true\n') +
        instances
          .map(({ when, open }, i) =>
            resource(
              `Graph${i}`,
              engine.instance,
              `${engine.engine}      DBClusterIdentifier: !Ref Graph\n      PubliclyAccessible: ${open}\n`,
            ).replace(
              '    Properties:',
              when ? `    Condition: ${when}\n    Properties:` : '    Properties:',
            ),
          )
          .join(''),
      CONDITIONS,
    );
  const privateOne = { open: false };
  const access = (text: string, parameters?: Record<string, string>) => {
    const { inventory, errors } = scanTemplate(text, [], parameters ? { parameters } : {});
    expect(errors).toEqual([]);
    const graph = inventory.resolve('Graph');
    if (!isDataStore(graph)) throw new Error('Graph is not a data store');
    return {
      vpcOnly: isUnknown(graph.access.vpcOnly) ? '?' : graph.access.vpcOnly,
      reason: graph.access.reason,
    };
  };

  it.each(engines)('$name: an instance that the parameters given leave out counts for nothing', (engine) => {
    const text = cluster(engine, privateOne, { when: 'IsProd', open: true });
    expect(access(text, { Env: 'dev' })).toMatchObject({ vpcOnly: true });
    expect(access(text, { Env: 'prod' })).toEqual({
      vpcOnly: false,
      reason: 'its DB instance Graph1 is publicly accessible',
    });
  });

  it.each(engines)('$name: one that only the defaults leave out makes it unknown, saying why', (engine) => {
    const text = cluster(engine, { when: 'IsProd', open: true });
    expect(access(text)).toEqual({
      vpcOnly: '?',
      reason:
        "its DB instance Graph0 is publicly accessible, but it is deployed only when condition IsProd holds, which is false with the parameters' defaults (Env=dev)",
    });
    // The instance itself is kept and marked, as every resource the defaults leave out.
    const { inventory } = scanTemplate(text, []);
    expect(inventory.resolve('Graph0')?.absentByDefault).toEqual({
      condition: 'IsProd',
      defaults: ['Env=dev'],
    });
    // An instance deployed whatever the parameters decides it.
    expect(access(cluster(engine, { when: 'IsProd', open: true }, { open: true }))).toEqual({
      vpcOnly: false,
      reason: 'its DB instance Graph1 is publicly accessible',
    });
  });

  it.each(engines)('$name: one whose Condition cannot be decided counts, and says so', (engine) => {
    expect(access(cluster(engine, privateOne, { when: 'IsLive', open: true }))).toEqual({
      vpcOnly: false,
      reason: 'its DB instance Graph1 is publicly accessible (it exists only when condition IsLive holds)',
    });
  });
});

describe('CloudFormation functions: FileSystemConfigs and what environment values are built from', () => {
  const fnOf = (resources: string, extra = ''): LambdaFunction => {
    const fn = scanTemplate(template(resources, extra), []).inventory.resolve('Fn', 'lambda.function');
    if (!fn) throw new Error('no function Fn');
    return fn;
  };

  it('reads FileSystemConfigs, with access points of the template as their logical id', () => {
    const fn = fnOf(
      lambdaFunction(
        'Fn',
        '      FileSystemConfigs:\n        - Arn: !GetAtt AccessPoint.Arn\n          LocalMountPath: /mnt/data\n',
      ) + resource('AccessPoint', 'AWS::EFS::AccessPoint', '      FileSystemId: fs-0abc\n'),
    );
    const configs = fn.fileSystemConfigs;
    expect(isUnknown(configs) ? configs : configs?.map((c) => [c.arn, c.localMountPath])).toEqual([
      ['AccessPoint', '/mnt/data'],
    ]);
    expect(fnOf(lambdaFunction('Fn')).fileSystemConfigs).toEqual([]);
  });

  it('marks the template resources an unknown value is built from, not its parameters or pseudo parameters', () => {
    const env = `      Environment:
        Variables:
          URL: !Sub 'https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/\${Stage}'
          HOST: !GetAtt Db.Endpoint.Address
          PLAIN: text
`;
    const fn = fnOf(
      lambdaFunction('Fn', env) +
        resource('Api', 'AWS::ApiGateway::RestApi') +
        resource('Db', 'AWS::RDS::DBInstance', '      Engine: mysql\n'),
      'Parameters:\n  Stage: { Type: String }\n',
    );
    const vars = isUnknown(fn.environment) ? [] : fn.environment;
    expect(vars.map((v) => [v.name, v.resourceRefs])).toEqual([
      ['URL', ['Api']],
      ['HOST', ['Db']],
      ['PLAIN', undefined],
    ]);
  });
});
