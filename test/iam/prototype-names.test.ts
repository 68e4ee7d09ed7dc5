import { describe, expect, it } from 'vitest';
import { restrictingConditions } from '../../src/iam/conditions.js';
import { typeScopeOf, typeWords } from '../../src/iam/resource-scope.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../helpers/prototype-names.js';
import { st } from './fixtures.js';

// Names of Object.prototype (`constructor`, `__proto__`, ...) where IAM analysis looks up a name a policy
// writes: a condition key, the service of an ARN.

describe.each(PROTOTYPE_NAMES)('restrictingConditions, with the condition key %s', (name) => {
  it.each(['public', 'confused-deputy'] as const)(
    'reads it as a key that does not restrict (%s)',
    (purpose) => {
      expectLikeOrdinaryName((n) => {
        const statement = st({
          action: 'lambda:InvokeFunction',
          principal: '*',
          condition: { StringEquals: { [n]: ['1'] } },
        });
        return restrictingConditions(statement, purpose);
      }, name);
    },
  );
});

/** An ARN's service is lower-case letters, digits and hyphens: of these names, `constructor`. */
const ARN_SERVICES = PROTOTYPE_NAMES.filter((name) => /^[a-z0-9-]+$/.test(name));

describe.each(ARN_SERVICES)('typeWords, with the service %s', (name) => {
  it('names it as written, as any service it has no name for', () => {
    const scope = typeScopeOf(`arn:aws:${name}:*:*:*`);
    expect(scope && typeWords(scope)).toBe(`every ${name} resource`);
  });
});
