import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../../src/model/values.js';
import { scanTemplate } from '../../../helpers/scan-template.js';
import { samTemplate } from '../../../helpers/templates.js';

/** The scan errors of a template, as `line: message`. */
function errorsOf(text: string): string[] {
  return scanTemplate(text, []).errors.map((error) => `${error.line}: ${error.message}`);
}

const FUNCTION = `    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
`;

describe('an undefined name in a Sub where a list goes', () => {
  it('is reported once, in a policy statement SAM writes into the role', () => {
    const text = samTemplate(`  Fn:
${FUNCTION}      Policies:
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !Sub 'arn:aws:sqs:us-east-1:111122223333:\${Tpyo}'
`);
    expect(errorsOf(text)).toEqual([
      '14: Fn: ${Tpyo} in Fn::Sub names "Tpyo", which is neither a parameter, a resource nor a variable of the Sub (CloudFormation refuses the template: Unresolved resource dependencies [Tpyo] in the Resources block)',
    ]);
  });

  it('is reported once in a plain CloudFormation policy, a Join too', () => {
    const text = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: !Join ['', ['sqs:', !Ref Missing]]
                Resource: '*'
`;
    expect(errorsOf(text)).toEqual([
      '11: Role: Ref to "Missing", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [Missing] in the Resources block)',
    ]);
  });
});

/** Each environment variable of function `id`: its name, the value's shape and the resources it names. */
function environmentOf(text: string, id = 'Other'): [string, unknown, unknown][] {
  const fn = scanTemplate(text, [])
    .inventory.list('lambda.function')
    .find((f) => f.id === id);
  const vars = fn === undefined || isUnknown(fn.environment) ? [] : fn.environment;
  return vars.map((v) => [v.name, isUnknown(v.value) ? v.value.template : v.value, v.resourceRefs]);
}

/** The reason function `id`'s environment variable `name` is not known. */
function reasonOf(text: string, name: string, id = 'Other'): string | undefined {
  const fn = scanTemplate(text, [])
    .inventory.list('lambda.function')
    .find((f) => f.id === id);
  const value = isUnknown(fn?.environment) ? undefined : fn?.environment.find((v) => v.name === name)?.value;
  return isUnknown(value) ? value.reason : undefined;
}

describe('SAM referenceable properties', () => {
  const PUBLISHED = `  Fn:
${FUNCTION}      AutoPublishAlias: live
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
`;

  it('name the generated alias and version in Ref, Sub and GetAtt', () => {
    const text = samTemplate(`${PUBLISHED}  Other:
${FUNCTION}      Environment:
        Variables:
          ALIAS: !Ref Fn.Alias
          ALIAS_ARN: !GetAtt Fn.Alias.Arn
          ALIAS_LIST: !GetAtt [Fn.Alias, Arn]
          VERSION: !Sub '\${Fn.Version}'
          ALIAS_IN_SUB: !Sub '\${Fn.Alias.Arn}'
          BY_ID: !Ref FnAliaslive
`);
    expect(scanTemplate(text, []).errors).toEqual([]);
    const version = environmentOf(text).find(([name]) => name === 'VERSION');
    // With a local CodeUri the version's id has no hash of the code (that comes with `sam package`).
    expect(version?.[1]).toMatch(/^\$\{FnVersion[0-9a-f]*\}$/);
    expect(environmentOf(text).filter(([name]) => name !== 'VERSION')).toEqual([
      ['ALIAS', '${FnAliaslive}', ['FnAliaslive']],
      ['ALIAS_ARN', '${FnAliaslive.Arn}', ['FnAliaslive']],
      ['ALIAS_LIST', '${FnAliaslive.Arn}', ['FnAliaslive']],
      ['ALIAS_IN_SUB', '${FnAliaslive.Arn}', ['FnAliaslive']],
      ['BY_ID', '${FnAliaslive}', ['FnAliaslive']],
    ]);
  });

  it('name the alias of a name known only at deploy: its id is any the function may take', () => {
    const text = samTemplate(
      `  Fn:
${FUNCTION}      AutoPublishAlias: !Ref Stage
  Other:
${FUNCTION}      Environment:
        Variables:
          ALIAS: !Ref Fn.Alias
          BY_ID: !GetAtt FnAliasprod.Arn
          NOT_GENERATED: !Ref OtherAliasprod
`,
      'Parameters:\n  Stage: {Type: String, AllowedValues: [beta, prod]}\n',
    );
    expect(errorsOf(text)).toEqual([
      '23: Other: Ref to "OtherAliasprod", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [OtherAliasprod] in the Resources block)',
    ]);
    const [alias, byId] = environmentOf(text);
    expect(alias).toEqual(['ALIAS', '${FnAlias<Stage>}', ['FnAlias<Stage>']]);
    // Which alias is deployed is not known: Parapet names no resource for it.
    expect(byId).toEqual(['BY_ID', '${FnAliasprod.Arn}', []]);
  });

  it('name the stage and deployment of an API, the implicit one too', () => {
    const text = samTemplate(`${PUBLISHED}  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Gamma
  Other:
${FUNCTION}      Environment:
        Variables:
          STAGE: !Ref ServerlessRestApi.Stage
          STAGE_BY_ID: !Ref ServerlessRestApiProdStage
          GAMMA: !Ref Api.Stage
          GAMMA_BY_ID: !Sub '\${ApiGammaStage}'
          DEPLOYMENT: !Ref Api.Deployment
`);
    expect(scanTemplate(text, []).errors).toEqual([]);
    // Parapet does not model stages: the names are known, no resource of the inventory stands for them.
    expect(environmentOf(text)).toEqual([
      ['STAGE', '${ServerlessRestApiProdStage}', []],
      ['STAGE_BY_ID', '${ServerlessRestApiProdStage}', []],
      ['GAMMA', '${ApiGammaStage}', []],
      ['GAMMA_BY_ID', '${ApiGammaStage}', []],
      // Its logical id ends with a hash of the API's definition: not known, but no undefined name.
      ['DEPLOYMENT', undefined, undefined],
    ]);
    expect(reasonOf(text, 'DEPLOYMENT')).toBe('the AWS::ApiGateway::Deployment SAM generates for Api');
  });

  it('are not there without what generates them: an undefined name, as CloudFormation says', () => {
    const text = samTemplate(`  Fn:
${FUNCTION}  Other:
${FUNCTION}      Environment:
        Variables:
          ALIAS: !Ref Fn.Alias
          TYPO: !Ref Fn.Alais
`);
    expect(errorsOf(text)).toEqual([
      '18: Other: Ref to "Fn.Alias", which is neither a parameter nor a resource of this template (SAM makes Fn.Alias only ' +
        'for a SAM function with AutoPublishAlias) (CloudFormation refuses the template: Unresolved resource dependencies ' +
        '[Fn.Alias] in the Resources block)',
      '19: Other: Ref to "Fn.Alais", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [Fn.Alais] in the Resources block)',
    ]);
  });
});

describe('logical ids SAM generates that Parapet does not write', () => {
  const APIS = `  HttpApi:
    Type: AWS::Serverless::HttpApi
  Staged:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: v1
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
`;

  it('may be named in DependsOn, Ref and Sub', () => {
    const text = samTemplate(`${APIS}  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [HttpApiApiGatewayDefaultStage, Stagedv1Stage, RestApiProdStage]
    Properties:
      QueueName: !Sub '\${HttpApiApiGatewayDefaultStage}-\${RestApiProdStage}-\${Staged.Stage}'
`);
    expect(errorsOf(text)).toEqual([]);
  });

  // SAM's _construct_stage (api_generator.py, http_api_generator.py) keeps a StageName given by an intrinsic out of
  // the stage's id (`<Id>Stage`) and hashes a literal name that is not letters and digits (`<Id>Stage<sha1>`).
  const STAGED_BY_PARAMETER = `  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !Ref Stage
  Dashed:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v-1
  Other:
${FUNCTION}      Environment:
        Variables:
`;
  const STAGE_PARAMETER = 'Parameters:\n  Stage: {Type: String, Default: prod}\n';

  it('are <Api>Stage for a StageName given by an intrinsic, <Api>Stage<hash> for one not letters and digits', () => {
    const text = samTemplate(
      `${STAGED_BY_PARAMETER}          REST: !Ref RestApiStage
          REST_PROPERTY: !Ref RestApi.Stage
          HTTP: !Sub '\${HttpApiStage}'
          HTTP_PROPERTY: !Ref HttpApi.Stage
          DASHED: !Ref DashedStage065afdce56
          DASHED_PROPERTY: !Ref Dashed.Stage
`,
      STAGE_PARAMETER,
    );
    expect(errorsOf(text)).toEqual([]);
    expect(environmentOf(text)).toEqual([
      ['REST', '${RestApiStage}', []],
      ['REST_PROPERTY', '${RestApiStage}', []],
      ['HTTP', '${HttpApiStage}', []],
      ['HTTP_PROPERTY', '${HttpApiStage}', []],
      ['DASHED', '${DashedStage065afdce56}', []],
      ['DASHED_PROPERTY', '${DashedStage065afdce56}', []],
    ]);
  });

  it('are not the stage name put in the id when it is given by an intrinsic: that is a misspelt stage', () => {
    const text = samTemplate(
      `${STAGED_BY_PARAMETER}          REST: !Ref RestApiprodStage
          HTTP: !Ref HttpApiApiGatewayDefaultStage
          DASHED: !Ref Dashedv1Stage
`,
      STAGE_PARAMETER,
    );
    expect(errorsOf(text)).toEqual([
      '26: Other: Ref to "RestApiprodStage", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [RestApiprodStage] in the Resources block)',
      '27: Other: Ref to "HttpApiApiGatewayDefaultStage", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [HttpApiApiGatewayDefaultStage] in the Resources block)',
      '28: Other: Ref to "Dashedv1Stage", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [Dashedv1Stage] in the Resources block)',
    ]);
  });

  it('are the CodeDeploy application, deployment group and role of a DeploymentPreference', () => {
    const text = samTemplate(`  Fn:
${FUNCTION}      AutoPublishAlias: live
      DeploymentPreference:
        Type: AllAtOnce
  Other:
${FUNCTION}      Environment:
        Variables:
          APP: !Ref ServerlessDeploymentApplication
          GROUP: !Ref FnDeploymentGroup
          ROLE: !GetAtt CodeDeployServiceRole.Arn
`);
    expect(errorsOf(text)).toEqual([]);
  });

  it('do not include a name SAM does not generate: a misspelt stage is an error', () => {
    const text = samTemplate(`${APIS}  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [HttpApiDefaultStage, RestApiProdStage]
    Properties:
      QueueName: !Sub '\${RestApiStagingStage}'
  Fn:
${FUNCTION}      DeploymentPreference:
        Enabled: false
      Environment:
        Variables:
          GROUP: !Ref FnDeploymentGroup
`);
    expect(errorsOf(text)).toEqual([
      '16: Queue: DependsOn names "HttpApiDefaultStage", which is not a resource of this template (CloudFormation rejects it)',
      '18: Queue: ${RestApiStagingStage} in Fn::Sub names "RestApiStagingStage", which is neither a parameter, a resource nor a variable of the Sub (CloudFormation refuses the template: Unresolved resource dependencies [RestApiStagingStage] in the Resources block)',
      '29: Fn: Ref to "FnDeploymentGroup", which is neither a parameter nor a resource of this template (CloudFormation refuses the template: Unresolved resource dependencies [FnDeploymentGroup] in the Resources block)',
    ]);
  });
});

describe('circular dependencies in a SAM template', () => {
  const HOOKED = `  Fn:
${FUNCTION}      AutoPublishAlias: live
      DeploymentPreference:
        Type: AllAtOnce
        Hooks:
          PreTraffic: !Ref PreHook
  PreHook:
${FUNCTION}      DeploymentPreference:
        Enabled: false
`;

  it('are none between a function and its deployment hook that may invoke it', () => {
    // SAM's safe-deployment pattern: the hook goes into the alias's UpdatePolicy, not into the function.
    const text = samTemplate(`${HOOKED}      Policies:
        - Statement:
            - Effect: Allow
              Action: lambda:InvokeFunction
              Resource: !Sub '\${Fn.Arn}:*'
`);
    expect(errorsOf(text)).toEqual([]);
  });

  it('are found through what SAM generates, named as written', () => {
    const text = samTemplate(`  Fn:
${FUNCTION}      Policies:
        - Statement:
            - Effect: Allow
              Action: sns:Publish
              Resource: !Ref Topic
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Tags: [{ Key: fn, Value: !GetAtt Fn.Arn }]
`);
    expect(errorsOf(text)).toEqual([
      '4: circular dependency between resources: Fn → Topic → Fn, through FnRole, which SAM generates (CloudFormation rejects this template)',
    ]);
  });

  it('include a function whose generated role names the function', () => {
    const text = samTemplate(`  Fn:
${FUNCTION}      Policies:
        - Statement:
            - Effect: Allow
              Action: lambda:InvokeFunction
              Resource: !GetAtt Fn.Arn
`);
    expect(errorsOf(text)).toEqual([
      '4: circular dependency between resources: Fn → Fn, through FnRole, which SAM generates (CloudFormation rejects this template)',
    ]);
  });

  it('include a function whose variable names its own alias, and not when SAM makes no alias', () => {
    const own = (alias: string) =>
      samTemplate(`  Fn:
${FUNCTION}${alias}      Environment:
        Variables:
          SELF: !Ref Fn.Alias
`);
    expect(errorsOf(own('      AutoPublishAlias: live\n'))).toEqual([
      '4: circular dependency between resources: Fn → Fn.Alias → Fn (CloudFormation rejects this template)',
    ]);
    // Without AutoPublishAlias, Fn.Alias names nothing: that error alone, no loop through it.
    expect(errorsOf(own(''))).toEqual([
      expect.stringMatching(
        /^\d+: Fn: Ref to "Fn.Alias", which is neither a parameter nor a resource of this template/,
      ),
    ]);
  });

  // The template as written is walked first, and the transformed one only when the written one may hold a
  // cycle: these are cycles the written resources alone do not show.
  const TOPIC_TO = (endpoint: string) => `  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - Protocol: lambda
          Endpoint: ${endpoint}
`;

  it('include one through an id only SAM makes (the alias a subscription names)', () => {
    const text = samTemplate(`  Fn:
${FUNCTION}      AutoPublishAlias: live
      Environment:
        Variables:
          TOPIC: !Ref Topic
${TOPIC_TO('!Ref FnAliaslive')}`);
    expect(errorsOf(text)).toEqual([
      '4: circular dependency between resources: Fn → Topic → Fn, through FnAliaslive and FnVersiond6e0f0191c, which SAM generates (CloudFormation rejects this template)',
    ]);
  });

  it('include one through what the functions take from Globals', () => {
    const globals = 'Globals:\n  Function:\n    Environment:\n      Variables:\n        TOPIC: !Ref Topic\n';
    const text = samTemplate(`  Fn:\n${FUNCTION}${TOPIC_TO('!GetAtt Fn.Arn')}`, globals);
    expect(errorsOf(text)).toEqual([
      '9: circular dependency between resources: Fn → Topic → Fn (CloudFormation rejects this template)',
    ]);
  });

  it('include a function naming its own alias or version (alias → version → function)', () => {
    const refs = [
      ['!Ref Fn.Alias', 'Fn.Alias'],
      ['!Ref Fn.Version', 'Fn.Version'],
      ['!GetAtt Fn.Alias.Arn', 'Fn.Alias'],
      ["!Sub '${Fn.Alias}'", 'Fn.Alias'],
    ];
    for (const [ref, shown] of refs) {
      const text = samTemplate(`  Fn:
${FUNCTION}      AutoPublishAlias: live
      Environment:
        Variables:
          SELF: ${ref}
`);
      // The loop goes through what the reference names, as written.
      expect(errorsOf(text)).toEqual([
        `4: circular dependency between resources: Fn → ${shown} → Fn (CloudFormation rejects this template)`,
      ]);
    }
  });

  // SAM writes an API's access logs (and the other stage settings) on the stage it makes, which depends on the API.
  const LOGGED_API = (type: string, setting: string, logGroupName: string) => `  Api:
    Type: AWS::Serverless::${type}
    Properties:
      StageName: prod
      ${setting}:
        DestinationArn: !GetAtt ApiLogs.Arn
        Format: $context.requestId
  ApiLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: ${logGroupName}
`;

  it('exclude a log group named after the API whose stage logs to it: the stage, not the API, names the group', () => {
    for (const [type, setting] of [
      ['Api', 'AccessLogSetting'],
      ['HttpApi', 'AccessLogSettings'],
    ] as const) {
      const text = samTemplate(LOGGED_API(type, setting, "!Sub '/aws/apigateway/${Api}'"));
      expect(errorsOf(text)).toEqual([]);
    }
  });

  it('include a log group named after the stage that logs to it, through the stage SAM makes', () => {
    const text = samTemplate(LOGGED_API('Api', 'AccessLogSetting', "!Sub '/aws/apigateway/${Api.Stage}'"));
    expect(errorsOf(text)).toEqual([
      '11: circular dependency between resources: ApiLogs → Api.Stage → ApiLogs (CloudFormation rejects this template)',
    ]);
  });

  it('exclude a function naming the destination queue SAM makes for it, which does not depend on it', () => {
    for (const ref of ['!GetAtt Fn.DestinationQueue.Arn', "!Sub '${Fn.DestinationQueue.Arn}'"]) {
      const text = samTemplate(`  Fn:
${FUNCTION}      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
      Environment:
        Variables:
          DLQ: ${ref}
`);
      expect(errorsOf(text).filter((e) => e.includes('circular'))).toEqual([]);
    }
  });
});
