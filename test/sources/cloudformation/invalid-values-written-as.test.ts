import { describe, expect, it } from 'vitest';
import type { ScanError } from '../../../src/findings/finding.js';
import { InvalidValues } from '../../../src/sources/cloudformation/map/invalid-values.js';
import type { BaseFields } from '../../../src/sources/cloudformation/map/types.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';

// A SAM function's property SAM renames (`Tracing` → TracingConfig.Mode, `DeadLetterQueue` → DeadLetterConfig): an
// error InvalidValues.reject reports on the generated path names what the user wrote, as `refuse` does.

const TEXT = `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Tracing: Bogus
`;

/** The same function, whose Tracing Globals gives. */
const IN_GLOBALS = `Globals:
  Function:
    Tracing: Bogus
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
`;

/** Reject TracingConfig.Mode of the properties SAM made of Fn (`writtenAs` as map-resource.ts gives it). */
function rejectTracing(writtenAs: BaseFields['writtenAs'], text = TEXT): [string, number | undefined][] {
  const { value, locator } = parseYaml(text, 'template.yaml');
  const doc = value as { Resources: Record<string, { Properties: object }>; Globals?: { Function: object } };
  const resources = doc.Resources;
  const written = resources.Fn?.Properties as object;
  const errors: ScanError[] = [];
  const made = { TracingConfig: { Mode: 'Bogus' } };
  const base: BaseFields = {
    id: 'Fn',
    type: 'AWS::Lambda::Function',
    source: { file: 'template.yaml', locator, node: resources, key: 'Fn' },
    properties: { file: 'template.yaml', locator, node: written },
    ...(doc.Globals
      ? { inheritedProperties: { file: 'template.yaml', locator, node: doc.Globals.Function } }
      : {}),
    ...(writtenAs ? { writtenAs } : {}),
  };
  new InvalidValues(locator, (e) => errors.push(e)).reject(
    made.TracingConfig,
    'Mode',
    ['TracingConfig', 'Mode'],
    'is refused',
    { id: 'Fn', props: made, base, resources },
  );
  return errors.map((e) => [e.message, e.line]);
}

describe('InvalidValues.reject of a property SAM renamed', () => {
  it('names the property as the user wrote it, where they wrote it', () => {
    expect(rejectTracing({ TracingConfig: ['Tracing'] })).toEqual([['Tracing of Fn is refused', 6]]);
  });

  it('names it in Globals, where Globals gives it', () => {
    expect(rejectTracing({ TracingConfig: ['Tracing'] }, IN_GLOBALS)).toEqual([
      ['Tracing in Globals is refused', 3],
    ]);
  });

  it('names the path read where nothing was renamed', () => {
    expect(rejectTracing(undefined)[0]?.[0]).toBe('TracingConfig.Mode of Fn is refused');
  });
});
