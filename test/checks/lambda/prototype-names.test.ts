import { describe, it } from 'vitest';
import functionNotInVpc from '../../../src/checks/lambda/function-not-in-vpc.js';
import confusedDeputy from '../../../src/checks/lambda/permission-confused-deputy.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../../helpers/prototype-names.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, permissionTemplate, policyRole } from '../../helpers/templates.js';

// Names of Object.prototype (`constructor`, `__proto__`, ...) where a check looks a name from the template up:
// the service of a principal, the service of an ARN.

/** The findings and errors of a scan, as plain data. */
function outcome(scan: ReturnType<typeof scanTemplate>) {
  return {
    errors: scan.errors.map((e) => e.message),
    findings: scan.findings.map((f) => [f.status, f.message]),
  };
}

/** A service principal's prefix is lower-case letters, digits and hyphens: of these names, `constructor`. */
const PRINCIPAL_SERVICES = PROTOTYPE_NAMES.filter((name) => /^[a-z0-9-]+$/.test(name));

describe.each(PRINCIPAL_SERVICES)(
  'lambda.permission-confused-deputy, with the service principal %s',
  (name) => {
    it('says what pins it as for any service it has no advice for', () => {
      expectLikeOrdinaryName(
        (n) => outcome(scanTemplate(permissionTemplate(`${n}.amazonaws.com`), confusedDeputy)),
        name,
        'undeclared',
      );
    });
  },
);

describe.each(PROTOTYPE_NAMES)('lambda.function-not-in-vpc, with an ARN of the service %s', (name) => {
  it('reads a grant on it as on any service whose resources it does not know', () => {
    expectLikeOrdinaryName((n) => {
      const role = policyRole(
        'p',
        `              - Effect: Allow
                Action: '*'
                Resource: arn:aws:${n}:us-east-1:123456789012:thing/one
`,
      );
      const text = template(lambdaFunction('Fn', '', '!GetAtt Role.Arn') + role);
      const options = { 'lambda.function-not-in-vpc': { requireVpc: false } };
      return outcome(scanTemplate(text, functionNotInVpc, { settings: { options } }));
    }, name);
  });
});
