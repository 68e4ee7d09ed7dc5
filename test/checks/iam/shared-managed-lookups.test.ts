import { describe, expect, it } from 'vitest';
import actionCheck from '../../../src/checks/iam/role-wildcard-action.js';
import readCheck from '../../../src/checks/iam/role-wildcard-resource-read.js';
import writeCheck from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { forgetSharedLookups } from '../../../src/iam/write-catalog.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { boundaryPolicy, fn, inline, role } from './fixtures.js';

// What the catalog says of an AWS managed policy's patterns is looked up once per process and shared by every role
// carrying it (write-catalog.ts: sharedLookups; grants.ts: grantsWildcard). What is the role's own (its Denies, its
// permissions boundary) must still be weighed per role: these roles carry the same two policies, and each must get
// the findings it gets when scanned alone.

const POLICIES =
  '      ManagedPolicyArns:\n' +
  '        - arn:aws:iam::aws:policy/ReadOnlyAccess\n' +
  '        - arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy\n';
const DENY = inline(`              - Effect: Deny
                Action: [s3:*, ssm:*, logs:*]
                Resource: '*'
`);
const ROLES = {
  Denied: role('Denied', POLICIES + DENY) + fn('DeniedFn', '!GetAtt Denied.Arn'),
  Bounded:
    role('Bounded', `      PermissionsBoundary: !Ref Boundary\n${POLICIES}`) +
    fn('BoundedFn', '!GetAtt Bounded.Arn'),
  Open: role('Open', POLICIES) + fn('OpenFn', '!GetAtt Open.Arn'),
};
const BOUNDARY = boundaryPolicy('[ssm:GetParameter, cloudwatch:PutMetricData]');
const CHECKS = [readCheck, writeCheck, actionCheck];

/** Each role's findings, `checkId status message`, sorted. */
function byRole(text: string): Record<string, string[]> {
  const { findings, errors } = scanTemplate(text, CHECKS);
  expect(errors).toEqual([]);
  const found: Record<string, string[]> = {};
  for (const f of findings)
    found[f.resource.id] = [...(found[f.resource.id] ?? []), `${f.checkId} ${f.status} ${f.message}`];
  for (const list of Object.values(found)) list.sort();
  return found;
}

describe('AWS managed policies read once for every role carrying them', () => {
  it('gives each role its own Denies and boundary, as when it is scanned alone', () => {
    // Each role alone on empty shared lookups, so that what another role's analysis left there cannot be in it.
    const alone = Object.entries(ROLES).map(([id, resources]) => {
      forgetSharedLookups();
      return [id, byRole(template(resources + BOUNDARY))[id]] as const;
    });
    // The role with the Deny first, so that it is the one whose analysis fills the shared lookups.
    forgetSharedLookups();
    const together = byRole(template(ROLES.Denied + ROLES.Bounded + ROLES.Open + BOUNDARY));
    for (const [id, found] of alone) expect(together[id], id).toEqual(found);
    const read = (id: string) => together[id]?.filter((f) => f.startsWith('iam.role-wildcard-resource-read'));
    // The Deny takes back the S3 and SSM reads of the second statement, for this role alone.
    expect(read('Denied')).toEqual([
      expect.stringContaining('Sid ReadOnlyActionsGroup1: Allow grants sensitive reads'),
      expect.stringContaining(
        'Sid ReadOnlyActionsGroup2: Allow grants sensitive reads ("kinesis:Get*", "lambda:Get*", "sqs:Receive*") ' +
          'on every resource: kinesis:GetRecords, lambda:GetFunction, sqs:ReceiveMessage (the Deny of inline ' +
          'policy app, Statement[0] cancels 6 sensitive reads of s3:*, ssm:*, logs:*).',
      ),
    ]);
    // The boundary lets only ssm:GetParameter through.
    expect(read('Bounded')).toEqual([
      expect.stringMatching(
        /Sid ReadOnlyActionsGroup2: .* on every resource: ssm:GetParameter; its permissions boundary Boundary/,
      ),
    ]);
    expect(read('Open')).toEqual([
      expect.stringContaining('Sid ReadOnlyActionsGroup1'),
      expect.stringContaining('s3:GetObject, s3:GetObjectVersion, sqs:ReceiveMessage and 4 more.'),
    ]);
    const write = (id: string) =>
      together[id]?.find((f) => f.startsWith('iam.role-wildcard-resource-write'))?.split(' ')[1];
    expect(['Denied', 'Bounded', 'Open'].map(write)).toEqual(['pass', 'pass', 'fail']);
  });
});
