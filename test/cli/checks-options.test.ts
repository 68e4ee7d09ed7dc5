import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parapet } from '../helpers/cli.js';

describe('parapet checks <id>: options', () => {
  it('shows each option with its default and description', () => {
    const { code, stdout } = parapet(['checks', 'lambda.runtime-deprecation-soon']);
    expect(code).toBe(0);
    expect(stdout).toContain('## Options');
    expect(stdout).toContain('    lambda.runtime-deprecation-soon:\n      warnDays: 180\n');
    expect(stdout).toContain("- `warnDays`: How many days before a runtime's deprecation date");
    expect(stdout).toContain('Default: `180`.');
  });

  it('has the declarations in the JSON list', () => {
    const list = JSON.parse(parapet(['checks', 'lambda.no-error-alarm', '--json']).stdout);
    expect(list[0].options.metrics).toMatchObject({
      type: 'string-list',
      default: ['Errors', 'Throttles'],
    });
    expect(list[0].options.metrics.values).toContain('DeadLetterErrors');
  });

  it('shows no options section for a check without options', () => {
    expect(parapet(['checks', 'lambda.function-url-auth-none']).stdout).not.toContain('## Options');
  });
});

describe('parapet scan: check options in parapet.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-options-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const configWith = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('exits 2 on an option the check does not declare, naming the file, the check, the option and the declared ones', () => {
    const config = configWith(
      'typo.yaml',
      'checks:\n  options:\n    lambda.runtime-deprecation-soon:\n      warnDay: 90\n',
    );
    const { code, stdout, stderr } = parapet(['scan', 'examples/secure-app', '-c', config]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `parapet: ${config}:4:7: checks.options.lambda.runtime-deprecation-soon: unknown option "warnDay" ` +
        '(did you mean "warnDays"?); lambda.runtime-deprecation-soon takes "warnDays"\n',
    );
  });

  it('exits 2 on a value of the wrong type', () => {
    const config = configWith(
      'type.yaml',
      'checks:\n  options:\n    lambda.function-not-in-vpc: { requireVpc: "no" }\n',
    );
    const { code, stderr } = parapet(['scan', 'examples/secure-app', '-c', config]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'checks.options.lambda.function-not-in-vpc.requireVpc: expected true or false, got "no"',
    );
  });

  it('runs with good options', () => {
    const config = configWith(
      'good.yaml',
      'checks:\n  options:\n    lambda.runtime-deprecation-soon: { warnDays: 30 }\n    lambda.no-error-alarm: { metrics: [Errors] }\n',
    );
    const { code, stderr } = parapet(['scan', 'examples/secure-app', '-c', config]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
