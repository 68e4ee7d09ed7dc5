import { describe, expect, it } from 'vitest';
import check from '../../src/checks/lambda/function-url-auth-none.js';
import { applySuppressions } from '../../src/findings/suppress.js';
import { scanTemplate } from '../helpers/scan-template.js';

const SAM = (metadata: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Webhook:
    Type: AWS::Serverless::Function
${metadata}    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: NONE
`;

const TODAY = new Date('2026-11-25T00:00:00Z');

function suppress(metadata: string, config: Parameters<typeof applySuppressions>[2] = []) {
  const scan = scanTemplate(SAM(metadata), check);
  return { ...applySuppressions(scan.failed, scan.inventory, config, TODAY), templateErrors: scan.errors };
}

describe('suppressions', () => {
  it('suppresses a finding on a SAM-generated URL from the Metadata of the function the user wrote', () => {
    const out = suppress(
      '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.function-url-auth-none\n            reason: public webhook, HMAC-verified\n',
    );
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]?.resource.generated?.id).toBe('WebhookUrl');
    expect(out.findings[0]?.suppressed).toEqual({ reason: 'public webhook, HMAC-verified', by: 'inline' });
    expect(out.templateErrors).toEqual([]);
  });

  it('leaves the finding open when the inline suppression has no reason (the template reports it)', () => {
    const out = suppress(
      '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.function-url-auth-none\n',
    );
    expect(out.findings[0]?.suppressed).toBeUndefined();
    expect(out.templateErrors).toEqual([
      expect.objectContaining({
        kind: 'template',
        line: 9,
        message: expect.stringContaining('has no reason'),
      }),
    ]);
  });

  it('leaves the finding open when the inline date is not a real date, instead of calling it expired', () => {
    const out = suppress(
      '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.function-url-auth-none\n            reason: temp\n            expires: "31/12/2027"\n',
    );
    expect(out.findings[0]?.suppressed).toBeUndefined();
    expect(out.warnings).toEqual([]);
    expect(out.templateErrors.map((e) => e.message)).toEqual([
      'suppression of lambda.function-url-auth-none on Webhook: expires 31/12/2027 is not a date (YYYY-MM-DD), so it does not apply',
    ]);
  });

  it('keeps suppressing through an inline expiry date written as a Date or as text', () => {
    const out = suppress(
      '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.function-url-auth-none\n            reason: until launch\n            expires: 2026-11-25\n',
    );
    expect(out.findings[0]?.suppressed).toEqual({
      reason: 'until launch',
      by: 'inline',
      expires: '2026-11-25',
    });
  });

  it('matches config suppressions by check glob and resource glob', () => {
    const hit = suppress('', [{ id: 'lambda.*', resource: 'Web*', reason: 'accepted risk' }]);
    expect(hit.findings[0]?.suppressed).toEqual({ reason: 'accepted risk', by: 'config' });
    const miss = suppress('', [{ id: 'lambda.*', resource: 'Other*', reason: 'accepted risk' }]);
    expect(miss.findings[0]?.suppressed).toBeUndefined();
  });

  it('applies through its expiry date and stops the day after, saying so', () => {
    const lastDay = suppress('', [
      { id: 'lambda.function-url-auth-none', reason: 'until launch', expires: '2026-11-25' },
    ]);
    expect(lastDay.findings[0]?.suppressed?.expires).toBe('2026-11-25');
    const expired = suppress('', [
      { id: 'lambda.function-url-auth-none', reason: 'until launch', expires: '2026-11-24' },
    ]);
    expect(expired.findings[0]?.suppressed).toBeUndefined();
    expect(expired.warnings).toEqual([
      'suppression of lambda.function-url-auth-none expired on 2026-11-24; its findings are reported again',
    ]);
  });

  it('stops an expired inline suppression and says so', () => {
    const out = suppress(
      '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.function-url-auth-none\n            reason: temp\n            expires: 2026-01-01\n',
    );
    expect(out.findings[0]?.suppressed).toBeUndefined();
    // Where the expiry date is written, so it can be found and changed.
    expect(out.warnings).toEqual([
      'template.yaml:11:13: suppression of lambda.function-url-auth-none on Webhook expired on 2026-01-01; its findings are reported again',
    ]);
  });
});
