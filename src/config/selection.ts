import type { Check } from '../checks/define.js';
import { checkMatcher, selectChecks, splitPatterns } from '../checks/select.js';
import { listIds } from './names.js';
import type { ConfigProblem } from './problems.js';

/**
 * A check that `checks.enable` names by its id while `checks.disable` also covers it (by id, glob or
 * service): disable wins, so the enable does nothing, and which one the user meant cannot be told.
 * Globs on both sides are fine: `enable: [lambda.*]` with `disable: [lambda.function-not-in-vpc]`
 * says "every lambda check but that one". An entry that is not a name is undefined (so that the others keep
 * their indexes); the problem is at the `checks.enable` entry.
 */
export function selectionConflicts(
  enable: readonly (string | undefined)[],
  disable: readonly (string | undefined)[],
  checks: readonly Check[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const disabling = disable.filter((pattern) => pattern !== undefined);
  for (const [index, entry] of enable.entries()) {
    if (entry === undefined) continue;
    const check = checks.find((c) => c.id.toLowerCase() === entry.trim().toLowerCase());
    if (!check) continue;
    const covering = disabling.filter((pattern) => checkMatcher([pattern])(check.id));
    if (covering.length === 0) continue;
    const by = covering.map((p) => `"${p}"`).join(', ');
    problems.push({
      message:
        `checks.enable names ${check.id} and checks.disable turns it off (${by}): disable wins, so the ` +
        'enable does nothing; remove it from one of the two',
      path: ['checks', 'enable', index],
    });
  }
  return problems;
}

/** Where the checks of a scan are chosen besides `--checks`: `--skip-checks` and the config's lists. */
export interface OtherSelection {
  readonly skip: readonly string[];
  readonly enable: readonly string[];
  readonly disable: readonly string[];
}

/**
 * `--checks` entries that run nothing because `--skip-checks` or the config's `checks.disable` turn off
 * every check they select (`--checks X --skip-checks X`): which one the user meant cannot be told, and a
 * scan that runs nothing would pass. A glob on both sides that leaves some checks is fine.
 */
export function commandLineConflicts(
  only: readonly string[],
  other: OtherSelection,
  checks: readonly Check[],
): string[] {
  const problems: string[] = [];
  for (const entry of splitPatterns(only)) {
    const selected = selectChecks(checks, { only: [entry], enable: other.enable });
    if (selected.length === 0) continue;
    const left = selectChecks(checks, {
      only: [entry],
      enable: other.enable,
      disable: [...other.disable, ...other.skip],
    });
    if (left.length > 0) continue;
    const covering = (patterns: readonly string[]) =>
      splitPatterns(patterns).filter((p) => {
        const matches = checkMatcher([p]);
        return selected.some((c) => matches(c.id));
      });
    const skippedBy = covering(other.skip);
    const disabledBy = covering(other.disable);
    const by = [
      ...(skippedBy.length > 0 ? [`--skip-checks ${quoted(skippedBy)}`] : []),
      ...(disabledBy.length > 0 ? [`checks.disable ${quoted(disabledBy)} in parapet.yaml`] : []),
    ];
    const what = selected.length === 1 ? 'the check it selects' : `all ${selected.length} checks it selects`;
    problems.push(
      `--checks "${entry}" runs nothing: ${by.join(' and ')} turn${by.length === 1 ? 's' : ''} off ${what}; ` +
        'drop it from one of the two',
    );
  }
  return problems;
}

/**
 * Why a scan would run no check at all, when `commandLineConflicts` found no entry to blame: every check
 * `--checks` names is off by default and named only by a glob or service (`--checks lambda.function-not-*`),
 * which does not turn one on; or, without `--checks`, the skips and disables cover every check.
 */
export function emptySelection(
  only: readonly string[],
  other: OtherSelection,
  checks: readonly Check[],
): string {
  if (splitPatterns(only).length > 0) {
    const matches = checkMatcher(only);
    const matched = checks.filter((c) => matches(c.id));
    return (
      `--checks ${quoted(splitPatterns(only))} runs no check: ${listIds(matched)} ${matched.length === 1 ? 'is' : 'are'} ` +
      'off by default, and a glob or service does not turn one on; name each by its id, or enable it in parapet.yaml'
    );
  }
  const by = [
    ...(other.skip.length > 0 ? [`--skip-checks ${quoted(splitPatterns(other.skip))}`] : []),
    ...(other.disable.length > 0
      ? [`checks.disable ${quoted(splitPatterns(other.disable))} in parapet.yaml`]
      : []),
  ];
  return `no check runs: ${by.join(' and ')} turn${by.length === 1 ? 's' : ''} off every check`;
}

function quoted(patterns: readonly string[]): string {
  return patterns.map((p) => `"${p}"`).join(', ');
}
