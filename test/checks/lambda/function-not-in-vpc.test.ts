import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/function-not-in-vpc.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, policyRole, samFunction, samTemplate } from '../../helpers/templates.js';

const fn = (extra = '') => template(lambdaFunction('Fn', extra));

/** The execution role `Role` of the functions below that take it. */
const ROLE = '!GetAtt Role.Arn';

/** The role `Role`, allowed to connect as user app to the RDS instance `db` (statement Connect). */
const connectRole = (db: string) =>
  policyRole(
    'db',
    `              - Sid: Connect
                Effect: Allow
                Action: rds-db:connect
                Resource: !Sub 'arn:aws:rds-db:\${AWS::Region}:\${AWS::AccountId}:dbuser:\${${db}.DbiResourceId}/app'
`,
  );

describe('lambda.function-not-in-vpc', () => {
  it('is off by default and documents why', () => {
    expect(check.enabledByDefault).toBe(false);
    expect(check.severity).toBe('low');
    expect(check.description).toContain('suppress wholesale');
  });

  it('fails a function without VpcConfig, on the resource', () => {
    const { failed, errors } = scanTemplate(fn(), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
    expect(failed[0]?.message).toContain('no VpcConfig');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 3, column: 3 });
  });

  it('fails an empty SubnetIds list and points at it', () => {
    const { failed } = scanTemplate(
      fn('      VpcConfig:\n        SubnetIds: []\n        SecurityGroupIds: []\n'),
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.property).toBe('VpcConfig.SubnetIds');
    expect(failed[0]?.location.line).toBe(11);
  });

  it('passes a function with subnets (literal ids are enough)', () => {
    const { failed, passed } = scanTemplate(
      fn('      VpcConfig:\n        SubnetIds: [subnet-0abc]\n        SecurityGroupIds: [sg-0abc]\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('is unknown when SubnetIds comes from a parameter without default', () => {
    const text = fn(
      '      VpcConfig:\n        SubnetIds: !Ref Subnets\n        SecurityGroupIds: [sg-0abc]\n',
    ).replace('Resources:', 'Parameters:\n  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }\nResources:');
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.message).toContain('parameter Subnets');
  });

  it('passes a SAM function that inherits VpcConfig from Globals, and reports one without on its SAM id', () => {
    const globals = (body: string) =>
      samTemplate(
        `  SamFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: x
`,
        body,
      );
    const vpcGlobals =
      'Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [subnet-0abc]\n      SecurityGroupIds: [sg-0abc]\n';
    const inherits = scanTemplate(globals(vpcGlobals), check);
    expect(inherits.errors).toEqual([]);
    expect(inherits.passed.map((f) => f.resource.id)).toEqual(['SamFn']);
    const without = scanTemplate(globals(''), check);
    expect(without.failed.map((f) => f.resource.id)).toEqual(['SamFn']);
  });

  describe('with requireVpc: false', () => {
    const options = { settings: { options: { 'lambda.function-not-in-vpc': { requireVpc: false } } } };
    const scan = (text: string, parameters?: Record<string, string>) =>
      scanTemplate(text, check, { ...options, ...(parameters ? { parameters } : {}) });
    const env = (vars: string) => `      Environment:\n        Variables:\n${vars}`;
    const db = (props = '      PubliclyAccessible: false\n') =>
      `  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n${props}`;

    it('fails a function whose environment holds the endpoint of a private RDS instance, at the variable', () => {
      const { failed, errors } = scan(
        template(lambdaFunction('Fn', env('          DB_HOST: !GetAtt Db.Endpoint.Address\n')) + db()),
      );
      expect(errors).toEqual([]);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.resource.id).toBe('Fn');
      expect(failed[0]?.message).toContain(
        'RDS DB instance Db (environment variable DB_HOST holds its endpoint)',
      );
      expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 12, column: 11 });
    });

    it('fails an endpoint inside a !Sub, and an Aurora cluster even when it also serves the Data API', () => {
      const cluster = `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      EnableHttpEndpoint: true
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
      PubliclyAccessible: false
`;
      const url = "          DB_URL: !Sub 'postgres://${Cluster.Endpoint.Address}:5432/app'\n";
      const { failed } = scan(template(lambdaFunction('Fn', env(url)) + cluster));
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toContain(
        'RDS DB cluster Cluster (environment variable DB_URL holds its endpoint)',
      );
    });

    it('fails a function that mounts an EFS access point, at the FileSystemConfigs entry', () => {
      const mount = `      FileSystemConfigs:
        - Arn: !GetAtt AccessPoint.Arn
          LocalMountPath: /mnt/data
`;
      const efs = `  Files:
    Type: AWS::EFS::FileSystem
  AccessPoint:
    Type: AWS::EFS::AccessPoint
    Properties:
      FileSystemId: !Ref Files
`;
      const { failed } = scan(template(lambdaFunction('Fn', mount) + efs));
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toContain('EFS access point AccessPoint (FileSystemConfigs mounts it)');
      expect(failed[0]?.message).toContain('FileSystemConfigs only on a function connected to a VPC');
      expect(failed[0]?.location.line).toBe(11);
    });

    it('points at the FileSystemConfigs entry as written after one an !If removes (AWS::NoValue)', () => {
      const mount = `      FileSystemConfigs:
        - !If [IsProd, !Ref AWS::NoValue, { Arn: arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1, LocalMountPath: /mnt/b }]
        - Arn: !GetAtt AccessPoint.Arn
          LocalMountPath: /mnt/data
`;
      const efs = `  Files:
    Type: AWS::EFS::FileSystem
  AccessPoint:
    Type: AWS::EFS::AccessPoint
    Properties:
      FileSystemId: !Ref Files
`;
      const conditions =
        'Parameters:\n  Env: { Type: String, Default: prod }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
      const text = template(lambdaFunction('Fn', mount) + efs, conditions);
      const line = text.split('\n').findIndex((l) => l.includes('- Arn: !GetAtt AccessPoint.Arn')) + 1;
      const { failed } = scan(text);
      expect(failed.map((f) => [f.message.includes('AccessPoint'), f.location.line])).toEqual([[true, line]]);
    });

    it('fails a function whose role may connect to the database (rds-db:connect on its resource id)', () => {
      const role = connectRole('Db');
      const fn = lambdaFunction('Fn', '', ROLE);
      const { failed } = scan(template(fn + role + db()));
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toContain(
        'its execution role may connect to it (statement Connect of role Role)',
      );
      expect(failed[0]?.location.line).toBe(18);
    });

    it('fails a SAM function whose policy template grants it an EFS mount, on the SAM function', () => {
      const policies = `      Policies:
        - EFSWriteAccessPolicy:
            FileSystem: !Ref Files
            AccessPoint: !Ref AccessPoint
  Files:
    Type: AWS::EFS::FileSystem
  AccessPoint:
    Type: AWS::EFS::AccessPoint
    Properties:
      FileSystemId: !Ref Files
`;
      const { failed, errors } = scan(samTemplate(samFunction('Fn', policies)));
      expect(errors).toEqual([]);
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
      expect(failed[0]?.message).toContain('EFS file system Files');
    });

    it('fails a SAM function that mounts EFS, at the FileSystemConfigs the user wrote', () => {
      const mount = `      FileSystemConfigs:
        - Arn: arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0abc
          LocalMountPath: /mnt/data
`;
      const { failed } = scan(samTemplate(samFunction('Fn', mount)));
      expect(failed.map((f) => f.resource.id)).toEqual(['Fn']);
      expect(failed[0]?.message).toContain(
        'EFS access point arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0abc',
      );
      expect(failed[0]?.location.line).toBe(11);
    });

    it('is unknown when the role may connect to a store outside the template, or the Action is not known', () => {
      const role = (action: string, resource: string) =>
        policyRole(
          'search',
          `              - Effect: Allow
                Action: ${action}
                Resource: ${resource}
`,
        );
      const fn = lambdaFunction('Fn', '', ROLE);
      const external = scan(
        template(fn + role('es:ESHttpPost', 'arn:aws:es:us-east-1:123456789012:domain/logs/*')),
      );
      expect(external.failed).toEqual([]);
      expect(external.unknown[0]?.message).toContain(
        'may connect to an OpenSearch domain not in this template',
      );
      // Written the way templates write ARNs, its partition a placeholder whose colons are not the ARN's.
      const placeholdered = scan(
        template(
          fn +
            role(
              'rds-db:connect',
              "!Sub 'arn:${AWS::Partition}:rds-db:${AWS::Region}:123456789012:dbuser:db-ABC/app'",
            ),
        ),
      );
      expect(placeholdered.failed).toEqual([]);
      expect(placeholdered.unknown[0]?.message).toContain(
        'may connect to an RDS database user not in this template',
      );
      const everything = scan(template(fn + role('es:ESHttpPost', "'*'")));
      expect(everything.passed).toHaveLength(1);
      const fromParameter = scan(
        template(
          fn + role('!Ref Action', '!GetAtt Db.DBInstanceArn') + db(),
          'Parameters:\n  Action: { Type: String }\n',
        ),
      );
      expect(fromParameter.failed).toEqual([]);
      expect(fromParameter.unknown[0]?.message).toContain(
        'whether its Action allows connecting is not known',
      );
    });

    it('passes a function wired only to resources outside any VPC', () => {
      const vars = `          TABLE: !Ref Table
          API: !Sub 'https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/prod'
          LEVEL: info
`;
      const rest = '  Table:\n    Type: AWS::DynamoDB::Table\n  Api:\n    Type: AWS::ApiGateway::RestApi\n';
      const { failed, unknown, passed } = scan(template(lambdaFunction('Fn', env(vars)) + rest));
      expect(failed).toEqual([]);
      expect(unknown).toEqual([]);
      expect(passed).toHaveLength(1);
      expect(passed[0]?.message).toContain('requireVpc is false');
    });

    it('does not count a publicly accessible RDS instance, and says why', () => {
      const { failed, passed } = scan(
        template(
          lambdaFunction('Fn', env('          DB_HOST: !GetAtt Db.Endpoint.Address\n')) +
            db('      PubliclyAccessible: true\n'),
        ),
      );
      expect(failed).toEqual([]);
      expect(passed).toHaveLength(1);
      expect(passed[0]?.message).toContain('RDS DB instance Db');
      expect(passed[0]?.message).toContain('PubliclyAccessible is true');
    });

    it('does not count a database used through its ARN only (the RDS Data API needs no network path)', () => {
      const cluster = `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      EngineMode: serverless
      EnableHttpEndpoint: true
${policyRole(
  'data-api',
  `              - Effect: Allow
                Action: rds-data:ExecuteStatement
                Resource: !GetAtt Cluster.DBClusterArn
`,
)}`;
      const fn = lambdaFunction('Fn', env('          CLUSTER_ARN: !GetAtt Cluster.DBClusterArn\n'), ROLE);
      const { failed, unknown, passed } = scan(template(fn + cluster));
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed).toHaveLength(1);
    });

    it('is unknown when a variable comes from a parameter without default, and decides once it is given', () => {
      const text = template(
        lambdaFunction('Fn', env('          DB_HOST: !Ref DbHost\n')),
        'Parameters:\n  DbHost: { Type: String }\n',
      );
      const { failed, unknown } = scan(text);
      expect(failed).toEqual([]);
      expect(unknown).toHaveLength(1);
      expect(unknown[0]?.message).toContain(
        'environment variable DB_HOST takes ${DbHost} from outside the template',
      );
      expect(unknown[0]?.location.line).toBe(14);
      expect(scan(text, { DbHost: 'localhost' }).passed).toHaveLength(1);
    });

    it('is unknown when a variable holds a {{resolve:…}} dynamic reference, read at deploy', () => {
      for (const value of ["'{{resolve:ssm:/db/host}}'", "!Sub '{{resolve:ssm:/db/host}}:${Port}'"]) {
        const text = template(
          lambdaFunction('Fn', env(`          DB_HOST: ${value}\n`)),
          "Parameters:\n  Port: { Type: String, Default: '5432' }\n",
        );
        const { failed, unknown } = scan(text);
        expect(failed).toEqual([]);
        expect(unknown.map((f) => f.message)).toEqual([
          'The function is not in a VPC; whether it reaches a data store reachable only inside one cannot be told: ' +
            'environment variable DB_HOST is read from SSM or Secrets Manager at deploy.',
        ]);
      }
    });

    it('is unknown for an RDS instance without PubliclyAccessible (RDS decides from the VPC)', () => {
      const { failed, unknown } = scan(
        template(lambdaFunction('Fn', env('          DB_HOST: !GetAtt Db.Endpoint.Address\n')) + db('')),
      );
      expect(failed).toEqual([]);
      expect(unknown).toHaveLength(1);
      expect(unknown[0]?.message).toContain('PubliclyAccessible is not set');
    });

    it('is unknown for an endpoint host or an import not in this template', () => {
      const host = scan(
        template(lambdaFunction('Fn', env('          DB_HOST: app.c9akciq32.eu-west-1.rds.amazonaws.com\n'))),
      );
      expect(host.unknown[0]?.message).toContain('names an RDS endpoint not in this template');
      const imported = scan(
        template(lambdaFunction('Fn', env('          DB_HOST: !ImportValue shared-db\n'))),
      );
      expect(imported.failed).toEqual([]);
      expect(imported.unknown[0]?.message).toContain('imported from another stack');
    });

    it('shows only the host of an outside endpoint: never a password in the URL, nothing from NoEcho', () => {
      const url = scan(
        template(
          lambdaFunction(
            'Fn',
            env(
              '          DB_URL: postgres://app:Sup3rS3cret@mydb.c9akciq32.eu-west-1.rds.amazonaws.com/x\n',
            ),
          ),
        ),
      );
      expect(url.unknown[0]?.message).toContain('(mydb.c9akciq32.eu-west-1.rds.amazonaws.com)');
      expect(JSON.stringify(url.findings)).not.toContain('Sup3');
      const noEcho = scan(
        template(
          lambdaFunction('Fn', env('          DB_URL: !Ref DbUrl\n')),
          'Parameters:\n  DbUrl:\n    Type: String\n    NoEcho: true\n    Default: postgres://app:Sup3rS3cret@mydb.c9akciq32.eu-west-1.rds.amazonaws.com/x\n',
        ),
      );
      // A NoEcho value is not read at all (what a check makes of it could tell it): unknown, naming the parameter.
      expect(noEcho.unknown[0]?.message).toContain('from parameter DbUrl, which is NoEcho (value not shown)');
      expect(JSON.stringify(noEcho.findings)).not.toMatch(/Sup3|mydb/);
    });

    it('names each store once with every way it is reached, and points at the endpoint, not the port', () => {
      const role = connectRole('ReportingDb');
      const vars = `          DB_PORT: !GetAtt ReportingDb.Endpoint.Port
          DB_HOST: !GetAtt ReportingDb.Endpoint.Address
          DB_URL: !Sub 'postgres://\${ReportingDb.Endpoint.Address}:\${ReportingDb.Endpoint.Port}/app'
`;
      const fn = lambdaFunction('Fn', env(vars), ROLE);
      const reporting = db().replace('  Db:', '  ReportingDb:');
      const { failed } = scan(template(fn + role + reporting));
      expect(failed).toHaveLength(1);
      expect(failed[0]?.message).toBe(
        'The function is not connected to a VPC, but reaches what is reachable only inside one: RDS DB instance ' +
          'ReportingDb (environment variables DB_PORT, DB_HOST, DB_URL hold its endpoint and port; its execution ' +
          'role may connect to it (statement Connect of role Role)). From Lambda-managed networking it cannot ' +
          'connect to it.',
      );
      expect(failed[0]?.evidence).toEqual({
        reaches:
          'RDS DB instance ReportingDb (environment variables DB_PORT, DB_HOST, DB_URL hold its endpoint and port; ' +
          'its execution role may connect to it (statement Connect of role Role))',
      });
      expect(failed[0]?.location.line).toBe(13); // DB_HOST
    });

    it('does not count a variable holding only the port: a port gives no address', () => {
      const { failed, unknown, passed } = scan(
        template(lambdaFunction('Fn', env('          DB_PORT: !GetAtt Db.Endpoint.Port\n')) + db()),
      );
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toBe(
        'The function is not in a VPC, and the template wires it to no data store reachable only inside one ' +
          '(requireVpc is false).',
      );
    });

    it('still passes a function in a VPC without looking further', () => {
      const props =
        '      VpcConfig:\n        SubnetIds: [subnet-0abc]\n        SecurityGroupIds: [sg-0abc]\n' +
        env('          DB_HOST: !GetAtt Db.Endpoint.Address\n');
      const { passed } = scan(template(lambdaFunction('Fn', props) + db()));
      expect(passed[0]?.message).toBe('The function is connected to a VPC.');
    });
  });
});

