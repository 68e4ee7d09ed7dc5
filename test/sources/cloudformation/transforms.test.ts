import { describe, expect, it } from 'vitest';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { samFunction } from '../../helpers/templates.js';

function warningsOf(text: string): string[] {
  const parsed = parseYaml(text, 't.yaml');
  return buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator).warnings.map(
    (w) => `${w.line} ${w.message}`,
  );
}

describe('transforms Parapet does not run', () => {
  it('are a warning each, at Transform: what a macro or AWS transform adds is not checked', () => {
    const text = `Transform:
  - AWS::Serverless-2016-10-31
  - Name: DatadogServerless
    Parameters: { extensionLayerVersion: '85' }
  - AWS::SecretsManager-2020-07-23
Resources:
${samFunction('Fn')}`;
    expect(warningsOf(text)).toEqual([
      '1 Transform DatadogServerless is a macro Parapet does not run: what it adds to the template or changes in it (functions, layers, variables, roles) is not checked',
      '1 Transform AWS::SecretsManager-2020-07-23 is a transform Parapet does not run: what it adds to the template or changes in it (functions, layers, variables, roles) is not checked',
    ]);
  });

  it('are none for SAM and the language extensions, which Parapet applies', () => {
    const text = `Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources:\n${samFunction('Fn')}`;
    expect(warningsOf(text)).toEqual([]);
  });
});
