import { describe, expect, it } from 'vitest';
import { expandLanguageExtensions } from '../../../../src/sources/cloudformation/language-extensions/index.js';
import { parseYaml } from '../../../../src/sources/cloudformation/yaml.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../../../helpers/prototype-names.js';

// Names of Object.prototype (`constructor`, `toString`, `__proto__`, ...) in what Fn::ForEach loops read and make.

const LANGUAGE = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::LanguageExtensions\n";

function expand(text: string) {
  const doc = parseYaml(LANGUAGE + text, 'template.yaml').value as Record<string, unknown>;
  const expansion = expandLanguageExtensions(doc);
  return {
    resources: (expansion?.template.Resources ?? {}) as Record<string, Record<string, unknown>>,
    issues: (expansion?.issues ?? []).map((issue) => issue.message),
  };
}

describe.each(PROTOTYPE_NAMES)('Fn::ForEach, with the undeclared name %s', (name) => {
  it('reads a collection from a Ref to it as from a Ref to any undeclared name', () => {
    expectLikeOrdinaryName(
      (n) =>
        expand(`Resources:
  Fn::ForEach::Topics:
    - Name
    - !Ref ${n}
    - 'Topic\${Name}': {Type: AWS::SNS::Topic}
`),
      name,
    );
  });

  it('reads a collection from a mapped key of that name as from any key not in Mappings', () => {
    expectLikeOrdinaryName(
      (n) =>
        expand(`Mappings:
  Lists: {All: {Topics: [A, B]}}
Resources:
  Fn::ForEach::Topics:
    - Name
    - !FindInMap [Lists, All, ${n}]
    - 'Topic\${Name}': {Type: AWS::SNS::Topic}
`),
      name,
    );
  });
});

describe.each(PROTOTYPE_NAMES)('Fn::ForEach, with %s as a key', (name) => {
  it('keeps a key of that name, written or made by a loop, in the properties it rewrites', () => {
    const { resources, issues } = expand(`Resources:
  Fn::ForEach::Topics:
    - Name
    - [A]
    - 'Topic\${Name}':
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Sub '\${Name}'
          ${name}: {Written: true}
          Fn::ForEach::Keys:
            - Key
            - ['${name}']
            - '\${Key}\${Name}': {Made: true}
`);
    expect(issues).toEqual([]);
    const properties = resources.TopicA?.Properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.keys(properties)).toEqual(['TopicName', name, `${name}A`]);
    expect(properties[name]).toEqual({ Written: true });
  });
});
