import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { samNodeFunction } from '../../../helpers/templates.js';
import { type Json, loadYaml, plain, props, resource } from './helpers.js';

function expandYaml(text: string) {
  const input = loadYaml(text);
  return { input, expansion: expandSam(input, { partition: 'aws' }) };
}

describe('FunctionUrlConfig', () => {
  const URL = `
Globals:
  Function:
    FunctionUrlConfig:
      AuthType: NONE
      Cors: {AllowOrigins: ['*'], AllowCredentials: true}
Resources:
  Public:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: a.b, Runtime: nodejs22.x}
${samNodeFunction('Private')}      FunctionUrlConfig: {AuthType: AWS_IAM, InvokeMode: RESPONSE_STREAM}
${samNodeFunction('FromParameter')}      FunctionUrlConfig: {AuthType: !Ref UrlAuth}
`;

  it('with AuthType NONE: the URL and the two permissions that make it public', () => {
    const { input, expansion } = expandYaml(URL);
    const globalConfig = ((input.Globals as Json).Function as Json).FunctionUrlConfig as Json;
    const url = props(expansion.template, 'PublicUrl');
    expect(resource(expansion.template, 'PublicUrl').Type).toBe('AWS::Lambda::Url');
    expect(plain(url)).toMatchObject({ AuthType: 'NONE', TargetFunctionArn: { Ref: 'Public' } });
    expect(url.Cors).toBe(globalConfig.Cors);
    expect(plain(props(expansion.template, 'PublicUrlPublicPermissions'))).toEqual({
      Action: 'lambda:InvokeFunctionUrl',
      FunctionName: { Ref: 'Public' },
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    });
    expect(plain(props(expansion.template, 'PublicURLInvokeAllowPublicAccess'))).toEqual({
      Action: 'lambda:InvokeFunction',
      Principal: '*',
      FunctionName: { Ref: 'Public' },
      InvokedViaFunctionUrl: true,
    });
    expect(expansion.provenance.get('PublicUrl')).toMatchObject({
      samId: 'Public',
      node: (input.Globals as Json).Function,
      key: 'FunctionUrlConfig',
    });
    expect(expansion.provenance.get('PublicUrlPublicPermissions')).toMatchObject({
      node: globalConfig,
      key: 'AuthType',
    });
  });

  it('with AWS_IAM, or an AuthType from a parameter: the URL only (Globals merged into the local config)', () => {
    const { input, expansion } = expandYaml(URL);
    expect(plain(props(expansion.template, 'PrivateUrl'))).toEqual({
      Cors: { AllowOrigins: ['*'], AllowCredentials: true },
      AuthType: 'AWS_IAM',
      TargetFunctionArn: { Ref: 'Private' },
      InvokeMode: 'RESPONSE_STREAM',
    });
    expect(props(expansion.template, 'FromParameterUrl').AuthType).toBe(
      (props(input, 'FromParameter').FunctionUrlConfig as Json).AuthType,
    );
    const resources = Object.entries(expansion.template.Resources as Record<string, Json>);
    const permissions = resources
      .filter(([, value]) => value.Type === 'AWS::Lambda::Permission')
      .map(([id]) => id);
    expect(permissions).toEqual(['PublicUrlPublicPermissions', 'PublicURLInvokeAllowPublicAccess']);
  });
});

describe('FunctionUrlConfig written wrong', () => {
  it('without AuthType is an error; a key SAM does not take is a warning (SAM drops it), naming what was meant', () => {
    const { expansion } = expandYaml(`
Resources:
${samNodeFunction('Fn')}      FunctionUrlConfig: {AuthorizationType: NONE, CorsConfig: {AllowOrigins: ['*']}}
`);
    expect(expansion.issues.map((issue) => issue.message)).toEqual([
      'Fn: FunctionUrlConfig has no AuthType, which SAM requires (AWS_IAM or NONE)',
    ]);
    expect(expansion.warnings?.map((warning) => warning.message)).toEqual([
      'FunctionUrlConfig.AuthorizationType is not a property of FunctionUrlConfig (AuthType, Cors, InvokeMode): SAM ignores it; did you mean AuthType?',
      'FunctionUrlConfig.CorsConfig is not a property of FunctionUrlConfig (AuthType, Cors, InvokeMode): SAM ignores it; did you mean Cors?',
    ]);
  });
});

