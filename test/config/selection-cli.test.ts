import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { commandLineConflicts, emptySelection } from '../../src/config/selection.js';

const TRACING = 'lambda.tracing-not-active';
const none = { skip: [], enable: [], disable: [] };

describe('--checks entries that --skip-checks or checks.disable turn off entirely', () => {
  it('refuses the same check on both sides, like the config refuses enable + disable', () => {
    expect(commandLineConflicts([TRACING], { ...none, skip: [TRACING] }, ALL_CHECKS)).toEqual([
      `--checks "${TRACING}" runs nothing: --skip-checks "${TRACING}" turns off the check it selects; ` +
        'drop it from one of the two',
    ]);
  });

  it('refuses a service skipped by a glob, and says when the config is the one that turns it off', () => {
    const [logs] = commandLineConflicts(['logs'], { ...none, skip: ['logs.*'] }, ALL_CHECKS);
    expect(logs).toMatch(
      /^--checks "logs" runs nothing: --skip-checks "logs\.\*" turns off all \d+ checks it selects;/,
    );
    expect(commandLineConflicts([`${TRACING},iam`], { ...none, disable: ['lambda'] }, ALL_CHECKS)).toEqual([
      `--checks "${TRACING}" runs nothing: checks.disable "lambda" in parapet.yaml turns off the check it selects; ` +
        'drop it from one of the two',
    ]);
    expect(
      commandLineConflicts([TRACING], { skip: [TRACING], enable: [], disable: ['lambda.*'] }, ALL_CHECKS)[0],
    ).toContain(`--skip-checks "${TRACING}" and checks.disable "lambda.*" in parapet.yaml turn off`);
  });

  it('accepts a selection the skips narrow but do not empty', () => {
    expect(commandLineConflicts(['lambda'], { ...none, skip: [TRACING] }, ALL_CHECKS)).toEqual([]);
    expect(commandLineConflicts([], { ...none, skip: [TRACING] }, ALL_CHECKS)).toEqual([]);
  });
});

describe('a selection that runs no check for another reason', () => {
  it('says a glob does not turn on a check that is off by default', () => {
    expect(emptySelection(['lambda.function-not-*'], none, ALL_CHECKS)).toBe(
      '--checks "lambda.function-not-*" runs no check: lambda.function-not-in-vpc is off by default, and a glob ' +
        'or service does not turn one on; name each by its id, or enable it in parapet.yaml',
    );
  });

  it('names the skips and disables that cover every check', () => {
    expect(emptySelection([], { ...none, skip: ['*'] }, ALL_CHECKS)).toBe(
      'no check runs: --skip-checks "*" turns off every check',
    );
  });
});
