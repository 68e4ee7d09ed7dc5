import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate } from '../../helpers/scan-template.js';

/** A SAM function whose GET /items event is on Api, whose Auth.ResourcePolicy is `policy` (YAML, 10 spaces in). */
const sam = (policy: string, head = '', api = '') => `Transform: AWS::Serverless-2016-10-31
${head}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key
      Handler: app.handler
      Runtime: python3.12
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
${api}      Auth:
        ResourcePolicy:
${policy}`;

const allowList = (ranges: string) => `          IpRangeWhitelist: ${ranges}\n`;

const statement = (effect: string, condition: string) => `          CustomStatements:
            - Effect: ${effect}
              Principal: '*'
              Action: execute-api:Invoke
              Resource: 'execute-api:/*'
              Condition: ${condition}
`;

const DUALSTACK = '      EndpointConfiguration: { Type: REGIONAL, IpAddressType: dualstack }\n';

const OPENED_BY =
  'GET /items on API Api invokes function Fn with no authorization and no API key, and its resource policy allows ' +
  'anyone (Principal *, no condition), and its Deny of callers outside ';

describe('apigateway.route-no-auth reads address ranges that add up to every address', () => {
  it('fails an IpRangeWhitelist of 0.0.0.0/1 and 128.0.0.0/1 (every IPv4 address), or ::/1 and 8000::/1', () => {
    const v4 = scanTemplate(sam(allowList("['0.0.0.0/1', '128.0.0.0/1']")), check);
    expect(v4.failed.map((f) => f.message)).toEqual([
      `${OPENED_BY}0.0.0.0/1, 128.0.0.0/1 keeps no one out (together they hold every IPv4 address): anyone on the internet can call it.`,
    ]);
    const v6 = scanTemplate(sam(allowList("['::/1', '8000::/1']"), '', DUALSTACK), check);
    expect(v6.failed.map((f) => f.message)).toEqual([
      `${OPENED_BY}::/1, 8000::/1 keeps no IPv6 caller out (together they hold every IPv6 address, and the API takes ` +
        'IPv6 calls: IpAddressType dualstack): anyone on the internet can call it.',
    ]);
  });

  it('passes IPv6 ranges of every address beside IPv4 ones where the API takes IPv4 calls only (the default)', () => {
    const deny = statement('Deny', "{NotIpAddress: {aws:SourceIp: ['10.0.0.0/8', '::/1', '8000::/1']}}");
    const allowAll = statement('Allow', '{}').replace('          CustomStatements:\n', '');
    // SAM takes the endpoint type alone as text, which sets no IP address type.
    const apis = [
      '',
      '      EndpointConfiguration: { Type: REGIONAL, IpAddressType: ipv4 }\n',
      '      EndpointConfiguration: REGIONAL\n',
    ];
    for (const api of apis) {
      const { failed, unknown, passed, errors } = scanTemplate(sam(deny + allowAll, '', api), check);
      expect([errors, failed, unknown]).toEqual([[], [], []]);
      expect(passed[0]?.message).toContain('denies callers outside what NotIpAddress aws:SourceIp names');
    }
    const dual = scanTemplate(sam(deny + allowAll, '', DUALSTACK), check);
    expect(dual.failed.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'keeps no IPv6 caller out (together they hold every IPv6 address, and the API takes IPv6 calls',
      ),
    ]);
  });

  it('is unknown where IPv6 ranges of every address decide and a parameter gives the IP address type', () => {
    const deny = statement('Deny', "{NotIpAddress: {aws:SourceIp: ['10.0.0.0/8', '::/0']}}");
    const allowAll = statement('Allow', '{}').replace('          CustomStatements:\n', '');
    const { failed, unknown } = scanTemplate(
      sam(
        deny + allowAll,
        'Parameters:\n  IpType: {Type: String}\n',
        '      EndpointConfiguration: { Type: REGIONAL, IpAddressType: !Ref IpType }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'keeps no IPv6 caller out (they hold every IPv6 address), and whether the API takes IPv6 calls is not known',
      ),
    ]);
  });

  it('passes an allowlist whose ranges leave addresses out', () => {
    const { failed, unknown, passed } = scanTemplate(sam(allowList("['0.0.0.0/1', '128.0.0.0/2']")), check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed[0]?.message).toContain('denies callers outside what NotIpAddress aws:SourceIp names');
  });

  it('is unknown when a range of the allowlist is not known before deploy, unless the known ones already add up', () => {
    const head = 'Parameters:\n  Office: {Type: String}\n';
    const { failed, unknown } = scanTemplate(sam(allowList("['0.0.0.0/1', !Ref Office]"), head), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    // The known ones add up: whatever the parameter gives, everyone gets in.
    const open = scanTemplate(sam(allowList("['0.0.0.0/1', '128.0.0.0/1', !Ref Office]"), head), check);
    expect(open.failed).toHaveLength(1);
  });

  it('passes a Deny of callers from ranges that hold every address together: it denies every caller', () => {
    const { failed, passed } = scanTemplate(
      sam(statement('Deny', "{IpAddress: {aws:SourceIp: ['0.0.0.0/1', '128.0.0.0/1']}}")),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toContain('denies every caller (IpAddress aws:SourceIp covers every address)');
  });

  it('does not take a Deny of IPv6 ranges alone for a Deny of every caller: every IPv4 caller gets in', () => {
    for (const ranges of ["['::/1', '8000::/1']", "['::/0']"]) {
      // Beside an Allow for anyone: the Deny alone would leave no one allowed.
      const deny = statement('Deny', `{IpAddress: {aws:SourceIp: ${ranges}}}`);
      const allowAll = statement('Allow', '{}').replace('          CustomStatements:\n', '');
      const { failed, passed } = scanTemplate(sam(deny + allowAll), check);
      expect(passed).toEqual([]);
      expect(failed).toHaveLength(1);
    }
  });

  it('fails an Allow for anyone from ranges that hold every address together, and is unknown for a narrower one', () => {
    const open = scanTemplate(
      sam(statement('Allow', "{IpAddress: {aws:SourceIp: ['0.0.0.0/1', '128.0.0.0/1']}}")),
      check,
    );
    expect(open.failed.map((f) => f.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key, and its resource policy ' +
        'allows anyone (Principal *, the ranges of its IpAddress aws:SourceIp hold every address): anyone on the ' +
        'internet can call it.',
    ]);
    const narrow = scanTemplate(sam(statement('Allow', "{IpAddress: {aws:SourceIp: ['0.0.0.0/1']}}")), check);
    expect(narrow.failed).toEqual([]);
  });
});
