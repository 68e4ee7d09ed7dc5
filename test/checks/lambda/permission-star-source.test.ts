// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import confusedDeputy from '../../../src/checks/lambda/permission-confused-deputy.js';
import publicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import untrustedAccount from '../../../src/checks/lambda/permission-untrusted-account.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { permissionTemplate } from '../../helpers/templates.js';
import { livePermission, scanLive } from './live-fixture.js';

/**
 * `Principal: '*'` with SourceArn or SourceAccount: those keys are in a request only when an AWS service principal
 * calls for a resource of its own, so the grant is that service's, judged as a service principal's is.
 */
const star = (properties: string, extra = '') => permissionTemplate("'*'", properties, extra);
const PARAMS = 'Parameters:\n  Source: { Type: String }\n';
const TOPIC_ANY_ACCOUNT = 'arn:aws:sns:us-east-1:*:mytopic';

describe('lambda.permission-untrusted-account: the account a * grant is pinned to', () => {
  it('fails * pinned by SourceAccount to another account in a live scan, as it fails sns.amazonaws.com', () => {
    const { failed } = scanLive([livePermission({ sourceAccount: '999988887777' })], untrustedAccount);
    expect(failed.map((f) => [f.severity, f.property, f.message])).toEqual([
      [
        'high',
        'SourceAccount',
        "SourceAccount 999988887777 pins Principal * to account 999988887777, which is neither the function's account nor a trusted one: any resource of that account can have AWS services invoke the function (only AWS services send SourceAccount: no one else can use the grant).",
      ],
    ]);
    expect(failed[0]?.evidence).toEqual({ principal: '*', account: '999988887777' });
  });

  it('names the service a SourceArn of another account names', () => {
    const arn = 'arn:aws:events:us-east-1:111122223333:rule/r';
    const { failed } = scanLive([livePermission({ sourceArn: arn })], untrustedAccount);
    expect(failed.map((f) => f.message)).toEqual([
      `SourceArn ${arn} pins Principal * to account 111122223333, which is neither the function's account nor a trusted one: any resource of that account can have the events service invoke the function (only AWS services send SourceArn: no one else can use the grant).`,
    ]);
  });

  it('is unknown for a literal account in a template until trusted, and passes the own or a trusted account', () => {
    const yaml = star("      SourceAccount: '999988887777'\n");
    expect(scanTemplate(yaml, untrustedAccount).unknown.map((f) => f.message)).toEqual([
      'SourceAccount pins Principal * to account 999988887777, which is not in trustedAccounts, and the template does not say whether it is the account it is deployed to. If it is, or if you trust it, add it to trustedAccounts in parapet.yaml.',
    ]);
    const trusted = scanTemplate(yaml, untrustedAccount, { settings: { trustedAccounts: ['999988887777'] } });
    expect(trusted.passed.map((f) => f.message)).toEqual([
      'SourceAccount pins Principal * to the trusted account 999988887777',
    ]);
    const own = scanTemplate(star('      SourceAccount: !Ref AWS::AccountId\n'), untrustedAccount);
    expect(own.passed.map((f) => f.message)).toEqual([
      'SourceAccount pins Principal * to the account the function is deployed to',
    ]);
  });

  it('is unknown when the account comes from a parameter', () => {
    const { failed, unknown } = scanTemplate(
      star('      SourceAccount: !Ref Source\n', PARAMS),
      untrustedAccount,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'Cannot tell which account Principal * is pinned to: SourceAccount is not known before deploy (from parameter Source, which has no default).',
    ]);
  });

  it('says nothing of * alone, * with PrincipalOrgID, or * pinned to no account (a bucket ARN)', () => {
    for (const properties of [
      '',
      "      PrincipalOrgID: o-a1b2c3d4e5\n      SourceAccount: '999988887777'\n",
      '      SourceArn: arn:aws:s3:::uploads\n',
    ]) {
      expect(scanTemplate(star(properties), untrustedAccount).findings).toEqual([]);
    }
  });
});

