import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/config.js';

describe('parapet.yaml', () => {
  it('reads every documented key', () => {
    const config = parseConfig({
      version: 1,
      trustedAccounts: ['123456789012', 210987654321],
      failOn: 'high',
      severity: { 'lambda.tracing-not-active': 'medium' },
      checks: {
        enable: ['lambda.function-not-in-vpc'],
        disable: ['lambda.no-reserved-concurrency'],
        options: { 'lambda.runtime-deprecation-soon': { warnDays: 90 } },
      },
      suppressions: [
        { id: 'iam.*', resource: 'Log*', reason: 'CDK helper', expires: new Date('2027-06-30') },
      ],
    });
    expect(config.trustedAccounts).toEqual(['123456789012', '210987654321']);
    expect(config.failOn).toBe('high');
    expect(config.enable).toEqual(['lambda.function-not-in-vpc']);
    expect(config.options['lambda.runtime-deprecation-soon']).toEqual({ warnDays: 90 });
    expect(config.suppressions[0]?.expires).toBe('2027-06-30');
  });

  it('names an unknown key, also a nested one, with the key it most likely meant', () => {
    expect(() => parseConfig({ trustedAcounts: [] })).toThrow(
      'parapet.yaml: unknown key "trustedAcounts" (did you mean "trustedAccounts"?)',
    );
    expect(() => parseConfig({ checks: { enabled: [] } })).toThrow(
      'parapet.yaml: checks: unknown key "enabled" (did you mean "enable"?)',
    );
    expect(() => parseConfig({ suppressions: [{ id: 'iam.*', reason: 'r', reasn: 'x' }] })).toThrow(
      'parapet.yaml: suppressions[0] (the 1st entry, id "iam.*"): unknown key "reasn" (did you mean "reason"?)',
    );
  });

  it('lists the keys when no known key is close', () => {
    expect(() => parseConfig({ colour: true })).toThrow(
      'parapet.yaml: unknown key "colour"; the keys here are version, trustedAccounts, failOn, severity, checks, suppressions',
    );
  });

  it('requires a reason on every suppression, naming the entry by index (from 0), place and id', () => {
    expect(() => parseConfig({ suppressions: [{ id: 'iam.*', reason: ' ' }] })).toThrow(ConfigError);
    const entries = [
      { id: 'lambda.*', reason: 'r' },
      { id: 'logs.*', reason: 'r' },
      { id: 'apigateway', reason: 'r' },
      { id: 'iam.*' },
    ];
    expect(() => parseConfig({ suppressions: entries })).toThrow(
      'parapet.yaml: suppressions[3].reason (the 4th entry, id "iam.*"): missing; a reason is required',
    );
  });

  it('lists the allowed values of failOn and of a severity', () => {
    expect(() => parseConfig({ failOn: 'severe' })).toThrow(
      'parapet.yaml: failOn: "severe" is not allowed; expected one of critical, high, medium, low, info, none',
    );
    expect(() => parseConfig({ severity: { 'lambda.tracing-not-active': 'hi' } })).toThrow(
      'severity.lambda.tracing-not-active: "hi" is not allowed; expected one of critical, high, medium, low, info',
    );
    expect(() => parseConfig({ failOn: 'Hihg' })).toThrow(/"Hihg" is not allowed; expected one of/);
    expect(() => parseConfig({ failOn: 'HIGH' })).toThrow(/"HIGH" is not allowed \(did you mean "high"\?\)/);
  });

  it('says "a mapping (key: value)" and "a list", not the validator\'s words', () => {
    expect(() => parseConfig({ severity: 3 })).toThrow(
      'parapet.yaml: severity: expected a mapping (key: value), got the number 3',
    );
    expect(() => parseConfig({ suppressions: { id: 'x' } })).toThrow(
      'parapet.yaml: suppressions: expected a list, got a mapping',
    );
    expect(() => parseConfig('failOn high')).toThrow(
      'parapet.yaml: expected a mapping (key: value), got the text "failOn high"',
    );
  });

  it('shows how to write a suppression given as a plain check id', () => {
    expect(() => parseConfig({ suppressions: ['lambda.tracing-not-active'] })).toThrow(
      'parapet.yaml: suppressions[0] (the 1st entry): expected a mapping (key: value), got the text ' +
        '"lambda.tracing-not-active"; write "- id: lambda.tracing-not-active" with a "reason:" below it',
    );
  });

  it('rejects wrong values with their path', () => {
    expect(() => parseConfig({ version: 2 })).toThrow('version: 2 is not allowed; expected 1');
    expect(() => parseConfig({ trustedAccounts: ['123456789012', '12345'] })).toThrow(
      'trustedAccounts[1] (the 2nd entry): "12345" is not a 12-digit AWS account id',
    );
    expect(() => parseConfig({ suppressions: [{ id: 'x.y', reason: 'r', expires: 'next year' }] })).toThrow(
      'suppressions[0].expires (the 1st entry, id "x.y"): next year is not a date (YYYY-MM-DD)',
    );
  });

  it('puts several problems one per line', () => {
    expect(() => parseConfig({ failOn: 'severe', colour: true })).toThrow(
      'parapet.yaml: 2 problems:\nparapet.yaml: failOn: "severe" is not allowed; expected one of critical, high, medium, low, info, none\n' +
        'parapet.yaml: unknown key "colour"; the keys here are version, trustedAccounts, failOn, severity, checks, suppressions',
    );
  });

  it('refuses a check that checks.enable names and checks.disable turns off again', () => {
    expect(() =>
      parseConfig({ checks: { enable: ['lambda.function-not-in-vpc'], disable: ['lambda.*'] } }),
    ).toThrow(
      'parapet.yaml: checks.enable names lambda.function-not-in-vpc and checks.disable turns it off ("lambda.*"): ' +
        'disable wins, so the enable does nothing; remove it from one of the two',
    );
    expect(() =>
      parseConfig({
        checks: { enable: ['lambda.function-not-in-vpc'], disable: ['lambda.function-not-in-vpc'] },
      }),
    ).toThrow(/checks.enable names lambda.function-not-in-vpc and checks.disable turns it off/);
    // A glob on both sides says "all of these but that one": fine.
    expect(
      parseConfig({ checks: { enable: ['lambda.*'], disable: ['lambda.function-not-in-vpc'] } }).disable,
    ).toEqual(['lambda.function-not-in-vpc']);
  });

  it('guesses the check a misspelt id meant', () => {
    expect(() => parseConfig({ severity: { 'lambda.tracing-not-activ': 'low' } })).toThrow(
      'no check matches "lambda.tracing-not-activ" in severity (did you mean "lambda.tracing-not-active"?)',
    );
  });

  it('refuses ids and globs in checks.enable, checks.disable and suppressions that match no check', () => {
    expect(() => parseConfig({ checks: { disable: ['lambda.tracing-not-activ'] } })).toThrow(
      'parapet.yaml: no check matches "lambda.tracing-not-activ" in checks.disable (did you mean "lambda.tracing-not-active"?)',
    );
    expect(() =>
      parseConfig({
        checks: { enable: ['lamda.*'] },
        suppressions: [{ id: 'lambda.no-such-check', reason: 'typo' }],
      }),
    ).toThrow(
      'parapet.yaml: 2 problems:\n' +
        'parapet.yaml: no check matches "lamda.*" in checks.enable\n' +
        'parapet.yaml: no check matches "lambda.no-such-check" in suppressions[0]',
    );
    // Told together with the file's other problems, not only once those are fixed.
    expect(() =>
      parseConfig({
        suppressions: [{ id: 'lambda.no-such-check', reason: 'typo' }, { id: 'lambda.tracing-not-active' }],
      }),
    ).toThrow(
      /2 problems:\nparapet\.yaml: .*reason.*\nparapet\.yaml: no check matches "lambda\.no-such-check" in suppressions\[0\]$/,
    );
    // Globs and services that match some check are fine wherever a check is named.
    const config = parseConfig({
      checks: { enable: ['lambda.*'], disable: ['iam'] },
      suppressions: [{ id: 'logs.*', reason: 'later' }],
    });
    expect(config.disable).toEqual(['iam']);
  });
});

