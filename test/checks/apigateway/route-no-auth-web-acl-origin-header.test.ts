import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import {
  association,
  ROUTE,
  SAM_STAGE_ARN,
  samApi,
  VISIBILITY,
  webAcl,
} from '../../helpers/web-acl-templates.js';

// A web ACL that allows only requests carrying a secret header value a CloudFront distribution adds (origin verify)
// keeps out callers that go around the distribution, not anonymous ones: the route is as public as the distribution.

const ORIGIN_VERIFY = `        - Name: origin-verify
          Priority: 0
          Action: { Allow: {} }
          Statement:
            ByteMatchStatement:
              FieldToMatch: { SingleHeader: { Name: X-Origin-Verify } }
              PositionalConstraint: EXACTLY
              SearchString: '{{resolve:secretsmanager:origin-verify}}'
              TextTransformations: [{ Priority: 0, Type: NONE }]
          VisibilityConfig: ${VISIBILITY}
`;

const CDN = `  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior: { TargetOriginId: api, ViewerProtocolPolicy: https-only, CachePolicyId: abc }
        Origins:
          - Id: api
            DomainName: !Sub "\${Api}.execute-api.\${AWS::Region}.amazonaws.com"
            OriginPath: /Prod
            CustomOriginConfig: { OriginProtocolPolicy: https-only }
            OriginCustomHeaders:
              - HeaderName: x-origin-verify
                HeaderValue: '{{resolve:secretsmanager:origin-verify}}'
`;

describe('apigateway.route-no-auth with a web ACL that allows a secret header CloudFront adds', () => {
  it('fails saying the route is as public as the distribution that adds the header, printing no value', () => {
    const { failed, passed, unknown } = scanTemplate(
      samApi(CDN + webAcl(ORIGIN_VERIFY) + association(SAM_STAGE_ARN)),
      check,
    );
    expect([passed, unknown]).toEqual([[], []]);
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has rule ` +
        'origin-verify, which allows requests whose header X-Origin-Verify holds a set value, the one CloudFront ' +
        'distribution Cdn adds to the requests it forwards: anyone who can send requests through CloudFront ' +
        'distribution Cdn, or who learns the value, can call it.',
    ]);
    expect(failed[0]?.message).not.toContain('secretsmanager');
  });

  it('names no distribution where none of the template adds that header', () => {
    const text = samApi(
      CDN.replace('x-origin-verify', 'x-other') + webAcl(ORIGIN_VERIFY) + association(SAM_STAGE_ARN),
    );
    expect(scanTemplate(text, check).failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has rule ` +
        'origin-verify, which allows requests whose header X-Origin-Verify holds a set value, which no CloudFront ' +
        'distribution of this template adds: anyone who holds that value, or sends requests through whatever adds ' +
        'it, can call it.',
    ]);
  });

  it('says anyone can call it where another stage of the API has no web ACL at all', () => {
    // Without OpenApiVersion SAM makes a stage `Stage` besides Prod, which the association does not name.
    const { failed } = scanTemplate(
      samApi(CDN + webAcl(ORIGIN_VERIFY) + association(SAM_STAGE_ARN), ''),
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and its stage Stage (which SAM makes ` +
        'besides Prod for an API without OpenApiVersion) has no web ACL: anyone on the internet can call it.',
    ]);
  });

  // The header match as a part of the rule's statement: within an AND it is still the guard, within an OR not alone.
  const BYTE_MATCH = (indent: string, header = 'X-Origin-Verify') =>
    [
      'ByteMatchStatement:',
      `  FieldToMatch: { SingleHeader: { Name: ${header} } }`,
      '  PositionalConstraint: EXACTLY',
      "  SearchString: '{{resolve:secretsmanager:origin-verify}}'",
      '  TextTransformations: [{ Priority: 0, Type: NONE }]',
    ]
      .map((line) => `${indent}${line}\n`)
      .join('');
  const GET_ONLY = (indent: string) =>
    `${indent}ByteMatchStatement:\n${indent}  FieldToMatch: { Method: {} }\n${indent}  PositionalConstraint: EXACTLY\n${indent}  SearchString: GET\n${indent}  TextTransformations: [{ Priority: 0, Type: NONE }]\n`;
  const combined = (kind: 'AndStatement' | 'OrStatement', parts: string) => `        - Name: origin-verify
          Priority: 0
          Action: { Allow: {} }
          Statement:
            ${kind}:
              Statements:
${parts}          VisibilityConfig: ${VISIBILITY}
`;
  const item = (statement: (indent: string) => string) =>
    statement('                  ').replace(/^ {16} {2}/, '                - ');

  it('says the same of a header match within an AndStatement: the rule allows no request without the header', () => {
    const acl = combined('AndStatement', item(BYTE_MATCH) + item(GET_ONLY));
    const { failed, passed, unknown } = scanTemplate(
      samApi(CDN + webAcl(acl) + association(SAM_STAGE_ARN)),
      check,
    );
    expect([passed, unknown]).toEqual([[], []]);
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has rule ` +
        'origin-verify, which allows requests whose header X-Origin-Verify holds a set value (and that the rest of ' +
        'its AndStatement matches), the one CloudFront distribution Cdn adds to the requests it forwards: anyone who ' +
        'can send requests through CloudFront distribution Cdn, or who learns the value, can call it.',
    ]);
    expect(failed[0]?.message).not.toContain('secretsmanager');
  });

  it('says a header match within an OrStatement guards nothing alone, and an OR of header values guards as one', () => {
    const either = combined('OrStatement', item(BYTE_MATCH) + item(GET_ONLY));
    const { failed } = scanTemplate(samApi(CDN + webAcl(either) + association(SAM_STAGE_ARN)), check);
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has rule ` +
        'origin-verify, which allows requests that any part of its OrStatement matches, from any address (its match ' +
        'of header X-Origin-Verify guards nothing alone there: a request without it is allowed when another part ' +
        'matches): anyone on the internet can call it.',
    ]);
    // The current secret or the next one, as a rotation writes it: still only what holds one of the values.
    const rotation = combined(
      'OrStatement',
      item(BYTE_MATCH) + item((i) => BYTE_MATCH(i, 'X-Origin-Verify')),
    );
    const rotated = scanTemplate(samApi(CDN + webAcl(rotation) + association(SAM_STAGE_ARN)), check);
    expect(rotated.failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has rule ` +
        'origin-verify, which allows requests whose header X-Origin-Verify holds one of the set values of its ' +
        'OrStatement, the one CloudFront distribution Cdn adds to the requests it forwards: anyone who can send ' +
        'requests through CloudFront distribution Cdn, or who learns the value, can call it.',
    ]);
  });

  it('says which header no distribution adds where an OrStatement of header values has one', () => {
    const rotation = combined('OrStatement', item(BYTE_MATCH) + item((i) => BYTE_MATCH(i, 'X-Other')));
    const { failed } = scanTemplate(samApi(CDN + webAcl(rotation) + association(SAM_STAGE_ARN)), check);
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has rule ` +
        'origin-verify, which allows requests whose header X-Origin-Verify or X-Other holds one of the set values ' +
        'of its OrStatement, one of which no CloudFront distribution of this template adds: anyone who holds that ' +
        'value, or sends requests through whatever adds it, can call it.',
    ]);
  });
});
