// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import layerCheck from '../../../src/checks/lambda/layer-untrusted-account.js';
import permissionCheck from '../../../src/checks/lambda/permission-untrusted-account.js';
import { scanTemplate, type TemplateScanOptions, template } from '../../helpers/scan-template.js';
import { lambdaFunction, permissionTemplate } from '../../helpers/templates.js';

/**
 * Both checks ask one question of a literal account id: is it the account the template deploys to (always trusted) or
 * another? Without a trusted list naming it, only the input can tell (a CDK manifest's environment: ownAccount).
 */
const ACCOUNT = '111122223333';
const LAYER = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared:4`;

const layerOf = (arn: string) => template(lambdaFunction('Fn', `      Layers:\n        - ${arn}\n`));

/** The status and message of each check for `ACCOUNT` as a layer publisher and as a permission's principal. */
function verdicts(options: TemplateScanOptions = {}) {
  const layer = scanTemplate(layerOf(LAYER), layerCheck, options).findings;
  const principal = scanTemplate(permissionTemplate(`'${ACCOUNT}'`), permissionCheck, options).findings;
  return { layer, principal, statuses: [...layer, ...principal].map((f) => f.status) };
}

describe('the account a template deploys to, for layers and permissions alike', () => {
  it('is unknown for a literal account when the template does not say which account it deploys to', () => {
    const { layer, principal, statuses } = verdicts();
    expect(statuses).toEqual(['unknown', 'unknown']);
    expect(layer[0]?.message).toBe(
      `Layer ${LAYER}: published by account ${ACCOUNT}, which is neither AWS, a known vendor, nor in trustedAccounts, and the ` +
        'template does not say whether that is the account it is deployed to (if it is, or if you trust it, add it to ' +
        `parapet.yaml: trustedAccounts: ['${ACCOUNT}']).`,
    );
    expect(principal[0]?.message).toContain('does not say whether it is the account it is deployed to');
  });

  it('passes both when the stack deploys to that account', () => {
    const { layer, principal, statuses } = verdicts({ ownAccount: ACCOUNT });
    expect(statuses).toEqual(['pass', 'pass']);
    expect(layer[0]?.message).toContain('published by the account the function is deployed to');
    expect(principal[0]?.message).toBe('the principal is the account the function is deployed to');
  });

  it('fails both when the stack deploys to another account, saying which', () => {
    const { layer, principal, statuses } = verdicts({ ownAccount: '444455556666' });
    expect(statuses).toEqual(['fail', 'fail']);
    expect(layer[0]?.message).toContain(
      `is published by account ${ACCOUNT}, which is neither AWS, nor the account the function is deployed to ` +
        `(444455556666), nor in trustedAccounts`,
    );
    expect(principal[0]?.message).toBe(
      `The permission grants ${ACCOUNT}: account ${ACCOUNT} is neither the account the resource is deployed to ` +
        '(444455556666) nor a trusted account.',
    );
    expect(principal[0]?.evidence).toEqual({ principal: ACCOUNT, account: ACCOUNT });
  });

  it('passes both for an account in trustedAccounts, whichever account the stack deploys to', () => {
    const trusted = { settings: { trustedAccounts: [ACCOUNT] } };
    expect(verdicts(trusted).statuses).toEqual(['pass', 'pass']);
    expect(verdicts({ ...trusted, ownAccount: '444455556666' }).statuses).toEqual(['pass', 'pass']);
  });

  it('reads ${AWS::AccountId} as the account the stack deploys to, known or not', () => {
    const layer = layerOf('!Sub arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:shared:4');
    const principal = permissionTemplate('!Sub arn:aws:iam::${AWS::AccountId}:root');
    for (const options of [{}, { ownAccount: ACCOUNT }]) {
      expect(scanTemplate(layer, layerCheck, options).findings.map((f) => f.status)).toEqual(['pass']);
      expect(scanTemplate(principal, permissionCheck, options).findings.map((f) => f.status)).toEqual([
        'pass',
      ]);
    }
  });

  it("passes a layer AWS publishes whatever the stack's account", () => {
    const powertools =
      'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7';
    for (const options of [{}, { ownAccount: ACCOUNT }]) {
      const found = scanTemplate(layerOf(powertools), layerCheck, options).findings;
      expect(found.map((f) => f.status)).toEqual(['pass']);
    }
  });

  it('fails a service permission pinned to another account by SourceAccount once the stack’s account is known', () => {
    const pinned = permissionTemplate('s3.amazonaws.com', `      SourceAccount: '${ACCOUNT}'\n`);
    expect(scanTemplate(pinned, permissionCheck).findings.map((f) => f.status)).toEqual(['unknown']);
    const other = scanTemplate(pinned, permissionCheck, { ownAccount: '444455556666' }).findings;
    expect(other.map((f) => f.status)).toEqual(['fail']);
    const own = scanTemplate(pinned, permissionCheck, { ownAccount: ACCOUNT }).findings;
    expect(own.map((f) => [f.status, f.message])).toEqual([
      ['pass', 'SourceAccount pins s3.amazonaws.com to the account the function is deployed to'],
    ]);
  });
});
