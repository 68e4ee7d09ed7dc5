import { describe, expect, it } from 'vitest';
import { generateLogicalId, pythonJson } from '../../../../src/sources/cloudformation/sam/logical-id.js';

describe('pythonJson', () => {
  it('prints compact, key-sorted JSON with non-ASCII escaped, as Python json.dumps does', () => {
    expect(pythonJson({ b: [1, 'x'], a: { é: true, z: null } })).toBe(
      '{"a":{"z":null,"\\u00e9":true},"b":[1,"x"]}',
    );
  });
});

describe('generateLogicalId', () => {
  // Expected values computed with SAM's LogicalIdGenerator (SHA-1 of the stringified data, first 10 digits).
  it('appends the hash of structured data', () => {
    expect(generateLogicalId('FnVersion', { ZipFile: 'x', MemorySize: 128 })).toBe('FnVersion4e3e0ec4a8');
    expect(generateLogicalId('P', { b: [1, 'x'], a: { é: true, z: null } })).toBe('P1f1ed9043e');
  });

  it('hashes a string as it is', () => {
    expect(generateLogicalId('FnApiPermission', 'my-stage')).toBe('FnApiPermissiona9d64949ee');
  });

  it('uses a given hash instead, cut to 10 characters, and nothing without data', () => {
    expect(generateLogicalId('FnVersion', { a: 1 }, 'abcdef0123456789')).toBe('FnVersionabcdef0123');
    expect(generateLogicalId('FnRole')).toBe('FnRole');
  });
});
