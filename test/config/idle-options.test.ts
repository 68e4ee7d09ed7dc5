import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { selectChecks } from '../../src/checks/select.js';
import { parseConfig } from '../../src/config/config.js';
import { optionsOfChecksOff } from '../../src/config/idle-options.js';

const VPC = 'lambda.function-not-in-vpc';

/** The warnings for a config as the scan would run it, with `--checks` / `--skip-checks` when given. */
function warnings(raw: unknown, only?: string[], skip: string[] = []) {
  const config = parseConfig(raw);
  const run = selectChecks(ALL_CHECKS, {
    ...(only ? { only } : {}),
    enable: config.enable,
    disable: [...config.disable, ...skip],
  });
  return optionsOfChecksOff(config, ALL_CHECKS, run, 'parapet.yaml');
}

describe('options of a check that the config leaves off', () => {
  const options = { options: { [VPC]: { requireVpc: false } } };

  it('warns when the check is off by default and not enabled, saying how to enable it', () => {
    expect(warnings({ checks: options })).toEqual([
      `parapet.yaml: checks.options.${VPC}: it is off by default and checks.enable does not name it, so its ` +
        `options do nothing; add ${VPC} to checks.enable to run it (or run it once with --checks ${VPC})`,
    ]);
  });

  it('warns when checks.disable turns it off, naming the entry', () => {
    expect(warnings({ checks: { ...options, enable: [], disable: ['lambda.function-*'] } })).toEqual([
      `parapet.yaml: checks.options.${VPC}: checks.disable turns it off ("lambda.function-*"), so its options ` +
        'do nothing; remove it from checks.disable to run it',
    ]);
  });

  it('says nothing when the check runs: enabled by id or glob, or named with --checks', () => {
    expect(warnings({ checks: { ...options, enable: [VPC] } })).toEqual([]);
    expect(warnings({ checks: { ...options, enable: ['lambda.*'] } })).toEqual([]);
    expect(warnings({ checks: options }, [VPC])).toEqual([]);
  });

  it('says nothing when only this run left it out: the config is right', () => {
    expect(warnings({ checks: { ...options, enable: [VPC] } }, ['iam'])).toEqual([]);
    expect(warnings({ checks: { ...options, enable: [VPC] } }, undefined, [VPC])).toEqual([]);
  });

  it('warns about a check that is on by default only when the config disables it', () => {
    const soon = { options: { 'lambda.runtime-deprecation-soon': { warnDays: 30 } } };
    expect(warnings({ checks: soon })).toEqual([]);
    expect(warnings({ checks: { ...soon, disable: ['lambda.runtime-*'] } })).toHaveLength(1);
  });
});
