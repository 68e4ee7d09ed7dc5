import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/permission-untrusted-account.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { permissionTemplate } from '../../helpers/templates.js';
import { ACCOUNT, livePermission, scanLive } from './live-fixture.js';

const RULE = 'arn:aws:events:us-east-1:111122223333:rule/other-account-rule';

/** A permission for `service` with these property lines (6 spaces of indent), and template sections after. */
const pinned = (service: string, properties: string, extra = '') =>
  permissionTemplate(service, properties, extra);

describe('lambda.permission-untrusted-account: the account a service permission is pinned to', () => {
  it('fails a service pinned by SourceArn to another account in a live scan', () => {
    const { failed } = scanLive(
      [livePermission({ principal: 'events.amazonaws.com', sourceArn: RULE })],
      check,
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]?.severity).toBe('high');
    expect(failed[0]?.message).toBe(
      `SourceArn ${RULE} pins events.amazonaws.com to account 111122223333, which is neither the function's account nor a trusted one: any resource of that account can have events.amazonaws.com invoke the function.`,
    );
    expect(failed[0]?.evidence).toEqual({ principal: 'events.amazonaws.com', account: '111122223333' });
  });

  it('fails S3 pinned by SourceAccount to another account in a live scan; a bucket ARN holds no account', () => {
    const { failed } = scanLive(
      [
        livePermission({
          principal: 's3.amazonaws.com',
          sourceAccount: '444455556666',
          sourceArn: 'arn:aws:s3:::uploads',
        }),
      ],
      check,
    );
    expect(failed.map((f) => f.message)).toEqual([
      "SourceAccount 444455556666 pins s3.amazonaws.com to account 444455556666, which is neither the function's account nor a trusted one: any resource of that account can have s3.amazonaws.com invoke the function.",
    ]);
  });

  it('passes a pin to the function’s own account or a trusted one (a call must match every pin)', () => {
    const own = scanLive(
      [livePermission({ principal: 's3.amazonaws.com', sourceAccount: ACCOUNT, sourceArn: RULE })],
      check,
    );
    expect(own.failed).toEqual([]);
    expect(own.passed.map((f) => f.message)).toEqual([
      'SourceAccount pins s3.amazonaws.com to the account the function is deployed to',
    ]);
    const trusted = scanLive(
      [livePermission({ principal: 'events.amazonaws.com', sourceArn: RULE })],
      check,
      {
        trustedAccounts: ['111122223333'],
      },
    );
    expect(trusted.passed.map((f) => f.message)).toEqual([
      'SourceArn pins events.amazonaws.com to the trusted account 111122223333',
    ]);
  });

  it('passes ${AWS::AccountId} and a resource of the template in a template', () => {
    const cases = [
      '      SourceAccount: !Ref AWS::AccountId\n',
      '      SourceArn: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/nightly\n',
      '      SourceArn: !GetAtt Rule.Arn\n',
    ];
    const rule =
      '  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n';
    for (const properties of cases) {
      const yaml = pinned('events.amazonaws.com', properties).replace('Resources:\n', `Resources:\n${rule}`);
      const { passed, failed, unknown, errors } = scanTemplate(yaml, check);
      expect(errors).toEqual([]);
      expect([...failed, ...unknown]).toEqual([]);
      expect(passed.map((f) => f.message)).toEqual([
        expect.stringMatching(/pins events\.amazonaws\.com to the account the function is deployed to$/),
      ]);
    }
  });

  it('takes no account from a SourceArn of "*": beside a SourceAccount of another account, still unknown', () => {
    const yaml = pinned('sns.amazonaws.com', "      SourceArn: '*'\n      SourceAccount: '999999999999'\n");
    const { passed, unknown } = scanTemplate(yaml, check);
    expect(passed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'SourceAccount pins sns.amazonaws.com to account 999999999999, which is not in trustedAccounts, and the template does not say whether it is the account it is deployed to. If it is, or if you trust it, add it to trustedAccounts in parapet.yaml.',
    ]);
  });

  it('is unknown for a literal account in a template, until it is trusted', () => {
    const yaml = pinned('events.amazonaws.com', `      SourceArn: ${RULE}\n`);
    const { failed, unknown } = scanTemplate(yaml, check);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'SourceArn pins events.amazonaws.com to account 111122223333, which is not in trustedAccounts, and the template does not say whether it is the account it is deployed to. If it is, or if you trust it, add it to trustedAccounts in parapet.yaml.',
    ]);
    expect(unknown[0]?.location).toEqual({ file: 'template.yaml', line: 16, column: 7 });
    const trusted = scanTemplate(yaml, check, { settings: { trustedAccounts: ['111122223333'] } });
    expect(trusted.unknown).toEqual([]);
    expect(trusted.passed).toHaveLength(1);
  });

  it('is unknown when the account comes from a parameter', () => {
    const params = 'Parameters:\n  Acct: { Type: String }\n';
    for (const properties of [
      '      SourceAccount: !Ref Acct\n',
      '      SourceArn: !Sub arn:aws:events:us-east-1:${Acct}:rule/r\n',
    ]) {
      const { failed, unknown } = scanTemplate(pinned('events.amazonaws.com', properties, params), check);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /^Cannot tell which account events\.amazonaws\.com is pinned to: Source(Account|Arn) is not known before deploy \(from parameter Acct, which has no default\)\.$/,
        ),
      ]);
    }
  });

  it('does not apply to a service pinned to no account: a bucket ARN alone, a wildcard account, nothing', () => {
    for (const properties of [
      '      SourceArn: arn:aws:s3:::uploads\n',
      '      SourceArn: arn:aws:events:*:*:rule/r\n',
      '',
    ]) {
      expect(scanTemplate(pinned('s3.amazonaws.com', properties), check).findings).toEqual([]);
    }
  });
});
