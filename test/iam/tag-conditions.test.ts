import { describe, expect, it } from 'vitest';
import { mayOverlap } from '../../src/iam/tag-conditions.js';

describe('mayOverlap', () => {
  it('tells apart resource patterns of another type, service or account, and keeps anything it cannot', () => {
    const instances = 'arn:aws:ec2:*:*:instance/*';
    expect(mayOverlap(instances, '*')).toBe(true);
    expect(mayOverlap(instances, 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc')).toBe(true);
    expect(mayOverlap(instances, 'arn:aws:ec2:*:*:*')).toBe(true);
    expect(mayOverlap(instances, 'arn:aws:ec2:*:*:volume/*')).toBe(false);
    expect(mayOverlap(instances, 'arn:aws:lambda:*:*:function:*')).toBe(false);
    expect(mayOverlap('arn:aws:ec2:*:111122223333:instance/*', 'arn:aws:ec2:*:444455556666:instance/*')).toBe(
      false,
    );
    expect(mayOverlap(instances, 'arn:aws:ec2:*')).toBe(true);
  });
});
