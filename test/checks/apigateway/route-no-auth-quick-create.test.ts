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

  // Target: "For HTTP integrations, specify a fully qualified URL. For Lambda integrations, specify a function ARN"
  // (CreateApi, target): one not known before deploy may be either, and the route is made all the same.
  const PARAMETER = 'Parameters:\n  Target: {Type: String}\n';

  it('is unknown where Target is not known before deploy: it may be a function ARN or an HTTP URL', () => {
    const cases: [string, string][] = [
      [
        quickCreate('      Target: !Ref Target\n', '', PARAMETER),
        'from parameter Target, which has no default',
      ],
      [quickCreate('      Target: !ImportValue FnArn\n'), 'imported from another stack \\(FnArn\\)'],
    ];
    for (const [text, reason] of cases) {
      const { failed, unknown } = messages(text);
      expect(failed).toEqual([]);
      expect(unknown.map((r) => r.message)).toEqual([
        expect.stringMatching(
          new RegExp(
            '^ANY \\$default on API Api has no authorization; whether it invokes a Lambda function is not known: ' +
              `its Target is not known before deploy \\(.*${reason}.*\\), and may be a function ARN or an HTTP URL\\.$`,
          ),
        ),
      ]);
    }
  });

  it('fails where a Target not known before deploy has a default that is a function ARN, as before', () => {
    const withDefault =
      'Parameters:\n  Target: {Type: String, Default: arn:aws:lambda:us-east-1:123456789012:function:f}\n';
    expect(messages(quickCreate('      Target: !Ref Target\n', '', withDefault)).failed).toEqual([
      expect.stringMatching(/^ANY \$default on API Api invokes function .*:function:f with no authorization/),
    ]);
  });

  it('passes where Target is not known but an ApiGatewayManagedOverrides gives the route an authorizer', () => {
    const route = '      Route:\n        AuthorizationType: AWS_IAM\n';
    const { passed, unknown } = messages(
      quickCreate('      Target: !Ref Target\n', overrides('!Ref Api', route), PARAMETER),
    );
    expect(unknown).toEqual([]);
    expect(passed.map((r) => r.message)).toEqual(['ANY $default on API Api requires AWS_IAM']);
  });

  it("maps no route for a Target that is another resource's URL: a function URL is an HTTP target", () => {
    const url =
      '  FnUrl:\n    Type: AWS::Lambda::Url\n    Properties:\n      AuthType: AWS_IAM\n      TargetFunctionArn: !GetAtt Fn.Arn\n';
    for (const target of ['!GetAtt FnUrl.FunctionUrl', "!Sub '${FnUrl.FunctionUrl}'"]) {
      const { findings, errors, inventory } = scanTemplate(
        quickCreate(`      Target: ${target}\n`, url),
        check,
      );
      // Nothing to map, not nothing read: the template scanned without error, its resources in the inventory.
      expect({ findings, errors, scanned: inventory.size > 0 }).toEqual({
        findings: [],
        errors: [],
        scanned: true,
      });
    }
  });

  it("is unknown where Target is a custom resource's attribute, which may be either", () => {
    const custom =
      '  Made:\n    Type: Custom::Maker\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:m\n';
    const { failed, unknown } = messages(quickCreate('      Target: !GetAtt Made.Arn\n', custom));
    expect(failed).toEqual([]);
    expect(unknown.map((r) => r.message)).toEqual([
      'ANY $default on API Api has no authorization; whether it invokes a Lambda function is not known: its Target ' +
        'is an attribute of resource Made (Custom::Maker), which may be a function ARN or an HTTP URL.',
    ]);
  });

  it('maps no route for a Target that is visibly an HTTP URL, though not known before deploy', () => {
    const text = quickCreate("      Target: !Sub 'https://${Target}/orders'\n", '', PARAMETER);
    const { findings, errors, inventory } = scanTemplate(text, check);
    expect({ findings, errors, scanned: inventory.size > 0 }).toEqual({
      findings: [],
      errors: [],
      scanned: true,
    });
  });
});

// An ApiGatewayManagedOverrides "overrides the route configuration for an API Gateway-managed route": a macro or an
// AWS::Include Parapet does not run may add one that gives the quick-create route an authorizer.
describe('apigateway.route-no-auth on a quick-create route under a transform Parapet does not run', () => {
  it('is unknown where a macro or an AWS::Include may add an ApiGatewayManagedOverrides', () => {
    const include = '  Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/more.yaml}}\n';
    const cases: [string, string][] = [
      [quickCreate('      Target: !GetAtt Fn.Arn\n', '', 'Transform: Overrider\n'), 'transform Overrider'],
      [
        quickCreate('      Target: !GetAtt Fn.Arn\n', include),
        'transform AWS::Include of s3://bucket/more.yaml in Resources',
      ],
    ];
    for (const [text, transform] of cases) {
      const { failed, unknown } = messages(text);
      expect(failed).toEqual([]);
      expect(unknown.map((r) => r.message)).toEqual([
        `The authorization of ANY $default on API Api cannot be seen: ${transform}, which Parapet does not run, may add an AWS::ApiGatewayV2::ApiGatewayManagedOverrides that sets it.`,
      ]);
    }
  });

  it('fails as before under the transforms Parapet runs (SAM, AWS::LanguageExtensions)', () => {
    for (const transform of [
      'AWS::Serverless-2016-10-31',
      '[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
    ])
      expect(
        messages(quickCreate('      Target: !GetAtt Fn.Arn\n', '', `Transform: ${transform}\n`)).failed,
      ).toEqual([
        'ANY $default on API Api invokes function Fn with no authorization: anyone on the internet can call it.',
      ]);
  });

  it('passes under such a transform where the template gives the route an authorizer', () => {
    const route = '      Route:\n        AuthorizationType: AWS_IAM\n';
    const text = quickCreate(
      '      Target: !GetAtt Fn.Arn\n',
      overrides('!Ref Api', route),
      'Transform: Overrider\n',
    );
    expect(messages(text).passed.map((r) => r.message)).toEqual(['ANY $default on API Api requires AWS_IAM']);
  });
});
