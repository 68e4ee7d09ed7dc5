import { describe, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../helpers/prototype-names.js';

// Names of Object.prototype (`constructor`, `toString`, `__proto__`, ...) as keys of parapet.yaml: refused by
// name like any key that names no check or option, never silently ignored.

/** The error parseConfig throws, or what it read. */
function parsed(raw: Record<string, unknown>): unknown {
  try {
    const config = parseConfig(raw);
    return { severity: config.severityOverrides, options: config.options };
  } catch (error) {
    return (error as Error).message;
  }
}

describe.each(PROTOTYPE_NAMES)('parapet.yaml, with the key %s', (name) => {
  it('in severity, names no check', () => {
    expectLikeOrdinaryName((n) => parsed({ severity: { [n]: 'high' } }), name);
  });

  it('in checks.options, names no check', () => {
    expectLikeOrdinaryName((n) => parsed({ checks: { options: { [n]: { warnDays: 5 } } } }), name);
  });

  it("in a check's options, names no option of the check", () => {
    expectLikeOrdinaryName(
      (n) => parsed({ checks: { options: { 'lambda.runtime-deprecation-soon': { [n]: 5 } } } }),
      name,
    );
  });
});
