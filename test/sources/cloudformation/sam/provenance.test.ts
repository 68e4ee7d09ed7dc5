import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { fixturePath, type Json, loadYaml } from './helpers.js';

/** Every object of the parsed input, to check that provenance and origins point into what the user wrote. */
function objectsOf(value: unknown, found = new Set<object>()): Set<object> {
  if (value === null || typeof value !== 'object' || found.has(value)) return found;
  found.add(value);
  for (const child of Object.values(value)) objectsOf(child, found);
  return found;
}

const TEMPLATES = [
  'globals_for_function.yaml',
  'function_with_event_dest_basic.yaml',
  'function_with_policy_templates.yaml',
];

describe.each(TEMPLATES)('provenance in %s', (name) => {
  const input = loadYaml(readFileSync(fixturePath(name), 'utf8'));
  const expansion = expandSam(input);
  const inputObjects = objectsOf(input);
  const inputResources = input.Resources as Json;

  it('traces every generated resource to a SAM resource of the input and to an object the user wrote', () => {
    const generated = Object.keys(expansion.template.Resources as Json).filter(
      (id) =>
        !(id in inputResources) || String((inputResources[id] as Json).Type).startsWith('AWS::Serverless::'),
    );
    expect(generated.length).toBeGreaterThan(0);
    for (const id of generated) {
      const origin = expansion.provenance.get(id);
      expect(origin, id).toBeDefined();
      expect(String((inputResources[origin?.samId ?? ''] as Json).Type)).toBe(origin?.samType);
      expect(inputObjects.has(origin?.node as object), id).toBe(true);
    }
  });

  it('points every origin of a built object into the input', () => {
    for (const [built, origin] of expansion.origins) {
      expect(inputObjects.has(built)).toBe(false);
      expect(inputObjects.has(origin.node)).toBe(true);
    }
  });
});