describe('FunctionUrlConfig keys in Globals', () => {
  it('are warned of once, where Globals write them, not once per function', () => {
    const { expansion } = expandYaml(`
Globals:
  Function:
    FunctionUrlConfig: {AuthType: AWS_IAM, Qualifier: live}
Resources:
${samNodeFunction('A')}${samNodeFunction('B')}`);
    expect(expansion.warnings?.map((warning) => warning.message)).toEqual([
      'FunctionUrlConfig.Qualifier is not a property of FunctionUrlConfig (AuthType, Cors, InvokeMode): SAM ignores it',
    ]);
  });
});

describe('AutoPublishAlias', () => {
  const ALIAS = `
Resources:
${samNodeFunction('Fn', '', 'InlineCode: x')}      MemorySize: 128
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 2}
      FunctionUrlConfig: {AuthType: NONE}
      EventInvokeConfig: {MaximumRetryAttempts: 0}
      Events:
        Queue: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}
        Get: {Type: Api, Properties: {Path: /, Method: get}}
`;

  it('publishes a version (its id hashes the code) and an alias pointing at it', () => {
    const { input, expansion } = expandYaml(ALIAS);
    expect(resource(expansion.template, 'FnVersion4e3e0ec4a8')).toMatchObject({
      Type: 'AWS::Lambda::Version',
      DeletionPolicy: 'Retain',
      Properties: { FunctionName: { Ref: 'Fn' } },
    });
    const alias = props(expansion.template, 'FnAliaslive');
    expect(plain(alias)).toMatchObject({
      Name: 'live',
      FunctionName: { Ref: 'Fn' },
      FunctionVersion: { 'Fn::GetAtt': ['FnVersion4e3e0ec4a8', 'Version'] },
    });
    expect(alias.ProvisionedConcurrencyConfig).toBe(props(input, 'Fn').ProvisionedConcurrencyConfig);
    expect(expansion.provenance.get('FnAliaslive')).toMatchObject({
      samId: 'Fn',
      node: props(input, 'Fn'),
      key: 'AutoPublishAlias',
    });
  });

  it('points the URL, its permissions, the event invoke config and the events at the alias', () => {
    const { expansion } = expandYaml(ALIAS);
    const template = expansion.template;
    expect(plain(props(template, 'FnUrl').TargetFunctionArn)).toEqual({ Ref: 'FnAliaslive' });
    expect(plain(props(template, 'FnUrlPublicPermissions').FunctionName)).toEqual({ Ref: 'FnAliaslive' });
    expect(plain(props(template, 'FnGetPermissionProd').FunctionName)).toEqual({ Ref: 'FnAliaslive' });
    expect(plain(props(template, 'FnQueue').FunctionName)).toEqual({ Ref: 'FnAliaslive' });
    expect(resource(template, 'FnEventInvokeConfig')).toMatchObject({
      DependsOn: ['FnAliaslive'],
      Properties: { FunctionName: { Ref: 'Fn' }, Qualifier: 'live' },
    });
  });

  it('names the alias after hyphens and underscores are replaced, and needs a usable name', () => {
    const { expansion } = expandYaml(`
Parameters:
  AliasName: {Type: String, Default: blue-green_1}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {InlineCode: x, Handler: a.b, Runtime: nodejs22.x, AutoPublishAlias: !Ref AliasName}
  Bad:
    Type: AWS::Serverless::Function
    Properties: {InlineCode: x, Handler: a.b, Runtime: nodejs22.x, AutoPublishAlias: !Sub '\${AWS::StackName}'}
`);
    expect(props(expansion.template, 'FnAliasblueDgreenU1').Name).toBe('blue-green_1');
    expect(expansion.issues.map((issue) => issue.message)).toEqual([
      expect.stringContaining('Bad: AutoPublishAlias'),
    ]);
  });

  it('with a Ref to a parameter without Default, writes the alias with a name known only at deploy', () => {
    const { expansion } = expandYaml(`
Parameters:
  Stage: {Type: String, AllowedValues: [beta, prod]}
Resources:
${samNodeFunction('Fn', '', 'InlineCode: x')}      AutoPublishAlias: !Ref Stage
      FunctionUrlConfig: {AuthType: NONE}
      EventInvokeConfig: {MaximumRetryAttempts: 0}
`);
    const template = expansion.template;
    expect(expansion.issues).toEqual([]);
    // An id no template can write: SAM's `FnAlias<name>` is not known before deploy.
    expect(plain(props(template, 'FnAlias<Stage>'))).toMatchObject({ Name: { Ref: 'Stage' } });
    expect(plain(props(template, 'FnUrl').TargetFunctionArn)).toEqual({ Ref: 'FnAlias<Stage>' });
    expect(plain(props(template, 'FnUrlPublicPermissions').FunctionName)).toEqual({ Ref: 'FnAlias<Stage>' });
    expect(plain(props(template, 'FnEventInvokeConfig').Qualifier)).toEqual({ Ref: 'Stage' });
    expect(expansion.references?.properties.get('Fn.Alias')).toEqual({ id: 'FnAlias<Stage>' });
    expect(expansion.references?.patterns.some((p) => p.test('FnAliasprod'))).toBe(true);
    expect(expansion.references?.patterns.some((p) => p.test('OtherAliasprod'))).toBe(false);
  });

  it('rejects what SAM cannot resolve to a name, without asking for a Default', () => {
    const { expansion } = expandYaml(`
Parameters:
  Stage: {Type: String}
Resources:
${samNodeFunction('FromGetAtt', '', 'InlineCode: x')}      AutoPublishAlias: !GetAtt Other.Name
${samNodeFunction('FromList', '', 'InlineCode: x')}      AutoPublishAlias: [live]
${samNodeFunction('FromMap', '', 'InlineCode: x')}      AutoPublishAlias: {Name: live}
${samNodeFunction('FromResource', '', 'InlineCode: x')}      AutoPublishAlias: !Ref Other
${samNodeFunction('FromRegion', '', 'InlineCode: x')}      AutoPublishAlias: !Ref AWS::Region
  Other: {Type: AWS::SNS::Topic}
`);
    expect(expansion.issues.map((issue) => issue.message)).toEqual(
      ['FromGetAtt', 'FromList', 'FromMap', 'FromResource'].map(
        (id) => `${id}: AutoPublishAlias must be a string or a Ref to a template parameter`,
      ),
    );
    expect(props(expansion.template, 'FromRegionAlias<AWS::Region>')).toBeDefined();
  });
});

