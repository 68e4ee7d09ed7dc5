import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/config.js';

describe('trustedAccounts written without quotes', () => {
  it('says YAML dropped the leading zero of 012345678901, and shows it quoted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-accounts-'));
    const file = join(dir, 'parapet.yaml');
    writeFileSync(file, 'trustedAccounts: [012345678901, 123456789012]\n');
    expect(() => loadConfig(file)).toThrow(
      `${file}:1:19: trustedAccounts[0] (the 1st entry): 12345678901 is not a 12-digit AWS account id; YAML read it ` +
        "as a number and dropped its leading zeros: write it in quotes, '012345678901'",
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('says to quote a number that cannot be an account id with zeros dropped, and leaves text as it was', () => {
    expect(() => parseConfig({ trustedAccounts: [42] })).toThrow(
      'trustedAccounts[0] (the 1st entry): 42 is not a 12-digit AWS account id; YAML read it as a number: write ' +
        'account ids in quotes',
    );
    expect(() => parseConfig({ trustedAccounts: ['12345'] })).toThrow(
      /trustedAccounts\[0\] \(the 1st entry\): "12345" is not a 12-digit AWS account id$/,
    );
  });

  it('takes a 12-digit number that lost nothing', () => {
    expect(parseConfig({ trustedAccounts: [123456789012] }).trustedAccounts).toEqual(['123456789012']);
  });
});
