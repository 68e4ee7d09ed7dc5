import type { Check } from '../checks/define.js';
import { checkMatcher } from '../checks/select.js';

/**
 * A check that `checks.enable` names by its id while `checks.disable` also covers it (by id, glob or
 * service): disable wins, so the enable does nothing, and which one the user meant cannot be told.
 * Globs on both sides are fine: `enable: [lambda.*]` with `disable: [lambda.function-not-in-vpc]`
 * says "every lambda check but that one".
 */
export function selectionConflicts(
  enable: readonly string[],
  disable: readonly string[],
  checks: readonly Check[],
): string[] {
  const problems: string[] = [];
  for (const entry of enable) {
    const check = checks.find((c) => c.id.toLowerCase() === entry.trim().toLowerCase());
    if (!check) continue;
    const covering = disable.filter((pattern) => checkMatcher([pattern])(check.id));
    if (covering.length === 0) continue;
    const by = covering.map((p) => `"${p}"`).join(', ');
    problems.push(
      `checks.enable names ${check.id} and checks.disable turns it off (${by}): disable wins, so the ` +
        'enable does nothing; remove it from one of the two',
    );
  }
  return problems;
}
