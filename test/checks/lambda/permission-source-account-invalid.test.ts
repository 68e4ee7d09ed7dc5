import { describe, expect, it } from 'vitest';
import confusedDeputy from '../../../src/checks/lambda/permission-confused-deputy.js';
import publicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { permissionTemplate } from '../../helpers/templates.js';

const REJECTS = 'Lambda rejects the permission (AddPermission takes 12 digits) and the stack fails to deploy';
const located = (scan: ReturnType<typeof scanTemplate>) => scan.errors.map((e) => `${e.line} ${e.message}`);

describe('SourceAccount that is no account id (AddPermission: 12 digits)', () => {
  it('is a template error at the value, and pins nothing: the check says it is not valid', () => {
    const scan = scanTemplate(
      permissionTemplate('s3.amazonaws.com', "      SourceAccount: '12345678901a'\n"),
      confusedDeputy,
    );
    expect(located(scan)).toEqual([
      `16 SourceAccount of Perm is 12345678901a, not a 12-digit AWS account id: ${REJECTS}`,
    ]);
    expect(scan.passed).toEqual([]);
    expect(scan.unknown.map((f) => f.message)).toEqual([
      'Cannot tell whether s3.amazonaws.com is pinned to a source: SourceAccount is not a valid value ' +
        '(12345678901a, not a 12-digit AWS account id; see the scan error).',
    ]);
  });

  it('is unknown, not an error, for an unquoted number of fewer digits: YAML may have dropped leading zeros', () => {
    const scan = scanTemplate(
      permissionTemplate('s3.amazonaws.com', '      SourceAccount: 9012345678\n'),
      confusedDeputy,
    );
    expect(scan.errors).toEqual([]);
    expect(scan.passed).toEqual([]);
    expect(scan.unknown.map((f) => f.message).join()).toContain(
      'the number 9012345678: an account id written without quotes may have lost its leading zeros',
    );
  });

  it('is a template error for an unquoted number of more than 12 digits', () => {
    const scan = scanTemplate(
      permissionTemplate('s3.amazonaws.com', '      SourceAccount: 1234567890123\n'),
      confusedDeputy,
    );
    expect(located(scan)).toEqual([
      `16 SourceAccount of Perm is 1234567890123, not a 12-digit AWS account id: ${REJECTS}`,
    ]);
  });

  it('leaves a grant to * beside it for AWS services, not the public', () => {
    const scan = scanTemplate(permissionTemplate("'*'", "      SourceAccount: '9012345678'\n"), publicInvoke);
    expect(scan.errors).toHaveLength(1);
    expect(scan.failed).toEqual([]);
  });

  it('takes 12 digits, the stack own account and values not known before deploy (Lambda takes only an account id)', () => {
    for (const account of ["'123456789012'", '123456789012', '!Ref AWS::AccountId', '!Ref Account']) {
      const scan = scanTemplate(
        permissionTemplate(
          's3.amazonaws.com',
          `      SourceAccount: ${account}\n`,
          'Parameters:\n  Account: {Type: String}\n',
        ),
        confusedDeputy,
      );
      expect(scan.errors, account).toEqual([]);
      expect(
        scan.findings.map((f) => f.status),
        account,
      ).toEqual(['pass']);
    }
  });
});
