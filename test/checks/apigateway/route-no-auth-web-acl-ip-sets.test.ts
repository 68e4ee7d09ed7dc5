import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { association, ROUTE, rule, SAM_STAGE_ARN, samApi, webAcl } from '../../helpers/web-acl-templates.js';

// IP sets read as aws:SourceIp is: ranges that add up to every address let in anyone, none of them wider than /8.

const EVERY_SLASH8 = Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`).join(', ');

const ipSet = (id: string, addresses: string, version = 'IPV4') => `  ${id}:
    Type: AWS::WAFv2::IPSet
    Properties:
      Addresses: [${addresses}]
      IPAddressVersion: ${version}
      Scope: REGIONAL
`;

const allow = (name: string, priority: number, set: string) =>
  rule(name, priority, `            IPSetReferenceStatement: { Arn: !GetAtt ${set}.Arn }\n`);

const OPEN = `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod`;

describe('apigateway.route-no-auth reads the addresses of IP sets together', () => {
  it('fails an Allow of an IP set whose /8s hold every IPv4 address, or of two sets that do together', () => {
    const one = scanTemplate(
      samApi(ipSet('Wide', EVERY_SLASH8) + webAcl(allow('wide', 0, 'Wide')) + association(SAM_STAGE_ARN)),
      check,
    );
    expect(one.failed.map((f) => f.message)).toEqual([
      `${OPEN} has rule wide, which allows IP set Wide, whose ranges together hold every IPv4 address: anyone on the internet can call it.`,
    ]);
    const halves = Array.from({ length: 128 }, (_, i) => `${i}.0.0.0/8`);
    const rest = Array.from({ length: 128 }, (_, i) => `${i + 128}.0.0.0/8`);
    const two = scanTemplate(
      samApi(
        ipSet('Low', halves.join(', ')) +
          ipSet('High', rest.join(', ')) +
          webAcl(allow('low', 0, 'Low') + allow('high', 1, 'High')) +
          association(SAM_STAGE_ARN),
      ),
      check,
    );
    expect(two.failed.map((f) => f.message)).toEqual([
      `${OPEN} allows requests from IP sets Low and High, whose ranges together hold every IPv4 address: anyone on the internet can call it.`,
    ]);
  });

  it('passes IP sets that leave addresses out, and a Block of what is not in a set of every address blocks none', () => {
    const most = Array.from({ length: 255 }, (_, i) => `${i}.0.0.0/8`).join(', ');
    const { failed, unknown, passed } = scanTemplate(
      samApi(ipSet('Most', most) + webAcl(allow('most', 0, 'Most')) + association(SAM_STAGE_ARN)),
      check,
    );
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed).toHaveLength(1);
    const notEvery = rule(
      'not-wide',
      0,
      '            NotStatement:\n              Statement:\n                IPSetReferenceStatement: { Arn: !GetAtt Wide.Arn }\n',
      'Action: { Block: {} }',
    );
    const blocked = scanTemplate(
      samApi(ipSet('Wide', EVERY_SLASH8) + webAcl(notEvery, 'Allow') + association(SAM_STAGE_ARN)),
      check,
    );
    expect(blocked.failed.map((f) => f.message)).toEqual([
      `${OPEN} allows every request its rules do not block (DefaultAction Allow): anyone on the internet can call it.`,
    ]);
  });

  it('is unknown where an address a parameter gives may complete every address', () => {
    const most = Array.from({ length: 255 }, (_, i) => `${i}.0.0.0/8`).join(', ');
    const { failed, unknown } = scanTemplate(
      samApi(
        ipSet('Most', `${most}, !Ref Extra`) + webAcl(allow('most', 0, 'Most')) + association(SAM_STAGE_ARN),
        undefined,
        'Parameters:\n  Extra: { Type: String }\n',
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });
});
