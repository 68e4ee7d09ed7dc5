import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/model/values.js';
import { withParentText } from '../../../src/sources/cloudformation/nested-parent-text.js';
import { nestedStacks } from '../../../src/sources/cloudformation/nested-stacks.js';
import { cdkOut } from '../../helpers/cdk-out.js';
import { PROTOTYPE_NAMES } from '../../helpers/prototype-names.js';

const CHILD = 'Child.nested.template.json';

/** A parent stack whose nested stack takes `parameters`, and that nested stack, written to a folder. */
function stacks(parameters: Record<string, unknown>): { files: string[] } {
  const parent = {
    Resources: {
      Queue: { Type: 'AWS::SQS::Queue' },
      ChildStack: {
        Type: 'AWS::CloudFormation::Stack',
        Properties: { Parameters: parameters, TemplateURL: 'https://example.com/child.json' },
        Metadata: { 'aws:asset:path': CHILD },
      },
    },
  };
  const child = {
    Parameters: Object.fromEntries(Object.keys(parameters).map((p) => [p, { Type: 'String' }])),
  };
  const dir = cdkOut({ 'Parent.template.json': parent, [CHILD]: { ...child, Resources: {} } });
  return { files: [join(dir, 'Parent.template.json'), join(dir, CHILD)] };
}

describe.each(PROTOTYPE_NAMES)('a nested stack parameter named %s', (name) => {
  it('takes what the parent gives it, text or a resource of the parent, as its own value', () => {
    const { files } = stacks({ [name]: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Text: 'plain' });
    const gift = nestedStacks(files, undefined, 1_000_000).gifts.get(files[1] as string);
    const values = gift?.values ?? {};
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual([name, 'Text']);
    const value = values[name];
    expect(isUnknown(value) && value.template).toBe('${Queue.Arn}');
  });

  it('passes text the parent gives it on as a value given for it', () => {
    const { files } = stacks({ [name]: 'plain' });
    const gift = nestedStacks(files, undefined, 1_000_000).gifts.get(files[1] as string);
    const given = withParentText({ Other: 'x' }, gift?.values) ?? {};
    expect(Object.getPrototypeOf(given)).toBe(Object.prototype);
    expect(Object.keys(given)).toEqual(['Other', name]);
    expect(given[name]).toBe('plain');
  });
});
