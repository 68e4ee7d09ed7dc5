import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { type Json, loadFixture, plain } from './helpers.js';

/**
 * The SAM translator's own test inputs and expected outputs (test/fixtures/sam) are the oracle: every resource it
 * generates must come out of expandSam with the same logical id, type, resource attributes and properties.
 */
const FIXTURES = [
  'function_with_policy_templates',
  'function_with_dlq',
  'sqs',
  'function_with_event_dest_basic',
  'globals_for_function',
];

const ATTRIBUTES = ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy'];

/**
 * The translator inlines the Default of a template parameter where it reads a value itself (EventInvokeConfig);
 * expandSam leaves the `Ref` for the resolver. Substituting the defaults makes the two comparable.
 */
function withParameterDefaults(value: unknown, parameters: Json): unknown {
  if (Array.isArray(value)) return value.map((item) => withParameterDefaults(item, parameters));
  if (value === null || typeof value !== 'object') return value;
  const map = value as Json;
  const name = map.Ref;
  if (Object.keys(map).length === 1 && typeof name === 'string') {
    const parameter = parameters[name] as Json | undefined;
    if (parameter !== undefined && 'Default' in parameter) return parameter.Default;
  }
  return Object.fromEntries(
    Object.entries(map).map(([key, item]) => [key, withParameterDefaults(item, parameters)]),
  );
}

/** ManagedPolicyArns is a set: its order changed between translator versions (the basic role came last, now first). */
function unordered(properties: unknown): unknown {
  const map = properties as Json;
  if (!Array.isArray(map.ManagedPolicyArns)) return map;
  return { ...map, ManagedPolicyArns: [...map.ManagedPolicyArns].map((arn) => JSON.stringify(arn)).sort() };
}

describe.each(FIXTURES)('translator fixture %s', (name) => {
  const input = loadFixture(`${name}.yaml`);
  const expected = loadFixture(`${name}.json`).Resources as Record<string, Json>;
  const expansion = expandSam(input, { partition: 'aws' });
  const actual = withParameterDefaults(
    plain(expansion.template.Resources),
    (input.Parameters ?? {}) as Json,
  ) as Record<string, Json>;

  it('generates exactly the resources the translator generates, with the same logical ids and types', () => {
    const types = (resources: Record<string, Json>) =>
      Object.fromEntries(Object.entries(resources).map(([id, resource]) => [id, resource.Type]));
    expect(types(actual)).toEqual(types(expected));
  });

  it.each(Object.keys(expected))('%s has the properties and attributes the translator writes', (id) => {
    const want = expected[id] as Json;
    const got = actual[id] as Json;
    expect(unordered(got.Properties ?? {})).toEqual(unordered(want.Properties ?? {}));
    for (const attribute of ATTRIBUTES) expect(got[attribute]).toEqual(want[attribute]);
  });

  it('reports no issues', () => {
    expect(expansion.issues).toEqual([]);
  });
});
