import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Check, type CheckOption, defineCheck } from '../../src/checks/define.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { validateCheckOptions, valueProblem } from '../../src/config/check-options.js';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/config.js';
import { scan } from '../../src/scan.js';
import { template } from '../helpers/scan-template.js';
import { runtimeFunction } from '../helpers/templates.js';

const options = (id: string, values: Record<string, unknown>) => ({ checks: { options: { [id]: values } } });
const problemOf = (raw: unknown): string => {
  try {
    parseConfig(raw, 'conf/parapet.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('checks.options: names', () => {
  it('rejects an option the check does not declare, naming the file, the check, the option and the declared ones', () => {
    const message = problemOf(options('lambda.runtime-deprecation-soon', { warnDay: 90 }));
    expect(message).toBe(
      'conf/parapet.yaml: checks.options.lambda.runtime-deprecation-soon: unknown option "warnDay" ' +
        '(did you mean "warnDays"?); lambda.runtime-deprecation-soon takes "warnDays"',
    );
  });

  it('says when a check takes no options at all', () => {
    expect(problemOf(options('lambda.function-url-auth-none', { warnDays: 9 }))).toContain(
      'unknown option "warnDays": lambda.function-url-auth-none takes no options',
    );
  });

  it('does not take an inherited property of a plain object for a declared option', () => {
    expect(problemOf(options('lambda.function-url-auth-none', { toString: 1 }))).toContain(
      'unknown option "toString"',
    );
  });

  it('rejects a check id that matches no check, and a glob or service, which names no single check', () => {
    expect(problemOf(options('lambda.runtime-deprecation-son', { warnDays: 9 }))).toContain(
      'no check matches "lambda.runtime-deprecation-son" in checks.options',
    );
    const glob = problemOf(options('lambda.runtime-*', { warnDays: 9 }));
    expect(glob).toContain('"lambda.runtime-*" is not a check id (it matches 2 checks: ');
    expect(glob).toContain('lambda.runtime-deprecation-soon');
    expect(problemOf(options('lambda', { warnDays: 9 }))).toContain('"lambda" is not a check id');
  });

  it('takes a check id in any case and keys the options by the real id, which the check looks them up by', () => {
    const config = parseConfig(options('Lambda.Runtime-Deprecation-Soon', { warnDays: 30 }));
    expect(config.options).toEqual({ 'lambda.runtime-deprecation-soon': { warnDays: 30 } });
  });

  it('lists every problem in one message', () => {
    const message = problemOf({
      checks: {
        options: {
          'lambda.runtime-deprecation-soon': { warnDays: -1 },
          'lambda.function-not-in-vpc': { requireVPC: false },
        },
      },
    });
    expect(message).toContain('checks.options.lambda.runtime-deprecation-soon.warnDays: ');
    expect(message).toContain('checks.options.lambda.function-not-in-vpc: unknown option "requireVPC"');
    expect(message).toContain('(did you mean "requireVpc"?)');
  });
});

describe('checks.options: values', () => {
  it('rejects warnDays that is not a whole number of days, at least 1', () => {
    for (const bad of ['ninety', 0, -5, 1.5, null, true]) {
      expect(problemOf(options('lambda.runtime-deprecation-soon', { warnDays: bad })), String(bad)).toContain(
        'checks.options.lambda.runtime-deprecation-soon.warnDays: expected a whole number of days, at least 1, got ',
      );
    }
    expect(problemOf(options('lambda.runtime-deprecation-soon', { warnDays: '90' }))).toContain('got "90"');
  });

  it('rejects metrics that are not a non-empty list of Lambda metric names, suggesting the one meant', () => {
    const id = 'lambda.no-error-alarm';
    expect(problemOf(options(id, { metrics: 'Errors' }))).toContain(
      'checks.options.lambda.no-error-alarm.metrics: expected a non-empty list, each one of Invocations, Errors,',
    );
    expect(problemOf(options(id, { metrics: [] }))).toContain('got []');
    expect(problemOf(options(id, { metrics: ['Errors', 'throttle'] }))).toContain(
      '"throttle" is not allowed (did you mean "Throttles"?)',
    );
    expect(problemOf(options(id, { metrics: ['Errors', 'Latency'] }))).toMatch(
      /"Latency" is not allowed; expected/,
    );
  });

  it('rejects a requireVpc that is not true or false', () => {
    for (const bad of ['no', 0, 'false']) {
      expect(problemOf(options('lambda.function-not-in-vpc', { requireVpc: bad }))).toContain(
        'checks.options.lambda.function-not-in-vpc.requireVpc: expected true or false, got ',
      );
    }
  });

  it('accepts good values as they are', () => {
    const config = parseConfig({
      checks: {
        options: {
          'lambda.runtime-deprecation-soon': { warnDays: 1 },
          'lambda.no-error-alarm': { metrics: ['Errors', 'DeadLetterErrors', 'IteratorAge'] },
          'lambda.function-not-in-vpc': { requireVpc: false },
        },
      },
    });
    expect(config.options).toEqual({
      'lambda.runtime-deprecation-soon': { warnDays: 1 },
      'lambda.no-error-alarm': { metrics: ['Errors', 'DeadLetterErrors', 'IteratorAge'] },
      'lambda.function-not-in-vpc': { requireVpc: false },
    });
  });

  it('names the file it read in the error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-config-'));
    try {
      const file = join(dir, 'parapet.yaml');
      writeFileSync(
        file,
        'checks:\n  options:\n    lambda.runtime-deprecation-soon:\n      warnDays: soon\n',
      );
      expect(() => loadConfig(file)).toThrow(
        `${file}:4:17: checks.options.lambda.runtime-deprecation-soon.warnDays: expected a whole number of days, ` +
          'at least 1, got "soon"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('option declarations', () => {
  const declared = ALL_CHECKS.flatMap((check) =>
    Object.entries(check.options ?? {}).map(([name, option]) => ({ check, name, option })),
  );

  it('declares the options the three configurable checks read', () => {
    expect(declared.map((d) => `${d.check.id}.${d.name}`).sort()).toEqual([
      'lambda.function-not-in-vpc.requireVpc',
      'lambda.no-error-alarm.metrics',
      'lambda.runtime-deprecation-soon.warnDays',
    ]);
  });

  it('has a description, and a default its own declaration accepts', () => {
    for (const { check, name, option } of declared) {
      expect(option.description.length, `${check.id}.${name}`).toBeGreaterThan(20);
      expect(valueProblem(option, option.default), `${check.id}.${name}`).toBeUndefined();
    }
  });

  it('is enforced for any check that declares options: number ranges, plain lists, booleans', () => {
    const range: CheckOption = { type: 'number', min: 0.5, max: 2, default: 1, description: 'A ratio.' };
    expect(valueProblem(range, 2)).toBeUndefined();
    expect(valueProblem(range, 0.75)).toBeUndefined();
    expect(valueProblem(range, 3)).toBe('expected a number from 0.5 to 2, got 3');
    const atMost: CheckOption = {
      type: 'number',
      integer: true,
      max: 10,
      default: 1,
      description: 'A count.',
    };
    expect(valueProblem(atMost, 11)).toBe('expected a whole number, at most 10, got 11');
    const names: CheckOption = { type: 'string-list', default: ['a'], description: 'Any names.' };
    expect(valueProblem(names, ['x', 'y'])).toBeUndefined();
    expect(valueProblem(names, ['x', ''])).toBe('expected a non-empty list of strings, got ["x",""]');
    expect(valueProblem(names, [1])).toBe('expected a non-empty list of strings, got [1]');
  });

  it('validates against the checks given, so a new check with options is covered without config changes', () => {
    const custom = defineCheck({
      id: 'test.with-options',
      title: 'A check with options',
      severity: 'low',
      resource: 'lambda.function',
      description: 'For tests.',
      risk: 'None.',
      remediation: { text: 'None.' },
      compliance: {},
      options: { limit: { type: 'number', integer: true, min: 1, default: 3, description: 'How many.' } },
      evaluate: (_fn, ctx) => ctx.pass(),
    }) as Check;
    expect(validateCheckOptions({ 'test.with-options': { limit: 2 } }, [custom])).toEqual({
      options: { 'test.with-options': { limit: 2 } },
      problems: [],
    });
    expect(validateCheckOptions({ 'test.with-options': { limits: 2 } }, [custom]).problems).toEqual([
      {
        message:
          'checks.options.test.with-options: unknown option "limits" (did you mean "limit"?); test.with-options takes "limit"',
        path: ['checks', 'options', 'test.with-options', 'limits'],
        on: 'key',
      },
    ]);
  });
});

describe('validated options reach the check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-options-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'template.yaml');
  // nodejs22.x is deprecated on 2027-04-30: 156 days after the scan date below.
  writeFileSync(file, template(runtimeFunction('nodejs22.x')));
  const soon = ALL_CHECKS.filter((c) => c.id === 'lambda.runtime-deprecation-soon');
  const failures = (raw: unknown) =>
    scan([file], {
      checks: soon,
      config: parseConfig(raw),
      scanDate: new Date('2026-11-25T00:00:00Z'),
      cwd: dir,
    }).findings.filter((f) => f.status === 'fail');

  it('fails with the default warnDays of 180, and passes with warnDays: 30 from parapet.yaml', () => {
    expect(failures({})).toHaveLength(1);
    expect(failures(options('lambda.runtime-deprecation-soon', { warnDays: 30 }))).toEqual([]);
    expect(failures(options('LAMBDA.runtime-deprecation-soon', { warnDays: 30 }))).toEqual([]);
  });
});
