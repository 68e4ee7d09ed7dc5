import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// "After creating your API, you must deploy it to make it callable by your users" (API Gateway Developer Guide,
// "Deploy REST APIs in API Gateway"): a REST API its template deploys to no stage is open only once someone deploys it.

/** A REST API whose ANY / proxies to Fn without authorization; `more` adds resources, `extra` sections. */
const restApi = (more = '', extra = '', method = '') =>
  template(
    `${lambdaFunction()}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  Root:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: ANY
      AuthorizationType: NONE
${method}      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
${more}`,
    extra,
  );

const deployment = (properties = '      RestApiId: !Ref Api\n      StageName: prod\n', head = '') =>
  `  Deployment:\n    Type: AWS::ApiGateway::Deployment\n${head}    Properties:\n${properties}`;

const OPEN =
  'ANY / on API Api invokes function Fn with no authorization and no API key: anyone on the internet can call it';

describe('apigateway.route-no-auth on a REST API its template deploys to no stage', () => {
  it('fails, saying anyone can call the route once the API is deployed to a stage', () => {
    const { failed } = scanTemplate(restApi(), check);
    expect(failed.map((f) => [f.message, f.severity])).toEqual([
      [`${OPEN} once the API is deployed to a stage (this template deploys none).`, 'medium'],
    ]);
  });

  it('says so of a route that needs only an API key too', () => {
    const { failed } = scanTemplate(restApi('', '', '      ApiKeyRequired: true\n'), check);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'anyone holding a key (sent in a plain header, often shared) can call it once the API is deployed to a ' +
          'stage (this template deploys none).',
      ),
    ]);
  });

  it('fails as before where a Deployment or a Stage deploys the API', () => {
    const stage =
      `${deployment('      RestApiId: !Ref Api\n')}  Stage:\n    Type: AWS::ApiGateway::Stage\n` +
      '    Properties:\n      RestApiId: !Ref Api\n      DeploymentId: !Ref Deployment\n      StageName: prod\n';
    for (const more of [deployment(), stage])
      expect(scanTemplate(restApi(more), check).failed.map((f) => f.message)).toEqual([`${OPEN}.`]);
  });

  it('fails as before where a Deployment may be for it or another stack may deploy it', () => {
    const cases = [
      // Deployed only where a condition holds that is not known before deploy.
      restApi(
        deployment(undefined, '    Condition: Deploy\n'),
        'Parameters:\n  Env: {Type: String}\nConditions:\n  Deploy: !Equals [!Ref Env, prod]\n',
      ),
      // A RestApiId not known before deploy may be this API's.
      restApi(deployment('      RestApiId: !ImportValue ApiId\n')),
      // Its id leaves the template: a stack that takes it may deploy it.
      restApi('', 'Outputs:\n  ApiId:\n    Value: !Ref Api\n    Export: {Name: ApiId}\n'),
      // A custom resource given its id may deploy it.
      restApi(
        '  Deployer:\n    Type: Custom::Deployer\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:d\n      Api: !Ref Api\n',
      ),
    ];
    for (const text of cases)
      expect(scanTemplate(text, check).failed.map((f) => f.message)).toEqual([`${OPEN}.`]);
  });

  it("still says so where a Deployment is another API's", () => {
    const other =
      '  Other:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: other\n' +
      deployment('      RestApiId: !Ref Other\n      StageName: prod\n');
    expect(scanTemplate(restApi(other), check).failed.map((f) => f.message)).toEqual([
      `${OPEN} once the API is deployed to a stage (this template deploys none).`,
    ]);
  });
});
