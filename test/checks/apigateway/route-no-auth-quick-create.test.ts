import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// Quick create (`Target` on an AWS::ApiGatewayV2::Api) "produces an API with an integration, a default catch-all
// route, and a default stage which is configured to automatically deploy changes" (CloudFormation reference,
// AWS::ApiGatewayV2::Api; RouteKey "replaces the route key of the quick create route"). The route has no authorizer
// unless an AWS::ApiGatewayV2::ApiGatewayManagedOverrides gives it one.

/** A quick-create HTTP API with `props` (its Target, RouteKey) and `more` resources. */
const quickCreate = (props: string, more = '', extra = '') =>
  template(
    `${lambdaFunction()}  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: orders
      ProtocolType: HTTP
${props}${more}`,
    extra,
  );

const overrides = (apiId: string, route: string) =>
  `  Overrides:\n    Type: AWS::ApiGatewayV2::ApiGatewayManagedOverrides\n    Properties:\n      ApiId: ${apiId}\n${route}`;

const messages = (text: string) => {
  const result = scanTemplate(text, check);
  return { failed: result.failed.map((f) => f.message), passed: result.passed, unknown: result.unknown };
};

describe('apigateway.route-no-auth on the route quick create makes', () => {
  it('fails on the $default route to a function of the template, located at Target', () => {
    const { failed } = scanTemplate(quickCreate('      Target: !GetAtt Fn.Arn\n'), check);
    expect(failed.map((f) => f.message)).toEqual([
      'ANY $default on API Api invokes function Fn with no authorization: anyone on the internet can call it.',
    ]);
    expect(failed[0]?.location?.line).toBe(15);
  });

  it('names the RouteKey where one is given', () => {
    const text = quickCreate("      Target: !Sub '${Fn.Arn}'\n      RouteKey: GET /x\n");
    expect(messages(text).failed).toEqual([
      'GET /x on API Api invokes function Fn with no authorization: anyone on the internet can call it.',
    ]);
  });

  it('fails on a Target that is a function ARN not of the template, as a route to such a function does', () => {
    const text = quickCreate('      Target: arn:aws:lambda:us-east-1:123456789012:function:other\n');
    expect(messages(text).failed).toEqual([
      expect.stringMatching(
        /^ANY \$default on API Api invokes .*other.* no authorization: anyone on the internet/,
      ),
    ]);
  });

  it('maps no route for a Target that is an HTTP URL, or an API without Target', () => {
    for (const text of [quickCreate('      Target: https://example.com\n'), quickCreate('')])
      expect(scanTemplate(text, check).findings).toEqual([]);
  });

  it('passes where an ApiGatewayManagedOverrides gives the route an authorizer', () => {
    const route = '      Route:\n        AuthorizationType: AWS_IAM\n';
    const { passed, failed } = messages(
      quickCreate('      Target: !GetAtt Fn.Arn\n', overrides('!Ref Api', route)),
    );
    expect(failed).toEqual([]);
    expect(passed.map((r) => r.message)).toEqual(['ANY $default on API Api requires AWS_IAM']);
  });

  it("fails where an ApiGatewayManagedOverrides leaves the route's authorization alone", () => {
    const text = quickCreate(
      '      Target: !GetAtt Fn.Arn\n',
      overrides('!Ref Api', '      Stage:\n        Description: d\n'),
    );
    expect(messages(text).failed).toHaveLength(1);
  });

  it('names the function an ApiGatewayManagedOverrides makes the route invoke', () => {
    const route = '      Route:\n        Target: !GetAtt Other.Arn\n';
    const text = quickCreate(
      '      Target: !GetAtt Fn.Arn\n',
      `${lambdaFunction('Other')}${overrides('!Ref Api', route)}`,
    );
    expect(messages(text).failed).toEqual([
      'ANY $default on API Api invokes function Other with no authorization: anyone on the internet can call it.',
    ]);
  });

  it('is unknown where an ApiGatewayManagedOverrides may be for the API', () => {
    const route = '      Route:\n        AuthorizationType: AWS_IAM\n';
    const { failed, unknown } = messages(
      quickCreate('      Target: !GetAtt Fn.Arn\n', overrides('!ImportValue ApiId', route)),
    );
    expect(failed).toEqual([]);
    expect(unknown.map((r) => r.message)).toEqual([
      expect.stringContaining('The authorization of ANY $default on API Api cannot be seen'),
    ]);
  });
});
