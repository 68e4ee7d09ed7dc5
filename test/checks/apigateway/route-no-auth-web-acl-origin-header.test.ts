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
});
