import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { BASE32, BASE64, fake, join, showsSecret } from '../../secrets/fixtures.js';
import { functionWithVariables as fn } from './env-fixtures.js';

// AWS's documentation keys ("Understanding and getting your security credentials", IAM User Guide).
const DOC_KEY_ID = join('AKIA', 'IOSFODNN7EXAMPLE');
const DOC_SECRET = join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY');

describe('lambda.env-plaintext-secret: AWS documentation example keys under secret names', () => {
  it('passes the documentation keys whatever the name says', () => {
    const { failed, passed, errors } = scanTemplate(
      fn(
        `          AWS_KEY_ID: ${DOC_KEY_ID}\n          access_key: ${DOC_KEY_ID}\n` +
          `          AWS_SECRET: ${DOC_SECRET}\n          secret_key: ${DOC_SECRET}\n` +
          `          CREDENTIALS: ${DOC_SECRET}\n`,
      ),
      check,
    );
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('still fails real-looking keys under the same names, never showing them', () => {
    const keyId = join('AK', 'IA', fake(41, 16, BASE32));
    const secret = fake(42, 40, BASE64);
    // The documentation key with its EXAMPLE changed is no documentation key.
    const edited = DOC_SECRET.replace('EXAMPLE', 'QZXWVUT');
    // A chosen 40-character password holding the word, not where AWS's keys end with it, is judged by its name.
    const chosen = join('Q7vEXAMPLE', fake(43, 30, BASE64));
    const { failed } = scanTemplate(
      fn(
        `          access_key: ${keyId}\n          secret_key: ${secret}\n          AWS_SECRET: ${edited}\n` +
          `          DB_PASSWORD: ${chosen}\n`,
      ),
      check,
    );
    expect(failed.map((f) => f.property)).toEqual([
      'Environment.Variables.access_key',
      'Environment.Variables.secret_key',
      'Environment.Variables.AWS_SECRET',
      'Environment.Variables.DB_PASSWORD',
    ]);
    for (const value of [keyId, secret, edited, chosen]) expect(showsSecret(failed, value)).toBe(false);
  });
});