describe('lambda.permission-confused-deputy: * with a source condition', () => {
  it('fails * pinned only by the ARN of a bucket outside the template (low), as for s3.amazonaws.com', () => {
    const { failed } = scanTemplate(star("      SourceArn: 'arn:aws:s3:::mybucket'\n"), confusedDeputy);
    expect(failed.map((f) => [f.severity, f.property, f.message])).toEqual([
      [
        'low',
        'SourceArn',
        '* (its SourceArn admits only the s3 service) is pinned only by the bucket ARN arn:aws:s3:::mybucket: if that bucket is deleted, another account can create a bucket of the same name and invoke the function. Add SourceAccount.',
      ],
    ]);
  });

  it('passes * with the bucket ARN and SourceAccount, or SourceAccount alone', () => {
    for (const properties of [
      "      SourceArn: 'arn:aws:s3:::mybucket'\n      SourceAccount: !Ref AWS::AccountId\n",
      '      SourceAccount: !Ref AWS::AccountId\n',
    ]) {
      const { failed, unknown, passed } = scanTemplate(star(properties), confusedDeputy);
      expect([...failed, ...unknown]).toEqual([]);
      expect(passed.map((f) => f.message)).toEqual([expect.stringMatching(/is pinned to a source$/)]);
    }
  });

  it('fails * with a SourceArn of any account at the severity of its service: medium for SNS', () => {
    const { failed } = scanTemplate(star(`      SourceArn: '${TOPIC_ANY_ACCOUNT}'\n`), confusedDeputy);
    expect(failed.map((f) => [f.severity, f.property, f.message])).toEqual([
      [
        'medium',
        'SourceArn',
        `* (its SourceArn admits only the sns service) may invoke the function on behalf of any AWS account: SourceArn ${TOPIC_ANY_ACCOUNT} does not pin one account: write the account id in it.`,
      ],
    ]);
    expect(failed[0]?.evidence).toEqual({ principal: '*', service: 'sns', action: 'lambda:InvokeFunction' });
  });

  it('fails * with a SourceArn that names no service nor account at high severity, as an unknown service', () => {
    const { failed } = scanTemplate(star("      SourceArn: 'arn:aws:s3:::*'\n"), confusedDeputy);
    expect(failed.map((f) => f.severity)).toEqual(['high']);
    const any = scanTemplate(star("      SourceArn: '*'\n"), confusedDeputy);
    expect(any.failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        '* (its SourceArn admits only AWS services) may invoke the function on behalf of any AWS account: SourceArn * does not pin one account: write the account id in it.',
      ],
    ]);
  });

  it('is unknown when the SourceArn comes from a parameter', () => {
    const { failed, unknown } = scanTemplate(star('      SourceArn: !Ref Source\n', PARAMS), confusedDeputy);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        'Cannot tell whether * (its SourceArn admits only AWS services) is pinned to a source: SourceArn is not known before deploy (from parameter Source, which has no default).',
      ],
    ]);
  });

  it('does not apply to * alone or * with PrincipalOrgID (lambda.permission-public-invoke judges them)', () => {
    for (const properties of ['', '      PrincipalOrgID: o-a1b2c3d4e5\n']) {
      expect(scanTemplate(star(properties), confusedDeputy).findings).toEqual([]);
    }
  });
});

describe('lambda.permission-public-invoke: * with a source condition is not public', () => {
  it("reads an imported SourceArn as in place: an export is never AWS::NoValue, so the grant stays AWS services'", () => {
    const yaml = star('      SourceArn: !ImportValue TopicArn\n');
    expect(scanTemplate(yaml, publicInvoke).passed.map((f) => f.message)).toEqual([
      expect.stringContaining('not public: SourceArn admits only calls an AWS service makes'),
    ]);
    expect(scanTemplate(yaml, confusedDeputy).unknown.map((f) => f.message)).toEqual([
      'Cannot tell whether * (its SourceArn admits only AWS services) is pinned to a source: SourceArn is not known before deploy (imported from another stack (TopicArn)).',
    ]);
  });

  it('passes * with a SourceArn of any account: only AWS services call with one', () => {
    for (const arn of [TOPIC_ANY_ACCOUNT, 'arn:aws:s3:::*']) {
      const { failed, passed } = scanTemplate(star(`      SourceArn: '${arn}'\n`), publicInvoke);
      expect(failed).toEqual([]);
      expect(passed.map((f) => f.message)).toEqual([
        'not public: SourceArn admits only calls an AWS service makes for a resource of its own (no other request carries it); lambda.permission-confused-deputy judges whose resources',
      ]);
    }
  });

  it('passes * with a SourceArn or SourceAccount from a parameter: whatever its value, only services carry it', () => {
    const arn = scanTemplate(star('      SourceArn: !Ref Source\n', PARAMS), publicInvoke);
    expect(arn.unknown).toEqual([]);
    expect(arn.passed.map((f) => f.message)).toEqual([
      expect.stringMatching(/^not public: SourceArn admits only calls an AWS service makes/),
    ]);
    // StringEquals compares literally: any account pins it.
    const account = scanTemplate(star('      SourceAccount: !Ref Source\n', PARAMS), publicInvoke);
    expect(account.passed.map((f) => f.message)).toEqual([
      'not public: the caller is pinned by StringEquals AWS:SourceAccount',
    ]);
  });

  it('stays unknown when an Fn::If may leave the SourceArn out', () => {
    const yaml = star(
      '      SourceArn: !If [Pinned, !Ref Source, !Ref AWS::NoValue]\n',
      `${PARAMS}Conditions:\n  Pinned: !Equals [!Ref Source, x]\n`,
    );
    const { unknown, passed } = scanTemplate(yaml, publicInvoke);
    expect(passed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });
});
