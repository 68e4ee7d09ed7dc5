import { describe, expect, it } from 'vitest';
import { outsideReferences } from '../../../src/sources/cloudformation/reference-parameters.js';

describe('outsideReferences', () => {
  it('leaves out the dynamic references of an Fn::Sub, in both forms, and keeps the rest', () => {
    expect(
      outsideReferences({ 'Fn::Sub': '${A}:{{resolve:secretsmanager:${B}:SecretString:k}}/${C}' }),
    ).toEqual({
      'Fn::Sub': '${A}:/${C}',
    });
    expect(
      outsideReferences({ 'Fn::Sub': ['{{resolve:ssm:/${Env}/x}}-${Name}', { Name: { Ref: 'N' } }] }),
    ).toEqual({ 'Fn::Sub': ['-${Name}', { Name: { Ref: 'N' } }] });
  });

  it('drops the items of an Fn::Join between a {{resolve: and its }}, across items', () => {
    const joined = {
      'Fn::Join': [
        '',
        [
          'pre-',
          { Ref: 'A' },
          '-{{resolve:secretsmanager:',
          { Ref: 'B' },
          ':SecretString:',
          { Ref: 'C' },
          '}}-',
          { Ref: 'D' },
        ],
      ],
    };
    expect(outsideReferences(joined)).toEqual({
      'Fn::Join': ['', ['pre-', { Ref: 'A' }, '-', '', '-', { Ref: 'D' }]],
    });
  });

  it('walks into other intrinsics and plain values', () => {
    const raw = { 'Fn::If': ['C', { 'Fn::Sub': '{{resolve:ssm:${P}}}' }, { Ref: 'Q' }] };
    expect(outsideReferences(raw)).toEqual({ 'Fn::If': ['C', { 'Fn::Sub': '' }, { Ref: 'Q' }] });
    expect(outsideReferences('text')).toBe('text');
  });
});