describe('parapet.yaml suppression dates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-config-dates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (expires: string) => {
    const file = join(dir, 'parapet.yaml');
    writeFileSync(
      file,
      `suppressions:\n  - id: lambda.tracing-not-active\n    reason: later\n    expires: ${expires}\n`,
    );
    return loadConfig(file);
  };

  it('keeps an unquoted date as the text written', () => {
    expect(load('2027-06-30').suppressions[0]?.expires).toBe('2027-06-30');
  });

  it('refuses a date that does not exist instead of rolling it over (2027-13-45 is not 2028-02-14)', () => {
    expect(() => load('2027-13-45')).toThrow(
      'parapet.yaml:4:14: suppressions[0].expires (the 1st entry, id "lambda.tracing-not-active"): 2027-13-45 is not a real date (no such day)',
    );
  });

  it('refuses a date written another way', () => {
    expect(() => load('31/12/2027')).toThrow('31/12/2027 is not a date (YYYY-MM-DD)');
    expect(() => load('2027-06-30T12:00:00Z')).toThrow('2027-06-30T12:00:00Z is not a date (YYYY-MM-DD)');
  });
});

describe('a parapet.yaml Parapet does not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-config-unread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('is an error where aliases expand it past a million values (a billion laughs), told at once', () => {
    // Each anchor names the last ten times: 10^29 values, where the validation walks every one it reads.
    const anchors = ['  - &a0 {id: lambda.tracing-not-active, reason: later}'];
    for (let i = 1; i < 30; i++)
      anchors.push(
        `  - &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const file = write('laughs.yaml', `version: 1\nsuppressions:\n${anchors.join('\n')}\n`);
    const start = Date.now();
    expect(() => loadConfig(file)).toThrow(
      new ConfigError(
        `${file}:9:5: aliases expand this file to more than 1,000,000 values (anchors naming others more than once, in a chain), which Parapet does not read`,
      ),
    );
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it('is an error where aliases nest a value deeper than 200 levels', () => {
    const anchors = ['  - &a0 [x]'];
    for (let i = 1; i <= 250; i++) anchors.push(`  - &a${i} [*a${i - 1}]`);
    const file = write('deep.yaml', `version: 1\nsuppressions:\n${anchors.join('\n')}\n`);
    expect(() => loadConfig(file)).toThrow(
      new ConfigError(
        `${file}:200:5: suppressions.198.0 nests maps and lists deeper than 200 levels, which Parapet does not read`,
      ),
    );
  });

  it("is an error in its own words where maps and lists are written nested past the YAML reader's 100 levels", () => {
    // js-yaml stops at 100 levels with "nesting exceeded maxDepth (100)": told as aliases nested too deep are, with the
    // keys down to where it stopped.
    const flow = write('flow.yaml', `version: 1\nsuppressions:\n  - ${'['.repeat(101)}${']'.repeat(101)}\n`);
    expect(() => loadConfig(flow)).toThrow(
      new ConfigError(
        `${flow}:3:102: suppressions.0.0.0.0.0... nests maps and lists deeper than 100 levels, which Parapet does not read`,
      ),
    );
    const keys = Array.from({ length: 101 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`);
    const block = write('block.yaml', `version: 1\nchecks:\n${keys.join('\n')} x\n`);
    expect(() => loadConfig(block)).toThrow(
      new ConfigError(
        `${block}:101:199: checks.k0.k1.k2.k3.k4... nests maps and lists deeper than 100 levels, which Parapet does not read`,
      ),
    );
    // Within the reader's depth, the file is validated as any other; other parse errors keep the reader's words.
    const shallow = write(
      'shallow.yaml',
      `version: 1\nsuppressions:\n  - ${'['.repeat(90)}${']'.repeat(90)}\n`,
    );
    expect(() => loadConfig(shallow)).toThrow(/suppressions\[0\]/);
    const tab = write('tab.yaml', 'version: 1\nchecks:\n\tdisable: []\n');
    expect(() => loadConfig(tab)).toThrow(/tab\.yaml:3:1: .*tab/);
  });

  it('is an error over 1 MB, and when it is no regular file (-c /dev/zero would never end)', () => {
    const big = write(
      'big.yaml',
      `version: 1\n${'# a comment line, repeated to fill the file\n'.repeat(25_000)}`,
    );
    expect(() => loadConfig(big)).toThrow(
      new ConfigError(`${big}: not read: 1.05 MB is over the 1 MB Parapet reads of a configuration file`),
    );
    expect(() => loadConfig(dir)).toThrow(new ConfigError(`${dir}: cannot read (not a regular file)`));
    expect(() => loadConfig('/dev/zero')).toThrow(
      new ConfigError('/dev/zero: cannot read (not a regular file)'),
    );
  });

  // `-c /dev/stdin` and `-c <(...)` give a pipe, which has no size to check before it is read.
  it('reads a named pipe, up to 1 MB', () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    // A writer of its own (spawned now, running while loadConfig reads): what a shell's `<(...)` makes.
    const writer = spawn('sh', ['-c', 'printf "%s" "$0" > "$1"', 'version: 1\nfailOn: high\n', fifo]);
    expect(loadConfig(fifo).failOn).toBe('high');
    writer.kill();
    const flood = spawn('sh', ['-c', 'head -c 3000000 /dev/zero | tr "\\0" "#" > "$0"', fifo]);
    expect(() => loadConfig(fifo)).toThrow(
      new ConfigError(`${fifo}: not read: it holds more than the 1 MB Parapet reads of a configuration file`),
    );
    flood.kill();
  });
});