describe('EventInvokeConfig', () => {
  it('creates the queue or topic for a destination given only a Type, and grants the role access', () => {
    const { input, expansion } = expandYaml(`
Resources:
${samNodeFunction('Fn', '', 'InlineCode: x')}      EventInvokeConfig:
        MaximumEventAgeInSeconds: 60
        DestinationConfig:
          OnSuccess: {Type: SNS}
          OnFailure: {Type: EventBridge, Destination: !GetAtt Bus.Arn}
`);
    const written = (props(input, 'Fn').EventInvokeConfig as Json).DestinationConfig as Json;
    expect(resource(expansion.template, 'FnEventInvokeConfigOnSuccessTopic').Type).toBe('AWS::SNS::Topic');
    expect(expansion.provenance.get('FnEventInvokeConfigOnSuccessTopic')).toMatchObject({
      node: written.OnSuccess,
      key: 'Type',
    });
    const config = props(expansion.template, 'FnEventInvokeConfig');
    expect(plain(config)).toEqual({
      FunctionName: { Ref: 'Fn' },
      Qualifier: '$LATEST',
      DestinationConfig: {
        OnSuccess: { Destination: { Ref: 'FnEventInvokeConfigOnSuccessTopic' } },
        OnFailure: { Destination: { 'Fn::GetAtt': ['Bus', 'Arn'] } },
      },
      MaximumEventAgeInSeconds: 60,
    });
    expect(((config.DestinationConfig as Json).OnFailure as Json).Destination).toBe(
      (written.OnFailure as Json).Destination,
    );
    expect(plain(props(expansion.template, 'FnRole').Policies)).toEqual([
      {
        PolicyName: 'FnEventInvokeConfigOnSuccessSNSPolicy',
        PolicyDocument: {
          Statement: [
            {
              Action: 'sns:publish',
              Effect: 'Allow',
              Resource: { Ref: 'FnEventInvokeConfigOnSuccessTopic' },
            },
          ],
        },
      },
      {
        PolicyName: 'FnEventInvokeConfigOnFailureEventBridgePolicy',
        PolicyDocument: {
          Statement: [
            { Action: 'events:PutEvents', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Bus', 'Arn'] } },
          ],
        },
      },
    ]);
  });

  it('reports a destination type SAM does not know, or a Lambda destination without an ARN', () => {
    const { expansion } = expandYaml(`
Resources:
${samNodeFunction('Fn', '', 'InlineCode: x')}      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: {Type: Kinesis, Destination: arn:aws:kinesis:x}
          OnFailure: {Type: Lambda}
`);
    expect(expansion.issues).toHaveLength(2);
    expect(plain(props(expansion.template, 'FnEventInvokeConfig').DestinationConfig)).toEqual({});
  });
});

describe('other SAM resources', () => {
  it('LayerVersion keeps its logical id, so references to it still hold', () => {
    const { input, expansion } = expandYaml(`
Resources:
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://b/layer.zip
      CompatibleRuntimes: [python3.13]
      RetentionPolicy: Delete
  Fn:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://b/k, Handler: a.b, Runtime: python3.13, Layers: [!Ref Shared]}
`);
    const layer = resource(expansion.template, 'Shared');
    expect(layer).toMatchObject({
      Type: 'AWS::Lambda::LayerVersion',
      DeletionPolicy: 'Delete',
      Properties: { LayerName: 'Shared', Content: { S3Bucket: 'b', S3Key: 'layer.zip' } },
    });
    expect((layer.Properties as Json).CompatibleRuntimes).toBe(props(input, 'Shared').CompatibleRuntimes);
    expect(expansion.provenance.get('Shared')).toMatchObject({
      samId: 'Shared',
      samType: 'AWS::Serverless::LayerVersion',
    });
  });

  describe('LayerVersion RetentionPolicy from a parameter, which the translator resolves before reading it', () => {
    const layerKeeping = (declared: string, given?: Record<string, string>) =>
      expandSam(
        loadYaml(`
Parameters:
  Keep: ${declared}
Resources:
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://b/layer.zip
      RetentionPolicy: !Ref Keep
`),
        { partition: 'aws', ...(given ? { parameterValues: given } : {}) },
      );

    it('is no error, and takes the default (Retain when there is none)', () => {
      for (const [declared, policy] of [
        ['{ Type: String, Default: Delete }', 'Delete'],
        ['{ Type: String, AllowedValues: [Retain, Delete] }', 'Retain'],
      ]) {
        const expansion = layerKeeping(declared as string);
        expect(expansion.issues).toEqual([]);
        expect(resource(expansion.template, 'Shared').DeletionPolicy).toBe(policy);
      }
    });

    it('takes a value given with -p over the default, as the deploy would', () => {
      const expansion = layerKeeping('{ Type: String, Default: keep }', { Keep: 'Delete' });
      expect(expansion.issues).toEqual([]);
      expect(resource(expansion.template, 'Shared').DeletionPolicy).toBe('Delete');
    });

    it('is an error when the default is neither Retain nor Delete', () => {
      expect(layerKeeping('{ Type: String, Default: keep }').issues.map((i) => i.message)).toEqual([
        'Shared: RetentionPolicy takes parameter Keep, with the value keep, which is neither Retain nor Delete: the SAM transform fails on it',
      ]);
    });
  });

  it('SimpleTable becomes a DynamoDB table with a hash key, on demand unless throughput is given', () => {
    const { input, expansion } = expandYaml(`
Resources:
  Plain:
    Type: AWS::Serverless::SimpleTable
  Keyed:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: orderId, Type: Number}
      SSESpecification: {SSEEnabled: true}
`);
    expect(props(expansion.template, 'Plain')).toEqual({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const keyed = props(expansion.template, 'Keyed');
    expect(keyed.AttributeDefinitions).toEqual([{ AttributeName: 'orderId', AttributeType: 'N' }]);
    expect(keyed.SSESpecification).toBe(props(input, 'Keyed').SSESpecification);
    expect(resource(expansion.template, 'Keyed').Type).toBe('AWS::DynamoDB::Table');
  });

  it('leaves state machines, applications and connectors as written', () => {
    const { input, expansion } = expandYaml(`
Resources:
  Flow: {Type: AWS::Serverless::StateMachine, Properties: {Definition: {}}}
  App: {Type: AWS::Serverless::Application, Properties: {Location: x}}
  Link:
    Type: AWS::Serverless::Connector
    Properties: {Source: {Id: Flow}, Destination: {Type: AWS::SQS::Queue, Arn: x}, Permissions: [Write]}
`);
    for (const id of ['Flow', 'App', 'Link'])
      expect(resource(expansion.template, id)).toBe(resource(input, id));
    // A state machine's connector to a queue bears on no function: it generates nothing here.
    expect(Object.keys(expansion.template.Resources as object)).toEqual(['Flow', 'App', 'Link']);
    expect(expansion.issues).toEqual([]);
  });
});

describe('HttpApi $default route', () => {
  it('gives no further permission to routes a $default route of the same function already covers', () => {
    const { expansion } = expandYaml(`
Resources:
${samNodeFunction()}      Events:
        Default: {Type: HttpApi}
        Items: {Type: HttpApi, Properties: {Path: /items, Method: get}}
        Other: {Type: HttpApi, Properties: {Path: /other, Method: get, ApiId: !Ref Api}}
  Api: {Type: AWS::Serverless::HttpApi}
`);
    const ids = Object.keys(expansion.template.Resources as Json).filter((id) => id.includes('Permission'));
    expect(ids.sort()).toEqual(['FnDefaultPermission', 'FnOtherPermission']);
    const [arn] = (props(expansion.template, 'FnDefaultPermission').SourceArn as Json)['Fn::Sub'] as [string];
    expect(arn.endsWith('${__ApiId__}/${__Stage__}/*')).toBe(true);
  });

  it('hashes a stage name that is not alphanumeric into the permission id, as SAM does', () => {
    const { expansion } = expandYaml(`
Resources:
  Api: {Type: AWS::Serverless::Api, Properties: {StageName: my-stage}}
${samNodeFunction()}      Events:
        A1: {Type: Api, Properties: {Path: /x, Method: get, RestApiId: !Ref Api}}
`);
    expect(resource(expansion.template, 'FnA1Permissiona9d64949ee').Type).toBe('AWS::Lambda::Permission');
  });
});

describe('a FunctionUrlConfig key SAM ignores in two functions of their own', () => {
  it('is warned of at each, not once for both', () => {
    const { expansion } = expandYaml(`
Resources:
${samNodeFunction('A')}      FunctionUrlConfig: {AuthType: AWS_IAM, AuthTyp: NONE}
${samNodeFunction('B')}      FunctionUrlConfig: {AuthType: AWS_IAM, AuthTyp: NONE}
`);
    expect(expansion.warnings).toHaveLength(2);
  });
});

describe('a SAM function URL without AuthType', () => {
  it('gives a URL whose AuthType is missing, not one AWS::NoValue removed', () => {
    const { expansion } = expandYaml(`
Resources:
${samNodeFunction('Fn')}      FunctionUrlConfig: {Cors: {AllowOrigins: ['*']}}
`);
    expect(props(expansion.template, 'FnUrl').AuthType).toBeUndefined();
  });
});
