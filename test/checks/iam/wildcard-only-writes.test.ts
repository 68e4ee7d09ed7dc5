import { describe, expect, it } from 'vitest';
import writeOnAll from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// Writes the Service Authorization Reference lists no resource type for accept only `Resource: "*"`: there is nothing
// narrower to write, so they are no finding; but the pass names them, as it names the network interface writes it
// leaves out, so that a role that may turn off Bedrock's invocation logging does not read as one that writes nothing.

function results(text: string, parameters?: Record<string, string>) {
  const { findings, errors } = scanTemplate(text, writeOnAll, parameters ? { parameters } : {});
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.message]);
}

const LOGGING =
  "['bedrock:DeleteModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration']";
const NO_WRITE = 'no statement allows write actions on every resource, or on every resource of a type';
const LEFT_OUT =
  ' (left out, as they accept only "*": bedrock:DeleteModelInvocationLoggingConfiguration and ' +
  'bedrock:PutModelInvocationLoggingConfiguration)';

function deny(action: string, resource: string): string {
  return `              - Effect: Deny
                Action: ${action}
                Resource: ${resource}
`;
}

describe('writes that accept only "*", granted on every resource', () => {
  it('pass, the pass naming them', () => {
    expect(results(appRole(inline(allow(LOGGING, "'*'"))))).toEqual([['pass', `${NO_WRITE}${LEFT_OUT}`]]);
    const three = appRole(
      inline(allow("['bedrock:CreateAgent', 'xray:PutTraceSegments', 's3:GetObject']", "'*'")),
    );
    expect(results(three)).toEqual([
      [
        'pass',
        `${NO_WRITE} (left out, as they accept only "*": bedrock:CreateAgent and xray:PutTraceSegments)`,
      ],
    ]);
  });

  it('are counted, not sampled, past five of more than three services; listed up to five', () => {
    const four =
      "['bedrock:CreateAgent', 'xray:PutTraceSegments', 'kms:CreateKey', 'ec2:AdvertiseByoipCidr']";
    expect(results(appRole(inline(allow(four, "'*'"))))).toEqual([
      [
        'pass',
        `${NO_WRITE} (left out, as they accept only "*": bedrock:CreateAgent, ec2:AdvertiseByoipCidr, ` +
          'kms:CreateKey, xray:PutTraceSegments)',
      ],
    ]);
    const six = four.replace("']", "', 'kms:CreateCustomKeyStore', 'ec2:BundleInstance']");
    expect(results(appRole(inline(allow(six, "'*'"))))).toEqual([
      ['pass', `${NO_WRITE} (left out, as they accept only "*": 6 actions of 4 services)`],
    ]);
  });

  it('are named after the writes the check leaves out by name', () => {
    const text = appRole(
      inline(allow("['xray:PutTraceSegments', 'logs:CreateLogStream', 'logs:PutLogEvents']", "'*'")),
    );
    expect(results(text)).toEqual([
      [
        'pass',
        `${NO_WRITE} (left out: logs:CreateLogStream, logs:PutLogEvents; and, as they accept only "*": ` +
          'xray:PutTraceSegments)',
      ],
    ]);
  });

  it('are not named where a Deny takes them back on "*", and are where a Deny names ARNs only', () => {
    expect(results(appRole(inline(allow(LOGGING, "'*'") + deny("'bedrock:*'", "'*'"))))).toEqual([
      ['pass', NO_WRITE],
    ]);
    // Their resource is `*`: a Deny on every Bedrock ARN does not match it.
    expect(
      results(appRole(inline(allow(LOGGING, "'*'") + deny("'bedrock:*'", "'arn:*:bedrock:*'")))),
    ).toEqual([['pass', `${NO_WRITE}${LEFT_OUT}`]]);
  });

  it('are not named where the Resource is some ARNs: they grant nothing there', () => {
    expect(results(appRole(inline(allow(LOGGING, "'arn:aws:bedrock:*:*:*'"))))).toEqual([['pass', NO_WRITE]]);
  });

  it('leave a failing finding as it was: it lists the writes it reports', () => {
    const text = appRole(
      inline(allow("['bedrock:PutModelInvocationLoggingConfiguration', 's3:PutObject']", "'*'")),
    );
    expect(results(text)).toEqual([
      [
        'fail',
        'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject") on every resource.',
      ],
    ]);
  });

  it('are named once the Resource from a parameter is given as "*"', () => {
    const text = appRole(inline(allow(LOGGING, '!Ref Scope')), 'Parameters:\n  Scope: { Type: String }\n');
    expect(results(text)).toEqual([['pass', NO_WRITE]]);
    expect(results(text, { Scope: '*' })).toEqual([['pass', `${NO_WRITE}${LEFT_OUT}`]]);
  });
});

describe('a write AWS documents granting on "*" though the catalog lists a resource type', () => {
  // s3-object-lambda:WriteGetObjectResponse: AWS's S3 User Guide ("Configuring IAM policies for Object Lambda Access
  // Points", Lambda execution role) has the statement on "*", as AmazonS3ObjectLambdaExecutionRolePolicy grants it.
  it('is left out and named, as the writes that accept only "*" are', () => {
    expect(results(appRole(inline(allow('s3-object-lambda:WriteGetObjectResponse', "'*'"))))).toEqual([
      ['pass', `${NO_WRITE} (left out, as they accept only "*": s3-object-lambda:WriteGetObjectResponse)`],
    ]);
  });

  it('leaves the other writes of the service reported', () => {
    const [status] =
      results(
        appRole(
          inline(allow("['s3-object-lambda:WriteGetObjectResponse', 's3-object-lambda:PutObject']", "'*'")),
        ),
      )[0] ?? [];
    expect(status).toBe('fail');
  });
});
