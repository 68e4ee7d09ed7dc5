import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samTemplate } from '../../helpers/templates.js';
import {
  allowOffice,
  association,
  NOT_OFFICE,
  OFFICE_IPS,
  ROUTE,
  rule,
  SAM_STAGE_ARN,
  samApi,
  webAcl,
} from '../../helpers/web-acl-templates.js';

// A web ACL on an API stage that blocks by default and allows only fixed addresses keeps anonymous callers out,
// as a resource policy denying callers outside those addresses does.

const ALLOWLIST = OFFICE_IPS + webAcl() + association(SAM_STAGE_ARN);

/** A CloudFormation REST API with GET /items proxied to Fn, stages Prod and Dev. */
const restApi = (waf: string) =>
  template(`${lambdaFunction()}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  Items:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: items
  GetItems:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Items
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: GetItems
    Properties:
      RestApiId: !Ref Api
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref Deployment
      StageName: prod
  DevStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref Deployment
      StageName: dev
${waf}`);

const stageArn = (stage: string) =>
  `!Sub "arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/${stage}"`;

describe('apigateway.route-no-auth with a web ACL on the API stage', () => {
  it('passes an allowlist (Block by default, Allow from a fixed IP set), naming the web ACL and the IP set', () => {
    const { failed, unknown, passed } = scanTemplate(samApi(ALLOWLIST), check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization, but web ACL Acl on its stage Prod allows only requests from IP set ` +
        'OfficeIps and blocks the rest (DefaultAction Block)',
    ]);
  });

  it("fails where SAM makes the stage Stage too (no OpenApiVersion): the web ACL guards only the API's Prod", () => {
    const { failed, passed } = scanTemplate(samApi(ALLOWLIST, ''), check);
    expect(passed).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and its stage Stage (which SAM makes ` +
        'besides Prod for an API without OpenApiVersion) has no web ACL: anyone on the internet can call it.',
    ]);
  });

  it('reads OpenApiVersion from Globals.Api, as SAM merges it', () => {
    const globals = 'Globals:\n  Api:\n    OpenApiVersion: 3.0.1\n';
    const { failed, passed } = scanTemplate(samApi(ALLOWLIST, '', globals), check);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('fails a web ACL that allows by default, saying so', () => {
    const waf = OFFICE_IPS + webAcl(allowOffice(), 'Allow') + association(SAM_STAGE_ARN);
    const { failed } = scanTemplate(samApi(waf), check);
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod ` +
        'allows every request its rules do not block (DefaultAction Allow): anyone on the internet can call it.',
    ]);
  });

  it('fails an IP set read from X-Forwarded-For (the caller writes it), saying what MATCH adds', () => {
    const forwarded = (fallback: string, position = 'FIRST') =>
      OFFICE_IPS +
      webAcl(
        allowOffice(
          `              IPSetForwardedIPConfig: { HeaderName: X-Forwarded-For, FallbackBehavior: ${fallback}, Position: ${position} }\n`,
        ),
      ) +
      association(SAM_STAGE_ARN);
    const match = scanTemplate(samApi(forwarded('MATCH')), check);
    expect(match.failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has ` +
        'rule office, which allows requests by the FIRST address of header X-Forwarded-For (IPSetForwardedIPConfig), ' +
        "which the caller writes: anyone can send one of IP set OfficeIps's addresses in it, and with FallbackBehavior " +
        'MATCH any request whose X-Forwarded-For holds no valid address there is allowed too: anyone on the internet ' +
        'can call it.',
    ]);
    const noMatch = scanTemplate(samApi(forwarded('NO_MATCH')), check);
    expect(noMatch.failed.map((f) => f.message)).toEqual([
      expect.stringContaining('which the caller writes'),
    ]);
    expect(noMatch.failed[0]?.message).not.toContain('FallbackBehavior');
    // The last address may be one a proxy in front appends: what is in front of the API the template does not show.
    const last = scanTemplate(samApi(forwarded('NO_MATCH', 'LAST')), check);
    expect(last.failed).toEqual([]);
    expect(last.unknown.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization; whether AWS WAF lets anyone call it is not known: web ACL Acl on its stage ` +
        'Prod has rule office, which allows requests by the LAST address of header X-Forwarded-For ' +
        "(IPSetForwardedIPConfig), not by the connection's address: whether a proxy in front of the API writes it, or " +
        'the caller, cannot be seen.',
    ]);
  });

  it('is unknown when the IP set holds addresses given by a parameter, or the web ACL is imported', () => {
    const head = 'Parameters:\n  Ranges: { Type: CommaDelimitedList }\n';
    const waf = OFFICE_IPS.replace('[203.0.113.0/24]', '!Ref Ranges') + webAcl() + association(SAM_STAGE_ARN);
    const param = scanTemplate(samApi(waf, undefined, head), check);
    expect([param.failed, param.passed]).toEqual([[], []]);
    expect(param.unknown.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization; whether AWS WAF lets anyone call it is not known: web ACL Acl on its stage ` +
        'Prod has rule office, whose addresses are not known: the Addresses of IP set OfficeIps are not known before ' +
        'deploy (from parameter Ranges, which has no default).',
    ]);
    const imported = scanTemplate(samApi(association(SAM_STAGE_ARN, '!ImportValue shared-acl-arn')), check);
    expect(imported.failed).toEqual([]);
    expect(imported.unknown[0]?.message).toContain(
      'whether AWS WAF lets anyone call it is not known: the web ACL of its stage Prod is not known (the web ACL of ' +
        'association AclOnStage is not known before deploy',
    );
  });

  it('fails an IP set of every address, an Allow on a header, and a Count rule with Allow by default', () => {
    const everyone =
      OFFICE_IPS.replace('203.0.113.0/24', '0.0.0.0/0') + webAcl() + association(SAM_STAGE_ARN);
    expect(scanTemplate(samApi(everyone), check).failed[0]?.message).toContain(
      'web ACL Acl on its stage Prod has rule office, which allows IP set OfficeIps, holding 0.0.0.0/0: a range ' +
        'wider than /8 lets in more than a fixed list of addresses',
    );
    const header = rule(
      'partner',
      1,
      `            ByteMatchStatement:
              FieldToMatch: { SingleHeader: { Name: x-partner } }
              PositionalConstraint: EXACTLY
              SearchString: acme
              TextTransformations: [{ Priority: 0, Type: NONE }]
`,
    );
    const byHeader = scanTemplate(
      samApi(OFFICE_IPS + webAcl(header + allowOffice()) + association(SAM_STAGE_ARN)),
      check,
    );
    // A header's fixed value is a secret shared with whatever sends it, not an address (see the CloudFront tests).
    expect(byHeader.failed[0]?.message).toContain(
      'has rule partner, which allows requests whose header x-partner holds a set value, which no CloudFront ' +
        'distribution of this template adds: anyone who holds that value, or sends requests through whatever adds ' +
        'it, can call it.',
    );
    const containing = scanTemplate(
      samApi(
        OFFICE_IPS +
          webAcl(header.replace('EXACTLY', 'CONTAINS') + allowOffice()) +
          association(SAM_STAGE_ARN),
      ),
      check,
    );
    expect(containing.failed[0]?.message).toContain(
      'has rule partner, which allows requests that its ByteMatchStatement matches, from any address: anyone on the ' +
        'internet can call it.',
    );
    const counted = OFFICE_IPS + webAcl(allowOffice('', 'Count'), 'Allow') + association(SAM_STAGE_ARN);
    expect(scanTemplate(samApi(counted), check).failed[0]?.message).toContain('(DefaultAction Allow)');
  });

  it('passes a Block of every request not from the IP set, before any Allow, and AWS managed rule groups', () => {
    const managed = rule(
      'common',
      5,
      '            ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet }\n',
      'OverrideAction: { None: {} }',
    );
    const blocked = scanTemplate(
      samApi(OFFICE_IPS + webAcl(NOT_OFFICE, 'Allow') + association(SAM_STAGE_ARN)),
      check,
    );
    expect(blocked.passed.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization, but web ACL Acl on its stage Prod blocks every request not from IP set ` +
        'OfficeIps (rule not-office)',
    ]);
    // Which addresses it keeps is not known: neither a pass nor, by the default Allow behind it, a fail.
    const head = 'Parameters:\n  Ranges: { Type: CommaDelimitedList }\n';
    const ranges = OFFICE_IPS.replace('[203.0.113.0/24]', '!Ref Ranges') + webAcl(NOT_OFFICE, 'Allow');
    const unsure = scanTemplate(samApi(ranges + association(SAM_STAGE_ARN), undefined, head), check);
    expect(unsure.failed).toEqual([]);
    expect(unsure.unknown[0]?.message).toContain(
      'has rule not-office, which blocks requests from outside an IP set whose addresses are not known: the Addresses of IP set OfficeIps',
    );
    const withManaged = scanTemplate(
      samApi(OFFICE_IPS + webAcl(managed + allowOffice()) + association(SAM_STAGE_ARN)),
      check,
    );
    expect(withManaged.passed).toHaveLength(1);
    // Unless its RuleActionOverrides turn a rule of it into an Allow.
    const overridden = managed.replace(
      'Name: AWSManagedRulesCommonRuleSet }',
      'Name: AWSManagedRulesCommonRuleSet, RuleActionOverrides: [{ Name: SizeRestrictions_BODY, ActionToUse: { Allow: {} } }] }',
    );
    const allowing = scanTemplate(
      samApi(OFFICE_IPS + webAcl(overridden + allowOffice()) + association(SAM_STAGE_ARN)),
      check,
    );
    expect(allowing.failed[0]?.message).toContain(
      'has rule common, whose RuleActionOverrides make a rule of rule group AWS/AWSManagedRulesCommonRuleSet allow what it matches',
    );
    // A rule group of the account's own may hold Allow rules Parapet does not read.
    const own = managed.replace(
      'ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet }',
      'RuleGroupReferenceStatement: { Arn: arn:aws:wafv2:eu-west-2:123456789012:regional/rulegroup/mine/abc }',
    );
    const ownGroup = scanTemplate(
      samApi(OFFICE_IPS + webAcl(own + allowOffice()) + association(SAM_STAGE_ARN)),
      check,
    );
    expect(ownGroup.unknown[0]?.message).toContain(
      'has rule common, which runs rule group arn:aws:wafv2:eu-west-2:123456789012:regional/rulegroup/mine/abc, whose ' +
        'rules Parapet does not read (one may allow)',
    );
  });

  it('fails a REST API whose web ACL guards another stage, and passes it when every stage has one', () => {
    const devOnly = scanTemplate(restApi(OFFICE_IPS + webAcl() + association(stageArn('dev'))), check);
    expect(devOnly.failed.map((f) => f.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key, and its stage prod has no ' +
        'web ACL: anyone on the internet can call it.',
    ]);
    // The stage named by its Ref (`${ProdStage}`), and the other written out.
    const both =
      OFFICE_IPS +
      webAcl() +
      association(stageArn('${ProdStage}')) +
      association(stageArn('dev'), undefined, 'AclOnDev');
    const guarded = scanTemplate(restApi(both), check);
    expect(guarded.failed).toEqual([]);
    expect(guarded.passed.map((f) => f.message)).toEqual([
      'GET /items on API Api has no authorization, but web ACL Acl on its stage prod allows only requests from IP ' +
        'set OfficeIps and blocks the rest (DefaultAction Block) and web ACL Acl on its stage dev allows only ' +
        'requests from IP set OfficeIps and blocks the rest (DefaultAction Block)',
    ]);
  });

  it('is unknown when the association names a stage given by a parameter', () => {
    const waf = OFFICE_IPS + webAcl() + association(stageArn('${Stage}'));
    const { failed, unknown } = scanTemplate(
      restApi(waf).replace('Resources:', 'Parameters:\n  Stage: { Type: String }\nResources:'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain(
      'the web ACL of its stage prod is not known (web ACL association AclOnStage names a stage of API Api not known before deploy)',
    );
  });
});

describe('apigateway.route-no-auth with a web ACL association that may not be deployed, or on an HTTP API', () => {
  it('is unknown under a Condition not known before deploy, and as before under a false one', () => {
    const head = (env: string) =>
      `Parameters:\n  Env: { Type: String${env} }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n`;
    const waf =
      OFFICE_IPS +
      webAcl() +
      association(SAM_STAGE_ARN).replace('    Properties:', '    Condition: IsProd\n    Properties:');
    const open = scanTemplate(samApi(waf, undefined, head('')), check);
    expect(open.failed).toEqual([]);
    expect(open.unknown[0]?.message).toContain(
      'the web ACL of its stage Prod is not known (web ACL association AclOnStage is deployed only where condition IsProd holds)',
    );
    const off = scanTemplate(samApi(waf, undefined, head('')), check, { parameters: { Env: 'dev' } });
    expect(off.failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key: anyone on the internet can call it.`,
    ]);
  });

  it('reads no web ACL on an HTTP API (AWS WAF does not protect them): its route fails as before', () => {
    const text = samTemplate(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: s3://bucket/key
      Events:
        Hello: { Type: HttpApi, Properties: { Path: /hello, Method: get } }
${OFFICE_IPS}${webAcl()}${association('!Sub "arn:aws:apigateway:${AWS::Region}::/apis/${ServerlessHttpApi}/stages/$default"')}`);
    const { failed } = scanTemplate(text, check);
    expect(failed.map((f) => f.message)).toEqual([
      'GET /hello on API ServerlessHttpApi invokes function Fn with no authorization: anyone on the internet can call it.',
    ]);
  });
});

describe('apigateway.route-no-auth with a web ACL association as CDK writes it', () => {
  it("reads the stage's ARN made by Fn::Join of the partition, region, API and stage references", () => {
    const arn = `!Join ['', ['arn:', !Ref AWS::Partition, ':apigateway:', !Ref AWS::Region, '::/restapis/', !Ref Api, '/stages/', !Ref ProdStage]]`;
    const dev = association(stageArn('${DevStage}'), undefined, 'AclOnDev');
    const { failed, unknown, passed } = scanTemplate(
      restApi(OFFICE_IPS + webAcl() + association(arn) + dev),
      check,
    );
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed[0]?.message).toContain(
      'web ACL Acl on its stage prod allows only requests from IP set OfficeIps',
    );
  });
});

describe('apigateway.route-no-auth with a SAM API whose StageName is a parameter', () => {
  it("matches ${Api.Stage} to the stage SAM makes, whose name is the parameter's", () => {
    const head = 'Parameters:\n  StageName: { Type: String, Default: live }\n';
    const text = samApi(ALLOWLIST, '      OpenApiVersion: 3.0.1\n', head).replace(
      'StageName: Prod',
      'StageName: !Ref StageName',
    );
    const { failed, unknown, passed } = scanTemplate(text, check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed[0]?.message).toContain(
      'web ACL Acl on its stage live allows only requests from IP set OfficeIps',
    );
  });
});

describe('apigateway.route-no-auth with an Allow rule on several IP sets', () => {
  const homeIps = OFFICE_IPS.replace('OfficeIps', 'HomeIps').replace('203.0.113.0/24', '198.51.100.7/32');
  const staff = (statement: string) => rule('staff', 1, statement);

  it('passes an OR of IP sets, and an AND of an IP set with anything; fails an OR with anything else', () => {
    const either = staff(`            OrStatement:
              Statements:
                - IPSetReferenceStatement: { Arn: !GetAtt OfficeIps.Arn }
                - IPSetReferenceStatement: { Arn: !GetAtt HomeIps.Arn }
`);
    const orSets = scanTemplate(
      samApi(OFFICE_IPS + homeIps + webAcl(either) + association(SAM_STAGE_ARN)),
      check,
    );
    expect(orSets.passed[0]?.message).toContain(
      'allows only requests from IP set OfficeIps and IP set HomeIps',
    );
    const both = staff(`            AndStatement:
              Statements:
                - IPSetReferenceStatement: { Arn: !GetAtt OfficeIps.Arn }
                - GeoMatchStatement: { CountryCodes: [GB] }
`);
    const andGeo = scanTemplate(samApi(OFFICE_IPS + webAcl(both) + association(SAM_STAGE_ARN)), check);
    expect(andGeo.passed[0]?.message).toContain('allows only requests from IP set OfficeIps');
    const eitherGeo = both.replace('AndStatement', 'OrStatement');
    const orGeo = scanTemplate(samApi(OFFICE_IPS + webAcl(eitherGeo) + association(SAM_STAGE_ARN)), check);
    expect(orGeo.failed[0]?.message).toContain(
      'has rule staff, which allows requests that any part of its OrStatement matches, from any address',
    );
  });
});

describe('apigateway.route-no-auth with a stage that may not be deployed', () => {
  const devUnder = (condition: string) =>
    restApi(OFFICE_IPS + webAcl() + association(stageArn('${ProdStage}')))
      .replace(
        '  DevStage:\n    Type: AWS::ApiGateway::Stage\n',
        `  DevStage:\n    Type: AWS::ApiGateway::Stage\n    Condition: ${condition}\n`,
      )
      .replace(
        'Resources:',
        "Parameters:\n  WithDev: { Type: String, Default: 'no', AllowedValues: ['yes', 'no'] }\n" +
          "Conditions:\n  Dev: !Equals [!Ref WithDev, 'yes']\n  Never: !Equals [a, b]\nResources:",
      );
  const GUARDED =
    'GET /items on API Api has no authorization, but web ACL Acl on its stage prod allows only requests from IP ' +
    'set OfficeIps and blocks the rest (DefaultAction Block)';

  it('leaves out a stage whose Condition is false, and counts it where the Condition holds', () => {
    const never = scanTemplate(devUnder('Never'), check);
    expect(never.failed).toEqual([]);
    expect(never.passed.map((f) => f.message)).toEqual([GUARDED]);
    const byDefault = scanTemplate(devUnder('Dev'), check);
    expect(byDefault.failed).toEqual([]);
    expect(byDefault.passed.map((f) => f.message)).toEqual([GUARDED]);
    const withDev = scanTemplate(devUnder('Dev'), check, { parameters: { WithDev: 'yes' } });
    expect(withDev.failed.map((f) => f.message)).toEqual([
      'GET /items on API Api invokes function Fn with no authorization and no API key, and its stage dev has no ' +
        'web ACL: anyone on the internet can call it.',
    ]);
  });
});

describe('apigateway.route-no-auth with an IP set of wide ranges', () => {
  const withAddresses = (addresses: string) =>
    samApi(OFFICE_IPS.replace('[203.0.113.0/24]', addresses) + webAcl() + association(SAM_STAGE_ARN));

  it('fails halves that hold every IPv4 address (AWS WAF takes no /0), and an IPv6 range shorter than /16', () => {
    expect(
      scanTemplate(withAddresses('[0.0.0.0/1, 128.0.0.0/1]'), check).failed.map((f) => f.message),
    ).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has ` +
        'rule office, which allows IP set OfficeIps, holding 0.0.0.0/1: a range wider than /8 lets in more than a ' +
        'fixed list of addresses: anyone on the internet can call it.',
    ]);
    expect(scanTemplate(withAddresses("[203.0.113.0/24, '2001::/15']"), check).failed[0]?.message).toContain(
      'holding 2001::/15: a range wider than /16 lets in more than a fixed list of addresses',
    );
  });

  it('is unknown for an IPv4-mapped IPv6 range of more than a /8 of IPv4 (WAF does not say whether IPv4 callers match it)', () => {
    const mapped = scanTemplate(withAddresses("['::ffff:0:0/96']"), check);
    expect([mapped.failed, mapped.passed]).toEqual([[], []]);
    expect(mapped.unknown.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization; whether AWS WAF lets anyone call it is not known: web ACL Acl on its stage ` +
        'Prod has rule office, which allows IP set OfficeIps, holding ::ffff:0:0/96: the IPv4-mapped form of every ' +
        'IPv4 address, and whether AWS WAF matches IPv4 callers against IPv4-mapped IPv6 addresses is not documented.',
    ]);
    expect(scanTemplate(withAddresses("['::/80']"), check).unknown[0]?.message).toContain(
      'holding ::/80: the IPv4-mapped form of every IPv4 address',
    );
    expect(scanTemplate(withAddresses("['::ffff:10.0.0.0/100']"), check).unknown[0]?.message).toContain(
      'holding ::ffff:10.0.0.0/100: the IPv4-mapped form of an IPv4 /4',
    );
    const blocking = samApi(
      OFFICE_IPS.replace('[203.0.113.0/24]', "['::ffff:0:0/96']") +
        webAcl(NOT_OFFICE, 'Allow') +
        association(SAM_STAGE_ARN),
    );
    expect(scanTemplate(blocking, check).unknown[0]?.message).toContain(
      'has rule not-office, which blocks requests from outside IP set OfficeIps, holding ::ffff:0:0/96: the ' +
        'IPv4-mapped form of every IPv4 address',
    );
    // The mapped form of a /8 or narrower is a fixed list whichever way WAF reads it.
    const narrow = scanTemplate(withAddresses("['::ffff:10.0.0.0/104', '::ffff:192.0.2.0/120']"), check);
    expect([narrow.failed, narrow.unknown]).toEqual([[], []]);
    expect(narrow.passed).toHaveLength(1);
  });

  it('passes ranges of /8 and /16 or narrower, and a Block of every request not from wide ranges lets in the rest', () => {
    const narrow = scanTemplate(withAddresses("[10.0.0.0/8, '2001:db8::/16', 192.0.2.44/32]"), check);
    expect(narrow.failed).toEqual([]);
    expect(narrow.passed).toHaveLength(1);
    const blocking = samApi(
      OFFICE_IPS.replace('[203.0.113.0/24]', '[0.0.0.0/1]') +
        webAcl(NOT_OFFICE, 'Allow') +
        association(SAM_STAGE_ARN),
    );
    expect(scanTemplate(blocking, check).failed[0]?.message).toContain('(DefaultAction Allow)');
  });
});

describe('apigateway.route-no-auth with two web ACL associations on one stage', () => {
  const OPEN_ACL = webAcl('', 'Allow', 'OpenAcl');
  const second = (acl: string) => association(SAM_STAGE_ARN, acl, 'Second');
  const ALLOWLISTED =
    'web ACL Acl on its stage Prod allows only requests from IP set OfficeIps and blocks the rest (DefaultAction Block)';

  it('is unknown when they differ, naming both: the one deployed last stays', () => {
    const { failed, passed, unknown } = scanTemplate(
      samApi(ALLOWLIST + OPEN_ACL + second('!GetAtt OpenAcl.Arn')),
      check,
    );
    expect([failed, passed]).toEqual([[], []]);
    expect(unknown.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization; whether AWS WAF lets anyone call it is not known: which of the web ACLs ` +
        'associated with its stage Prod stays is not known (a stage takes one, and the association deployed last ' +
        `replaces the others): ${ALLOWLISTED} and web ACL OpenAcl on its stage Prod allows every request its rules ` +
        'do not block (DefaultAction Allow).',
    ]);
  });

  it('is unknown when a second association names a stage given by a parameter: it may be this one', () => {
    const byParameter = association(
      '!Sub "arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${StageName}"',
      '!GetAtt OpenAcl.Arn',
      'Second',
    );
    const text = samApi(
      ALLOWLIST + OPEN_ACL + byParameter,
      undefined,
      'Parameters:\n  StageName: { Type: String }\n',
    );
    const { failed, passed, unknown } = scanTemplate(text, check);
    expect([failed, passed]).toEqual([[], []]);
    expect(unknown[0]?.message).toContain(
      'which of the web ACLs associated with its stage Prod stays is not known',
    );
  });

  it('passes when both put an allowlist on it, and fails when both let anyone in', () => {
    const same = scanTemplate(samApi(ALLOWLIST + second('!GetAtt Acl.Arn')), check);
    expect(same.passed.map((f) => f.message)).toEqual([`${ROUTE} has no authorization, but ${ALLOWLISTED}`]);
    const open = samApi(
      OPEN_ACL + association(SAM_STAGE_ARN, '!GetAtt OpenAcl.Arn') + second('!GetAtt OpenAcl.Arn'),
    );
    expect(scanTemplate(open, check).failed[0]?.message).toContain(
      'web ACL OpenAcl on its stage Prod allows every request its rules do not block (DefaultAction Allow)',
    );
  });
});
