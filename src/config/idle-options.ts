import type { Check } from '../checks/define.js';
import { checkMatcher, selectChecks } from '../checks/select.js';
import type { Config } from './types.js';

/**
 * One warning per check that parapet.yaml sets options for but that the config leaves off: off by
 * default and not in `checks.enable`, or turned off by `checks.disable`. Its options then do nothing,
 * which nobody would guess from `requireVpc: false` sitting in the file. A check left out only by this
 * run's `--checks` / `--skip-checks` is not warned about: the config is right, the run chose. `run` is
 * the checks this scan runs; `file` the config as shown.
 */
export function optionsOfChecksOff(
  config: Config,
  checks: readonly Check[],
  run: readonly Check[],
  file: string,
): string[] {
  const onByConfig = new Set(selectChecks(checks, { enable: config.enable, disable: config.disable }));
  const warnings: string[] = [];
  for (const [id, values] of Object.entries(config.options)) {
    const check = checks.find((c) => c.id === id);
    if (!check || run.includes(check) || onByConfig.has(check) || Object.keys(values).length === 0) continue;
    const disabledBy = config.disable.filter((pattern) => checkMatcher([pattern])(id));
    const why =
      disabledBy.length > 0
        ? `checks.disable turns it off (${disabledBy.map((p) => `"${p}"`).join(', ')}), so its options do nothing; ` +
          'remove it from checks.disable to run it'
        : `it is off by default and checks.enable does not name it, so its options do nothing; add ${id} to ` +
          `checks.enable to run it (or run it once with --checks ${id})`;
    warnings.push(`${file}: checks.options.${id}: ${why}`);
  }
  return warnings;
}
