// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import action from '../../../src/checks/iam/role-wildcard-action.js';
import { knownServices } from '../../../src/iam/action-data.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

/**
 * IAM reads `*` and `?` anywhere in an action, its service prefix included (IAM User Guide, "IAM JSON policy elements:
 * Action"): `i?m:*` grants every iam action, as `iam:*` does, and `s?:*` every action of each service it names.
 */

const PARAMETERS = 'Parameters:\n  Svc: { Type: String }\n';
const IAM_ESCALATES =
  'it lets the role change its own permissions or boundary (iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, ' +
  'iam:PutRolePermissionsBoundary, iam:PutRolePolicy, iam:UpdateAssumeRolePolicy): privilege escalation.';

/** What iam.role-wildcard-action says of AppRole granting `statements` (inline policy app), as `[status, severity, message]`. */
function results(statements: string) {
  const { findings, errors } = scanTemplate(appRole(inline(statements), PARAMETERS), action);
  expect(errors).toEqual([]);
  return findings.map((f) => [f.status, f.severity, f.message]);
}

function deny(actions: string): string {
  return `              - Effect: Deny
                Action: ${actions}
                Resource: '*'
`;
}

describe('a wildcard in the service prefix of an action', () => {
  it('reads `i?m:*` and `ia*:*` as iam:*: critical, as iam:* is on every resource', () => {
    for (const granted of ["'i?m:*'", "'ia*:*'", "'I?M:?*'"]) {
      const text = granted.slice(1, -1);
      expect(results(allow(granted, "'*'")), granted).toEqual([
        [
          'fail',
          'critical',
          `inline policy app, Statement[0]: Allow grants every iam action ("${text}"); ${IAM_ESCALATES}`,
        ],
      ]);
    }
  });

  it('reads `sq?:*` as sqs:* and `s?:*` as s3:*, the one service of the catalog each names', () => {
    expect(results(allow("'sq?:*'", "'*'"))).toEqual([
      ['fail', 'high', 'inline policy app, Statement[0]: Allow grants every sqs action ("sq?:*").'],
    ]);
    expect(results(allow("'s?:*'", "'*'"))).toEqual([
      ['fail', 'high', 'inline policy app, Statement[0]: Allow grants every s3 action ("s?:*").'],
    ]);
  });

  it('names each service a prefix matches', () => {
    const [found] = results(allow("'s??:*'", "'arn:aws:s3:::b/*'"));
    expect(found?.slice(0, 2)).toEqual(['fail', 'high']);
    for (const service of ['sqs', 'sns', 'ssm', 'sts'])
      expect(found?.[2]).toContain(`Allow grants every ${service} action ("s??:*")`);
  });

  it('counts the services of a prefix that matches many, naming a few, rather than a sentence for each', () => {
    const [found] = results(allow("'??*:?*'", "'*'"));
    expect(found?.slice(0, 2)).toEqual(['fail', 'critical']);
    // Every service of the catalog but Amazon Q (`q`, one character).
    const count = knownServices().filter((service) => service.length > 1).length;
    expect(found?.[2]).toMatch(
      new RegExp(
        `^inline policy app, Statement\\[0\\]: Allow grants every action of ${count} services \\("\\?\\?\\*:\\?\\*": ` +
          `a2c, a4b, access-analyzer, account, account-access and ${count - 5} more\\); it lets the role change`,
      ),
    );
    expect(found?.[2]?.length).toBeLessThan(1000);
  });

  it('counts the services an Action not known before deploy may grant whole, said once with its doubt', () => {
    const [found] = results(allow("!Sub 's${Svc}:*'", "'*'"));
    expect(found?.[0]).toBe('unknown');
    const count = knownServices().filter((service) => service.startsWith('s')).length;
    const message = found?.[2] ?? '';
    expect(message).toMatch(
      new RegExp(
        `^inline policy app, Statement\\[0\\] may grant every action of ${count} services \\("s\\$\\{Svc\\}:\\*": `,
      ),
    );
    expect(message.match(/may grant every action of/g)).toHaveLength(1);
    expect(message.length).toBeLessThan(600);
  });

  it('passes a prefix that matches no service of the catalog, and actions short of a whole service', () => {
    for (const granted of ["'zz?:*'", "'i?m:Get*'", "'s?:GetObject'"])
      expect(results(allow(granted, "'*'")), granted).toEqual([
        ['pass', 'high', 'no statement allows a wildcard action'],
      ]);
  });

  it('is cancelled by a Deny of the service it names, and cancels nothing of another', () => {
    expect(results(allow("'i?m:*'", "'*'") + deny("'iam:*'"))).toEqual([
      [
        'pass',
        'high',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels i?m:*)',
      ],
    ]);
    expect(results(allow("'iam:*'", "'*'") + deny("'i?m:*'"))).toEqual([
      [
        'pass',
        'high',
        'no statement allows a wildcard action (the Deny of inline policy app, Statement[1] cancels iam:*)',
      ],
    ]);
    expect(results(allow("'i?m:*'", "'*'") + deny("'s3:*'"))[0]?.slice(0, 2)).toEqual(['fail', 'critical']);
  });

  it('is unknown where the prefix comes from a parameter and may name a service', () => {
    expect(results(allow("!Sub 'i${Svc}m:*'", "'*'"))).toEqual([
      [
        'unknown',
        'high',
        'inline policy app, Statement[0] may grant every iam action ("i${Svc}m:*"): the Action is not known before ' +
          'deploy (from parameter Svc, which has no default).',
      ],
    ]);
  });
});
