import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const dir = mkdtempSync(join(tmpdir(), 'parapet-config-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error loading `text` as parapet.yaml gives, with the file named as the user would see it from `dir`. */
function refusal(text: string): string {
  const file = join(dir, 'parapet.yaml');
  writeFileSync(file, text);
  try {
    loadConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.replaceAll(`${dir}/`, '');
  }
  throw new Error('expected the config to be refused');
}

const KEYS = 'version, trustedAccounts, failOn, severity, checks, suppressions';

describe('parapet.yaml problems: file:line:column of the node each is about', () => {
  it('a wrong value: at the value', () => {
    expect(refusal('version: 1\nfailOn:   hihg # typo\n')).toBe(
      'parapet.yaml:2:11: failOn: "hihg" is not allowed; expected one of critical, high, medium, low, info, none',
    );
  });

  it('an unknown key: at the key, at the top and nested, with the key it most likely meant', () => {
    expect(refusal('failOn: high\nbogus: 1\n')).toBe(
      `parapet.yaml:2:1: unknown key "bogus"; the keys here are ${KEYS}`,
    );
    expect(refusal('checks:\n  disable: [iam]\n  enabled: [lambda.function-not-in-vpc]\n')).toBe(
      'parapet.yaml:3:3: checks: unknown key "enabled" (did you mean "enable"?)',
    );
    expect(refusal('suppressions:\n  - id: iam.*\n    reason: r\n    reasn: x\n')).toBe(
      'parapet.yaml:4:5: suppressions[0] (the 1st entry, id "iam.*"): unknown key "reasn" (did you mean "reason"?)',
    );
  });

  it('a missing key: at the entry that lacks it', () => {
    const text =
      'suppressions:\n  - id: iam.*\n    reason: r\n  -   id: lambda.tracing-not-active\n      resource: Fn*\n';
    expect(refusal(text)).toBe(
      'parapet.yaml:4:7: suppressions[1].reason (the 2nd entry, id "lambda.tracing-not-active"): missing; ' +
        'a reason is required',
    );
  });

  it('a key left empty: at the key, as the empty value has no place of its own', () => {
    expect(refusal('suppressions:\n  - id: iam.*\n    reason:\n    expires: 2027-01-01\n')).toBe(
      'parapet.yaml:3:5: suppressions[0].reason (the 1st entry, id "iam.*"): expected text, got nothing',
    );
  });

  it('a date that does not exist: at the date', () => {
    expect(refusal('suppressions:\n  - id: iam.*\n    reason: r\n    expires: 2026-13-01\n')).toBe(
      'parapet.yaml:4:14: suppressions[0].expires (the 1st entry, id "iam.*"): 2026-13-01 is not a real date (no such day)',
    );
  });

  it('a check id that matches no check: at the entry that names it', () => {
    expect(refusal('checks:\n  disable:\n    - iam\n    - lambda.tracing-not-activ\n')).toBe(
      'parapet.yaml:4:7: no check matches "lambda.tracing-not-activ" in checks.disable ' +
        '(did you mean "lambda.tracing-not-active"?)',
    );
    expect(refusal('suppressions:\n  - reason: r\n    id: nope.check\n')).toBe(
      'parapet.yaml:3:9: no check matches "nope.check" in suppressions[0]',
    );
  });

  it('an account id YAML read as a number: at the number', () => {
    expect(refusal('trustedAccounts:\n  - "123456789012"\n  - 12345\n')).toBe(
      'parapet.yaml:3:5: trustedAccounts[1] (the 2nd entry): 12345 is not a 12-digit AWS account id; YAML read ' +
        'it as a number: write account ids in quotes',
    );
  });

  it('a file written in JSON flow style', () => {
    expect(refusal('checks: {disable: [iam, foo]}\n')).toBe(
      'parapet.yaml:1:25: no check matches "foo" in checks.disable',
    );
    expect(refusal('{"checks": {"disable": ["foo"]}, "failOn": "hihg"}\n')).toBe(
      'parapet.yaml: 2 problems:\n' +
        'parapet.yaml:1:25: no check matches "foo" in checks.disable\n' +
        'parapet.yaml:1:44: failOn: "hihg" is not allowed; expected one of critical, high, medium, low, info, none',
    );
  });

  it('keys that name no check, and options: at the key; an option value: at the value', () => {
    expect(
      refusal(
        'severity:\n  lambda.tracing-off: low\nchecks:\n  options:\n    lambda.runtime-deprecation-soon:\n' +
          '      warnDay: 9\n    lambda.function-not-in-vpc: {requireVpc: maybe}\n',
      ),
    ).toBe(
      'parapet.yaml: 3 problems:\n' +
        'parapet.yaml:2:3: no check matches "lambda.tracing-off" in severity\n' +
        'parapet.yaml:6:7: checks.options.lambda.runtime-deprecation-soon: unknown option "warnDay" ' +
        '(did you mean "warnDays"?); lambda.runtime-deprecation-soon takes "warnDays"\n' +
        'parapet.yaml:7:46: checks.options.lambda.function-not-in-vpc.requireVpc: expected true or false, got "maybe"',
    );
  });

  it('a check that checks.enable names and checks.disable turns off: at the enable entry', () => {
    expect(refusal('checks:\n  disable: [lambda.*]\n  enable: [iam, lambda.function-not-in-vpc]\n')).toMatch(
      /^parapet\.yaml:3:17: checks\.enable names lambda\.function-not-in-vpc and checks\.disable turns it off/,
    );
  });

  it('a problem about the whole file has no place rather than a wrong one', () => {
    expect(refusal('failOn high\n')).toBe(
      'parapet.yaml: expected a mapping (key: value), got the text "failOn high"',
    );
  });
});

describe('parapet.yaml problems: all at once, one per line, in the order of the file', () => {
  it('tells every problem of a file, each at its place, the valid parts checked further', () => {
    const text = [
      'trustedAccounts:',
      '  - "123456789012"',
      '  - 12345',
      'severityOverrides:',
      '  lambda.no-code-signing: hgh',
      'suppressions:',
      '  - id: lambda.tracing-not-active',
      '    resource: Fn*',
      '  - id: nope.check',
      '    reason: test',
      '    expires: 2026-13-01',
      'checks:',
      '  disable: [foo]',
      'failOn: hihg',
      'bogus: 1',
      '',
    ].join('\n');
    expect(refusal(text)).toBe(
      [
        'parapet.yaml: 8 problems:',
        'parapet.yaml:3:5: trustedAccounts[1] (the 2nd entry): 12345 is not a 12-digit AWS account id; YAML read ' +
          'it as a number: write account ids in quotes',
        'parapet.yaml:4:1: unknown key "severityOverrides" (did you mean "severity"?)',
        'parapet.yaml:7:5: suppressions[0].reason (the 1st entry, id "lambda.tracing-not-active"): missing; ' +
          'a reason is required',
        'parapet.yaml:9:9: no check matches "nope.check" in suppressions[1]',
        'parapet.yaml:11:14: suppressions[1].expires (the 2nd entry, id "nope.check"): 2026-13-01 is not a real ' +
          'date (no such day)',
        'parapet.yaml:13:13: no check matches "foo" in checks.disable',
        'parapet.yaml:14:9: failOn: "hihg" is not allowed; expected one of critical, high, medium, low, info, none',
        `parapet.yaml:15:1: unknown key "bogus"; the keys here are ${KEYS}`,
      ].join('\n'),
    );
  });

  it('checks severity keys, options and enable against disable while the shape is wrong elsewhere', () => {
    const text =
      'failOn: hihg\nseverity: {lambda.tracing-of: low}\nchecks:\n  enable: [lambda.function-not-in-vpc]\n' +
      '  disable: [lambda.function-*]\n  options: {lambda.function-not-in-vpc: {requireVPC: true}}\n';
    const lines = refusal(text).split('\n');
    expect(lines[0]).toBe('parapet.yaml: 4 problems:');
    expect(lines.slice(1).map((line) => line.split(': ')[0])).toEqual([
      'parapet.yaml:1:9',
      'parapet.yaml:2:12',
      'parapet.yaml:4:12',
      'parapet.yaml:6:42',
    ]);
  });

  it('does not tell a wrong entry twice: an entry of the wrong shape is left out of the later checks', () => {
    expect(refusal('severity:\n  lambda.tracing-of: hgh\n')).toBe(
      'parapet.yaml:2:22: severity.lambda.tracing-of: "hgh" is not allowed (did you mean "high"?); expected one ' +
        'of critical, high, medium, low, info',
    );
    expect(refusal('checks:\n  options:\n    lambda.no-such: 5\n')).toBe(
      'parapet.yaml:3:21: checks.options.lambda.no-such: expected a mapping (key: value), got the number 5',
    );
    expect(refusal('suppressions:\n  - lambda.no-such\n')).toMatch(
      /^parapet\.yaml:2:5: suppressions\[0\] \(the 1st entry\): expected a mapping \(key: value\), got the text/,
    );
  });
});

describe('parapet.yaml: what the reader refuses, with its place', () => {
  it('refuses a YAML syntax error at its line and column', () => {
    expect(refusal('failOn: high\nchecks:\n  disable: [iam\n')).toMatch(/^parapet\.yaml:4:1: /);
  });

  it('refuses tags, CloudFormation short forms included: they are not config', () => {
    expect(refusal('failOn: !Ref Level\n')).toBe('parapet.yaml:1:19: unknown tag !<!Ref>');
    expect(refusal('failOn: !!binary aGk=\n')).toMatch(
      /^parapet\.yaml:1:\d+: unknown tag !<tag:yaml.org,2002:binary>/,
    );
  });

  it('refuses a repeated key, which CloudFormation templates may have but a config must not', () => {
    expect(refusal('failOn: high\nfailOn: low\n')).toBe('parapet.yaml:2:1: duplicated mapping key');
  });

  it('takes no merge key (<<): it is an unknown key like any other', () => {
    expect(refusal('base: &b {failOn: high}\n<<: *b\n')).toBe(
      `parapet.yaml: 2 problems:\nparapet.yaml:1:1: unknown key "base"; the keys here are ${KEYS}\n` +
        `parapet.yaml:2:1: unknown key "<<"; the keys here are ${KEYS}`,
    );
  });

  it('reads a valid file', () => {
    const file = join(dir, 'valid.yaml');
    writeFileSync(
      file,
      'checks: {disable: [iam]}\nsuppressions:\n  - {id: iam.*, reason: r, expires: 2027-01-31}\n',
    );
    // With where the entry and its expiry are written, for the warnings about it later.
    expect(loadConfig(file).suppressions).toEqual([
      {
        id: 'iam.*',
        reason: 'r',
        expires: '2027-01-31',
        at: { line: 3, column: 6 },
        expiresAt: { line: 3, column: 37 },
      },
    ]);
  });
});
