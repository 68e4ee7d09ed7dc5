import { describe, expect, it } from 'vitest';
import envPlaintextSecret from '../../src/checks/lambda/env-plaintext-secret.js';
import { mergedSegment } from '../../src/model/globals-merge.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../helpers/prototype-names.js';
import { scanTemplate } from '../helpers/scan-template.js';
import { samFunction, samTemplate } from '../helpers/templates.js';

// Names of Object.prototype (`constructor`, `toString`, ...) as the engine walks a finding's property path
// into a SAM function's own properties and those it inherits from Globals, to locate the finding and tell
// which parameter defaults it rests on.

const GITHUB = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

/** A finding's place, status, message and assumptions, for comparing runs. */
function findings(text: string) {
  const { findings: all, errors } = scanTemplate(text, envPlaintextSecret, {});
  return {
    errors: errors.map((e) => e.message),
    findings: all.map((f) => [f.status, f.property, f.location, f.evidence?.variable, f.assumptions]),
  };
}

describe.each(PROTOTYPE_NAMES)('a variable %s inherited from Globals.Function.Environment', (name) => {
  it('is located in Globals, beside the variables the function sets itself', () => {
    expectLikeOrdinaryName(
      (n) =>
        findings(
          samTemplate(
            samFunction('Api', '      Environment:\n        Variables:\n          STAGE: prod\n', 'src/'),
            `Globals:\n  Function:\n    Environment:\n      Variables:\n        ${n}: ${GITHUB}\n`,
          ),
        ),
      name,
    );
  });

  it('rests on the parameter default it takes, not on those of the variables the function sets itself', () => {
    expectLikeOrdinaryName(
      (n) =>
        findings(
          samTemplate(
            samFunction(
              'Api',
              '      Environment:\n        Variables:\n          STAGE: !Ref Stage\n',
              'src/',
            ),
            `Parameters:\n  Stage: {Type: String, Default: prod}\n  Token: {Type: String, Default: ${GITHUB}}\n` +
              `Globals:\n  Function:\n    Environment:\n      Variables:\n        ${n}: !Ref Token\n`,
          ),
        ),
      name,
    );
  });
});

describe.each(PROTOTYPE_NAMES)('mergedSegment, with the key %s on one side only', (name) => {
  it('is undefined on the side that lacks it', () => {
    expect(mergedSegment({ A: '1' }, { [name]: 'x' }, name)).toEqual({
      merge: 'map',
      own: undefined,
      inherited: 'x',
    });
    expect(mergedSegment({ [name]: 'x' }, { A: '1' }, name)).toEqual({
      merge: 'map',
      own: 'x',
      inherited: undefined,
    });
  });
});