describe('lambda.function-not-in-vpc on a Lambda@Edge function', () => {
  /** Version `${fn}Version` of `fn`, and the distribution Dist whose `behaviors` name what they run. */
  const version = (fn: string) =>
    `  ${fn}Version:\n    Type: AWS::Lambda::Version\n    Properties: { FunctionName: !Ref ${fn} }\n`;
  const distribution = (defaultArn: string, pathArn?: string) => `  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: o
          ViewerProtocolPolicy: redirect-to-https
          LambdaFunctionAssociations:
            - { EventType: viewer-request, LambdaFunctionARN: ${defaultArn} }
${
  pathArn === undefined
    ? ''
    : `        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: o
            ViewerProtocolPolicy: https-only
            LambdaFunctionAssociations:
              - { EventType: origin-request, LambdaFunctionARN: ${pathArn} }
`
}`;
  const EDGE =
    'The function runs as Lambda@Edge for CloudFront distribution Dist: Lambda@Edge does not support connecting a function to a VPC.';

  it('passes, naming the distribution, a function whose version a cache behavior runs', () => {
    const text = template(
      lambdaFunction('Fn') +
        version('Fn') +
        lambdaFunction('Other') +
        version('Other') +
        lambdaFunction('Regional') +
        distribution('!Ref FnVersion', '!Ref OtherVersion'),
    );
    const { passed, failed, errors } = scanTemplate(text, check);
    expect(errors).toEqual([]);
    expect(passed.map((f) => [f.resource.id, f.message])).toEqual([
      ['Fn', EDGE],
      ['Other', EDGE],
    ]);
    // A function no distribution names is judged as before.
    expect(failed.map((f) => f.resource.id)).toEqual(['Regional']);
  });

  it('passes a SAM function whose published version (Fn.Version) the distribution runs', () => {
    const text = samTemplate(
      samFunction('Fn', '      AutoPublishAlias: live\n') + distribution('!Ref Fn.Version'),
    );
    const { passed, failed } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([EDGE]);
  });

  it('is unknown where the distribution is created only under a condition: a deploy without it leaves a regional function', () => {
    const conditioned = distribution('!Ref FnVersion').replace(
      '    Type: AWS::CloudFront::Distribution\n',
      '    Type: AWS::CloudFront::Distribution\n    Condition: IsProd\n',
    );
    const conditions =
      'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';
    const text = template(lambdaFunction('Fn') + version('Fn') + conditioned, conditions);
    const { passed, failed, unknown } = scanTemplate(text, check);
    expect([passed, failed]).toEqual([[], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      'The function is not connected to a VPC. It has no VpcConfig, so it runs on Lambda-managed networking. Unless ' +
        'it runs as Lambda@Edge: CloudFront distribution Dist, which runs it, is created only under a condition, and ' +
        'Lambda@Edge does not support connecting a function to a VPC.',
    ]);
  });

  it('fails as before where the distribution names a function ARN outside the template', () => {
    const text = template(
      lambdaFunction('Fn') + distribution('arn:aws:lambda:us-east-1:123456789012:function:edge:3'),
    );
    expect(scanTemplate(text, check).failed.map((f) => f.resource.id)).toEqual(['Fn']);
  });
});
