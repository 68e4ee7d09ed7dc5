// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { describeQualifier, invokedQualifier, LATEST, sameQualifier } from '../../src/model/qualifier.js';
import { unknown } from '../../src/model/values.js';

const param = (name: string) => unknown(`from parameter ${name}`, `\${${name}}`);
const version = unknown('the number of version FnVersion', '${FnVersion.Version}');

describe('qualifiers of Lambda functions', () => {
  it('reads an unqualified reference as $LATEST', () => {
    expect(invokedQualifier({})).toBe(LATEST);
    expect(invokedQualifier({ qualifier: 'live' })).toBe('live');
  });

  it('tells known qualifiers apart, but not an alias from a version number it may point at', () => {
    expect(sameQualifier('live', 'live')).toBe(true);
    expect(sameQualifier(LATEST, 'live')).toBe(false);
    expect(sameQualifier('live', 'prod')).toBe(false);
    expect(sameQualifier('3', LATEST)).toBe(false);
    expect(sameQualifier('live', '3')).toBeUndefined();
  });

  it('is undecided on a parameter, except the same expression or a version the template publishes', () => {
    expect(sameQualifier(LATEST, param('Stage'))).toBeUndefined();
    expect(sameQualifier(param('Stage'), param('Stage'))).toBe(true);
    expect(sameQualifier(param('Stage'), param('Other'))).toBeUndefined();
    // The very same value (a config's own qualifier), though it has no shape to compare.
    const opaque = unknown('Fn::Select over a value not known before deploy');
    expect(sameQualifier(opaque, opaque)).toBe(true);
    expect(sameQualifier(opaque, unknown('Fn::Select over a value not known before deploy'))).toBeUndefined();
    expect(sameQualifier(version, LATEST)).toBe(false);
    expect(sameQualifier(version, 'live')).toBeUndefined();
    const listed = unknown('from a mapping', undefined, { oneOf: ['blue', 'green'] });
    expect(sameQualifier('live', listed)).toBe(false);
    expect(sameQualifier('blue', listed)).toBeUndefined();
  });

  it('describes each kind in words', () => {
    expect([LATEST, 'live', '3', version, param('Stage')].map(describeQualifier)).toEqual([
      '$LATEST (unqualified)',
      'alias live',
      'version 3',
      'the version FnVersion publishes',
      'version or alias ${Stage} (not known before deploy)',
    ]);
  });
});
