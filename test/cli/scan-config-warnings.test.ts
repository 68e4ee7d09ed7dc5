import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parapet } from '../helpers/cli.js';

const fn = (id: string, metadata = '') => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ${id}:
    Type: AWS::Lambda::Function
${metadata}    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
`;

const warningsOf = (stdout: string): string[] => JSON.parse(stdout).warnings;

describe('parapet scan . over folders that hold their own parapet.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-subconfigs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const app of ['a', 'b']) {
    mkdirSync(join(dir, app));
    writeFileSync(join(dir, app, 'template.yaml'), fn(app === 'a' ? 'First' : 'Second'));
    writeFileSync(join(dir, app, 'parapet.yaml'), 'failOn: high\n');
  }

  it('warns that each was not used, saying how to use it, and the text report still says none was', () => {
    const json = parapet(['scan', '.', '-f', 'json'], dir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).config).toBeNull();
    expect(warningsOf(json.stdout)).toEqual([
      'a/parapet.yaml was not used: this scan used no parapet.yaml (one is read from the working directory or ' +
        'beside a scanned path, not from the folders inside one); pass it with -c, or scan a on its own',
      'b/parapet.yaml was not used: this scan used no parapet.yaml (one is read from the working directory or ' +
        'beside a scanned path, not from the folders inside one); pass it with -c, or scan b on its own',
    ]);
    const text = parapet(['scan', '.'], dir).stdout;
    expect(text).toContain('warning a/parapet.yaml was not used');
    expect(text).toContain('\nconfig: none (');
  });

  it('names the one used when the working directory has one, and says nothing with -c', () => {
    writeFileSync(join(dir, 'parapet.yaml'), 'version: 1\n');
    const used = warningsOf(parapet(['scan', '.', '-f', 'json'], dir).stdout);
    rmSync(join(dir, 'parapet.yaml'));
    expect(used).toHaveLength(2);
    expect(used[0]).toContain(
      'a/parapet.yaml was not used: one parapet.yaml applies to the whole scan, and this scan used parapet.yaml',
    );
    const chosen = parapet(['scan', '.', '-c', 'a/parapet.yaml', '-f', 'json'], dir);
    expect(warningsOf(chosen.stdout)).toEqual([]);
  });
});

describe('parapet.yaml mistakes that used to pass silently', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-silent-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const inline =
    '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.tracing-not-actve\n            reason: x\n';
  writeFileSync(join(dir, 'one.yaml'), fn('Fn', inline));
  writeFileSync(join(dir, 'two.yaml'), fn('Other'));
  const config = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return name;
  };

  it('a suppression whose resource matches nothing in any template: a warning naming it and its file', () => {
    const file = config(
      'typo.yaml',
      'suppressions:\n  - id: lambda.tracing-not-active\n    resource: Fnn\n    reason: later\n' +
        '  - id: lambda.no-code-signing\n    resource: Other\n    reason: matches in two.yaml only\n',
    );
    const { code, stdout } = parapet(['scan', '.', '-c', file, '-f', 'json'], dir);
    expect(code).toBe(0);
    expect(warningsOf(stdout).filter((w) => w.includes('matched no finding'))).toEqual([
      'typo.yaml:2:5: suppressions[0] (lambda.tracing-not-active on Fnn) matched no finding in this scan; did you ' +
        'mean resource "Fn"?',
    ]);
  });

  it('an inline suppression naming no check: the file, the line of its id and the check it likely meant', () => {
    const { stdout } = parapet(['scan', 'one.yaml', '-f', 'json'], dir);
    expect(warningsOf(stdout)).toContain(
      'one.yaml:8:13: Fn suppresses "lambda.tracing-not-actve", which names no check (did you mean ' +
        '"lambda.tracing-not-active"?); it suppresses nothing',
    );
  });

  it('options for a check that is off: a warning saying how to turn it on', () => {
    const file = config(
      'vpc.yaml',
      'checks:\n  options:\n    lambda.function-not-in-vpc:\n      requireVpc: false\n',
    );
    const { code, stdout } = parapet(['scan', 'two.yaml', '-c', file, '-f', 'json'], dir);
    expect(code).toBe(0);
    expect(warningsOf(stdout)).toContain(
      'vpc.yaml: checks.options.lambda.function-not-in-vpc: it is off by default and checks.enable does not name ' +
        'it, so its options do nothing; add lambda.function-not-in-vpc to checks.enable to run it (or run it once ' +
        'with --checks lambda.function-not-in-vpc)',
    );
    const named = parapet(
      ['scan', 'two.yaml', '-c', file, '--checks', 'lambda.function-not-in-vpc', '-f', 'json'],
      dir,
    );
    expect(warningsOf(named.stdout).some((w) => w.includes('checks.options'))).toBe(false);
  });

  it('an account id without quotes: exit 2 with the hint to quote it', () => {
    const file = config('accounts.yaml', 'trustedAccounts: [012345678901]\n');
    const { code, stderr } = parapet(['scan', 'two.yaml', '-c', file], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'parapet: accounts.yaml:1:19: trustedAccounts[0] (the 1st entry): 12345678901 is not a 12-digit AWS account id; ' +
        "YAML read it as a number and dropped its leading zeros: write it in quotes, '012345678901'\n",
    );
  });

  it('a bad inline suppression: exit 2, under a heading that does not claim something went unscanned', () => {
    writeFileSync(
      join(dir, 'noreason.yaml'),
      fn('Fn', '    Metadata:\n      parapet:\n        ignore:\n          - id: lambda.tracing-not-active\n'),
    );
    const { code, stdout } = parapet(['scan', 'noreason.yaml'], dir);
    rmSync(join(dir, 'noreason.yaml'));
    expect(code).toBe(2);
    expect(stdout).toContain('\nSCAN ERRORS (1): fix these; the rest of the scan went on\n');
    expect(stdout).toContain('has no reason; a reason is required, so it does not apply');
    expect(stdout).not.toContain('not everything was covered');
  });
});
