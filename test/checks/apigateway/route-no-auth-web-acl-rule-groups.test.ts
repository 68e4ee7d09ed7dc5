import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import {
  allowOffice,
  association,
  NOT_OFFICE,
  OFFICE_IPS,
  ROUTE,
  SAM_STAGE_ARN,
  samApi,
  VISIBILITY,
  webAcl,
} from '../../helpers/web-acl-templates.js';

// A rule group's Allow ends the web ACL's evaluation as the web ACL's own Allow does: a rule group the template
// declares is judged by its rules, in its place; one it does not declare is unknown unless the rules before decide.

const PARTNER_IPS = OFFICE_IPS.replace('OfficeIps', 'PartnerIps').replace(
  '203.0.113.0/24',
  '198.51.100.0/24',
);

/** A rule of a rule group (at 8 spaces), `statement` its Statement's lines at 12 spaces. */
const groupRule = (name: string, action: string, statement: string, priority = 0) => `        - Name: ${name}
          Priority: ${priority}
          Action: { ${action}: {} }
          Statement:
${statement}          VisibilityConfig: ${VISIBILITY}
`;

const PARTNER_IPS_RULE = groupRule(
  'partner-ips',
  'Allow',
  '            IPSetReferenceStatement: { Arn: !GetAtt PartnerIps.Arn }\n',
);
const LEGACY_CLIENT = groupRule(
  'legacy-client',
  'Block',
  `            ByteMatchStatement:
              FieldToMatch: { SingleHeader: { Name: user-agent } }
              PositionalConstraint: CONTAINS
              SearchString: legacy
              TextTransformations: [{ Priority: 0, Type: NONE }]
`,
);

/** An AWS::WAFv2::RuleGroup `Partners` holding `rules`. */
const ruleGroup = (rules: string) => `  Partners:
    Type: AWS::WAFv2::RuleGroup
    Properties:
      Capacity: 10
      Scope: REGIONAL
      VisibilityConfig: ${VISIBILITY}
      Rules:
${rules}`;

/** The web ACL's rule `partners` running rule group `arn`; `extra` more lines of its statement's mapping. */
const runGroup = (arn = '!GetAtt Partners.Arn', override = 'None', extra = '') => `        - Name: partners
          Priority: 5
          OverrideAction: { ${override}: {} }
          Statement:
            RuleGroupReferenceStatement:
              Arn: ${arn}
${extra}          VisibilityConfig: ${VISIBILITY}
`;

const withGroup = (rules: string, rule = runGroup(), head = '') =>
  samApi(
    OFFICE_IPS + PARTNER_IPS + ruleGroup(rules) + webAcl(rule + allowOffice()) + association(SAM_STAGE_ARN),
    undefined,
    head,
  );

