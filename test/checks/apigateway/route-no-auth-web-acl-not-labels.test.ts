import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/apigateway/route-no-auth.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import {
  association,
  OFFICE_IPS,
  rule,
  SAM_STAGE_ARN,
  samApi,
  webAcl,
} from '../../helpers/web-acl-templates.js';

// A NOT of a NOT is the statement itself; a Block of labels an earlier rule adds is not followed (unknown).

const not = (statement: string) =>
  `NotStatement:\n                Statement:\n                  ${statement.replaceAll('\n', '\n  ')}`;
const OFFICE = 'IPSetReferenceStatement: { Arn: !GetAtt OfficeIps.Arn }';

const acl = (rules: string, defaultAction = 'Block') =>
  samApi(OFFICE_IPS + webAcl(rules, defaultAction) + association(SAM_STAGE_ARN));

describe('apigateway.route-no-auth reads a double NotStatement, and does not follow labels', () => {
  it('passes an Allow of NOT NOT an IP set, as of the IP set', () => {
    const statement = `            ${not(`NotStatement: { Statement: { ${OFFICE} } }`)}\n`;
    const { failed, unknown, passed } = scanTemplate(acl(rule('office', 0, statement)), check);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed[0]?.message).toContain('allows only requests from IP set OfficeIps');
  });

  it('fails an Allow of NOT an IP set, and of NOT NOT NOT one: from any address but the set', () => {
    for (const inner of [
      OFFICE,
      `NotStatement: { Statement: { NotStatement: { Statement: { ${OFFICE} } } } }`,
    ]) {
      const statement = `            ${not(inner)}\n`;
      const { failed } = scanTemplate(acl(rule('office', 0, statement)), check);
      expect(failed.map((f) => f.message)).toEqual([
        expect.stringContaining('which allows requests that its NotStatement matches, from any address'),
      ]);
    }
  });

  it('is unknown where a rule blocks by a label an earlier Count rule adds, and fails without that Block', () => {
    const label = rule(
      'label',
      0,
      `            ${not(OFFICE)}\n`,
      "Action: { Count: {} }\n          RuleLabels: [{ Name: 'ext' }]",
    );
    const block = rule(
      'block',
      1,
      '            LabelMatchStatement: { Scope: LABEL, Key: ext }\n',
      'Action: { Block: {} }',
    );
    const { failed, unknown } = scanTemplate(acl(label + block, 'Allow'), check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'has rule block, which blocks requests by the labels of earlier rules (LabelMatchStatement), which Parapet does not follow',
      ),
    ]);
    const open = scanTemplate(acl(label, 'Allow'), check);
    expect(open.failed).toHaveLength(1);
  });
});
