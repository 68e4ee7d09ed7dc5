import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parapet, stageTemplate } from '../helpers/cli.js';

describe('parapet usage errors: the error and a one-line hint, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-usage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 't.yaml'), stageTemplate());
  const run = (...args: string[]) => parapet(args, dir);

  it('-p without "=": names the parameter, shows how to write it, and no help page', () => {
    const { code, stdout, stderr } = run('scan', 't.yaml', '-p', 'Stage');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'parapet: -p Stage has no value: write -p Stage=<value>\n(run `parapet scan --help` for usage)\n',
    );
  });

  it('-p with something else than a name before a missing "=": never echoes it (it may be a password)', () => {
    const { code, stderr } = run('scan', 't.yaml', '-p', 'DbPassword:hunter2');
    expect(code).toBe(2);
    expect(stderr).not.toContain('hunter2');
    expect(stderr).toBe(
      'parapet: -p takes Key=Value (-p Stage=prod); one -p value has no "=" or no key (not shown: it may hold ' +
        'a secret)\n(run `parapet scan --help` for usage)\n',
    );
  });

  it("words commander's errors like Parapet's, each with the hint of its command", () => {
    const cases: [string[], string][] = [
      [
        ['scan', 't.yaml', '-f', 'xml'],
        "parapet: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.\n" +
          '(run `parapet scan --help` for usage)\n',
      ],
      [
        ['scan', 't.yaml', '--scan-date', '2026-02-30'],
        "parapet: option '--scan-date <date>' argument '2026-02-30' is invalid. Expected a real date written " +
          'YYYY-MM-DD.\n(run `parapet scan --help` for usage)\n',
      ],
      [['scan', '--bogus'], "parapet: unknown option '--bogus'\n(run `parapet scan --help` for usage)\n"],
      [['checks', '--bogus'], "parapet: unknown option '--bogus'\n(run `parapet checks --help` for usage)\n"],
      [['scna'], "parapet: unknown command 'scna'\n(Did you mean scan?)\n(run `parapet --help` for usage)\n"],
    ];
    for (const [args, stderr] of cases) {
      const result = run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(stderr);
      expect(result.stderr).not.toContain('Options:');
    }
  });

  it('still prints the help page when asked, exit 0', () => {
    const { code, stdout } = run('scan', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Options:');
  });

  it('--checks X --skip-checks X runs nothing: a usage error, not a clean scan', () => {
    const id = 'lambda.tracing-not-active';
    const { code, stdout, stderr } = run('scan', 't.yaml', '--checks', id, '--skip-checks', id);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `parapet: --checks "${id}" runs nothing: --skip-checks "${id}" turns off the check it selects; ` +
        'drop it from one of the two\n',
    );
  });

  it('a --checks glob that only matches checks off by default is a usage error too', () => {
    const { code, stderr } = run('scan', 't.yaml', '--checks', 'lambda.function-not-*');
    expect(code).toBe(2);
    expect(stderr).toContain('runs no check: lambda.function-not-in-vpc is off by default');
  });

  it('-p stage=prod when the template declares Stage: the warning suggests Stage', () => {
    const { code, stdout } = run('scan', 't.yaml', '-p', 'stage=prod', '-f', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).warnings).toContain(
      'parameter stage given with -p is not declared by any scanned template; it was not used (did you mean ' +
        'Stage? parameter names are case-sensitive)',
    );
  });
});
