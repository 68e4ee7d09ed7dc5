import { describe, expect, it } from 'vitest';
import { isUnknown, unknown } from '../../../src/model/values.js';
import { equalValues } from '../../../src/sources/cloudformation/value-intrinsics.js';

describe('equalValues of one of some texts', () => {
  const envOf = (...values: string[]) =>
    unknown('from parameter Env, Env=dev or Env=test', '${Env}', {
      resources: [],
      noWildcard: [],
      oneOf: values,
    });

  it('is decided when none or all of them are the text, either way round', () => {
    expect(equalValues(envOf('dev', 'test'), 'prod')).toBe(false);
    expect(equalValues('prod', envOf('dev', 'test'))).toBe(false);
    expect(equalValues(envOf('dev', 'dev'), 'dev')).toBe(true);
  });

  it('is not known when some are the text, or against another value not known', () => {
    expect(isUnknown(equalValues(envOf('dev', 'test'), 'dev'))).toBe(true);
    expect(isUnknown(equalValues(envOf('dev', 'test'), unknown('from parameter Other')))).toBe(true);
  });
});
