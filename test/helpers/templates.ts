/**
 * Small YAML builders shared by the check tests. Each returns text byte-identical to the blocks the
 * tests used to write inline, so line and column assertions keep their meaning.
 */

import { template } from './scan-template.js';

/** The header of a SAM template: format version and the Serverless transform. */
export const SAM_HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

/** A whole SAM template: the header, optional top-level sections (`extra`, e.g. Globals), then Resources. */
export function samTemplate(resources: string, extra = ''): string {
  return `${SAM_HEADER}${extra}Resources:\n${resources}`;
}

/**
 * A plain zip AWS::Lambda::Function resource entry; `properties` are extra lines at 6 spaces of indent, `role`
 * a YAML value (`!GetAtt Role.Arn`).
 */
export function lambdaFunction(
  id = 'Fn',
  properties = '',
  role = 'arn:aws:iam::123456789012:role/r',
): string {
  return `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: ${role}
      Code: { ZipFile: 'x' }
${properties}`;
}

/** An AWS::Lambda::Alias entry named `live` on version 1 of the function `fn`. */
export function lambdaAlias(id = 'FnAlias', fn = 'Fn'): string {
  return `  ${id}:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref ${fn}
      FunctionVersion: '1'
      Name: live
`;
}

/** A zip AWS::Lambda::Function entry with Runtime as its last line, or with no Runtime when `runtime` is undefined. */
export function runtimeFunction(runtime?: string, id = 'Fn'): string {
  return `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
${runtime === undefined ? '' : `      Runtime: ${runtime}\n`}`;
}

/** A container image AWS::Lambda::Function entry (PackageType Image, so no Runtime or Handler). */
export function imageFunction(id = 'Fn'): string {
  return `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      PackageType: Image
      Role: arn:aws:iam::123456789012:role/r
      Code: { ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1 }
`;
}

/** A template of function Fn and a permission Perm on it for `principal`, with the permission's extra properties. */
export function permissionTemplate(principal: string, properties = '', extra = ''): string {
  return template(lambdaFunction() + lambdaPermission('Perm', principal, properties), extra);
}

/** An AWS::Serverless::Function resource entry with Runtime, Handler and CodeUri, then extra property lines. */
export function samFunction(id = 'Fn', properties = '', codeUri = 's3://bucket/app.zip'): string {
  return `  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: ${codeUri}
${properties}`;
}

/**
 * An AWS::Serverless::Function entry as the SAM expansion tests write it: `code` (CodeUri or InlineCode),
 * Handler a.b and Runtime nodejs22.x, then extra property lines at 6 spaces of indent.
 */
export function samNodeFunction(id = 'Fn', properties = '', code = 'CodeUri: s3://b/k'): string {
  return `  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      ${code}
      Handler: a.b
      Runtime: nodejs22.x
${properties}`;
}

/**
 * An AWS::IAM::Role entry `id` with an empty trust policy and one inline policy `policyName` of these
 * statements (YAML lines at 14 spaces, each starting with `- `).
 */
export function policyRole(policyName: string, statements: string, id = 'Role'): string {
  return `  ${id}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      Policies:
        - PolicyName: ${policyName}
          PolicyDocument:
            Statement:
${statements}`;
}

/** An AWS::Lambda::Permission resource entry granting lambda:InvokeFunction on `functionName` to `principal`. */
export function lambdaPermission(
  id: string,
  principal: string,
  properties = '',
  functionName = '!GetAtt Fn.Arn',
): string {
  return `  ${id}:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: ${functionName}
      Action: lambda:InvokeFunction
      Principal: ${principal}
${properties}`;
}

/** A SAM function `Fn` with S3, SNS, Api and Schedule events (SAM writes a permission for each), and its bucket. */
export const SAM_FUNCTION_WITH_EVENTS = samTemplate(
  samFunction(
    'Fn',
    `      Events:
        Upload:
          Type: S3
          Properties: { Bucket: !Ref Uploads, Events: 's3:ObjectCreated:*' }
        Topic:
          Type: SNS
          Properties: { Topic: arn:aws:sns:us-east-1:123456789012:orders }
        Get:
          Type: Api
          Properties: { Path: /orders, Method: get }
        Nightly:
          Type: Schedule
          Properties: { Schedule: rate(1 day) }
  Uploads:
    Type: AWS::S3::Bucket
`,
    'src/',
  ),
);

/**
 * An AWS::Lambda::Permission entry `id` letting `principal` call `fn`'s function URL, as SAM's FunctionUrlConfig
 * and CDK's addFunctionUrl write it for AuthType NONE; `condition` deploys it only when that holds.
 */
export function urlPermission(
  id = 'UrlPublic',
  fn = 'Fn',
  { principal = "'*'", action = 'lambda:InvokeFunctionUrl', condition = '' } = {},
): string {
  return `  ${id}:
    Type: AWS::Lambda::Permission
${condition ? `    Condition: ${condition}\n` : ''}    Properties:
      Action: ${action}
      FunctionName: !Ref ${fn}
      Principal: ${principal}
      FunctionUrlAuthType: NONE
`;
}

/**
 * An AWS::IAM::Role entry that Lambda may assume, with one inline policy (`policy`) of one Allow statement of
 * `action` on `resource` (YAML values); made only under `condition` when one is given.
 */
export function roleWithStatement(options: {
  readonly action: string;
  readonly resource: string;
  readonly id?: string;
  readonly condition?: string;
  readonly policy?: string;
}): string {
  const { action, resource, id = 'Role', condition, policy = 'app' } = options;
  return `  ${id}:
    Type: AWS::IAM::Role
${condition ? `    Condition: ${condition}\n` : ''}    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: ${policy}
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ${action}
                Resource: ${resource}
`;
}

/**
 * A CloudWatch alarm on a function's metric (Errors by default) that goes into ALARM at one or more in 5 minutes,
 * without actions: `condition` is a `    Condition: …\n` line, `properties` more properties, each on its line.
 */
export function functionAlarm(
  id: string,
  options: {
    readonly fn?: string;
    readonly metric?: string;
    readonly name?: string;
    readonly comparison?: string;
    readonly condition?: string;
    readonly properties?: string;
  } = {},
): string {
  const { fn = 'Fn', metric = 'Errors', comparison = 'GreaterThanOrEqualToThreshold' } = options;
  return `  ${id}:
    Type: AWS::CloudWatch::Alarm
${options.condition ?? ''}    Properties:
${options.name === undefined ? '' : `      AlarmName: ${options.name}\n`}      Namespace: AWS/Lambda
      MetricName: ${metric}
      Dimensions: [{ Name: FunctionName, Value: !Ref ${fn} }]
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: ${comparison}
${options.properties ?? ''}`;
}

/**
 * Version `${fn}Version` of function `fn` and CloudFront distribution Dist running it as Lambda@Edge (viewer-request),
 * the distribution under `condition` where one is given.
 */
export function edgeDistribution(fn = 'Fn', condition?: string): string {
  return `  ${fn}Version:
    Type: AWS::Lambda::Version
    Properties: { FunctionName: !Ref ${fn} }
  Dist:
    Type: AWS::CloudFront::Distribution
${condition === undefined ? '' : `    Condition: ${condition}\n`}    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: o
          ViewerProtocolPolicy: redirect-to-https
          LambdaFunctionAssociations:
            - { EventType: viewer-request, LambdaFunctionARN: !Ref ${fn}Version }
`;
}
