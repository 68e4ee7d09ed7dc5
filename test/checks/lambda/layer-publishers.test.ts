import { describe, expect, it } from 'vitest';
import {
  AWS_LAYER_PUBLISHERS,
  AWS_LAYER_PUBLISHERS_TAKEN_ON,
  awsLayerPublisher,
  THIRD_PARTY_LAYER_PUBLISHERS,
  THIRD_PARTY_LAYER_PUBLISHERS_TAKEN_ON,
  thirdPartyLayerPublisher,
} from '../../../src/checks/lambda/layer-publishers.js';

describe('AWS layer publishers (src/data/aws-layer-publishers.json)', () => {
  it('knows the publishers other scanners flag as untrusted', () => {
    expect(awsLayerPublisher('017000801446')).toContain('Powertools');
    expect(awsLayerPublisher('094274105915')).toContain('Powertools');
    expect(awsLayerPublisher('580247275435')).toContain('Lambda Insights');
    expect(awsLayerPublisher('177933569100')).toContain('Parameters and Secrets');
    expect(awsLayerPublisher('027255383542')).toContain('AppConfig');
    expect(awsLayerPublisher('901920570463')).toContain('ADOT');
    expect(awsLayerPublisher('753240598075')).toContain('Web Adapter');
    expect(awsLayerPublisher('157417159150')).toBe('Amazon CodeGuru Profiler Python agent');
    for (const account of ['336392948345', '839552336658', '406640652441'])
      expect(awsLayerPublisher(account), account).toBe('AWS SDK for pandas (awswrangler)');
    expect(awsLayerPublisher('464622532012')).toBeUndefined();
  });

  it('names a product for an account two products share', () => {
    expect(awsLayerPublisher('498634801083')).toBe(
      'Powertools for AWS Lambda (Python), Powertools for AWS Lambda (TypeScript)',
    );
  });

  it('keeps every entry sourced, with account ids of twelve digits, and says when it was taken', () => {
    expect(AWS_LAYER_PUBLISHERS_TAKEN_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const publisher of AWS_LAYER_PUBLISHERS) {
      expect(publisher.sources.length, publisher.name).toBeGreaterThan(0);
      for (const source of publisher.sources) expect(source).toMatch(/^https:\/\//);
      for (const account of Object.keys(publisher.accounts)) expect(account).toMatch(/^\d{12}$/);
    }
  });
});

describe('third-party layer publishers (src/data/third-party-layer-publishers.json)', () => {
  it('names the vendor of an account, and none for an account no vendor publishes from', () => {
    expect(thirdPartyLayerPublisher('464622532012')).toBe('Datadog');
    expect(thirdPartyLayerPublisher('002406178527')).toBe('Datadog');
    expect(thirdPartyLayerPublisher('451483290750')).toBe('New Relic');
    expect(thirdPartyLayerPublisher('017000801446')).toBeUndefined();
    expect(thirdPartyLayerPublisher('111122223333')).toBeUndefined();
  });

  it('keeps every entry sourced and dated, and no account both AWS and a vendor', () => {
    expect(THIRD_PARTY_LAYER_PUBLISHERS_TAKEN_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const aws = new Set(AWS_LAYER_PUBLISHERS.flatMap((p) => Object.keys(p.accounts)));
    for (const publisher of THIRD_PARTY_LAYER_PUBLISHERS) {
      expect(publisher.sources.length, publisher.name).toBeGreaterThan(0);
      for (const source of publisher.sources) expect(source).toMatch(/^https:\/\//);
      for (const account of Object.keys(publisher.accounts)) {
        expect(account).toMatch(/^\d{12}$/);
        expect(aws.has(account), `${publisher.name} ${account} is also an AWS publisher`).toBe(false);
      }
    }
  });
});
