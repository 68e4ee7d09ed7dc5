import { describe, expect, it } from 'vitest';
import { arnService } from '../../src/model/arn.js';

describe('arnService', () => {
  it('reads the literal service field, past a placeholder partition', () => {
    expect(arnService('arn:aws:sns:us-east-1:*:t')).toBe('sns');
    expect(arnService('arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q')).toBe('sqs');
    expect(arnService('arn:aws:s3:::bucket/*')).toBe('s3');
  });

  it('reads none where the field is not literal text, or the text is no ARN', () => {
    expect(arnService('arn:aws:s*:::bucket')).toBeUndefined();
    expect(arnService('arn:aws:${Service}:us-east-1:123456789012:x')).toBeUndefined();
    expect(arnService('arn:aws::us-east-1:123456789012:x')).toBeUndefined();
    expect(arnService('arn:aws:sns')).toBeUndefined();
    expect(arnService('*')).toBeUndefined();
    expect(arnService('my-queue')).toBeUndefined();
  });
});
