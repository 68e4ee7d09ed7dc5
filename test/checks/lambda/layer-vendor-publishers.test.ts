import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/layer-untrusted-account.js';
import { scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

/**
 * A vendor publishes its layers from its own account, so a vendor's layer is surely not from the account the function
 * is deployed to: it fails (unless trusted) even where the template does not say which account that is.
 */
const DATADOG = 'arn:aws:lambda:us-east-1:464622532012:layer:Datadog-Extension:65';
const LUMIGO = 'arn:aws:lambda:eu-west-1:114300393969:layer:lumigo-node-tracer:301';
/** A literal account no vendor list names: it may be the deploying one. */
const OTHER = 'arn:aws:lambda:us-east-1:999988887777:layer:tools:2';

const withLayers = (...layers: string[]) =>
  template(lambdaFunction('Fn', `      Layers:\n${layers.map((layer) => `        - ${layer}\n`).join('')}`));

describe('lambda.layer-untrusted-account and the accounts vendors publish layers from', () => {
  it("fails a vendor's layer where the template does not say which account it deploys to, naming the vendor", () => {
    const { failed, unknown } = scanTemplate(withLayers(DATADOG, LUMIGO), check);
    expect(unknown).toEqual([]);
    expect(failed.map((f) => f.message)).toEqual([
      `Layer ${DATADOG} is published by Datadog's account 464622532012, not in trustedAccounts (a vendor's account, ` +
        "so not the one the function is deployed to): if you trust it, add it to parapet.yaml: trustedAccounts: ['464622532012'].",
      expect.stringContaining("is published by Lumigo's account 114300393969, not in trustedAccounts"),
    ]);
    expect(failed.map((f) => f.property)).toEqual(['Layers.0', 'Layers.1']);
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 11, column: 11 });
  });

  it("passes a vendor's layer whose account is in trustedAccounts", () => {
    const settings = { trustedAccounts: ['464622532012'] };
    const { passed, failed, unknown } = scanTemplate(withLayers(DATADOG), check, { settings });
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed[0]?.message).toBe(
      `every layer is trusted: ${DATADOG} (Datadog's account 464622532012 is in trustedAccounts)`,
    );
  });

  it('keeps unknown a literal account no vendor list names, which may be the deploying one', () => {
    const { unknown, failed } = scanTemplate(withLayers(OTHER), check);
    expect(failed).toEqual([]);
    expect(unknown[0]?.message).toContain(
      ': published by account 999988887777, which is neither AWS, a known vendor, nor in trustedAccounts, and the ' +
        'template does not say whether that is the account it is deployed to',
    );
  });

  /** A function whose one layer a mapping chooses by region: `usEast` in us-east-1, `euWest` in eu-west-1. */
  const byRegion = (usEast: string, euWest: string) =>
    template(
      lambdaFunction('Fn', '      Layers:\n        - !FindInMap [Layers, !Ref AWS::Region, Arn]\n'),
      `Mappings:\n  Layers:\n    us-east-1: { Arn: '${usEast}' }\n    eu-west-1: { Arn: '${euWest}' }\n`,
    );

  it('fails a layer chosen by region when each choice is a vendor layer, naming the vendor', () => {
    const { failed } = scanTemplate(byRegion(DATADOG, DATADOG.replace('us-east-1', 'eu-west-1')), check);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringContaining(
        ": each is published by Datadog's account 464622532012, which is neither AWS nor in trustedAccounts",
      ),
    ]);
  });

  it('says "are" and "them" of several vendor accounts a mapping chooses between', () => {
    const newRelic = 'arn:aws:lambda:eu-west-1:451483290750:layer:NewRelicPython312:12';
    const { failed } = scanTemplate(byRegion(DATADOG, newRelic), check);
    expect(failed.map((f) => f.message)).toEqual([
      expect.stringContaining(
        "New Relic's account 451483290750 and Datadog's account 464622532012, which are neither AWS nor in trustedAccounts " +
          "(if you trust them, add them to parapet.yaml: trustedAccounts: ['451483290750', '464622532012'])",
      ),
    ]);
  });

  it('fails a template nested twice when one nesting gives a vendor layer', () => {
    const child = template(
      lambdaFunction('Fn', '      Layers:\n        - !Ref LayerArn\n'),
      'Parameters:\n  LayerArn:\n    Type: String\n',
    );
    const powertools =
      'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7';
    const found = scanNestings(child, [
      { parameters: { LayerArn: powertools } },
      { parameters: { LayerArn: DATADOG } },
    ]);
    expect(found.of('lambda.layer-untrusted-account', 'Fn').map((f) => f.status)).toEqual(['fail']);
  });
});