describe('apigateway.route-no-auth with a rule group of the template in the web ACL', () => {
  it('passes a rule group that allows only an IP set and blocks the rest, naming its IP set', () => {
    const { failed, unknown, passed } = scanTemplate(withGroup(LEGACY_CLIENT + PARTNER_IPS_RULE), check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization, but web ACL Acl on its stage Prod allows only requests from IP set PartnerIps ` +
        'and IP set OfficeIps and blocks the rest (DefaultAction Block)',
    ]);
  });

  it('fails a rule group whose Allow matches a header from any address, naming the rule and the group', () => {
    const anyone = groupRule(
      'legacy-client',
      'Allow',
      LEGACY_CLIENT.slice(
        LEGACY_CLIENT.indexOf('            ByteMatchStatement'),
        LEGACY_CLIENT.indexOf('          VisibilityConfig'),
      ),
    );
    const { failed, passed } = scanTemplate(withGroup(anyone), check);
    expect(passed).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      `${ROUTE} invokes function Fn with no authorization and no API key, and web ACL Acl on its stage Prod has rule ` +
        'legacy-client of rule group Partners (rule partners), which allows requests that its ByteMatchStatement ' +
        'matches, from any address: anyone on the internet can call it.',
    ]);
  });

  it("fails where the web ACL's RuleActionOverrides make a Block of the group Allow; passes where it counts the group", () => {
    const override =
      '              RuleActionOverrides: [{ Name: legacy-client, ActionToUse: { Allow: {} } }]\n';
    const overridden = scanTemplate(withGroup(LEGACY_CLIENT, runGroup(undefined, 'None', override)), check);
    expect(overridden.failed[0]?.message).toContain(
      'has rule legacy-client of rule group Partners (rule partners), which allows requests that its ' +
        'ByteMatchStatement matches, from any address',
    );
    const counted = scanTemplate(withGroup(LEGACY_CLIENT, runGroup(undefined, 'Count', override)), check);
    expect([counted.failed, counted.unknown]).toEqual([[], []]);
    expect(counted.passed).toHaveLength(1);
  });

  it('reads ExcludedRules as Count: a group whose only Block is excluded keeps no one out', () => {
    const notPartner = groupRule(
      'not-partner',
      'Block',
      '            NotStatement:\n              Statement:\n                IPSetReferenceStatement: { Arn: !GetAtt PartnerIps.Arn }\n',
    );
    const withAllowAll = (rule: string) =>
      samApi(
        OFFICE_IPS + PARTNER_IPS + ruleGroup(notPartner) + webAcl(rule, 'Allow') + association(SAM_STAGE_ARN),
      );
    const kept = scanTemplate(withAllowAll(runGroup()), check);
    expect([kept.failed, kept.unknown, kept.passed.length]).toEqual([[], [], 1]);
    const excluded = runGroup(undefined, 'None', '              ExcludedRules: [{ Name: not-partner }]\n');
    const open = scanTemplate(withAllowAll(excluded), check);
    expect(open.passed).toEqual([]);
    expect(open.failed).toHaveLength(1);
  });

  it("is unknown when the group's IP set holds addresses a parameter gives", () => {
    const head = 'Parameters:\n  Ranges: { Type: CommaDelimitedList }\n';
    const text = withGroup(PARTNER_IPS_RULE, undefined, head).replace('[198.51.100.0/24]', '!Ref Ranges');
    const { failed, unknown } = scanTemplate(text, check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization; whether AWS WAF lets anyone call it is not known: web ACL Acl on its stage ` +
        'Prod has rule partner-ips of rule group Partners (rule partners), whose addresses are not known: the ' +
        'Addresses of IP set PartnerIps are not known before deploy (from parameter Ranges, which has no default).',
    ]);
  });
});

describe('apigateway.route-no-auth with a rule group the template does not declare', () => {
  const OTHER = 'arn:aws:wafv2:eu-west-2:123456789012:regional/rulegroup/partners/abc';

  it('is unknown, and says so of an override to Allow of a rule it cannot read', () => {
    const plain = scanTemplate(withGroup(PARTNER_IPS_RULE, runGroup(OTHER)), check);
    expect(plain.failed).toEqual([]);
    expect(plain.unknown[0]?.message).toContain(
      `has rule partners, which runs rule group ${OTHER}, whose rules Parapet does not read (one may allow)`,
    );
    const override = '              RuleActionOverrides: [{ Name: office, ActionToUse: { Allow: {} } }]\n';
    const overridden = scanTemplate(withGroup(PARTNER_IPS_RULE, runGroup(OTHER, 'None', override)), check);
    expect(overridden.failed).toEqual([]);
    expect(overridden.unknown[0]?.message).toContain(
      `has rule partners, whose RuleActionOverrides make a rule of rule group ${OTHER} allow what it matches, a ` +
        'rule Parapet cannot read (it may allow only listed addresses).',
    );
  });

  it('passes when a rule before it blocks every request not from a fixed IP set', () => {
    const text = samApi(
      OFFICE_IPS + webAcl(NOT_OFFICE + runGroup(OTHER), 'Allow') + association(SAM_STAGE_ARN),
    );
    const { failed, unknown, passed } = scanTemplate(text, check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.message)).toEqual([
      `${ROUTE} has no authorization, but web ACL Acl on its stage Prod blocks every request not from IP set ` +
        'OfficeIps (rule not-office)',
    ]);
  });
});
